"""A referral sent as FHIR: a Bundle holding a ServiceRequest and its Patient, or a
ServiceRequest with the Patient contained. It lands in the triage queue through
`referrals.services.record_referral`, matched to an existing person only when the NHS number AND
the last name and date of birth agree (never on the NHS number alone); otherwise a new person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from core.text import MESSAGE, spoofing_characters
from interop.fhir import systems
from interop.fhir.checks import FhirProblem, model_problems
from people import nhs_number
from people.models import Person
from people.models.person import NHSNumberStatus
from referrals import services as referral_services
from referrals.models import Referral

if TYPE_CHECKING:
    from accounts.models import User

Resource = dict[str, Any]

URGENCY = {
    "routine": Referral.Urgency.ROUTINE,
    "urgent": Referral.Urgency.SOON,
    "asap": Referral.Urgency.URGENT,
    "stat": Referral.Urgency.URGENT,
}


class IdentityConflict(Exception):
    """The NHS number belongs to someone whose name or date of birth differ: a person must look."""


@dataclass
class Incoming:
    service_request: Resource
    patient: Resource


def _find(resource: Any) -> Incoming:
    if not isinstance(resource, dict):
        raise FhirProblem(["Send one FHIR resource as a JSON object"])
    resource_type = resource.get("resourceType")
    if resource_type not in ("Bundle", "ServiceRequest"):
        raise FhirProblem([f"Send a Bundle or a ServiceRequest, not {resource_type or 'a resource with no resourceType'}"])
    problems = model_problems(resource)
    if problems:
        raise FhirProblem(problems)
    if resource_type == "ServiceRequest":
        reference = str(resource.get("subject", {}).get("reference", ""))
        contained = [r for r in resource.get("contained", []) if r.get("resourceType") == "Patient"]
        patient = next((r for r in contained if f"#{r.get('id')}" == reference), None)
        if patient is None:
            raise FhirProblem(["ServiceRequest.subject must refer to a Patient contained in the ServiceRequest (for example #patient)"])
        return Incoming(service_request=resource, patient=patient)
    entries = resource.get("entry", [])
    requests = [e["resource"] for e in entries if e.get("resource", {}).get("resourceType") == "ServiceRequest"]
    if len(requests) != 1:
        raise FhirProblem([f"The Bundle must hold exactly one ServiceRequest (it holds {len(requests)})"])
    reference = str(requests[0].get("subject", {}).get("reference", ""))
    patients = [e["resource"] for e in entries if e.get("resource", {}).get("resourceType") == "Patient" and e.get("fullUrl") == reference]
    if len(patients) != 1:
        raise FhirProblem(["ServiceRequest.subject must refer to a Patient in the Bundle by its fullUrl"])
    return Incoming(service_request=requests[0], patient=patients[0])


def _person(patient: Resource) -> Person:
    names = patient.get("name", [])
    official = next((n for n in names if n.get("use") == "official"), names[0] if names else {})
    family = str(official.get("family", "")).strip()
    given = [str(g) for g in official.get("given", [])]
    if not family or not given:
        raise FhirProblem(["Patient.name needs a family name and a given name"])
    if spoofing_characters(family) or spoofing_characters(given[0]):
        raise FhirProblem([f"Patient.name: {MESSAGE}"])
    person = Person(family_name=family[:100], given_name=given[0][:100])
    usual = next((n for n in names if n.get("use") == "usual" and n.get("given")), None)
    if usual:
        person.preferred_name = str(usual["given"][0])[:100]
    if patient.get("birthDate"):
        try:
            person.date_of_birth = date.fromisoformat(str(patient["birthDate"]))
        except ValueError as error:
            raise FhirProblem(["Patient.birthDate: send the full date of birth, like 1990-12-09"]) from error
    nhs = [i for i in patient.get("identifier", []) if i.get("system") == systems.NHS_NUMBER]
    if len(nhs) > 1:
        raise FhirProblem(["Patient.identifier: send at most one NHS number"])
    if nhs:
        value = str(nhs[0].get("value", ""))
        if not nhs_number.is_valid(value, accept_synthetic=True):
            raise FhirProblem([f"Patient.identifier: {value!r} is not a valid NHS number (check the 10 digits)"])
        person.nhs_number = nhs_number.normalise(value)
        person.nhs_number_status = NHSNumberStatus.NOT_TRACED
        for extension in nhs[0].get("extension", []):
            if extension.get("url") == systems.NHS_NUMBER_VERIFICATION:
                for coding in extension.get("valueCodeableConcept", {}).get("coding", []):
                    if coding.get("system") == systems.NHS_NUMBER_VERIFICATION_CODES and coding.get("code") in systems.VERIFICATION_CODES:
                        person.nhs_number_status = coding["code"]
    return person


def _referral(service_request: Resource) -> Referral:
    consented = any(
        extension.get("url") == systems.REFERRAL_CONSENT and extension.get("valueBoolean") is True
        for extension in service_request.get("extension", [])
    )
    if not consented:
        raise FhirProblem([f"ServiceRequest.extension: the person's agreement to the referral is missing ({systems.REFERRAL_CONSENT})"])
    source = Referral.Source.OTHER_SERVICE
    for category in service_request.get("category", []):
        for coding in category.get("coding", []):
            if coding.get("system") == systems.local_system("referral-source") and coding.get("code") in Referral.Source.values:
                source = Referral.Source(coding["code"])
    notes = [str(note.get("text", "")) for note in service_request.get("note", []) if note.get("text")]
    return Referral(
        source=source,
        referrer_name=str(service_request.get("requester", {}).get("display", ""))[:200],
        reason_in_referrers_words="\n\n".join(notes)[:5000],
        urgency=URGENCY.get(str(service_request.get("priority", "routine")), Referral.Urgency.ROUTINE),
        consent_given=True,
    )


def receive_fhir_referral(*, by: User, resource: Any) -> Referral:
    """Raises FhirProblem (what is wrong with what was sent) or IdentityConflict."""
    incoming = _find(resource)
    person = _person(incoming.patient)
    referral = _referral(incoming.service_request)
    try:
        return referral_services.record_referral(by=by, referral=referral, new_person=person)
    except referral_services.IdentifierConflict as conflict:
        raise IdentityConflict(str(conflict)) from conflict
