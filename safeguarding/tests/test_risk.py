"""Risk assessments: a high level raises a risk alert in the person's header; overdue reviews."""

from __future__ import annotations

import datetime
import uuid

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from conftest import World, sign_in
from people.models import Alert
from safeguarding.models import RiskAssessment, RiskLevel
from safeguarding.tests.factories import RiskAssessmentFactory


def _form(**overrides: str) -> dict[str, str]:
    due = timezone.localdate() + datetime.timedelta(days=28)
    data = {
        "to_self_level": "low",
        "from_others_level": "low",
        "to_others_level": "low",
        "self_neglect_level": "low",
        "management_plan": "Check in weekly",
        "review_due_day": str(due.day),
        "review_due_month": str(due.month),
        "review_due_year": str(due.year),
    }
    return {**data, **overrides}


def test_a_high_level_raises_a_risk_alert_that_shows_in_the_header(as_worker: Client, world: World) -> None:
    url = reverse("safeguarding:risk_new", kwargs={"person_id": world.caseload_person.pk})
    response = as_worker.post(url, _form(to_self_level="high", to_self_notes="Has said they have thought about ending their life"))
    assert response.status_code == 302
    assessment = RiskAssessment.objects.get(person=world.caseload_person)
    alert = Alert.objects.get(person=world.caseload_person)
    assert assessment.alert == alert
    assert alert.category == Alert.Category.RISK and "risk to self" in alert.summary
    page = as_worker.get(reverse("people:detail", kwargs={"person_id": world.caseload_person.pk})).content.decode()
    assert "High risk: risk to self" in page.split('aria-label="What to know"')[1]


def test_low_levels_raise_no_alert_unless_asked(as_worker: Client, world: World) -> None:
    url = reverse("safeguarding:risk_new", kwargs={"person_id": world.caseload_person.pk})
    as_worker.post(url, _form())
    assert not Alert.objects.exists()
    as_worker.post(url, _form(raise_risk_alert="on", management_plan="Check in twice a week"))
    assert Alert.objects.filter(person=world.caseload_person, category=Alert.Category.RISK).count() == 1
    assert RiskAssessment.objects.filter(person=world.caseload_person).count() == 2


def test_missing_levels_and_a_past_review_date_say_what_to_do(as_worker: Client, world: World) -> None:
    url = reverse("safeguarding:risk_new", kwargs={"person_id": world.caseload_person.pk})
    past = timezone.localdate() - datetime.timedelta(days=1)
    data = _form(review_due_day=str(past.day), review_due_month=str(past.month), review_due_year=str(past.year))
    del data["to_others_level"]
    text = as_worker.post(url, data).content.decode()
    assert "Choose the level of risk to others" in text
    assert "The review date must be today or in the future" in text
    assert not RiskAssessment.objects.exists()


def test_a_stranger_cannot_be_assessed(client: Client, world: World) -> None:
    sign_in(client, world.worker)
    response = client.post(reverse("safeguarding:risk_new", kwargs={"person_id": world.stranger.pk}), _form(to_self_level="high"))
    assert response.status_code == 404
    assert not RiskAssessment.objects.exists() and not Alert.objects.exists()


def test_overdue_reviews_list_only_the_current_assessment_of_each_person(
    as_manager: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    today = timezone.localdate()
    now = timezone.now()
    # Ada's old assessment is overdue but has been replaced by a newer one that is not.
    RiskAssessmentFactory.create(
        person=world.caseload_person, review_due=today - datetime.timedelta(days=40), assessed_at=now - datetime.timedelta(days=90)
    )
    RiskAssessmentFactory.create(person=world.caseload_person, review_due=today + datetime.timedelta(days=10), assessed_at=now)
    # Alan's current assessment is overdue.
    overdue = RiskAssessmentFactory.create(
        person=world.stranger, review_due=today - datetime.timedelta(days=3), self_neglect_level=RiskLevel.HIGH
    )
    with django_assert_max_num_queries(12):
        response = as_manager.get(reverse("safeguarding:overdue_reviews"))
    text = response.content.decode()
    assert "Alan Turing" in text and "Ada Lovelace" not in text
    assert reverse("safeguarding:risk_detail", kwargs={"person_id": world.stranger.pk, "assessment_id": overdue.pk}) in text


def test_person_page_shows_risk_on_the_timeline(as_worker: Client, world: World) -> None:
    RiskAssessmentFactory.create(person=world.caseload_person, to_self_level=RiskLevel.HIGH)
    text = as_worker.get(reverse("people:detail", kwargs={"person_id": world.caseload_person.pk}), {"show": "risk"}).content.decode()
    assert "Risk assessment recorded (high risk)" in text


def test_a_member_reading_their_own_record_does_not_see_risk_or_concerns(client: Client, world: World) -> None:
    from safeguarding.tests.factories import SafeguardingConcernFactory

    RiskAssessmentFactory.create(person=world.member_person, to_self_level=RiskLevel.HIGH)
    SafeguardingConcernFactory.create(person=world.member_person)
    sign_in(client, world.member)
    text = client.get(reverse("people:detail", kwargs={"person_id": world.member_person.pk})).content.decode()
    assert "Risk assessment recorded" not in text and "Safeguarding concern" not in text
    filtered = client.get(reverse("people:detail", kwargs={"person_id": world.member_person.pk}), {"show": "risk"}).content.decode()
    assert "Risk assessment recorded" not in filtered


def test_a_double_submitted_assessment_is_saved_once_with_one_alert(as_worker: Client, world: World) -> None:
    url = reverse("safeguarding:risk_new", kwargs={"person_id": world.caseload_person.pk})
    data = _form(to_others_level="high", submission_key=str(uuid.uuid4()))  # the key the form carries
    as_worker.post(url, data)
    as_worker.post(url, data)
    assert RiskAssessment.objects.count() == 1
    assert Alert.objects.count() == 1
