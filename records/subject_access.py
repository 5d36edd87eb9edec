"""Gather everything STaR holds about a person, for a subject access request or for the member's
own download. Third-party information (other people's names and details) is flagged for review
before release; each model may list such fields in a `third_party_fields` class attribute."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db import models

from audit.models import AuditEvent
from people.models import Person
from records.person_links import person_links

# Fields never exported: secrets and internal plumbing, not information about the person.
NEVER_EXPORTED = {"password", "bin_key", "key", "token", "token_hash", "idempotency_key"}


def _value(instance: models.Model, field: models.Field[Any, Any]) -> Any:
    if field.choices:
        display = getattr(instance, f"get_{field.name}_display")()
        return str(display)
    value = getattr(instance, field.attname)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, UUID | Decimal):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return None
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or None
    return value


def _row(instance: models.Model, third_party: set[str]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    flagged = []
    for field in instance._meta.concrete_fields:
        if field.name in NEVER_EXPORTED:
            continue
        fields[str(field.verbose_name)] = _value(instance, field)
        if field.name in third_party and fields[str(field.verbose_name)]:
            flagged.append(str(field.verbose_name))
    if flagged:
        fields["Third-party information to review"] = flagged
    return fields


def export_person(person: Person) -> dict[str, Any]:
    """Every person-linked record, model by model, plus the log of who accessed the record."""
    sections: dict[str, Any] = {}
    for link in person_links():
        model = link.model
        third_party = set(getattr(model, "third_party_fields", ()))
        rows = [_row(instance, third_party) for instance in model._default_manager.filter(link.filter_for(person.pk)).distinct()]
        sections[link.label] = {"title": str(model._meta.verbose_name_plural).capitalize(), "records": rows}
    sections["audit.AuditEvent"] = {
        "title": "Who has accessed or changed the record",
        "records": [
            {
                "When": event.occurred_at.isoformat(),
                "Who": event.user.first_name if event.user else "",
                "Role": event.user.role_label if event.user else "",
                "What": event.action_label,
            }
            for event in AuditEvent.objects.filter(person_id=person.pk).select_related("user").order_by("occurred_at", "id")
        ],
    }
    return {"person": str(person.pk), "exported_at": datetime.now().astimezone().isoformat(), "sections": sections}
