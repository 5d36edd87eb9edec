"""The member's own pages: scoped to their own record, audited, and changes made as the member."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from audit.models import AuditEvent
from conftest import World, sign_in
from people.tests.factories import PersonFactory
from plans.documents import Kind
from plans.models import GoalProgress, PlanVersion
from plans.tests.factories import make_plan


@pytest.fixture
def as_member(client: Client, world: World) -> Client:
    return sign_in(client, world.member)


def test_home_shows_the_members_goals_and_links(
    as_member: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    make_plan(world.member_person, Kind.GOAL, title="Go swimming")
    make_plan(world.stranger, Kind.GOAL, title="Someone else's goal")
    with django_assert_max_num_queries(20):
        response = as_member.get(reverse("portal:home"))
    page = response.content.decode()
    assert "Go swimming" in page and "Someone else" not in page
    assert reverse("outcomes:my_measures") in page and reverse("involvement:my_feedback") in page
    assert reverse("community:directory") in page
    assert AuditEvent.objects.filter(user=world.member, person_id=world.member_person.pk, action=AuditEvent.Action.VIEW).exists()


def test_member_updates_progress_on_their_goal_in_their_own_words(as_member: Client, world: World) -> None:
    goal = make_plan(world.member_person, Kind.GOAL)
    url = reverse("portal:goal", kwargs={"goal_id": goal.pk})
    assert "Choose a number from 0 to 10" in as_member.post(url, {}).content.decode()
    response = as_member.post(url, {"rating": "6", "note": "I went twice this week"})
    assert response.status_code == 302
    entry = GoalProgress.objects.get(goal=goal)
    assert entry.rating == 6 and entry.in_persons_words and entry.recorded_by == world.member and entry.author_role == Role.MEMBER
    assert "I went twice this week" in as_member.get(url).content.decode()


def test_another_members_goal_is_not_found(as_member: Client, world: World) -> None:
    other = PersonFactory.create(user=UserFactory.create(role=Role.MEMBER))
    goal = make_plan(other, Kind.GOAL)
    assert as_member.get(reverse("portal:goal", kwargs={"goal_id": goal.pk})).status_code == 404
    assert as_member.post(reverse("portal:goal", kwargs={"goal_id": goal.pk}), {"rating": "3"}).status_code == 404
    assert not GoalProgress.objects.filter(goal=goal).exists()


def test_member_edits_their_wrap_and_staff_see_a_version_by_the_member(as_member: Client, world: World) -> None:
    document = make_plan(world.member_person, Kind.WRAP, by=world.worker)
    url = reverse("portal:edit_document", kwargs={"kind": "wrap"})
    assert "Loud places" in as_member.get(url).content.decode()
    response = as_member.post(url, {"toolbox": "Music, walking, my sister, the park", "triggers_signs": "Loud places"})
    assert response.status_code == 302
    newest = PlanVersion.objects.filter(document=document).order_by("-number").first()
    assert newest is not None and newest.number == 2
    assert newest.saved_by == world.member and newest.author_role == Role.MEMBER and newest.changed_fields == ["toolbox"]
    assert "the park" in as_member.get(reverse("portal:document", kwargs={"kind": "wrap"})).content.decode()


def test_member_writes_a_crisis_plan_for_the_first_time(as_member: Client, world: World) -> None:
    response = as_member.post(reverse("portal:edit_document", kwargs={"kind": "crisis"}), {"supporters": "My sister Jo"})
    assert response.status_code == 302
    version = PlanVersion.objects.get(document__person=world.member_person, document__kind=Kind.CRISIS.value)
    assert version.saved_by == world.member


def test_profile_shows_only_the_members_own_profile(as_member: Client, world: World) -> None:
    make_plan(world.member_person, Kind.PROFILE, appreciations="Great at baking")
    make_plan(world.stranger, Kind.PROFILE, appreciations="Plays chess")
    page = as_member.get(reverse("portal:profile")).content.decode()
    assert "Great at baking" in page and "Plays chess" not in page


def test_member_pages_refuse_staff_and_a_member_without_a_record(client: Client, world: World) -> None:
    sign_in(client, world.worker)
    assert client.get(reverse("portal:home")).status_code == 403
    sign_in(client, UserFactory.create(role=Role.MEMBER))
    assert client.get(reverse("portal:home")).status_code == 404


def test_plan_and_goal_pages_cost_a_bounded_number_of_queries(
    as_member: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    goals = [make_plan(world.member_person, Kind.GOAL, title=f"Goal {n}") for n in range(8)]
    with django_assert_max_num_queries(16):
        assert as_member.get(reverse("portal:plan")).status_code == 200
    with django_assert_max_num_queries(16):
        assert as_member.get(reverse("portal:goal", kwargs={"goal_id": goals[0].pk})).status_code == 200
