"""Referrals sent as FHIR: into the triage queue, matched to a person only when the NHS number
and the last name and date of birth agree; problems named in an OperationOutcome; and a round
trip (export a person, bring the referral into a database without them, get them back)."""

from __future__ import annotations

import copy
import json
from typing import TYPE_CHECKING, Any

import pytest
from django.db import connection
from django.test import Client

from audit.models import AuditEvent
from conftest import World
from interop.fhir import systems
from interop.fhir.export import bundle_of, patient, service_request
from interop.tests.factories import bearer, make_token
from people.models import Person
from people.tests.factories import PersonFactory
from referrals.access import triage_queue_for
from referrals.models import Referral
from referrals.tests.factories import ReferralFactory

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse

pytestmark = pytest.mark.django_db

URL = "/api/v1/fhir/ServiceRequest"


def post(client: Client, secret: str, body: Any, content_type: str = "application/fhir+json") -> _MonkeyPatchedWSGIResponse:
    return client.post(URL, json.dumps(body), content_type=content_type, **bearer(secret))


def sample_bundle(**patient_changes: Any) -> dict[str, Any]:
    subject: dict[str, Any] = {
        "resourceType": "Patient",
        "id": "7d7c2f0e-1111-4222-8333-444455556666",
        "identifier": [{"system": systems.NHS_NUMBER, "value": "9990000026"}],
        "name": [{"use": "official", "family": "Hopper", "given": ["Grace"]}],
        "birthDate": "1990-12-09",
    }
    subject.update(patient_changes)
    request = {
        "resourceType": "ServiceRequest",
        "id": "0b0c2f0e-1111-4222-8333-444455556666",
        "extension": [{"url": systems.REFERRAL_CONSENT, "valueBoolean": True}],
        "status": "active",
        "intent": "order",
        "priority": "urgent",
        "subject": {"reference": f"urn:uuid:{subject['id']}"},
        "requester": {"display": "Dr Priya Shah"},
        "note": [{"text": "Isolated since moving to Birmingham"}],
    }
    return bundle_of([subject, request])


@pytest.fixture
def secret(world: World) -> str:
    return make_token(account=world.manager, scopes=["referrals:write"])[1]


def test_a_fhir_referral_joins_the_triage_queue(client: Client, world: World, secret: str) -> None:
    response = post(client, secret, sample_bundle())
    assert response.status_code == 201, response.content
    assert response.json()["resourceType"] == "ServiceRequest"
    referral = Referral.objects.get()
    assert referral in triage_queue_for(world.worker)
    assert referral.urgency == Referral.Urgency.SOON
    assert referral.referrer_name == "Dr Priya Shah"
    assert referral.reason_in_referrers_words == "Isolated since moving to Birmingham"
    person = referral.person
    assert (person.given_name, person.family_name, str(person.date_of_birth), person.nhs_number) == (
        "Grace",
        "Hopper",
        "1990-12-09",
        "9990000026",
    )
    assert person.nhs_number_status == "02"
    assert AuditEvent.objects.filter(user=world.manager, action="create", object_id=str(referral.pk)).exists()


def test_a_contained_patient_is_accepted(client: Client, world: World, secret: str) -> None:
    bundle = sample_bundle()
    subject, request = (entry["resource"] for entry in bundle["entry"])
    subject["id"] = "patient"
    request["contained"] = [subject]
    request["subject"] = {"reference": "#patient"}
    response = post(client, secret, request, content_type="application/json")
    assert response.status_code == 201, response.content


def test_matched_when_nhs_number_name_and_birth_date_agree(client: Client, world: World, secret: str) -> None:
    known = PersonFactory.create(given_name="Grace", family_name="Hopper", nhs_number="9990000026")
    assert known.date_of_birth is not None
    bundle = sample_bundle(birthDate=known.date_of_birth.isoformat())
    assert post(client, secret, bundle).status_code == 201
    assert Referral.objects.get().person == known
    assert Person.objects.filter(nhs_number="9990000026").count() == 1


def test_never_matched_on_nhs_number_alone(client: Client, world: World, secret: str) -> None:
    known = PersonFactory.create(given_name="Alan", family_name="Turing", nhs_number="9990000026")
    response = post(client, secret, sample_bundle())
    # Accepted like any other referral (no identity oracle), for a new record a manager reconciles.
    assert response.status_code == 201
    referral = Referral.objects.get()
    assert referral.person != known and referral.identity_to_check
    assert "different name" not in response.content.decode()


def test_no_nhs_number_means_a_new_person(client: Client, world: World, secret: str) -> None:
    PersonFactory.create(given_name="Grace", family_name="Hopper")
    bundle = sample_bundle()
    del bundle["entry"][0]["resource"]["identifier"]
    assert post(client, secret, bundle).status_code == 201
    assert Referral.objects.get().person.nhs_number == ""


def outcome(response: _MonkeyPatchedWSGIResponse) -> str:
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["resourceType"] == "OperationOutcome"
    return " ".join(issue["diagnostics"] for issue in body["issue"])


def test_wrong_resource_type_names_the_problem(client: Client, world: World, secret: str) -> None:
    assert "not Patient" in outcome(post(client, secret, {"resourceType": "Patient"}))
    assert "not a resource with no resourceType" in outcome(post(client, secret, {"hello": "world"}))
    assert "JSON object" in outcome(post(client, secret, [1, 2]))


