"""Subject access: due dates with extension and stop-the-clock rules; a complete export of every
person-linked record with third-party information flagged; each export audited."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import pytest
import time_machine
from django.db.models import TextField
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import Action, record_event
from conftest import World, sign_in
from people.tests.factories import AlertFactory, ConsentFactory, PersonFactory
from records import services
from records.models import ClockStop, SubjectAccessRequest, add_months
from records.models.subject_access import IllegalChange
from records.person_links import person_links
from records.subject_access import FLAG_KEY, NOT_REVIEWED, export_person
from records.tests.every_model import RowMaker, linked_models
from star.tests.test_gates import person_linked_models

# The tests below that use fixed 2026 dates check them against "today": they run on a fixed day.
AFTER_THE_FIXED_DATES = time_machine.travel(date(2026, 11, 2), tick=False)


@pytest.mark.parametrize(
    ("received", "months", "due"),
    [
        (date(2026, 1, 15), 1, date(2026, 2, 15)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),  # no 31 February: the month's last day
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
        (date(2026, 12, 10), 1, date(2027, 1, 10)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
    ],
)
def test_calendar_months(received: date, months: int, due: date) -> None:
    assert add_months(received, months) == due


@AFTER_THE_FIXED_DATES
def test_due_date_moves_with_an_extension_and_a_stopped_clock(world: World) -> None:
    record = services.log_subject_access_request(
        by=world.admin, person=world.stranger, requested_by="Themselves", received_on=date(2026, 3, 1)
    )
    assert record.due_on(date(2026, 3, 2)) == date(2026, 4, 1)
    ClockStop.objects.create(request=record, started_on=date(2026, 3, 5), ended_on=date(2026, 3, 12), reason="ID")
    assert record.due_on(date(2026, 3, 20)) == date(2026, 4, 8)  # seven days paused
    services.extend(by=world.admin, record=record, months=2, reason="Many years of records", told_on=date(2026, 3, 20))
    assert record.due_on(date(2026, 3, 20)) == date(2026, 6, 8)
    assert record.extension_told_on == date(2026, 3, 20)
    with pytest.raises(IllegalChange, match="already been extended"):
        services.extend(by=world.admin, record=record, months=1, reason="again", told_on=date(2026, 3, 21))


@AFTER_THE_FIXED_DATES
def test_an_open_clock_stop_counts_until_today(world: World) -> None:
    record = services.log_subject_access_request(
        by=world.admin, person=world.stranger, requested_by="Themselves", received_on=date(2026, 1, 31)
    )
    assert record.due_on(date(2026, 2, 1)) == date(2026, 2, 28)  # no 31 February: the month's last day
    ClockStop.objects.create(request=record, started_on=date(2026, 2, 10), reason="Asked what they want")
    assert record.due_on(date(2026, 2, 15)) == date(2026, 3, 5)  # five days paused so far
    assert not record.is_overdue(date(2026, 2, 15))


@AFTER_THE_FIXED_DATES
def test_an_extension_of_one_month_must_be_told_within_the_first_month(world: World) -> None:
    record = services.log_subject_access_request(
        by=world.admin, person=world.stranger, requested_by="Themselves", received_on=date(2026, 5, 31)
    )
    with pytest.raises(IllegalChange, match="too late"):
        services.extend(by=world.admin, record=record, months=1, reason="Complex", told_on=date(2026, 7, 1))
    with pytest.raises(IllegalChange, match="between"):
        services.extend(by=world.admin, record=record, months=1, reason="Complex", told_on=date(2026, 5, 30))
    with pytest.raises(IllegalChange, match="one or two"):
        services.extend(by=world.admin, record=record, months=3, reason="Complex", told_on=date(2026, 6, 1))
    services.extend(by=world.admin, record=record, months=1, reason="Complex", told_on=date(2026, 6, 30))
    assert record.due_on(date(2026, 6, 30)) == date(2026, 7, 31)
    last = record.events.last()
    assert last is not None
    assert "Extended by 1 month" in last.note


def test_overdue_and_due_soon(world: World) -> None:
    today = timezone.localdate()
    overdue = services.log_subject_access_request(
        by=world.admin, person=world.stranger, requested_by="Themselves", received_on=add_months(today, -1) - timedelta(days=1)
    )
    soon = services.log_subject_access_request(
        by=world.admin, person=world.caseload_person, requested_by="Themselves", received_on=add_months(today, -1) + timedelta(days=3)
    )
    later = services.log_subject_access_request(by=world.admin, person=world.member_person, requested_by="Themselves", received_on=today)
    assert overdue.is_overdue(today) and not overdue.is_due_soon(today)
    assert soon.is_due_soon(today) and not soon.is_overdue(today)
    assert not later.is_due_soon(today) and not later.is_overdue(today)


def test_the_manager_and_the_administrator_see_what_is_overdue_and_due_soon(client: Client, world: World) -> None:
    today = timezone.localdate()
    services.log_subject_access_request(by=world.admin, person=world.stranger, requested_by="Themselves", received_on=add_months(today, -2))
    services.log_subject_access_request(
        by=world.admin, person=world.caseload_person, requested_by="Themselves", received_on=add_months(today, -1) + timedelta(days=2)
    )
    sign_in(client, world.manager)
    today_list = client.get(reverse("home")).content.decode()
    for label in ("Subject access requests overdue", "Subject access requests due soon"):
        assert re.search(rf'>1</strong> <a href="[^"]*">{label}</a>', today_list), label
    sign_in(client, world.admin)
    home = client.get(reverse("home")).content.decode()
    assert "1 overdue, 1 due soon" in home
    listing = client.get(reverse("records:request_list")).content.decode()
    assert "Overdue" in listing and "Due soon" in listing


def test_illegal_moves_are_refused(world: World) -> None:
    record = services.log_subject_access_request(
        by=world.admin, person=world.stranger, requested_by="Themselves", received_on=timezone.localdate()
    )
    with pytest.raises(IllegalChange, match="release the copy"):
        services.complete(by=world.admin, record=record)
    services.sync_flags(record=record)
    for item in record.flagged_items.all():
        services.decide(by=world.admin, item=item, decision="disclose")
    services.release(by=world.admin, record=record)
    services.complete(by=world.admin, record=record)
    with pytest.raises(IllegalChange):
        services.stop_the_clock(by=world.admin, record=record, reason="too late")
    first, last = record.events.first(), record.events.last()
    assert first is not None and last is not None
    assert first.status == "received"
    assert last.status == "completed"


def test_every_person_linked_model_is_exported() -> None:
    exported = {link.model.__name__ for link in person_links()}
    derived = {"SearchEntry"}  # the note search's index: copies of texts exported from their own rows
    assert person_linked_models() - derived <= exported


def test_every_row_of_every_person_linked_model_is_in_the_export(world: World) -> None:
    """A row in every model that links to a person (directly or through an episode, referral,
    plan…), found independently of the export's own walk: each one must be in the export."""
    person = PersonFactory.create()
    rows = RowMaker(person, world.manager).every_linked_model()
    assert len(rows) == len(linked_models()) > 40
    export = export_person(person)
    missing = []
    for model, row in rows.items():
        section = export["sections"].get(model._meta.label, {"records": []})
        ids = {str(record.get(str(model._meta.pk.verbose_name))) for record in section["records"]}
        if str(row.pk) not in ids:
            missing.append(model._meta.label)
    assert not missing, f"Missing from the subject access export: {missing}"
    for model, row in rows.items():  # every free-text field is flagged for third-party review
        free_text = [f for f in model._meta.concrete_fields if isinstance(f, TextField) and getattr(row, f.attname)]
        if model._meta.label in NOT_REVIEWED:
            continue
        if free_text:
            record = next(
                r for r in export["sections"][model._meta.label]["records"] if str(r.get(str(model._meta.pk.verbose_name))) == str(row.pk)
            )
            assert {str(f.verbose_name) for f in free_text} <= set(record[FLAG_KEY]), model._meta.label


