"""The episode prompts for the routine outcome measure at the start, at each review and at the end."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import World
from enablement.models import Episode
from enablement.tests.factories import EpisodeFactory
from outcomes.loading import load_shipped_instruments
from outcomes.measure_prompts import measure_prompts
from outcomes.models import Measurement
from outcomes.tests.factories import MeasurementFactory
from people.models import Person


@pytest.fixture
def episode(world: World) -> Episode:
    load_shipped_instruments()
    return EpisodeFactory.create(person=world.caseload_person, worker=world.worker)


def completed_swemwbs(person: Person, days_ago: int) -> Measurement:
    from outcomes.models import Instrument

    return MeasurementFactory.create(
        person=person,
        instrument=Instrument.objects.get(code="SWEMWBS"),
        status=Measurement.Status.COMPLETE,
        measured_on=timezone.localdate() - timedelta(days=days_ago),
    )


def test_at_the_start_a_measure_never_done_is_prompted(episode: Episode, as_worker: Client) -> None:
    assert [p.reason for p in measure_prompts(episode, moment="start")] == ["Not done yet: do it at the start"]
    page = as_worker.get(reverse("enablement:episode", kwargs={"episode_id": episode.pk})).content.decode()
    assert "Outcome measures to do now" in page and "Not done yet: do it at the start" in page


def test_at_a_review_it_is_prompted_again_unless_done_recently(episode: Episode) -> None:
    completed_swemwbs(episode.person, days_ago=30)
    assert [p.reason for p in measure_prompts(episode, moment="review")] == ["Repeat it at this review to see what has changed"]
    assert measure_prompts(episode, moment="start") == []
    completed_swemwbs(episode.person, days_ago=2)
    assert measure_prompts(episode, moment="review") == []


def test_the_move_on_form_prompts_for_the_last_measure(episode: Episode, as_worker: Client) -> None:
    completed_swemwbs(episode.person, days_ago=60)
    page = as_worker.get(reverse("enablement:episode_end", kwargs={"episode_id": episode.pk})).content.decode()
    assert "Repeat it as the episode ends to see what has changed" in page