def test_a_bad_nhs_number_names_the_problem(client: Client, world: World, secret: str) -> None:
    bundle = sample_bundle(identifier=[{"system": systems.NHS_NUMBER, "value": "9434765918"}])
    assert "not a valid NHS number" in outcome(post(client, secret, bundle))
    assert not Person.objects.filter(family_name="Hopper").exists()


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda b: b["entry"][1]["resource"].pop("intent"), "intent"),
        (lambda b: b["entry"][1]["resource"].pop("extension"), "agreement"),
        (lambda b: b["entry"][0]["resource"].update(birthDate="1990-02-30"), "birthDate"),
        (lambda b: b["entry"][0]["resource"].update(name=[{"family": "Hopper"}]), "given name"),
        (lambda b: b["entry"][0]["resource"].update(birthDate="1990"), "full date of birth"),
        (lambda b: b["entry"].pop(1), "exactly one ServiceRequest"),
        (lambda b: b["entry"][1]["resource"].update(subject={"reference": "urn:uuid:nobody"}), "Patient in the Bundle"),
    ],
    ids=["no intent", "no consent", "impossible date", "no given name", "year of birth only", "no request", "dangling subject"],
)
def test_invalid_fhir_names_the_problem(client: Client, world: World, secret: str, change: Any, problem: str) -> None:
    bundle = sample_bundle()
    change(bundle)
    assert problem in outcome(post(client, secret, bundle))
    assert not Referral.objects.exists()


def test_broken_json_is_400(client: Client, world: World, secret: str) -> None:
    response = client.post(URL, "{nope", content_type="application/fhir+json", **bearer(secret))
    assert response.status_code == 400


def test_scope_and_token_states(client: Client, world: World) -> None:
    _, read_only = make_token(account=world.manager, scopes=["referrals:read"])
    _, expired = make_token(account=world.manager, expires_in_days=-1)
    assert post(client, read_only, sample_bundle()).status_code == 403
    assert post(client, expired, sample_bundle()).status_code == 401
    assert client.post(URL, json.dumps(sample_bundle()), content_type="application/fhir+json").status_code == 401
    assert not Referral.objects.exists()


def _forget(person: Person) -> None:
    """Remove every trace of the person, as if the import ran in another STaR's database. Raw SQL,
    because status history refuses deletion through the ORM (as it should)."""
    pk = Person._meta.pk.get_db_prep_value(person.pk, connection)
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM referrals_referralstatuschange WHERE referral_id IN (SELECT id FROM referrals_referral WHERE person_id = %s)",
            [pk],
        )
        cursor.execute("DELETE FROM referrals_referral WHERE person_id = %s", [pk])
        cursor.execute("DELETE FROM people_caseloadentry WHERE person_id = %s", [pk])
        cursor.execute("DELETE FROM casesearch_searchentry WHERE person_id = %s", [pk])  # the referral's words, indexed
        cursor.execute("DELETE FROM people_person WHERE id = %s", [pk])


def test_round_trip_export_then_import_into_a_database_without_them(client: Client, world: World, secret: str) -> None:
    person = PersonFactory.create(given_name="Katherine", family_name="Johnson", preferred_name="Kat", nhs_number="9990000034")
    original = ReferralFactory.create(person=person, source=Referral.Source.CMHT, urgency=Referral.Urgency.URGENT, referrer_organisation="")
    exported = bundle_of([patient(person), service_request(original, patient(person))])
    expected = {
        "given_name": person.given_name,
        "family_name": person.family_name,
        "preferred_name": person.preferred_name,
        "date_of_birth": person.date_of_birth,
        "nhs_number": person.nhs_number,
        "nhs_number_status": person.nhs_number_status,
    }
    referral_fields = ("source", "urgency", "referrer_name", "reason_in_referrers_words", "consent_given", "status")
    expected_referral = {name: getattr(original, name) for name in referral_fields}
    _forget(person)
    assert not Person.objects.filter(nhs_number="9990000034").exists()

    response = post(client, secret, copy.deepcopy(exported))
    assert response.status_code == 201, response.content
    back = Person.objects.get(nhs_number="9990000034")
    assert {name: getattr(back, name) for name in expected} == expected
    referral = Referral.objects.get(person=back)
    assert {name: getattr(referral, name) for name in referral_fields} == expected_referral


def test_round_trip_into_the_same_database_finds_the_same_person(client: Client, world: World, secret: str) -> None:
    original = ReferralFactory.create(person=world.caseload_person, referrer_organisation="")
    exported = bundle_of([patient(world.caseload_person), service_request(original, patient(world.caseload_person))])
    assert post(client, secret, exported).status_code == 201
    newest = Referral.objects.exclude(pk=original.pk).get()
    assert newest.person == world.caseload_person
    assert (newest.source, newest.urgency, newest.referrer_name) == (original.source, original.urgency, original.referrer_name)


def test_a_fhir_referral_for_someone_whose_record_was_destroyed_goes_ahead_with_an_alert(client: Client, world: World, secret: str) -> None:
    import datetime

    from people.destroyed import RETURNING_ALERT, Identifiers, remember
    from people.models import Alert
    from records.models import DestructionRecord

    stub = DestructionRecord.objects.create(
        reference="gone",
        rule="after_death",
        last_activity_on=datetime.date(2000, 1, 1),
        retain_until=datetime.date(2020, 1, 1),
        authorised_by=world.admin,
    )
    remember(identifiers=Identifiers(nhs_number="9990000026"), destruction_id=stub.pk)
    response = post(client, secret, sample_bundle())
    assert response.status_code == 201, response.content
    alert = Alert.objects.get(person=Referral.objects.get().person)
    assert alert.summary == RETURNING_ALERT and "9990000026" not in alert.summary
