"""Every ordinary save or delete of a row a stored figure reads marks the stored figures of its
dates stale (reports/store.py), in the write's own transaction. Bulk writes (bulk_create, a
QuerySet's update or delete) send no signals: those paths call `store.figures_changed` themselves.

A row's dates are taken when it is loaded and again when it is saved, so moving a contact from
one month to another marks both months. Changes not tied to dates (a person's equality answers
or date of birth, a project moved to another team, an activity's kind) mark every stored set.
Rows the cohort outcomes page groups by whatever their dates (caseload entries for "by worker";
episodes place a person in a team) mark that page's own sets (reports/cohorts.py) of every period.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models.signals import post_delete, post_init, post_save
from django.utils import timezone

from core import written
from reports.cohorts import PART as COHORTS
from reports.store import Span, figures_changed

EVERYTHING: Span = (None, None)
SNAPSHOT = "_figures_spans"


def _day(value: date | datetime | None) -> date | None:
    if isinstance(value, datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def _days(*values: date | datetime | None) -> list[Span]:
    return [(day, day) for day in map(_day, values) if day is not None]


def _episode(row: Any) -> list[Span]:
    # An episode counts in every period it overlaps: open, it counts in every period from its start.
    return [(row.started_on, row.ended_on)] if row.started_on else []


def _cost(row: Any) -> list[Span]:
    return [(row.starts_on, row.ends_on)] if row.starts_on and row.ends_on else []


def _person(row: Any) -> list[Span]:
    # A person's service and age group place them in figures of every period they were supported.
    return [EVERYTHING] if row.pk else []


# The row's own dates (what it changes is dated there), cheap enough to take as it loads.
OWN_DATES: dict[str, Callable[[Any], list[Span]]] = {
    "referrals.referral": lambda row: _days(row.received_at, row.triaged_at),
    "enablement.episode": _episode,
    "enablement.contact": lambda row: _days(row.contact_date),
    "enablement.moveon": lambda row: _days(row.ended_on),
    "community.session": lambda row: _days(row.starts_at),
    "outcomes.measurement": lambda row: _days(row.measured_on),
    "questions.answer": lambda row: _days(row.answered_at),
    "involvement.feedback": lambda row: _days(row.received_at),
    "involvement.involvementactivity": lambda row: _days(row.held_on),
    "volunteers.hoursentry": lambda row: _days(row.worked_on),
    "reports.costentry": _cost,
}

# Rows whose own fields date nothing: the dates of the row they belong to (one query).


def _attendance(row: Any) -> list[Span]:
    session = apps.get_model("community", "Session")
    return _days(session.objects.filter(pk=row.session_id).values_list("starts_at", flat=True).first())


def _participant(row: Any) -> list[Span]:
    activity = apps.get_model("involvement", "InvolvementActivity")
    return _days(activity.objects.filter(pk=row.activity_id).values_list("held_on", flat=True).first())


def _contact_waits(row: Any) -> list[Span]:
    """A contact can be its referral's first: the referral's waiting time, counted in the period
    it was received, changes too."""
    episode = apps.get_model("enablement", "Episode")
    received = _day(episode.objects.filter(pk=row.episode_id).values_list("referral__received_at", flat=True).first())
    return [(received, row.contact_date)] if received and row.contact_date else []


RELATED_DATES: dict[str, Callable[[Any], list[Span]]] = {
    "community.attendance": _attendance,
    "involvement.participant": _participant,
    "enablement.contact": _contact_waits,
}

# Changes to these mark every stored set (rare: setup, not daily work). A person's save marks them
# only when a field figures group by changes.
EVERY_PERIOD = ("people.equalitymonitoring", "community.project", "community.activity", "community.projectmembership")
PERSON_FIELDS = ("service_id", "date_of_birth")

# Rows the cohort page's figures read whatever their dates: a worker's open caseload entries ("by
# worker", every scope), a person's episodes (with a team's worker: counted for that team) and an
# instrument (its threshold for a meaningful change, which way is better). A change marks the
# cohort sets of every period (True: only those of a team).
COHORT_ROWS = {"people.caseloadentry": False, "enablement.episode": True, "outcomes.instrument": False}


def _cohorts_changed(label: str) -> int:
    if label not in COHORT_ROWS:
        return 0
    return figures_changed(EVERYTHING, part=COHORTS, team_scoped=COHORT_ROWS[label])


def _snapshot(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if instance.pk is None:
        return
    label = sender._meta.label_lower
    if label == "people.person":
        instance.__dict__[SNAPSHOT] = tuple(instance.__dict__.get(field) for field in PERSON_FIELDS)
    elif label in OWN_DATES and all(f.attname in instance.__dict__ for f in sender._meta.concrete_fields):
        instance.__dict__[SNAPSHOT] = OWN_DATES[label](instance)


def _spans(sender: type[models.Model], instance: models.Model, *, deleted: bool, created: bool) -> list[Span]:
    label = sender._meta.label_lower
    if label in EVERY_PERIOD:
        return [EVERYTHING]
    if label == "people.person":
        was = instance.__dict__.get(SNAPSHOT)
        now = tuple(getattr(instance, field) for field in PERSON_FIELDS)
        instance.__dict__[SNAPSHOT] = now
        # New, a person is in no figure yet; deleted, their rows' own deletes mark their dates.
        return [] if created or deleted or was == now else _person(instance)
    spans: list[Span] = list(instance.__dict__.get(SNAPSHOT, []))
    if label in OWN_DATES:
        own = OWN_DATES[label](instance)
        spans += own
        instance.__dict__[SNAPSHOT] = own
    if label in RELATED_DATES:
        spans += RELATED_DATES[label](instance)
    return list(dict.fromkeys(spans))


def _saved(sender: type[models.Model], instance: models.Model, created: bool = False, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # loading fixtures: the store is rebuilt after
        return
    figures_changed(*_spans(sender, instance, deleted=False, created=created))
    _cohorts_changed(sender._meta.label_lower)


def _deleted(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    figures_changed(*_spans(sender, instance, deleted=True, created=False))
    _cohorts_changed(sender._meta.label_lower)


def watched() -> list[type[models.Model]]:
    labels = {*OWN_DATES, *RELATED_DATES, *EVERY_PERIOD, *COHORT_ROWS, "people.person"}
    return [apps.get_model(label) for label in sorted(labels)]


def _bulk_written(sender: type[models.Model], rows: list[models.Model], **_: object) -> None:
    rows_written(sender, rows)


def _days_changed(sender: object, spans: tuple[Span, ...], **_: object) -> None:
    figures_changed(*spans)


def connect() -> None:
    # Bulk writes anywhere say so through core.written (a domain app cannot import reports).
    written.bulk_written.connect(_bulk_written, dispatch_uid="reports.store:bulk")
    written.days_changed.connect(_days_changed, dispatch_uid="reports.store:days")
    for model in watched():
        uid = f"reports.store:{model._meta.label_lower}"
        post_init.connect(_snapshot, sender=model, dispatch_uid=uid)
        post_save.connect(_saved, sender=model, dispatch_uid=uid)
        post_delete.connect(_deleted, sender=model, dispatch_uid=uid)


def rows_written(model: type[models.Model], rows: Iterable[models.Model]) -> int:
    """For bulk writes (bulk_create, a QuerySet's update), which send no signals: mark the stored
    figures of the rows' dates stale, as a save of each would, in one statement. Returns the number
    of stored sets marked."""
    label = model._meta.label_lower
    if label in EVERY_PERIOD:
        return figures_changed(EVERYTHING)
    rows = list(rows)
    marked = _cohorts_changed(label) if rows else 0
    spans: set[Span] = set()
    for row in rows:
        spans.update(OWN_DATES[label](row) if label in OWN_DATES else [])
    if label == "enablement.contact" and spans:
        # A contact can be the first for a referral received any time before it (its waiting time).
        spans.add((None, max(last for _, last in spans if last is not None)))
    return marked + figures_changed(*_merged(spans))


def _merged(spans: Iterable[Span]) -> list[Span]:
    """One span from the earliest day to the latest (an open end stays open): one range to mark."""
    found = list(spans)
    if not found:
        return []
    firsts = [first for first, _ in found]
    lasts = [last for _, last in found]
    first = None if None in firsts else min(day for day in firsts if day is not None)
    last = None if None in lasts else max(day for day in lasts if day is not None)
    return [(first, last)]
