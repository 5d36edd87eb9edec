"""Every change to a person-centred plan. Each save adds an immutable version; nothing is changed
in place. Views call these functions; each one writes the audit trail."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.services import Action, record_event
from core.status import BrokenRule
from people.models import Person
from plans.documents import DocumentKind, Kind, changed_fields
from plans.models import CrisisPlanShare, GoalProgress, PlanDocument, PlanVersion

if TYPE_CHECKING:
    from accounts.models import User


class PlanError(BrokenRule, ValueError):
    """A change to a plan that is not allowed; the message says why in plain English."""


class StartedMeanwhile(PlanError):
    """Someone else started this person's document of this kind at the same moment."""


class SharingRefused(PlanError):
    """A crisis plan may only be shared with a recipient the person has agreed to."""


def _clean(kind: DocumentKind, content: Mapping[str, object]) -> dict[str, str]:
    """Only the document's own fields, as text (dates as YYYY-MM-DD)."""
    cleaned: dict[str, str] = {}
    for plan_field in kind.fields:
        value = content.get(plan_field.name)
        if isinstance(value, date):
            cleaned[plan_field.name] = value.isoformat()
        else:
            cleaned[plan_field.name] = "" if value is None else str(value).strip()
    return cleaned


def saved_content_for_edit(*, person: Person, kind: DocumentKind, document: PlanDocument | None = None) -> dict[str, str]:
    """What is saved now in the document (or this person's one document of this kind), with the
    row locked until the end of the transaction: an edit form checks it for someone else's change
    before saving (`submissions.conflicts`). Empty when nothing is saved yet."""
    rows = PlanDocument.objects.select_for_update(of=("self",)).select_related("current_version")
    if document is not None:
        locked = rows.filter(pk=document.pk).first()
    elif kind.many:
        return {}
    else:
        locked = rows.filter(person=person, kind=kind.kind.value).first()
    return dict(locked.current_version.content) if locked is not None and locked.current_version is not None else {}


@transaction.atomic
def save_plan(
    *,
    by: User,
    person: Person,
    kind: DocumentKind,
    content: Mapping[str, object],
    document: PlanDocument | None = None,
    starting: bool = False,
) -> PlanVersion:
    """Save a new version of a document (starting the document if it is new). Saving without a
    change adds no version, so a double-submitted form is saved once. `starting` is a form that
    began a new one-of-a-kind document: if one exists by now, someone else started it meanwhile
    (StartedMeanwhile), and their words are not built on unseen."""
    cleaned = _clean(kind, content)
    if document is None and not kind.many:
        document = PlanDocument.objects.filter(person=person, kind=kind.kind.value).first()
        if document is not None and starting:
            raise StartedMeanwhile("Someone else started this document since the form was opened")
    if document is None:
        try:
            with transaction.atomic():
                document = PlanDocument.objects.create(person=person, kind=kind.kind.value, created_by=by)
        except IntegrityError as error:
            # Two people started the same one-of-a-kind document at once: the other saved first.
            raise StartedMeanwhile("Someone else started this document at the same time") from error
    else:
        if document.person_id != person.pk or document.kind != kind.kind.value:
            raise PlanError("That document belongs to another plan")
        document = PlanDocument.objects.select_for_update(of=("self",)).select_related("current_version").get(pk=document.pk)
    previous = document.current_version
    changed = changed_fields(kind, previous.content if previous else {}, cleaned)
    if previous is not None and not changed:
        return previous
    version = PlanVersion.objects.create(
        document=document,
        number=previous.number + 1 if previous else 1,
        content=cleaned,
        changed_fields=changed,
        saved_by=by,
        author_role=by.role,
    )
    document.current_version = version
    if kind.title_field:
        document.title = cleaned.get(kind.title_field, "")[:200]
    document.save(update_fields=["current_version", "title"])
    record_event(
        user=by,
        action=Action.CREATE if version.number == 1 else Action.UPDATE,
        person_id=person.pk,
        obj=version,
        detail={"document": kind.kind.value, "version": version.number, "changed": changed},
    )
    return version