def test_export_gathers_records_flags_third_parties_and_lists_access(world: World) -> None:
    person = world.caseload_person
    person.emergency_contact_name = "Charles Babbage"
    person.save()
    AlertFactory.create(person=person, summary="Prefers large print")
    ConsentFactory.create(person=person)
    record_event(user=world.worker, action=Action.VIEW, person_id=person.pk)
    export = export_person(person)
    sections = export["sections"]
    assert sections["people.Person"]["records"][0][FLAG_KEY] == ["emergency contact name"]
    assert sections["people.Alert"]["records"][0]["summary"] == "Prefers large print"
    assert sections["people.CaseloadEntry"]["records"]
    assert sections["audit.AuditEvent"]["records"][0]["Who"] == world.worker.first_name
    assert not sections["people.Alert"]["records"][1:]  # nobody else's alerts
    json.dumps(export)  # everything is serialisable


def test_an_admin_logs_a_request_and_exports_it(client: Client, world: World) -> None:
    sign_in(client, world.admin)
    received = timezone.localdate() - timedelta(days=2)
    response = client.post(
        reverse("records:request_new"),
        {
            "requested_by": "Alan himself, by letter",
            "received_on_day": received.day,
            "received_on_month": received.month,
            "received_on_year": received.year,
            "nhs_number": world.stranger.nhs_number,
            "received_how": "letter",
            "identity_checked_how": "Photo ID seen at the office",
        },
    )
    record = SubjectAccessRequest.objects.get()
    assert response["Location"] == reverse("records:request_detail", kwargs={"request_id": record.pk})
    # A second person, a service manager, approves before the record opens (issue 19 item 3).
    assert client.get(reverse("records:request_export", kwargs={"request_id": record.pk}))["Location"] == response["Location"]
    services.approve_subject_access_request(by=world.manager, record=record)
    page = client.get(reverse("records:request_export", kwargs={"request_id": record.pk})).content.decode()
    assert "Everything we hold about Alan Turing" in page
    download = client.get(reverse("records:request_export", kwargs={"request_id": record.pk}), {"format": "json"})
    assert download["Content-Disposition"] == f'attachment; filename="subject-access-{record.pk}-working-copy.json"'
    assert json.loads(download.content)["person"] == str(world.stranger.pk)
    assert AuditEvent.objects.filter(action="export", person_id=world.stranger.pk).count() == 2


