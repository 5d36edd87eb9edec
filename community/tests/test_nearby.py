"""Near a postcode (community.nearby), found by the database: the same activities, in the same
order and pages, as the rule it replaced, which read every published activity into Python and
measured each (issue 22). Generated venues (postcodes in any case and spacing, in a district or
not, with or without coordinates of their own) and queries, on SQLite and PostgreSQL."""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.db import transaction
from django.db.models import FloatField, Value
from django.test import Client
from django.utils.http import urlencode
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pytest_django import DjangoAssertNumQueries

from community import directory
from community import openreferral as oruk
from community.models import Activity, Venue
from community.nearby import METRES_PER_MILE, Near, venue_coordinates
from community.reference.postcode_districts import DISTRICTS, District, distance_miles
from community.tests.factories import ActivityFactory, ProjectFactory, ScheduleFactory, VenueFactory

CODES = sorted(DISTRICTS)
SAME_AS_BEFORE = settings(
    max_examples=40,
    deadline=None,
    database=None,
    phases=[Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _previous_rule(activities: list[Activity], centre_code: str, metres: float) -> list[Activity]:
    """`oruk.near_postcode` as it was: each activity measured in Python, kept in its order."""
    centre = DISTRICTS[centre_code]
    found = []
    for activity in activities:
        latitude, longitude = venue_coordinates(activity.venue)
        if latitude is None or longitude is None:
            continue
        if distance_miles(centre.latitude, centre.longitude, latitude, longitude) * METRES_PER_MILE <= metres:
            found.append(activity)
    return found


# --- generated venues and queries --------------------------------------------------------------

districts = st.sampled_from([*CODES, "B22", "B99", "CV1", "SW1A"])  # with some no district has
inward = st.sampled_from(["", " 9AB", "9AB", "  1ZZ", " 1A", "X"])
postcodes = st.tuples(districts, inward, st.booleans()).map(lambda t: (t[0] + t[1]).lower() if t[2] else t[0] + t[1])
degrees = st.integers(min_value=-150_000, max_value=150_000).map(lambda n: Decimal(n) / 1_000_000)


@dataclass(frozen=True)
class PlannedVenue:
    postcode: str
    latitude: Decimal | None
    longitude: Decimal | None


venues = st.builds(
    PlannedVenue,
    postcode=postcodes.filter(lambda p: len(p) <= 8),
    latitude=st.none() | degrees.map(lambda d: Decimal("52.480000") + d),
    longitude=st.none() | degrees.map(lambda d: Decimal("-1.890000") + d),
)
# Around B5 (52.4684, -1.8920), a few miles either way, placed or at their district's centre:
# many activities near the centre, so that a small page is read from a ring narrower than asked.
close_degrees = st.integers(min_value=-40_000, max_value=40_000).map(lambda n: Decimal(n) / 1_000_000)
close_venues = st.one_of(
    st.builds(
        PlannedVenue,
        postcode=st.just("B5 4AB"),
        latitude=close_degrees.map(lambda d: Decimal("52.468400") + d),
        longitude=close_degrees.map(lambda d: Decimal("-1.892000") + d),
    ),
    st.builds(
        PlannedVenue,
        postcode=st.sampled_from(["B5 7RN", "B12 0AB", "B15 2TT", "B1 1AA", "B13 9AB"]),
        latitude=st.none(),
        longitude=st.none(),
    ),
)
planned_activities = st.lists(
    st.tuples(st.integers(min_value=0, max_value=7), st.sampled_from(["Art", "art", "Walk", "Café", "Peer support"]), st.booleans()),
    max_size=14,
)
proximities = st.sampled_from(["", "exact"]) | st.floats(min_value=0.5, max_value=30_000, allow_nan=False).map(repr)


def _make(planned_venues: list[PlannedVenue], planned: list[tuple[int, str, bool]]) -> list[Venue]:
    made = [VenueFactory.create(postcode=v.postcode, latitude=v.latitude, longitude=v.longitude) for v in planned_venues]
    open_project, closed_project = ProjectFactory.create(), ProjectFactory.create(is_active=False)
    for index, name, is_open in planned:
        activity = ActivityFactory.create(venue=made[index % len(made)], name=name, project=open_project if is_open else closed_project)
        ScheduleFactory.create(activity=activity)  # the directory lists only what is planned
    return made


def _metres(proximity: str, centre_code: str, made: list[Venue]) -> str:
    """ "exact": the distance of the first venue with a place, to the last bit (the boundary case)."""
    if proximity != "exact":
        return proximity
    centre = DISTRICTS[centre_code]
    for venue in made:
        latitude, longitude = venue_coordinates(venue)
        metres = (
            distance_miles(centre.latitude, centre.longitude, latitude, longitude) * METRES_PER_MILE
            if latitude is not None and longitude is not None
            else 0.0
        )
        if metres > 0:  # at the centre itself is no distance ('proximity' must be positive)
            return repr(metres)
    return ""


def _get(client: Client, query: dict[str, Any]) -> dict[str, Any]:
    response = client.get(f"/openreferral/service_at_locations?{urlencode(query)}")
    assert response.status_code == 200, response.content
    body: dict[str, Any] = response.json()
    return body


@pytest.mark.django_db
@SAME_AS_BEFORE
@given(
    planned_venues=st.lists(venues, min_size=1, max_size=8),
    planned=planned_activities,
    centre=st.sampled_from(CODES),
    written=st.sampled_from(["{}", "{} 9AB", "{}9ab", " {} "]),
    proximity=proximities,
    per_page=st.integers(min_value=1, max_value=4),
    search=st.sampled_from(["", "art"]),
)
def test_service_at_locations_near_a_postcode_are_those_the_previous_rule_found(
    client: Client,
    planned_venues: list[PlannedVenue],
    planned: list[tuple[int, str, bool]],
    centre: str,
    written: str,
    proximity: str,
    per_page: int,
    search: str,
) -> None:
    with transaction.atomic():  # each example's data goes with it
        made = _make(planned_venues, planned)
        metres = _metres(proximity, centre, made)
        published = list(oruk.filter_services(oruk.published_activities(), _params(search=search)))
        expected = [str(a.service_at_location_id) for a in _previous_rule(published, centre, float(metres or 5 * METRES_PER_MILE))]
        query = {"postcode": written.format(centre), "proximity": metres, "per_page": per_page, "search": search}
        pages = math.ceil(len(expected) / per_page) or 1
        found = []
        for page in range(1, pages + 2):  # and one past the end
            body = _get(client, {**query, "page": page})
            assert body["total_items"] == len(expected) and body["total_pages"] == pages
            found += [item["id"] for item in body["contents"]]
        assert found == expected
        transaction.set_rollback(True)


def _params(**values: str) -> Any:
    from django.http import QueryDict

    params = QueryDict(mutable=True)
    params.update({key: value for key, value in values.items() if value})
    return params


@pytest.mark.django_db
@SAME_AS_BEFORE
@given(
    planned_venues=st.lists(venues, min_size=1, max_size=8),
    planned=planned_activities,
    centre=st.sampled_from(CODES),
    within=st.sampled_from([1.0, 2.0, 3.0, 5.0, 10.0]),
)
def test_the_directory_near_a_postcode_lists_what_it_listed_before_nearest_first(
    planned_venues: list[PlannedVenue], planned: list[tuple[int, str, bool]], centre: str, within: float
) -> None:
    with transaction.atomic():
        _make(planned_venues, planned)
        everything = [listing.activity for listing in directory.find_activities()]  # name order (fewer than its 500)
        before = []
        for activity in everything:  # the directory's own loop, as it was
            latitude, longitude = venue_coordinates(activity.venue)
            if latitude is None or longitude is None:
                continue
            distance = distance_miles(DISTRICTS[centre].latitude, DISTRICTS[centre].longitude, latitude, longitude)
            if distance <= within:
                before.append((activity.pk, distance))
        before.sort(key=lambda pair: pair[1])
        listings = directory.find_activities(near=Near.within_miles(DISTRICTS[centre], within))
        assert [(listing.activity.pk, listing.distance_miles) for listing in listings] == before
        transaction.set_rollback(True)


@pytest.mark.django_db
@SAME_AS_BEFORE
@given(
    planned_venues=st.lists(close_venues, min_size=2, max_size=10),
    planned=st.lists(
        st.tuples(st.integers(min_value=0, max_value=9), st.sampled_from(["Art", "Walk", "Café"]), st.booleans()), min_size=8, max_size=30
    ),
    centre=st.just("B5"),
    within=st.sampled_from([1.0, 2.0, 3.0]),
    size=st.integers(min_value=1, max_value=3),
)
def test_a_page_sorted_from_the_nearest_ring_is_that_page_of_everything_near_in_order(
    planned_venues: list[PlannedVenue], planned: list[tuple[int, str, bool]], centre: str, within: float, size: int
) -> None:
    """Pages small beside what is near, so that each is read from a ring narrower than the
    distance asked for (and widened where it holds too few): page by page, the whole order."""
    with transaction.atomic():
        _make(planned_venues, planned)
        near = Near.within_miles(DISTRICTS[centre], within)
        everything = [(a.pk, a.miles_away) for a in near.by_distance(directory.public_activities())]  # type: ignore[attr-defined]
        listings = directory.find_activities(near=near)
        assert len(listings) == len(everything)
        pages = [listings[start : start + size] for start in range(0, len(everything), size)]
        assert [(listing.activity.pk, listing.distance_miles) for page in pages for listing in page] == everything
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_a_ring_holding_too_few_or_only_through_its_box_is_widened() -> None:
    """Near B5 within three miles, pages of two among 16: the first ring is 1.5 miles. It holds
    one activity within 1.5 miles and, through the box around it, one at 1.9 miles; the second
    nearest (1.58 miles, at the centre of B16) is outside the ring's districts. So the ring is
    widened, and the first page is the centre and B16."""
    centre = ActivityFactory.create(
        name="Centre", venue=VenueFactory.create(postcode="B5 4AB", latitude=Decimal("52.4684"), longitude=Decimal("-1.892"))
    )
    b16 = ActivityFactory.create(name="Zed", venue=VenueFactory.create(postcode="B16 8AA"))
    ActivityFactory.create(
        name="North", venue=VenueFactory.create(postcode="B5 4AB", latitude=Decimal("52.4959"), longitude=Decimal("-1.892"))
    )
    further = VenueFactory.create(postcode="B18 6AA")
    for n in range(13):
        ActivityFactory.create(name=f"Further {n:02d}", venue=further)
    for activity in Activity.objects.all():
        ScheduleFactory.create(activity=activity)
    listings = directory.find_activities(near=Near.within_miles(DISTRICTS["B5"], 3.0))
    assert len(listings) == 16
    assert [listing.activity for listing in listings[0:2]] == [centre, b16]


# --- the rule's edges ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_venues_own_coordinates_count_rather_than_its_postcode_district() -> None:
    """Postcode in Moseley, the venue itself in Erdington (a postcode typed wrongly, say)."""
    away = ActivityFactory.create(
        name="Away", venue=VenueFactory.create(postcode="B13 9AB", latitude=Decimal("52.526"), longitude=Decimal("-1.842"))
    )
    home = ActivityFactory.create(name="Home", venue=VenueFactory.create(postcode="b139ab"))
    half_only = ActivityFactory.create(name="Half", venue=VenueFactory.create(postcode="B13", latitude=Decimal("52.526")))
    near_moseley = Near.within_miles(DISTRICTS["B13"], 1.0)
    assert list(near_moseley.filter(Activity.objects.order_by("name"))) == [half_only, home]
    assert list(Near.within_miles(DISTRICTS["B23"], 1.0).filter(Activity.objects.all())) == [away]


@pytest.mark.django_db
@pytest.mark.parametrize("skew", [1 + 1e-12, 1 - 1e-12])
def test_where_the_databases_distance_differs_in_the_last_bits_the_answer_is_still_pythons(
    monkeypatch: pytest.MonkeyPatch, skew: float
) -> None:
    """As with another C library under PostgreSQL: a venue exactly at the distance is near, one a
    hair beyond it is not, whichever way the database's arithmetic leans."""
    at_the_limit = ActivityFactory.create(venue=VenueFactory.create(latitude=Decimal("52.451234"), longitude=Decimal("-1.871234")))
    centre = DISTRICTS["B13"]
    metres = distance_miles(centre.latitude, centre.longitude, 52.451234, -1.871234) * METRES_PER_MILE
    exact = Near.miles_sql
    monkeypatch.setattr(Near, "miles_sql", lambda self, prefix="": exact(self, prefix) * Value(skew, output_field=FloatField()))
    assert list(Near(centre, metres).filter(Activity.objects.all())) == [at_the_limit]
    assert list(Near(centre, math.nextafter(metres, 0.0)).filter(Activity.objects.all())) == []


@pytest.mark.django_db
def test_nothing_is_near_where_no_venue_or_district_is() -> None:
    ActivityFactory.create(venue=VenueFactory.create(postcode="SW1A 1AA"))
    far_away = Near(DISTRICTS["B13"], metres=1.0)
    assert far_away.districts == {"B13": 0.0}
    assert list(far_away.filter(Activity.objects.all())) == []


@pytest.mark.django_db
@pytest.mark.parametrize(("latitude", "longitude"), [(-80.0, 0.0), (0.0, 0.0), (52.48, -1.89), (85.0, 0.0), (10.0, 179.95)])
def test_the_box_holds_the_whole_circle_wherever_the_centre_is(latitude: float, longitude: float) -> None:
    """Venues just inside ten miles, on every bearing, are found; those just outside are not."""
    centre = District("X", "", latitude, longitude)
    inside: set[uuid.UUID] = set()
    outside: set[uuid.UUID] = set()
    for bearing in range(0, 360, 15):
        for miles, found in ((9.99, inside), (10.01, outside)):
            lat, lon = _destination(latitude, longitude, bearing, miles)
            lon = (lon + 540.0) % 360.0 - 180.0
            found.add(VenueFactory.create(postcode="", latitude=Decimal(f"{lat:.6f}"), longitude=Decimal(f"{lon:.6f}")).pk)
    assert set(Near.within_miles(centre, 10.0).venues().values_list("pk", flat=True)) == inside


def _destination(latitude: float, longitude: float, bearing: float, miles: float) -> tuple[float, float]:
    phi, lam, theta, delta = math.radians(latitude), math.radians(longitude), math.radians(bearing), miles / 3958.8
    phi2 = math.asin(math.sin(phi) * math.cos(delta) + math.cos(phi) * math.sin(delta) * math.cos(theta))
    lam2 = lam + math.atan2(math.sin(theta) * math.sin(delta) * math.cos(phi), math.cos(delta) - math.sin(phi) * math.sin(phi2))
    return math.degrees(phi2), math.degrees(lam2)


# --- bounded by the page, not the catalogue ---------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("activities", [3, 30])
def test_a_page_near_a_postcode_costs_the_same_queries_however_many_activities(
    client: Client, django_assert_num_queries: DjangoAssertNumQueries, activities: int
) -> None:
    placed = VenueFactory.create(postcode="B13 9AB", latitude=Decimal("52.437"), longitude=Decimal("-1.883"))
    unplaced = VenueFactory.create(postcode="B12 9AB")
    for n in range(activities):
        ScheduleFactory.create(activity=ActivityFactory.create(venue=placed if n % 2 else unplaced, name=f"Drop-in {n:02d}"))
    # The placed venues in the box; the count; the page's keys; those activities.
    with django_assert_num_queries(4):
        body = _get(client, {"postcode": "B13 9AB", "per_page": 2, "page": 2})
    names = [f"Drop-in {n:02d}" for n in range(activities)]
    assert body["total_items"] == activities and [item["service"]["name"] for item in body["contents"]] == names[2:4]
    # The same, then the page's timetables (and the session ahead: an annotation, no query).
    with django_assert_num_queries(5):
        assert client.get("/community/find/?postcode=B13+9AB&within=3").status_code == 200
