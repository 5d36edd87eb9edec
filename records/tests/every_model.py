"""Make one row of every model that holds data about a person, without knowing the models: each
required field is filled from its type, and each foreign key to the person (directly or through
another person-linked row) points at the given person. Used to prove the subject access export
and destruction reach every model, including ones added after these tests were written."""

from __future__ import annotations

import datetime
import decimal
import itertools
from typing import Any

from django.apps import apps
from django.db import models
from django.utils import timezone

from accounts.models import User
from people.models import Person
from star.tests.test_gates import person_linked_models

# Values a model's check constraints need (everything else comes from the field's type).
OVERRIDES: dict[str, dict[str, Any]] = {
    "plans.CrisisPlanShare": {"consent_given": True},
    "community.Session": {"ends_at": timezone.now() + datetime.timedelta(hours=2)},
    "community.Schedule": {"opens_at": datetime.time(10, 0), "closes_at": datetime.time(12, 0)},
    "volunteers.CheckExpiry": {"kind": "dbs", "completion": None},
    # A document is about at most one of the person's records (a check constraint): here, an episode.
    "documents.Document": {"referral": None, "concern": None},
}


_serial = itertools.count(1)


def linked_models() -> list[type[models.Model]]:
    """Every person-linked model, found independently of `records.person_links`."""
    names = person_linked_models()
    # The audit trail is exported as the disclosure log; the note search's index is derived from
    # rows exported in their own right (and purged when the person's record is destroyed).
    return [model for model in apps.get_models() if model.__name__ in names and model._meta.app_label not in {"audit", "casesearch"}]


def _value_for(field: models.Field[Any, Any], text: str) -> Any:
    if field.choices:
        return field.choices[0][0]
    if isinstance(field, models.EmailField):
        return "someone@example.org"
    if isinstance(field, models.TextField):
        return text
    if isinstance(field, models.CharField):
        return f"x{next(_serial)}"[: field.max_length or None]  # distinct, for unique constraints
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, models.DecimalField):
        return decimal.Decimal("1")
    if isinstance(field, models.IntegerField | models.FloatField):
        return 1
    if isinstance(field, models.DateTimeField):
        return timezone.now()
    if isinstance(field, models.DateField):
        return timezone.localdate() - datetime.timedelta(days=1)
    if isinstance(field, models.FileField):
        return "receipts/sample.pdf"
    if isinstance(field, models.TimeField):
        return datetime.time(10, 0)
    if isinstance(field, models.DurationField):
        return datetime.timedelta(minutes=30)
    if isinstance(field, models.JSONField):
        return {}
    if isinstance(field, models.BinaryField):
        return b"x"
    if isinstance(field, models.UUIDField):
        import uuid

        return uuid.uuid4()
    raise NotImplementedError(f"No sample value for {field!r}")


class RowMaker:
    def __init__(
        self, person: Person, user: User, text: str = "Notes that mention Jo Bloggs", *, share_with: RowMaker | None = None
    ) -> None:
        self.person = person
        self.user = user
        self.text = text
        self.made: dict[type[models.Model], models.Model] = {Person: person}
        if share_with is not None:  # reuse rows that are not about a person (projects, instruments…)
            linked = set(linked_models())
            self.made.update({model: row for model, row in share_with.made.items() if model not in linked})

    def row(self, model: type[models.Model]) -> models.Model:
        if model in self.made:
            return self.made[model]
        if issubclass(model, User):
            return self.user
        values: dict[str, Any] = {}
        for field in model._meta.concrete_fields:
            if field.generated or (field.primary_key and (field.has_default() or isinstance(field, models.AutoField))):
                continue  # made by the database
            if field.is_relation:
                target = field.related_model
                if field.null and target not in self.made and target is not Person:
                    continue
                values[field.name] = self.row(target)  # type: ignore[arg-type]
                continue
            if isinstance(field, models.TextField) and not field.has_default():
                values[field.name] = self.text  # free text, even when optional: it must be flagged
                continue
            if field.has_default() or field.null or (field.blank and isinstance(field, models.CharField)):
                continue
            values[field.name] = _value_for(field, self.text)
        values.update(OVERRIDES.get(model._meta.label, {}))
        if model._meta.label == "volunteers.CheckExpiry":
            values["dbs_check"] = self.row(apps.get_model("volunteers", "DBSCheck"))
        instance = model._default_manager.create(**values)
        self.made[model] = instance
        return instance

    def every_linked_model(self) -> dict[type[models.Model], models.Model]:
        for model in linked_models():
            self.row(model)
        return {model: row for model, row in self.made.items() if model in set(linked_models())}
