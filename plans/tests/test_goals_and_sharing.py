"""Goal progress history, and sharing a crisis plan only with the person's consent."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from conftest import World
from plans import services
from plans.documents import Kind
from plans.models import CrisisPlanShare, GoalProgress
from plans.tests.factories import make_plan


def _date(prefix: str, value: datetime.date) -> dict[str, str]:
    return {f"{prefix}_day": str(value.day), f"{prefix}_month": str(value.month), f"{prefix}_year": str(value.year)}


def test_progress_is_recorded_with_the_persons_own_words_marked(as_worker: Client, world: World) -> None:
    goal = make_plan(world.caseload_person, Kind.GOAL, by=world.worker)
    url = reverse("plans:progress_new", kwargs={"person_id": world.caseload_person.pk, "document_id": goal.pk})
    today = timezone.localdate()
    response = as_worker.post(
        url, {**_date("recorded_on", today), "rating": "7", "note": "I got the bus on my own", "in_persons_words": "on"}
    )
    assert response.status_code == 302
    entry = GoalProgress.objects.get(goal=goal)
    assert (entry.rating, entry.in_persons_words, entry.recorded_by) == (7, True, world.worker)
    page = as_worker.get(response["Location"]).content.decode()
    assert "In their own words" in page and "7 out of 10" in page


def test_progress_in_the_future_or_out_of_range_is_refused(as_worker: Client, world: World) -> None:
    goal = make_plan(world.caseload_person, Kind.GOAL, by=world.worker)
    url = reverse("plans:progress_new", kwargs={"person_id": world.caseload_person.pk, "document_id": goal.pk})
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    text = as_worker.post(url, {**_date("recorded_on", tomorrow), "rating": "11"}).content.decode()
    assert "The date cannot be in the future" in text
    assert "Choose a rating from 0 to 10" in text or "Select a valid choice" in text
    assert not GoalProgress.objects.exists()
    with pytest.raises(services.PlanError):
        services.record_goal_progress(
            by=world.worker, goal=goal, recorded_on=timezone.localdate(), rating=11, note="", in_persons_words=False
        )


def test_sharing_without_consent_is_refused_and_audited(world: World) -> None:
    plan = make_plan(world.caseload_person, Kind.CRISIS, by=world.worker)
    with pytest.raises(services.SharingRefused):
        services.record_crisis_plan_sharing(
            by=world.worker,
            plan=plan,
            recipient_name="Uncle Ray",
            organisation="",
            what_was_shared="Everything",
            shared_on=timezone.localdate(),
            consent_given=False,
        )
    assert not CrisisPlanShare.objects.exists()
    refused = AuditEvent.objects.get(object_type="plans.plandocument", object_id=str(plan.pk))
    assert refused.detail["refused"] == "no consent"


def test_sharing_form_without_consent_says_so_and_saves_nothing(as_worker: Client, world: World) -> None:
    plan = make_plan(world.caseload_person, Kind.CRISIS, by=world.worker)
    url = reverse("plans:share_new", kwargs={"person_id": world.caseload_person.pk, "document_id": plan.pk})
    data = {
        "recipient_name": "Dr Patel",
        "organisation": "Crisis team",
        "what_was_shared": "The whole plan",
        **_date("shared_on", timezone.localdate()),
    }
    refused = as_worker.post(url, data)
    assert "The person must agree before you share their crisis plan with this recipient" in refused.content.decode()
    assert not CrisisPlanShare.objects.exists()
    agreed = as_worker.post(url, {**data, "consent_given": "on"})
    assert agreed.status_code == 302
    share = CrisisPlanShare.objects.get()
    assert (share.recipient_name, share.organisation, share.consent_given) == ("Dr Patel", "Crisis team", True)
    assert "Dr Patel, Crisis team" in as_worker.get(agreed["Location"]).content.decode()


def test_the_database_refuses_a_share_without_consent(world: World) -> None:
    from django.db import IntegrityError, transaction

    plan = make_plan(world.caseload_person, Kind.CRISIS, by=world.worker)
    with pytest.raises(IntegrityError), transaction.atomic():
        CrisisPlanShare.objects.create(
            plan=plan,
            recipient_name="X",
            what_was_shared="Y",
            shared_on=timezone.localdate(),
            consent_given=False,
            recorded_by=world.worker,
        )


def test_progress_cannot_be_recorded_on_a_document_that_is_not_a_goal(world: World) -> None:
    profile = make_plan(world.caseload_person, Kind.PROFILE, by=world.worker)
    with pytest.raises(services.PlanError):
        services.record_goal_progress(
            by=world.worker, goal=profile, recorded_on=timezone.localdate(), rating=3, note="", in_persons_words=False
        )


def test_a_double_submitted_progress_entry_is_saved_once(as_worker: Client, world: World) -> None:
    goal = make_plan(world.caseload_person, Kind.GOAL, by=world.worker)
    url = reverse("plans:progress_new", kwargs={"person_id": world.caseload_person.pk, "document_id": goal.pk})
    data = {**_date("recorded_on", timezone.localdate()), "rating": "3", "note": "Went once", "submission_key": str(uuid.uuid4())}
    as_worker.post(url, data)
    as_worker.post(url, data)
    assert GoalProgress.objects.filter(goal=goal).count() == 1
