"""Gather everything STaR holds about a person, for a subject access request or for the member's
own download.

Anything that may be about someone else is flagged for review before release: every free-text
field (notes, concerns, feedback: they may name other people), fields that hold other people's
details (a model's `third_party_fields`, or `THIRD_PARTY_FIELDS` here), and whole records written
by someone else (`THIRD_PARTY_RECORDS`). The reviewer's decisions (disclose, redact, withhold) are
applied by passing them to `export_person`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.db import models

from audit.models import AuditEvent
from people.models import Person
from records.person_links import PersonLink, person_links
from records.subject_access_files import MANIFEST, file_entries

if TYPE_CHECKING:
    from records.models import FlaggedItem

# Fields never exported: secrets and internal plumbing, not information about the person.
NEVER_EXPORTED = {"password", "bin_key", "key", "token", "token_hash", "idempotency_key"}

FLAG_KEY = "Third-party information to review"
WITHHELD = "[Withheld]"

# Other people's details on models of other apps (kept here so the review rules live together).
THIRD_PARTY_FIELDS: dict[str, tuple[str, ...]] = {
    "referrals.Referral": ("referrer_name", "referrer_contact"),
    "plans.CrisisPlanShare": ("recipient_name",),
    "volunteers.Reference": ("referee_name",),
}
# Records written by someone else, reviewed as a whole.
THIRD_PARTY_RECORDS: dict[str, str] = {
    "volunteers.Reference": "A reference written by someone else",
}

# The handling of a request itself (its history and the review decisions): written by staff about
# the request, and reviewing them would chase its own tail (each decision adds a history row).
NOT_REVIEWED = {"records.SubjectAccessEvent", "records.FlaggedItem"}

WHY_OTHER_PEOPLE = "Other people's details"
WHY_FREE_TEXT = "Free text that may mention other people"


@dataclass(frozen=True)
class Flag:
    section: str
    object_id: str
    field: str  # the field's name; "" for the whole record
    label: str
    why: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.section, self.object_id, self.field)


# Last words of record names with no plural of their own ("goal progress", "crisis plan sent").
NO_PLURAL = ("progress", "feedback", "sent", "information", "history", "evidence", "monitoring")


def section_title(model: type[models.Model]) -> str:
    """The heading for a kind of record: its plural where the model names one, otherwise made by
    English rules, so no heading reads "Caseload entrys" or "Goal progresss"."""
    if model._meta.original_attrs.get("verbose_name_plural"):
        return str(model._meta.verbose_name_plural).capitalize()
    name = str(model._meta.verbose_name).capitalize()
    if name.endswith(NO_PLURAL):
        return f"{name} records"
    if name.endswith("y") and name[-2:-1] not in "aeiou":
        return f"{name[:-1]}ies"
    if name.endswith(("s", "x", "ch", "sh")):
        return f"{name}es"
    return f"{name}s"


def _value(instance: models.Model, field: models.Field[Any, Any]) -> Any:
    if field.choices:
        display = getattr(instance, f"get_{field.name}_display")()
        return str(display)
    value = getattr(instance, field.attname)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, UUID | Decimal):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return None
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or None
    return value


def _exported_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [field for field in model._meta.concrete_fields if field.name not in NEVER_EXPORTED]


def _third_party_fields(link: PersonLink) -> set[str]:
    return set(getattr(link.model, "third_party_fields", ())) | set(THIRD_PARTY_FIELDS.get(link.label, ()))


def _flags_for(link: PersonLink, instance: models.Model) -> list[Flag]:
    object_id = str(instance.pk)
    flags: list[Flag] = []
    if link.label in NOT_REVIEWED:
        return flags
    if link.label in THIRD_PARTY_RECORDS:
        flags.append(Flag(link.label, object_id, "", "Whole record", THIRD_PARTY_RECORDS[link.label]))
    named = _third_party_fields(link)
    for field in _exported_fields(link.model):
        if not getattr(instance, field.attname):
            continue
        if field.name in named:
            flags.append(Flag(link.label, object_id, field.name, str(field.verbose_name), WHY_OTHER_PEOPLE))
        elif isinstance(field, models.TextField):
            flags.append(Flag(link.label, object_id, field.name, str(field.verbose_name), WHY_FREE_TEXT))
    return flags


def _records(person: Person) -> Iterator[tuple[PersonLink, list[models.Model]]]:
    for link in person_links():
        rows = list(link.model._default_manager.filter(link.filter_for(person.pk)).distinct().order_by("pk"))
        yield link, rows


def flags_for(person: Person) -> list[Flag]:
    """Everything in this person's export that a reviewer must decide on before release."""
    return [flag for link, rows in _records(person) for instance in rows for flag in _flags_for(link, instance)]


def _row(link: PersonLink, instance: models.Model, decisions: Mapping[tuple[str, str, str], FlaggedItem] | None) -> dict[str, Any] | None:
    """One record as label → value. Without decisions, flagged fields are listed for review; with
    them, each decision is applied (None: the whole record is withheld)."""
    flags = _flags_for(link, instance)
    if decisions is not None:
        whole = decisions.get((link.label, str(instance.pk), ""))
        if whole is not None and whole.decision == whole.Decision.WITHHOLD:
            return None
    fields: dict[str, Any] = {}
    flagged_names = {flag.field for flag in flags}
    for field in _exported_fields(link.model):
        label = str(field.verbose_name)
        value = _value(instance, field)
        if decisions is not None and field.name in flagged_names:
            decided = decisions.get((link.label, str(instance.pk), field.name))
            if decided is None or decided.decision == decided.Decision.WITHHOLD:
                value = WITHHELD  # nothing undecided is ever released
            elif decided.decision == decided.Decision.REDACT:
                value = decided.redaction_text
        fields[label] = value
    if decisions is None and flags:
        fields[FLAG_KEY] = [flag.label for flag in flags]
    return fields


