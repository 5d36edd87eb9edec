"""Places and lines to turn to in a crisis (crisis cafés and sanctuaries, out-of-hours phone
lines, A&E mental health liaison), with opening hours that may run past midnight.

An opening runs from `opens_at` on its day to `closes_at`; when `closes_at` is not after
`opens_at` it closes on the next day (20:00 to 02:00 is open from 8pm until 2am the next
morning). 00:00 to 00:00 is open all day. Times are the wall clock in the service's time zone.
"""

from __future__ import annotations

import uuid
from datetime import datetime, time, timedelta

from django.db import models
from django.utils import timezone

from community.models.activities import Weekday


class CrisisPlaceKind(models.TextChoices):
    SANCTUARY = "sanctuary", "Crisis café or sanctuary"
    PHONE_LINE = "phone_line", "Out-of-hours phone line"
    AE_LIAISON = "ae_liaison", "A&E mental health liaison"


class CrisisPlace(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=20, choices=CrisisPlaceKind.choices)
    name = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200, blank=True)
    description = models.TextField("What they offer", blank=True)
    who_for = models.CharField("Who it is for", max_length=300, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    address_1 = models.CharField("Address line 1", max_length=200, blank=True)
    city = models.CharField("Town or city", max_length=100, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    how_to_get_there = models.TextField(blank=True)
    always_open = models.BooleanField("Open day and night, every day", default=False)
    is_active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def address_lines(self) -> list[str]:
        return [line for line in (self.address_1, self.city, self.postcode) if line]


class CrisisOpening(models.Model):
    place = models.ForeignKey(CrisisPlace, on_delete=models.CASCADE, related_name="openings")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    opens_at = models.TimeField()
    closes_at = models.TimeField()

    class Meta:
        ordering = ["weekday", "opens_at"]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M}-{self.closes_at:%H:%M}"

    @property
    def all_day(self) -> bool:
        return self.opens_at == self.closes_at == time(0, 0)

    @property
    def overnight(self) -> bool:
        return not self.all_day and self.closes_at <= self.opens_at

    def is_open_at(self, moment: datetime) -> bool:
        """Open at this moment (any time zone; judged on the local wall clock)."""
        local = timezone.localtime(moment)
        day, clock = local.weekday(), local.time().replace(tzinfo=None)
        if self.all_day:
            return day == self.weekday
        if not self.overnight:
            return day == self.weekday and self.opens_at <= clock < self.closes_at
        yesterday = (local.date() - timedelta(days=1)).weekday()
        return (day == self.weekday and clock >= self.opens_at) or (yesterday == self.weekday and clock < self.closes_at)
