"""Offers joined to the person's record: staff record one from the person's page (only for people
they can see), and a manager links a public-form offer to a record found through the gate."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from conftest import World, sign_in
from people.models import Person
from volunteers import services
from volunteers.models import Source, Stage, Volunteer
from volunteers.models.volunteer import VolunteerError
from volunteers.tests.factories import VolunteerFactory


def offer_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {"roles_of_interest": ["welcome"], "availability": "Fridays", "token": str(uuid.uuid4())}
    data.update(overrides)
    return data


def test_a_worker_records_an_offer_for_someone_on_their_caseload(client: Client, world: World) -> None:
    sign_in(client, world.worker)
    page = client.get(reverse("people:detail", kwargs={"person_id": world.caseload_person.pk}))
    url = reverse("volunteers:record_offer_for_person", kwargs={"person_id": world.caseload_person.pk})
    assert url in page.content.decode()
    response = client.post(url, offer_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("people:detail", kwargs={"person_id": world.caseload_person.pk})
    volunteer = Volunteer.objects.get()
    assert volunteer.person == world.caseload_person
    assert volunteer.source == Source.STAFF
    assert volunteer.given_name == world.caseload_person.given_name
    assert volunteer.availability == "Fridays"
    assert AuditEvent.objects.filter(person_id=world.caseload_person.pk, action=AuditEvent.Action.CREATE, user=world.worker).exists()


def test_the_same_offer_twice_or_a_second_offer_gives_one_record(client: Client, world: World) -> None:
    sign_in(client, world.manager)
    url = reverse("volunteers:record_offer_for_person", kwargs={"person_id": world.caseload_person.pk})
    data = offer_data()
    first = client.post(url, data)
    client.post(url, data)
    client.post(url, offer_data())
    volunteer = Volunteer.objects.get()
    assert first["Location"] == reverse("volunteers:detail", kwargs={"volunteer_id": volunteer.pk})


def test_a_worker_cannot_record_an_offer_for_a_stranger(client: Client, world: World) -> None:
    sign_in(client, world.worker)
    url = reverse("volunteers:record_offer_for_person", kwargs={"person_id": world.stranger.pk})
    assert client.post(url, offer_data()).status_code == 404
    assert not Volunteer.objects.exists()


def test_the_link_is_not_shown_to_those_without_the_capability(client: Client, world: World) -> None:
    sign_in(client, world.member)
    page = client.get(reverse("people:detail", kwargs={"person_id": world.member_person.pk}))
    assert page.status_code == 200
    assert "Record an offer to volunteer" not in page.content.decode()


def identify(person: Person) -> dict[str, object]:
    return {
        "nhs_number": person.nhs_number,
        "family_name": "",
        "date_of_birth_day": "",
        "date_of_birth_month": "",
        "date_of_birth_year": "",
    }


def test_a_manager_links_a_public_offer_to_the_persons_record(client: Client, world: World) -> None:
    volunteer = VolunteerFactory.create(source=Source.PUBLIC, stage=Stage.APPLIED)
    sign_in(client, world.manager)
    detail = client.get(reverse("volunteers:detail", kwargs={"volunteer_id": volunteer.pk})).content.decode()
    url = reverse("volunteers:link_person", kwargs={"volunteer_id": volunteer.pk})
    assert url in detail
    response = client.post(url, identify(world.member_person))
    assert response.status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.person == world.member_person
    assert volunteer.user == world.member  # their account comes with the record
    assert AuditEvent.objects.filter(
        person_id=world.member_person.pk, action=AuditEvent.Action.UPDATE, detail__linked_to_person=str(world.member_person.pk)
    ).exists()
    # Already linked: the page sends the manager back.
    assert client.get(url).status_code == 302


def test_linking_by_name_and_date_of_birth(client: Client, world: World) -> None:
    volunteer = VolunteerFactory.create(source=Source.PUBLIC)
    person = world.caseload_person
    sign_in(client, world.manager)
    born = person.date_of_birth
    assert born is not None
    client.post(
        reverse("volunteers:link_person", kwargs={"volunteer_id": volunteer.pk}),
        {
            "nhs_number": "",
            "family_name": person.family_name.upper(),
            "date_of_birth_day": born.day,
            "date_of_birth_month": born.month,
            "date_of_birth_year": born.year,
        },
    )
    volunteer.refresh_from_db()
    assert volunteer.person == person


def test_unknown_details_link_nothing_and_say_what_to_do(client: Client, world: World) -> None:
    volunteer = VolunteerFactory.create(source=Source.PUBLIC)
    sign_in(client, world.manager)
    response = client.post(
        reverse("volunteers:link_person", kwargs={"volunteer_id": volunteer.pk}), identify(world.member_person) | {"nhs_number": ""}
    )
    assert "Enter their last name, or their NHS number" in response.content.decode()
    volunteer.refresh_from_db()
    assert volunteer.person is None


def test_a_person_with_a_volunteer_record_cannot_be_linked_twice(world: World) -> None:
    VolunteerFactory.create(person=world.caseload_person)
    volunteer = VolunteerFactory.create(source=Source.PUBLIC)
    with pytest.raises(VolunteerError, match="already has a volunteer record"):
        services.link_to_person(volunteer=volunteer, person=world.caseload_person, by=world.manager)
    volunteer.refresh_from_db()
    assert volunteer.person is None


def test_identify_only_finds_people_the_user_can_see(world: World) -> None:
    from volunteers.access import identify_person_for

    nhs_number = world.stranger.nhs_number
    assert identify_person_for(world.worker, nhs_number=nhs_number, family_name="", date_of_birth=None) is None
    assert identify_person_for(world.manager, nhs_number=nhs_number, family_name="", date_of_birth=None) == world.stranger
