"""The route into work, education and volunteering: the member records their own goal, steps and
start in the portal and sees them; a worker sees them on the person's page and timeline; who sees what."""

from __future__ import annotations

import datetime

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from pytest_django import DjangoAssertNumQueries

from audit.models import AuditEvent
from choices.models import Placement, VocationalProfile, WorkActivity, WorkGoal
from choices.tests.factories import PlacementFactory, WorkActivityFactory, WorkGoalFactory
from conftest import World, sign_in
from plans.documents import KINDS, Kind
from plans.services import save_plan


def _day(name: str, day: datetime.date) -> dict[str, str]:
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}


def test_a_member_records_a_goal_an_interview_and_a_start_and_sees_them(client: Client, world: World) -> None:
    sign_in(client, world.member)
    today = timezone.localdate()
    profile = {
        "so_far": "Six years in a bakery",
        "what_i_want": "Mornings in a kitchen",
        "strengths": "",
        "what_helps": "",
        "worries": "Benefits",
    }
    assert client.post(reverse("choices:my_profile"), profile).status_code == 302
    assert client.post(reverse("choices:my_goal_new"), {"kind": "job", "goal": "A part-time job in a kitchen"}).status_code == 302
    step = {"kind": "interview", **_day("happened_on", today - datetime.timedelta(days=7)), "note": "Café on the high street"}
    assert client.post(reverse("choices:my_activity_new"), step).status_code == 302
    start = {
        "kind": "job",
        "title": "Kitchen assistant",
        "employer_type": "private",
        "employer_name": "",
        "hours_per_week": "16",
        **_day("started_on", today),
    }
    assert client.post(reverse("choices:my_start_new"), start).status_code == 302
    placement = Placement.objects.get(person=world.member_person)
    assert placement.recorded_by == world.member and placement.employer_name == "" and placement.hours_per_week == 16
    assert WorkActivity.objects.get(person=world.member_person).recorded_by == world.member
    assert VocationalProfile.objects.get(person=world.member_person).what_i_want == "Mornings in a kitchen"
    page = client.get(reverse("choices:my_work")).content.decode()
    for text in (
        "Kitchen assistant",
        "16 hours a week",
        "A part-time job in a kitchen",
        "Café on the high street",
        "Mornings in a kitchen",
    ):
        assert escape(text) in page, text
    assert "Written by you" in page


def test_the_worker_sees_the_members_entries_on_their_page_and_timeline(client: Client, world: World) -> None:
    PlacementFactory.create(
        person=world.caseload_person, title="Gardener", employer_type="voluntary", kind="volunteering", hours_per_week=None
    )
    WorkActivityFactory.create(person=world.caseload_person, kind="application", note="Applied to the parks team")
    sign_in(client, world.worker)
    work_page = client.get(reverse("choices:work", kwargs={"person_id": world.caseload_person.pk})).content.decode()
    assert "Gardener" in work_page and "Applied to the parks team" in work_page
    person_page = client.get(reverse("people:detail", kwargs={"person_id": world.caseload_person.pk})).content.decode()
    assert "Started volunteering: Gardener" in person_page
    assert "Applied for a job or course" in person_page


def test_an_employer_is_named_only_when_the_person_wishes(client: Client, world: World) -> None:
    PlacementFactory.create(person=world.member_person, title="Porter", employer_name="")
    PlacementFactory.create(person=world.member_person, title="Barista", employer_name="Corner Café")
    sign_in(client, world.member)
    page = client.get(reverse("choices:my_work")).content.decode()
    assert "(Corner Café)" in page
    assert page.count("A business") == 2


def test_a_job_end_is_recorded_and_moves_it_to_before(client: Client, world: World) -> None:
    placement = PlacementFactory.create(person=world.caseload_person, started_on=timezone.localdate() - datetime.timedelta(days=200))
    sign_in(client, world.worker)
    url = reverse("choices:placement_end", kwargs={"person_id": world.caseload_person.pk, "placement_id": placement.pk})
    opened = client.get(url).content.decode()
    assert 'name="based_on"' in opened
    ended = timezone.localdate() - datetime.timedelta(days=1)
    response = client.post(url, {**_day("ended_on", ended), "end_reason": "The contract finished"})
    assert response.status_code == 302
    placement.refresh_from_db()
    assert placement.ended_on == ended and placement.end_reason == "The contract finished"
    page = client.get(reverse("choices:work", kwargs={"person_id": world.caseload_person.pk})).content.decode()
    assert "The contract finished" in page


