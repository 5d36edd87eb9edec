"""What every importer shares: the run and who started it, auditing the people a batch touched,
old ids already brought in, and the service's own questions a file answers."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from audit.services import Action, record_events_for_people
from core.written import rows_written
from interop.legacy.models import ImportKind, ImportRun, LegacyKey
from interop.legacy.validation import CheckedRow, TargetField, fields_for, labels_for
from questions.models import Answer, Question

if TYPE_CHECKING:
    from accounts.models import User


@dataclass
class Written:
    created: int = 0
    already_there: int = 0


@dataclass
class Importer:
    run: ImportRun
    by: User
    now: datetime = field(default_factory=timezone.now)

    kind = ImportKind.PEOPLE

    def __post_init__(self) -> None:
        """Kinds that keep lookups across batches set them up here."""

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(settings.TIME_ZONE)

    def column(self, name: str) -> str:
        return str(self.run.columns.get(name) or labels_for(self.run.kind).get(name, name))

    def resolve(self, rows: list[CheckedRow]) -> None:
        raise NotImplementedError

    def write(self, rows: list[CheckedRow]) -> Written:
        raise NotImplementedError

    def audit(self, person_ids: set[uuid.UUID], *, action: str = Action.CREATE) -> None:
        if person_ids:
            record_events_for_people(
                user=self.by,
                action=action,
                person_ids=sorted(person_ids),
                detail={"legacy_import": self.run.pk, "kind": self.run.kind},
            )

    def existing_keys(self, rows: list[CheckedRow]) -> None:
        """Mark rows whose old id this source brought in before (one query)."""
        ids = {str(row.values["legacy_id"]) for row in rows if row.values.get("legacy_id")}
        known = set(
            LegacyKey.objects.filter(source_system=self.run.source_system, kind=self.run.kind, legacy_id__in=ids).values_list(
                "legacy_id", flat=True
            )
        )
        for row in rows:
            if str(row.values.get("legacy_id")) in known:
                row.links["exists"] = True

    @cached_property
    def own_questions(self) -> list[TargetField]:
        """The service's own questions a column of this file answers (one query, once a run)."""
        return [target for target in fields_for(self.run.kind) if target.question is not None and self.run.columns.get(target.name)]

    def own_answers_in(self, row: CheckedRow) -> list[tuple[Question, str]]:
        found = []
        for target in self.own_questions:
            value = row.values.get(target.name)
            if value and target.question is not None:
                found.append((target.question, str(value)))
        return found

    def write_own_answers(
        self, rows_and_records: list[tuple[CheckedRow, dict[str, Any]]], *, already: frozenset[tuple[Any, int]] = frozenset()
    ) -> None:
        """The answers a batch's rows give to the service's own questions, with the wording asked
        now (one insert); each with what it was given on (`{"referral_id": ...}`, or nothing
        for the person's record); none for a (person id, question id) in `already`."""
        if not self.own_questions:
            return
        answers = [
            Answer(
                question=question,
                person_id=row.links["person_id"],
                wording_asked=question.wording,
                value=value,
                answered_by=self.by,
                answered_at=self.now,
                **given_on,
            )
            for row, given_on in rows_and_records
            for question, value in self.own_answers_in(row)
            if (row.links["person_id"], question.pk) not in already
        ]
        Answer.objects.bulk_create(answers)
        rows_written(Answer, answers)  # bulk inserts send no signals: the reports' stored figures

    def key_for(self, row: CheckedRow, obj: Any) -> LegacyKey:
        return LegacyKey(
            source_system=self.run.source_system,
            kind=self.run.kind,
            legacy_id=str(row.values["legacy_id"]),
            person_id=row.links["person_id"],
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            import_run=self.run,
        )
