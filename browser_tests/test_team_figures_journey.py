"""Given a service with two teams, when the manager opens the outcome and volunteering figures on a
375-pixel phone and chooses the community team, then they see only that team's figures (docs/teams.md)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import Service, Team
from accounts.roles import Role
from accounts.tests.factories import UserFactory
from browser_tests.conftest import assert_accessible
from browser_tests.helpers import sign_in_through_pages
from community.tests.factories import ProjectFactory
from enablement.tests.factories import EpisodeFactory
from outcomes.loading import load_shipped_instruments
from outcomes.tests.factories import MeasurementFactory
from people.tests.factories import PersonFactory
from volunteers.models import HoursEntry
from volunteers.tests.factories import VolunteerFactory


@pytest.fixture
def phone_375(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.django_db(transaction=True)
def test_a_manager_narrows_outcomes_and_volunteering_to_a_team(live_server: LiveServer, phone_375: Page) -> None:
    phone = phone_375
    swemwbs = next(i for i in load_shipped_instruments() if i.code == "SWEMWBS")
    leeds = Service.objects.create(name="Leeds STR service")
    one_to_one = Team.objects.create(service=leeds, name="1-to-1 team")
    community = Team.objects.create(service=leeds, name="Community team")
    manager = UserFactory.create(role=Role.MANAGER, username="morgan", first_name="Morgan", service=leeds)
    today = timezone.localdate()
    for team, count, change in ((one_to_one, 6, 4), (community, 5, -3)):
        worker = UserFactory.create(role=Role.STR_WORKER, service=leeds, team=team)
        for _ in range(count):
            person = PersonFactory.create(service=leeds)
            EpisodeFactory.create(person=person, worker=worker, started_on=today - timedelta(days=90))
            for days, score in ((60, 20), (10, 20 + change)):
                MeasurementFactory.create(
                    person=person,
                    instrument=swemwbs,
                    status="complete",
                    measured_on=today - timedelta(days=days),
                    score=Decimal(score),
                    raw_score=None,
                    created_by=worker,
                )
    for team, name, volunteers in ((one_to_one, "Tuesday drop-in", 3), (community, "Walking group", 2)):
        project = ProjectFactory.create(name=name, team=team)
        for _ in range(volunteers):
            HoursEntry.objects.create(volunteer=VolunteerFactory.create(service=leeds), project=project, worked_on=today, minutes=120)

    # The manager opens the outcome figures: the whole service's 11 people.
    sign_in_through_pages(phone, live_server.url, manager)
    phone.goto(f"{live_server.url}/outcomes/cohorts/")
    expect(phone.get_by_role("cell", name="Everyone")).to_be_visible()
    expect(phone.get_by_role("row").filter(has_text="Everyone").get_by_role("cell").nth(1)).to_have_text("11")
    assert_accessible(phone, "team-figures-01-outcomes-service")

    # They choose the community team: its 5 people, whose scores fell.
    phone.get_by_label("Team").select_option(label="Community team")
    phone.get_by_role("button", name="Show figures").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Outcomes: change from first to last measurement, Community team")
    expect(phone.get_by_role("row").filter(has_text="Everyone").get_by_role("cell").nth(1)).to_have_text("5")
    expect(phone.get_by_role("row").filter(has_text="Everyone").get_by_role("cell").nth(2)).to_contain_text("−3.00")
    assert_accessible(phone, "team-figures-02-outcomes-community")

    # The volunteering figures, narrowed the same way: the walking group's 4 hours, not the drop-in's.
    phone.goto(f"{live_server.url}/volunteers/report/")
    expect(phone.get_by_text("10h 00m in total")).to_be_visible()
    phone.get_by_label("Team").select_option(label="Community team")
    phone.get_by_role("button", name="Show").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Volunteering figures, Community team")
    expect(phone.get_by_text("4h 00m in total")).to_be_visible()
    expect(phone.get_by_role("cell", name="Walking group")).to_be_visible()
    expect(phone.get_by_role("cell", name="Tuesday drop-in")).to_have_count(0)
    assert_accessible(phone, "team-figures-03-volunteering-community")
