"""Somewhere to go in a crisis: the directory's crisis places, which are open now, and their
opening hours in words. Public, no personal data; one query (two with the openings prefetched)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from community.models import CrisisOpening, CrisisPlace, Weekday

MAX_PLACES = 200


@dataclass(frozen=True)
class CrisisListing:
    place: CrisisPlace
    open_now: bool
    hours: list[str]


def published_crisis_places() -> QuerySet[CrisisPlace]:
    openings = Prefetch("openings", queryset=CrisisOpening.objects.order_by("weekday", "opens_at"))
    return CrisisPlace.objects.filter(is_active=True).prefetch_related(openings).order_by("kind", "name")


def is_open(place: CrisisPlace, moment: datetime) -> bool:
    return place.always_open or any(opening.is_open_at(moment) for opening in place.openings.all())


def _clock(value: time) -> str:
    """8pm, 2:30am, midnight."""
    if value == time(0, 0):
        return "midnight"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def _span(opening: CrisisOpening) -> str:
    if opening.all_day:
        return "all day"
    text = f"{_clock(opening.opens_at)} to {_clock(opening.closes_at)}"
    return f"{text} (overnight)" if opening.overnight and opening.closes_at != time(0, 0) else text


def hours_in_words(place: CrisisPlace) -> list[str]:
    """["Every day, 8pm to 2am (overnight)"] or one line per group of days with the same hours."""
    if place.always_open:
        return ["Open day and night, every day"]
    by_day: dict[int, list[str]] = {}
    for opening in place.openings.all():
        by_day.setdefault(opening.weekday, []).append(_span(opening))
    if not by_day:
        return ["Opening hours not known: phone first"]
    spans = {day: ", ".join(texts) for day, texts in by_day.items()}
    if len(spans) == 7 and len(set(spans.values())) == 1:
        return [f"Every day, {spans[0]}"]
    return [f"{Weekday(day).label}, {text}" for day, text in sorted(spans.items())]


def crisis_listings(*, now: datetime | None = None) -> list[CrisisListing]:
    """Every published crisis place, those open now first (phone lines and A&E before cafés)."""
    moment = now or timezone.now()
    listings = [CrisisListing(place, is_open(place, moment), hours_in_words(place)) for place in published_crisis_places()[:MAX_PLACES]]
    return sorted(listings, key=lambda listing: not listing.open_now)
