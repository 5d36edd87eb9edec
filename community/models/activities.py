"""Activities (drop-ins and groups) and the recurring schedules that produce their sessions."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from dateutil import rrule
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone


class ActivityKind(models.TextChoices):
    DROP_IN = "drop_in", "Drop-in"
    GROUP = "group", "Group"


class ActivityCategory(models.TextChoices):
    PEER_SUPPORT = "peer_support", "Peer support"
    SOCIAL = "social", "Social and friendship"
    CREATIVE = "creative", "Arts and crafts"
    WALKING = "walking", "Walking and outdoors"
    WRAP = "wrap", "Wellness and recovery planning (WRAP)"
    SKILLS = "skills", "Learning and skills"
    WELLBEING = "wellbeing", "Wellbeing and relaxation"


class ActivityQuerySet(models.QuerySet["Activity"]):
    def of_open_projects(self) -> ActivityQuerySet:
        """Activities whose project is open: what the directory and Open Referral publish, and
        what sessions are made for. Asked as "not of a closed project": the closed ones are few
        (`project_closed_ids`), held by PostgreSQL in a hash each activity is looked up in, where
        joining the open ones hashed every project for each list (3,618 on `large`, about a
        millisecond each time a list was counted or a search paged)."""
        from community.models.projects import Project

        return self.exclude(project__in=Project.objects.filter(is_active=False))


class Activity(models.Model):
    """A drop-in or a group. A group is either open, or a course with dates and a capacity."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    project = models.ForeignKey("community.Project", on_delete=models.CASCADE, related_name="activities")
    venue = models.ForeignKey("community.Venue", on_delete=models.PROTECT, related_name="activities")
    # Open Referral UK "service at location" id, stored so a lookup is one indexed query.
    service_at_location_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200)
    description = models.TextField()
    kind = models.CharField(max_length=10, choices=ActivityKind.choices)
    category = models.CharField("Kind of activity", max_length=20, choices=ActivityCategory.choices)
    is_course = models.BooleanField("This is a course people enrol on", default=False)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    capacity = models.PositiveIntegerField(null=True, blank=True, help_text="The most people who can enrol")
    how_to_join = models.TextField("How to join")
    closed_on_bank_holidays = models.BooleanField(default=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "activities"
        indexes = [
            # The directory and Open Referral list activities by name: a page walks this index.
            models.Index(fields=["name", "id"], name="activity_name_order"),
            # Counted by kind (Open Referral's taxonomy term, the directory's kind) from the index
            # alone on PostgreSQL: the id and project for the joins, not every activity's row.
            models.Index(fields=["kind"], include=["id", "project"], name="activity_kind_counted"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(capacity__isnull=True) | models.Q(capacity__gte=1), name="activity_capacity_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(starts_on__isnull=True) | models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="activity_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.capacity is not None and self.capacity < 1:
            errors["capacity"] = "Enter a capacity of 1 or more"
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = "The end date must be on or after the start date"
        if self.is_course:
            if self.kind != ActivityKind.GROUP:
                errors["is_course"] = "Only a group can be a course"
            if self.starts_on is None:
                errors["starts_on"] = "Enter the date the course starts"
            if self.ends_on is None:
                errors["ends_on"] = "Enter the date the course ends"
            if self.capacity is None:
                errors["capacity"] = "Enter how many people can join the course"
        if errors:
            raise ValidationError(errors)

    def covers(self, day: date) -> bool:
        """Whether a session on this day is inside the activity's dates."""
        return (self.starts_on is None or day >= self.starts_on) and (self.ends_on is None or day <= self.ends_on)


class Frequency(models.TextChoices):
    WEEKLY = "weekly", "Every week"
    FORTNIGHTLY = "fortnightly", "Every two weeks"
    MONTHLY = "monthly", "Once a month"


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class WeekOfMonth(models.IntegerChoices):
    FIRST = 1, "First"
    SECOND = 2, "Second"
    THIRD = 3, "Third"
    FOURTH = 4, "Fourth"
    LAST = -1, "Last"


RFC5545_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class Schedule(models.Model):
    """When an activity happens: weekly, fortnightly or monthly on the nth weekday, in local time."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="schedules")
    frequency = models.CharField(max_length=12, choices=Frequency.choices, default=Frequency.WEEKLY)
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    week_of_month = models.SmallIntegerField(choices=WeekOfMonth.choices, null=True, blank=True)
    opens_at = models.TimeField()
    closes_at = models.TimeField()
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["weekday", "opens_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(closes_at__gt=models.F("opens_at")), name="schedule_closes_after_opening"),
        ]
        # "Runs on a Tuesday" (Open Referral's day, the directory's day) for every activity at
        # once, when a list is counted: the day's rows from the index alone.
        indexes = [models.Index(fields=["weekday", "activity"], name="schedule_weekday_activity")]

    def __str__(self) -> str:
        return f"{self.get_frequency_display()} on {self.get_weekday_display()}"

    def clean(self) -> None:
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": "The finishing time must be after the starting time"})
        if self.frequency == Frequency.MONTHLY and self.week_of_month is None:
            raise ValidationError({"week_of_month": "Choose which week of the month"})
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": "The last date must be on or after the first date"})

    @property
    def interval(self) -> int:
        return 2 if self.frequency == Frequency.FORTNIGHTLY else 1

    @property
    def rfc5545_freq(self) -> str:
        return "MONTHLY" if self.frequency == Frequency.MONTHLY else "WEEKLY"

    @property
    def rfc5545_byday(self) -> str:
        day = RFC5545_DAYS[self.weekday]
        if self.frequency == Frequency.MONTHLY and self.week_of_month:
            return f"{self.week_of_month}{day}"
        return day

    @property
    def description(self) -> str:
        day = self.get_weekday_display()
        times = f"{format_time(self.opens_at)} to {format_time(self.closes_at)}"
        if self.frequency == Frequency.MONTHLY and self.week_of_month:
            return f"{self.get_week_of_month_display()} {day} of the month, {times}"
        if self.frequency == Frequency.FORTNIGHTLY:
            return f"Every other {day}, {times}"
        return f"Every {day}, {times}"

    def dates_between(self, start: date, end: date) -> list[date]:
        """The dates this schedule falls on between start and end inclusive (rrule expansion)."""
        first = max(start, self.valid_from)
        last = min(end, self.valid_to) if self.valid_to else end
        if last < first:
            return []
        weekday = rrule.weekday(self.weekday)
        if self.frequency == Frequency.MONTHLY:
            rule = rrule.rrule(rrule.MONTHLY, dtstart=_midnight(self.valid_from), byweekday=weekday(self.week_of_month or 1))
        else:
            rule = rrule.rrule(rrule.WEEKLY, interval=self.interval, dtstart=_midnight(self.valid_from), byweekday=weekday)
        return [moment.date() for moment in rule.between(_midnight(first), _midnight(last), inc=True)]

    def local_times(self, day: date) -> tuple[datetime, datetime]:
        """Start and end on a day as aware datetimes in the service's time zone (so 10am stays 10am
        across the clock changes)."""
        zone = ZoneInfo(settings.TIME_ZONE)
        return datetime.combine(day, self.opens_at, tzinfo=zone), datetime.combine(day, self.closes_at, tzinfo=zone)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time())


def format_time(value: time) -> str:
    """10:00 → "10am"; 13:30 → "1:30pm"."""
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


class ActivityClosure(models.Model):
    """A one-off cancellation on a date (for example, the venue is shut). Members see the reason."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="closures")
    date = models.DateField()
    reason = models.CharField(max_length=200)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["activity", "date"], name="one_closure_per_activity_day")]

    def __str__(self) -> str:
        return f"{self.activity_id} closed on {self.date}"
