"""Given SWEMWBS wording loaded from a (synthetic) licensed file, when a worker sends SWEMWBS to a
member, the member completes it on a 320px phone, and the worker opens the person's outcomes, then
the worker sees the metric score, the change from the first measurement and the chart. Every page
passes axe."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from accounts.roles import Role
from accounts.tests.factories import TEST_PASSWORD, UserFactory
from browser_tests.conftest import assert_accessible
from browser_tests.test_foundation_journey import current_code
from outcomes import services
from outcomes.models import Instrument, Measurement
from people.tests.factories import CaseloadEntryFactory, PersonFactory


def sign_in(page: Page, base: str, username: str, device: TOTPDevice | None = None) -> None:
    page.goto(f"{base}/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    user = User.objects.get(username=username)
    if device is None and user.requires_two_factor:  # every staff role
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
            user=user, name="Phone", confirmed=True
        )
    if device is not None:
        page.get_by_label("Security code").fill(current_code(device))
        page.get_by_role("button", name="Continue").click()


@pytest.mark.django_db(transaction=True)
def test_worker_sends_swemwbs_member_completes_it_on_a_phone_worker_sees_score_change_and_chart(
    live_server: LiveServer, page: Page, phone: Page, tmp_path: Path
) -> None:
    call_command("load_instruments", verbosity=0)
    wording = tmp_path / "swemwbs-wording.json"
    wording.write_text(
        json.dumps({"instrument": "SWEMWBS", "items": [{"link_id": str(n), "text": f"Synthetic test statement {n}"} for n in range(1, 8)]})
    )
    call_command("load_instrument_wording", str(wording), verbosity=0)
    swemwbs = Instrument.objects.get(code="SWEMWBS")

    worker = UserFactory.create(role=Role.STR_WORKER, username="sam", first_name="Sam")
    device = TOTPDevice.objects.create(user=worker, name="Phone", confirmed=True)
    member = UserFactory.create(role=Role.MEMBER, username="alex", first_name="Alex")
    person = PersonFactory.create(given_name="Alex", family_name="Rowe", user=member)
    CaseloadEntryFactory.create(person=person, worker=worker)
    earlier = services.start_measurement(
        by=worker, person=person, instrument=swemwbs, measured_on=timezone.localdate() - datetime.timedelta(days=90)
    )
    services.save_answers(by=worker, measurement=earlier, answers={str(n): 3 for n in range(1, 8)}, finish=True)  # raw 21 → 19.25

    # The worker sends SWEMWBS to Alex.
    sign_in(page, live_server.url, "sam", device)
    page.goto(f"{live_server.url}/people/{person.pk}/")
    page.get_by_role("link", name="Outcome measures, scores and charts").click()
    expect(page.get_by_role("heading", name="Outcome measures", exact=True)).to_be_visible()
    assert_accessible(page, "outcomes-01-person-outcomes")
    page.get_by_role("link", name="Start or send a measure").click()
    assert_accessible(page, "outcomes-02-start")
    page.get_by_label("Short Warwick-Edinburgh Mental Wellbeing Scale (SWEMWBS)").check()
    page.get_by_label("Send it to them to complete in their own pages").check()
    today = timezone.localdate()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("SWEMWBS sent to Alex")).to_be_visible()
    assert_accessible(page, "outcomes-03-sent")

    # Alex completes it on a small phone.
    sign_in(phone, live_server.url, "alex")
    phone.get_by_role("link", name="Your questionnaires").click()
    expect(phone.get_by_role("heading", name="Your questionnaires")).to_be_visible()
    assert_accessible(phone, "outcomes-04-member-list-320px")
    phone.get_by_role("link", name="SWEMWBS").click()
    expect(phone.get_by_text("© NHS Health Scotland")).to_be_visible()
    assert_accessible(phone, "outcomes-05-member-form-320px")
    # Finishing with a question missed names it, and keeps what was chosen.
    for n in range(1, 7):
        phone.get_by_role("group", name=f"{n}. Synthetic test statement {n}").get_by_label("4", exact=True).check()
    phone.get_by_role("button", name="Finish", exact=True).click()
    expect(phone.get_by_role("alert")).to_contain_text("Question 7: choose an answer")
    assert_accessible(phone, "outcomes-06-member-form-error-320px")
    phone.get_by_role("group", name="7. Synthetic test statement 7").get_by_label("4", exact=True).check()
    phone.get_by_role("button", name="Finish", exact=True).click()
    expect(phone.get_by_text("Thank you. You finished SWEMWBS")).to_be_visible()
    assert_accessible(phone, "outcomes-07-member-finished-320px")
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"page scrolls sideways by {overflow}px at 320px"
    completed = Measurement.objects.filter(person=person, status="complete").order_by("-measured_on", "-pk").first()
    assert completed is not None and completed.raw_score == 28 and str(completed.score) == "25.03"

    # The worker sees the score, the change and the chart.
    page.goto(f"{live_server.url}/outcomes/people/{person.pk}/")
    section = page.get_by_role("region", name="Short Warwick-Edinburgh Mental Wellbeing Scale (SWEMWBS)")
    expect(section).to_contain_text("25.03 (raw score 28)")
    expect(section).to_contain_text("+5.78: Meaningful improvement")
    expect(section.get_by_role("img", name="SWEMWBS metric score over time")).to_be_visible()
    expect(section.get_by_role("table")).to_contain_text("19.25")
    assert_accessible(page, "outcomes-08-worker-sees-change")
