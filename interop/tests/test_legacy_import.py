"""Importing an old system's people: one transaction, no duplicates, audited, bounded queries."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection
from django.test import Client

from audit import services as audit_services
from audit.models import AuditEvent
from conftest import World
from interop.legacy import services
from interop.legacy.kinds import base as importer_base
from interop.legacy.models import ImportMapping, ImportRun, LegacyRecord
from interop.tests.legacy_factories import COLUMNS, HEADINGS, csv_bytes, good_rows, make_run
from people.models import Person


def imported() -> int:
    return Person.objects.filter(family_name__startswith="Family").count()


def inserts(model: type[Any], rows: int) -> int:
    """How many INSERTs bulk_create needs for this many rows on this database (SQLite caps variables)."""
    fields = [field for field in model._meta.concrete_fields if not field.primary_key or model is Person]
    batch = services.BATCH_SIZE
    size = min(batch, connection.ops.bulk_batch_size(fields, [model()] * batch) or batch)
    return math.ceil(rows / batch) * math.ceil(batch / size)


def test_every_row_goes_in_with_its_old_id_and_is_audited(world: World) -> None:
    run = services.import_people(by=world.manager, run=make_run(by=world.manager, rows=good_rows(3), columns=True))
    assert (run.status, run.created_count, run.rows_done) == (ImportRun.Status.DONE, 3, 3)
    person = Person.objects.get(given_name="Given1")
    assert person.family_name == "Family1"
    assert person.date_of_birth is not None and person.date_of_birth.isoformat() == "1951-02-02"
    assert person.nhs_number_status == "02"
    assert LegacyRecord.objects.get(person=person).legacy_id == "DC000001"
    assert AuditEvent.objects.filter(action="create", person_id=person.pk, user=world.manager).exists()


def test_importing_the_same_file_again_adds_no_one(world: World) -> None:
    services.import_people(by=world.manager, run=make_run(by=world.manager, rows=good_rows(3), columns=True))
    again = services.import_people(by=world.manager, run=make_run(by=world.manager, rows=good_rows(4), columns=True))
    assert (again.created_count, again.already_there_count) == (1, 3)
    assert imported() == 4


def test_without_old_ids_people_match_on_nhs_number_names_and_date_of_birth(world: World) -> None:
    columns = {key: value for key, value in COLUMNS.items() if key != "legacy_id"}
    first = make_run(by=world.manager, rows=good_rows(2))
    services.set_columns(by=world.manager, run=first, columns=columns)
    services.import_people(by=world.manager, run=first)
    rows = good_rows(2)
    rows[1][1] = "Someone"  # the same NHS number with another name is another person, never merged
    second = make_run(by=world.manager, rows=rows)
    services.set_columns(by=world.manager, run=second, columns=columns)
    run = services.import_people(by=world.manager, run=second)
    assert (run.created_count, run.already_there_count) == (1, 1)
    assert imported() == 3


def test_a_file_with_problems_imports_nothing_and_keeps_the_problems(world: World, client: Client) -> None:
    rows = good_rows(3)
    rows[2][4] = "999 000 0019"
    run = services.import_people(by=world.manager, run=make_run(by=world.manager, rows=rows, columns=True))
    assert run.status == ImportRun.Status.FAILED
    assert imported() == 0
    assert run.problems[0]["row"] == 4 and run.problems[0]["column"] == "NHS No"


def test_a_file_that_fails_half_way_commits_nothing(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(services, "BATCH_SIZE", 2)
    calls = {"n": 0}
    real = audit_services.record_events_for_people  # what kinds calls, until patched below

    def fail_on_third_batch(**kwargs: Any) -> int:
        calls["n"] += 1
        if calls["n"] == 3:
            raise DatabaseError("disk full")
        return real(**kwargs)

    monkeypatch.setattr(importer_base, "record_events_for_people", fail_on_third_batch)
    run = make_run(by=world.manager, rows=good_rows(6), columns=True)
    with pytest.raises(DatabaseError):
        services.import_people(by=world.manager, run=run)
    assert calls["n"] == 3  # two batches had been written before the failure
    assert imported() == 0
    assert LegacyRecord.objects.count() == 0
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED
    assert "nothing was saved" in run.problems[0]["message"]


def test_a_file_already_imported_cannot_be_run_again(world: World) -> None:
    run = services.import_people(by=world.manager, run=make_run(by=world.manager, columns=True))
    with pytest.raises(services.ImportRefused):
        services.import_people(by=world.manager, run=run)


def test_two_thousand_rows_cost_a_bounded_number_of_queries(world: World, django_assert_max_num_queries: Callable[..., Any]) -> None:
    run = make_run(by=world.manager, rows=good_rows(2000), columns=True)
    # Per batch of 500: old ids and people born on those days (2), then the inserts, which the
    # database may split further (SQLite caps a query's variables), plus the run's own queries.
    from audit.models import AuditEvent as Event

    budget = 4 * 2 + inserts(Person, 2000) + inserts(LegacyRecord, 2000) + inserts(Event, 2000) + 8
    assert budget < 200  # about one query per ten rows on the strictest database
    with django_assert_max_num_queries(budget):
        done = services.import_people(by=world.manager, run=run)
    assert done.created_count == 2000
    assert imported() == 2000
    assert AuditEvent.objects.filter(action="create", person_id__isnull=False).count() == 2000


def test_the_command_imports_a_file_with_a_saved_mapping(world: World, tmp_path: Path) -> None:
    ImportMapping.objects.create(name="Day centre", columns=COLUMNS, created_by=world.manager)
    path = tmp_path / "people.csv"
    path.write_bytes(csv_bytes(good_rows(5)))
    call_command("import_people", str(path), "--mapping", "Day centre", "--source", "Day centre")
    call_command("import_people", str(path), "--mapping", "Day centre", "--source", "Day centre")
    assert imported() == 5


def test_the_command_refuses_a_file_with_problems_and_an_unknown_mapping(world: World, tmp_path: Path) -> None:
    ImportMapping.objects.create(name="Day centre", columns=COLUMNS, created_by=world.manager)
    path = tmp_path / "people.csv"
    path.write_bytes(csv_bytes([["DC1", "", "Lee", "27/03/1990", "", ""]], headings=HEADINGS))
    with pytest.raises(CommandError, match="Nothing imported: 1 problems"):
        call_command("import_people", str(path), "--mapping", "Day centre")
    with pytest.raises(CommandError, match="No saved mapping"):
        call_command("import_people", str(path), "--mapping", "Nope")
    assert imported() == 0
