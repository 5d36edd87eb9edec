"""Given a person whose record was destroyed under the retention schedule, when a worker registers
someone with the same name and date of birth, then the page says an earlier record was destroyed
(without saying anything of it) and registers them only once the worker confirms they came back."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from browser_tests.conftest import assert_accessible
from browser_tests.helpers import sign_in_through_pages
from people.destroyed import Identifiers, remember
from people.models import Person
from records.models import DestructionRecord


@pytest.mark.django_db(transaction=True)
def test_registering_someone_whose_record_was_destroyed_asks_first(live_server: LiveServer, page: Page) -> None:
    admin = UserFactory.create(role=Role.ADMIN, username="ada")
    stub = DestructionRecord.objects.create(
        reference="gone",
        rule="after_death",
        last_activity_on=datetime.date(2000, 1, 1),
        retain_until=datetime.date(2020, 1, 1),
        authorised_by=admin,
    )
    remember(
        identifiers=Identifiers(given_name="Zebedee", family_name="Quaxley", date_of_birth=datetime.date(1960, 3, 27)),
        destruction_id=stub.pk,
    )
    worker = UserFactory.create(role=Role.STR_WORKER, username="sam", first_name="Sam")
    sign_in_through_pages(page, live_server.url, worker)
    page.goto(f"{live_server.url}/people/new/")
    page.get_by_label("First name").fill("Zebedee")
    page.get_by_label("Last name").fill("Quaxley")
    group = page.get_by_role("group", name="Date of birth")
    group.get_by_label("Day").fill("27")
    group.get_by_label("Month").fill("3")
    group.get_by_label("Year").fill("1960")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Important: An earlier record was destroyed")).to_be_visible()
    assert_accessible(page, "destroyed-01-register-asks")
    assert not Person.objects.filter(family_name="Quaxley").exists()
    page.get_by_label("They have come back to the service: start a new record").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Zebedee Quaxley has been registered")).to_be_visible()
    assert Person.objects.filter(family_name="Quaxley").count() == 1
