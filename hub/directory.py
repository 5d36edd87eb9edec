"""Finding resources for the public hub page: topic, free text and distance from a postcode, in a
fixed number of queries; and the positions for the drawn map (no tiles, no JavaScript)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Q, QuerySet

from community.reference.postcode_districts import DISTRICTS, District, distance_miles, district_for
from hub.models import Resource

# The drawn map's frame: Birmingham and its edges.
NORTH, SOUTH, WEST, EAST = 52.575, 52.370, -2.035, -1.715
MAP_WIDTH, MAP_HEIGHT = 400, 400
MILES_PER_DEGREE_LATITUDE = 69.0
LANDMARKS = ("B1", "B6", "B13", "B17", "B23", "B27", "B31", "B33", "B42", "B44")


def public_resources() -> QuerySet[Resource]:
    return Resource.objects.filter(is_active=True).select_related("organisation", "feed").order_by("name", "id")


def position(resource: Resource) -> tuple[float, float] | None:
    """Latitude and longitude: the resource's own, else its postcode district's centre."""
    if resource.latitude is not None and resource.longitude is not None:
        return float(resource.latitude), float(resource.longitude)
    district = district_for(resource.postcode) if resource.postcode else None
    return (district.latitude, district.longitude) if district else None


@dataclass(frozen=True)
class Listing:
    resource: Resource
    miles: float | None = None
    number: int = 0  # its number on the map, 0 when not on it

    @property
    def distance_text(self) -> str:
        if self.miles is None:
            return ""
        return "less than half a mile away" if self.miles < 0.5 else f"about {self.miles:.1f} miles away"


def search(resources: QuerySet[Resource], *, text: str = "", categories: Sequence[str] = ()) -> QuerySet[Resource]:
    if categories:
        resources = resources.filter(category__in=categories)
    for word in text.split()[:6]:
        resources = resources.filter(
            Q(name__icontains=word)
            | Q(description__icontains=word)
            | Q(organisation__name__icontains=word)
            | Q(eligibility__icontains=word)
        )
    return resources


def near(resources: QuerySet[Resource], *, centre: District, within_miles: float) -> list[Listing]:
    """Those within `within_miles` of a district centre, nearest first (one query: a box on the
    coordinates, or a postcode district inside the circle for those without them)."""
    half_height = within_miles / MILES_PER_DEGREE_LATITUDE
    half_width = half_height / math.cos(math.radians(centre.latitude))
    districts = [
        d.code for d in DISTRICTS.values() if distance_miles(centre.latitude, centre.longitude, d.latitude, d.longitude) <= within_miles
    ]
    postcode_match = Q()
    for code in districts:
        postcode_match |= Q(postcode__istartswith=f"{code} ")
    box = Q(
        latitude__gte=centre.latitude - half_height,
        latitude__lte=centre.latitude + half_height,
        longitude__gte=centre.longitude - half_width,
        longitude__lte=centre.longitude + half_width,
    )
    candidates = resources.filter(box | (Q(latitude__isnull=True) & postcode_match)) if districts else resources.filter(box)
    found = []
    for resource in candidates[: settings.STAR_HUB_NEAR_LIMIT]:
        place = position(resource)
        if place is None:
            continue
        miles = distance_miles(centre.latitude, centre.longitude, *place)
        if miles <= within_miles:
            found.append(Listing(resource, miles))
    return sorted(found, key=lambda listing: (listing.miles or 0.0, listing.resource.name))


def stale_before(today: date) -> date:
    return today - timedelta(days=int(settings.STAR_HUB_RESOURCES_STALE_DAYS))


# --- the drawn map ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str


def to_map(latitude: float, longitude: float) -> tuple[float, float] | None:
    if not (SOUTH <= latitude <= NORTH and WEST <= longitude <= EAST):
        return None
    x = (longitude - WEST) / (EAST - WEST) * MAP_WIDTH
    y = (NORTH - latitude) / (NORTH - SOUTH) * MAP_HEIGHT
    return round(x, 1), round(y, 1)


@dataclass(frozen=True)
class DrawnMap:
    markers: list[Point]
    landmarks: list[Point]
    you: Point | None
    off_map: int  # listed places outside the frame (or with no position)
    width: int = MAP_WIDTH
    height: int = MAP_HEIGHT


def live_markers(rows: Sequence[Listing]) -> list[dict[str, object]]:
    """The numbered places of the drawn map, for the map people can move (tiles configured)."""
    markers: list[dict[str, object]] = []
    for row in rows:
        place = position(row.resource) if row.number else None
        if place is not None:
            markers.append({"number": row.number, "name": row.resource.name, "lat": place[0], "lng": place[1]})
    return markers


def drawn_map(listings: Sequence[Listing], *, centre: District | None = None) -> tuple[DrawnMap, list[Listing]]:
    """The markers for the listings on this page, numbered as the list numbers them."""
    markers: list[Point] = []
    numbered: list[Listing] = []
    off_map = 0
    for listing in listings:
        place = position(listing.resource)
        spot = to_map(*place) if place else None
        if spot is None:
            off_map += 1
            numbered.append(listing)
            continue
        markers.append(Point(spot[0], spot[1], str(len(markers) + 1)))
        numbered.append(Listing(listing.resource, listing.miles, len(markers)))
    landmarks = []
    for code in LANDMARKS:
        district = DISTRICTS[code]
        spot = to_map(district.latitude, district.longitude)
        if spot:
            landmarks.append(Point(spot[0], spot[1], district.area))
    you = None
    if centre is not None and (spot := to_map(centre.latitude, centre.longitude)):
        you = Point(spot[0], spot[1], centre.code)
    return DrawnMap(markers, landmarks, you, off_map), numbered
