"""Rectification: log a request, correct a person's details with each original value kept as an
amendment (who, when, why, which request), and close the request."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from audit.services import Action, record_event
from core.status import BrokenRule
from people.forms import PersonForm
from people.models import Person
from records.models import Amendment, RectificationRequest

if TYPE_CHECKING:
    from accounts.models import User

# The details a rectification can correct: everything staff record on the person's form.
AMENDABLE_FIELDS: tuple[str, ...] = tuple(PersonForm.Meta.fields)


class RectificationError(BrokenRule):
    """The change cannot be made as asked."""


def field_label(name: str) -> str:
    label = PersonForm.Meta.labels.get(name) if hasattr(PersonForm.Meta, "labels") else None
    field = Person._meta.get_field(name)
    return str(label or getattr(field, "verbose_name", name)).capitalize()


def display_value(person: Person, name: str) -> str:
    """A field's value as people read it, for keeping beside the amendment."""
    field = Person._meta.get_field(name)
    value = getattr(person, name)
    if getattr(field, "choices", None):
        return str(getattr(person, f"get_{name}_display")()) if value else ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return f"{value.day} {value:%B %Y}"
    return "" if value is None else str(value)


@transaction.atomic
def log_rectification_request(
    *, by: User, person: Person, requested_by: str, received_on: date, what_is_wrong: str
) -> RectificationRequest:
    record = RectificationRequest.objects.create(
        person=person, requested_by=requested_by, received_on=received_on, what_is_wrong=what_is_wrong, handled_by=by
    )
    record_event(user=by, action=Action.CREATE, person_id=person.pk, obj=record)
    return record


@transaction.atomic
def amend_person(*, by: User, rectification: RectificationRequest, field: str, value: Any, reason: str) -> Amendment:
    """Correct one detail. The value it replaces is kept with the amendment, never lost."""
    if rectification.status != RectificationRequest.Status.OPEN:
        raise RectificationError("This request is closed. Log a new request to correct anything else.")
    if field not in AMENDABLE_FIELDS:
        raise RectificationError("That detail cannot be corrected here.")
    person = Person.objects.select_for_update().get(pk=rectification.person_id)
    if getattr(person, field) == value:
        raise RectificationError("The new value is the same as the one recorded. Enter the corrected value.")
    original = display_value(person, field)
    setattr(person, field, value)
    person.updated_at = timezone.now()
    person.save(update_fields=[field, "updated_at"])
    amendment = Amendment.objects.create(
        person=person,
        request=rectification,
        field=field,
        field_label=field_label(field),
        original_value=original,
        amended_value=display_value(person, field),
        reason=reason,
        by=by,
    )
    # Field names only in the audit trail: the values live in the amendment.
    record_event(
        user=by,
        action=Action.UPDATE,
        person_id=person.pk,
        obj=amendment,
        detail={"amended": field, "request": rectification.pk},
    )
    return amendment


@transaction.atomic
def close_rectification(
    *, by: User, rectification: RectificationRequest, status: str, outcome: str, statement: str = ""
) -> RectificationRequest:
    if rectification.status != RectificationRequest.Status.OPEN:
        raise RectificationError("This request is already closed.")
    if status not in (RectificationRequest.Status.CORRECTED, RectificationRequest.Status.REFUSED):
        raise RectificationError("Choose whether the record was corrected or the request refused.")
    if status == RectificationRequest.Status.CORRECTED and not rectification.amendments.exists():
        raise RectificationError("Correct at least one detail first, or refuse the request with reasons.")
    rectification.status = status
    rectification.outcome = outcome
    rectification.statement_of_disagreement = statement
    rectification.closed_on = timezone.localdate()
    rectification.save(update_fields=["status", "outcome", "statement_of_disagreement", "closed_on"])
    record_event(user=by, action=Action.UPDATE, person_id=rectification.person_id, obj=rectification, detail={"status": status})
    return rectification


def amended_fields(person: Person) -> dict[str, int]:
    """How many times each detail has been amended (one query), for the person's page."""
    rows = Amendment.objects.filter(person=person).order_by().values("field").annotate(times=Count("id"))
    return {row["field"]: row["times"] for row in rows}