def export_person(person: Person, *, decisions: Mapping[tuple[str, str, str], FlaggedItem] | None = None) -> dict[str, Any]:
    """Every person-linked record, model by model, plus the log of who accessed the record.

    Without `decisions` this is the working copy, with third-party information marked for review;
    with the reviewer's decisions (keyed by section, object id and field) it is the copy to release.
    """
    sections: dict[str, Any] = {}
    files: list[dict[str, Any]] = []
    for link, instances in _records(person):
        rows = [_row(link, instance, decisions) for instance in instances]
        title = section_title(link.model)
        for instance, row in zip(instances, rows, strict=True):
            if row is not None:
                flagged = {flag.field for flag in _flags_for(link, instance)}
                files.extend(file_entries(link.label, title, instance, flagged, decisions, len(files) + 1))
        section: dict[str, Any] = {
            "title": title,
            "records": [row for row in rows if row is not None],
        }
        withheld = sum(1 for row in rows if row is None)
        if withheld:
            section["withheld"] = withheld
        sections[link.label] = section
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
    return {"person": str(person.pk), "exported_at": datetime.now().astimezone().isoformat(), "sections": sections, MANIFEST: files}


@dataclass(frozen=True)
class FlaggedValue:
    section_title: str
    label: str
    value: str


def flagged_values(items: list[FlaggedItem]) -> dict[int, FlaggedValue]:
    """What each flagged item currently says, for the reviewer: one query per kind of record."""
    from django.apps import apps

    by_section: dict[str, list[FlaggedItem]] = {}
    for item in items:
        by_section.setdefault(item.section, []).append(item)
    found: dict[int, FlaggedValue] = {}
    for section, section_items in by_section.items():
        model = apps.get_model(section)
        instances = {str(obj.pk): obj for obj in model._default_manager.filter(pk__in=[item.object_id for item in section_items])}
        title = str(model._meta.verbose_name).capitalize()
        for item in section_items:
            instance = instances.get(item.object_id)
            if instance is None:
                found[item.pk] = FlaggedValue(title, item.field or "Whole record", "(no longer held)")
            elif item.field:
                field = model._meta.get_field(item.field)
                value = str(_value(instance, field) or "")
                if isinstance(field, models.FileField):
                    value = f"The file of “{instance}”: open it from the person's record to read it before deciding"
                found[item.pk] = FlaggedValue(title, str(field.verbose_name).capitalize(), value)
            else:
                summary = "; ".join(f"{f.verbose_name}: {_value(instance, f)}" for f in _exported_fields(model) if _value(instance, f))
                found[item.pk] = FlaggedValue(title, "Whole record", summary)
    return found


def _member_value(instance: models.Model, field: models.Field[Any, Any], document_names: Mapping[int, str]) -> Any:
    if isinstance(field, models.ForeignKey):
        from plans.models import PlanDocument

        if field.related_model is PlanDocument:
            return document_names.get(getattr(instance, field.attname))
        related = getattr(instance, field.name)
        if related is None:
            return None
        from accounts.models import User

        return related.first_name if isinstance(related, User) else str(related)
    return _value(instance, field)


def _document_names(person: Person) -> dict[int, str]:
    """Each of the person's plan documents by the name the member's copy gives it (no ids)."""
    from plans.documents import Kind
    from plans.models import PlanDocument
    from records.member_copy import document_name

    names: dict[int, str] = {}
    for pk, kind, title in PlanDocument.objects.filter(person=person).order_by("pk").values_list("pk", "kind", "title"):
        names[pk] = document_name(Kind(kind), title, taken=set(names.values()))
    return names


def export_for_member(person: Person) -> dict[str, Any]:
    """The copy a member makes of their own record: only what `people.member_view` says a member
    sees on their own pages, and who has looked at their record. Nothing here needs review;
    everything else goes through a subject access request that staff review.

    Section titles are the headings of the readable copy (`records.member_copy`); plan documents
    are named as the member knows them."""
    from people.member_view import MEMBER_VISIBLE, WHAT_IS_LEFT_OUT
    from records.member_copy import heading_for

    document_names = _document_names(person)
    sections: dict[str, Any] = {}
    for link, instances in _records(person):
        visible = MEMBER_VISIBLE.get(link.label)
        if not visible or not instances:
            continue
        fields = [field for field in _exported_fields(link.model) if field.name in visible]
        sections[link.label] = {
            "title": heading_for(link.label),
            "records": [
                {str(field.verbose_name): _member_value(instance, field, document_names) for field in fields} for instance in instances
            ],
        }
    sections["audit.AuditEvent"] = {
        "title": heading_for("audit.AuditEvent"),
        "records": [
            {
                "When": event.occurred_at.isoformat(),
                "Who": event.user.first_name if event.user else "",
                "Role": event.user.role_label if event.user else "",
                "What": event.action_label,
            }
            for event in AuditEvent.objects.filter(person_id=person.pk)
            .exclude(action=AuditEvent.Action.REFUSED)
            .select_related("user")
            .order_by("occurred_at", "id")
        ],
    }
    return {
        "person": str(person.pk),
        "exported_at": datetime.now().astimezone().isoformat(),
        "what_is_left_out": WHAT_IS_LEFT_OUT,
        "sections": sections,
    }
