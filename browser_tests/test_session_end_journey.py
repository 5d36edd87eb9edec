"""Given a worker writing a contact note, when the idle limit comes near they are warned in an
accessible dialog and can stay signed in (WCAG 2.2.1); when the limit passes before they send the
form, they sign in again and return to the form with what they typed filled in (issue 14)."""

from __future__ import annotations

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect
from pytest_django import Settings
from pytest_django.live_server_helper import LiveServer

from accounts.models import KeptForm
from accounts.roles import Role
from accounts.tests.factories import TEST_PASSWORD, UserFactory
from browser_tests.conftest import assert_accessible
from browser_tests.helpers import current_code
from enablement.models import Contact
from enablement.tests.factories import EpisodeFactory
from people.tests.factories import CaseloadEntryFactory, PersonFactory

NOTE = "Walked to the allotments; Grace wants to join the Tuesday group"


def _sign_in_on_this_page(page: Page, username: str, device: TOTPDevice) -> None:
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Security code").fill(current_code(device))
    page.get_by_role("button", name="Continue").click()


@pytest.mark.django_db(transaction=True)
def test_warned_before_the_idle_limit_and_nothing_lost_after_it(live_server: LiveServer, page: Page, settings: Settings) -> None:
    # A one-minute idle limit, warned 45 seconds before: the dialog opens about 15 seconds in,
    # long enough after the page loads to type into the form first on a slow, busy machine.
    settings.SESSION_IDLE_MINUTES = 1
    settings.STAR_SESSION_WARNING_SECONDS = 45
    worker = UserFactory.create(role=Role.STR_WORKER, username="sam", first_name="Sam")
    device = TOTPDevice.objects.create(user=worker, name="Phone", confirmed=True)
    person = PersonFactory.create(given_name="Grace", family_name="Hopper")
    CaseloadEntryFactory.create(person=person, worker=worker)
    episode = EpisodeFactory.create(person=person, worker=worker)
    form_url = f"{live_server.url}/enablement/episodes/{episode.pk}/contacts/new/"

    page.goto(form_url)
    _sign_in_on_this_page(page, "sam", device)
    expect(page.get_by_role("heading", name="Record a contact")).to_be_visible()
    page.wait_for_load_state("load")
    page.get_by_label("What did you do together?").fill(NOTE)

    # When the idle limit comes near: a modal dialog says so, and "Stay signed in" keeps them in.
    dialog = page.get_by_role("dialog", name="You will be signed out soon")
    expect(page.get_by_label("What did you do together?")).to_have_value(NOTE)
    expect(dialog).to_be_visible(timeout=30_000)
    expect(dialog).to_contain_text("you will be signed out in 1 minute")
    assert_accessible(page, "session-01-idle-warning")
    dialog.get_by_role("button", name="Stay signed in").click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_label("What did you do together?")).to_have_value(NOTE)

    # When the limit passes before the form is sent (an idle limit of 0 ends it at once):
    settings.SESSION_IDLE_MINUTES = 0
    day = timezone.localdate()
    group = page.get_by_role("group", name="Date of the contact")
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))
    page.get_by_label("Start time").fill("00:00")
    page.get_by_label("Community outing").check()
    page.get_by_role("button", name="Save the contact").click()
    expect(page.get_by_text("What you typed has been kept")).to_be_visible()
    assert_accessible(page, "session-02-signed-out-kept")
    assert not Contact.objects.exists() and KeptForm.objects.count() == 1

    # Then after signing in again they are back at the form with what they typed.
    settings.SESSION_IDLE_MINUTES = 30
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)  # the same code again, within its 30 seconds
    _sign_in_on_this_page(page, "sam", device)
    expect(page.get_by_text("We kept what you typed")).to_be_visible()
    expect(page.get_by_label("What did you do together?")).to_have_value(NOTE)
    expect(page.get_by_label("Community outing")).to_be_checked()
    assert_accessible(page, "session-03-form-restored")
    assert not KeptForm.objects.exists()
    page.get_by_role("button", name="Save the contact").click()
    expect(page.get_by_text("Contact recorded")).to_be_visible()
    assert Contact.objects.get().what_was_done == NOTE
