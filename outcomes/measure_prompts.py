"""The episode prompts for an outcome measure at its start, at each review and at the end
(registered with `enablement.prompts` in OutcomesConfig.ready(), shown on the episode's pages).

At the start, `outcomes.services.measures_due_for` says what has never been done. At a review and
at the end, each routine measure is prompted again unless it was completed in the last
`RECENT_DAYS`, so there is a measurement for each point of the episode to compare."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from enablement.models import Episode
from outcomes.models import Instrument, Measurement
from outcomes.services import measures_due_for

RECENT_DAYS = 14


@dataclass(frozen=True)
class MeasurePrompt:
    instrument_name: str
    reason: str


def measure_prompts(episode: Episode, *, moment: str) -> list[MeasurePrompt]:
    """What to ask the person to complete now. `moment` is "start", "review" or "end"."""
    today = timezone.localdate()
    prompts = [MeasurePrompt(due.instrument.name, due.reason) for due in measures_due_for(episode.person, on=today)]
    if moment == "start":
        return prompts
    named = {prompt.instrument_name for prompt in prompts}
    routine = settings.STAR_ROUTINE_MEASURES
    last_done = dict(
        Measurement.objects.filter(person=episode.person, status=Measurement.Status.COMPLETE, instrument__code__in=routine)
        .values_list("instrument__code")
        .annotate(last=Max("measured_on"))
    )
    label = "at this review" if moment == "review" else "as the episode ends"
    for instrument in Instrument.objects.filter(code__in=routine):
        last = last_done.get(instrument.code)
        if instrument.name not in named and last is not None and today - last > timedelta(days=RECENT_DAYS):
            prompts.append(MeasurePrompt(instrument.name, f"Repeat it {label} to see what has changed"))
    return prompts
