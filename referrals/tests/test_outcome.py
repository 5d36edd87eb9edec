"""After triage the referrer is told the outcome: by email where we have an address, otherwise
staff record that they told them; referrals can be withdrawn before allocation."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from conftest import World, sign_in
from notifications.models import Message
from referrals import services
from referrals.models import Referral
from referrals.tests.factories import ReferralFactory


def triage(referral: Referral, world: World, decision: str, **extra: str) -> Referral:
    return services.triage_referral(
        referral=referral,
        by=world.manager,
        complexity=2,
        risk_to_self=False,
        risk_to_others=False,
        risk_from_others=False,
        recent_crisis=False,
        risk_notes="",
        decision=decision,
        **extra,
    )


@pytest.mark.django_db(transaction=True)
def test_a_declined_referral_is_emailed_to_the_referrer_with_the_reason(world: World) -> None:
    referral = ReferralFactory.create(person=world.stranger, referrer_contact="dr.shah@example.org")
    referral = triage(referral, world, "decline", decision_reason="Needs a drug and alcohol service first")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["dr.shah@example.org"]
    assert referral.reference in message.subject
    assert "Needs a drug and alcohol service first" in message.body
    assert world.stranger.family_name not in message.body  # no need to name the person to the referrer
    assert Message.objects.get(template__code="referral_outcome").to == "dr.shah@example.org"  # through notifications
    referral.refresh_from_db()
    assert referral.referrer_told_how == "email" and referral.referrer_told_by == world.manager


@pytest.mark.django_db(transaction=True)
def test_a_self_referral_is_answered_at_the_persons_own_address(world: World) -> None:
    world.stranger.email = "alan@example.org"
    world.stranger.save()
    referral = ReferralFactory.create(person=world.stranger, source=Referral.Source.SELF, referrer_contact="")
    triage(referral, world, "signpost", signposted_to="Tuesday drop-in, Moseley")
    assert mail.outbox[0].to == ["alan@example.org"]
    assert "Tuesday drop-in, Moseley" in mail.outbox[0].body


@pytest.mark.django_db(transaction=True)
def test_accepted_referrals_send_nothing(world: World) -> None:
    triage(ReferralFactory.create(person=world.stranger, referrer_contact="dr.shah@example.org"), world, "enablement")
    assert mail.outbox == []


def test_staff_record_telling_a_referrer_who_has_no_email(as_manager: Client, world: World) -> None:
    referral = triage(ReferralFactory.create(person=world.stranger, referrer_contact="0121 496 0000"), world, "elsewhere")
    page = as_manager.get(reverse("referrals:detail", kwargs={"referral_id": referral.pk})).content.decode()
    assert "Tell the referrer the outcome." in page
    as_manager.post(reverse("referrals:referrer_told", kwargs={"referral_id": referral.pk}), {"how": "phone"})
    referral.refresh_from_db()
    assert referral.referrer_told_how == "phone"
    page = as_manager.get(reverse("referrals:detail", kwargs={"referral_id": referral.pk})).content.decode()
    assert "The referrer was told the outcome by phone" in page


def test_a_referral_can_be_withdrawn_before_allocation_only(as_worker: Client, world: World) -> None:
    referral = ReferralFactory.create(person=world.stranger)
    url = reverse("referrals:withdraw", kwargs={"referral_id": referral.pk})
    empty = as_worker.post(url, {}).content.decode()
    assert "Enter why the referral is being withdrawn" in empty
    as_worker.post(url, {"reason": "They have moved out of the area"})
    referral.refresh_from_db()
    assert referral.status == Referral.Status.WITHDRAWN
    manager = sign_in(Client(), world.manager)
    assert "can no longer be withdrawn" in manager.get(url).content.decode()
    assert manager.post(url, {"reason": "again"}).status_code == 302
    assert list(referral.status_changes.values_list("to_status", flat=True)).count("withdrawn") == 1
