"""Near a postcode: the one rule the public directory and Open Referral's service_at_locations share.

A venue's place is its own latitude and longitude, or else its postcode district's centre
(`venue_coordinates`). It is near a searched postcode when the great-circle distance from that
postcode's district centre to its place (`distance_miles`) is within the distance asked for.

The database finds the activities at near venues, so a page reads only its own rows (every
published activity read into Python and measured was 2.3 s on `large`, 10,820 activities).
Venues with coordinates: through an indexed box around the centre, then the haversine in SQL,
operation for operation as `distance_miles` computes it, with those within a hair of the limit
measured here (`borderline_venues`). Venues without: by their postcode's district (an indexed
expression), each of the ~40 districts measured here once. So the rule gives Python's answer,
to the last bit, wherever it is applied.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, TypeVar

from django.db.models import Case, Expression, F, FloatField, Model, Q, QuerySet, Value, When
from django.db.models.functions import ASin, Cast, Cos, Power, Sin, Sqrt

from community.models import Activity, Venue
from community.reference.postcode_districts import DISTRICTS, District, distance_miles, district_for
from core.pagination import fetch_page

METRES_PER_MILE = 1609.344
EARTH_RADIUS_MILES = 3958.8  # as `distance_miles`
# The box is a superset of the circle: the exact test follows. Wider by half, for the coordinates'
# six decimal places and the box's own arithmetic; it only costs a few more candidates.
BOX_MARGIN = 1.5
# The database's distance counts only where it is further than this (relative) from the limit;
# closer, the venue is measured here. The two agree to the last bit where they share a C library.
SQL_MARGIN = 1e-9
M = TypeVar("M", bound=Model)


def venue_coordinates(venue: Venue) -> tuple[float | None, float | None]:
    """The venue's own coordinates, else its postcode district's centre, else none."""
    if venue.latitude is not None and venue.longitude is not None:
        return float(venue.latitude), float(venue.longitude)
    district = district_for(venue.postcode)
    return (district.latitude, district.longitude) if district else (None, None)


@dataclass(frozen=True)
class Near:
    """Within `metres` of a postcode district's centre."""

    centre: District
    metres: float

    @classmethod
    def within_miles(cls, centre: District, miles: float) -> Near:
        return cls(centre, miles * METRES_PER_MILE)

    def miles_to(self, latitude: float, longitude: float) -> float:
        return distance_miles(self.centre.latitude, self.centre.longitude, latitude, longitude)

    def reaches(self, miles: float) -> bool:
        return miles * METRES_PER_MILE <= self.metres

    @cached_property
    def districts(self) -> dict[str, float]:
        """The districts whose centre is near, with its distance: a venue without coordinates is
        near when its postcode is in one of these."""
        found = {code: self.miles_to(d.latitude, d.longitude) for code, d in DISTRICTS.items()}
        return {code: miles for code, miles in found.items() if self.reaches(miles)}

    def _box(self, prefix: str) -> Q:
        """Coordinates in a box around the circle (the `venue_place` index)."""
        miles = self.metres / METRES_PER_MILE * BOX_MARGIN
        half_height = math.degrees(miles / EARTH_RADIUS_MILES)  # a great circle is never shorter than its latitude change
        box = Q(
            **{f"{prefix}latitude__gte": self.centre.latitude - half_height, f"{prefix}latitude__lte": self.centre.latitude + half_height}
        )
        widest = abs(self.centre.latitude) + half_height
        if widest >= 89.0:
            return box  # near a pole the longitudes converge: every longitude
        half_width = half_height / math.cos(math.radians(widest))
        west, east = self.centre.longitude - half_width, self.centre.longitude + half_width
        if west < -180.0 or east > 180.0:
            return box  # across the antimeridian: every longitude
        return box & Q(**{f"{prefix}longitude__gte": west, f"{prefix}longitude__lte": east})

    def miles_sql(self, prefix: str = "") -> Expression:
        """`miles_to` a venue's own coordinates, computed by the database operation for operation
        (the same constants, the same order, `POWER` as Python's `**`): the same double on SQLite
        (Django computes these functions in Python) and, with the same C library, on PostgreSQL
        (equal for 21,318 venue and district pairs). Where a library differs in the last bits,
        `borderline_venues` keeps the answer Python's."""
        latitude = Cast(F(f"{prefix}latitude"), FloatField())
        longitude = Cast(F(f"{prefix}longitude"), FloatField())
        to_radians = _float(math.pi / 180.0)  # `math.radians`: x * (pi / 180)
        phi1 = math.radians(self.centre.latitude)
        dphi = (latitude - _float(self.centre.latitude)) * to_radians
        dlambda = (longitude - _float(self.centre.longitude)) * to_radians
        two = _float(2.0)
        a = Power(Sin(dphi / two), two) + _float(math.cos(phi1)) * Cos(latitude * to_radians) * Power(Sin(dlambda / two), two)
        return _float(2 * EARTH_RADIUS_MILES) * ASin(Sqrt(a))

    @cached_property
    def _reach(self) -> tuple[float, float]:
        """Miles within which the database's distance surely counts as near, and beyond which surely not."""
        miles = self.metres / METRES_PER_MILE
        return miles * (1 - SQL_MARGIN), miles * (1 + SQL_MARGIN)

    @cached_property
    def borderline_venues(self) -> list[uuid.UUID]:
        """The venues with coordinates the database measures within a hair of the distance, and
        near by `miles_to`: decided here, to the last bit (one query, nearly always no rows)."""
        low, high = self._reach
        venues = Venue.objects.filter(_placed(""), self._box("")).alias(miles=self.miles_sql()).filter(miles__gt=low, miles__lte=high)
        rows = venues.order_by().values_list("pk", "latitude", "longitude")
        return [pk for pk, lat, lon in rows if lat is not None and lon is not None and self.reaches(self.miles_to(float(lat), float(lon)))]

    def _near(self, rows: QuerySet[M], prefix: str, venue: str) -> QuerySet[M]:
        low, _ = self._reach
        placed = _placed(prefix) & self._box(prefix) & (Q(near_miles__lte=low) | Q(**{f"{venue}__in": self.borderline_venues}))
        unplaced = _unplaced(prefix) & Q(near_district__in=list(self.districts))
        measured = rows.alias(near_miles=self.miles_sql(prefix), near_district=F(f"{prefix}postcode_district"))
        return measured.filter(placed | unplaced)  # type: ignore[return-value]  # (django-stubs: alias widens the model)

    def venues(self) -> QuerySet[Venue]:
        """The near venues."""
        return self._near(Venue.objects.all(), "", "pk")

    def filter(self, activities: QuerySet[Activity]) -> QuerySet[Activity]:
        """The activities at near venues, in their order."""
        return self._near(activities, "venue__", "venue_id")

    def by_distance(self, activities: QuerySet[Activity]) -> QuerySet[Activity]:
        """The activities at near venues, nearest first (then in their order), each with
        `miles_away`: the database's distance for a venue's own coordinates, the districts'
        distances measured here for the others."""
        near = self.filter(activities)
        whens = [When(_placed("venue__"), then=F("near_miles"))]
        if self.districts:
            whens.append(When(_unplaced("venue__"), then=DistrictMiles(F("near_district"), self.districts)))
        miles_away = Cast(Case(*whens, output_field=FloatField()), FloatField())
        return near.annotate(miles_away=miles_away).order_by("miles_away", *near.query.order_by)

    def page_by_distance(self, activities: QuerySet[Activity], start: int, stop: int, *, found: int) -> list[Activity]:
        """Rows `start:stop` of `by_distance(activities)`, of which there are `found` (or more),
        sorting only the nearest. Every activity further than a radius comes after every one
        within it, so when a radius holds `stop` activities their first `stop` are the first
        `stop` of all. The radius first tried would hold twice `stop` were the activities spread
        evenly, and doubles until it holds enough (then the whole distance): near B1 on `large`,
        a first page sorts the ~600 activities within a mile rather than all 3,034 within three."""
        miles = self.metres / METRES_PER_MILE
        radius = miles * math.sqrt(min(1.0, 2 * stop / found)) if found > 0 else miles
        while radius < miles:
            page = fetch_page(self._within(activities, radius), start, stop)
            if len(page) == stop - start:
                return page
            radius *= 2
        return fetch_page(self.by_distance(activities), start, stop)

    def _within(self, activities: QuerySet[Activity], radius: float) -> QuerySet[Activity]:
        """`by_distance(activities)` no further than `radius` miles: found through the indexes for
        a ring that radius wide (a superset), then held to `miles_away`, the order's own distance."""
        ring = Near.within_miles(self.centre, radius)
        candidates = (_placed("venue__") & ring._box("venue__")) | (_unplaced("venue__") & Q(near_district__in=list(ring.districts)))
        return self.by_distance(activities).filter(candidates, Q(miles_away__lte=radius))


