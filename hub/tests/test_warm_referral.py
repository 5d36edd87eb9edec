"""A warm referral by email when signposting: optional, only with the member's consent, and the
email carries only what they agreed to share."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from conftest import World, sign_in
from hub.models import Signposting
from hub.tests.factories import ResourceFactory
from notifications.models import Message
from people.models import Person

pytestmark = pytest.mark.django_db


def _form(resource: Any, **more: Any) -> dict[str, Any]:
    day = timezone.localdate()
    return {
        "resource": str(resource.pk),
        "how": "warm_handover",
        "reason": "Letters about rent arrears",
        "follow_up_in": "2",
        "signposted_on_day": str(day.day),
        "signposted_on_month": str(day.month),
        "signposted_on_year": str(day.year),
        **more,
    }


def _person(world: World) -> Person:
    person = world.caseload_person
    person.phone, person.email = "07700 900456", "ola@example.org"
    person.save(update_fields=["phone", "email"])
    return person


def test_the_email_says_only_what_the_member_agreed_to_share(client: Client, world: World) -> None:
    person = _person(world)
    resource = ResourceFactory.create(name="Debt advice clinic", email="intake@advice.example.org")
    sign_in(client, world.worker)
    url = reverse("hub:signpost_new", kwargs={"person_id": person.pk})
    response = client.post(url, _form(resource, refer_by_email="on", referral_shares=["name", "phone"], referral_consent="on"))
    assert response.status_code == 302
    signposting = Signposting.objects.get(person=person)
    assert signposting.referral_consent and signposting.referral_shares == ["name", "phone"]
    [email] = mail.outbox
    assert email.to == ["intake@advice.example.org"]
    assert person.full_name in email.body and "07700 900456" in email.body
    assert "ola@example.org" not in email.body and "rent arrears" not in email.body
    message = Message.objects.get(template__code="warm_referral")
    assert message.person == person and signposting.referral_message == message
    event = AuditEvent.objects.get(person_id=person.pk, action="create", object_type__icontains="signposting")
    assert event.detail["warm_referral_shares"] == ["name", "phone"]
    page = client.get(reverse("hub:person_signposting", kwargs={"person_id": person.pk})).content.decode()
    assert "Warm referral emailed to intake@advice.example.org" in page


def test_no_referral_unless_asked_and_then_only_with_consent(client: Client, world: World) -> None:
    person = _person(world)
    resource = ResourceFactory.create(email="intake@advice.example.org")
    sign_in(client, world.worker)
    url = reverse("hub:signpost_new", kwargs={"person_id": person.pk})
    page = client.post(url, _form(resource, refer_by_email="on", referral_shares=["name"])).content.decode()
    assert "Confirm they agreed to the email, or untick the referral" in page
    assert not Signposting.objects.exists() and not mail.outbox
    # Shares ticked but no referral asked for: nothing is sent or kept.
    assert client.post(url, _form(resource, referral_shares=["name"], referral_consent="on")).status_code == 302
    signposting = Signposting.objects.get()
    assert signposting.referral_shares == [] and not signposting.referral_consent and signposting.referral_message is None
    assert not mail.outbox


def test_what_cannot_be_shared_is_explained(client: Client, world: World) -> None:
    person = world.caseload_person
    person.phone = ""
    person.save(update_fields=["phone"])
    sign_in(client, world.worker)
    url = reverse("hub:signpost_new", kwargs={"person_id": person.pk})
    no_email = client.post(
        url,
        _form(
            ResourceFactory.create(name="Walk-in advice", email=""), refer_by_email="on", referral_shares=["name"], referral_consent="on"
        ),
    )
    assert "Walk-in advice has no email address in the hub" in no_email.content.decode()
    form = _form(
        ResourceFactory.create(email="a@example.org"),
        reason="",
        refer_by_email="on",
        referral_shares=["phone", "reason"],
        referral_consent="on",
    )
    page = client.post(url, form).content.decode()
    assert "Their record has no phone number" in page and "Enter why, or untick it" in page
    assert not Signposting.objects.exists() and not mail.outbox


def test_a_repeat_of_the_same_form_sends_one_email(client: Client, world: World) -> None:
    person = _person(world)
    resource = ResourceFactory.create(email="intake@advice.example.org")
    sign_in(client, world.worker)
    url = reverse("hub:signpost_new", kwargs={"person_id": person.pk})
    key = re.search(r'name="submission_key" value="([^"]+)"', client.get(url).content.decode())
    assert key is not None
    form = _form(resource, refer_by_email="on", referral_shares=["name"], referral_consent="on", submission_key=key.group(1))
    client.post(url, form)
    client.post(url, form)
    assert Signposting.objects.count() == 1 and len(mail.outbox) == 1
