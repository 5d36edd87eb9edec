"""A person-centred document and its versions. The person owns the document; every save adds an
immutable version (who saved it, in which role, when, and which fields changed). The newest
version is the current one; the document keeps a pointer to it so lists cost one query."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils import timezone

from plans.documents import KINDS, DocumentKind, Kind


class VersionsAreImmutable(Exception):
    """Raised on any attempt to change a saved version."""


class PlanDocument(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="plan_documents")
    kind = models.CharField(max_length=20, choices=[(kind.value, definition.title) for kind, definition in KINDS.items()])
    title = models.CharField(max_length=200, blank=True)  # for kinds with many documents (goals)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    current_version = models.ForeignKey("plans.PlanVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["kind", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind"],
                condition=~models.Q(kind=Kind.GOAL.value),
                name="one_plan_document_of_each_kind",
            )
        ]
        indexes = [models.Index(fields=["person", "kind"], name="plan_document_person_kind")]

    def __str__(self) -> str:
        return f"{self.definition.title}: person {self.person_id}"

    @property
    def definition(self) -> DocumentKind:
        return KINDS[Kind(self.kind)]

    @property
    def heading(self) -> str:
        return self.title or self.definition.title


class PlanVersionQuerySet(models.QuerySet["PlanVersion"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise VersionsAreImmutable("Saved versions of a plan cannot be changed.")


class PlanVersion(models.Model):
    document = models.ForeignKey(PlanDocument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    content = models.JSONField(default=dict)
    changed_fields = models.JSONField(default=list)
    saved_at = models.DateTimeField(default=timezone.now)
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The role the author had when saving: a member writing their own plan is recorded as a member.
    author_role = models.CharField(max_length=20)

    objects = PlanVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="one_plan_version_per_number")]

    def __str__(self) -> str:
        return f"Version {self.number} of plan document {self.document_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise VersionsAreImmutable("Saved versions of a plan cannot be changed.")
        super().save(*args, **kwargs)
