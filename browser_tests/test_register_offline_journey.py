"""Given a volunteer on the rota for today's drop-in, when they open the register on a phone with a
signal, lose the signal, mark two people and set the headcount, then the page says what is waiting
to send; when the signal comes back the marks are sent once, and a reload or a second sending of
the same mark counts nobody twice."""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, expect
from pytest_django.live_server_helper import LiveServer

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from browser_tests.conftest import assert_accessible
from browser_tests.helpers import sign_in_through_pages
from community.models import Attendance, Session
from community.tests.factories import ActivityFactory, MembershipFactory, ProjectLeadFactory, SessionFactory, SessionRosterFactory
from people.tests.factories import PersonFactory

SHOTS = Path(os.environ.get("STAR_SCREENSHOTS", "test-results/screenshots"))


@pytest.mark.django_db(transaction=True)
def test_volunteer_takes_the_register_without_a_signal_and_it_syncs_once(live_server: LiveServer, browser: Browser) -> None:
    base = live_server.url.replace("127.0.0.1", "localhost")  # a secure context, so service workers run
    lead = UserFactory.create(role=Role.PROJECT_LEAD, username="jo")
    volunteer = UserFactory.create(role=Role.VOLUNTEER, username="chris", first_name="Chris")
    project = ProjectLeadFactory.create(user=lead, project__name="Moseley Peer Network").project
    today = timezone.localdate()
    starts = timezone.make_aware(datetime.datetime.combine(today, datetime.time(0, 5)))
    session = SessionFactory.create(
        activity=ActivityFactory.create(project=project, name="Thursday drop-in"),
        starts_at=starts,
        ends_at=timezone.make_aware(datetime.datetime.combine(today, datetime.time(23, 55))),
    )
    SessionRosterFactory.create(session=session, user=volunteer)
    ada, bob, cy = (PersonFactory.create(given_name=name, family_name="Test") for name in ("Ada", "Bob", "Cy"))
    for person in (ada, bob, cy):
        MembershipFactory.create(project=project, person=person)

    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        sign_in_through_pages(page, base, volunteer)
        page.goto(f"{base}/community/registers/")
        page.get_by_role("link", name="Thursday drop-in").click()
        expect(page.get_by_role("heading", name="Thursday drop-in")).to_be_visible()
        register_url = page.url

        # The service worker installs; the next visit with a signal keeps a copy of the register.
        page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.ready.then(() => true)")
        page.reload()
        page.wait_for_function("navigator.serviceWorker.controller !== null")
        page.reload()
        assert page.evaluate("caches.keys()") and any(name.startswith("star-register-") for name in page.evaluate("caches.keys()"))

        # No signal: the register reopens from the phone.
        context.set_offline(True)
        page.goto(register_url)
        expect(page.get_by_role("heading", name="Thursday drop-in")).to_be_visible()

        page.get_by_role("button", name=re.compile(r"^Mark here\W+Ada$")).click()
        status = page.locator("#offline-status")
        expect(status).to_contain_text("Waiting to send: 1 mark")
        expect(page.get_by_text("Here, waiting to send").first).to_be_visible()
        page.get_by_role("button", name=re.compile(r"^Mark here\W+Bob$")).click()
        page.get_by_label("People who came without giving their name").fill("3")
        page.get_by_role("button", name="Save number").click()
        expect(status).to_contain_text("Waiting to send: 2 marks and the number of people who came without giving their name")
        assert Attendance.objects.filter(session=session).count() == 0
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "register-offline-waiting-375.png"), full_page=True)
        assert_accessible(page, "register-offline-01-waiting")

        # Reopened without a signal, the queue is still there and still shown.
        page.goto(register_url)
        expect(status).to_contain_text("Waiting to send: 2 marks")
        expect(page.get_by_text("Here, waiting to send")).to_have_count(2)

        # The signal comes back: the queue is sent in order, once.
        context.set_offline(False)
        expect(status).to_contain_text("Sent", timeout=15000)
        expect(page.locator(".star-here-count")).to_contain_text("5 here")
        page.screenshot(path=str(SHOTS / "register-offline-sent-375.png"), full_page=True)
        assert_accessible(page, "register-offline-02-sent")
        assert sorted(Attendance.objects.filter(session=session).values_list("person__given_name", flat=True)) == ["Ada", "Bob"]
        assert Session.objects.get(pk=session.pk).headcount == 3

        # A reload, and the same mark sent again (a replay), count nobody twice.
        page.reload()
        expect(page.locator(".star-here-count")).to_contain_text("5 here")
        expect(status).not_to_contain_text("Waiting to send")
        mark_ada = f"{base}/community/registers/{session.pk}/people/{ada.pk}/"
        replayed = page.evaluate(
            """async (url) => {
                const token = document.querySelector('input[name="csrfmiddlewaretoken"]').value;
                const body = new URLSearchParams({csrfmiddlewaretoken: token});
                const r = await fetch(url, {method: "POST", body, headers: {"HX-Request": "true"}});
                return r.status;
            }""",
            mark_ada,
        )
        assert replayed == 200
        assert Attendance.objects.filter(session=session).count() == 2
        assert Attendance.objects.filter(session=session, person=ada).count() == 1
        assert not Attendance.objects.filter(session=session, person=cy).exists()

        # Signing out deletes the register copies and the queue kept on the phone (static files,
        # which name nobody, are fetched and kept again by the sign-in page).
        page.get_by_role("navigation", name="Account").get_by_role("button", name="Sign out").click()
        expect(page.get_by_text("You have signed out")).to_be_visible()
        assert not [name for name in page.evaluate("caches.keys()") if name.startswith("star-register-")]
        assert (
            page.evaluate(
                """() => new Promise((resolve) => {
                const open = indexedDB.open("star-register", 1);
                open.onsuccess = () => {
                    const request = open.result.transaction("queue").objectStore("queue").count();
                    request.onsuccess = () => resolve(request.result);
                };
            })"""
            )
            == 0
        )
    finally:
        context.close()
