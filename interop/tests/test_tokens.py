"""Administrators make tokens (the secret shown once, stored only hashed), expire and revoke them."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from accounts.models import User
from audit.models import AuditEvent
from conftest import World, sign_in
from interop.models import ApiToken
from interop.services import TokenError, create_api_token, hash_secret
from interop.tests.factories import bearer, make_token

pytestmark = pytest.mark.django_db


def form_data(**overrides: object) -> dict[str, object]:
    expires = timezone.localdate() + datetime.timedelta(days=90)
    data: dict[str, object] = {
        "name": "Trust referrals",
        "service_account_name": "Birmingham trust",
        "role": "manager",
        "scopes": ["referrals:write", "people:read"],
        "expires_on_day": expires.day,
        "expires_on_month": expires.month,
        "expires_on_year": expires.year,
    }
    data.update(overrides)
    return data


def test_admin_makes_a_token_and_sees_the_secret_once(client: Client, world: World) -> None:
    sign_in(client, world.admin)
    response = client.post(reverse("interop:token_new"), form_data())
    token = ApiToken.objects.get()
    assert response.status_code == 302
    shown = client.get(reverse("interop:token_detail", kwargs={"token_id": token.pk}))
    found = re.search(rb'data-testid="new-token">(star_[^<]+)<', shown.content)
    assert found
    secret = found.group(1).decode()
    assert token.token_hash == hash_secret(secret)
    assert secret not in str(ApiToken.objects.values_list().get())
    again = client.get(reverse("interop:token_detail", kwargs={"token_id": token.pk}))
    assert secret.encode() not in again.content
    account = token.service_account
    assert account.username == "service-birmingham-trust" and account.role == "manager"
    assert not account.has_usable_password()
    assert token.scopes == ["people:read", "referrals:write"]
    assert AuditEvent.objects.filter(user=world.admin, action="create", object_type="interop.apitoken").exists()
    # And it works.
    assert client.get("/api/v1/people/", **bearer(secret)).status_code == 200


def test_the_form_says_what_to_fix(client: Client, world: World) -> None:
    sign_in(client, world.admin)
    response = client.post(reverse("interop:token_new"), {"name": ""})
    assert response.status_code == 200
    assert b"Enter what the token is for" in response.content
    assert b"Choose at least one thing the token may do" in response.content
    past = timezone.localdate() - datetime.timedelta(days=1)
    response = client.post(
        reverse("interop:token_new"), form_data(expires_on_day=past.day, expires_on_month=past.month, expires_on_year=past.year)
    )
    assert b"Enter an expiry date in the future" in response.content
    assert not ApiToken.objects.exists()


def test_a_service_account_keeps_its_role(world: World) -> None:
    expires = timezone.localdate() + datetime.timedelta(days=5)
    create_api_token(
        by=world.admin, name="a", service_account_name="Council", role="str_worker", scopes=["people:read"], expires_on=expires
    )
    with pytest.raises(TokenError):
        create_api_token(
            by=world.admin, name="b", service_account_name="Council", role="manager", scopes=["people:read"], expires_on=expires
        )
    assert User.objects.filter(username="service-council").count() == 1


def test_unknown_scopes_are_refused(world: World) -> None:
    with pytest.raises(TokenError):
        create_api_token(
            by=world.admin,
            name="a",
            service_account_name="x",
            role="manager",
            scopes=["people:write"],
            expires_on=timezone.localdate() + datetime.timedelta(days=5),
        )


def test_revoking_stops_the_token(client: Client, world: World) -> None:
    token, secret = make_token(account=world.manager, created_by=world.admin)
    sign_in(client, world.admin)
    client.post(reverse("interop:token_revoke", kwargs={"token_id": token.pk}))
    token.refresh_from_db()
    assert token.revoked_by == world.admin
    assert Client().get("/api/v1/people/", **bearer(secret)).status_code == 401
    assert AuditEvent.objects.filter(user=world.admin, action="update", object_id=str(token.pk)).exists()


def test_expiring_now_stops_the_token(client: Client, world: World) -> None:
    token, secret = make_token(account=world.manager, created_by=world.admin)
    sign_in(client, world.admin)
    client.post(reverse("interop:token_expire", kwargs={"token_id": token.pk}))
    token.refresh_from_db()
    assert token.is_expired
    assert Client().get("/api/v1/people/", **bearer(secret)).status_code == 401


def test_only_admins_reach_token_pages(client: Client, world: World) -> None:
    token, _ = make_token(account=world.manager, created_by=world.admin)
    sign_in(client, world.manager)
    assert client.get(reverse("interop:token_list")).status_code == 403
    assert client.post(reverse("interop:token_revoke", kwargs={"token_id": token.pk})).status_code == 403
    token.refresh_from_db()
    assert token.revoked_at is None


def test_unknown_token_page_is_404(client: Client, world: World) -> None:
    sign_in(client, world.admin)
    assert client.get(reverse("interop:token_detail", kwargs={"token_id": 999})).status_code == 404


def test_token_list_query_count(client: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries) -> None:
    for _ in range(12):
        make_token(account=world.manager, created_by=world.admin)
    sign_in(client, world.admin)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("interop:token_list"))
    assert response.status_code == 200
    assert response.content.count(b"Test system") == 12
