"""When a person's record is destroyed (`records.retention.destroy`), remove them from what the
import keeps outside person-linked rows: the uploaded files (`ImportRun.content`), the cached
previews and the lists of problems.

A run "contained" the person if it brought them (or a referral, contact or attendance of theirs)
in, or if any row of its file carries their NHS number, an old system's id of theirs in its id
column, or their name with their date of birth (found without the mapping, so a file that was
never mapped is found too). Such a run's file is deleted outright (rewriting a spreadsheet
without some rows is not worth the risk of leaving a copy); the run keeps its counts, its status
and the problems of other rows, and says when and why its file was removed. Its cached preview
is forgotten."""

from __future__ import annotations

import re
from typing import Any

from django.utils import timezone

from interop.legacy import services
from interop.legacy.models import DateFormat, HistoricalContact, ImportRun, LegacyKey, LegacyRecord
from interop.legacy.reading import UnreadableFile
from interop.legacy.validation import AmbiguousDate, parse_date
from people.destroyed import Identifiers, normalise_name
from people.models import Person


def _dates(text: str) -> set[object]:
    found: set[object] = set()
    for date_format in (DateFormat.DAY_FIRST, DateFormat.MONTH_FIRST, DateFormat.ISO):
        try:
            found.add(parse_date(text, date_format))
        except AmbiguousDate:
            continue
    return found


def rows_about(run: ImportRun, identifiers: Identifiers) -> set[int]:
    """The row numbers (as the preview counts them) of the run's file that are about the person."""
    try:
        table = services.table_for(run)
    except UnreadableFile:
        return set()
    number = re.sub(r"\s", "", identifiers.nhs_number or "")
    given = {normalise_name(name) for name in (identifiers.given_name, *identifiers.other_given_names) if name}
    family = normalise_name(identifiers.family_name)
    legacy = {legacy_id for source, legacy_id in identifiers.legacy_ids if source.casefold() == run.source_system.casefold()}
    id_columns = {
        position
        for position, heading in enumerate(table.headings)
        if heading and heading in {run.columns.get("legacy_id"), run.columns.get("person_legacy_id")}
    }
    found = set()
    for offset, cells in enumerate(table.rows):
        names = {normalise_name(cell) for cell in cells}
        if (
            (number and number in {re.sub(r"\s", "", cell) for cell in cells})
            or any(cells[position] in legacy for position in id_columns)
            or (
                family in names
                and given & names
                and identifiers.date_of_birth is not None
                and any(identifiers.date_of_birth in _dates(cell) for cell in cells)
            )
        ):
            found.add(offset + 2)
    return found


def purge_person(*, person: Person, identifiers: Identifiers, **_: Any) -> dict[str, int]:
    """The receiver of `people.signals.destroying_person`: runs one file at a time."""
    linked = set(LegacyRecord.objects.filter(person=person).values_list("import_run_id", flat=True))
    linked |= set(LegacyKey.objects.filter(person=person).values_list("import_run_id", flat=True))
    linked |= set(HistoricalContact.objects.filter(person=person).values_list("import_run_id", flat=True))
    purged = 0
    for run_id in ImportRun.objects.filter(purged_at__isnull=True).order_by("pk").values_list("pk", flat=True):
        run = ImportRun.objects.get(pk=run_id)
        rows = rows_about(run, identifiers)
        if not rows and run_id not in linked:
            continue
        services.forget_preview(run)
        run.content = b""
        run.purged_at = timezone.now()
        run.problems = [problem for problem in run.problems if problem.get("row") not in rows]
        run.save(update_fields=["content", "purged_at", "problems"])
        purged += 1
    return {"interop.ImportRun (file removed)": purged} if purged else {}
