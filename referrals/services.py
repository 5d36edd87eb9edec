"""Every change to a referral: received, triaged, allocated. Each writes a status history row
with who and when, allows only legal transitions, and is audited."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.teams import only_service_id, service_for_new_record
from audit.services import Action, record_event
from core.status import BrokenRule, move
from enablement.services import open_episode
from notifications.services import send
from people import services as people_services
from people.models import CaseloadEntry, Person
from questions.services import record_answers
from referrals.models import Referral
from referrals.models.referral import IllegalTransition

if TYPE_CHECKING:
    from accounts.models import User
    from enablement.models import Episode
    from questions.forms import AnswersForm

Status = Referral.Status

DECISION_STATUS: dict[str, str] = {
    Referral.Decision.ENABLEMENT: Status.WAITING,
    Referral.Decision.SIGNPOST: Status.SIGNPOSTED,
    Referral.Decision.ELSEWHERE: Status.ELSEWHERE,
    Referral.Decision.DECLINE: Status.DECLINED,
}


class ConsentMissing(BrokenRule):
    """A referral cannot be recorded without the person's agreement."""


def can_move(from_status: str, to_status: str) -> bool:
    """Whether the pathway (`Referral.status_machine`) lets a referral go from one status to the other."""
    return Referral.status_machine.allows(from_status, to_status)


class IdentifierConflict(BrokenRule):
    """Kept for callers that still catch it: intake no longer raises it (see `match_person`)."""


@dataclass(frozen=True)
class Match:
    person: Person | None  # the existing record, when every detail agrees
    identity_to_check: bool  # the NHS number is on a record whose other details differ


def match_person(candidate: Person) -> Match:
    """The one existing record with this NHS number whose last name and date of birth agree, or no
    match. A number on a record with other details is never refused (that would tell the sender
    whom it belongs to): the referral is accepted for a new, unmatched record, flagged for a
    service manager to reconcile from the triage queue, and the reply is the same as any other."""
    if not candidate.nhs_number:
        return Match(None, False)
    found = list(Person.objects.filter(nhs_number=candidate.nhs_number)[:2])
    if len(found) != 1:
        return Match(None, len(found) > 1)
    existing = found[0]
    same = (
        existing.family_name.strip().lower() == candidate.family_name.strip().lower() and existing.date_of_birth == candidate.date_of_birth
    )
    return Match(existing, False) if same else Match(None, True)


@transaction.atomic
def record_referral(*, by: User, referral: Referral, person: Person | None = None, new_person: Person | None = None) -> Referral:
    """A referral made by staff, for an existing person or a new one (registered here)."""
    if not referral.consent_given:
        raise ConsentMissing("The person must agree to the referral before it is recorded")
    if person is None:
        if new_person is None:
            raise ValueError("A referral needs a person")
        match = match_person(new_person)
        person = match.person
        referral.identity_to_check = match.identity_to_check
        if person is None:
            # Registered by the referral, not put on the referrer's caseload: allocation does that.
            now = timezone.now()
            new_person.created_by, new_person.created_at, new_person.updated_at = by, now, now
            new_person.interpreter_needed = referral.interpreter_needed
            new_person.service_id = service_for_new_record(by)
            new_person.save()
            person = new_person
            record_event(user=by, action=Action.CREATE, person_id=person.pk, obj=person, detail={"via": "referral"})
            _flag_if_destroyed(person=person, by=by)
    referral.person = person
    referral.created_by = by
    if referral.service_id is None:
        referral.service_id = service_for_new_record(by) or person.service_id
    move(referral, Status.AWAITING_TRIAGE, by=by, detail={})
    return referral


def _flag_if_destroyed(*, person: Person, by: User | None) -> None:
    """A new person whose details match a destroyed record gets an alert for whoever triages."""
    from people.destroyed import flag_if_destroyed

    flag_if_destroyed(person=person, by=by)


def referral_for_token(token: uuid.UUID) -> Referral | None:
    """The referral a self-referral form already made, if it was sent before."""
    return Referral.objects.filter(idempotency_token=token).first()


def receive_self_referral(
    *, token: uuid.UUID, person: Person, referral: Referral, fingerprint: str, answers: AnswersForm | None = None
) -> Referral:
    """A self-referral from the public form. The token makes it idempotent: the same form sent
    twice gives the one referral it already made. `fingerprint` is a keyed hash of the sender's
    address (`core.ratelimit.sender_fingerprint`), never the address itself. `answers` (to the
    service's own questions) are saved in the same transaction."""
    existing = Referral.objects.filter(idempotency_token=token).first()
    if existing is not None:
        return existing
    if not referral.consent_given:
        raise ConsentMissing("You must agree to the referral before you send it")
    try:
        with transaction.atomic():
            now = timezone.now()
            person.created_at, person.updated_at = now, now
            person.interpreter_needed = referral.interpreter_needed
            # One service: it is theirs. Several: not yet placed, in every service's triage queue
            # until a triager's decision places it in theirs (docs/teams.md).
            person.service_id = referral.service_id = only_service_id()
            person.save()
            referral.person = person
            referral.source = Referral.Source.SELF
            referral.idempotency_token = token
            referral.submitted_from = fingerprint
            referral.received_at = now
            record_event(user=None, action=Action.CREATE, person_id=person.pk, obj=person, detail={"via": "self_referral"})
            move(referral, Status.AWAITING_TRIAGE, by=None, detail={"via": "self_referral"})
            if answers is not None:
                record_answers(by=None, person=person, referral=referral, form=answers)
            _flag_if_destroyed(person=person, by=None)
    except IntegrityError:
        # The same form arrived twice at the same moment: the first one won.
        return Referral.objects.get(idempotency_token=token)
    return referral


