"""Every model that holds data about a person, and how each one reaches `people.Person`.

Found by walking foreign keys, so a model added by any part of the service is included without
registering it: subject access exports and retention use this, and a test checks that it agrees
with an independent enumeration.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.db import models
from django.db.models import Q

MAX_DEPTH = 5


@dataclass(frozen=True)
class PersonLink:
    model: type[models.Model]
    paths: tuple[str, ...]  # lookups from the model to the Person, e.g. "episode__person"

    @property
    def label(self) -> str:
        return self.model._meta.label

    def filter_for(self, person_id: object) -> Q:
        query = Q()
        for path in self.paths:
            query |= Q(**{path if path else "pk": person_id})
        return query


def _foreign_keys(model: type[models.Model]) -> list[models.ForeignKey[models.Model, models.Model]]:
    return [
        field
        for field in model._meta.get_fields()
        if isinstance(field, models.ForeignKey | models.OneToOneField) and field.concrete and not field.auto_created
    ]


@cache
def person_links() -> tuple[PersonLink, ...]:
    person = apps.get_model("people", "Person")
    paths: dict[type[models.Model], set[str]] = {person: {""}}
    for _ in range(MAX_DEPTH):
        changed = False
        for model in apps.get_models():
            if model._meta.app_label == "audit":
                continue  # the audit trail is exported separately, as the disclosure log
            if model._meta.app_label == "casesearch":
                continue  # the search index copies texts exported from their own records; it goes with the person
            for field in _foreign_keys(model):
                target = field.related_model
                if target not in paths or target is model:
                    continue
                for tail in list(paths[target]):
                    path = f"{field.name}__{tail}" if tail else field.name
                    if path.count("__") < MAX_DEPTH and path not in paths.setdefault(model, set()):
                        paths[model].add(path)
                        changed = True
        if not changed:
            break
    return tuple(
        PersonLink(model=model, paths=tuple(sorted(found, key=lambda p: (p.count("__"), p))))
        for model, found in sorted(paths.items(), key=lambda item: item[0]._meta.label)
    )
