"""Booking an appointment, clashes, what happened (it becomes a contact), cancelling, the diary,
the member's own appointments and the private calendar feed."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from markupsafe import escape
from pytest_django import DjangoAssertNumQueries

from appointments import services
from appointments.models import Appointment
from appointments.tests.factories import AppointmentFactory, tomorrow_at
from audit.models import AuditEvent
from conftest import World, sign_in
from enablement.models import Contact, Episode
from enablement.tests.factories import EpisodeFactory
from people.tests.factories import CaseloadEntryFactory

pytestmark = pytest.mark.django_db


def booking_answers(hour: int = 10, **changes: str) -> dict[str, str]:
    day = timezone.localdate() + datetime.timedelta(days=1)
    return {
        "day_day": str(day.day),
        "day_month": str(day.month),
        "day_year": str(day.year),
        "start_time": f"{hour}:00",
        "minutes": "60",
        "mode": "face_to_face",
        "place": "The library café",
        "note": "Bring your bus pass letter",
        "submission_key": str(uuid.uuid4()),
        **changes,
    }


def _episode(world: World) -> Episode:
    return EpisodeFactory.create(
        person=world.caseload_person, worker=world.worker, started_on=timezone.localdate() - datetime.timedelta(weeks=4)
    )


def test_a_worker_books_an_appointment_and_it_is_audited(world: World) -> None:
    episode = _episode(world)
    client = sign_in(Client(), world.worker)
    response = client.post(reverse("appointments:book", kwargs={"episode_id": episode.pk}), booking_answers())
    assert response.status_code == 302
    appointment = Appointment.objects.get()
    assert appointment.starts_at == tomorrow_at(10) and appointment.minutes == 60 and appointment.person == world.caseload_person
    assert appointment.worker == world.worker and appointment.place == "The library café"
    assert AuditEvent.objects.filter(action="create", person_id=world.caseload_person.pk, object_type__icontains="appointment").exists()


def test_a_clash_is_refused_for_the_worker_and_for_the_person(world: World) -> None:
    episode = _episode(world)
    AppointmentFactory.create(episode=episode, starts_at=tomorrow_at(10), minutes=60)
    client = sign_in(Client(), world.worker)
    url = reverse("appointments:book", kwargs={"episode_id": episode.pk})
    page = client.post(url, booking_answers(hour=10, start_time="10:30")).content.decode()
    assert "already has an appointment from 10:00" in page
    assert Appointment.objects.count() == 1
    # Straight after is fine: 11:00 is when the first one ends.
    assert client.post(url, booking_answers(start_time="11:00")).status_code == 302
    # Another worker cannot book the same person at a time they are already seeing someone.
    with pytest.raises(services.Clash, match=f"{world.caseload_person.given_name} already has an appointment"):
        services.book_appointment(
            by=world.manager, episode=episode, worker=world.other_worker, starts_at=tomorrow_at(11, 30), minutes=30, mode="phone"
        )


def test_a_cancelled_appointment_frees_the_time(world: World) -> None:
    episode = _episode(world)
    first = AppointmentFactory.create(episode=episode, starts_at=tomorrow_at(10))
    services.cancel_appointment(by=world.worker, appointment=first, by_person=False, reason="Worker off sick")
    again = services.book_appointment(by=world.worker, episode=episode, starts_at=tomorrow_at(10), minutes=60, mode="phone")
    assert again.is_booked


def test_an_appointment_in_the_past_is_refused(world: World) -> None:
    episode = _episode(world)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    answers = booking_answers(day_day=str(yesterday.day), day_month=str(yesterday.month), day_year=str(yesterday.year))
    page = sign_in(Client(), world.worker).post(reverse("appointments:book", kwargs={"episode_id": episode.pk}), answers)
    assert "must be in the future" in page.content.decode()
    assert not Appointment.objects.exists()


@pytest.mark.parametrize(
    ("outcome", "contact_outcome", "counted_minutes"),
    [("attended", Contact.Outcome.ATTENDED, 60), ("did_not_attend", Contact.Outcome.DID_NOT_ATTEND, 0)],
)
def test_what_happened_becomes_a_contact_in_one_step(world: World, outcome: str, contact_outcome: str, counted_minutes: int) -> None:
    from enablement.access import minutes_given

    episode = _episode(world)
    appointment = AppointmentFactory.create(episode=episode, starts_at=timezone.now() - datetime.timedelta(hours=2))
    client = sign_in(Client(), world.worker)
    url = reverse("appointments:appointment", kwargs={"appointment_id": appointment.pk})
    assert "What happened?" in client.get(url).content.decode()
    response = client.post(url, {"outcome": outcome, "what_was_done": "Talked about the housing letter"})
    assert response.status_code == 302
    appointment.refresh_from_db()
    contact = Contact.objects.get()
    assert appointment.contact == contact and appointment.status == outcome
    assert contact.outcome == contact_outcome and contact.episode == episode
    assert minutes_given(episode) == counted_minutes
    # Sent again, it is refused, not a second contact.
    client.post(url, {"outcome": outcome})
    assert Contact.objects.count() == 1


def test_an_appointment_still_to_come_cannot_be_closed(world: World) -> None:
    appointment = AppointmentFactory.create(episode=_episode(world))
    with pytest.raises(services.AppointmentError, match="not started yet"):
        services.record_outcome(by=world.worker, appointment=appointment, outcome="did_not_attend")


def test_the_diary_shows_the_workers_own_day_and_week(world: World, django_assert_max_num_queries: DjangoAssertNumQueries) -> None:
    mine = AppointmentFactory.create(episode=_episode(world), starts_at=tomorrow_at(9))
    theirs = AppointmentFactory.create(episode=EpisodeFactory.create(worker=world.other_worker), starts_at=tomorrow_at(9))
    client = sign_in(Client(), world.worker)
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    page = client.get(reverse("appointments:diary"), {"day": tomorrow}).content.decode()
    assert escape(mine.person.full_name) in page and escape(theirs.person.full_name) not in page
    for hour in range(7, 22):
        episode = EpisodeFactory.create(worker=world.worker)
        CaseloadEntryFactory.create(person=episode.person, worker=world.worker)
        AppointmentFactory.create(episode=episode, starts_at=tomorrow_at(hour, 30), minutes=30)
    with django_assert_max_num_queries(14):
        week = client.get(reverse("appointments:diary"), {"day": tomorrow, "view": "week"})
    assert week.status_code == 200 and "Week beginning" in week.content.decode()
    assert week.content.decode().count("star-diary__item") == 16


def test_the_manager_sees_the_team_diary(world: World) -> None:
    mine = AppointmentFactory.create(episode=_episode(world), starts_at=tomorrow_at(9))
    theirs = AppointmentFactory.create(episode=EpisodeFactory.create(worker=world.other_worker), starts_at=tomorrow_at(9))
    client = sign_in(Client(), world.manager)
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    page = client.get(reverse("appointments:diary"), {"day": tomorrow}).content.decode()
    assert "Team diary" in page and escape(mine.person.full_name) in page and escape(theirs.person.full_name) in page
    one = client.get(reverse("appointments:diary"), {"day": tomorrow, "worker": str(world.other_worker.pk)}).content.decode()
    assert escape(theirs.person.full_name) in one and escape(mine.person.full_name) not in one


def test_a_member_sees_and_cancels_their_own_appointment(world: World) -> None:
    episode = EpisodeFactory.create(person=world.member_person, worker=world.worker)
    appointment = AppointmentFactory.create(episode=episode, starts_at=tomorrow_at(14), note="Bring your bus pass letter")
    client = sign_in(Client(), world.member)
    page = client.get(reverse("portal:appointments")).content.decode()
    assert "Bring your bus pass letter" in page and escape(world.worker.display_name) in page
    response = client.post(
        reverse("portal:cancel_appointment", kwargs={"appointment_id": appointment.pk}), {"reason": "Hospital appointment"}
    )
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.CANCELLED_BY_PERSON and appointment.cancellation_reason == "Hospital appointment"
    # Someone else's appointment is not theirs to cancel.
    other = AppointmentFactory.create(starts_at=tomorrow_at(16))
    assert client.post(reverse("portal:cancel_appointment", kwargs={"appointment_id": other.pk})).status_code == 404
    assert Appointment.objects.get(pk=other.pk).is_booked


def test_the_private_calendar_feed_has_no_names_and_can_be_stopped(world: World) -> None:
    appointment = AppointmentFactory.create(episode=_episode(world), starts_at=tomorrow_at(9))
    client = sign_in(Client(), world.worker)
    page = client.post(reverse("appointments:diary_link"), {"action": "make"}).content.decode()
    path = page.split("/appointments/feed/")[1].split(".ics")[0]
    feed = Client().get(f"/appointments/feed/{path}.ics")
    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    body = feed.content.decode()
    person = appointment.person
    assert f"1-to-1: {person.given_name[0]}{person.family_name[0]} (ref {appointment.pk})" in body
    assert person.given_name not in body.replace(f"{person.given_name[0]}{person.family_name[0]}", "")
    assert person.family_name not in body
    client.post(reverse("appointments:diary_link"), {"action": "stop"})
    assert Client().get(f"/appointments/feed/{path}.ics").status_code == 404


def test_appointments_show_on_the_persons_timeline_and_the_members(world: World) -> None:
    from people.timeline import timeline_for

    AppointmentFactory.create(episode=EpisodeFactory.create(person=world.member_person, worker=world.worker), starts_at=tomorrow_at(14))
    for member_view in (False, True):
        entries = timeline_for(world.member_person, for_member=member_view)
        assert any(entry.kind == "appointments" and "booked" in entry.title for entry in entries)


def test_a_reminder_goes_the_day_before_once_to_those_who_asked(world: World) -> None:
    from zoneinfo import ZoneInfo

    import time_machine
    from django.core.management import call_command

    from notifications import standin
    from notifications.models import Message, Status
    from notifications.tests.factories import REMINDERS, TEXT, person_who_agreed

    london = ZoneInfo("Europe/London")
    monday = datetime.datetime(2026, 6, 8, 10, 0, tzinfo=london)
    with time_machine.travel(monday, tick=False):
        asked = person_who_agreed(TEXT, REMINDERS, preferred_contact_method="text")
        not_asked = person_who_agreed(TEXT, preferred_contact_method="text")
        tuesday = datetime.datetime(2026, 6, 9, 14, 30, tzinfo=london)
        reminded = AppointmentFactory.create(
            episode=EpisodeFactory.create(person=asked, worker=world.worker), starts_at=tuesday, place="The library café"
        )
        AppointmentFactory.create(episode=EpisodeFactory.create(person=not_asked, worker=world.other_worker), starts_at=tuesday)
        later = EpisodeFactory.create(worker=world.worker)
        AppointmentFactory.create(episode=later, starts_at=tuesday + datetime.timedelta(days=2))  # not tomorrow: not yet
        call_command("send_reminders")
        call_command("send_reminders")
    [sent] = standin.sent()
    assert f"your appointment with {world.worker.first_name} tomorrow, Tuesday 9 June, at 14:30" in sent.body
    assert "Face to face at The library café" in sent.body
    assert Message.objects.get(person=asked).status == Status.SENDING
    assert Message.objects.get(person=not_asked).status == Status.NOT_SENT
    reminded.refresh_from_db()
    assert reminded.reminded_at is not None


def test_the_workers_today_lists_todays_appointments_and_those_to_close(
    world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    episode = _episode(world)
    noon = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(12, 0)))
    AppointmentFactory.create(episode=episode, starts_at=noon)
    AppointmentFactory.create(episode=episode, starts_at=timezone.now() - datetime.timedelta(days=2))  # still open: say what happened
    client = sign_in(Client(), world.worker)
    with CaptureQueriesContext(connection) as few:
        page = client.get("/").content.decode()
    assert "Appointments today" in page and escape(world.caseload_person.full_name) in page
    assert "Appointments to close: say what happened" in page
    for hour in range(8, 20):
        other = EpisodeFactory.create(worker=world.worker)
        CaseloadEntryFactory.create(person=other.person, worker=world.worker)
        AppointmentFactory.create(
            episode=other, starts_at=timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(hour, 5)))
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/")


def test_a_member_sees_their_next_appointment_on_their_home_page(world: World) -> None:
    AppointmentFactory.create(episode=EpisodeFactory.create(person=world.member_person, worker=world.worker), starts_at=tomorrow_at(15))
    page = sign_in(Client(), world.member).get("/").content.decode()
    assert f"Appointment with {escape(world.worker.first_name)}" in page and "Your appointments, or cancel one" in page
