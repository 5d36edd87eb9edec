"""FHIR import: the same ServiceRequest sent twice makes one referral; every error on a FHIR
endpoint is an OperationOutcome in application/fhir+json; size and depth are limited before parsing."""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING, Any

import pytest
from django.db import IntegrityError, transaction
from django.test import Client

from conftest import World
from interop.api import fhir as fhir_api
from interop.fhir import receiving, systems
from interop.models import ReceivedServiceRequest
from interop.tests.factories import bearer, make_token
from interop.tests.test_fhir_import import URL, post, sample_bundle
from people.models import Person
from referrals.models import Referral

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse

pytestmark = pytest.mark.django_db


@pytest.fixture
def secret(world: World) -> str:
    return make_token(account=world.manager, scopes=["referrals:write"])[1]


def with_identifier(value: str = "RF-2025-0001", **patient_changes: Any) -> dict[str, Any]:
    bundle = sample_bundle(**patient_changes)
    request = next(e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "ServiceRequest")
    request["identifier"] = [{"system": "https://gp.example.nhs.uk/referrals", "value": value}]
    return bundle


def is_outcome(response: _MonkeyPatchedWSGIResponse, status: int) -> list[str]:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/fhir+json")
    body = json.loads(response.content)
    assert body["resourceType"] == "OperationOutcome" and body["issue"]
    return [issue["diagnostics"] for issue in body["issue"]]


def test_the_same_service_request_twice_makes_one_referral_and_one_person(client: Client, world: World, secret: str) -> None:
    bundle = with_identifier(identifier=[])  # no NHS number: the person would be made twice too
    first = post(client, secret, bundle)
    again = post(client, secret, bundle)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["identifier"] == again.json()["identifier"]
    assert Referral.objects.count() == 1
    assert Person.objects.filter(family_name="Hopper").count() == 1


def test_a_different_identifier_is_a_different_referral(client: Client, world: World, secret: str) -> None:
    assert post(client, secret, with_identifier("A")).status_code == 201
    assert post(client, secret, with_identifier("B")).status_code == 201
    assert Referral.objects.count() == 2


def test_identifiers_are_per_sender(client: Client, world: World, secret: str) -> None:
    other = make_token(account=world.admin, scopes=["referrals:write"])[1]
    assert post(client, secret, with_identifier()).status_code == 201
    second = post(client, other, with_identifier())
    assert second.status_code in (201, 403)  # another sender never gets the first sender's referral back
    assert Referral.objects.count() == (2 if second.status_code == 201 else 1)


def test_idempotency_key_header(client: Client, world: World, secret: str) -> None:
    bundle = sample_bundle()

    def send(body: Any, key: str) -> _MonkeyPatchedWSGIResponse:
        return client.post(URL, json.dumps(body), content_type="application/fhir+json", HTTP_IDEMPOTENCY_KEY=key, **bearer(secret))

    assert send(bundle, "7f1c-key-1").status_code == 201
    assert send(bundle, "7f1c-key-1").status_code == 200
    assert Referral.objects.count() == 1
    changed = sample_bundle(birthDate="1991-01-01")
    assert "different request" in is_outcome(send(changed, "7f1c-key-1"), 422)[0]
    assert "Idempotency-Key" in is_outcome(send(bundle, "has spaces"), 400)[0]
    assert send(bundle, "7f1c-key-2").status_code == 201
    assert Referral.objects.count() == 2


