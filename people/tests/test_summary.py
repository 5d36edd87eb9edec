"""The summary of what anyone working with a person must know (people.summary): what it holds,
who sees what, that it is on every page about the person, and that it costs a fixed number of
queries however long the person's history is."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.client import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from conftest import World, sign_in
from outcomes.loading import load_shipped_instruments
from outcomes.models import Instrument, Measurement
from outcomes.tests.factories import MeasurementFactory
from people.models import Person
from people.summary import summary_for
from plans.documents import Kind
from plans.tests.factories import make_plan
from safeguarding.tests.factories import RiskAssessmentFactory, SafeguardingConcernFactory

pytestmark = pytest.mark.django_db


def _phq9(person: Person, *, score: int, item9: int, days_ago: int = 0, by: object) -> Measurement:
    instrument = Instrument.objects.get(code="PHQ9")
    answers = {str(n): 2 for n in range(1, 9)} | {"9": item9}
    return MeasurementFactory.create(
        person=person,
        instrument=instrument,
        status=Measurement.Status.COMPLETE,
        answers=answers,
        score=Decimal(score),
        raw_score=Decimal(score),
        band=instrument.band_for(Decimal(score)),
        measured_on=timezone.localdate() - datetime.timedelta(days=days_ago),
        completed_at=timezone.now(),
        created_by=by,
    )


def _like_margaret(world: World) -> Person:
    """An open safeguarding concern, an overdue risk review, a PHQ-9 of 20 with question 9 above
    zero, a crisis plan and an interpreter need."""
    load_shipped_instruments()
    person = world.caseload_person
    person.first_language = "Polish"
    person.interpreter_needed = True
    person.save()
    SafeguardingConcernFactory.create(person=person, raised_by=world.worker)
    RiskAssessmentFactory.create(
        person=person, to_self_level="high", review_due=timezone.localdate() - datetime.timedelta(days=5), assessed_by=world.worker
    )
    _phq9(person, score=20, item9=1, by=world.worker)
    make_plan(person, Kind.CRISIS, by=world.worker)
    return person


def test_the_summary_holds_each_thing_to_know_with_a_link_to_its_source(world: World) -> None:
    person = _like_margaret(world)
    items = {item.kind: item for item in summary_for(world.worker, person)}
    assert set(items) >= {"safeguarding", "risk", "risk_answer", "severe_score", "crisis_plan", "interpreter"}
    assert "Open concern: financial" in items["safeguarding"].text
    assert "/concerns/" in items["safeguarding"].url
    assert items["risk"].text.startswith("High risk (risk to self). Review overdue since")
    assert items["risk_answer"].text.startswith("PHQ-9 question 9 answered 1 on")
    assert "Latest PHQ-9 20 (severe)" in items["severe_score"].text
    assert "/measures/" in items["severe_score"].url
    assert items["crisis_plan"].url.startswith(reverse("plans:overview", kwargs={"person_id": person.pk}))
    assert items["interpreter"].text == "Needs an interpreter (Polish)"
    # The most urgent first.
    assert summary_for(world.worker, person)[0].kind == "safeguarding"


def test_an_old_risk_answer_and_a_score_since_improved_drop_out(world: World) -> None:
    load_shipped_instruments()
    person = world.caseload_person
    _phq9(person, score=22, item9=2, days_ago=60, by=world.worker)
    _phq9(person, score=8, item9=0, days_ago=1, by=world.worker)
    kinds = {item.kind for item in summary_for(world.worker, person)}
    assert "risk_answer" not in kinds and "severe_score" not in kinds


def test_a_member_gets_no_staff_summary_and_a_stranger_nothing(client: Client, world: World) -> None:
    person = _like_margaret(world)
    assert summary_for(world.member, person) == []
    assert summary_for(world.member, world.member_person) == []
    # Another worker with no relationship sees nothing from the gates.
    assert summary_for(world.other_worker, person) == [] or all(
        item.kind == "interpreter" for item in summary_for(world.other_worker, person)
    )


PAGES: list[tuple[str, dict[str, object]]] = [
    ("people:detail", {}),
    ("people:edit", {}),
    ("plans:overview", {}),
    ("safeguarding:person", {}),
    ("outcomes:person", {}),
    ("outcomes:new", {}),
    ("safeguarding:concern_new", {}),
    ("safeguarding:risk_new", {}),
]


@pytest.mark.parametrize(("name", "extra"), PAGES)
def test_every_page_about_the_person_shows_the_summary(as_worker: Client, world: World, name: str, extra: dict[str, object]) -> None:
    person = _like_margaret(world)
    page = as_worker.get(reverse(name, kwargs={"person_id": person.pk, **extra})).content.decode()
    section = page.split('aria-label="What to know"')[1].split("</section>")[0]
    for text in (
        "Open concern: financial",
        "Review overdue since",
        "Latest PHQ-9 20 (severe)",
        "question 9 answered 1",
        "Has a crisis plan",
    ):
        assert text in section, (name, text)


def test_episode_and_contact_pages_show_the_summary(as_worker: Client, world: World) -> None:
    from enablement.tests.factories import EpisodeFactory

    person = _like_margaret(world)
    episode = EpisodeFactory.create(person=person, worker=world.worker)
    for name in ("enablement:episode", "enablement:contact_new", "enablement:review_new", "enablement:episode_end"):
        page = as_worker.get(reverse(name, kwargs={"episode_id": episode.pk})).content.decode()
        assert "Latest PHQ-9 20 (severe)" in page.split('aria-label="What to know"')[1], name


def test_the_summary_costs_the_same_however_long_the_history(world: World, django_assert_max_num_queries: DjangoAssertNumQueries) -> None:
    person = _like_margaret(world)
    with django_assert_max_num_queries(6):
        summary_for(world.worker, person)
    with CaptureQueriesContext(connection) as before:
        summary_for(world.worker, person)
    for days in range(1, 30):
        SafeguardingConcernFactory.create(person=person, raised_by=world.worker)
        RiskAssessmentFactory.create(person=person, assessed_by=world.worker, assessed_at=timezone.now() - datetime.timedelta(days=days))
        _phq9(person, score=days % 27, item9=days % 2, days_ago=days, by=world.worker)
    with CaptureQueriesContext(connection) as after:
        summary_for(world.worker, person)
    assert len(after.captured_queries) == len(before.captured_queries)


def test_a_worker_with_nothing_to_flag_is_told_so(as_worker: Client, world: World) -> None:
    page = as_worker.get(reverse("people:detail", kwargs={"person_id": world.caseload_person.pk})).content.decode()
    assert "Nothing to flag" in page


def test_a_member_reading_their_own_record_sees_no_staff_summary(client: Client, world: World) -> None:
    _like_margaret(world)
    sign_in(client, world.member)
    page = client.get(reverse("people:detail", kwargs={"person_id": world.member_person.pk})).content.decode()
    assert 'aria-label="What to know"' not in page
