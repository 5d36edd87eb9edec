"""Choices about their data: access history, consents, and a copy of the record."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from audit.models import AuditEvent
from audit.services import record_event
from conftest import World, sign_in
from people.models import Consent
from people.services import current_consents
from people.tests.factories import PersonFactory
from portal.models import RecordDownload
from portal.tests.factories import make_download


@pytest.fixture
def as_member(client: Client, world: World) -> Client:
    return sign_in(client, world.member)


def test_access_history_shows_staff_by_role_and_first_name_only(
    as_member: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    record_event(user=world.worker, action=AuditEvent.Action.VIEW, person_id=world.member_person.pk)
    record_event(user=world.worker, action=AuditEvent.Action.VIEW, person_id=world.stranger.pk)
    with django_assert_max_num_queries(12):
        page = as_member.get(reverse("portal:access_log")).content.decode()
    assert f"{world.worker.first_name} (STR worker)" in page
    assert world.worker.last_name not in page
    assert page.count("Looked at your record") >= 1


def test_member_changes_consents_and_history_is_kept(as_member: Client, world: World) -> None:
    url = reverse("portal:consents")
    as_member.post(url, {"given": ["contact_by_text", "evaluation"]})
    answers = current_consents(world.member_person)
    assert {kind for kind, given in answers.items() if given} == {"contact_by_text", "evaluation"}
    as_member.post(url, {"given": ["evaluation"]})
    assert current_consents(world.member_person)["contact_by_text"] is False
    rows = Consent.objects.filter(person=world.member_person, kind="contact_by_text")
    assert rows.count() == 2 and all(row.recorded_by == world.member for row in rows)
    assert AuditEvent.objects.filter(user=world.member, action=AuditEvent.Action.UPDATE, person_id=world.member_person.pk).exists()
    page = as_member.get(url).content.decode()
    assert "Changes so far" in page and page.count("Contact me by text message") >= 3  # the box and two changes


def test_download_requested_twice_makes_one_copy(as_member: Client, world: World) -> None:
    form = as_member.get(reverse("portal:download")).content.decode()
    token = form.split('name="request_token" value="')[1].split('"')[0]
    first = as_member.post(reverse("portal:make_download"), {"request_token": token})
    second = as_member.post(reverse("portal:make_download"), {"request_token": token})
    assert first["Location"] == second["Location"]
    assert RecordDownload.objects.filter(person=world.member_person).count() == 1
    page = as_member.get(second["Location"]).content.decode()
    assert "already asked for this copy" in page
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT, person_id=world.member_person.pk).count() == 1
    download = RecordDownload.objects.get()
    pdf = as_member.get(reverse("portal:download_file", kwargs={"download_id": download.pk, "file_format": "pdf"}))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    data = as_member.get(reverse("portal:download_file", kwargs={"download_id": download.pk, "file_format": "json"}))
    exported = json.loads(data.content)
    assert exported["person"] == str(world.member_person.pk)
    assert "people.Person" in json.dumps(exported["sections"]) or exported["sections"]


def test_another_members_download_is_not_found(as_member: Client, world: World) -> None:
    other = UserFactory.create(role=Role.MEMBER)
    download = make_download(PersonFactory.create(user=other), other)
    assert as_member.get(reverse("portal:download_ready", kwargs={"download_id": download.pk})).status_code == 404
    url = reverse("portal:download_file", kwargs={"download_id": download.pk, "file_format": "json"})
    assert as_member.get(url).status_code == 404


def test_download_without_a_token_asks_to_try_again(as_member: Client) -> None:
    response = as_member.post(reverse("portal:make_download"), {})
    assert response.status_code == 302 and response["Location"] == reverse("portal:download")
    assert not RecordDownload.objects.exists()