def _placed(prefix: str) -> Q:
    return Q(**{f"{prefix}latitude__isnull": False, f"{prefix}longitude__isnull": False})


def _unplaced(prefix: str) -> Q:
    """A venue without both coordinates is placed at its district's centre (`venue_coordinates`)."""
    return Q(**{f"{prefix}latitude__isnull": True}) | Q(**{f"{prefix}longitude__isnull": True})


def _float(value: float) -> Value:
    return Value(value, output_field=FloatField())


class DistrictMiles(Expression):
    """`CASE <district> WHEN 'B13' THEN 0.0 WHEN … END`, the distance of each near district: a
    simple CASE, which computes a row's district once. (A searched CASE, `WHEN <district> = 'B13'`,
    computes it again for each district: 75 ms to order 5,000 activities.)"""

    output_field = FloatField()

    def __init__(self, district: Expression | F, miles: dict[str, float]) -> None:
        super().__init__()
        self.district = district
        self.miles = miles

    def get_source_expressions(self) -> list[Any]:
        return [self.district]

    def set_source_expressions(self, expressions: Sequence[Any]) -> None:
        (self.district,) = expressions

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, tuple[Any, ...]]:
        sql, params = compiler.compile(self.district)
        whens = " ".join("WHEN %s THEN %s" for _ in self.miles)
        return f"CASE {sql} {whens} END", (*params, *(value for pair in self.miles.items() for value in pair))
