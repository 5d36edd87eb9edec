"""Changes to people's records. Each one is audited; views call these, never `save()` directly."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.roles import Capability, can
from accounts.teams import service_for_new_record
from audit.services import Action, record_event
from people.models import Alert, BreakGlassGrant, CaseloadEntry, Consent, EqualityMonitoring, Person

if TYPE_CHECKING:
    from accounts.models import User


def current_consents(person: Person) -> dict[str, bool]:
    """The newest answer for each kind of consent (absent means never asked)."""
    answers: dict[str, bool] = {}
    for consent in Consent.objects.filter(person=person).order_by("kind", "-recorded_at", "-id"):
        answers.setdefault(consent.kind, consent.given)
    return answers


def _record_consent_changes(*, by: User, person: Person, given: set[str], asked: bool) -> list[str]:
    """Add a row for each consent whose answer changed. Returns the kinds that changed."""
    previous = current_consents(person)
    now = timezone.now()
    rows = []
    for kind in Consent.Kind.values:
        answer = kind in given
        if previous.get(kind) != answer and (asked or kind in previous or answer):
            rows.append(Consent(person=person, kind=kind, given=answer, recorded_at=now, recorded_by=by))
    Consent.objects.bulk_create(rows)
    return [row.kind for row in rows]


@transaction.atomic
def register_person(*, by: User, person: Person, consents: set[str]) -> Person:
    """Create a person's record. A worker who registers someone has them on their caseload."""
    now = timezone.now()
    person.created_by = by
    if person.service_id is None:
        person.service_id = service_for_new_record(by)
    person.created_at = now
    person.updated_at = now
    person.save()
    _record_consent_changes(by=by, person=person, given=consents, asked=True)
    if can(by, Capability.SEE_OWN_CASELOAD):
        CaseloadEntry.objects.create(person=person, worker=by, source=CaseloadEntry.Source.REGISTRATION, added_by=by)
    record_event(user=by, action=Action.CREATE, person_id=person.pk, obj=person)
    return person


@transaction.atomic
def update_person(*, by: User, person: Person, changed: list[str], consents: set[str]) -> Person:
    person.updated_at = timezone.now()
    person.save()
    consent_changes = _record_consent_changes(by=by, person=person, given=consents, asked=True)
    # Field names only: the audit trail must not become a second copy of the record.
    detail: dict[str, Any] = {"changed": sorted(changed)}
    if consent_changes:
        detail["consents_changed"] = consent_changes
    record_event(user=by, action=Action.UPDATE, person_id=person.pk, obj=person, detail=detail)
    return person


def lock_person_for_edit(person: Person) -> Person:
    """The person's row as saved now, locked until the end of the transaction (an edit form checks
    it for someone else's change before saving: `submissions.conflicts`)."""
    return Person.objects.select_for_update().get(pk=person.pk)


def lock_equality_monitoring_for_edit(person: Person) -> EqualityMonitoring | None:
    Person.objects.select_for_update().filter(pk=person.pk).first()  # a first answer is made once
    return EqualityMonitoring.objects.select_for_update().filter(person=person).first()


def record_equality_monitoring(*, by: User, monitoring: EqualityMonitoring, changed: list[str]) -> EqualityMonitoring:
    monitoring.updated_by = by
    monitoring.updated_at = timezone.now()
    monitoring.save()
    record_event(user=by, action=Action.UPDATE, person_id=monitoring.person_id, obj=monitoring, detail={"changed": sorted(changed)})
    return monitoring


def raise_alert(*, by: User, person: Person, category: str, summary: str) -> Alert:
    alert = Alert.objects.create(person=person, category=category, summary=summary, raised_by=by)
    record_event(user=by, action=Action.CREATE, person_id=person.pk, obj=alert)
    return alert


def end_alert(*, by: User, alert: Alert) -> Alert:
    if alert.ended_at is None:
        alert.ended_at = timezone.now()
        alert.ended_by = by
        alert.save(update_fields=["ended_at", "ended_by"])
        record_event(user=by, action=Action.UPDATE, person_id=alert.person_id, obj=alert, detail={"ended": True})
    return alert


@transaction.atomic
def add_to_caseload(*, by: User, person: Person, worker: User, source: str = CaseloadEntry.Source.ALLOCATION) -> CaseloadEntry:
    """Give a worker a caseload relationship with a person (idempotent: one open entry per worker)."""
    entry, created = CaseloadEntry.objects.get_or_create(
        person=person, worker=worker, ended_at=None, defaults={"source": source, "added_by": by}
    )
    if created:
        record_event(user=by, action=Action.CASELOAD_ADDED, person_id=person.pk, obj=entry, detail={"worker": worker.pk})
    return entry


def end_caseload_entry(*, by: User, entry: CaseloadEntry) -> CaseloadEntry:
    if entry.ended_at is None:
        entry.ended_at = timezone.now()
        entry.ended_by = by
        entry.save(update_fields=["ended_at", "ended_by"])
        record_event(user=by, action=Action.CASELOAD_ENDED, person_id=entry.person_id, obj=entry, detail={"worker": entry.worker_id})
    return entry


def break_glass(*, by: User, person: Person, reason_code: str, reason: str) -> BreakGlassGrant:
    """Time-limited emergency access with a reason: audited and queued for a manager's review."""
    now = timezone.now()
    grant = BreakGlassGrant.objects.create(
        person=person,
        user=by,
        reason_code=reason_code,
        reason=reason,
        started_at=now,
        expires_at=now + timedelta(hours=settings.STAR_BREAK_GLASS_HOURS),
    )
    record_event(
        user=by,
        action=Action.BREAK_GLASS,
        person_id=person.pk,
        obj=grant,
        reason=f"{BreakGlassGrant.Reason(reason_code).label}: {reason}",
        detail={"expires_at": grant.expires_at.isoformat()},
    )
    return grant


def review_break_glass(*, by: User, grant: BreakGlassGrant, outcome: str, note: str) -> BreakGlassGrant:
    grant.reviewed_at = timezone.now()
    grant.reviewed_by = by
    grant.review_outcome = outcome
    grant.review_note = note
    grant.save(update_fields=["reviewed_at", "reviewed_by", "review_outcome", "review_note"])
    record_event(user=by, action=Action.BREAK_GLASS_REVIEW, person_id=grant.person_id, obj=grant, detail={"outcome": outcome})
    return grant
