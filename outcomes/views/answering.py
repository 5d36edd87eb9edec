"""Answering a questionnaire: the same steps for a worker with a person and for a member alone."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.access import acting_user
from core.posted import posted
from core.status import show_refusal
from outcomes import services
from outcomes.forms import AnswersForm
from outcomes.models import Measurement
from outcomes.scoring import AnswerProblem

FINISH = "finish"


def answering(request: HttpRequest, measurement: Measurement, context: dict[str, Any]) -> tuple[Measurement | None, HttpResponse | None]:
    """Returns (saved measurement, None) after a successful POST, or (None, the page to show)."""
    instrument = measurement.instrument
    items = list(instrument.items.all())
    form = AnswersForm(
        posted(request), instrument=instrument, items=items, initial_answers=measurement.answers, goal_texts=measurement.goal_texts
    )
    if request.method == "POST" and instrument.wording_available and form.is_valid():
        try:
            saved = services.save_answers(
                by=acting_user(request),
                measurement=measurement,
                answers=form.answers(),
                goal_texts=form.goal_texts(),
                finish=request.POST.get("action") == FINISH,
            )
            return saved, None
        except AnswerProblem as problem:
            form.show_problems(problem.problems)
        except services.MeasurementNotAllowed as refused:
            show_refusal(request, refused, form)
    page = render(
        request,
        "outcomes/answer.jinja",
        {**context, "form": form, "measurement": measurement, "instrument": instrument, "wording_available": instrument.wording_available},
    )
    return None, page
