"""Demo appointments: each open 1-to-1 episode has its next appointment booked over the coming
working days, and a few from earlier today or yesterday wait for the worker to say what happened.
No two of a worker's appointments overlap. Deterministic from the seeded `random.Random`."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from appointments.models import Appointment
from core.working_days import is_working_day
from enablement.models import Episode

PLACES = ["The library café", "Community centre, side room", "Cannon Hill Park gates", "", "Phone call"]


def _working_days_from(day: date, count: int) -> list[date]:
    days: list[date] = []
    while len(days) < count:
        if is_working_day(day):
            days.append(day)
        day += timedelta(days=1)
    return days


def seed_appointments(*, rng: random.Random, now: datetime) -> None:
    episodes = list(Episode.objects.filter(status=Episode.Status.OPEN).select_related("worker").order_by("id")[:400])
    upcoming = _working_days_from(timezone.localdate(now) + timedelta(days=1), 10)
    next_free: dict[int, datetime] = {}
    rows = []
    for index, episode in enumerate(episodes):
        slot = next_free.get(episode.worker_id) or timezone.make_aware(datetime.combine(upcoming[rng.randrange(3)], time(10, 0)))
        if slot.hour >= 16:
            later = [day for day in upcoming if day > timezone.localdate(slot)]
            slot = timezone.make_aware(datetime.combine(later[0] if later else upcoming[-1], time(10, 0)))
        mode = rng.choice([Appointment.Mode.FACE_TO_FACE, Appointment.Mode.FACE_TO_FACE, Appointment.Mode.PHONE])
        rows.append(
            Appointment(
                episode=episode,
                person_id=episode.person_id,
                worker=episode.worker,
                starts_at=slot,
                minutes=60,
                mode=mode,
                place="" if mode == Appointment.Mode.PHONE else rng.choice(PLACES[:3]),
                booked_by=episode.worker,
                booked_at=now - timedelta(days=rng.randint(1, 6)),
            )
        )
        next_free[episode.worker_id] = slot + timedelta(minutes=90)
        if index % 5 == 0:
            # One that has happened and is waiting for its outcome: three hours ago (or yesterday).
            earlier = now - timedelta(hours=3)
            rows.append(
                Appointment(
                    episode=episode,
                    person_id=episode.person_id,
                    worker=episode.worker,
                    starts_at=earlier.replace(minute=0, second=0, microsecond=0),
                    minutes=45,
                    mode=Appointment.Mode.FACE_TO_FACE,
                    place="Community centre, side room",
                    booked_by=episode.worker,
                    booked_at=now - timedelta(days=7),
                )
            )
    Appointment.objects.bulk_create(rows, batch_size=500)
