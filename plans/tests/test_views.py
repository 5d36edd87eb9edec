"""Writing plans through the pages: start, change, history, compare, print; and the stranger."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from markupsafe import escape
from pytest_django import DjangoAssertNumQueries

from audit.models import AuditEvent
from conftest import World, sign_in
from plans.documents import Kind
from plans.models import PlanDocument, PlanVersion
from plans.tests.factories import GoalProgressFactory, make_plan


def test_worker_writes_a_one_page_profile(as_worker: Client, world: World) -> None:
    url = reverse("plans:start", kwargs={"person_id": world.caseload_person.pk, "kind": "profile"})
    response = as_worker.post(url, {"appreciations": "Always makes people laugh", "important_to_me": "My nan"})
    document = PlanDocument.objects.get(person=world.caseload_person, kind="profile")
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:detail", kwargs={"person_id": world.caseload_person.pk, "document_id": document.pk})
    page = as_worker.get(response["Location"])
    assert "Always makes people laugh" in page.content.decode()


def test_a_required_section_left_empty_says_what_to_do(as_worker: Client, world: World) -> None:
    url = reverse("plans:start", kwargs={"person_id": world.caseload_person.pk, "kind": "profile"})
    response = as_worker.post(url, {"important_to_me": "My nan"})
    assert response.status_code == 200
    assert "Enter what people like and admire about me" in response.content.decode()
    assert "My nan" in response.content.decode()  # what was typed is kept
    assert not PlanDocument.objects.exists()


def test_a_goal_owned_by_someone_else_needs_their_name(as_worker: Client, world: World) -> None:
    url = reverse("plans:start", kwargs={"person_id": world.caseload_person.pk, "kind": "goal"})
    response = as_worker.post(url, {"title": "Join a choir", "owner": "someone_else"})
    assert "Enter the name of the person who owns this goal" in response.content.decode()
    response = as_worker.post(
        url,
        {
            "title": "Join a choir",
            "owner": "someone_else",
            "owner_name": "Jo",
            "target_date_day": "1",
            "target_date_month": "6",
            "target_date_year": "2030",
        },
    )
    assert response.status_code == 302
    goal = PlanDocument.objects.get(kind="goal")
    assert goal.title == "Join a choir"
    assert goal.current_version is not None
    assert goal.current_version.content["target_date"] == "2030-06-01"


def test_editing_adds_a_version_and_the_history_shows_who_changed_what(as_worker: Client, world: World) -> None:
    document = make_plan(world.caseload_person, Kind.WRAP, by=world.manager)
    url = reverse("plans:edit", kwargs={"person_id": world.caseload_person.pk, "document_id": document.pk})
    form_page = as_worker.get(url)
    assert "Music, walking, my sister" in form_page.content.decode()  # the current words are filled in
    assert document.current_version is not None
    response = as_worker.post(url, {**document.current_version.content, "post_crisis": "A quiet week and a visit from Jo"})
    assert response.status_code == 302
    assert PlanVersion.objects.filter(document=document).count() == 2
    history = as_worker.get(reverse("plans:versions", kwargs={"person_id": world.caseload_person.pk, "document_id": document.pk}))
    text = history.content.decode()
    assert "What I need after a crisis" in text
    assert f"{escape(world.worker.display_name)} (STR worker)" in text
    assert "First version" in text


def test_compare_shows_before_and_after_for_changed_fields(as_worker: Client, world: World) -> None:
    document = make_plan(world.caseload_person, Kind.PROFILE, by=world.worker)
    make_plan(world.caseload_person, Kind.PROFILE, by=world.worker, important_to_me="My allotment")
    url = reverse("plans:compare", kwargs={"person_id": world.caseload_person.pk, "document_id": document.pk})
    text = as_worker.get(url, {"older": "1", "newer": "2"}).content.decode()
    assert "My dog, Biscuit" in text and "My allotment" in text
    assert text.count("Changed</strong>") == 1


def test_printable_copy_is_a_clean_page_without_scripts(as_worker: Client, world: World) -> None:
    goal = make_plan(world.caseload_person, Kind.GOAL, by=world.worker)
    GoalProgressFactory.create(goal=goal, rating=6, note="I went twice", in_persons_words=True)
    url = reverse("plans:print", kwargs={"person_id": world.caseload_person.pk, "document_id": goal.pk})
    text = as_worker.get(url).content.decode()
    assert "<script" not in text
    assert "nhsuk-header" not in text
    assert "This plan belongs to Ada Lovelace" in text
    assert "6 out of 10" in text and "(in my own words)" in text
    assert AuditEvent.objects.filter(object_type="plans.plandocument", object_id=str(goal.pk), action="view").exists()


def test_the_stranger_gets_nothing(client: Client, world: World) -> None:
    document = make_plan(world.stranger, Kind.CRISIS, by=world.manager)
    sign_in(client, world.worker)
    for name in ("plans:detail", "plans:edit", "plans:versions", "plans:compare", "plans:print", "plans:share_new"):
        url = reverse(name, kwargs={"person_id": world.stranger.pk, "document_id": document.pk})
        assert client.get(url).status_code == 404, name
    posted = client.post(
        reverse("plans:edit", kwargs={"person_id": world.stranger.pk, "document_id": document.pk}), {"supporters": "Overwritten"}
    )
    assert posted.status_code == 404
    assert PlanVersion.objects.filter(document=document).count() == 1


def test_overview_query_count_does_not_grow_with_documents(
    as_worker: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    for kind in (Kind.PROFILE, Kind.PATH, Kind.WORKING, Kind.WRAP, Kind.CRISIS):
        make_plan(world.caseload_person, kind, by=world.worker)
    for number in range(8):
        make_plan(world.caseload_person, Kind.GOAL, by=world.worker, title=f"Goal {number}")
    url = reverse("plans:overview", kwargs={"person_id": world.caseload_person.pk})
    with django_assert_max_num_queries(14):
        response = as_worker.get(url)
    assert response.status_code == 200
    assert "Goal 7" in response.content.decode()


def test_version_list_query_count_is_bounded(
    as_worker: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    document = make_plan(world.caseload_person, Kind.PROFILE, by=world.worker)
    for number in range(30):
        make_plan(world.caseload_person, Kind.PROFILE, by=world.manager if number % 2 else world.worker, appreciations=f"Kind {number}")
    url = reverse("plans:versions", kwargs={"person_id": world.caseload_person.pk, "document_id": document.pk})
    with django_assert_max_num_queries(15):  # the person header, with "What to know" (a personal budget ahead of its plan)
        response = as_worker.get(url)
    text = response.content.decode()
    assert "Page 2" in text  # 31 versions, 20 to a page


def test_person_page_links_to_plans_and_shows_plan_versions_on_the_timeline(as_worker: Client, world: World) -> None:
    make_plan(world.caseload_person, Kind.PROFILE, by=world.worker)
    text = as_worker.get(reverse("people:detail", kwargs={"person_id": world.caseload_person.pk})).content.decode()
    assert reverse("plans:overview", kwargs={"person_id": world.caseload_person.pk}) in text
    assert "One-page profile: version 1 saved" in text


def test_a_member_cannot_open_their_plans_yet(client: Client, world: World) -> None:
    sign_in(client, world.member)
    assert client.get(reverse("plans:overview", kwargs={"person_id": world.member_person.pk})).status_code == 403


def test_overview_shows_each_goals_latest_progress(as_worker: Client, world: World) -> None:
    import datetime

    from django.utils import timezone

    goal = make_plan(world.caseload_person, Kind.GOAL, by=world.worker)
    GoalProgressFactory.create(goal=goal, rating=3, recorded_on=timezone.localdate() - datetime.timedelta(days=14))
    GoalProgressFactory.create(goal=goal, rating=8, recorded_on=timezone.localdate())
    text = as_worker.get(reverse("plans:overview", kwargs={"person_id": world.caseload_person.pk})).content.decode()
    assert "Latest progress: 8 out of 10" in text
