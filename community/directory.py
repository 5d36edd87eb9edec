"""The public directory: find drop-ins and groups. No personal data is read here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from community.models import Activity, Schedule, Session
from community.openreferral import venue_coordinates
from community.reference.postcode_districts import District, distance_miles

ACCESSIBILITY_FIELDS = {
    "step_free": "step_free_access",
    "toilet": "accessible_toilet",
    "hearing_loop": "hearing_loop",
    "quiet_room": "quiet_room",
}


@dataclass(frozen=True)
class Listing:
    activity: Activity
    schedules: list[str]
    next_session: datetime | None
    distance_miles: float | None

    @property
    def distance_text(self) -> str:
        if self.distance_miles is None:
            return ""
        return "less than half a mile away" if self.distance_miles < 0.5 else f"about {self.distance_miles:.1f} miles away"


def public_activities() -> QuerySet[Activity]:
    now = timezone.now()
    upcoming = Session.objects.filter(activity=OuterRef("pk"), cancelled_at__isnull=True, ends_at__gte=now).order_by("starts_at")
    return (
        Activity.objects.filter(is_active=True, project__is_active=True)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=timezone.localdate()))
        .select_related("project", "venue")
        .prefetch_related(Prefetch("schedules", queryset=Schedule.objects.order_by("weekday", "opens_at")))
        .annotate(next_start=upcoming.values("starts_at")[:1])
        .order_by("name", "id")
    )


def find_activities(
    *,
    day: int | None = None,
    area: str = "",
    near: District | None = None,
    within_miles: float | None = None,
    open_now: bool = False,
    features: list[str] | None = None,
    kind: str = "",
    category: str = "",
) -> list[Listing]:
    activities = public_activities()
    if day is not None:
        activities = activities.filter(Exists(Schedule.objects.filter(activity=OuterRef("pk"), weekday=day)))
    if area:
        activities = activities.filter(venue__area=area)
    if open_now:
        now = timezone.now()
        in_progress = Session.objects.filter(activity=OuterRef("pk"), cancelled_at__isnull=True, starts_at__lte=now, ends_at__gt=now)
        activities = activities.filter(Exists(in_progress))
    for feature in features or []:
        activities = activities.filter(**{f"venue__{ACCESSIBILITY_FIELDS[feature]}": True})
    if kind:
        activities = activities.filter(kind=kind)
    if category:
        activities = activities.filter(category=category)
    listings = []
    # EXISTS rather than joining every session and de-duplicating (millions of rows on a national instance).
    planned = Exists(Schedule.objects.filter(activity=OuterRef("pk"))) | Exists(Session.objects.filter(activity=OuterRef("pk")))
    for activity in activities.filter(planned)[:500]:
        distance = None
        if near is not None:
            latitude, longitude = venue_coordinates(activity.venue)
            if latitude is None or longitude is None:
                continue
            distance = distance_miles(near.latitude, near.longitude, latitude, longitude)
            if within_miles is not None and distance > within_miles:
                continue
        listings.append(
            Listing(
                activity=activity,
                schedules=[schedule.description for schedule in activity.schedules.all()],
                next_session=activity.next_start,  # type: ignore[attr-defined]
                distance_miles=distance,
            )
        )
    if near is not None:
        listings.sort(key=lambda listing: listing.distance_miles or 0.0)
    return listings
