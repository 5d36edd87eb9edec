"""Changes to outcome measures. Each is audited and leaves a history row; views call these."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accounts.models import User
from core.status import move
from enablement.models import Contact
from notifications.services import send
from outcomes.models import Instrument, Measurement
from outcomes.models.measurements import MeasurementNotAllowed
from outcomes.scoring import AnswerProblem, check_answers, score_answers
from people.models import Alert, CaseloadEntry, Person
from people.services import raise_alert

Status = Measurement.Status


@transaction.atomic
def start_measurement(
    *,
    by: User,
    person: Person,
    instrument: Instrument,
    measured_on: date | None = None,
    send_to_member: bool = False,
    contact: Contact | None = None,
) -> Measurement:
    """Begin a measure with a person, or send it to them to complete in their own pages."""
    if not instrument.wording_available:
        raise MeasurementNotAllowed(f"The wording of {instrument.short_name} has not been loaded yet. Ask your administrator to load it")
    if send_to_member and person.user_id is None:
        raise MeasurementNotAllowed(
            f"{person.known_as} does not have their own sign-in, so you cannot send them a measure. Complete it with them instead"
        )
    measurement = Measurement(
        person=person,
        instrument=instrument,
        mode=Measurement.Mode.BY_MEMBER if send_to_member else Measurement.Mode.WITH_WORKER,
        measured_on=measured_on or timezone.localdate(),
        created_by=by,
        contact=None if send_to_member or contact is None or contact.person_id != person.pk else contact,
    )
    move(
        measurement,
        Status.SENT if send_to_member else Status.DRAFT,
        by=by,
        detail={"instrument": instrument.code, "sent": send_to_member},
    )
    return measurement


@transaction.atomic
def save_answers(
    *,
    by: User,
    measurement: Measurement,
    answers: dict[str, object],
    goal_texts: dict[str, str] | None = None,
    finish: bool,
) -> Measurement:
    """Save answers as a draft, or finish: then the measure must be complete and is scored by its rule.

    Raises AnswerProblem (answers off the scale, or missing when finishing) and MeasurementNotAllowed.
    """
    measurement = Measurement.objects.select_for_update().select_related("instrument", "person").get(pk=measurement.pk)
    if measurement.is_complete:
        raise MeasurementNotAllowed("This measure is already complete and cannot be changed")
    instrument = measurement.instrument
    items = list(instrument.items.all())
    link_ids = [item.link_id for item in items]
    cleaned = check_answers(instrument, link_ids, answers, complete=False)
    measurement.answers = dict(cleaned.items())
    if instrument.goal_text:
        measurement.goal_texts = {key: text.strip()[:300] for key, text in (goal_texts or {}).items() if key in link_ids and text.strip()}
    if finish:
        result = score_answers(instrument, link_ids, measurement.answers, {item.link_id: item.bands for item in items})
        measurement.raw_score, measurement.score, measurement.band = result.raw, result.score, result.band
        measurement.completed_at = timezone.now()
        measurement.completed_by = by
    status = Status.COMPLETE if finish else Status.DRAFT
    move(measurement, status, by=by, detail={"status": status, "answered": len(cleaned)})
    if finish:
        _raise_clinical_alerts(by=by, measurement=measurement)
    return measurement


def _raise_clinical_alerts(*, by: User, measurement: Measurement) -> list[Alert]:
    """Crossing a clinical threshold (for example PHQ-9 question 9 above zero) raises a risk alert
    and emails the person's caseload workers, whatever the total score."""
    raised = []
    for rule in measurement.instrument.alerts:
        value = measurement.answers.get(rule["link_id"])
        if value is not None and int(value) > int(rule["above"]):
            raised.append(raise_alert(by=by, person=measurement.person, category=Alert.Category.RISK, summary=rule["summary"][:300]))
    if raised:
        workers = User.objects.filter(
            pk__in=CaseloadEntry.objects.filter(person=measurement.person, ended_at__isnull=True).values("worker_id")
        ).exclude(email="")
        for worker in workers:
            # No names or answers in the message: it only asks the worker to sign in.
            send(by=by, to_user=worker, template="risk_alert", personalisation={}, reason="A measure raised a risk alert")
    return raised


@dataclass(frozen=True)
class DueMeasure:
    instrument: Instrument
    reason: str
    measurement: Measurement | None = None


def measures_due_for(person: Person, *, on: date | None = None) -> list[DueMeasure]:
    """Measures to prompt for: ones started or sent and not finished, and each routine measure
    (settings.STAR_ROUTINE_MEASURES) never done or last done more than STAR_MEASURE_INTERVAL_DAYS ago.
    Episodes call this at start, review and end. A fixed number of queries."""
    on = on or timezone.localdate()
    due: list[DueMeasure] = [
        DueMeasure(m.instrument, "Sent to them and not finished" if m.status == Status.SENT else "Started and not finished", m)
        for m in Measurement.objects.filter(person=person, status__in=[Status.SENT, Status.DRAFT]).select_related("instrument")
    ]
    outstanding = {d.instrument.code for d in due}
    routine = [code for code in settings.STAR_ROUTINE_MEASURES if code not in outstanding]
    last_done = dict(
        Measurement.objects.filter(person=person, status=Status.COMPLETE, instrument__code__in=routine)
        .values_list("instrument__code")
        .annotate(last=Max("measured_on"))
    )
    interval = timedelta(days=settings.STAR_MEASURE_INTERVAL_DAYS)
    for instrument in Instrument.objects.filter(code__in=routine):
        last = last_done.get(instrument.code)
        if last is None:
            due.append(DueMeasure(instrument, "Not done yet: do it at the start"))
        elif on - last >= interval:
            due.append(DueMeasure(instrument, f"Last done on {last.day} {last:%B %Y}"))
    return due


__all__ = ["AnswerProblem", "DueMeasure", "MeasurementNotAllowed", "measures_due_for", "save_answers", "start_measurement"]
