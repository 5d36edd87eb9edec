"""Managers keep the crisis places: add one with overnight hours, change it, retire it. What they
save is what members (their crisis plan), the public ("Need help now?") and the Open Referral UK
API show; others cannot reach the pages (the permission matrix covers every role)."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from audit.models import AuditEvent
from community import openreferral as oruk
from community.models import CrisisOpening, CrisisPlace, CrisisPlaceKind
from conftest import World, sign_in

CONFLICT = "Someone else saved changes while you were editing"

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
# Thursday 11 June 2026 at 2am, UK time.
TWO_AM = datetime(2026, 6, 11, 2, 0, tzinfo=LONDON)


def answers(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "sanctuary",
        "name": "Moonrise sanctuary",
        "organisation": "Moonrise (demo)",
        "description": "A calm place to talk to a peer worker, with tea and a quiet room",
        "who_for": "Adults in Birmingham, no referral needed",
        "phone": "0121 496 0777",
        "address_1": "12 Station Street",
        "city": "Birmingham",
        "postcode": "B5 4DY",
        "how_to_get_there": "Two minutes from New Street station",
    }
    for day in range(7):
        data |= {f"opens_{day}": "22:00", f"closes_{day}": "03:00"}
    data.update(changes)
    return data


def form_token(page: str, name: str) -> str:
    import re

    found = re.search(rf'name="{name}" value="([^"]+)"', page)
    assert found, name
    return found.group(1)


def test_a_manager_adds_a_place_open_overnight_and_everyone_sees_it(client: Client, world: World) -> None:
    sign_in(client, world.manager)
    home = client.get(reverse("home")).content.decode()
    assert reverse("community:crisis_place_list") in home, "the manager's home links to crisis places"
    form = client.get(reverse("community:crisis_place_new")).content.decode()
    response = client.post(reverse("community:crisis_place_new"), answers(submission_key=form_token(form, "submission_key")))
    assert response.status_code == 302
    place = CrisisPlace.objects.get(name="Moonrise sanctuary")
    assert place.is_active and place.openings.count() == 7
    assert all(o.opens_at == time(22) and o.closes_at == time(3) and o.overnight for o in place.openings.all())
    assert AuditEvent.objects.filter(action="create", object_id=str(place.pk), user=world.manager).exists()
    # The public page, at 2am: open (last night's span runs until 3am), with a link that dials.
    with time_machine.travel(TWO_AM, tick=False):
        public = Client().get(reverse("community:crisis")).content.decode()
    assert "Moonrise sanctuary" in public and "Every day, 10pm to 3am (overnight)" in public
    assert 'href="tel:01214960777"' in public
    # The member's crisis plan.
    sign_in(client, world.member)
    with time_machine.travel(TWO_AM, tick=False):
        plan = client.get(reverse("portal:document", kwargs={"kind": "crisis"})).content.decode()
    assert "Moonrise sanctuary" in plan and "Open now" in plan and 'href="tel:01214960777"' in plan
    # Open Referral UK: the service, and its organisation resolves.
    service = Client().get(f"/openreferral/services/{place.pk}").json()
    assert service["name"] == "Moonrise sanctuary"
    assert Client().get(f"/openreferral/organizations/{service['organization_id']}").status_code == 200


def test_sending_the_add_form_twice_lists_the_place_once(client: Client, world: World) -> None:
    sign_in(client, world.manager)
    key = form_token(client.get(reverse("community:crisis_place_new")).content.decode(), "submission_key")
    for _ in range(3):
        assert client.post(reverse("community:crisis_place_new"), answers(submission_key=key)).status_code == 302
    assert CrisisPlace.objects.filter(name="Moonrise sanctuary").count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": ""}, "name", "Enter the name people will know it by"),
        ({"description": ""}, "description", "Say what they offer"),
        ({"kind": ""}, "kind", "Choose what kind of place it is"),
        ({"kind": "phone_line", "phone": ""}, "phone", "Enter the phone number: people call a phone line"),
        ({"closes_2": ""}, "closes_2", "Enter the time it closes on Wednesday, or leave both empty if it is closed"),
        ({"opens_4": "half ten"}, "opens_4", "Enter the time it opens on Friday as a time, for example 20:00"),
        ({"name": "Moonrise\u202e"}, "name", "Remove the hidden or direction-changing characters"),
    ],
)
def test_mistakes_get_a_message_that_says_what_to_do(
    client: Client, world: World, changes: dict[str, str], field: str, message: str
) -> None:
    sign_in(client, world.manager)
    response = client.post(reverse("community:crisis_place_new"), answers(**changes))
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert f'href="#id_{field}' in page, "the error summary links to the field"
    assert not CrisisPlace.objects.exists()


def _place() -> CrisisPlace:
    place = CrisisPlace.objects.create(
        kind=CrisisPlaceKind.SANCTUARY, name="Daylight sanctuary", description="Talk and tea", phone="0121 496 0123"
    )
    CrisisOpening.objects.bulk_create(CrisisOpening(place=place, weekday=day, opens_at=time(10), closes_at=time(16)) for day in range(5))
    return place


def test_a_manager_changes_the_hours_to_overnight_and_retires_a_place(client: Client, world: World) -> None:
    place = _place()
    sign_in(client, world.manager)
    url = reverse("community:crisis_place_edit", kwargs={"place_id": place.pk})
    page = client.get(url).content.decode()
    assert 'value="10:00"' in page and 'value="16:00"' in page
    data = answers(name="Daylight sanctuary", based_on=form_token(page, "based_on"), is_active="on")
    data |= {"opens_5": "", "closes_5": "", "opens_6": "00:00", "closes_6": "00:00"}
    assert client.post(url, data).status_code == 302
    place.refresh_from_db()
    spans = {(o.weekday, o.opens_at, o.closes_at) for o in place.openings.all()}
    assert (0, time(22), time(3)) in spans and (6, time(0), time(0)) in spans and not any(day == 5 for day, *_ in spans)
    assert place.phone == "0121 496 0777"
    # Retire it: gone from every public view, still on the manager's list.
    page = client.get(url).content.decode()
    data = answers(name="Daylight sanctuary", based_on=form_token(page, "based_on"))  # "Show it" unticked
    assert client.post(url, data).status_code == 302
    place.refresh_from_db()
    assert not place.is_active
    assert "Daylight sanctuary" not in Client().get(reverse("community:crisis")).content.decode()
    assert Client().get(f"/openreferral/services/{place.pk}").status_code == 404
    listing = client.get(reverse("community:crisis_place_list")).content.decode()
    assert "Daylight sanctuary" in listing and "Retired" in listing


def test_two_managers_changing_the_hours_at_once_never_overwrite_each_other(client: Client, world: World) -> None:
    place = _place()
    other = world.manager.__class__.objects.create_user(username="manager2", password="x" * 20, role="manager", first_name="Mo")
    first, second = sign_in(client, world.manager), sign_in(Client(), other)
    url = reverse("community:crisis_place_edit", kwargs={"place_id": place.pk})
    first_token = form_token(first.get(url).content.decode(), "based_on")
    second_token = form_token(second.get(url).content.decode(), "based_on")
    hours = {f"opens_{d}": "10:00" for d in range(5)} | {f"closes_{d}": "16:00" for d in range(5)}
    hours |= {f"opens_{d}": "" for d in (5, 6)} | {f"closes_{d}": "" for d in (5, 6)}
    base = answers(name="Daylight sanctuary", phone="0121 496 0123", is_active="on", **hours)
    base |= {
        "organisation": "",
        "who_for": "",
        "address_1": "",
        "city": "",
        "postcode": "",
        "how_to_get_there": "",
        "description": "Talk and tea",
    }
    assert first.post(url, {**base, "closes_0": "18:00", "based_on": first_token}).status_code == 302
    response = second.post(url, {**base, "phone": "0121 496 0999", "based_on": second_token})
    assert response.status_code == 200 and CONFLICT in response.content.decode()
    place.refresh_from_db()
    assert place.phone == "0121 496 0123"
    assert place.openings.get(weekday=0).closes_at == time(18)


def test_the_list_costs_the_same_with_many_places(
    client: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    for number in range(30):
        place = CrisisPlace.objects.create(kind=CrisisPlaceKind.PHONE_LINE, name=f"Line {number:02d}", phone="0121 496 0000")
        CrisisOpening.objects.create(place=place, weekday=number % 7, opens_at=time(18), closes_at=time(2))
    sign_in(client, world.manager)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("community:crisis_place_list")).content.decode()
    assert "Line 00" in page and "Line 25" not in page  # 25 a page


def test_other_roles_cannot_keep_crisis_places(client: Client, world: World) -> None:
    for user in (world.worker, world.lead, world.volunteer, world.commissioner, world.admin, world.member):
        sign_in(client, user)
        assert client.get(reverse("community:crisis_place_list")).status_code in (403, 404)
        assert client.post(reverse("community:crisis_place_new"), answers()).status_code in (403, 404)
    assert not CrisisPlace.objects.exists()
    assert oruk.crisis_organizations([]) == {}
