"""Contact files: 1-to-1 contacts in the person's episode, or kept as history when there is none."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING

from django.utils import timezone

from casesearch.index import index_objects
from core.bulk import insert_all
from core.written import rows_written
from enablement.models import Contact, Episode
from interop.legacy.linking import link_people
from interop.legacy.models import HistoricalContact, ImportKind, LegacyKey
from interop.legacy.validation import CheckedRow

if TYPE_CHECKING:
    pass


from interop.legacy.kinds.base import Importer, Written


class ContactImporter(Importer):
    """A contact on a date one of the person's STaR episodes covers joins that episode (its
    worker, the old system's worker named in who was there); any other contact is kept as a
    historical contact, since inventing an episode or a worker would be untrue."""

    kind = ImportKind.CONTACTS

    def resolve(self, rows: list[CheckedRow]) -> None:
        link_people(source_system=self.run.source_system, rows=rows, column_of=self.run.columns)
        self.existing_keys(rows)
        people = {row.links["person_id"] for row in rows if "person_id" in row.links}
        episodes: dict[object, list[tuple[int, date, date | None, int]]] = defaultdict(list)
        for pk, person_id, started, ended, worker_id in Episode.objects.filter(person_id__in=people).values_list(
            "pk", "person_id", "started_on", "ended_on", "worker_id"
        ):
            episodes[person_id].append((pk, started, ended, worker_id))
        today = timezone.localdate()
        for row in rows:
            day = row.values.get("contact_date")
            for pk, started, ended, worker_id in episodes.get(row.links.get("person_id"), []):
                if isinstance(day, date) and started <= day <= (ended or today):
                    row.links["episode"] = (pk, worker_id)
                    break
            if "person_id" in row.links and "episode" not in row.links and not row.links.get("exists"):
                for question, _ in self.own_answers_in(row):
                    row.add_problem(
                        self.column(f"question_{question.pk}"),
                        f"This contact is in none of the person's 1-to-1 episodes in STaR, so it is kept as an old contact, which "
                        f"cannot hold an answer to ‘{question.wording}’: open the episode in STaR first, or leave the answer out",
                    )

    def write(self, rows: list[CheckedRow]) -> Written:
        new_rows = [row for row in rows if not row.links.get("exists")]
        in_episode = [row for row in new_rows if "episode" in row.links]
        historical = [row for row in new_rows if "episode" not in row.links]
        contacts = [self._contact(row) for row in in_episode]
        kept = [self._historical(row) for row in historical]
        Contact.objects.bulk_create(contacts)
        rows_written(Contact, contacts)
        HistoricalContact.objects.bulk_create(kept)
        self.write_own_answers([(row, {"contact_id": contact.pk}) for row, contact in zip(in_episode, contacts, strict=True)])
        index_objects(Contact, [contact.pk for contact in contacts])  # bulk inserts send no signals
        index_objects(HistoricalContact, [old.pk for old in kept])
        insert_all(
            LegacyKey,
            [self.key_for(row, obj) for row, obj in [*zip(in_episode, contacts, strict=True), *zip(historical, kept, strict=True)]],
        )
        self.audit({row.links["person_id"] for row in new_rows})
        return Written(created=len(new_rows), already_there=len(rows) - len(new_rows))

    def _contact(self, row: CheckedRow) -> Contact:
        values = row.values
        episode_id, worker_id = row.links["episode"]
        worker_name = str(values.get("worker_name") or "")
        return Contact(
            episode_id=episode_id,
            person_id=row.links["person_id"],
            worker_id=worker_id,
            contact_date=values["contact_date"],
            start_time=values["start_time"],
            minutes=values["minutes"],
            mode=values["mode"],
            outcome=values.get("outcome") or Contact.Outcome.ATTENDED,
            who_was_there=f"{worker_name} (recorded in {self.run.source_system})"[:300] if worker_name else "",
            what_was_done=values.get("notes") or "",
            recorded_by=self.by,
            recorded_at=self.now,
        )

    def _historical(self, row: CheckedRow) -> HistoricalContact:
        values = row.values
        return HistoricalContact(
            person_id=row.links["person_id"],
            source_system=self.run.source_system,
            contact_date=values["contact_date"],
            start_time=values["start_time"],
            minutes=values["minutes"],
            mode=values["mode"],
            outcome=values.get("outcome") or Contact.Outcome.ATTENDED,
            worker_name=values.get("worker_name") or "",
            notes=values.get("notes") or "",
            import_run=self.run,
            imported_at=self.now,
        )
