"""Forms a person may send twice (a double click, a browser retrying after a timeout) make one
record: contacts and staff referrals by a submission key; the others by their own tokens or
constraints, tested in their apps and again here side by side."""

from __future__ import annotations

import re
import uuid
from typing import Any
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from conftest import World, sign_in
from enablement.models import Contact, Episode
from enablement.tests.factories import EpisodeFactory
from enablement.tests.test_contacts import contact_answers
from involvement.models import Feedback
from people.models import Person
from referrals.models import Referral
from referrals.tests.test_intake import answers as referral_answers
from submissions import services
from submissions.models import Submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def episode(world: World) -> Episode:
    return EpisodeFactory.create(person=world.caseload_person, worker=world.worker)


def _key_in(page: str) -> str:
    found = re.search(r'name="submission_key" value="([0-9a-f-]{36})"', page)
    assert found, "the form carries a submission key"
    return found.group(1)


def test_each_contact_form_shown_gets_a_fresh_key(as_worker: Client, episode: Episode) -> None:
    url = f"/enablement/episodes/{episode.pk}/contacts/new/"
    assert _key_in(as_worker.get(url).content.decode()) != _key_in(as_worker.get(url).content.decode())


def test_a_contact_sent_twice_is_saved_once_and_both_get_the_same_page(as_worker: Client, episode: Episode) -> None:
    url = f"/enablement/episodes/{episode.pk}/contacts/new/"
    data = contact_answers(submission_key=_key_in(as_worker.get(url).content.decode()))
    first = as_worker.post(url, data)
    again = as_worker.post(url, data)  # the retry after a timeout
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"] == f"/enablement/episodes/{episode.pk}/"
    contact = Contact.objects.get()
    assert AuditEvent.objects.filter(object_type="enablement.contact", action="create").count() == 1
    assert Submission.objects.get().object_id == str(contact.pk)
    assert "already saved" in as_worker.get(again["Location"]).content.decode()


def test_a_new_contact_form_makes_a_second_contact(as_worker: Client, episode: Episode) -> None:
    url = f"/enablement/episodes/{episode.pk}/contacts/new/"
    for _ in range(2):
        as_worker.post(url, contact_answers(submission_key=_key_in(as_worker.get(url).content.decode())))
    assert Contact.objects.count() == 2


def test_a_contact_form_shown_again_after_an_error_keeps_its_key(as_worker: Client, episode: Episode) -> None:
    url = f"/enablement/episodes/{episode.pk}/contacts/new/"
    key = str(uuid.uuid4())
    page = as_worker.post(url, contact_answers(submission_key=key, minutes="")).content.decode()
    assert _key_in(page) == key and not Contact.objects.exists()
    as_worker.post(url, contact_answers(submission_key=key))
    assert Contact.objects.count() == 1


def test_a_referral_sent_twice_is_recorded_once(as_worker: Client) -> None:
    key = _key_in(as_worker.get("/referrals/new/").content.decode())
    first = as_worker.post("/referrals/new/", referral_answers(submission_key=key))
    # The repeat would otherwise find the person the first one registered as a possible duplicate.
    again = as_worker.post("/referrals/new/", referral_answers(submission_key=key))
    referral = Referral.objects.get()
    assert first["Location"] == again["Location"] == f"/referrals/{referral.pk}/"
    assert Person.objects.filter(given_name="Grace").count() == 1
    assert "was already recorded" in as_worker.get(again["Location"]).content.decode()


def test_copies_arriving_together_make_one_record(as_worker: Client, episode: Episode) -> None:
    """Both copies pass the first look-up before either has saved; the unique key decides, and the
    loser's contact and audit rows are rolled back."""
    url = f"/enablement/episodes/{episode.pk}/contacts/new/"
    data = contact_answers(submission_key=str(uuid.uuid4()))
    as_worker.post(url, data)
    real = services._earlier
    calls: list[int] = []

    def racing(*args: Any, **kwargs: Any) -> object:
        calls.append(1)
        return None if len(calls) == 1 else real(*args, **kwargs)

    with mock.patch.object(services, "_earlier", side_effect=racing):
        response = as_worker.post(url, data)
    assert response.status_code == 302 and len(calls) == 2
    assert Contact.objects.count() == 1
    assert AuditEvent.objects.filter(object_type="enablement.contact", action="create").count() == 1


def test_another_users_key_is_refused(client: Client, world: World, episode: Episode) -> None:
    url = f"/enablement/episodes/{episode.pk}/contacts/new/"
    data = contact_answers(submission_key=str(uuid.uuid4()))
    sign_in(client, world.worker).post(url, data)
    sign_in(client, world.manager)
    assert client.get(url).status_code == 200, "the manager may record contacts here"
    assert client.post(url, data).status_code == 400
    assert Contact.objects.count() == 1


def test_a_form_without_a_key_still_works(as_worker: Client, episode: Episode) -> None:
    assert as_worker.post(f"/enablement/episodes/{episode.pk}/contacts/new/", contact_answers()).status_code == 302
    assert Contact.objects.count() == 1 and not Submission.objects.exists()


def test_paper_feedback_entered_twice_is_saved_once(as_worker: Client) -> None:
    data = {"kind": "idea", "message": "More evening groups", "token": str(uuid.uuid4())}
    data |= {"received_on_day": "2", "received_on_month": "3", "received_on_year": "2026"}
    as_worker.post(reverse("involvement:feedback_new"), data)
    as_worker.post(reverse("involvement:feedback_new"), data)
    assert Feedback.objects.count() == 1