@transaction.atomic
def triage_referral(
    *,
    referral: Referral,
    by: User,
    complexity: int,
    risk_to_self: bool,
    risk_to_others: bool,
    risk_from_others: bool,
    recent_crisis: bool,
    risk_notes: str,
    decision: str,
    decision_reason: str = "",
    signposted_to: str = "",
) -> Referral:
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if decision == Referral.Decision.DECLINE and not decision_reason.strip():
        raise ValueError("A declined referral needs a reason the referrer is told")
    referral.complexity = complexity
    referral.risk_to_self, referral.risk_to_others = risk_to_self, risk_to_others
    referral.risk_from_others, referral.recent_crisis = risk_from_others, recent_crisis
    referral.risk_notes = risk_notes
    referral.decision, referral.decision_reason, referral.signposted_to = decision, decision_reason, signposted_to
    referral.triaged_at, referral.triaged_by = timezone.now(), by
    _place_in_service_of(referral, by)
    move(
        referral,
        DECISION_STATUS[decision],
        by=by,
        reason=decision_reason,
        detail={"triaged": decision, "complexity": complexity},
    )
    if decision != Referral.Decision.ENABLEMENT:
        email = referrer_email(referral)
        if email:
            transaction.on_commit(lambda: _email_outcome(referral, email, by))
            _mark_referrer_told(referral=referral, by=by, how=Referral.ToldHow.EMAIL)
    return referral


def _place_in_service_of(referral: Referral, user: User) -> None:
    """A referral not yet placed in a service (and its person) goes to the service of whoever
    triages or allocates it; one already placed keeps its service."""
    if referral.service_id is None and user.service_id is not None:
        referral.service_id = user.service_id
        referral.save(update_fields=["service"])
    if referral.person.service_id is None and referral.service_id is not None:
        referral.person.service_id = referral.service_id
        referral.person.save(update_fields=["service"])


def referrer_email(referral: Referral) -> str:
    """Where to email the outcome: the referrer's address, or the person's own for a self-referral."""
    candidates = [referral.referrer_contact.strip()]
    if referral.source == Referral.Source.SELF:
        candidates.insert(0, referral.person.email)
    for candidate in candidates:
        try:
            validate_email(candidate)
        except ValidationError:
            continue
        return candidate
    return ""


OUTCOME_WORDS = {
    Referral.Decision.SIGNPOST: "We think a peer-support drop-in or group would suit best, rather than 1-to-1 support.",
    Referral.Decision.ELSEWHERE: "We think another service would be better placed to help.",
    Referral.Decision.DECLINE: "We are not able to offer support from STaR at the moment.",
}


def _email_outcome(referral: Referral, email: str, by: User) -> None:
    details = ""
    if referral.signposted_to:
        details += f"\n\nWhere to go: {referral.signposted_to}"
    if referral.decision_reason:
        details += f"\n\nWhy: {referral.decision_reason}"
    send(
        by=by,
        to_email=email,
        template="referral_outcome",
        personalisation={
            "reference": referral.reference,
            "outcome": OUTCOME_WORDS[Referral.Decision(referral.decision)],
            "details": details,
        },
        reason=f"The outcome of referral {referral.reference}",
    )


def _mark_referrer_told(*, referral: Referral, by: User, how: str) -> None:
    referral.referrer_told_at, referral.referrer_told_how, referral.referrer_told_by = timezone.now(), how, by
    referral.save(update_fields=["referrer_told_at", "referrer_told_how", "referrer_told_by"])
    record_event(user=by, action=Action.UPDATE, person_id=referral.person_id, obj=referral, detail={"referrer_told": how})


@transaction.atomic
def record_referrer_told(*, referral: Referral, by: User, how: str) -> Referral:
    """Staff told the referrer the outcome themselves (phone, letter, in person)."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if not referral.decision or referral.decision == Referral.Decision.ENABLEMENT:
        raise IllegalTransition("Only a referral that was signposted, sent elsewhere or declined needs the referrer told.")
    if referral.referrer_told_at is None:
        _mark_referrer_told(referral=referral, by=by, how=how)
    return referral


@transaction.atomic
def allocate_referral(*, referral: Referral, by: User, worker: User) -> Episode:
    """Allocate an accepted referral to an STR worker: they get the caseload relationship, and a
    time-limited 1-to-1 episode opens."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    referral.allocated_to, referral.allocated_at = worker, timezone.now()
    if referral.team_id is None and worker.team_id is not None:
        referral.team_id = worker.team_id  # the waiting list was the service's; the work is the team's
    _place_in_service_of(referral, worker)
    move(
        referral,
        Status.ALLOCATED,
        by=by,
        reason=f"Allocated to {worker.display_name}",
        detail={"allocated_to": worker.pk},
    )
    people_services.add_to_caseload(by=by, person=referral.person, worker=worker, source=CaseloadEntry.Source.ALLOCATION)
    return open_episode(by=by, person=referral.person, worker=worker, referral_id=referral.pk)


@transaction.atomic
def mark_identity_checked(*, referral: Referral, by: User, note: str = "") -> Referral:
    """A service manager has reconciled this referral's person with the record that holds the same
    NHS number (corrected the number, or found they are the same person)."""
    Referral.objects.filter(pk=referral.pk).update(identity_to_check=False)
    referral.identity_to_check = False
    record_event(
        user=by,
        action=Action.UPDATE,
        person_id=referral.person_id,
        obj=referral,
        detail={"identity_checked": True},
        reason=note,
    )
    return referral


def withdraw_referral(*, referral: Referral, by: User, reason: str) -> Referral:
    move(referral, Status.WITHDRAWN, by=by, reason=reason, detail={"withdrawn": True})
    return referral
