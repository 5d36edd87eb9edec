"""The day-before reminders: members with a place on a course who asked for reminders, and
volunteers on tomorrow's rota, from one scheduled job (`send_reminders`), each once."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.management import call_command

from community.models import Enrolment
from community.tests.factories import ActivityFactory, SessionFactory
from conftest import World
from notifications import standin
from notifications.models import Message, Status
from notifications.reminders import registered
from notifications.tests.factories import REMINDERS, TEXT, person_who_agreed
from volunteers.tests.factories import RotaSlotFactory, VolunteerFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
# A fixed ordinary Monday morning, so the test never depends on today's date or a clock change.
MONDAY = datetime.datetime(2026, 6, 8, 10, 0, tzinfo=LONDON)
TUESDAY_ELEVEN = datetime.datetime(2026, 6, 9, 11, 0, tzinfo=LONDON)


def test_the_job_is_scheduled_and_runs_every_kind_of_reminder() -> None:
    assert any(job.name == "send_reminders" for job in settings.STAR_SCHEDULE_JOBS)
    assert {"session_reminders", "shift_reminders"} <= set(registered())


def test_members_on_a_course_are_reminded_the_day_before_once(world: World) -> None:
    with time_machine.travel(MONDAY, tick=False):
        course = ActivityFactory.create(is_course=True, name="Art for wellbeing")
        SessionFactory.create(activity=course, starts_at=TUESDAY_ELEVEN)
        SessionFactory.create(activity=course, starts_at=TUESDAY_ELEVEN + datetime.timedelta(days=7))  # next week: not yet
        asked = person_who_agreed(TEXT, REMINDERS, preferred_contact_method="text")
        not_asked = person_who_agreed(TEXT, preferred_contact_method="text")
        waiting = person_who_agreed(TEXT, REMINDERS, preferred_contact_method="text")
        for person, status in ((asked, "enrolled"), (not_asked, "enrolled"), (waiting, "waiting")):
            Enrolment.objects.create(activity=course, person=person, status=status)
        call_command("send_reminders")
        call_command("send_reminders")
    [sent] = standin.sent()
    assert (
        sent.body
        == f"{settings.STAR_SERVICE_NAME}: a reminder that Art for wellbeing is tomorrow, Tuesday 9 June, at 11:00, at {course.venue.name}."
    )
    assert Message.objects.get(person=asked).status == Status.SENDING
    assert Message.objects.get(person=not_asked).status == Status.NOT_SENT
    assert not Message.objects.filter(person=waiting).exists()


def test_a_cancelled_session_sends_no_reminder(world: World) -> None:
    with time_machine.travel(MONDAY, tick=False):
        course = ActivityFactory.create(is_course=True)
        SessionFactory.create(activity=course, starts_at=TUESDAY_ELEVEN, cancelled_at=MONDAY)
        Enrolment.objects.create(activity=course, person=person_who_agreed(TEXT, REMINDERS), status="enrolled")
        call_command("send_reminders")
    assert not Message.objects.exists()


def test_volunteers_shift_reminders_go_through_the_module(world: World) -> None:
    with time_machine.travel(MONDAY, tick=False):
        volunteer = VolunteerFactory.create(email="vol@example.org")
        slot = RotaSlotFactory.create(session=SessionFactory.create(starts_at=TUESDAY_ELEVEN), volunteer=volunteer)
        call_command("send_reminders")
        call_command("send_reminders")
    [email] = mail.outbox
    assert email.to == ["vol@example.org"] and email.subject.startswith("Your volunteering tomorrow")
    message = Message.objects.get(template__code="shift_reminder")
    assert message.reference == f"shift-reminder:{slot.pk}" and message.to == "vol@example.org"


def test_a_volunteer_with_a_record_is_reminded_the_way_they_chose(world: World) -> None:
    with time_machine.travel(MONDAY, tick=False):
        person = person_who_agreed(TEXT, preferred_contact_method="text")
        volunteer = VolunteerFactory.create(person=person)
        RotaSlotFactory.create(session=SessionFactory.create(starts_at=TUESDAY_ELEVEN), volunteer=volunteer)
        call_command("send_reminders")
    [sent] = standin.sent()
    assert sent.type == "sms" and "thank you for volunteering tomorrow" in sent.body
