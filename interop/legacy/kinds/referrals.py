"""Referral files: referrals with their status history, linked to the person by old id or identity."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING

from casesearch.index import index_objects
from core.bulk import insert_all
from core.written import rows_written
from interop.legacy.linking import link_people
from interop.legacy.models import ImportKind, LegacyKey
from interop.legacy.validation import CheckedRow
from referrals.models import Referral, ReferralStatusChange

if TYPE_CHECKING:
    pass


from interop.legacy.kinds.base import Importer, Written

Status = Referral.Status
DECISIONS: dict[str, str] = {
    Status.WAITING: Referral.Decision.ENABLEMENT,
    Status.ALLOCATED: Referral.Decision.ENABLEMENT,
    Status.SIGNPOSTED: Referral.Decision.SIGNPOST,
    Status.ELSEWHERE: Referral.Decision.ELSEWHERE,
    Status.DECLINED: Referral.Decision.DECLINE,
}


class ReferralImporter(Importer):
    """Referrals go in with their own dates and status. Only a referral still awaiting triage in
    the old system lands in the triage queue (and, as recorded_referral insists, it needs the
    person's agreement); the others are history, their status reached by legal steps."""

    kind = ImportKind.REFERRALS

    def resolve(self, rows: list[CheckedRow]) -> None:
        link_people(source_system=self.run.source_system, rows=rows, column_of=self.run.columns)
        self.existing_keys(rows)
        for row in rows:
            if row.values.get("status") == Status.AWAITING_TRIAGE and row.values.get("consent") != "yes":
                row.add_problem(
                    self.column("consent"),
                    "A referral awaiting triage goes into the triage queue, which needs the person's agreement: record Yes, or give its closed status",
                )
            status_on, received = row.values.get("status_on"), row.values.get("received_on")
            if isinstance(status_on, date) and isinstance(received, date) and status_on < received:
                row.add_problem(self.column("status_on"), "The status changed before the referral was received: check both dates")

    def write(self, rows: list[CheckedRow]) -> Written:
        new_rows = [row for row in rows if not row.links.get("exists")]
        referrals = [self._referral(row) for row in new_rows]
        Referral.objects.bulk_create(referrals)
        rows_written(Referral, referrals)
        # Each referral's history is the legal path (`Referral.status_machine`) to its status, so
        # it reads as STaR's own moves would have.
        machine = Referral.status_machine
        assert machine.history is not None
        changes = []
        for row, referral in zip(new_rows, referrals, strict=True):
            previous = ""
            for step in machine.path_to(referral.status):
                changes.append(
                    machine.history.row(
                        referral,
                        from_status=previous,
                        to_status=step,
                        by=self.by,
                        note=f"Brought in from {self.run.source_system}",
                        at=referral.received_at if step == Status.AWAITING_TRIAGE else self._status_at(row),
                    )
                )
                previous = step
        insert_all(ReferralStatusChange, changes)
        insert_all(LegacyKey, [self.key_for(row, referral) for row, referral in zip(new_rows, referrals, strict=True)])
        self.write_own_answers([(row, {"referral_id": referral.pk}) for row, referral in zip(new_rows, referrals, strict=True)])
        index_objects(Referral, [referral.pk for referral in referrals])  # bulk inserts send no signals
        self.audit({referral.person_id for referral in referrals})
        return Written(created=len(referrals), already_there=len(rows) - len(referrals))

    def _at(self, day: object) -> datetime:
        assert isinstance(day, date)
        return datetime.combine(day, time(), tzinfo=self.zone)

    def _status_at(self, row: CheckedRow) -> datetime:
        return self._at(row.values.get("status_on") or row.values["received_on"])

    def _referral(self, row: CheckedRow) -> Referral:
        values = row.values
        status = str(values["status"])
        decided = status in DECISIONS
        return Referral(
            person_id=row.links["person_id"],
            source=values["source"],
            referrer_name=values.get("referrer_name") or "",
            referrer_organisation=values.get("referrer_organisation") or "",
            reason_in_referrers_words=values.get("reason") or "",
            consent_given=values.get("consent") == "yes",
            urgency=values.get("urgency") or Referral.Urgency.ROUTINE,
            received_at=self._at(values["received_on"]),
            status=status,
            decision=DECISIONS.get(status, ""),
            triaged_at=self._status_at(row) if decided else None,
            allocated_at=self._status_at(row) if status == Status.ALLOCATED else None,
            created_by=self.by,
        )
