"""Given a member, when they offer to volunteer, the manager records references, the interview,
a DBS check and training, the volunteer takes a slot on a drop-in, logs the hours and claims
mileage, and the manager approves the claim, then every step works and every page passes axe."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from browser_tests.conftest import assert_accessible
from browser_tests.helpers import sign_in_through_pages
from community.models import ActivityKind
from community.tests.factories import ActivityFactory, ProjectFactory, SessionFactory
from people.tests.factories import PersonFactory
from volunteers.catalogue import ensure_catalogue
from volunteers.models import ClaimStatus, ExpenseClaim, HoursEntry, RotaSlot, SlotRole, Stage, TrainingModule, Volunteer


def fill_date(page: Page, legend: str, day: int, month: int, year: int) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day))
    group.get_by_label("Month").fill(str(month))
    group.get_by_label("Year").fill(str(year))


@pytest.mark.django_db(transaction=True)
def test_member_becomes_a_volunteer_takes_a_slot_logs_hours_and_gets_expenses_approved(
    live_server: LiveServer, page: Page, phone: Page
) -> None:
    """The member (then volunteer) uses a phone; the manager stays signed in on a computer."""
    base = live_server.url
    ensure_catalogue(TrainingModule)
    member = UserFactory.create(role=Role.MEMBER, username="sam", first_name="Sam", last_name="Okafor")
    PersonFactory.create(given_name="Sam", family_name="Okafor", user=member)
    manager = UserFactory.create(role=Role.MANAGER, username="morgan", first_name="Morgan")
    project = ProjectFactory.create(name="Moseley Peer Network")
    activity = ActivityFactory.create(project=project, name="Tuesday drop-in", kind=ActivityKind.DROP_IN)
    starts = timezone.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=3)
    session = SessionFactory.create(activity=activity, starts_at=starts, ends_at=starts + timedelta(hours=3))
    slot = RotaSlot.objects.create(session=session, role=SlotRole.WELCOME, needs_dbs=True)
    today = timezone.localdate()

    # The member offers to volunteer from their home phone.
    sign_in_through_pages(phone, base, member)
    assert_accessible(phone, "volunteers-01-member-home")
    phone.get_by_role("link", name="I'd like to volunteer").click()
    assert_accessible(phone, "volunteers-02-offer")
    phone.get_by_label("Welcome people").check()
    phone.get_by_label("When are you free? (optional)").fill("Tuesday mornings")
    phone.get_by_role("button", name="Send").click()
    expect(phone.get_by_text("Expressed interest")).to_be_visible()
    assert_accessible(phone, "volunteers-03-offer-sent")

    # The manager moves them on: applied, two references, the interview, approval.
    sign_in_through_pages(page, base, manager)
    page.get_by_role("link", name="Volunteers", exact=True).click()
    assert_accessible(page, "volunteers-04-list")
    page.get_by_role("link", name="Sam Okafor").click()
    assert_accessible(page, "volunteers-05-detail")
    page.get_by_label("New stage").select_option(label="Applied")
    page.get_by_role("button", name="Change stage").click()
    expect(page.get_by_text("Stage changed to applied")).to_be_visible()
    for referee in ("Dee Referee", "Eli Referee"):
        page.get_by_role("link", name="Record a reference").click()
        assert_accessible(page, "volunteers-06-reference")
        page.get_by_label("Referee's name").fill(referee)
        fill_date(page, "Date requested", 1, 10, today.year - 1)
        fill_date(page, "Date received (optional)", 8, 10, today.year - 1)
        page.get_by_label("Was the reference satisfactory?").select_option(label="Yes")
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_text(f"{referee}")).to_be_visible()
    page.get_by_role("link", name="Record the informal interview").click()
    assert_accessible(page, "volunteers-07-interview")
    fill_date(page, "Date of the interview", 20, 10, today.year - 1)
    page.get_by_label("Notes from the informal interview").fill("Warm, thoughtful, keen on welcoming.")
    page.get_by_role("button", name="Save").click()
    page.get_by_label("New stage").select_option(label="Approved")
    page.get_by_label("Reason or notes").fill("Good references and interview")
    page.get_by_role("button", name="Change stage").click()
    expect(page.get_by_text("Stage changed to approved")).to_be_visible()

    # A DBS check (a wrong certificate number first) and the training a welcome slot needs.
    page.get_by_role("link", name="Record a DBS check").click()
    assert_accessible(page, "volunteers-08-dbs")
    page.get_by_label("Enhanced").check()
    page.get_by_label("Certificate number").fill("12AB")
    fill_date(page, "Date of issue", 1, 3, today.year - 1)
    fill_date(page, "Renewal due", 1, 3, today.year + 2)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the 12-digit certificate number")
    assert_accessible(page, "volunteers-09-dbs-error")
    page.get_by_label("Certificate number").fill("001122334455")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("In date: enhanced check")).to_be_visible()
    for module in TrainingModule.objects.filter(code__in=["mental-health-awareness", "boundaries", "safeguarding", "confidentiality"]):
        page.get_by_role("link", name="Record training").click()
        page.get_by_label("Training module").select_option(label=module.name)
        fill_date(page, "Date completed", 5, 11, today.year - 1)
        page.get_by_role("button", name="Save").click()
    assert_accessible(page, "volunteers-10-trained")
    page.get_by_role("link", name="Change projects").click()
    assert_accessible(page, "volunteers-11-projects")
    page.get_by_label("Moseley Peer Network").check()
    page.get_by_role("button", name="Save").click()
    # The administrator gives Sam a volunteer account (accounts are theirs to manage).
    member.role = Role.VOLUNTEER
    member.save(update_fields=["role"])
    page.get_by_label("New stage").select_option(label="Active")
    page.get_by_role("button", name="Change stage").click()
    expect(page.get_by_text("Stage changed to active")).to_be_visible()
    assert_accessible(page, "volunteers-12-active")

    # The volunteer takes the welcome slot on the drop-in, signed in again with two-factor (every
    # staff role, volunteers included, needs it).
    phone.context.clear_cookies()
    sign_in_through_pages(phone, base, member)
    phone.goto(f"{base}/")
    phone.get_by_role("link", name="Your volunteering: rota, training, hours and expenses").click()
    assert_accessible(phone, "volunteers-13-mine")
    phone.get_by_role("link", name="Find a slot on the rota").click()
    assert_accessible(phone, "volunteers-14-rota")
    phone.get_by_role("button", name="Take this slot").click()
    expect(phone.get_by_text("You are on the rota")).to_be_visible()
    slot.refresh_from_db()
    assert slot.volunteer is not None and slot.roster is not None

    # The session happens; the volunteer confirms the hours and claims mileage.
    session.starts_at = timezone.now() - timedelta(hours=4)
    session.ends_at = session.starts_at + timedelta(hours=3)
    session.save()
    phone.reload()
    phone.get_by_role("button", name="Confirm my hours").click()
    expect(phone.get_by_text("Your hours are logged")).to_be_visible()
    assert HoursEntry.objects.get(slot=slot).minutes == 180
    assert_accessible(phone, "volunteers-15-hours")
    phone.get_by_role("link", name="Claim expenses").click()
    assert_accessible(phone, "volunteers-16-expense")
    phone.get_by_label("Travel by car (mileage)").check()
    fill_date(phone, "Date of the expense", today.day, today.month, today.year)
    phone.get_by_label("What was it?").fill("Drive to the drop-in")
    phone.get_by_label("Miles driven (for mileage)").fill("-4")
    phone.get_by_role("button", name="Send claim").click()
    expect(phone.get_by_role("alert")).to_contain_text("Miles cannot be less than 0")
    assert_accessible(phone, "volunteers-17-expense-error")
    phone.get_by_label("Miles driven (for mileage)").fill("10")
    phone.get_by_role("button", name="Send claim").click()
    expect(phone.get_by_text("Your claim is sent")).to_be_visible()

    # The manager approves the claim.

    page.goto(f"{base}/")
    page.get_by_role("link", name="Expense claims", exact=True).click()
    assert_accessible(page, "volunteers-18-claims")
    page.get_by_role("link", name="Decide").click()
    assert_accessible(page, "volunteers-19-decide")
    page.get_by_label("Approve", exact=True).check()
    page.get_by_role("button", name="Save decision").click()
    expect(page.get_by_text("Decision saved")).to_be_visible()
    assert_accessible(page, "volunteers-20-decided")
    claim = ExpenseClaim.objects.get()
    assert claim.status == ClaimStatus.APPROVED
    assert claim.amount_pence == 450
    assert Volunteer.objects.get().stage == Stage.ACTIVE
