"""Referrals, contacts and attendance from the old system: linked to the people already brought
in, with their history, one transaction, no duplicates on a second import, bounded queries."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import DatabaseError
from django.utils import timezone

from audit import services as audit_services
from audit.models import AuditEvent
from community.models import Activity, Attendance, Session
from community.tests.factories import ActivityFactory, ProjectFactory, ScheduleFactory, SessionFactory
from conftest import World
from enablement.models import Contact
from enablement.tests.factories import EpisodeFactory
from interop.legacy import services
from interop.legacy.kinds import base as importer_base
from interop.legacy.models import HistoricalContact, ImportKind, ImportMapping, ImportRun, LegacyKey, LegacyRecord
from interop.tests.legacy_factories import (
    ATTENDANCE_COLUMNS,
    ATTENDANCE_HEADINGS,
    COLUMNS,
    CONTACT_COLUMNS,
    CONTACT_HEADINGS,
    REFERRAL_COLUMNS,
    REFERRAL_HEADINGS,
    good_rows,
    import_people_file,
    make_kind_run,
    make_run,
)
from people.models import Person
from people.timeline import timeline_for
from referrals.models import Referral

ALL_DONE = ImportRun.Status.DONE


def person(index: int) -> Person:
    return Person.objects.get(given_name=f"Given{index}")


def referral_run(world: World, rows: list[list[str]]) -> ImportRun:
    return make_kind_run(by=world.manager, kind=ImportKind.REFERRALS, headings=REFERRAL_HEADINGS, rows=rows, columns=REFERRAL_COLUMNS)


REFERRALS = [
    ["R1", "DC000000", "02/01/2024", "GP", "Awaiting triage", "", "Yes", "Dr Patel"],
    ["R2", "DC000001", "03/01/2024", "Self-referral", "Declined", "10/01/2024", "no", ""],
    ["R3", "DC000002", "04/01/2024", "cmht", "accepted", "11/01/2024", "y", "CMHT North"],
]


def test_referrals_go_in_with_their_status_history_and_only_open_ones_are_awaiting_triage(world: World) -> None:
    import_people_file(by=world.manager)
    run = services.import_file(by=world.manager, run=referral_run(world, REFERRALS))
    assert (run.status, run.created_count) == (ALL_DONE, 3)
    open_one = Referral.objects.get(person=person(0))
    assert (open_one.status, open_one.source, open_one.consent_given, open_one.referrer_name) == ("awaiting_triage", "gp", True, "Dr Patel")
    assert timezone.localtime(open_one.received_at).date() == datetime.date(2024, 1, 2)
    assert [(c.from_status, c.to_status) for c in open_one.status_changes.all()] == [("", "awaiting_triage")]
    declined = Referral.objects.get(person=person(1))
    assert (declined.status, declined.decision, declined.consent_given) == ("declined", "decline", False)
    changes = list(declined.status_changes.all())
    assert [(c.from_status, c.to_status) for c in changes] == [("", "awaiting_triage"), ("awaiting_triage", "declined")]
    assert timezone.localtime(changes[1].changed_at).date() == datetime.date(2024, 1, 10)
    accepted = Referral.objects.get(person=person(2))
    assert (accepted.status, accepted.decision) == ("waiting", "enablement")
    assert Referral.objects.filter(status="awaiting_triage").count() == 1
    assert AuditEvent.objects.filter(person_id=person(1).pk, detail__kind="referrals").exists()


def test_importing_the_same_referrals_again_adds_none(world: World) -> None:
    import_people_file(by=world.manager)
    services.import_file(by=world.manager, run=referral_run(world, REFERRALS[:2]))
    again = services.import_file(by=world.manager, run=referral_run(world, REFERRALS))
    assert (again.created_count, again.already_there_count) == (1, 2)
    assert Referral.objects.count() == 3
    assert LegacyKey.objects.filter(kind="referrals").count() == 3


def test_referrals_that_cannot_go_in_are_listed_and_nothing_is_saved(world: World) -> None:
    import_people_file(by=world.manager)
    rows = [list(row) for row in REFERRALS]
    rows[0][6] = ""  # open, without the person's agreement
    rows[1][1] = "DC999999"  # nobody brought in with this id
    rows[2][3] = "Neighbour"  # not a source STaR knows
    run = services.import_file(by=world.manager, run=referral_run(world, rows))
    assert run.status == ImportRun.Status.FAILED
    found = {(problem["row"], problem["column"]) for problem in run.problems}
    assert found == {(2, "Agreed"), (3, "Client ID"), (4, "Referred by")}
    assert "import the people file first" in next(p["message"] for p in run.problems if p["row"] == 3)
    assert not Referral.objects.exists()


def test_rows_without_an_old_id_link_on_nhs_number_names_and_date_of_birth(world: World) -> None:
    import_people_file(by=world.manager)
    people = good_rows(2)
    headings = ["Ref ID", "Forename", "Surname", "DOB", "NHS No", "Received", "Referred by", "Status", "Agreed"]
    columns = {
        "legacy_id": "Ref ID",
        "given_name": "Forename",
        "family_name": "Surname",
        "date_of_birth": "DOB",
        "nhs_number": "NHS No",
        "received_on": "Received",
        "source": "Referred by",
        "status": "Status",
        "consent": "Agreed",
    }
    rows = [["R1", *people[1][1:5], "02/01/2024", "GP", "Withdrawn", "yes"]]
    rows.append(["R2", "Someone", *people[0][2:5], "02/01/2024", "GP", "Withdrawn", "yes"])  # same NHS number, another name
    run = make_kind_run(by=world.manager, kind=ImportKind.REFERRALS, headings=headings, rows=rows, columns=columns)
    run = services.import_file(by=world.manager, run=run)
    assert run.status == ImportRun.Status.FAILED
    assert [(p["row"], p["column"]) for p in run.problems] == [(3, "Whole row")]
    run = make_kind_run(by=world.manager, kind=ImportKind.REFERRALS, headings=headings, rows=rows[:1], columns=columns)
    assert services.import_file(by=world.manager, run=run).status == ALL_DONE
    assert Referral.objects.get().person == person(1)


def test_a_person_matched_on_nhs_number_and_names_gets_their_old_id_recorded(world: World) -> None:
    without_ids = {key: value for key, value in COLUMNS.items() if key != "legacy_id"}
    first = make_run(by=world.manager, rows=good_rows(2))
    services.set_columns(by=world.manager, run=first, columns=without_ids)
    services.import_file(by=world.manager, run=first)
    assert not LegacyRecord.objects.exists()
    second = services.import_file(by=world.manager, run=make_run(by=world.manager, rows=good_rows(2), columns=True))
    assert (second.created_count, second.already_there_count) == (0, 2)
    assert LegacyRecord.objects.get(legacy_id="DC000001").person == person(1)
    assert AuditEvent.objects.filter(person_id=person(1).pk, action="update", detail__legacy_import=second.pk).exists()
    # ...so a referrals file can now name them by that id
    assert services.import_file(by=world.manager, run=referral_run(world, REFERRALS[1:2])).status == ALL_DONE


def contact_rows(day: datetime.date, *, index: int = 0, legacy: str = "C1") -> list[str]:
    return [legacy, f"DC{index:06d}", day.strftime("%d/%m/%Y"), "14:30", "45", "Phone", "DNA", "Jo Bloggs", "Rang, no answer"]


def test_contacts_join_the_episode_covering_their_date_and_older_ones_are_kept_as_history(world: World) -> None:
    import_people_file(by=world.manager)
    today = timezone.localdate()
    episode = EpisodeFactory.create(person=person(0), worker=world.worker, started_on=today - datetime.timedelta(days=30))
    rows = [contact_rows(today - datetime.timedelta(days=3), legacy="C1"), contact_rows(datetime.date(2020, 5, 1), legacy="C2")]
    run = make_kind_run(by=world.manager, kind=ImportKind.CONTACTS, headings=CONTACT_HEADINGS, rows=rows, columns=CONTACT_COLUMNS)
    assert services.import_file(by=world.manager, run=run).created_count == 2
    contact = Contact.objects.get()
    assert (contact.episode, contact.worker, contact.recorded_by) == (episode, world.worker, world.manager)
    assert (contact.start_time, contact.minutes, contact.mode, contact.outcome) == (datetime.time(14, 30), 45, "phone", "did_not_attend")
    assert "Jo Bloggs" in contact.who_was_there
    old = HistoricalContact.objects.get()
    assert (old.person, old.contact_date, old.worker_name, old.source_system) == (
        person(0),
        datetime.date(2020, 5, 1),
        "Jo Bloggs",
        "Day centre",
    )
    entries = [entry.title for entry in timeline_for(person(0), limit=20)]
    assert any("Day centre" in title for title in entries)
    again = make_kind_run(by=world.manager, kind=ImportKind.CONTACTS, headings=CONTACT_HEADINGS, rows=rows, columns=CONTACT_COLUMNS)
    assert services.import_file(by=world.manager, run=again).already_there_count == 2
    assert (Contact.objects.count(), HistoricalContact.objects.count()) == (1, 1)


def test_contacts_with_bad_times_lengths_and_modes_are_listed(world: World) -> None:
    import_people_file(by=world.manager)
    rows = [contact_rows(datetime.date(2020, 5, 1), legacy=f"C{n}") for n in range(3)]
    rows[0][3] = "25:99"
    rows[1][4] = "an hour"
    rows[2][5] = "Carrier pigeon"
    run = make_kind_run(by=world.manager, kind=ImportKind.CONTACTS, headings=CONTACT_HEADINGS, rows=rows, columns=CONTACT_COLUMNS)
    run = services.import_file(by=world.manager, run=run)
    assert [(p["row"], p["column"]) for p in run.problems] == [(2, "Time"), (3, "Minutes"), (4, "Type")]
    assert not HistoricalContact.objects.exists()


@pytest.fixture
def drop_in(world: World) -> Activity:
    activity = ActivityFactory.create(project=ProjectFactory.create(name="Walk and Talk"), name="Monday walk")
    ScheduleFactory.create(activity=activity, weekday=0, valid_from=datetime.date(2020, 1, 1))
    return activity


def attendance_run(world: World, rows: list[list[str]]) -> ImportRun:
    return make_kind_run(by=world.manager, kind=ImportKind.ATTENDANCES, headings=ATTENDANCE_HEADINGS, rows=rows, columns=ATTENDANCE_COLUMNS)


def test_attendance_joins_the_session_that_day_making_it_from_the_schedule_when_needed(world: World, drop_in: Activity) -> None:
    import_people_file(by=world.manager)
    monday, other_monday = datetime.date(2025, 3, 3), datetime.date(2025, 3, 10)
    zone = timezone.get_current_timezone()
    existing = SessionFactory.create(activity=drop_in, starts_at=datetime.datetime.combine(other_monday, datetime.time(10), tzinfo=zone))
    rows = [
        ["DC000000", "walk and talk", "", monday.strftime("%d/%m/%Y"), ""],
        ["DC000001", "Walk and Talk", "Monday walk", monday.strftime("%d/%m/%Y"), ""],
        ["DC000002", "Walk and Talk", "", other_monday.strftime("%d/%m/%Y"), ""],
    ]
    run = services.import_file(by=world.manager, run=attendance_run(world, rows))
    assert (run.status, run.created_count) == (ALL_DONE, 3)
    made = Session.objects.exclude(pk=existing.pk).get()
    assert timezone.localtime(made.starts_at).time() == datetime.time(10) and timezone.localtime(made.ends_at).time() == datetime.time(12)
    assert set(made.attendances.values_list("person__given_name", flat=True)) == {"Given0", "Given1"}
    assert existing.attendances.get().person == person(2)
    again = services.import_file(by=world.manager, run=attendance_run(world, rows))
    assert (again.created_count, again.already_there_count) == (0, 3)
    assert (Session.objects.count(), Attendance.objects.count()) == (2, 3)


def test_attendance_that_cannot_be_placed_is_listed(world: World, drop_in: Activity) -> None:
    import_people_file(by=world.manager)
    ActivityFactory.create(project=drop_in.project, name="Friday art")  # now the project has two activities
    tuesday = datetime.date(2025, 3, 4)
    rows = [
        ["DC000000", "Knitting circle", "", "03/03/2025", ""],
        ["DC000001", "Walk and Talk", "", "03/03/2025", ""],
        ["DC000002", "Walk and Talk", "Monday walk", tuesday.strftime("%d/%m/%Y"), ""],
        ["DC000002", "Walk and Talk", "Monday walk", tuesday.strftime("%d/%m/%Y"), "18:00"],
    ]
    run = services.import_file(by=world.manager, run=attendance_run(world, rows))
    problems = {(p["row"], p["column"]): p["message"] for p in run.problems}
    assert set(problems) == {(2, "Project"), (3, "Group"), (4, "Time")}
    assert "No project called 'Knitting circle'" in problems[(2, "Project")]
    assert "several activities" in problems[(3, "Group")]
    assert not Session.objects.exists() and not Attendance.objects.exists()


def test_the_same_attendance_twice_in_a_file_is_a_problem(world: World, drop_in: Activity) -> None:
    import_people_file(by=world.manager)
    rows = [["DC000000", "Walk and Talk", "", "03/03/2025", ""]] * 2
    run = services.import_file(by=world.manager, run=attendance_run(world, rows))
    assert [(p["row"], p["message"]) for p in run.problems] == [(3, "Same as row 2: remove the repeated row")]


def test_an_attendance_file_that_fails_half_way_leaves_no_sessions_or_attendance(
    world: World, drop_in: Activity, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_people_file(by=world.manager, count=6)
    monkeypatch.setattr(services, "BATCH_SIZE", 2)
    calls = {"n": 0}
    real = audit_services.record_events_for_people  # what kinds calls, until patched below

    def fail_on_second_batch(**kwargs: Any) -> int:
        calls["n"] += 1
        if calls["n"] == 2:
            raise DatabaseError("disk full")
        return real(**kwargs)

    monkeypatch.setattr(importer_base, "record_events_for_people", fail_on_second_batch)
    rows = [[f"DC{n:06d}", "Walk and Talk", "", f"{n + 1:02d}/03/2025", "10:00"] for n in range(6)]
    run = attendance_run(world, rows)
    with pytest.raises(DatabaseError):
        services.import_file(by=world.manager, run=run)
    assert not Session.objects.exists() and not Attendance.objects.exists()
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED


def test_two_thousand_attendances_cost_a_bounded_number_of_queries(
    world: World, drop_in: Activity, django_assert_max_num_queries: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services, "BATCH_SIZE", 500)
    import_people_file(by=world.manager, count=2000)
    first = datetime.date(2025, 1, 6)
    rows = [
        [f"DC{n:06d}", "Walk and Talk", "", (first + datetime.timedelta(days=7 * (n % 40))).strftime("%d/%m/%Y"), ""] for n in range(2000)
    ]
    run = attendance_run(world, rows)
    # Per batch: old ids, sessions on those days, the new sessions, attendance already there,
    # then inserts of attendance and audit events (SQLite splits these by its variable limit).
    with django_assert_max_num_queries(4 * 4 + 4 * 2 * 8 + 12):
        done = services.import_file(by=world.manager, run=run)
    assert (done.created_count, Session.objects.count()) == (2000, 40)


def test_the_general_command_imports_each_kind_with_its_saved_mapping(world: World, drop_in: Activity, tmp_path: Path) -> None:
    from interop.tests.legacy_factories import csv_bytes

    import_people_file(by=world.manager)
    ImportMapping.objects.create(name="Old", kind=ImportKind.ATTENDANCES, columns=ATTENDANCE_COLUMNS, created_by=world.manager)
    ImportMapping.objects.create(name="Old", kind=ImportKind.PEOPLE, columns=COLUMNS, created_by=world.manager)  # same name, other kind
    path = tmp_path / "attendance.csv"
    path.write_bytes(csv_bytes([["DC000000", "Walk and Talk", "", "03/03/2025", ""]], headings=ATTENDANCE_HEADINGS))
    call_command("import_legacy", "--kind", "attendances", str(path), "--mapping", "Old", "--source", "Day centre")
    call_command("import_legacy", "--kind", "attendances", str(path), "--mapping", "Old", "--source", "Day centre")
    assert Attendance.objects.count() == 1


def test_one_person_named_twice_at_the_same_session_attends_once(world: World, drop_in: Activity) -> None:
    import_people_file(by=world.manager)
    rows = [["DC000000", "Walk and Talk", "", "03/03/2025", ""], ["DC000000", "Walk and Talk", "Monday walk", "03/03/2025", ""]]
    run = services.import_file(by=world.manager, run=attendance_run(world, rows))
    assert (run.status, run.created_count, run.already_there_count) == (ALL_DONE, 1, 1)
    assert Attendance.objects.count() == 1


def test_an_excel_file_of_contacts_with_date_and_time_cells_goes_in(world: World) -> None:
    import io

    from openpyxl import Workbook  # type: ignore[import-untyped]

    import_people_file(by=world.manager)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(CONTACT_HEADINGS)
    excel_date = datetime.datetime(2019, 6, 3)  # noqa: DTZ001 (Excel cells have no time zone)
    sheet.append(["C9", "DC000002", excel_date, datetime.time(9, 15), 50, "Face to face", "Attended", "", "Café"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    run = services.upload_file(
        by=world.manager, file_name="contacts.xlsx", content=buffer.getvalue(), source_system="Day centre", kind="contacts"
    )
    services.set_columns(by=world.manager, run=run, columns=CONTACT_COLUMNS)
    assert services.import_file(by=world.manager, run=run).status == ALL_DONE
    contact = HistoricalContact.objects.get()
    assert (contact.contact_date, contact.start_time, contact.minutes, contact.mode) == (
        datetime.date(2019, 6, 3),
        datetime.time(9, 15),
        50,
        "face_to_face",
    )
