"""The public directory: find drop-ins and groups. No personal data is read here."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import overload

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from community.models import Activity, Schedule, Session
from community.nearby import Near
from core.pagination import fetch_page

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


MOST = 500  # listings found at most
PageFetch = Callable[[int, int, int], list[Activity]]  # (start, stop, how many were found): the page's rows in order


class LazyListings(Sequence[Listing]):
    """Listings in their order (by name, or nearest first), built only for the slice a page shows
    (one capped COUNT, the page's ids along the name index, then those 20 with their details),
    rather than all 500 for every page: 10,800 activities nationally."""

    def __init__(self, activities: QuerySet[Activity], *, limit: int, fetch: PageFetch | None = None) -> None:
        self._activities = activities
        self._limit = limit
        self._fetch_page = fetch
        self._count: int | None = None

    def _fetch(self, start: int, stop: int) -> list[Activity]:
        if self._fetch_page is not None:
            return self._fetch_page(start, stop, len(self))
        return fetch_page(self._activities, start, stop)

    def __len__(self) -> int:
        if self._count is None:
            # Counted in any order: how many there are, up to the cap, does not depend on it, and
            # in name order PostgreSQL must find and sort every match before keeping 500 (a
            # weekday's step-free drop-ins: 1,150 of 10,820 nationally); unordered it stops at 500.
            self._count = self._activities.order_by().values("pk")[: self._limit].count()
        return self._count

    @overload
    def __getitem__(self, index: int) -> Listing: ...

    @overload
    def __getitem__(self, index: slice) -> list[Listing]: ...

    def __getitem__(self, index: int | slice) -> Listing | list[Listing]:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            return [_listing(activity) for activity in self._fetch(start, stop)][::step]
        position = index + len(self) if index < 0 else index
        if not 0 <= position < len(self):
            raise IndexError(index)
        return _listing(self._fetch(position, position + 1)[0])


def _listing(activity: Activity) -> Listing:
    return Listing(
        activity=activity,
        schedules=[schedule.description for schedule in activity.schedules.all()],
        next_session=activity.next_start,  # type: ignore[attr-defined]
        distance_miles=getattr(activity, "miles_away", None),  # near a postcode only (community.nearby)
    )


def public_activities() -> QuerySet[Activity]:
    now = timezone.now()
    upcoming = Session.objects.filter(activity=OuterRef("pk"), cancelled_at__isnull=True, ends_at__gte=now).order_by("starts_at")
    return (
        Activity.objects.of_open_projects()
        .filter(is_active=True)
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
    near: Near | None = None,
    open_now: bool = False,
    features: list[str] | None = None,
    kind: str = "",
    category: str = "",
) -> Sequence[Listing]:
    activities = public_activities()
    if day is not None:
        activities = activities.filter(Exists(Schedule.objects.filter(activity=OuterRef("pk"), weekday=day)))
    if area:
        activities = activities.filter(venue__area=area)
    if open_now:
        now = timezone.now()
        # The activities with a session in progress, as a list (a few hundred at the busiest
        # hour nationally, none at night): PostgreSQL then knows how few they are, and reads them
        # by key rather than walking every activity by name asking each for its sessions.
        open_ids = set(Session.objects.in_progress(now).values_list("activity_id", flat=True))
        activities = activities.filter(pk__in=open_ids)
    for feature in features or []:
        activities = activities.filter(**{f"venue__{ACCESSIBILITY_FIELDS[feature]}": True})
    if kind:
        activities = activities.filter(kind=kind)
    if category:
        activities = activities.filter(category=category)
    # EXISTS rather than joining every session and de-duplicating (millions of rows on a national instance),
    # and one EXISTS over both (a schedule, or else a session) rather than `EXISTS … OR EXISTS …`,
    # for which PostgreSQL hashed every activity's schedule before the first row: each activity
    # the page reads is one probe of the schedule index (the directory's first page: 2 ms to
    # 0.2 ms on `large`). A day's schedule or a session in progress already says an activity is
    # planned: the test is left out then.
    if day is None and not open_now:
        schedules = Schedule.objects.filter(activity=OuterRef("pk")).values("activity")
        activities = activities.filter(
            Exists(schedules.union(Session.objects.filter(activity=OuterRef("pk")).values("activity"), all=True))
        )
    if near is not None:
        # The nearest first, then by name, each with its distance (`miles_away`): the database
        # finds and orders the near ones (community.nearby), and a page sorts only the nearest.
        def nearest(start: int, stop: int, found: int, base: QuerySet[Activity] = activities, near: Near = near) -> list[Activity]:
            return near.page_by_distance(base, start, stop, found=found)

        return LazyListings(near.filter(activities), limit=MOST, fetch=nearest)
    return LazyListings(activities, limit=MOST)
