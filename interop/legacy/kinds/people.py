"""People files: new people in one insert, people STaR already has linked by their old id."""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING, Any

from audit.services import Action
from core.bulk import insert_rows
from interop.legacy.linking import people_by_identity, refuse_destroyed
from interop.legacy.models import ImportKind, LegacyRecord
from interop.legacy.validation import CheckedRow, identity
from people import equality
from people.models import EqualityMonitoring, Person
from people.models.person import NHSNumberStatus
from questions.models import Answer

if TYPE_CHECKING:
    pass


from interop.legacy.kinds.base import Importer, Written


class PeopleImporter(Importer):
    """New people are created; someone already in STaR (same old id, or same NHS number, names
    and date of birth) is left as they are, but their old id is recorded so later files can use it,
    and the file's answers to the service's own questions they have not answered yet are added
    (an answer already given in STaR is never replaced; the same file again adds nothing)."""

    kind = ImportKind.PEOPLE

    def resolve(self, rows: list[CheckedRow]) -> None:
        ids = {str(row.values["legacy_id"]) for row in rows if row.values.get("legacy_id")}
        known = dict(
            LegacyRecord.objects.filter(source_system=self.run.source_system, legacy_id__in=ids).values_list("legacy_id", "person_id")
        )
        others = []
        for row in rows:
            legacy = str(row.values.get("legacy_id") or "")
            if legacy in known:
                row.links |= {"person_id": known[legacy], "has_record": True}
            else:
                others.append(row)
        matches = people_by_identity(others) if others else {}
        new = []
        for row in others:
            found = matches.get(identity(row.values), [])
            if found:
                row.links["person_id"] = found[0]
            else:
                new.append(row)
        refuse_destroyed(new, source_system=self.run.source_system, legacy_field="legacy_id")

    def write(self, rows: list[CheckedRow]) -> Written:
        new_rows = [row for row in rows if "person_id" not in row.links]
        existing = [row for row in rows if "person_id" in row.links]
        matched = [row for row in existing if not row.links.get("has_record")]
        # Plain rows rather than model objects (core.bulk.insert_rows): most of the cost at 100,000 rows.
        people = [self._person(row) for row in new_rows]
        insert_rows(Person, people)
        for row, person in zip(new_rows, people, strict=True):
            row.links["person_id"] = person["id"]
        self.write_own_answers([(row, {}) for row in new_rows])
        answered = self._answer_for_existing(existing)
        insert_rows(
            EqualityMonitoring,
            [
                {
                    "person_id": row.links["person_id"],
                    "ethnicity": row.values["ethnicity"],
                    "nhs_ethnic_category": equality.nhs_ethnic_category(row.values["ethnicity"]),
                    "updated_at": self.now,
                    "updated_by_id": self.by.pk,
                }
                for row in new_rows
                if row.values.get("ethnicity")
            ],
        )
        insert_rows(
            LegacyRecord,
            [
                {
                    "source_system": self.run.source_system,
                    "legacy_id": str(row.values["legacy_id"]),
                    "person_id": row.links["person_id"],
                    "import_run_id": self.run.pk,
                }
                for row in [*new_rows, *matched]
                if row.values.get("legacy_id")
            ],
        )
        self.audit({person["id"] for person in people})
        self.audit({row.links["person_id"] for row in matched if row.values.get("legacy_id")} | answered, action=Action.UPDATE)
        return Written(created=len(people), already_there=len(rows) - len(people))

    def _answer_for_existing(self, rows: list[CheckedRow]) -> set[Any]:
        """Answers for people already in STaR, to the questions on their record they have not
        answered yet (one query to find those, one insert). The people given answers."""
        if not self.own_questions or not rows:
            return set()
        people = {row.links["person_id"] for row in rows}
        questions = [target.question.pk for target in self.own_questions if target.question is not None]
        already = set(
            Answer.objects.filter(person_id__in=people, question_id__in=questions, referral__isnull=True, contact__isnull=True).values_list(
                "person_id", "question_id"
            )
        )
        kept: list[tuple[CheckedRow, dict[str, Any]]] = []
        given: set[Any] = set()
        for row in rows:
            person = row.links["person_id"]
            if person in given:  # two rows for one person: the first row's answers
                continue
            if any((person, question.pk) not in already for question, _ in self.own_answers_in(row)):
                kept.append((row, {}))
                given.add(person)
        self.write_own_answers(kept, already=frozenset(already))
        return given

    def _person(self, row: CheckedRow) -> dict[str, Any]:
        """A new person's row; every field not named here takes its default, as Person() would."""
        values = row.values
        number = values.get("nhs_number") or ""
        birth = values.get("date_of_birth")
        return {
            "id": uuid.uuid4(),
            "given_name": values["given_name"],
            "family_name": values["family_name"],
            "preferred_name": values.get("preferred_name") or "",
            "date_of_birth": birth if isinstance(birth, date) else None,
            "nhs_number": number,
            "nhs_number_status": NHSNumberStatus.NOT_TRACED.value if number else NHSNumberStatus.NOT_PRESENT.value,
            "pronouns": values.get("pronouns") or "",
            "phone": values.get("phone") or "",
            "email": values.get("email") or "",
            "preferred_contact_method": values.get("preferred_contact_method") or "",
            "address_line_1": values.get("address_line_1") or "",
            "address_line_2": values.get("address_line_2") or "",
            "town": values.get("town") or "",
            "postcode": (values.get("postcode") or "").upper(),
            "no_fixed_abode": values.get("no_fixed_abode") == "yes",
            "gp_practice_name": values.get("gp_practice_name") or "",
            "gp_practice_code": (values.get("gp_practice_code") or "").upper(),
            "first_language": values.get("first_language") or "",
            "interpreter_needed": values.get("interpreter_needed") == "yes",
            "communication_needs": values.get("communication_needs") or "",
            "emergency_contact_name": values.get("emergency_contact_name") or "",
            "emergency_contact_relationship": values.get("emergency_contact_relationship") or "",
            "emergency_contact_phone": values.get("emergency_contact_phone") or "",
            "created_by_id": self.by.pk,
            "created_at": self.now,
            "updated_at": self.now,
        }
