"""Somewhere to go in a crisis: crisis places with opening hours that run past midnight, an
"open now" that is right at 2am (and across the clock changes), the public "Need help now?"
page, and the same places in the Open Referral UK API under the crisis term."""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from community.crisis import crisis_listings, hours_in_words, is_open
from community.models import CrisisOpening, CrisisPlace, CrisisPlaceKind
from community.openreferral import CRISIS_TERM
from community.tests.test_openreferral import get, no_empty_values, validate, validate_page

LONDON = ZoneInfo("Europe/London")
pytestmark = pytest.mark.django_db


def _cafe(**kwargs: Any) -> CrisisPlace:
    """Open every night from 8pm to 2am the next morning."""
    place = CrisisPlace.objects.create(kind=CrisisPlaceKind.SANCTUARY, name="Night Light crisis café", phone="0121 496 0311", **kwargs)
    CrisisOpening.objects.bulk_create(CrisisOpening(place=place, weekday=day, opens_at=time(20), closes_at=time(2)) for day in range(7))
    return place


def _at(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (_at(2026, 6, 10, 19, 59), False),
        (_at(2026, 6, 10, 20, 0), True),
        (_at(2026, 6, 10, 23, 59), True),
        (_at(2026, 6, 11, 0, 0), True),
        (_at(2026, 6, 11, 1, 59), True),
        (_at(2026, 6, 11, 2, 0), False),
        (_at(2026, 6, 11, 2, 1), False),
        (_at(2026, 6, 11, 12, 0), False),
    ],
)
def test_an_overnight_span_is_open_until_2am_and_not_at_2am(moment: datetime, expected: bool) -> None:
    place = CrisisPlace.objects.prefetch_related("openings").get(pk=_cafe().pk)
    assert is_open(place, moment) is expected


def test_a_span_that_starts_on_one_day_only_runs_into_the_next() -> None:
    place = CrisisPlace.objects.create(kind=CrisisPlaceKind.SANCTUARY, name="Friday late")
    CrisisOpening.objects.create(place=place, weekday=4, opens_at=time(20), closes_at=time(2))  # Friday
    place = CrisisPlace.objects.prefetch_related("openings").get(pk=place.pk)
    assert is_open(place, _at(2026, 6, 13, 1, 30))  # Saturday 1:30am, still Friday night
    assert not is_open(place, _at(2026, 6, 14, 1, 30))  # Sunday 1:30am: Saturday night is closed
    assert not is_open(place, _at(2026, 6, 12, 1, 30))  # Friday 1:30am: Thursday night is closed


@pytest.mark.parametrize(
    ("utc", "expected"),
    [
        # Clocks go forward on Sunday 29 March 2026 at 1am GMT: 00:59 GMT, then 02:00 BST.
        (datetime(2026, 3, 29, 0, 59, tzinfo=UTC), True),
        (datetime(2026, 3, 29, 1, 0, tzinfo=UTC), False),
        # Clocks go back on Sunday 25 October 2026 at 2am BST: 1:30am happens twice.
        (datetime(2026, 10, 25, 0, 30, tzinfo=UTC), True),  # 01:30 BST
        (datetime(2026, 10, 25, 1, 30, tzinfo=UTC), True),  # 01:30 GMT
        (datetime(2026, 10, 25, 1, 59, tzinfo=UTC), True),  # 01:59 GMT
        (datetime(2026, 10, 25, 2, 0, tzinfo=UTC), False),  # 02:00 GMT
    ],
)
def test_open_now_follows_the_wall_clock_across_the_clock_changes(utc: datetime, expected: bool) -> None:
    place = CrisisPlace.objects.prefetch_related("openings").get(pk=_cafe().pk)
    assert is_open(place, utc) is expected


def test_hours_in_words() -> None:
    place = CrisisPlace.objects.prefetch_related("openings").get(pk=_cafe().pk)
    assert hours_in_words(place) == ["Every day, 8pm to 2am (overnight)"]
    line = CrisisPlace(kind=CrisisPlaceKind.PHONE_LINE, name="Line", always_open=True)
    assert hours_in_words(line) == ["Open day and night, every day"]


def test_places_open_now_come_first() -> None:
    _cafe()
    day = CrisisPlace.objects.create(kind=CrisisPlaceKind.SANCTUARY, name="A daytime sanctuary")
    CrisisOpening.objects.create(place=day, weekday=2, opens_at=time(12), closes_at=time(20))
    listings = crisis_listings(now=_at(2026, 6, 11, 1, 59))  # a Thursday, 1:59am
    assert [(listing.place.name, listing.open_now) for listing in listings] == [
        ("Night Light crisis café", True),
        ("A daytime sanctuary", False),
    ]


@pytest.mark.parametrize(("minute", "tag"), [(59, "Open now"), (0, "Closed now"), (1, "Closed now")])
def test_the_public_page_says_open_now_right_at_2am(client: Client, monkeypatch: pytest.MonkeyPatch, minute: int, tag: str) -> None:
    _cafe()
    moment = _at(2026, 6, 11, 1, 59) if minute == 59 else _at(2026, 6, 11, 2, minute)
    monkeypatch.setattr("community.views.public.timezone.now", lambda: moment)
    page = client.get(reverse("community:crisis")).content.decode()
    assert tag in page
    assert 'href="tel:01214960311"' in page
    for number in ('href="tel:111"', 'href="tel:116123"', 'href="sms:85258', 'href="tel:999"'):
        assert number in page


def test_every_public_page_links_to_crisis_help_and_the_front_page(client: Client) -> None:
    for name in ("home", "community:directory", "community:crisis", "referrals:self_referral", "involvement:feedback_public"):
        page = client.get(reverse(name)).content.decode()
        assert f'href="{reverse("community:crisis")}"' in page, name
        assert 'href="/"' in page, name


def test_crisis_places_are_oruk_services_under_the_crisis_term(client: Client) -> None:
    place = _cafe()
    status, body, _ = get(client, f"/services?taxonomy_term_id={CRISIS_TERM.id}")
    assert status == 200
    validate_page(body, "compiled/service_list.json")
    assert [item["id"] for item in body["contents"]] == [str(place.pk)]
    status, full, _ = get(client, f"/services/{place.pk}")
    assert status == 200
    validate(full, "compiled/service.json")
    no_empty_values(full)
    assert {attribute["taxonomy_term_id"] for attribute in full["attributes"]} >= {CRISIS_TERM.id}
    assert full["schedules"][0]["opens_at"] == "20:00:00" and full["schedules"][0]["closes_at"] == "02:00:00"
    status, term, _ = get(client, f"/taxonomy_terms/{CRISIS_TERM.id}")
    assert status == 200 and term["name"] == "Crisis support"
    # Everything together pages across activities and crisis places.
    status, everything, _ = get(client, "/services")
    assert everything["total_items"] == 1
