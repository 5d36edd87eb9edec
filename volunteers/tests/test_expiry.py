"""A check running out is recorded once, as a history row with an audit event, and shown to the
manager; a newer check, a module the role does not need, or an early stage records nothing."""

from __future__ import annotations

import datetime

from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.models import AuditEvent
from conftest import World, sign_in
from volunteers.expiry import record_expired_checks
from volunteers.models import CheckExpiry, CheckKind, Stage, TrainingModule
from volunteers.tests.factories import DBSCheckFactory, TrainingCompletionFactory, VolunteerFactory

TODAY = datetime.date(2026, 6, 1)


def test_an_expired_dbs_check_is_recorded_once_with_an_audit_event(world: World) -> None:
    volunteer = VolunteerFactory.create(person=world.caseload_person)
    check = DBSCheckFactory.create(volunteer=volunteer, issued_on=datetime.date(2023, 1, 1), renewal_due_on=datetime.date(2026, 5, 31))
    assert record_expired_checks(today=TODAY) == 1
    assert record_expired_checks(today=TODAY) == 0
    expiry = CheckExpiry.objects.get()
    assert (expiry.kind, expiry.dbs_check, expiry.expired_on) == (CheckKind.DBS, check, check.renewal_due_on)
    event = AuditEvent.objects.get(detail__check_expired="dbs")
    assert event.person_id == world.caseload_person.pk


def test_a_check_due_today_has_not_run_out(db: None) -> None:
    DBSCheckFactory.create(volunteer=VolunteerFactory.create(), issued_on=datetime.date(2023, 1, 1), renewal_due_on=TODAY)
    assert record_expired_checks(today=TODAY) == 0


def test_an_old_check_replaced_by_a_newer_one_is_not_recorded(db: None) -> None:
    volunteer = VolunteerFactory.create()
    DBSCheckFactory.create(volunteer=volunteer, issued_on=datetime.date(2020, 1, 1), renewal_due_on=datetime.date(2023, 1, 1))
    DBSCheckFactory.create(volunteer=volunteer, issued_on=datetime.date(2023, 1, 1), renewal_due_on=datetime.date(2027, 1, 1))
    assert record_expired_checks(today=TODAY) == 0


def test_offers_and_leavers_have_nothing_to_run_out(db: None) -> None:
    for stage in (Stage.EXPRESSED_INTEREST, Stage.LEFT):
        DBSCheckFactory.create(
            volunteer=VolunteerFactory.create(stage=stage), issued_on=datetime.date(2020, 1, 1), renewal_due_on=datetime.date(2023, 1, 1)
        )
    assert record_expired_checks(today=TODAY) == 0


def test_required_training_that_ran_out_is_recorded_but_not_training_the_role_does_not_need(db: None) -> None:
    volunteer = VolunteerFactory.create(roles_of_interest=["welcome"])
    safeguarding = TrainingModule.objects.get(code="safeguarding")
    first_aid = TrainingModule.objects.get(code="first-aid")  # only leads need it
    needed = TrainingCompletionFactory.create(
        volunteer=volunteer, module=safeguarding, completed_on=datetime.date(2023, 1, 1), expires_on=datetime.date(2026, 1, 1)
    )
    TrainingCompletionFactory.create(
        volunteer=volunteer, module=first_aid, completed_on=datetime.date(2023, 1, 1), expires_on=datetime.date(2026, 1, 1)
    )
    assert record_expired_checks(today=TODAY) == 1
    expiry = CheckExpiry.objects.get()
    assert (expiry.kind, expiry.completion) == (CheckKind.TRAINING, needed)
    # Done again since: the old completion is history, nothing new to record.
    TrainingCompletionFactory.create(
        volunteer=volunteer, module=safeguarding, completed_on=datetime.date(2026, 2, 1), expires_on=datetime.date(2029, 2, 1)
    )
    assert record_expired_checks(today=TODAY) == 0


def test_the_command_is_safe_to_run_twice(db: None) -> None:
    DBSCheckFactory.create(
        volunteer=VolunteerFactory.create(),
        issued_on=timezone.localdate() - datetime.timedelta(days=1200),
        renewal_due_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    call_command("record_expired_checks")
    call_command("record_expired_checks")
    assert CheckExpiry.objects.count() == 1


def test_the_manager_sees_checks_that_ran_out(client: Client, world: World) -> None:
    volunteer = VolunteerFactory.create()
    DBSCheckFactory.create(volunteer=volunteer, issued_on=datetime.date(2020, 1, 1), renewal_due_on=datetime.date(2023, 3, 3))
    record_expired_checks(today=TODAY)
    sign_in(client, world.manager)
    page = client.get(reverse("volunteers:detail", kwargs={"volunteer_id": volunteer.pk})).content.decode()
    assert "Checks that ran out" in page
    assert "Enhanced DBS check ran out on 03 March 2023" in page


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(due_offsets=st.lists(st.integers(min_value=-400, max_value=400), min_size=1, max_size=4), runs=st.integers(min_value=1, max_value=3))
def test_at_most_one_row_per_volunteer_and_only_if_the_latest_check_ran_out(db: None, due_offsets: list[int], runs: int) -> None:
    # Each example has its own new volunteer, so rows from earlier examples do not matter.
    volunteer = VolunteerFactory.create()
    for offset in due_offsets:
        DBSCheckFactory.create(
            volunteer=volunteer, issued_on=datetime.date(2020, 1, 1), renewal_due_on=TODAY + datetime.timedelta(days=offset)
        )
    for _ in range(runs):
        record_expired_checks(today=TODAY)
    expected = 1 if max(due_offsets) < 0 else 0
    assert CheckExpiry.objects.filter(volunteer=volunteer).count() == expected
