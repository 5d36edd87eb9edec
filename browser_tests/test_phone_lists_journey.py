"""Given the lists people use on a phone (caseload, waiting list, triage, feedback, audit trail,
rota, decision log, involvement, training, volunteers, registers) and each role's home page, when
each is opened at 320 and 375 CSS pixels wide by the role that uses it, then nothing runs off the
side of the screen and every page passes axe.

Also: each role's "Today" at 375 px, photographed, answering "what is my first job today, and can I
do it from here?"."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from accounts.roles import Role
from accounts.tests.factories import UserFactory
from browser_tests.conftest import assert_accessible
from browser_tests.helpers import sign_in_through_pages
from community.models import Project, Session
from community.tests.factories import (
    ActivityFactory,
    MembershipFactory,
    ProjectFactory,
    ProjectLeadFactory,
    SessionFactory,
    SessionRosterFactory,
)
from enablement.tests.factories import ContactFactory, EpisodeFactory
from involvement.models import InvolvementActivity
from involvement.tests.factories import ActivityFactory as InvolvementActivityFactory
from involvement.tests.factories import ComplaintFactory, DecisionFactory, FeedbackFactory, ParticipantFactory
from people.tests.factories import AlertFactory, CaseloadEntryFactory, PersonFactory
from referrals.models import Referral
from referrals.tests.factories import ReferralFactory
from safeguarding.tests.factories import SafeguardingConcernFactory
from volunteers.catalogue import ensure_catalogue
from volunteers.models import TrainingModule
from volunteers.tests.factories import DBSCheckFactory, ExpenseClaimFactory, RotaSlotFactory, VolunteerFactory

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = (320, 375)

OVERFLOW = """() => {
  const width = window.innerWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  return Array.from(document.querySelectorAll("body *"))
    .filter((el) => el.getBoundingClientRect().right > width + 1)
    .slice(0, 5)
    .map((el) => `${el.tagName.toLowerCase()}.${el.className} (${Math.round(el.getBoundingClientRect().right)}px)`);
}"""


def _at(hour: int, days: int = 0) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _today_session_time() -> tuple[datetime.datetime, datetime.datetime]:
    """A session under way now, whatever the time of day (it may have started yesterday)."""
    now = timezone.now().replace(microsecond=0)
    return now - datetime.timedelta(minutes=20), now + datetime.timedelta(minutes=100)


@dataclass
class _PhoneWorld:
    users: dict[str, User]  # by role, as `_pages` names them
    session: Session
    project: Project
    involvement: InvolvementActivity


def _world() -> _PhoneWorld:
    """Enough of everything, with long names, that a table too wide for a phone would show."""
    ensure_catalogue(TrainingModule)
    worker = UserFactory.create(username="sam", role=Role.STR_WORKER, first_name="Samantha", last_name="Featherstonehaugh")
    manager = UserFactory.create(username="morgan", role=Role.MANAGER, first_name="Morgan")
    lead = UserFactory.create(username="lee", role=Role.PROJECT_LEAD, first_name="Lee")
    volunteer_user = UserFactory.create(username="val", role=Role.VOLUNTEER, first_name="Val")
    member = UserFactory.create(username="mo", role=Role.MEMBER, first_name="Mo")
    today = timezone.localdate()
    people = []
    for index in range(4):
        person = PersonFactory.create(given_name=f"Bartholomew{index}", family_name="Montgomery-Smythe", preferred_name="")
        CaseloadEntryFactory.create(person=person, worker=worker)
        episode = EpisodeFactory.create(person=person, worker=worker, next_review_on=today - datetime.timedelta(days=10 + index))
        ContactFactory.create(episode=episode, contact_date=today - datetime.timedelta(days=45))
        people.append(person)
    moved = PersonFactory.create(given_name="Winifred", family_name="Ashworth-Blackwood")
    CaseloadEntryFactory.create(person=moved, worker=worker)
    EpisodeFactory.create(person=moved, worker=worker, status="ended", ended_on=today)
    SafeguardingConcernFactory.create(person=people[0])
    for index in range(3):
        ReferralFactory.create(person=PersonFactory.create(given_name=f"Awaiting{index}", family_name="Triage-Longname"))
        ReferralFactory.create(
            person=PersonFactory.create(given_name=f"Waiting{index}", family_name="Fitzwilliam-Darcy"),
            status=Referral.Status.WAITING,
            received_at=timezone.now() - datetime.timedelta(days=60),
        )
    member_person = PersonFactory.create(given_name="Mo", family_name="Ahmed", user=member)

    project = ProjectFactory.create(name="Moseley and Kings Heath Peer Support Network")
    ProjectLeadFactory.create(project=project, user=lead)
    activity = ActivityFactory.create(project=project, name="Tuesday drop-in at the community centre")
    starts, ends = _today_session_time()
    session = SessionFactory.create(activity=activity, starts_at=starts, ends_at=ends)
    SessionFactory.create(
        activity=activity,
        starts_at=_at(10, days=-3),
        ends_at=_at(12, days=-3),
        cancelled_at=timezone.now(),
        cancellation_reason="Heating broken",
    )
    later = SessionFactory.create(activity=activity, starts_at=_at(10, days=3), ends_at=_at(12, days=3))
    for index in range(3):
        regular = PersonFactory.create(given_name=f"Regular{index}", family_name="Person")
        MembershipFactory.create(project=project, person=regular)
    AlertFactory.create(person=regular, category="communication", summary="Uses British Sign Language: write things down if no interpreter")
    volunteer = VolunteerFactory.create(user=volunteer_user, given_name="Valentina", family_name="Konstantinopoulou")
    volunteer.projects.add(project)
    DBSCheckFactory.create(volunteer=volunteer, renewal_due_on=today + datetime.timedelta(days=20))
    SessionRosterFactory.create(session=session, user=volunteer_user)
    SessionRosterFactory.create(session=later, user=volunteer_user)
    RotaSlotFactory.create(session=later)
    RotaSlotFactory.create(session=later, volunteer=volunteer, role="lead")
    ExpenseClaimFactory.create(volunteer=volunteer, description="Bus fares to and from the Tuesday drop-in at the community centre")

    FeedbackFactory.create(message="Could the Tuesday drop-in open earlier, and could there be more chairs near the door?")
    ComplaintFactory.create(received_at=timezone.now() - datetime.timedelta(days=40))
    DecisionFactory.create(title="The Tuesday drop-in opens at ten in the morning from January")
    involvement = InvolvementActivityFactory.create(title="Steering group: planning next year's drop-ins and groups")
    ParticipantFactory.create(activity=involvement, person=member_person)
    return _PhoneWorld(
        users={"worker": worker, "manager": manager, "lead": lead, "volunteer": volunteer_user, "member": member},
        session=session,
        project=project,
        involvement=involvement,
    )


def _pages(world: _PhoneWorld) -> dict[str, list[tuple[str, str]]]:
    register = reverse("community:register", kwargs={"session_id": world.session.pk})
    rota = reverse("volunteers:project_rota", kwargs={"project_id": world.project.pk})
    return {
        "worker": [
            ("home", "/"),
            ("caseload", reverse("enablement:my_caseload")),
            ("moved-on", reverse("enablement:my_caseload") + "?view=moved-on"),
            ("waiting-list", reverse("referrals:waiting_list")),
            ("triage", reverse("referrals:triage_queue")),
        ],
        "manager": [
            ("home", "/"),
            ("waiting-list", reverse("referrals:waiting_list")),
            ("triage", reverse("referrals:triage_queue")),
            ("feedback", reverse("involvement:feedback_list")),
            ("audit-trail", reverse("audit:trail")),
            ("decisions", reverse("involvement:decision_list")),
            ("involvement", reverse("involvement:activity_list")),
            ("involvement-activity", reverse("involvement:activity_detail", kwargs={"activity_id": world.involvement.pk})),
            ("training", reverse("volunteers:training_modules")),
            ("volunteers", reverse("volunteers:list")),
            ("expenses", reverse("volunteers:expenses")),
            ("rota", rota),
        ],
        "lead": [
            ("home", "/"),
            ("registers", reverse("community:my_sessions")),
            ("register", register),
            ("rota", rota),
        ],
        "volunteer": [
            ("home", "/"),
            ("registers", reverse("community:my_sessions")),
            ("register", register),
            ("mine", reverse("volunteers:mine")),
        ],
        "member": [("home", "/"), ("portal", reverse("portal:home"))],
    }


def _open_as(browser: Browser, live_server: LiveServer, user: User) -> Page:
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    sign_in_through_pages(page, live_server.url, user)
    return page


def test_every_list_fits_a_phone_at_320_and_375_pixels(live_server: LiveServer, browser: Browser) -> None:
    world = _world()
    overflowing = []
    for role, pages in _pages(world).items():
        page = _open_as(browser, live_server, world.users[role])
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 740})
            for name, path in pages:
                page.goto(live_server.url + path)
                offenders = page.evaluate(OVERFLOW)
                if offenders:
                    overflowing.append(f"{role} {name} at {width}px: {offenders}")
                if width == 375:
                    assert_accessible(page, f"phone-{role}-{name}")
        page.context.close()
    assert not overflowing, "\n".join(overflowing)


def test_each_roles_first_job_today_is_on_their_home_page_at_375(live_server: LiveServer, browser: Browser) -> None:
    world = _world()
    session = world.session

    page = _open_as(browser, live_server, world.users["worker"])
    expect(page.get_by_role("heading", name="Today")).to_be_visible()
    expect(page.get_by_role("link", name="People needing attention")).to_be_visible()
    expect(page.get_by_text("No contact for 6 weeks").first).to_be_visible()
    assert_accessible(page, "today-worker")
    page.get_by_role("link", name="Record a contact with Bartholomew0 Montgomery-Smythe").first.click()
    today = timezone.localdate()
    expect(page.get_by_role("group", name="Date of the contact").get_by_label("Day")).to_have_value(str(today.day))
    page.context.close()

    page = _open_as(browser, live_server, world.users["volunteer"])
    register = reverse("community:register", kwargs={"session_id": session.pk})
    page.locator(f'a[href="{register}"]').first.click()
    expect(page.get_by_text("0 here")).to_be_visible()
    page.get_by_role("button", name=re.compile(r"^Mark here\W+Regular0$")).click()
    expect(page.get_by_text("1 here")).to_be_visible()
    assert_accessible(page, "today-volunteer-register")
    page.goto(live_server.url + "/")
    expect(page.get_by_text("DBS check: renewal due soon")).to_be_visible()
    assert_accessible(page, "today-volunteer")
    page.context.close()

    page = _open_as(browser, live_server, world.users["lead"])
    expect(page.locator(f'a[href="{register}"]').first).to_be_visible()
    expect(page.get_by_role("link", name="Empty places on the rota in the next 14 days")).to_be_visible()
    assert_accessible(page, "today-lead")
    page.goto(live_server.url + reverse("community:my_sessions"))
    expect(page.get_by_text("Sessions of the projects you run")).to_be_visible()
    expect(page.get_by_text("Cancelled", exact=True)).to_be_visible()
    page.context.close()

    page = _open_as(browser, live_server, world.users["manager"])
    first = page.locator(".star-today__item").first
    expect(first).to_contain_text("Open safeguarding concerns")
    assert_accessible(page, "today-manager")
    page.context.close()

    page = _open_as(browser, live_server, world.users["member"])
    expect(page.get_by_role("heading", name="Need help now?")).to_be_visible()
    assert_accessible(page, "today-member")
    page.context.close()
