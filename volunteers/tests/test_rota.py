"""Who can take a rota slot: an in-date DBS check, the training the role needs, no clash, not
stepped back. Taking a slot puts the volunteer on the session's roster for its register."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from community.models import SessionRoster
from community.tests.factories import ActivityFactory, SessionFactory
from conftest import World, sign_in
from notifications.models import Message
from volunteers import hours, rota, services
from volunteers.models import HoursEntry, Stage, TrainingModule, Volunteer
from volunteers.models.volunteer import VolunteerError
from volunteers.tests.factories import DBSCheckFactory, RotaSlotFactory, TrainingCompletionFactory, VolunteerFactory


def trained(volunteer: Volunteer, role: str = "welcome") -> Volunteer:
    for module in TrainingModule.objects.all():
        if role in module.required_for:
            TrainingCompletionFactory.create(volunteer=volunteer, module=module)
    return volunteer


@pytest.fixture
def ready(world: World) -> Volunteer:
    """An active volunteer with an in-date DBS check and the welcome training."""
    volunteer = VolunteerFactory.create(user=world.volunteer)
    DBSCheckFactory.create(volunteer=volunteer)
    return trained(volunteer)


def test_a_ready_volunteer_takes_a_slot_and_goes_on_the_roster(ready: Volunteer, world: World) -> None:
    slot = RotaSlotFactory.create()
    ready.projects.add(slot.session.activity.project)
    client = sign_in(Client(), world.volunteer)
    response = client.post(reverse("volunteers:take_slot", kwargs={"slot_id": slot.pk}))
    assert response.status_code == 302
    slot.refresh_from_db()
    assert slot.volunteer == ready
    assert SessionRoster.objects.filter(session=slot.session, user=world.volunteer).exists()
    # A second tap changes nothing.
    rota.take_slot(slot=slot, volunteer=ready, by=world.volunteer)
    assert SessionRoster.objects.filter(session=slot.session, user=world.volunteer).count() == 1


def test_an_expired_dbs_check_is_refused_with_a_clear_message(world: World) -> None:
    volunteer = trained(VolunteerFactory.create(user=world.volunteer))
    today = timezone.localdate()
    DBSCheckFactory.create(
        volunteer=volunteer, issued_on=today - datetime.timedelta(days=1200), renewal_due_on=today - datetime.timedelta(days=1)
    )
    slot = RotaSlotFactory.create()
    with pytest.raises(VolunteerError, match="DBS check that is in date"):
        rota.take_slot(slot=slot, volunteer=volunteer, by=world.manager)
    slot.refresh_from_db()
    assert slot.volunteer is None


def test_a_slot_without_a_dbs_need_can_be_taken_without_a_check(world: World) -> None:
    volunteer = trained(VolunteerFactory.create(user=world.volunteer))
    slot = RotaSlotFactory.create(needs_dbs=False)
    rota.take_slot(slot=slot, volunteer=volunteer, by=world.manager)
    slot.refresh_from_db()
    assert slot.volunteer == volunteer


def test_missing_training_is_refused(world: World) -> None:
    volunteer = VolunteerFactory.create(user=world.volunteer)
    DBSCheckFactory.create(volunteer=volunteer)
    slot = RotaSlotFactory.create(role="lead")
    with pytest.raises(VolunteerError, match="Emergency first aid"):
        rota.take_slot(slot=slot, volunteer=volunteer, by=world.manager)


def test_a_clashing_slot_is_refused(ready: Volunteer, world: World) -> None:
    first = RotaSlotFactory.create()
    starts = first.session.starts_at + datetime.timedelta(hours=1)
    other = RotaSlotFactory.create(session=SessionFactory.create(starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)))
    rota.take_slot(slot=first, volunteer=ready, by=world.manager)
    with pytest.raises(VolunteerError, match="clashes with another slot"):
        rota.take_slot(slot=other, volunteer=ready, by=world.manager)
    # Back to back is not a clash.
    later = first.session.ends_at
    next_slot = RotaSlotFactory.create(session=SessionFactory.create(starts_at=later, ends_at=later + datetime.timedelta(hours=1)))
    rota.take_slot(slot=next_slot, volunteer=ready, by=world.manager)


def test_a_stepped_back_volunteer_cannot_be_rostered(ready: Volunteer, world: World) -> None:
    services.change_stage(volunteer=ready, to_stage=Stage.STEPPED_BACK, by=world.manager, reason="A break")
    ready.refresh_from_db()
    with pytest.raises(VolunteerError, match="stepped back"):
        rota.take_slot(slot=RotaSlotFactory.create(), volunteer=ready, by=world.manager)


def test_the_volunteer_sees_the_refusal_on_the_rota_page(client: Client, world: World) -> None:
    volunteer = VolunteerFactory.create(user=world.volunteer)
    slot = RotaSlotFactory.create()
    volunteer.projects.add(slot.session.activity.project)
    sign_in(client, world.volunteer)
    response = client.post(reverse("volunteers:take_slot", kwargs={"slot_id": slot.pk}), follow=True)
    assert "DBS check" in response.content.decode()


def test_a_volunteer_cannot_take_a_slot_outside_their_projects(client: Client, ready: Volunteer, world: World) -> None:
    slot = RotaSlotFactory.create()
    sign_in(client, world.volunteer)
    assert client.post(reverse("volunteers:take_slot", kwargs={"slot_id": slot.pk})).status_code == 404


def test_the_lead_fills_a_gap_on_their_project_only(client: Client, ready: Volunteer, world: World) -> None:
    from community.tests.factories import ProjectLeadFactory

    project = ProjectLeadFactory.create(user=world.lead).project
    slot = RotaSlotFactory.create(session=SessionFactory.create(activity=ActivityFactory.create(project=project)))
    ready.projects.add(project)
    sign_in(client, world.lead)
    page = client.get(reverse("volunteers:project_rota", kwargs={"project_id": project.pk}))
    assert ready.name in page.content.decode()
    assert ready.email not in page.content.decode()  # names only
    client.post(reverse("volunteers:fill_slot", kwargs={"slot_id": slot.pk}), {"volunteer": str(ready.pk)})
    slot.refresh_from_db()
    assert slot.volunteer == ready
    elsewhere = RotaSlotFactory.create()
    assert client.post(reverse("volunteers:fill_slot", kwargs={"slot_id": elsewhere.pk}), {"volunteer": str(ready.pk)}).status_code == 404


def test_hours_from_a_session_that_happened_are_logged_once(ready: Volunteer, world: World) -> None:
    starts = timezone.now() - datetime.timedelta(hours=3)
    slot = RotaSlotFactory.create(session=SessionFactory.create(starts_at=starts, ends_at=starts + datetime.timedelta(minutes=150)))
    rota.take_slot(slot=slot, volunteer=ready, by=world.manager)
    slot.refresh_from_db()
    first = hours.log_hours_for_slot(slot=slot, by=world.volunteer)
    again = hours.log_hours_for_slot(slot=slot, by=world.lead)
    assert first.pk == again.pk
    assert HoursEntry.objects.filter(slot=slot).count() == 1
    assert first.minutes == 150


def test_hours_cannot_be_confirmed_before_the_session(ready: Volunteer, world: World) -> None:
    slot = RotaSlotFactory.create()
    rota.take_slot(slot=slot, volunteer=ready, by=world.manager)
    slot.refresh_from_db()
    with pytest.raises(VolunteerError, match="once the session has started"):
        hours.log_hours_for_slot(slot=slot, by=world.volunteer)


def test_shift_reminders_are_sent_once(ready: Volunteer, world: World) -> None:
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    starts = tomorrow.replace(hour=11, minute=0, second=0, microsecond=0)
    slot = RotaSlotFactory.create(session=SessionFactory.create(starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)))
    rota.take_slot(slot=slot, volunteer=ready, by=world.manager)
    RotaSlotFactory.create(
        session=SessionFactory.create(starts_at=starts, ends_at=starts + datetime.timedelta(hours=2))
    )  # unfilled: no email
    from django.core.management import call_command

    call_command("send_shift_reminders")
    call_command("send_shift_reminders")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [ready.email]
    assert "tomorrow" in mail.outbox[0].subject
    assert Message.objects.get(template__code="shift_reminder").to == ready.email  # through notifications


def test_the_volunteers_own_pages_cost_the_same_with_more_slots(
    client: Client, ready: Volunteer, world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    sign_in(client, world.volunteer)
    for _ in range(12):
        slot = RotaSlotFactory.create()
        ready.projects.add(slot.session.activity.project)
    with django_assert_max_num_queries(18):
        assert client.get(reverse("volunteers:mine")).status_code == 200
    with django_assert_max_num_queries(10):
        page = client.get(reverse("volunteers:rota"))
    assert page.content.decode().count("Take this slot") == 12
