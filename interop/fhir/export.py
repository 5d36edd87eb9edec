"""A person's record as a FHIR R4 (UK Core) Bundle: an export layer over the models, never
storage. Related records are reached through each app's gates for the user making the export."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from enablement.access import episodes_visible_to
from enablement.models import Contact, Episode
from interop.fhir import systems
from interop.fhir.checks import check_bundle
from outcomes.access import measurements_for
from outcomes.models import Measurement
from people.models import Consent, EqualityMonitoring, Person
from plans.access import plan_documents_for
from plans.documents import Kind
from plans.models import PlanDocument
from referrals.access import referrals_visible_to
from referrals.models import Referral

if TYPE_CHECKING:
    from accounts.models import User

Resource = dict[str, Any]


def _iso(moment: datetime) -> str:
    return timezone.localtime(moment).isoformat()


def ref(resource: Resource) -> dict[str, str]:
    return {"reference": f"urn:uuid:{resource['id']}"}


def patient(person: Person) -> Resource:
    resource: Resource = {
        "resourceType": "Patient",
        "id": str(person.pk),
        "meta": {"profile": [systems.UK_CORE + "Patient"]},
        "identifier": [{"system": systems.local_system("person-id"), "value": str(person.pk)}],
        "name": [{"use": "official", "family": person.family_name, "given": [person.given_name]}],
        "gender": "unknown",
    }
    if person.preferred_name:
        resource["name"].append({"use": "usual", "given": [person.preferred_name]})
    if person.nhs_number:
        resource["identifier"].insert(
            0,
            {
                "system": systems.NHS_NUMBER,
                "value": person.nhs_number,
                "extension": [
                    {
                        "url": systems.NHS_NUMBER_VERIFICATION,
                        "valueCodeableConcept": {
                            "coding": [
                                {
                                    "system": systems.NHS_NUMBER_VERIFICATION_CODES,
                                    "code": person.nhs_number_status,
                                    "display": person.get_nhs_number_status_display(),
                                }
                            ]
                        },
                    }
                ],
            },
        )
    if person.date_of_birth:
        resource["birthDate"] = person.date_of_birth.isoformat()
    monitoring = EqualityMonitoring.objects.filter(person=person).first()
    if monitoring is not None:
        if monitoring.sex in ("male", "female"):
            resource["gender"] = monitoring.sex
        if monitoring.nhs_ethnic_category in systems.ETHNIC_CODES:
            resource["extension"] = [
                {
                    "url": systems.ETHNIC_CATEGORY,
                    "valueCodeableConcept": {"coding": [{"system": systems.ETHNIC_CATEGORY_CODES, "code": monitoring.nhs_ethnic_category}]},
                }
            ]
    telecom = [{"system": "phone", "value": person.phone}] if person.phone else []
    telecom += [{"system": "email", "value": person.email}] if person.email else []
    if telecom:
        resource["telecom"] = telecom
    if person.postcode:
        address: dict[str, Any] = {"postalCode": person.postcode}
        lines = [line for line in (person.address_line_1, person.address_line_2) if line]
        if lines:
            address["line"] = lines
        if person.town:
            address["city"] = person.town
        resource["address"] = [address]
    return resource


SERVICE_REQUEST_STATUS = {
    Referral.Status.AWAITING_TRIAGE: "active",
    Referral.Status.WAITING: "active",
    Referral.Status.ALLOCATED: "completed",
    Referral.Status.SIGNPOSTED: "completed",
    Referral.Status.ELSEWHERE: "completed",
    Referral.Status.DECLINED: "revoked",
    Referral.Status.WITHDRAWN: "revoked",
}
PRIORITY = {Referral.Urgency.ROUTINE: "routine", Referral.Urgency.SOON: "urgent", Referral.Urgency.URGENT: "asap"}
SOURCE_CODE_SYSTEM = "source"


def service_request(referral: Referral, subject: Resource) -> Resource:
    resource: Resource = {
        "resourceType": "ServiceRequest",
        "id": systems.resource_id("referral", referral.pk),
        "meta": {"profile": [systems.UK_CORE + "ServiceRequest"]},
        "identifier": [{"system": systems.local_system("referral"), "value": referral.reference}],
        "status": SERVICE_REQUEST_STATUS[Referral.Status(referral.status)],
        "intent": "order",
        "priority": PRIORITY[Referral.Urgency(referral.urgency)],
        "code": {"text": "Support, Time and Recovery service"},
        "category": [
            {
                "coding": [{"system": systems.local_system("referral-source"), "code": referral.source}],
                "text": referral.get_source_display(),
            }
        ],
        "subject": ref(subject),
        "authoredOn": _iso(referral.received_at),
    }
    if referral.consent_given:
        resource["extension"] = [{"url": systems.REFERRAL_CONSENT, "valueBoolean": True}]
    requester = ", ".join(part for part in (referral.referrer_name, referral.referrer_role, referral.referrer_organisation) if part)
    if requester:
        resource["requester"] = {"display": requester}
    notes = [text for text in (referral.reason_in_referrers_words, referral.reason_in_persons_words) if text]
    if notes:
        resource["note"] = [{"text": text} for text in notes]
    return resource


def episode_of_care(episode: Episode, subject: Resource) -> Resource:
    period = {"start": episode.started_on.isoformat()}
    if episode.ended_on:
        period["end"] = episode.ended_on.isoformat()
    return {
        "resourceType": "EpisodeOfCare",
        "id": systems.resource_id("episode", episode.pk),
        "meta": {"profile": [systems.UK_CORE + "EpisodeOfCare"]},
        "status": "active" if episode.is_open else "finished",
        "patient": ref(subject),
        "period": period,
        "careManager": {"display": episode.worker.get_full_name() or episode.worker.username},
    }


ENCOUNTER_CLASS = {
    Contact.Mode.FACE_TO_FACE: ("AMB", "ambulatory"),
    Contact.Mode.COMMUNITY_OUTING: ("FLD", "field"),
    Contact.Mode.PHONE: ("VR", "virtual"),
    Contact.Mode.VIDEO: ("VR", "virtual"),
    Contact.Mode.TEXT: ("VR", "virtual"),
}


def encounter(contact: Contact, subject: Resource, episode: Resource | None) -> Resource:
    start = timezone.make_aware(datetime.combine(contact.contact_date, contact.start_time))
    code, display = ENCOUNTER_CLASS[Contact.Mode(contact.mode)]
    resource: Resource = {
        "resourceType": "Encounter",
        "id": systems.resource_id("contact", contact.pk),
        "meta": {"profile": [systems.UK_CORE + "Encounter"]},
        "status": "finished" if contact.outcome == Contact.Outcome.ATTENDED else "cancelled",
        "class": {"system": systems.ACT_CODE, "code": code, "display": display},
        "type": [{"text": contact.get_mode_display()}],
        "subject": ref(subject),
        "period": {"start": _iso(start), "end": _iso(start + timedelta(minutes=contact.minutes))},
    }
    if episode is not None:
        resource["episodeOfCare"] = [ref(episode)]
    return resource


def _plan_text(document: PlanDocument) -> str:
    content = document.current_version.content if document.current_version else {}
    parts = []
    for plan_field in document.definition.fields:
        value = content.get(plan_field.name)
        if value:
            parts.append(f"{plan_field.label}: {value}")
    return "\n".join(parts)


def goal(document: PlanDocument, subject: Resource) -> Resource:
    content = document.current_version.content if document.current_version else {}
    return {
        "resourceType": "Goal",
        "id": systems.resource_id("goal", document.pk),
        "lifecycleStatus": "completed" if content.get("status") in ("achieved", "done") else "active",
        "description": {"text": document.heading},
        "subject": ref(subject),
        "startDate": timezone.localtime(document.created_at).date().isoformat(),
        **({"note": [{"text": _plan_text(document)}]} if _plan_text(document) else {}),
    }


def care_plan(document: PlanDocument, subject: Resource, goals: list[Resource]) -> Resource:
    resource: Resource = {
        "resourceType": "CarePlan",
        "id": systems.resource_id("plan", document.pk),
        "meta": {"profile": [systems.UK_CORE + "CarePlan"]},
        "status": "active",
        "intent": "plan",
        "category": [{"text": document.definition.title}],
        "title": document.heading,
        "subject": ref(subject),
        "created": _iso(document.created_at),
        "description": _plan_text(document) or document.heading,
    }
    if goals and document.kind != Kind.CRISIS:
        resource["goal"] = [ref(g) for g in goals]
    return resource


def questionnaire_response(measurement: Measurement, subject: Resource) -> Resource:
    instrument = measurement.instrument
    items = []
    for link_id, value in sorted(measurement.answers.items(), key=lambda pair: str(pair[0])):
        answer = {"valueInteger": int(value)} if isinstance(value, int) and not isinstance(value, bool) else {"valueString": str(value)}
        items.append({"linkId": str(link_id), "answer": [answer]})
    resource: Resource = {
        "resourceType": "QuestionnaireResponse",
        "id": systems.resource_id("measurement", measurement.pk),
        "meta": {"profile": [systems.UK_CORE + "QuestionnaireResponse"]},
        "questionnaire": f"{systems.local_system('Questionnaire').replace('/Id/', '/')}/{instrument.code}|{instrument.version}",
        "status": "completed" if measurement.status == Measurement.Status.COMPLETE else "in-progress",
        "subject": ref(subject),
        "authored": _iso(measurement.completed_at or measurement.created_at),
    }
    if items:
        resource["item"] = items
    return resource


def observation(measurement: Measurement, subject: Resource, response: Resource) -> Resource:
    instrument = measurement.instrument
    return {
        "resourceType": "Observation",
        "id": systems.resource_id("score", measurement.pk),
        "meta": {"profile": [systems.UK_CORE + "Observation"]},
        "status": "final",
        "category": [{"coding": [{"system": systems.OBSERVATION_CATEGORY, "code": "survey"}]}],
        "code": {"text": f"{instrument.name} {instrument.score_label.lower()}"},
        "subject": ref(subject),
        "effectiveDateTime": measurement.measured_on.isoformat(),
        "valueQuantity": {"value": float(measurement.score if measurement.score is not None else 0), "unit": "score"},
        "derivedFrom": [ref(response)],
        **({"interpretation": [{"text": measurement.band}]} if measurement.band else {}),
    }


def consent(row: Consent, subject: Resource) -> Resource:
    return {
        "resourceType": "Consent",
        "id": systems.resource_id("consent", row.pk),
        "meta": {"profile": [systems.UK_CORE + "Consent"]},
        "status": "active",
        "scope": {"coding": [{"system": systems.CONSENT_SCOPE, "code": "patient-privacy"}]},
        "category": [{"coding": [{"system": systems.LOINC, "code": "59284-0", "display": "Patient Consent"}]}],
        "patient": ref(subject),
        "dateTime": _iso(row.recorded_at),
        "policyRule": {"text": row.get_kind_display()},
        "provision": {"type": "permit" if row.given else "deny", "code": [{"text": row.get_kind_display()}]},
    }


def person_resources(person: Person, *, by: User) -> list[Resource]:
    subject = patient(person)
    resources: list[Resource] = [subject]
    for referral in referrals_visible_to(by).filter(person=person).order_by("received_at", "id"):
        resources.append(service_request(referral, subject))
    episodes = {}
    for episode in episodes_visible_to(by).filter(person=person).select_related("worker").order_by("started_on", "id"):
        episodes[episode.pk] = episode_of_care(episode, subject)
        resources.append(episodes[episode.pk])
    contacts = Contact.objects.filter(episode__in=episodes_visible_to(by).filter(person=person)).order_by(
        "contact_date", "start_time", "id"
    )
    resources += [encounter(contact, subject, episodes.get(contact.episode_id)) for contact in contacts]
    documents = list(plan_documents_for(by, person).order_by("created_at", "id"))
    goals = [goal(document, subject) for document in documents if document.kind == Kind.GOAL]
    resources += goals
    resources += [care_plan(document, subject, goals) for document in documents if document.kind != Kind.GOAL]
    for measurement in measurements_for(by, person).filter(status=Measurement.Status.COMPLETE).order_by("measured_on", "id"):
        response = questionnaire_response(measurement, subject)
        resources.append(response)
        if measurement.score is not None:
            resources.append(observation(measurement, subject, response))
    latest: dict[str, Consent] = {}
    for row in Consent.objects.filter(person=person).order_by("kind", "-recorded_at", "-id"):
        latest.setdefault(row.kind, row)
    resources += [consent(row, subject) for row in latest.values()]
    return resources


def bundle_of(resources: list[Resource]) -> Resource:
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": _iso(timezone.now()),
        "entry": [{"fullUrl": f"urn:uuid:{resource['id']}", "resource": resource} for resource in resources],
    }


def person_bundle(person: Person, *, by: User) -> Resource:
    """Every resource checked (R4B models and our own rules) before it leaves."""
    bundle = bundle_of(person_resources(person, by=by))
    check_bundle(bundle)
    return bundle
