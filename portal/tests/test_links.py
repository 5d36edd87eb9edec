"""Invitations and emailed sign-in links: single use, expiring, stored hashed, no enumeration."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import Settings

from accounts.models import User
from accounts.roles import Role
from audit.models import AuditEvent
from conftest import World, sign_in
from notifications.models import Message
from people.tests.factories import PersonFactory
from portal.models import MemberLink
from portal.services import hash_token
from portal.tests.factories import make_link

GOOD_PASSWORD = "purple kettle under the stairs"


def _link_in(message: mail.EmailMessage) -> str:
    found = re.search(r"http://testserver(/my/\S+/)", str(message.body))
    assert found, message.body
    return found.group(1)


def test_staff_invite_a_person_and_they_set_a_password(client: Client, world: World) -> None:
    sign_in(client, world.worker)
    response = client.post(reverse("portal:invite", kwargs={"person_id": world.caseload_person.pk}), {"email": "Ada@Example.org"})
    assert response.status_code == 302
    world.caseload_person.refresh_from_db()
    member = world.caseload_person.user
    assert member is not None and member.role == Role.MEMBER and member.email == "ada@example.org"
    assert not member.has_usable_password()
    link = _link_in(mail.outbox[-1])
    assert Message.objects.get(template__code="member_invitation").person == world.caseload_person  # through notifications
    token = link.rstrip("/").rsplit("/", 1)[-1]
    stored = MemberLink.objects.get(user=member)
    assert stored.token_hash == hash_token(token) and token not in stored.token_hash
    assert stored.expires_at > timezone.now() + timedelta(days=6)

    visitor = Client()
    assert visitor.get(link).status_code == 200
    short = visitor.post(link, {"password": "short", "password_again": "short"})
    assert "at least 15 characters" in short.content.decode()
    response = visitor.post(link, {"password": GOOD_PASSWORD, "password_again": GOOD_PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")
    member.refresh_from_db()
    assert member.check_password(GOOD_PASSWORD)
    assert visitor.get(reverse("portal:home")).status_code == 200
    # The link works once.
    again = Client().get(link)
    assert again.status_code == 410 and "already been used" in again.content.decode()


def test_expired_invitation_says_so_and_offers_a_new_link(client: Client, world: World) -> None:
    token = make_link(world.member, expires_in=timedelta(seconds=-1))
    response = client.get(reverse("portal:accept_invitation", kwargs={"token": token}))
    page = response.content.decode()
    assert response.status_code == 410 and "too old" in page and reverse("portal:email_link") in page
    assert "STR worker" in page


def test_a_new_invitation_withdraws_the_old_one(client: Client, world: World) -> None:
    sign_in(client, world.manager)
    url = reverse("portal:invite", kwargs={"person_id": world.member_person.pk})
    client.post(url, {"email": "mary@example.org"})
    first = _link_in(mail.outbox[-1])
    client.post(url, {"email": "mary@example.org"})
    second = _link_in(mail.outbox[-1])
    assert Client().get(first).status_code == 410
    assert Client().get(second).status_code == 200


def test_invitation_refuses_an_email_already_in_use(client: Client, world: World) -> None:
    sign_in(client, world.worker)
    response = client.post(reverse("portal:invite", kwargs={"person_id": world.caseload_person.pk}), {"email": world.worker.email})
    assert response.status_code == 200 and "already used by another account" in response.content.decode()
    world.caseload_person.refresh_from_db()
    assert world.caseload_person.user is None


def test_worker_cannot_invite_a_stranger(client: Client, world: World) -> None:
    sign_in(client, world.worker)
    response = client.post(reverse("portal:invite", kwargs={"person_id": world.stranger.pk}), {"email": "alan@example.org"})
    assert response.status_code == 404 and not mail.outbox


def test_sign_in_link_gives_the_same_answer_whether_or_not_the_address_is_known(client: Client, world: World) -> None:
    cache.clear()
    known = client.post(reverse("portal:email_link"), {"email": world.member.email})
    unknown = client.post(reverse("portal:email_link"), {"email": "nobody@example.org"})
    staff = client.post(reverse("portal:email_link"), {"email": world.worker.email})
    assert known.status_code == unknown.status_code == staff.status_code == 302
    assert known["Location"] == unknown["Location"] == staff["Location"]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [world.member.email]
    message = Message.objects.get(template__code="sign_in_link")  # through notifications, the link never kept
    assert message.person == world.member_person and "/my/sign-in-link/" not in message.body


def test_sign_in_link_signs_in_once_and_rotates_the_session(client: Client, world: World) -> None:
    cache.clear()
    client.post(reverse("portal:email_link"), {"email": world.member.email})
    link = _link_in(mail.outbox[-1])
    assert client.get(link).status_code == 200  # opening the link (or a mail scanner) does not use it up
    client.get(reverse("portal:email_link"))
    before = client.session.session_key
    response = client.post(link)
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")
    assert client.session.session_key != before
    assert AuditEvent.objects.filter(user=world.member, action=AuditEvent.Action.SIGN_IN).exists()
    reused = Client().post(link)
    assert reused.status_code == 410 and "already been used" in reused.content.decode()


def test_sign_in_link_expires_after_fifteen_minutes(client: Client, world: World) -> None:
    token = make_link(world.member, MemberLink.Purpose.SIGN_IN, expires_in=timedelta(minutes=15))
    MemberLink.objects.filter(token_hash=hash_token(token)).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.post(reverse("portal:link_sign_in", kwargs={"token": token}))
    assert response.status_code == 410 and "too old" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_in_links_are_rate_limited(client: Client, world: World, settings: Settings) -> None:
    cache.clear()
    settings.STAR_SIGN_IN_LINKS_PER_HOUR = 2
    for _ in range(2):
        assert client.post(reverse("portal:email_link"), {"email": "someone@example.org"}).status_code == 302
    response = client.post(reverse("portal:email_link"), {"email": world.member.email})
    assert response.status_code == 429 and "Wait an hour" in response.content.decode()
    assert not mail.outbox


def test_inactive_member_link_is_refused(client: Client, world: World) -> None:
    token = make_link(world.member, MemberLink.Purpose.SIGN_IN)
    User.objects.filter(pk=world.member.pk).update(is_active=False)
    assert client.post(reverse("portal:link_sign_in", kwargs={"token": token})).status_code == 410


def test_an_unknown_person_record_gets_a_member_account(client: Client, world: World) -> None:
    person = PersonFactory.create()
    sign_in(client, world.manager)
    client.post(reverse("portal:invite", kwargs={"person_id": person.pk}), {"email": "new.member@example.org"})
    person.refresh_from_db()
    assert person.user is not None and person.user.first_name == person.given_name
    assert AuditEvent.objects.filter(person_id=person.pk, action=AuditEvent.Action.USER_CREATED, user=world.manager).exists()


def test_sign_in_links_are_limited_per_address_too(client: Client, world: World, settings: Settings) -> None:
    settings.STAR_SIGN_IN_LINKS_PER_HOUR = 2
    for n in range(3):
        cache.clear()  # a different address each time
        response = client.post(reverse("portal:email_link"), {"email": world.member.email})
        assert response.status_code == 302, n
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_any_made_up_link_is_refused_as_unknown() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from portal.services import LinkProblem, check_link

    @settings(max_examples=40, deadline=None)
    @given(st.text(min_size=0, max_size=80))
    def refused(token: str) -> None:
        with pytest.raises(LinkProblem) as problem:
            check_link(token=token, purpose=MemberLink.Purpose.SIGN_IN)
        assert problem.value.reason == "unknown"

    refused()
