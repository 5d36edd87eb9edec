"""Given a worker, a manager and a volunteer, when the worker records an offer from a person's
page, the manager links a public-form offer to its record, sees a check that ran out and keeps
the training catalogue, and the volunteer reads their supervision, then every page passes axe."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from browser_tests.conftest import assert_accessible
from browser_tests.helpers import sign_in_through_pages
from people.tests.factories import CaseloadEntryFactory, PersonFactory
from volunteers.catalogue import ensure_catalogue
from volunteers.expiry import record_expired_checks
from volunteers.models import Source, Stage, Supervision, TrainingModule, Volunteer, WellbeingCheckIn
from volunteers.tests.factories import DBSCheckFactory, VolunteerFactory


@pytest.mark.django_db(transaction=True)
def test_offers_linked_checks_run_out_catalogue_kept_and_supervision_seen(live_server: LiveServer, page: Page, phone: Page) -> None:
    base = live_server.url
    ensure_catalogue(TrainingModule)
    worker = UserFactory.create(role=Role.STR_WORKER, username="wren", first_name="Wren")
    manager = UserFactory.create(role=Role.MANAGER, username="morgan", first_name="Morgan", last_name="Banks")
    ada = PersonFactory.create(given_name="Ada", family_name="Lovelace")
    CaseloadEntryFactory.create(person=ada, worker=worker)
    robin = PersonFactory.create(given_name="Robin", family_name="Okafor")
    public = VolunteerFactory.create(given_name="Robin", family_name="Okafor", source=Source.PUBLIC, stage=Stage.APPROVED)
    DBSCheckFactory.create(volunteer=public, issued_on=datetime.date(2020, 1, 1), renewal_due_on=datetime.date(2023, 3, 3))
    record_expired_checks()
    volunteer_user = UserFactory.create(role=Role.VOLUNTEER, username="vic", first_name="Vic")
    own = VolunteerFactory.create(user=volunteer_user, given_name="Vic", family_name="Helper")
    Supervision.objects.create(volunteer=own, held_on=datetime.date(2026, 1, 5), supervisor=manager, actions="Book first aid training")
    WellbeingCheckIn.objects.create(volunteer=own, feeling=WellbeingCheckIn.Feeling.OKAY, note="Tired but fine")

    # The worker records Ada's offer from her record.
    sign_in_through_pages(page, base, worker)
    page.goto(f"{base}/people/{ada.pk}/")
    assert_accessible(page, "volunteer-records-01-person")
    page.get_by_role("link", name="Record an offer to volunteer").click()
    assert_accessible(page, "volunteer-records-02-person-offer")
    page.get_by_label("Welcome people").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Offer to volunteer recorded for Ada Lovelace")).to_be_visible()
    assert_accessible(page, "volunteer-records-03-offer-recorded")
    assert Volunteer.objects.get(person=ada).source == Source.STAFF
    page.get_by_role("button", name="Sign out").click()

    # The manager links the public-form offer to Robin's record and sees the check that ran out.
    sign_in_through_pages(page, base, manager)
    page.goto(f"{base}/volunteers/{public.pk}/")
    expect(page.get_by_text("Enhanced DBS check ran out on 03 March 2023")).to_be_visible()
    assert_accessible(page, "volunteer-records-04-detail")
    page.get_by_role("link", name="Link Robin Okafor to their record").click()
    assert_accessible(page, "volunteer-records-05-link")
    page.get_by_role("button", name="Link to this record").click()
    expect(page.get_by_text("Enter their last name, or their NHS number").first).to_be_visible()
    assert_accessible(page, "volunteer-records-06-link-errors")
    page.get_by_label("Their NHS number").fill(robin.nhs_number)
    page.get_by_role("button", name="Link to this record").click()
    expect(page.get_by_text("Linked to Robin Okafor's record")).to_be_visible()
    assert_accessible(page, "volunteer-records-07-linked")

    # The manager keeps the training catalogue.
    page.goto(f"{base}/volunteers/")
    page.get_by_role("link", name="Training catalogue").click()
    assert_accessible(page, "volunteer-records-08-catalogue")
    page.get_by_role("link", name="Add a training module").click()
    assert_accessible(page, "volunteer-records-09-module-new")
    page.get_by_label("Name of the module").fill("Peer support basics")
    page.get_by_label("Welcome people").check()
    page.get_by_label("How many months it stays valid (optional)").fill("0")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Enter a number of months of 1 or more").first).to_be_visible()
    assert_accessible(page, "volunteer-records-10-module-errors")
    page.get_by_label("How many months it stays valid (optional)").fill("12")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Peer support basics added to the training catalogue")).to_be_visible()
    page.get_by_role("link", name="Change Peer support basics").click()
    assert_accessible(page, "volunteer-records-11-module-edit")
    page.get_by_label("How many months it stays valid (optional)").fill("24")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Peer support basics: changes saved")).to_be_visible()
    assert TrainingModule.objects.get(name="Peer support basics").valid_for_months == 24
    page.get_by_role("link", name="Change Peer support basics").click()
    page.get_by_role("button", name="Retire Peer support basics").click()
    expect(page.get_by_text("Peer support basics retired. Training already done")).to_be_visible()
    assert_accessible(page, "volunteer-records-12-module-retired")
    assert TrainingModule.objects.get(name="Peer support basics").is_retired

    # The volunteer reads their supervision and check-ins on their phone.
    sign_in_through_pages(phone, base, volunteer_user)
    phone.goto(f"{base}/volunteers/me/")
    expect(phone.get_by_role("cell", name="Book first aid training")).to_be_visible()
    expect(phone.get_by_role("cell", name="Morgan", exact=True)).to_be_visible()
    expect(phone.get_by_text("Banks")).to_have_count(0)
    expect(phone.get_by_text("Tired but fine")).to_be_visible()
    assert_accessible(phone, "volunteer-records-13-own-page")
