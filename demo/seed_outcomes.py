"""Demo outcome measures: measurements over time for many demo people, and a measure sent to the
demo member. Scores come from the real scoring rules. No wording is loaded for the licensed SWEMWBS and
WEMWBS: staff see their scores, and an administrator enters the licensed wording on the wording page
before either can be started or sent; members never see placeholder text. The measure sent to the demo
member is the ONS personal wellbeing questions, whose wording is public."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.utils import timezone

from accounts.models import User
from outcomes.loading import load_shipped_instruments
from outcomes.models import Instrument, Measurement, MeasurementEvent
from outcomes.scoring import score_answers
from people.models import Person

SERIES = {"SWEMWBS": 0.8, "PHQ9": 0.4, "GAD7": 0.35, "LADDER": 0.45, "ONS4": 0.2, "GBO": 0.2}


def _answers(instrument: Instrument, link_ids: list[str], progress: float, rng: random.Random) -> dict[str, int]:
    """Answers drifting towards better as `progress` goes from 0 to 1."""
    values = sorted(instrument.option_values)
    answers = {}
    for link_id in link_ids:
        lean = progress if instrument.higher_is_better else 1 - progress
        position = min(len(values) - 1, max(0, round((0.25 + 0.5 * lean + rng.uniform(-0.25, 0.25)) * (len(values) - 1))))
        answers[link_id] = values[position]
    if instrument.goal_text:
        answers = dict(list(answers.items())[: rng.randint(1, len(link_ids))])
    return answers


def seed_outcomes(*, people: list[Person], users: dict[str, User], rng: random.Random) -> int:
    load_shipped_instruments()
    instruments = {i.code: i for i in Instrument.objects.prefetch_related("items")}
    link_ids = {code: [item.link_id for item in i.items.all()] for code, i in instruments.items()}
    bands = {code: {item.link_id: item.bands for item in i.items.all()} for code, i in instruments.items()}
    today = timezone.localdate()
    now = timezone.now()
    workers = [users["worker"], users["worker2"]]
    rows: list[Measurement] = []
    for index, person in enumerate(people[1:]):
        worker = workers[index % 2]
        for code, chance in SERIES.items():
            if rng.random() > chance:
                continue
            instrument = instruments[code]
            count = rng.randint(1, 4)
            start = today - timedelta(days=rng.randint(120, 400))
            for step in range(count):
                day = start + timedelta(days=step * rng.randint(50, 90))
                if day > today:
                    break
                answers = _answers(instrument, link_ids[code], (step / 3) * rng.uniform(0.3, 1.2), rng)
                result = score_answers(instrument, link_ids[code], answers, bands[code])
                goals = (
                    {k: rng.choice(["Go to the drop-in each week", "Sleep better", "Cook a meal for friends"]) for k in answers}
                    if instrument.goal_text
                    else {}
                )
                at = timezone.make_aware(datetime(day.year, day.month, day.day, 11, 0))  # noqa: DTZ001  (made aware at once) if day < today else now
                rows.append(
                    Measurement(
                        person=person, instrument=instrument, status=Measurement.Status.COMPLETE, measured_on=day, answers=answers,
                        goal_texts=goals, raw_score=result.raw, score=result.score, band=result.band, created_by=worker,
                        created_at=at, completed_at=at, completed_by=worker,
                    )
                )  # fmt: skip
    # The person with the open safeguarding concern (Margaret Holmes in the demo): a PHQ-9 of 20
    # a week ago, with question 9 answered above zero, for the summary at the top of her pages.
    if len(people) > 2:
        phq9_answers = dict(zip(link_ids["PHQ9"], [3, 3, 3, 2, 2, 2, 2, 2, 1], strict=False))
        phq9 = score_answers(instruments["PHQ9"], link_ids["PHQ9"], phq9_answers, bands["PHQ9"])
        week_ago = now - timedelta(days=7)
        rows.append(
            Measurement(
                person=people[2], instrument=instruments["PHQ9"], status=Measurement.Status.COMPLETE, measured_on=today - timedelta(days=7),
                answers=phq9_answers, raw_score=phq9.raw, score=phq9.score, band=phq9.band, created_by=users["worker"],
                created_at=week_ago, completed_at=week_ago, completed_by=users["worker"],
            )
        )  # fmt: skip
    # The demo member: an earlier SWEMWBS (completed with their worker), and the ONS4 sent to them
    # to complete on their phone (its wording is public, so it is ready to offer).
    member = people[0]
    first_answers = dict.fromkeys(link_ids["SWEMWBS"], 3)
    first = score_answers(instruments["SWEMWBS"], link_ids["SWEMWBS"], first_answers)
    first_day = today - timedelta(days=90)
    rows.append(
        Measurement(
            person=member, instrument=instruments["SWEMWBS"], status=Measurement.Status.COMPLETE, measured_on=first_day,
            answers=first_answers, raw_score=first.raw, score=first.score, created_by=users["worker"], completed_by=users["worker"],
            created_at=now - timedelta(days=90), completed_at=now - timedelta(days=90),
        )
    )  # fmt: skip
    rows.append(
        Measurement(
            person=member, instrument=instruments["ONS4"], status=Measurement.Status.SENT, mode=Measurement.Mode.BY_MEMBER,
            measured_on=today, created_by=users["worker"], created_at=now,
        )
    )  # fmt: skip
    created = Measurement.objects.bulk_create(rows)
    MeasurementEvent.objects.bulk_create(
        [MeasurementEvent(measurement=m, status=m.status, by=m.created_by, occurred_at=m.completed_at or m.created_at) for m in created]
    )
    return len(created)