def test_an_end_before_the_start_is_refused(client: Client, world: World) -> None:
    placement = PlacementFactory.create(person=world.caseload_person, started_on=timezone.localdate() - datetime.timedelta(days=10))
    sign_in(client, world.worker)
    url = reverse("choices:placement_end", kwargs={"person_id": world.caseload_person.pk, "placement_id": placement.pk})
    page = client.post(url, {**_day("ended_on", timezone.localdate() - datetime.timedelta(days=20)), "end_reason": ""}).content.decode()
    assert "The end date must be on or after the start date" in page
    placement.refresh_from_db()
    assert placement.ended_on is None


def test_a_work_goal_can_sit_alongside_a_goal_in_the_plan(client: Client, world: World) -> None:
    plan_goal = save_plan(
        by=world.worker, person=world.caseload_person, kind=KINDS[Kind.GOAL], content={"title": "Feel useful", "owner": "person"}
    ).document
    save_plan(by=world.worker, person=world.stranger, kind=KINDS[Kind.GOAL], content={"title": "Not theirs", "owner": "person"})
    sign_in(client, world.worker)
    url = reverse("choices:goal_new", kwargs={"person_id": world.caseload_person.pk})
    form = client.get(url).content.decode()
    assert "Feel useful" in form and "Not theirs" not in form
    client.post(url, {"kind": "volunteering", "goal": "Volunteer at the food bank", "plan_goal": str(plan_goal.pk)})
    goal = WorkGoal.objects.get(person=world.caseload_person)
    assert goal.plan_goal == plan_goal
    page = client.get(reverse("choices:work", kwargs={"person_id": world.caseload_person.pk})).content.decode()
    assert escape("goes with “Feel useful” in the plan") in page


def test_the_stranger_gets_nothing(client: Client, world: World) -> None:
    placement = PlacementFactory.create(person=world.stranger)
    goal = WorkGoalFactory.create(person=world.stranger)
    sign_in(client, world.worker)
    assert client.get(reverse("choices:work", kwargs={"person_id": world.stranger.pk})).status_code == 404
    # Nor through a person they can see.
    own = {"person_id": world.caseload_person.pk}
    assert client.get(reverse("choices:placement_end", kwargs={**own, "placement_id": placement.pk})).status_code == 404
    assert client.post(reverse("choices:goal_achieved", kwargs={**own, "goal_id": goal.pk})).status_code == 404
    goal.refresh_from_db()
    assert goal.achieved_on is None


def test_a_member_sees_only_their_own_progress(client: Client, world: World) -> None:
    PlacementFactory.create(person=world.member_person, title="Library assistant")
    PlacementFactory.create(person=world.stranger, title="Someone else's job")
    theirs = PlacementFactory.create(person=world.stranger, title="Another")
    sign_in(client, world.member)
    page = client.get(reverse("choices:my_work")).content.decode()
    assert "Library assistant" in page and escape("Someone else's job") not in page
    assert client.get(reverse("choices:my_placement_end", kwargs={"placement_id": theirs.pk})).status_code == 404
    assert client.get(reverse("choices:work", kwargs={"person_id": world.member_person.pk})).status_code == 403


def test_reading_the_work_page_is_audited(client: Client, world: World) -> None:
    sign_in(client, world.member)
    client.get(reverse("choices:my_work"))
    assert AuditEvent.objects.filter(user=world.member, person_id=world.member_person.pk, action="view").exists()


def test_the_work_page_makes_a_bounded_number_of_queries(
    client: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    for n in range(20):
        PlacementFactory.create(person=world.caseload_person, title=f"Job {n}", recorded_by=world.worker)
        WorkActivityFactory.create(person=world.caseload_person, recorded_by=world.worker)
        WorkGoalFactory.create(person=world.caseload_person, recorded_by=world.worker)
    sign_in(client, world.worker)
    url = reverse("choices:work", kwargs={"person_id": world.caseload_person.pk})
    client.get(url)
    with django_assert_max_num_queries(25):
        assert client.get(url).status_code == 200


def test_in_work_support_is_recorded_against_the_job(client: Client, world: World) -> None:
    job = PlacementFactory.create(person=world.caseload_person, title="Porter")
    PlacementFactory.create(person=world.stranger, title="Not theirs")
    sign_in(client, world.worker)
    url = reverse("choices:activity_new", kwargs={"person_id": world.caseload_person.pk})
    form = client.get(url).content.decode()
    assert "Porter" in form and "Not theirs" not in form
    data = {
        "kind": "in_work_support",
        **_day("happened_on", timezone.localdate()),
        "note": "First week went well",
        "placement": str(job.pk),
    }
    assert client.post(url, data).status_code == 302
    assert WorkActivity.objects.get(person=world.caseload_person).placement == job