def test_two_copies_arriving_together_still_make_one_referral(
    client: Client, world: World, secret: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second copy checks before the first has finished (the lookup misses): the database's
    unique constraint refuses its record, its referral is rolled back and the first returned."""
    assert post(client, secret, with_identifier()).status_code == 201
    real = receiving.earlier
    calls: list[int] = []

    def miss_once(**kwargs: Any) -> Referral | None:
        calls.append(1)
        return None if len(calls) == 1 else real(**kwargs)

    monkeypatch.setattr(receiving, "earlier", miss_once)
    response = post(client, secret, with_identifier())
    assert response.status_code == 200 and len(calls) == 2
    assert Referral.objects.count() == 1


def test_the_database_refuses_a_second_record_of_the_same_request(world: World) -> None:
    from referrals.tests.factories import ReferralFactory

    referral = ReferralFactory.create()
    row = {"sender": world.manager, "kind": "identifier", "key": "s|v", "body_sha256": "x", "referral": referral}
    ReceivedServiceRequest.objects.create(**row)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReceivedServiceRequest.objects.create(**row)


def test_malformed_json(client: Client, world: World, secret: str) -> None:
    assert is_outcome(client.post(URL, "{nope", content_type="application/fhir+json", **bearer(secret)), 400)


def test_a_12_mb_body_is_413_before_parsing(client: Client, world: World, secret: str) -> None:
    body = '{"resourceType": "Bundle", "padding": "' + "x" * (12 * 1024 * 1024) + '"}'
    assert "larger than" in is_outcome(client.post(URL, body, content_type="application/fhir+json", **bearer(secret)), 413)[0]


def test_a_body_without_content_length_is_cut_at_the_limit() -> None:
    stream = io.BytesIO(b"[" * (receiving.max_body_bytes() + 10))
    with pytest.raises(fhir_api.BodyTooLarge):
        fhir_api.FhirJSONParser().parse(stream, parser_context={})


def test_100000_deep_json_is_400_not_500(client: Client, world: World, secret: str) -> None:
    body = "[" * 100_000 + "]" * 100_000
    assert "nested more than" in is_outcome(client.post(URL, body, content_type="application/fhir+json", **bearer(secret)), 400)[0]
    deep_object = '{"a":' * 100_000 + "1" + "}" * 100_000
    assert is_outcome(client.post(URL, deep_object, content_type="application/json", **bearer(secret)), 400)


def test_nesting_depth_ignores_brackets_in_text() -> None:
    assert receiving.nesting_depth('{"a": [1, {"b": "[[[{{{"}]}') == 3
    assert receiving.nesting_depth('{"a": "say \\"[[[\\" please"}') == 1


def test_wrong_content_type(client: Client, world: World, secret: str) -> None:
    assert is_outcome(client.post(URL, json.dumps(sample_bundle()), content_type="text/plain", **bearer(secret)), 415)


def test_missing_and_unknown_tokens(client: Client, world: World) -> None:
    assert is_outcome(client.post(URL, json.dumps(sample_bundle()), content_type="application/fhir+json"), 401)
    assert is_outcome(post(client, "star_nobody-knows-this-token", sample_bundle()), 401)
    assert is_outcome(client.post(URL, "{}", content_type="application/fhir+json", HTTP_AUTHORIZATION="Basic abc"), 401)
    assert not Referral.objects.exists()


def test_wrong_scope_is_403(client: Client, world: World) -> None:
    _, read_only = make_token(account=world.manager, scopes=["referrals:read"])
    assert is_outcome(post(client, read_only, sample_bundle()), 403)


def test_unknown_fhir_resource_is_404(client: Client, world: World, secret: str) -> None:
    assert is_outcome(client.get("/api/v1/fhir/Patient/123", **bearer(secret)), 404)
    assert is_outcome(client.post("/api/v1/fhir/Observation", "{}", content_type="application/fhir+json", **bearer(secret)), 404)


def test_other_methods_on_service_request_are_405(client: Client, world: World) -> None:
    _, both = make_token(account=world.manager, scopes=["referrals:read", "referrals:write"])
    assert is_outcome(client.get(URL, **bearer(both)), 405)
    assert is_outcome(client.get(URL, HTTP_ACCEPT="text/html", **bearer(both)), 406)
    assert is_outcome(client.delete(URL, **bearer(both)), 405)


def test_an_unexpected_failure_is_500_with_an_outcome(client: Client, world: World, secret: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(**kwargs: Any) -> None:
        raise RuntimeError("database on fire")

    monkeypatch.setattr(fhir_api, "receive_fhir_referral", broken)
    problems = is_outcome(post(client, secret, sample_bundle()), 500)
    assert "nothing was saved" in problems[0] and "fire" not in problems[0]


def test_problems_in_the_resource_are_still_named(client: Client, world: World, secret: str) -> None:
    bundle = sample_bundle()
    bundle["entry"][1]["resource"]["extension"] = [{"url": systems.REFERRAL_CONSENT, "valueBoolean": False}]
    assert any("agreement" in p for p in is_outcome(post(client, secret, bundle), 400))


def test_the_database_unavailable_is_503_with_an_outcome(
    client: Client, world: World, secret: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.db import OperationalError

    def unreachable(**kwargs: Any) -> None:
        raise OperationalError("connection refused")

    monkeypatch.setattr(fhir_api, "receive_fhir_referral", unreachable)
    response = post(client, secret, sample_bundle())
    assert "send it again" in is_outcome(response, 503)[0]
    assert response["Retry-After"] == "60"


def test_conditional_create_with_if_none_exist(client: Client, world: World, secret: str) -> None:
    def send(body: Any, condition: str) -> _MonkeyPatchedWSGIResponse:
        return client.post(URL, json.dumps(body), content_type="application/fhir+json", HTTP_IF_NONE_EXIST=condition, **bearer(secret))

    condition = "identifier=https://gp.example.nhs.uk/referrals|RF-9"
    assert send(sample_bundle(), condition).status_code == 201
    assert send(sample_bundle(), condition).status_code == 200
    assert Referral.objects.count() == 1
    # The same identifier in the body later is the same request.
    assert post(client, secret, with_identifier("RF-9")).status_code == 200
    assert "only identifier" in is_outcome(send(sample_bundle(), "name=Hopper"), 400)[0]
    assert Referral.objects.count() == 1
