"""Aggregate change for managers and commissioners: no person-level data, small numbers suppressed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.access import requires
from accounts.roles import Capability, can
from accounts.teams import team_choice
from audit.services import Action, record_event
from core.disclosure import NOT_SHOWN
from core.periods import TWELVE_MONTHS, Period, month_of, quarter_of, year_of
from outcomes.cohorts import GROUPINGS, default_start, kept, paired_change
from outcomes.models import Instrument
from outcomes.presenters import format_score


class CohortForm(forms.Form):
    instrument = forms.ModelChoiceField(
        queryset=Instrument.objects.exclude(scoring_rule="profile"), label="Measure", empty_label=None, to_field_name="code"
    )
    group_by = forms.ChoiceField(label="Group", choices=list(GROUPINGS.items()), initial="all")
    start = forms.DateField(
        label="From (optional)",
        required=False,
        help_text="For example, 2026-01-01. Leave empty for all time",
        widget=forms.TextInput(attrs={"width": 10}),
    )
    end = forms.DateField(
        label="To (optional)", required=False, help_text="For example, 2026-12-31", widget=forms.TextInput(attrs={"width": 10})
    )


def default_cohort_start(today: date) -> date:
    """The day after the same date a year ago: the last 12 months, today included."""
    return default_start(today)


CALENDAR_ONLY = (
    "Choose the first and last day of a month, a financial quarter (April to June, July to September, "
    "October to December or January to March) or a financial year: other dates are not available "
    "for figures with small numbers hidden"
)


def calendar_period(start: date | None, end: date | None) -> Period | None:
    """The calendar month, financial quarter or financial year that runs exactly from start to end."""
    if start is None or end is None:
        return None
    return next((p for p in (month_of(start), quarter_of(start), year_of(start)) if p.start == start and p.end == end), None)


def kept_period(start: date | None, end: date | None, today: date) -> Period | None:
    """The period whose figures are kept (the figures store), when the dates are one: a calendar
    month, financial quarter or year, or the last 12 months to today (the default; no end date
    means today, as no measure is dated after it). None: computed from raw rows on demand."""
    if start is not None and start == default_start(today) and end in (None, today):
        return Period(TWELVE_MONTHS, start, today)
    return calendar_period(start, end)


def _signed(value: Decimal | None) -> str:
    """Two decimal places with a sign, as in "+1.60" or "−0.25"."""
    if value is None:
        return ""
    return f"{value:+.2f}".replace("-", "−")


@requires(Capability.SEE_OUTCOME_COHORTS)
def cohorts(request: HttpRequest) -> HttpResponse:
    # Without dates in the address, the last 12 months: pairing every score ever recorded took
    # 16 s on the large data set. An emptied "From" box still means all time.
    # Figures with small numbers hidden (commissioners) are for a calendar month, financial
    # quarter or financial year only: overlapping custom dates would give away hidden figures by
    # difference (ADR 0009). Their default is the financial year so far.
    restricted = not can(request.user, Capability.SEE_UNSUPPRESSED_FIGURES)
    today = timezone.localdate()
    default_start, default_end = (year_of(today).start, year_of(today).end) if restricted else (default_cohort_start(today), None)
    data = request.GET.copy()
    if data and "start" not in data and "end" not in data:
        data["start"] = default_start.isoformat()
        if default_end:
            data["end"] = default_end.isoformat()
    instrument = Instrument.objects.filter(code="SWEMWBS").first() or Instrument.objects.exclude(scoring_rule="profile").first()
    # The measure shown is the one chosen in the box, so that "Show figures" keeps it.
    form = CohortForm(data or None, initial={"start": default_start, "end": default_end, "instrument": instrument})
    if restricted:
        form.fields["start"].label, form.fields["start"].required = "From", True
        form.fields["end"].label, form.fields["end"].required = "To", True
        form.fields["start"].help_text = "The first day of a month, financial quarter or financial year, for example 2026-04-01"
        form.fields["end"].help_text = "Its last day, for example 2026-06-30"
    group_by, start, end = "all", default_start, default_end
    if form.is_bound and form.is_valid():
        if restricted and calendar_period(form.cleaned_data["start"], form.cleaned_data["end"]) is None:
            form.add_error("start", CALENDAR_ONLY)
        else:
            instrument = form.cleaned_data["instrument"]
            group_by = form.cleaned_data["group_by"]
            start = form.cleaned_data["start"]
            end = form.cleaned_data["end"]
    show = not (form.is_bound and form.errors)
    chosen = team_choice(request.user, request.GET.get("team", ""), restricted=restricted)
    rows, freshness = [], None
    if instrument and show:
        period = kept_period(start, end, today)
        if period is not None:
            start, end = period.start, period.end
        # Kept figures (reports' store, issue 22): a restricted viewer's are everyone's.
        with kept(period, None if restricted else chosen.scope) as freshness:
            rows = paired_change(instrument, group_by=group_by, start=start, end=end, restricted=restricted, scope=chosen.scope)
    record_event(
        user=request.user,
        action=Action.EXPORT,
        detail={
            "report": "outcome cohorts",
            "instrument": getattr(instrument, "code", ""),
            "team": chosen.team.name if chosen.team else "",
        },
    )
    table = [
        {
            "row": row,
            "people": NOT_SHOWN if row.people is None else str(row.people),
            "mean_change": _signed(row.mean_change),
            "ci": f"{_signed(row.ci_low)} to {_signed(row.ci_high)}" if not row.suppressed else "",
            "change": NOT_SHOWN if row.suppressed else f"{_signed(row.mean_change)} ({_signed(row.ci_low)} to {_signed(row.ci_high)})",
            "improved": row.cell(row.improved),
            "no_change": row.cell(row.no_change),
            "deteriorated": row.cell(row.deteriorated),
            "mean_latest": NOT_SHOWN if row.suppressed else format_score(row.mean_latest),
        }
        for row in rows
    ]
    return render(
        request,
        "outcomes/cohorts.jinja",
        {
            "form": form,
            "team_choice": chosen,
            "instrument": instrument,
            "table": table,
            "threshold": settings.STAR_SUPPRESSION_THRESHOLD,
            "restricted": restricted,
            "shown": show,
            "freshness": freshness,
            "meaningful": format_score(instrument.threshold) if instrument else None,
        },
    )
