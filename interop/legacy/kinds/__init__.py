"""One importer per kind of file. Each works a batch at a time with a fixed number of queries:
`resolve` finds what the rows refer to in STaR (read only, so the preview can use it too) and
adds a problem to any row that cannot go in; `write` adds the batch with bulk inserts, keeping
the invariants the domain apps' services keep, and audits every person touched."""

from __future__ import annotations

from typing import TYPE_CHECKING

from interop.legacy.kinds.attendance import AttendanceImporter
from interop.legacy.kinds.base import Importer, Written
from interop.legacy.kinds.contacts import ContactImporter
from interop.legacy.kinds.people import PeopleImporter
from interop.legacy.kinds.referrals import ReferralImporter
from interop.legacy.models import ImportKind, ImportRun

if TYPE_CHECKING:
    from accounts.models import User

__all__ = ["Importer", "Written", "importer_for"]


IMPORTERS: dict[str, type[Importer]] = {
    ImportKind.PEOPLE: PeopleImporter,
    ImportKind.REFERRALS: ReferralImporter,
    ImportKind.CONTACTS: ContactImporter,
    ImportKind.ATTENDANCES: AttendanceImporter,
}


def importer_for(run: ImportRun, *, by: User) -> Importer:
    return IMPORTERS[run.kind](run=run, by=by)
