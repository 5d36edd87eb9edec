""" "Today" first on each role's home page: what needs doing, most urgent first, counts as tags,
and a fixed number of queries however much data there is."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from accounts.models import User
from community.models import Enrolment, EnrolmentStatus
from community.tests.factories import (
    ActivityFactory,
    MembershipFactory,
    ProjectFactory,
    ProjectLeadFactory,
    SessionFactory,
    SessionRosterFactory,
)
from conftest import World, sign_in
from enablement.models import Episode
from enablement.tests.factories import ContactFactory, EpisodeFactory
from involvement.tests.factories import ComplaintFactory
from people.tests.factories import CaseloadEntryFactory, PersonFactory
from referrals.tests.factories import ReferralFactory
from safeguarding.tests.factories import SafeguardingConcernFactory
from volunteers.tests.factories import DBSCheckFactory, ExpenseClaimFactory, RotaSlotFactory, VolunteerFactory

pytestmark = pytest.mark.django_db


def _today_at(hour: int, days: int = 0) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _section(body: str, start: str, end: str) -> str:
    return body[body.index(start) : body.index(end)]


# --- worker ---------------------------------------------------------------------------------


def _needing_attention(worker: User, index: int) -> None:
    today = timezone.localdate()
    person = PersonFactory.create(given_name=f"Late{index}", family_name="Review")
    CaseloadEntryFactory.create(person=person, worker=worker)
    episode = EpisodeFactory.create(person=person, worker=worker, next_review_on=today - datetime.timedelta(days=15))
    ContactFactory.create(episode=episode, contact_date=today - datetime.timedelta(days=40))


def test_a_worker_sees_who_needs_attention_and_why_before_their_caseload(client: Client, world: World) -> None:
    _needing_attention(world.worker, 1)
    ContactFactory.create(episode=EpisodeFactory.create(person=world.caseload_person, worker=world.worker))
    sign_in(client, world.worker)
    body = client.get(reverse("home")).content.decode()
    assert body.index("Today") < body.index("Your caseload")
    today = _section(body, ">Today<", "Your caseload")
    assert "People needing attention" in today and "Late1 Review" in today
    assert "Review overdue by 2 weeks" in today and "No contact for 5 weeks" in today
    assert "Ada Lovelace" not in today  # nothing is overdue for her


def test_people_who_have_moved_on_leave_the_caseload_and_are_kept_in_the_moved_on_view(client: Client, world: World) -> None:
    moved = PersonFactory.create(given_name="Grace", family_name="Hopper")
    CaseloadEntryFactory.create(person=moved, worker=world.worker)
    EpisodeFactory.create(person=moved, worker=world.worker, status=Episode.Status.ENDED, ended_on=timezone.localdate())
    sign_in(client, world.worker)
    assert "Grace Hopper" not in client.get(reverse("home")).content.decode()
    caseload = client.get(reverse("enablement:my_caseload")).content.decode()
    assert "Grace Hopper" not in caseload and "Ada Lovelace" in caseload  # Ada: no episode yet, still supported
    moved_on = client.get(reverse("enablement:my_caseload") + "?view=moved-on").content.decode()
    assert "Grace Hopper" in moved_on and "Ada Lovelace" not in moved_on


def test_a_workers_safeguarding_counts_cover_only_their_caseload(client: Client, world: World) -> None:
    SafeguardingConcernFactory.create(person=world.caseload_person)
    SafeguardingConcernFactory.create(person=world.stranger)
    sign_in(client, world.worker)
    body = client.get(reverse("home")).content.decode()
    assert 'star-today__count">1</strong> <a href="#caseload-concerns">Open safeguarding concerns about people on your caseload' in body
    concerns = _section(body, 'id="caseload-concerns"', "Your caseload")
    assert "Ada Lovelace" in concerns and "Alan Turing" not in body


# --- volunteer ------------------------------------------------------------------------------


def test_a_volunteer_sees_todays_session_with_its_register_then_the_next_and_checks_running_out(client: Client, world: World) -> None:
    volunteer = VolunteerFactory.create(user=world.volunteer)
    DBSCheckFactory.create(volunteer=volunteer, renewal_due_on=timezone.localdate() + datetime.timedelta(days=10))
    # Running now, and still today whatever the time (the suite runs at 23:59 too).
    started = max(timezone.now() - datetime.timedelta(minutes=1), _today_at(0))
    later_today = SessionFactory.create(
        activity=ActivityFactory.create(name="Evening drop-in"),
        starts_at=started,
        ends_at=_today_at(23) + datetime.timedelta(minutes=59, seconds=59),
    )
    next_week = SessionFactory.create(
        activity=ActivityFactory.create(name="Walking group"), starts_at=_today_at(10, days=7), ends_at=_today_at(12, days=7)
    )
    for session in (later_today, next_week):
        SessionRosterFactory.create(session=session, user=world.volunteer)
    sign_in(client, world.volunteer)
    body = client.get(reverse("home")).content.decode()
    assert body.index("Evening drop-in") < body.index("Your next sessions") < body.index("Walking group")
    assert reverse("community:register", kwargs={"session_id": later_today.pk}) in body
    assert "DBS check: renewal due soon" in body


def test_a_cancelled_session_is_marked_cancelled_on_the_volunteers_home_page(client: Client, world: World) -> None:
    session = SessionFactory.create(
        starts_at=_today_at(10, days=3), ends_at=_today_at(12, days=3), cancelled_at=timezone.now(), cancellation_reason="Snow"
    )
    SessionRosterFactory.create(session=session, user=world.volunteer)
    sign_in(client, world.volunteer)
    body = client.get(reverse("home")).content.decode()
    assert "Cancelled</strong>" in body and "Snow" in body
    assert reverse("community:register", kwargs={"session_id": session.pk}) not in body


# --- project lead ---------------------------------------------------------------------------


def test_a_lead_sees_todays_sessions_empty_rota_places_and_new_regulars(client: Client, world: World) -> None:
    project = ProjectFactory.create()
    ProjectLeadFactory.create(project=project, user=world.lead)
    today = SessionFactory.create(
        activity=ActivityFactory.create(project=project, name="Friday cafe"),
        starts_at=_today_at(23),
        ends_at=_today_at(23) + datetime.timedelta(minutes=59),
    )
    RotaSlotFactory.create(
        session=SessionFactory.create(activity=today.activity, starts_at=_today_at(10, days=2), ends_at=_today_at(12, days=2))
    )
    MembershipFactory.create(project=project)
    SessionFactory.create(
        activity=ActivityFactory.create(name="Someone else's group"),
        starts_at=_today_at(23),
        ends_at=_today_at(23) + datetime.timedelta(minutes=59),
    )
    sign_in(client, world.lead)
    body = client.get(reverse("home")).content.decode()
    assert "Friday cafe" in body and "Someone else" not in body
    assert reverse("community:register", kwargs={"session_id": today.pk}) in body
    assert '">1</strong> <a href="' + reverse("volunteers:rota_projects") + '">Empty places on the rota' in body
    assert '">1</strong> <a href="' + reverse("community:project_list") + '">New regulars' in body


def test_a_leads_registers_page_uses_lead_wording_and_puts_today_first(client: Client, world: World) -> None:
    project = ProjectFactory.create()
    ProjectLeadFactory.create(project=project, user=world.lead)
    activity = ActivityFactory.create(project=project)
    SessionFactory.create(activity=activity, starts_at=_today_at(10, days=-3), ends_at=_today_at(12, days=-3))
    SessionFactory.create(activity=activity, starts_at=_today_at(23), ends_at=_today_at(23) + datetime.timedelta(minutes=59))
    SessionFactory.create(activity=activity, starts_at=_today_at(10, days=3), ends_at=_today_at(12, days=3))
    sign_in(client, world.lead)
    body = client.get(reverse("community:my_sessions")).content.decode()
    assert "Sessions of the projects you run" in body and "on the rota for" not in body
    assert body.index(">Today<") < body.index(">Coming up<") < body.index(">Last week<")


# --- manager --------------------------------------------------------------------------------


def test_the_manager_sees_safeguarding_first_then_the_queues_as_counts(client: Client, world: World) -> None:
    SafeguardingConcernFactory.create(person=world.caseload_person)
    ReferralFactory.create()
    ExpenseClaimFactory.create()
    ComplaintFactory.create(received_at=timezone.now() - datetime.timedelta(days=60))
    sign_in(client, world.manager)
    body = client.get(reverse("home")).content.decode()
    today = _section(body, ">Today<", "Everything you run")
    order = [
        today.index(label)
        for label in ("Open safeguarding concerns", "Referrals waiting for triage", "Expense claims to approve", "Complaints overdue")
    ]
    assert order == sorted(order)
    assert 'nhsuk-tag--red star-today__count">1</strong> <a href="' + reverse("safeguarding:open_concerns") in today
    assert "Nothing waiting:" in today


# --- member ---------------------------------------------------------------------------------


def test_a_member_sees_their_next_sessions_their_plan_and_crisis_help(client: Client, world: World) -> None:
    activity = ActivityFactory.create(name="Art course")
    Enrolment.objects.create(activity=activity, person=world.member_person, status=EnrolmentStatus.ENROLLED)
    SessionFactory.create(activity=activity, starts_at=_today_at(10, days=2), ends_at=_today_at(12, days=2))
    sign_in(client, world.member)
    body = client.get(reverse("home")).content.decode()
    assert body.index("Coming up") < body.index("Art course") < body.index("Need help now?")
    assert reverse("portal:plan") in body and reverse("community:crisis") in body


# --- queries stay flat ----------------------------------------------------------------------


def _more_worker_data(world: World, n: int) -> None:
    for index in range(n):
        _needing_attention(world.worker, index)
        SafeguardingConcernFactory.create(person=world.caseload_person)


def _more_volunteer_data(world: World, n: int) -> None:
    volunteer = VolunteerFactory.create(user=world.volunteer) if n == 1 else world.volunteer.volunteer_record
    for index in range(n):
        DBSCheckFactory.create(volunteer=volunteer)
        session = SessionFactory.create(starts_at=_today_at(10, days=index + 1), ends_at=_today_at(12, days=index + 1))
        SessionRosterFactory.create(session=session, user=world.volunteer)


def _more_lead_data(world: World, n: int) -> None:
    project = ProjectFactory.create()
    ProjectLeadFactory.create(project=project, user=world.lead)
    for _ in range(n):
        activity = ActivityFactory.create(project=project)
        SessionFactory.create(activity=activity, starts_at=_today_at(23), ends_at=_today_at(23) + datetime.timedelta(minutes=59))
        RotaSlotFactory.create(
            session=SessionFactory.create(activity=activity, starts_at=_today_at(10, days=2), ends_at=_today_at(12, days=2))
        )
        MembershipFactory.create(project=project)


def _more_manager_data(world: World, n: int) -> None:
    for _ in range(n):
        SafeguardingConcernFactory.create(person=world.stranger)
        ReferralFactory.create()
        ExpenseClaimFactory.create()
        ComplaintFactory.create(received_at=timezone.now() - datetime.timedelta(days=60))
        DBSCheckFactory.create(renewal_due_on=timezone.localdate() + datetime.timedelta(days=5))


def _more_member_data(world: World, n: int) -> None:
    for index in range(n):
        activity = ActivityFactory.create()
        Enrolment.objects.create(activity=activity, person=world.member_person, status=EnrolmentStatus.ENROLLED)
        SessionFactory.create(activity=activity, starts_at=_today_at(10, days=index + 1), ends_at=_today_at(12, days=index + 1))


@pytest.mark.parametrize(
    ("role", "grow", "limit"),
    [
        ("worker", _more_worker_data, 25),
        ("volunteer", _more_volunteer_data, 25),
        ("lead", _more_lead_data, 20),
        ("manager", _more_manager_data, 45),
        ("member", _more_member_data, 15),
    ],
)
def test_each_home_page_costs_the_same_with_more_data(
    client: Client,
    world: World,
    role: str,
    grow: Callable[[World, int], None],
    limit: int,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    sign_in(client, getattr(world, role))
    grow(world, 1)
    client.get(reverse("home"))  # the first page after signing in also saves the session
    with django_assert_max_num_queries(limit) as small:
        assert client.get(reverse("home")).status_code == 200
    grow(world, 20)
    with django_assert_max_num_queries(limit) as large:
        assert client.get(reverse("home")).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries), "a home page's queries grew with the data"
