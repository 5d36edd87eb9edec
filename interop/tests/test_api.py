"""The open API: token states (401), scopes (403), the same gates as the pages, pagination,
modified_since, audit of every use, and referrals sent into the triage queue."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from audit.models import AuditEvent
from community.tests.factories import AttendanceFactory
from conftest import World
from enablement.tests.factories import ContactFactory, EpisodeFactory
from interop.tests.factories import bearer, make_token
from people.models import Person
from people.tests.factories import PersonFactory
from referrals.models import Referral
from referrals.tests.factories import ReferralFactory

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse

pytestmark = pytest.mark.django_db

PEOPLE = "/api/v1/people/"
REFERRALS = "/api/v1/referrals/"


def ids(response: _MonkeyPatchedWSGIResponse) -> set[str]:
    return {str(row["id"]) for row in response.json()["results"]}


def test_no_token_is_401_with_the_scheme_named(client: Client, world: World) -> None:
    response = client.get(PEOPLE)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("header", ["Bearer star_not-a-real-token", "Bearer", "Token abc", "Basic dXNlcjpwYXNz", "Bearer a b"])
def test_unknown_or_malformed_token_is_401(client: Client, world: World, header: str) -> None:
    assert client.get(PEOPLE, HTTP_AUTHORIZATION=header).status_code == 401


def test_expired_token_is_401(client: Client, world: World) -> None:
    _, secret = make_token(account=world.manager, expires_in_days=-1)
    response = client.get(PEOPLE, **bearer(secret))
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


def test_revoked_token_is_401(client: Client, world: World) -> None:
    _, secret = make_token(account=world.manager, revoked_at=timezone.now())
    assert client.get(PEOPLE, **bearer(secret)).status_code == 401


def test_switched_off_account_is_401(client: Client, world: World) -> None:
    world.manager.is_active = False
    world.manager.save()
    _, secret = make_token(account=world.manager)
    assert client.get(PEOPLE, **bearer(secret)).status_code == 401


def test_a_signed_in_session_does_not_open_the_api(as_manager: Client) -> None:
    assert as_manager.get(PEOPLE).status_code == 401


@pytest.mark.parametrize(
    ("path", "scope"),
    [
        (PEOPLE, "people:read"),
        (REFERRALS, "referrals:read"),
        ("/api/v1/episodes/", "episodes:read"),
        ("/api/v1/contacts/", "contacts:read"),
        ("/api/v1/attendances/", "attendances:read"),
    ],
)
def test_each_list_needs_its_read_scope(client: Client, world: World, path: str, scope: str) -> None:
    _, without = make_token(account=world.manager, scopes=["referrals:write"])
    _, with_scope = make_token(account=world.manager, scopes=[scope])
    assert client.get(path, **bearer(without)).status_code == 403
    assert client.get(path, **bearer(with_scope)).status_code == 200


def test_read_scope_does_not_allow_sending_referrals(client: Client, world: World) -> None:
    _, secret = make_token(account=world.manager, scopes=["referrals:read"])
    response = client.post(REFERRALS, {}, content_type="application/json", **bearer(secret))
    assert response.status_code == 403
    assert not Referral.objects.exists()


def test_worker_account_sees_only_its_caseload(client: Client, world: World) -> None:
    _, secret = make_token(account=world.worker)
    assert ids(client.get(PEOPLE, **bearer(secret))) == {str(world.caseload_person.pk)}


def test_manager_account_sees_everyone(client: Client, world: World) -> None:
    _, secret = make_token(account=world.manager)
    assert ids(client.get(PEOPLE, **bearer(secret))) == {str(p.pk) for p in Person.objects.all()}


@pytest.mark.parametrize("role", ["member", "volunteer", "project_lead", "commissioner", "admin"])
def test_other_roles_see_no_one(client: Client, world: World, role: str) -> None:
    _, secret = make_token(account=world.user_for(role))
    response = client.get(PEOPLE, **bearer(secret))
    assert response.status_code == 200
    assert response.json()["results"] == [] or (role == "member" and ids(response) == {str(world.member_person.pk)})


def test_episodes_contacts_and_attendance_follow_the_people_gate(client: Client, world: World) -> None:
    mine = ContactFactory.create(episode=EpisodeFactory.create(person=world.caseload_person, worker=world.worker))
    theirs = ContactFactory.create(episode=EpisodeFactory.create(person=world.stranger, worker=world.other_worker))
    attended = AttendanceFactory.create(person=world.caseload_person)
    AttendanceFactory.create(person=world.stranger)
    _, secret = make_token(account=world.worker)
    assert ids(client.get("/api/v1/episodes/", **bearer(secret))) == {str(mine.episode_id)}
    assert ids(client.get("/api/v1/contacts/", **bearer(secret))) == {str(mine.pk)}
    assert str(theirs.pk) not in ids(client.get("/api/v1/contacts/", **bearer(secret)))
    assert ids(client.get("/api/v1/attendances/", **bearer(secret))) == {str(attended.pk)}


def test_referrals_follow_the_triage_gate(client: Client, world: World) -> None:
    waiting = ReferralFactory.create(person=world.stranger)  # awaiting triage: a service-wide queue
    decided = ReferralFactory.create(person=world.stranger, status=Referral.Status.DECLINED)
    _, secret = make_token(account=world.worker)
    found = ids(client.get(REFERRALS, **bearer(secret)))
    assert str(waiting.pk) in found
    assert str(decided.pk) not in found


def test_pagination(client: Client, world: World) -> None:
    PersonFactory.create_batch(7)
    _, secret = make_token(account=world.manager)
    first = client.get(PEOPLE, {"page_size": 4}, **bearer(secret)).json()
    assert first["count"] == Person.objects.count() == 10
    assert len(first["results"]) == 4
    assert first["next"]
    last = client.get(PEOPLE, {"page_size": 4, "page": 3}, **bearer(secret)).json()
    assert len(last["results"]) == 2
    assert client.get(PEOPLE, {"page": 99}, **bearer(secret)).status_code == 404


def test_modified_since_with_an_offset_and_a_bare_date(client: Client, world: World) -> None:
    _, secret = make_token(account=world.manager)
    assert client.get(PEOPLE, {"modified_since": "2026-11-01T09:00:00+05:30"}, **bearer(secret)).status_code == 200
    assert client.get(PEOPLE, {"modified_since": "2026-11-01"}, **bearer(secret)).status_code == 200


def test_modified_since(client: Client, world: World) -> None:
    cut = timezone.now() - datetime.timedelta(days=1)
    Person.objects.exclude(pk=world.caseload_person.pk).update(updated_at=cut - datetime.timedelta(days=5))
    _, secret = make_token(account=world.manager)
    response = client.get(PEOPLE, {"modified_since": cut.isoformat()}, **bearer(secret))
    assert ids(response) == {str(world.caseload_person.pk)}


def test_modified_since_includes_referrals_whose_status_changed(client: Client, world: World) -> None:
    old = ReferralFactory.create(person=world.caseload_person, received_at=timezone.now() - datetime.timedelta(days=30))
    old.status_changes.all()  # history row is new (now), so the referral counts as changed
    _, secret = make_token(account=world.manager)
    since = (timezone.now() - datetime.timedelta(hours=1)).isoformat()
    assert str(old.pk) in ids(client.get(REFERRALS, {"modified_since": since}, **bearer(secret)))


@pytest.mark.parametrize(
    "value", ["yesterday", "2026-13-01", "2026-02-30T00:00:00Z", "’", "0385-10-22T20:47:22+17:17", "0001-01-01T00:00:00+05:00"]
)
def test_malformed_modified_since_is_400(client: Client, world: World, value: str) -> None:
    _, secret = make_token(account=world.manager)
    response = client.get(PEOPLE, {"modified_since": value}, **bearer(secret))
    assert response.status_code == 400
    assert "modified_since" in response.json()


def test_every_use_is_audited_with_each_person_read(client: Client, world: World) -> None:
    token, secret = make_token(account=world.worker)
    client.get(PEOPLE, **bearer(secret))
    uses = AuditEvent.objects.filter(user=world.worker, object_type="interop.apitoken", object_id=str(token.pk))
    assert uses.count() == 1
    assert AuditEvent.objects.filter(user=world.worker, action="view", person_id=world.caseload_person.pk).exists()
    assert not AuditEvent.objects.filter(person_id=world.stranger.pk).exists()
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_list_costs_the_same_for_many_people(client: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries) -> None:
    PersonFactory.create_batch(30)
    _, secret = make_token(account=world.manager)
    with django_assert_max_num_queries(8):
        assert client.get(PEOPLE, **bearer(secret)).status_code == 200


def referral_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "source": "gp",
        "referrer_name": "Dr Priya Shah",
        "referrer_organisation": "Moseley Medical Centre",
        "reason_in_referrers_words": "Isolated since moving",
        "urgency": "soon",
        "consent_given": True,
        "person": {"given_name": "Grace", "family_name": "Hopper", "date_of_birth": "1990-12-09", "nhs_number": "999 000 0018"},
    }
    body.update(overrides)
    return body


def test_sending_a_referral_puts_it_in_the_triage_queue(client: Client, world: World) -> None:
    _, secret = make_token(account=world.manager, scopes=["referrals:write"])
    response = client.post(REFERRALS, referral_body(), content_type="application/json", **bearer(secret))
    assert response.status_code == 201, response.content
    referral = Referral.objects.get(pk=response.json()["id"])
    assert referral.status == Referral.Status.AWAITING_TRIAGE
    assert referral.created_by == world.manager
    assert referral.person.nhs_number == "9990000018"
    assert referral.person.nhs_number_status == "02"
    assert AuditEvent.objects.filter(action="create", object_type="referrals.referral", object_id=str(referral.pk)).exists()


def test_sending_a_referral_for_a_known_person(client: Client, world: World) -> None:
    _, secret = make_token(account=world.worker, scopes=["referrals:write"])
    body = referral_body(person_id=str(world.caseload_person.pk))
    del body["person"]
    response = client.post(REFERRALS, body, content_type="application/json", **bearer(secret))
    assert response.status_code == 201
    assert Referral.objects.get().person == world.caseload_person


def test_a_referral_for_someone_out_of_reach_is_404(client: Client, world: World) -> None:
    _, secret = make_token(account=world.worker, scopes=["referrals:write"])
    body = referral_body(person_id=str(world.stranger.pk))
    del body["person"]
    assert client.post(REFERRALS, body, content_type="application/json", **bearer(secret)).status_code == 404
    assert not Referral.objects.exists()


def test_a_matching_nhs_number_with_other_details_is_accepted_for_reconciliation(client: Client, world: World) -> None:
    _, secret = make_token(account=world.manager, scopes=["referrals:write"])
    body = referral_body(person={"given_name": "Someone", "family_name": "Else", "nhs_number": world.stranger.nhs_number})
    response = client.post(REFERRALS, body, content_type="application/json", **bearer(secret))
    assert response.status_code == 201  # like any other referral: no identity oracle
    referral = Referral.objects.get()
    assert referral.person != world.stranger and referral.identity_to_check


@pytest.mark.parametrize(
    "body",
    [
        referral_body(consent_given=False),
        referral_body(source="carrier pigeon"),
        referral_body(person={"given_name": "A", "family_name": "B", "nhs_number": "9434765918"}),
        {"consent_given": True},
        [],
        "not json",
    ],
    ids=["no consent", "unknown source", "bad check digit", "missing fields", "a list", "a string"],
)
def test_bad_referrals_are_400(client: Client, world: World, body: object) -> None:
    _, secret = make_token(account=world.manager, scopes=["referrals:write"])
    response = client.post(REFERRALS, body, content_type="application/json", **bearer(secret))
    assert response.status_code == 400
    assert not Referral.objects.exists()


def test_broken_json_is_400(client: Client, world: World) -> None:
    _, secret = make_token(account=world.manager, scopes=["referrals:write"])
    response = client.post(REFERRALS, "{not json", content_type="application/json", **bearer(secret))
    assert response.status_code == 400


def test_a_worker_account_without_the_capability_cannot_send(client: Client, world: World) -> None:
    _, secret = make_token(account=world.commissioner, scopes=["referrals:write"])
    assert client.post(REFERRALS, referral_body(), content_type="application/json", **bearer(secret)).status_code == 403


def test_schema_and_docs_are_open(client: Client, world: World) -> None:
    schema = client.get(reverse("interop:api_schema"), {"format": "json"})
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert {"/api/v1/people/", "/api/v1/referrals/", "/api/v1/episodes/", "/api/v1/contacts/", "/api/v1/attendances/"} <= set(paths)
    docs = client.get(reverse("interop:api_docs"))
    assert docs.status_code == 200
    assert b"cdn" not in docs.content.lower()
    assert b"<style" not in docs.content
