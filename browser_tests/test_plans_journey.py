"""Given a worker with a person on their caseload, when they write the person's one-page profile,
add a goal and its progress, change the WRAP, look at the version history and the printable copy,
record a high risk and raise a safeguarding concern, then every step works and every page passes axe."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.roles import Role
from accounts.tests.factories import TEST_PASSWORD, UserFactory
from browser_tests.conftest import assert_accessible
from people.tests.factories import CaseloadEntryFactory, PersonFactory
from plans.models import GoalProgress, PlanVersion
from safeguarding.models import SafeguardingConcern


def _sign_in(page: Page, base: str, device: TOTPDevice) -> None:
    page.goto(f"{base}/sign-in/")
    page.get_by_label("Username").fill("sam")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Security code").fill(f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Hello, Sam")).to_be_visible()


def _fill_date(page: Page, legend: str, value: datetime.date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(value.day))
    group.get_by_label("Month").fill(str(value.month))
    group.get_by_label("Year").fill(str(value.year))


@pytest.mark.django_db(transaction=True)
def test_worker_writes_plans_with_a_person_then_records_risk_and_a_concern(live_server: LiveServer, page: Page) -> None:
    worker = UserFactory.create(role=Role.STR_WORKER, username="sam", first_name="Sam")
    UserFactory.create(role=Role.MANAGER, username="morgan", email="morgan@example.org")
    device = TOTPDevice.objects.create(user=worker, name="Phone", confirmed=True)
    person = PersonFactory.create(given_name="Ada", family_name="Lovelace")
    CaseloadEntryFactory.create(person=person, worker=worker)
    today = timezone.localdate()
    _sign_in(page, live_server.url, device)

    # Open the person and go to their plans.
    page.goto(f"{live_server.url}/people/{person.pk}/")
    assert_accessible(page, "plans-01-person")
    page.get_by_role("link", name="Plans: profile, PATH, goals, WRAP and crisis plan").click()
    expect(page.get_by_role("heading", name="Plans", exact=True)).to_be_visible()
    assert_accessible(page, "plans-02-overview")

    # Write the one-page profile together.
    page.get_by_role("link", name=re.compile(r"Start it\s*: one-page profile")).click()
    assert_accessible(page, "plans-03-profile-form")
    page.get_by_label("What people like and admire about me").fill("Always makes people laugh")
    page.get_by_label("What is important to me").fill("My cat, Pepper\nSunday dinner with my sister")
    page.get_by_label("How best to support me").fill("Text before you call")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("One-page profile saved")).to_be_visible()
    expect(page.get_by_text("Sunday dinner with my sister")).to_be_visible()
    assert_accessible(page, "plans-04-profile")

    # Add a goal, then record progress in the person's own words.
    page.get_by_role("link", name="All plans for Ada Lovelace").click()
    page.get_by_role("link", name="Add a goal").click()
    assert_accessible(page, "plans-05-goal-form")
    page.get_by_label("Goal", exact=True).fill("Go to the Tuesday walking group")
    page.get_by_label("Steps").fill("Find the bus\nGo once with Sam")
    page.get_by_role("group", name="Who owns this goal").get_by_label("The person").check()
    _fill_date(page, "Target date", today + datetime.timedelta(days=60))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Go to the Tuesday walking group")).to_be_visible()
    assert_accessible(page, "plans-06-goal")
    page.get_by_role("link", name="Record progress").click()
    assert_accessible(page, "plans-07-progress-form")
    _fill_date(page, "Date", today)
    page.get_by_label("How close to the goal").select_option("6")
    page.get_by_label("What has happened").fill("I got the bus on my own")
    page.get_by_label("This note is in the person's own words").check()
    page.get_by_role("button", name="Save progress").click()
    expect(page.get_by_text("Progress recorded")).to_be_visible()
    expect(page.get_by_text("In their own words")).to_be_visible()
    assert_accessible(page, "plans-08-goal-with-progress")
    assert GoalProgress.objects.get().in_persons_words

    # Write the WRAP, then change it: a second version.
    page.get_by_role("link", name="All plans for Ada Lovelace").click()
    page.get_by_role("link", name=re.compile(r"Start it\s*: Wellness Recovery Action Plan")).click()
    assert_accessible(page, "plans-09-wrap-form")
    page.get_by_label("Things that help me stay well").fill("Music and walking by the canal")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Change", exact=True).click()
    expect(page.get_by_label("Things that help me stay well")).to_have_value("Music and walking by the canal")
    assert_accessible(page, "plans-10-wrap-change")
    page.get_by_label("Things that can upset me").fill("Letters about money")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("saved as version 2")).to_be_visible()
    assert_accessible(page, "plans-11-wrap")

    # The version history shows who changed what, and the difference field by field.
    page.get_by_role("link", name="Version history").click()
    expect(page.get_by_role("cell", name="Things that can upset me")).to_be_visible()
    assert_accessible(page, "plans-12-versions")
    page.get_by_role("link", name="See version 2 compared with version 1").click()
    expect(page.get_by_text("Changed", exact=True)).to_have_count(1)
    assert_accessible(page, "plans-13-compare")
    assert PlanVersion.objects.filter(document__kind="wrap").count() == 2

    # The printable copy for the person to keep.
    page.get_by_role("link", name="Back to the version history").click()
    page.get_by_role("link", name="Back to the current version").click()
    page.get_by_role("link", name="Printable copy for Ada to keep").click()
    expect(page.get_by_text("This plan belongs to Ada Lovelace.")).to_be_visible()
    expect(page.get_by_role("navigation")).to_have_count(0)
    assert_accessible(page, "plans-14-print")

    # Record a high risk: an alert appears in the person's header.
    page.goto(f"{live_server.url}/people/{person.pk}/")
    page.get_by_role("link", name="Risk assessments and safeguarding").click()
    assert_accessible(page, "plans-15-risk-and-safeguarding")
    page.get_by_role("link", name="Record a risk assessment").click()
    assert_accessible(page, "plans-16-risk-form")
    page.get_by_role("group", name="Level of risk to self").get_by_label("High").check()
    page.get_by_label("Notes: risk to self").fill("Has said they sometimes think about ending their life")
    for area in ("risk from others", "risk to others", "self-neglect"):
        page.get_by_role("group", name=f"Level of {area}").get_by_label("Low").check()
    page.get_by_label("Risk management plan").fill("Check in at each contact; crisis plan shared with the home treatment team")
    _fill_date(page, "Review date", today + datetime.timedelta(days=28))
    page.get_by_role("button", name="Save risk assessment").click()
    expect(page.get_by_text("Risk assessment saved and a risk alert added")).to_be_visible()
    expect(page.locator(".star-person-header").get_by_text("Risk: High risk: risk to self")).to_be_visible()
    assert_accessible(page, "plans-17-risk-saved")

    # Raise a safeguarding concern: the manager is told by email.
    page.get_by_role("link", name="Back to risk and safeguarding").click()
    page.get_by_role("link", name="Raise a safeguarding concern").click()
    assert_accessible(page, "plans-18-concern-form")
    page.get_by_role("group", name="What kind of abuse or neglect is it?").get_by_label("Financial or material abuse").check()
    page.get_by_label("What happened").fill("A lodger takes their bank card every Friday")
    page.get_by_label("What action has been taken").fill("Helped them ring the bank to cancel the card")
    page.get_by_role("group", name="Has this been referred to the local authority?").get_by_label("No").check()
    page.get_by_role("button", name="Raise concern").click()
    expect(page.get_by_text("The service managers have been told")).to_be_visible()
    assert_accessible(page, "plans-19-concern")
    assert SafeguardingConcern.objects.get().status == "open"
    assert [message.to for message in mail.outbox] == [["morgan@example.org"]]