def test_a_request_for_someone_we_cannot_identify_is_explained(client: Client, world: World) -> None:
    sign_in(client, world.admin)
    today = timezone.localdate()
    page = client.post(
        reverse("records:request_new"),
        {
            "requested_by": "Someone",
            "received_how": "letter",
            "received_on_day": today.day,
            "received_on_month": today.month,
            "received_on_year": today.year,
            "family_name": "Nobody",
            "date_of_birth_day": "1",
            "date_of_birth_month": "1",
            "date_of_birth_year": "1970",
        },
    ).content.decode()
    assert "No single record matches those details" in page
    assert not SubjectAccessRequest.objects.exists()


def test_clock_stop_and_restart_through_the_pages(client: Client, world: World) -> None:
    record = services.log_subject_access_request(
        by=world.admin, person=world.stranger, requested_by="Themselves", received_on=timezone.localdate()
    )
    sign_in(client, world.admin)
    url = reverse("records:request_action", kwargs={"request_id": record.pk, "action": "stop-clock"})
    client.post(url, {"reason": "Waiting for proof of identity"})
    record.refresh_from_db()
    assert record.status == "clock_stopped"
    client.post(reverse("records:request_action", kwargs={"request_id": record.pk, "action": "restart-clock"}), {"identity_checked": "on"})
    record.refresh_from_db()
    assert record.status == "in_progress" and record.identity_checked_on == timezone.localdate()
    unknown = client.post(reverse("records:request_action", kwargs={"request_id": record.pk, "action": "delete"}))
    assert unknown.status_code == 404


def test_section_titles_are_proper_plurals() -> None:
    """Issue 18: no "Caseload entrys" or "Goal progresss" in any copy."""
    from records.subject_access import section_title

    titles = {section_title(link.model) for link in person_links()}
    assert [title for title in titles if title.endswith(("trys", "sss", "sents", "ings"))] == []
    assert "Caseload entries" in titles and "Goal progress records" in titles
