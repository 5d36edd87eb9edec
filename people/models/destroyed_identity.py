"""Keyed hashes of the identifiers of people whose records were destroyed."""

from __future__ import annotations

from django.db import models


class DestroyedIdentity(models.Model):
    """A keyed hash (HMAC-SHA256, `people.destroyed`) of one identifier of a person whose record
    was destroyed: their NHS number, their normalised name and date of birth, or an old system's
    id for them. It cannot be turned back into the identifier, but the same identifier hashes to
    the same value, so an import (refused) or a registration (flagged) of the same person is
    recognised without keeping who they were."""

    class Kind(models.TextChoices):
        NHS_NUMBER = "nhs_number", "NHS number"
        NAME_AND_BIRTH = "name_and_birth", "Name and date of birth"
        LEGACY_ID = "legacy_id", "Old system's id"

    digest = models.CharField(max_length=64, db_index=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # The records.DestructionRecord it came from, by id: records builds on people, not the reverse.
    destruction_id = models.BigIntegerField(db_index=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"Destroyed identity {self.pk} ({self.get_kind_display()})"
