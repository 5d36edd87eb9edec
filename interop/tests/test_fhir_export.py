"""A person's record as a FHIR Bundle: each resource type valid against the R4B models and our
own checks, UK Core identifiers and extensions, the gates, and the audit trail."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st
from pytest_django import DjangoAssertNumQueries

from audit.models import AuditEvent
from conftest import World, sign_in
from enablement.tests.factories import ContactFactory, EpisodeFactory
from interop.fhir import systems
from interop.fhir.checks import FhirProblem, check_bundle, resource_problems
from outcomes.loading import load_shipped_instruments
from outcomes.models import Measurement
from outcomes.tests.factories import MeasurementFactory
from people import nhs_number
from people.models import Consent, EqualityMonitoring
from plans.documents import Kind
from plans.tests.factories import make_plan
from referrals.tests.factories import ReferralFactory

pytestmark = pytest.mark.django_db


def full_record(world: World) -> None:
    person = world.caseload_person
    EqualityMonitoring.objects.create(person=person, ethnicity="black_caribbean", sex="female")
    referral = ReferralFactory.create(person=person)
    episode = EpisodeFactory.create(person=person, worker=world.worker, referral=referral)
    ContactFactory.create(episode=episode)
    ContactFactory.create(episode=episode, outcome="did_not_attend", mode="phone")
    make_plan(person, Kind.GOAL, by=world.worker)
    make_plan(person, Kind.CRISIS, by=world.worker)
    make_plan(person, Kind.PROFILE, by=world.worker)
    instrument = next(i for i in load_shipped_instruments() if i.code == "SWEMWBS")
    MeasurementFactory.create(
        person=person,
        instrument=instrument,
        status=Measurement.Status.COMPLETE,
        answers={str(n): 3 for n in range(1, 8)},
        raw_score=Decimal(21),
        score=Decimal("19.98"),
        completed_at=timezone.now(),
        created_by=world.worker,
    )
    Consent.objects.create(person=person, kind=Consent.Kind.SHARE_WITH_GP, given=True, recorded_by=world.worker)
    Consent.objects.create(person=person, kind=Consent.Kind.EVALUATION, given=False, recorded_by=world.worker)


def download(client: Client, person_id: object) -> Any:
    response = client.get(reverse("interop:fhir_record", kwargs={"person_id": person_id}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json"
    assert "attachment" in response["Content-Disposition"]
    return json.loads(response.content)


def by_type(bundle: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for entry in bundle["entry"]:
        found.setdefault(entry["resource"]["resourceType"], []).append(entry["resource"])
    return found


def test_the_whole_record_as_a_valid_bundle(as_worker: Client, world: World) -> None:
    full_record(world)
    bundle = download(as_worker, world.caseload_person.pk)
    check_bundle(bundle)  # R4B models and our own checks
    kinds = by_type(bundle)
    assert {k: len(v) for k, v in kinds.items()} == {
        "Patient": 1,
        "ServiceRequest": 1,
        "EpisodeOfCare": 1,
        "Encounter": 2,
        "Goal": 1,
        "CarePlan": 2,
        "QuestionnaireResponse": 1,
        "Observation": 1,
        "Consent": 2,
    }


@pytest.mark.parametrize(
    "resource_type",
    ["Patient", "ServiceRequest", "EpisodeOfCare", "Encounter", "Goal", "CarePlan", "QuestionnaireResponse", "Observation", "Consent"],
)
def test_each_resource_type_validates_against_r4b(as_worker: Client, world: World, resource_type: str) -> None:
    full_record(world)
    resources = by_type(download(as_worker, world.caseload_person.pk))[resource_type]
    for resource in resources:
        assert resource_problems(resource) == []


def test_patient_carries_uk_core_identifiers_and_extensions(as_worker: Client, world: World) -> None:
    full_record(world)
    patient = by_type(download(as_worker, world.caseload_person.pk))["Patient"][0]
    nhs = patient["identifier"][0]
    assert nhs["system"] == "https://fhir.nhs.uk/Id/nhs-number"
    assert nhs["value"] == world.caseload_person.nhs_number
    status = nhs["extension"][0]
    assert status["url"] == systems.NHS_NUMBER_VERIFICATION
    assert status["valueCodeableConcept"]["coding"][0] == {
        "system": "https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland",
        "code": "02",
        "display": "Present but not traced",
    }
    ethnic = patient["extension"][0]
    assert ethnic["url"] == "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory"
    assert ethnic["valueCodeableConcept"]["coding"][0]["code"] == "M"  # Black or Black British: Caribbean
    assert patient["gender"] == "female"
    assert world.caseload_person.date_of_birth is not None
    assert patient["birthDate"] == world.caseload_person.date_of_birth.isoformat()


def test_observation_is_derived_from_the_questionnaire_response(as_worker: Client, world: World) -> None:
    full_record(world)
    kinds = by_type(download(as_worker, world.caseload_person.pk))
    response = kinds["QuestionnaireResponse"][0]
    observation = kinds["Observation"][0]
    assert observation["derivedFrom"] == [{"reference": f"urn:uuid:{response['id']}"}]
    assert observation["valueQuantity"]["value"] == 19.98
    assert [item["answer"][0]["valueInteger"] for item in response["item"]] == [3] * 7


def test_exports_are_stable(as_worker: Client, world: World) -> None:
    full_record(world)
    first = download(as_worker, world.caseload_person.pk)
    second = download(as_worker, world.caseload_person.pk)
    assert [e["fullUrl"] for e in first["entry"]] == [e["fullUrl"] for e in second["entry"]]


def test_download_is_audited(as_worker: Client, world: World) -> None:
    download(as_worker, world.caseload_person.pk)
    assert AuditEvent.objects.filter(user=world.worker, action="export", person_id=world.caseload_person.pk).exists()


def test_stranger_is_404_and_not_audited(as_worker: Client, world: World) -> None:
    response = as_worker.get(reverse("interop:fhir_record", kwargs={"person_id": world.stranger.pk}))
    assert response.status_code == 404
    # Nothing was read; only the refusal is recorded (issue 19 item 6).
    assert list(AuditEvent.objects.filter(person_id=world.stranger.pk).values_list("action", flat=True)) == ["refused"]


def test_member_cannot_download(client: Client, world: World) -> None:
    sign_in(client, world.member)
    assert client.get(reverse("interop:fhir_record", kwargs={"person_id": world.member_person.pk})).status_code == 403


def test_query_count_is_bounded(as_manager: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries) -> None:
    full_record(world)
    episode = world.caseload_person.episodes.get()
    for _ in range(10):
        ContactFactory.create(episode=episode)
    with django_assert_max_num_queries(25):
        download(as_manager, world.caseload_person.pk)


def _patient(**changes: Any) -> dict[str, Any]:
    resource = {
        "resourceType": "Patient",
        "id": "p1",
        "identifier": [{"system": systems.NHS_NUMBER, "value": "9434765919"}],
        "gender": "female",
    }
    resource.update(changes)
    return resource


@pytest.mark.parametrize(
    ("patient", "problem"),
    [
        (_patient(identifier=[{"system": systems.NHS_NUMBER, "value": "9434765918"}]), "not a valid NHS number"),
        (_patient(identifier=[{"system": "https://fhir.nhs.uk/Id/nhs-number-x", "value": "9434765919"}]), "use the system"),
        (_patient(gender="bloke"), "gender"),
        (_patient(birthDate="1980-02-30"), "birthDate"),
        (_patient(name=[]), "empty"),
        (
            _patient(
                identifier=[
                    {
                        "system": systems.NHS_NUMBER,
                        "value": "9434765919",
                        "extension": [
                            {
                                "url": systems.NHS_NUMBER_VERIFICATION,
                                "valueCodeableConcept": {"coding": [{"system": systems.NHS_NUMBER_VERIFICATION_CODES, "code": "09"}]},
                            }
                        ],
                    }
                ]
            ),
            "verification status",
        ),
    ],
    ids=["check digit", "wrong system", "gender", "impossible date", "empty list", "verification code"],
)
def test_our_checks_catch_what_the_models_miss(patient: dict[str, Any], problem: str) -> None:
    problems = resource_problems(patient)
    assert any(problem in p for p in problems), problems


def test_a_dangling_reference_is_refused() -> None:
    bundle = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [
            {
                "fullUrl": "urn:uuid:5f0c6a8e-0000-4000-8000-000000000001",
                "resource": {
                    "resourceType": "Goal",
                    "lifecycleStatus": "active",
                    "description": {"text": "Walk"},
                    "subject": {"reference": "urn:uuid:5f0c6a8e-0000-4000-8000-000000000002"},
                },
            }
        ],
    }
    with pytest.raises(FhirProblem, match="not in the Bundle"):
        check_bundle(copy.deepcopy(bundle))


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="0123456789 -", min_size=0, max_size=14))
def test_only_valid_nhs_numbers_pass_our_checks(value: str) -> None:
    problems = resource_problems(_patient(identifier=[{"system": systems.NHS_NUMBER, "value": value}]) if value else _patient())
    valid = not value or (nhs_number.is_valid(value, accept_synthetic=True) and value == nhs_number.normalise(value))
    assert (not any("NHS number" in p for p in problems)) == valid


def test_the_person_page_offers_the_download(as_worker: Client, world: World) -> None:
    page = as_worker.get(reverse("people:detail", kwargs={"person_id": world.caseload_person.pk}))
    assert b"Download FHIR record" in page.content
    assert reverse("interop:fhir_record", kwargs={"person_id": world.caseload_person.pk}).encode() in page.content


def test_the_member_page_does_not(client: Client, world: World) -> None:
    sign_in(client, world.member)
    page = client.get(reverse("people:detail", kwargs={"person_id": world.member_person.pk}))
    assert page.status_code == 200
    assert b"Download FHIR record" not in page.content
