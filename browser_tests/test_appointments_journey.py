"""Given a person in a 1-to-1 episode, when their worker books an appointment on a phone, the
member sees it in their portal, and afterwards the worker says what happened, then it becomes a
contact in one step; a missed one is recorded as did-not-attend. Every page passes axe at 375 px."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Browser, ViewportSize, expect
from pytest_django.live_server_helper import LiveServer

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from appointments.models import Appointment
from appointments.tests.factories import AppointmentFactory
from browser_tests.conftest import assert_accessible
from browser_tests.helpers import sign_in_through_pages
from enablement.models import Contact
from enablement.tests.factories import EpisodeFactory
from notifications import standin
from notifications.tests.factories import REMINDERS, TEXT, person_who_agreed
from people.tests.factories import CaseloadEntryFactory

PHONE: ViewportSize = {"width": 375, "height": 740}


@pytest.mark.django_db(transaction=True)
def test_book_see_in_portal_attend_and_miss(live_server: LiveServer, browser: Browser) -> None:
    base = live_server.url
    worker = UserFactory.create(role=Role.STR_WORKER, username="sam", first_name="Sam", last_name="Okafor")
    member_user = UserFactory.create(role=Role.MEMBER, username="grace", first_name="Grace")
    # Grace asked for reminders by text.
    person = person_who_agreed(TEXT, REMINDERS, preferred_contact_method="text", given_name="Grace", family_name="Hopper", user=member_user)
    CaseloadEntryFactory.create(person=person, worker=worker)
    episode = EpisodeFactory.create(person=person, worker=worker, started_on=timezone.localdate() - datetime.timedelta(weeks=3))
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    # The worker books from the episode, on a phone.
    page = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    sign_in_through_pages(page, base, worker)
    page.goto(f"{base}/enablement/episodes/{episode.pk}/")
    page.get_by_role("link", name="Book an appointment").click()
    expect(page.get_by_role("heading", name="Book an appointment with")).to_be_visible()
    group = page.get_by_role("group", name="Date")
    group.get_by_label("Day").fill(str(tomorrow.day))
    group.get_by_label("Month").fill(str(tomorrow.month))
    group.get_by_label("Year").fill(str(tomorrow.year))
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("1 hour", exact=True).check()
    page.get_by_label("Face to face").check()
    page.get_by_label("Where? (optional)").fill("The library café")
    page.get_by_label("A note for the person (optional)").fill("Bring the housing letter")
    assert_accessible(page, "appointments-01-book-375")
    page.get_by_role("button", name="Book the appointment").click()
    expect(page.get_by_text("Appointment booked for 10:00am")).to_be_visible()
    expect(page.get_by_role("link", name="10:00am to 11:00am: Grace Hopper")).to_be_visible()
    assert_accessible(page, "appointments-02-diary-day-375")
    page.get_by_role("link", name="Show the week").click()
    expect(page.get_by_text("Week beginning")).to_be_visible()
    assert_accessible(page, "appointments-03-diary-week-375")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    # The member sees it in their own pages.
    member = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    sign_in_through_pages(member, base, member_user)
    member.goto(f"{base}/my/")
    member.get_by_role("link", name="Your appointments").click()
    expect(member.get_by_text("Bring the housing letter")).to_be_visible()
    expect(member.get_by_role("button", name="Cancel this appointment")).to_be_visible()
    assert_accessible(member, "appointments-04-member-375")

    # The day before, the scheduled reminders run: Grace gets a text, which the stand-in for
    # GOV.UK Notify shows to the manager.
    call_command("send_reminders")
    [text] = [sent for sent in standin.sent() if "appointment with Sam" in sent.body]
    assert "tomorrow" in text.body and "10:00" in text.body
    manager = UserFactory.create(role=Role.MANAGER, username="morgan", first_name="Morgan")
    office = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    sign_in_through_pages(office, base, manager)
    office.goto(f"{base}/dev/notify/")
    expect(office.get_by_text("appointment with Sam tomorrow")).to_be_visible()
    assert_accessible(office, "appointments-04b-reminder-in-the-stand-in-375")

    # Time passes: the appointment is now two hours ago, and the worker says it took place.
    booked = Appointment.objects.get()
    Appointment.objects.filter(pk=booked.pk).update(starts_at=timezone.now() - datetime.timedelta(hours=2))
    page.goto(f"{base}/appointments/{booked.pk}/")
    expect(page.get_by_role("heading", name="What happened?")).to_be_visible()
    page.get_by_label("Took place").check()
    page.get_by_label("What did you do together? (optional)").fill("Read the housing letter together and phoned the council")
    assert_accessible(page, "appointments-05-what-happened-375")
    page.get_by_role("button", name="Save, and record it as a contact").click()
    expect(page.get_by_text("Saved, and recorded as a contact")).to_be_visible()
    contact = Contact.objects.get()
    assert contact.outcome == Contact.Outcome.ATTENDED and contact.minutes == 60

    # A missed one: did not attend, recorded the same way.
    missed = AppointmentFactory.create(episode=episode, starts_at=timezone.now() - datetime.timedelta(hours=1), minutes=30)
    page.goto(f"{base}/appointments/?day={timezone.localdate().isoformat()}")
    page.get_by_role("link", name="Grace Hopper").last.click()
    page.get_by_label("Did not attend").check()
    page.get_by_role("button", name="Save, and record it as a contact").click()
    expect(page.get_by_text("Saved, and recorded as a contact")).to_be_visible()
    missed.refresh_from_db()
    assert missed.status == Appointment.Status.DID_NOT_ATTEND
    assert Contact.objects.filter(outcome=Contact.Outcome.DID_NOT_ATTEND).count() == 1

    # The private calendar link.
    page.goto(f"{base}/appointments/calendar-link/")
    page.get_by_role("button", name="Make a link").click()
    expect(page.get_by_text("We will not show it again")).to_be_visible()
    assert_accessible(page, "appointments-06-calendar-link-375")