def record_goal_progress(
    *,
    by: User,
    goal: PlanDocument,
    recorded_on: date,
    rating: int,
    note: str,
    in_persons_words: bool,
) -> GoalProgress:
    if goal.kind != Kind.GOAL.value:
        raise PlanError("Progress can only be recorded against a goal")
    if not 0 <= rating <= 10:
        raise PlanError("Choose a rating from 0 to 10")
    if recorded_on > timezone.localdate():
        raise PlanError("The date of the progress cannot be in the future")
    # A form sent twice is saved once by its submission key (`submissions.services.once`).
    entry = GoalProgress.objects.create(
        goal=goal,
        recorded_on=recorded_on,
        rating=rating,
        note=note.strip(),
        in_persons_words=in_persons_words,
        recorded_by=by,
        author_role=by.role,
    )
    record_event(user=by, action=Action.CREATE, person_id=goal.person_id, obj=entry, detail={"goal": goal.pk, "rating": rating})
    return entry


def record_crisis_plan_sharing(
    *,
    by: User,
    plan: PlanDocument,
    recipient_name: str,
    organisation: str,
    what_was_shared: str,
    shared_on: date,
    consent_given: bool,
) -> CrisisPlanShare:
    """Record that the crisis plan went to one recipient. Without the person's consent for that
    recipient it is refused (and the refusal is audited)."""
    if plan.kind != Kind.CRISIS.value:
        raise PlanError("Only a crisis plan can be shared here")
    if not consent_given:
        record_event(
            user=by,
            action=Action.EXPORT,
            person_id=plan.person_id,
            obj=plan,
            detail={"refused": "no consent", "organisation": organisation[:100]},
        )
        raise SharingRefused("The person must agree before you share their crisis plan with this recipient")
    if shared_on > timezone.localdate():
        raise PlanError("The date it was shared cannot be in the future")
    # A form sent twice is saved once by its submission key (`submissions.services.once`).
    share = CrisisPlanShare.objects.create(
        plan=plan,
        recipient_name=recipient_name.strip(),
        organisation=organisation.strip(),
        what_was_shared=what_was_shared.strip(),
        shared_on=shared_on,
        consent_given=True,
        recorded_by=by,
        consented_version_id=plan.current_version_id,
    )
    record_event(
        user=by,
        action=Action.EXPORT,
        person_id=plan.person_id,
        obj=share,
        detail={"shared_with": share.recipient_name[:100], "organisation": share.organisation[:100]},
    )
    return share


def renew_share_consent(*, by: User, share: CrisisPlanShare) -> CrisisPlanShare:
    """The person agreed again, to the plan as it is now: it may be sent to this recipient."""
    if share.is_withdrawn:
        raise SharingRefused("The person withdrew their agreement for this recipient. Record a new share if they agree again")
    share.consented_version_id = share.plan.current_version_id
    share.consent_renewed_at = timezone.now()
    share.save(update_fields=["consented_version", "consent_renewed_at"])
    record_event(
        user=by,
        action=Action.UPDATE,
        person_id=share.plan.person_id,
        obj=share,
        detail={"consent_renewed_for_version": share.consented_version.number if share.consented_version else None},
    )
    return share


def withdraw_share_consent(*, by: User, share: CrisisPlanShare) -> CrisisPlanShare:
    """The person (or staff, on their word) withdraws agreement: nothing more is sent to this recipient."""
    if share.is_withdrawn:
        return share
    share.withdrawn_at, share.withdrawn_by = timezone.now(), by
    share.save(update_fields=["withdrawn_at", "withdrawn_by"])
    record_event(
        user=by,
        action=Action.UPDATE,
        person_id=share.plan.person_id,
        obj=share,
        detail={"consent_withdrawn": True, "recipient": share.recipient_name[:100]},
    )
    return share
