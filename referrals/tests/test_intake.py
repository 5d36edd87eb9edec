"""Staff record a referral: for someone new, or matched to a record they can see, never leaking
records they cannot."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from audit.models import AuditEvent
from conftest import World, without_tokens
from people.models import Person
from people.tests.factories import PersonFactory
from referrals.models import Referral

URL = "/referrals/new/"


def answers(**changes: Any) -> dict[str, Any]:
    today = timezone.localdate()
    data = {
        "given_name": "Grace",
        "family_name": "Hopper",
        "date_of_birth_day": "9",
        "date_of_birth_month": "12",
        "date_of_birth_year": "1986",
        "nhs_number": "",
        "phone": "",
        "email": "",
        "source": Referral.Source.GP,
        "referrer_name": "Dr Priya Shah",
        "referrer_role": "GP",
        "referrer_organisation": "Moseley Medical Centre",
        "referrer_contact": "0121 496 0000",
        "received_on_day": str(today.day),
        "received_on_month": str(today.month),
        "received_on_year": str(today.year),
        "received_time": "",
        "reason_in_persons_words": "I want to get out more",
        "reason_in_referrers_words": "Isolated since a bereavement",
        "urgency": Referral.Urgency.ROUTINE,
        "consent_given": "on",
    }
    data.update(changes)
    return data


def test_a_worker_records_a_referral_for_someone_new(as_worker: Client, world: World) -> None:
    response = as_worker.post(URL, answers())
    referral = Referral.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/referrals/{referral.pk}/"
    assert referral.status == Referral.Status.AWAITING_TRIAGE
    assert referral.created_by == world.worker
    assert referral.person.full_name == "Grace Hopper"
    assert referral.status_changes.get().changed_by == world.worker
    assert not referral.person.caseload_entries.exists(), "allocation, not referral, puts someone on a caseload"
    assert AuditEvent.objects.filter(object_type="referrals.referral", object_id=str(referral.pk), action="create").exists()


def test_a_referral_without_consent_is_not_saved(as_worker: Client, world: World) -> None:
    people_before = Person.objects.count()
    data = answers()
    del data["consent_given"]
    response = as_worker.post(URL, data)
    assert response.status_code == 200
    assert "The person must agree to be referred" in response.content.decode()
    assert Referral.objects.count() == 0 and Person.objects.count() == people_before


def test_a_received_date_in_the_future_is_refused(as_worker: Client, world: World) -> None:
    response = as_worker.post(URL, answers(received_on_year=str(timezone.localdate().year + 1)))
    assert "must be today or in the past" in response.content.decode()
    assert Referral.objects.count() == 0


def test_possible_duplicates_come_only_from_people_the_user_can_see(as_worker: Client, world: World) -> None:
    # Ada is on the worker's caseload; Alan (the stranger) is not. Both share a surname with the new referral.
    world.stranger.family_name = "Lovelace"
    world.stranger.save()
    response = as_worker.post(URL, answers(given_name="Ada", family_name="Lovelace", date_of_birth_year="1990"))
    body = without_tokens(response.content.decode())
    assert response.status_code == 200
    assert "Who is this referral for?" in body
    assert "Ada Lovelace" in body
    assert "Alan" not in body, "a record outside the worker's reach must never be listed"
    assert Referral.objects.count() == 0


def test_choosing_a_match_links_the_referral_to_that_record(as_worker: Client, world: World) -> None:
    response = as_worker.post(URL, answers(given_name="Ada", family_name="Lovelace", match=str(world.caseload_person.pk)))
    assert response.status_code == 302
    assert Referral.objects.get().person == world.caseload_person


def test_choosing_someone_new_registers_them(as_worker: Client, world: World) -> None:
    before = Person.objects.count()
    as_worker.post(URL, answers(given_name="Ada", family_name="Lovelace", match="new"))
    assert Person.objects.count() == before + 1
    assert Referral.objects.get().person != world.caseload_person


def test_a_made_up_match_is_refused(as_worker: Client, world: World) -> None:
    response = as_worker.post(URL, answers(given_name="Ada", family_name="Lovelace", match=str(world.stranger.pk)))
    assert response.status_code == 200
    assert "Choose the person this referral is for" in response.content.decode()
    assert Referral.objects.count() == 0


def test_an_exact_nhs_number_match_outside_reach_avoids_a_duplicate_without_listing_it(as_worker: Client, world: World) -> None:
    stranger = world.stranger
    dob = stranger.date_of_birth
    assert dob is not None
    data = answers(
        given_name="Alan",
        family_name="Turing",
        nhs_number=stranger.nhs_number,
        date_of_birth_day=str(dob.day),
        date_of_birth_month=str(dob.month),
        date_of_birth_year=str(dob.year),
    )
    response = as_worker.post(URL, data)
    assert response.status_code == 302
    assert Referral.objects.get().person == stranger
    assert Person.objects.filter(nhs_number=stranger.nhs_number).count() == 1


def test_an_nhs_number_with_other_details_is_accepted_without_saying_whose_it_is(as_worker: Client, world: World) -> None:
    before = Person.objects.count()
    response = as_worker.post(URL, answers(nhs_number=world.stranger.nhs_number))
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.person != world.stranger and referral.identity_to_check
    assert Person.objects.count() == before + 1


def test_members_cannot_record_referrals(client: Client, world: World) -> None:
    from conftest import sign_in

    sign_in(client, world.member)
    assert client.post(URL, answers()).status_code == 403
    assert Referral.objects.count() == 0


@pytest.mark.django_db
def test_duplicate_check_ignores_unrelated_people(as_worker: Client, world: World) -> None:
    PersonFactory.create(given_name="Zed", family_name="Other")
    response = as_worker.post(URL, answers())
    assert response.status_code == 302
