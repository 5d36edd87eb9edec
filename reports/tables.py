"""The dashboard as tables of display strings: the page, the CSV/XLSX exports and the PDF share them.

Each table compares the period with the previous period and the same period last year. For a
restricted viewer (a commissioner) every figure goes through `core.disclosure` (see reports/figures/published.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from django.conf import settings
from django.utils import timezone

from accounts.models import Team
from accounts.teams import Scope
from community.models import Project
from core import disclosure
from core.disclosure import NOT_SHOWN, derived_shown, enough_people, suppress_value, threshold
from core.periods import CALENDAR_KINDS, RESTRICTED_PERIODS, Period, PeriodError, month_of
from core.published import Published, year_for
from enablement.models import MoveOn
from involvement import figures as involvement_figures
from referrals.models import Referral
from reports import charts
from reports.figures import money, published, service, trends
from reports.figures import volunteering as volunteer_figures
from reports.models import CostCategory

# Involvement's figures, kept by the figures store (reports/store.py) like the service's own.
_complaint_figures = service.stored(involvement_figures.complaint_figures)
_involvement_headline = service.stored(involvement_figures.headline)


@dataclass
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[tuple[str, list[str]]]
    note: str = ""
    chart: charts.BarChart | None = None
    headline: bool = field(default=False)


def _show(value: int | None) -> str:
    return disclosure.show(value)


def _people(value: int, suppressed: bool) -> str:
    """A count of people that adds up with nothing else shown (distinct people in a period)."""
    return _show(suppress_value(value)) if suppressed else str(value)


def _different_people(community: list[dict[str, service.Attendances]], suppressed: bool) -> dict[tuple[int, str], str]:
    """Different people named at drop-ins, at groups and at either, for each period shown. People
    who came to both count once in "all", so the three do not add up exactly; they are suppressed
    as if all = drop-ins + groups (which only hides more), so a small count is never left alone
    beside the two it could be worked out or bounded from."""
    values = {(index, kind): c[kind].unique_people for index, c in enumerate(community) for kind in ("drop_in", "group", "all")}
    if not suppressed:
        return {key: str(value) for key, value in values.items()}
    lines: list[disclosure.Line[tuple[int, str]]] = [
        ((index, "all"), [(index, "drop_in"), (index, "group")]) for index in range(len(community))
    ]
    hidden = disclosure.protect(values, lines)
    return {key: _show(None if key in hidden else value) for key, value in values.items()}


def _count_rows(labels: list[tuple[str, str]], values: list[dict[str, int | None]]) -> list[tuple[str, list[str]]]:
    """A row for each label, then the total, with each period's count as published."""
    rows = [(label, [_show(per_period.get(value, 0)) for per_period in values]) for value, label in labels]
    rows.append(("Total", [_show(per_period.get("total", 0)) for per_period in values]))
    return rows


def _raw(counts: dict[str, int], rows: list[str]) -> dict[str, int | None]:
    shown: dict[str, int | None] = {row: counts.get(row, 0) for row in rows}
    shown["total"] = sum(counts.get(row, 0) for row in rows)
    return shown


def _from(cube: Published, period: Period, rows: list[str], prefix: str = "") -> dict[str, int | None]:
    shown = {row.removeprefix(prefix): cube.get(period, row) for row in rows}
    shown["total"] = cube.get(period, "total")
    return shown


@dataclass(frozen=True)
class _Scope:
    """What each dashboard table is built for: the period, the previous period and the same period
    last year; one project or all; and whether the viewer is restricted (`suppressed`: every count
    comes from `published`, and every derived figure is shown only when its counts are shown)."""

    periods: list[Period]
    project: Project | None
    suppressed: bool

    @property
    def heads(self) -> list[str]:
        return [p.label for p in self.periods]

    def published_counts(self, cube: Callable[[Period], Published], rows: list[str], prefix: str) -> list[dict[str, int | None]]:
        """Each period's published `rows` and their total, from its financial year's cube."""
        return [_from(cube(year_for(p)), p, rows, prefix) for p in self.periods]


def build(period: Period, *, project: Project | None, suppressed: bool) -> list[Table]:
    """Every dashboard table, in the page's order, each with its chart. Query count depends on the
    number of periods (3), not on the data."""
    if suppressed and period.kind not in CALENDAR_KINDS:
        raise PeriodError(RESTRICTED_PERIODS)
    scope = _Scope([period, period.previous(), period.last_year()], project, suppressed)
    with service.figures_shared():
        return [
            _referrals_by_source(scope),
            _triage_decisions(scope),
            _waiting_times(scope),
            _one_to_one(scope),
            _episodes_ended(scope),
            _attendances(scope),
            _outcomes(scope),
            _complaints_and_involvement(scope),
            _volunteers(scope),
            _complexity(scope),
        ]


def _referrals_by_source(scope: _Scope) -> Table:
    if scope.suppressed:
        sources = scope.published_counts(published.referrals, published.SOURCES, "source:")
    else:
        sources = [_raw(service.referrals_by_source(p), list(Referral.Source.values)) for p in scope.periods]
    rows = _count_rows(list(Referral.Source.choices), sources)
    totals = rows[-1][1]
    return Table(
        "referrals-by-source",
        "Referrals received, by source",
        scope.heads,
        rows,
        chart=charts.bar_chart(
            title="Referrals received: this period, previous period, same period last year",
            chart_id="referrals-chart",
            bars=[(p.label, None if total == NOT_SHOWN else int(total)) for p, total in zip(scope.periods, totals, strict=True)],
            unit="",
        ),
    )


def _triage_decisions(scope: _Scope) -> Table:
    if scope.suppressed:
        decisions = scope.published_counts(published.decisions, published.DECISIONS, "decision:")
    else:
        decisions = [_raw(service.triage_decisions(p), list(Referral.Decision.values)) for p in scope.periods]
    return Table("triage-decisions", "Triage decisions", scope.heads, _count_rows(list(Referral.Decision.choices), decisions))


def _waiting_times(scope: _Scope) -> Table:
    waits = [service.waiting(p) for p in scope.periods]
    target = settings.STAR_WAITING_TARGET_DAYS
    if scope.suppressed:
        counts = scope.published_counts(published.referrals, published.WAITS, "wait:")
    else:
        counts = [
            {
                "week": w.within_week,
                "target": w.within_target - w.within_week,
                "over": w.over_target,
                "not_seen": w.not_seen,
                "total": w.received,
            }
            for w in waits
        ]
    labels = [
        ("week", "Seen within 7 days"),
        ("target", f"Seen in 8 to {target} days"),
        ("over", f"Seen after more than {target} days"),
        ("not_seen", "Not seen yet"),
    ]
    rows = [*_count_rows(labels, counts), ("Median days to first contact", [_median_wait(w, scope.suppressed) for w in waits])]
    shown_when = f", and is shown only when {threshold()} or more people were seen." if scope.suppressed else "."
    return Table(
        "waiting-times",
        f"Waiting times from referral to first contact (target {target} days)",
        scope.heads,
        rows,
        "Referrals received in the period. Median days counts only people seen" + shown_when,
    )


def _median_wait(w: service.Waiting, suppressed: bool) -> str:
    seen = w.received - w.not_seen
    if w.median_days is None:
        return "None seen"
    if suppressed and not enough_people(seen):
        return NOT_SHOWN
    return f"{w.median_days:.1f}"


def _one_to_one(scope: _Scope) -> Table:
    periods, project, suppressed = scope.periods, scope.project, scope.suppressed
    work = [service.enablement(p) for p in periods]
    everyone = [service.people_supported(p, project) for p in periods]
    if suppressed:
        counted = [{row: published.enablement(year_for(p)).get(p, row) for row in ("contacts", "dna", "started")} for p in periods]
    else:
        counted = [{"contacts": w.contacts, "dna": w.did_not_attend, "started": w.episodes_started} for w in work]
    return Table(
        "one-to-one",
        "1-to-1 enablement",
        scope.heads,
        [
            ("People supported in 1-to-1", [_people(w.people_supported, suppressed) for w in work]),
            ("Caseload at the end of the period (open episodes)", [_people(w.episodes_open_at_end, suppressed) for w in work]),
            ("Episodes started", [_show(c["started"]) for c in counted]),
            ("Contacts that took place", [_show(c["contacts"]) for c in counted]),
            ("Hours of support time", [str(w.hours) for w in work]),
            ("Did not attend", [_show(c["dna"]) for c in counted]),
            ("Did-not-attend rate", [_dna_rate(w, c) for w, c in zip(work, counted, strict=True)]),
            (
                "People supported (1-to-1, drop-ins and groups)",
                [_supported(p, n, project, suppressed) for p, n in zip(periods, everyone, strict=True)],
            ),
        ],
        chart=charts.bar_chart(
            title="Hours of support time: this period, previous period, same period last year",
            chart_id="hours-chart",
            bars=[(p.label, round(w.hours)) for p, w in zip(periods, work, strict=True)],
        ),
        headline=True,
    )


def _dna_rate(w: service.Enablement, counted: dict[str, int | None]) -> str:
    return w.dna_rate if derived_shown(counted["contacts"], counted["dna"]) else NOT_SHOWN


def _episodes_ended(scope: _Scope) -> Table:
    if scope.suppressed:
        ended = scope.published_counts(published.moves_on, published.DESTINATIONS, "destination:")
    else:
        ended = [_raw(service.moves_on(p), list(MoveOn.Destination.values)) for p in scope.periods]
    rows = _count_rows(list(MoveOn.Destination.choices), ended)
    rows.append(("Share who stepped down into a user-led project", [_user_led_share(per_period) for per_period in ended]))
    return Table("episodes-ended", "Episodes ended, by where the person moved on to", scope.heads, rows)


def _user_led_share(ended: dict[str, int | None]) -> str:
    total, user_led = ended["total"], ended.get("user_led", 0)
    if total == 0:
        return "None ended"
    if total is None or user_led is None:
        return NOT_SHOWN
    return f"{round(100 * user_led / total)}%"


def _attendances(scope: _Scope) -> Table:
    periods, project, suppressed = scope.periods, scope.project, scope.suppressed
    community = [service.attendances(p, project) for p in periods]
    cubes = {p: published.attendances(year_for(p)) for p in periods} if suppressed else {}
    different = _different_people(community, suppressed)

    def counted_as(p: Period, c: dict[str, service.Attendances], kind: str, measure: str) -> str:
        if not suppressed:
            return str(getattr(c[kind], "named" if measure == "named" else "headcount"))
        return _show(cubes[p].get(p, published.attendance_row(project, kind, measure)))

    in_periods = list(zip(periods, community, strict=True))
    rows = []
    for kind, name in (("drop_in", "Drop-ins"), ("group", "Groups"), ("all", "All")):
        rows += [
            (f"{name}: sessions run", [str(c[kind].sessions_run) for c in community]),
            (f"{name}: sessions cancelled", [str(c[kind].sessions_cancelled) for c in community]),
            (f"{name}: named attendances", [counted_as(p, c, kind, "named") for p, c in in_periods]),
            (f"{name}: counted, not named", [counted_as(p, c, kind, "headcount") for p, c in in_periods]),
            (f"{name}: different people named", [different[(index, kind)] for index in range(len(periods))]),
        ]
    # The chart's bars are the published total attendances (named + counted): hidden with it.
    totals = [cubes[p].get(p, published.attendance_row(project, "all", "total")) if suppressed else c["all"].total for p, c in in_periods]
    return Table(
        "attendances",
        "Drop-in and group attendances" + (f" ({project.name})" if project else ""),
        scope.heads,
        rows,
        chart=charts.bar_chart(
            title="Drop-in and group attendances (named and counted): this period, previous period, same period last year",
            chart_id="attendances-chart",
            bars=[(p.label, total) for p, total in zip(periods, totals, strict=True)],
        ),
    )


def _outcomes(scope: _Scope) -> Table:
    instruments = service.routine_instruments()
    outcome_figures = service.published_outcomes if scope.suppressed else service.outcomes
    changes = [outcome_figures(p, instruments) for p in scope.periods]
    rows = []
    for index, instrument in enumerate(instruments):
        per = [c[index] for c in changes]
        rows += [
            (f"{instrument.code}: people with two or more scores", [_show(o.people) for o in per]),
            (f"{instrument.code}: meaningful improvement", [_improved(o) for o in per]),
            (
                f"{instrument.code}: mean change",
                [NOT_SHOWN if o.suppressed or o.mean_change is None else f"{o.mean_change:+}" for o in per],
            ),
        ]
    return Table(
        "outcomes",
        "Outcomes: change from first to last score",
        scope.heads,
        rows,
        "From the outcomes part of STaR (paired first and last scores in the period).",
    )


def _complaints_and_involvement(scope: _Scope) -> Table:
    periods, suppressed = scope.periods, scope.suppressed
    complaints = [_complaint_figures(p) for p in periods]
    involvement = [_involvement_headline(p) for p in periods]

    def received(p: Period, c: involvement_figures.ComplaintFigures) -> str:
        return _show(published.enablement(year_for(p)).get(p, "complaints")) if suppressed else str(c.received)

    return Table(
        "complaints-involvement",
        "Complaints and involvement",
        scope.heads,
        [
            ("Complaints received", [received(p, c) for p, c in zip(periods, complaints, strict=True)]),
            ("Complaints responded to by the deadline", [_on_time(c, suppressed) for c in complaints]),
            ("Involvement activities", [str(i["activities"]) for i in involvement]),
            ("Members who took part (named)", [_people(i["members"], suppressed) for i in involvement]),
        ],
    )


def _on_time(c: involvement_figures.ComplaintFigures, suppressed: bool) -> str:
    late = c.responded - c.responded_on_time
    if suppressed and not derived_shown(*(suppress_value(n) for n in (c.responded, c.responded_on_time, late))):
        return NOT_SHOWN
    return c.responded_share


def _volunteers(scope: _Scope) -> Table:
    periods, project, suppressed = scope.periods, scope.project, scope.suppressed
    volunteering = [volunteer_figures.volunteering(p, project) for p in periods]
    rate = money.volunteer_hour_rate_pence()
    if suppressed:
        # The same hours as the volunteers' report publishes (volunteers.figures.published_hours):
        # a project's hours are hidden when fewer than the threshold volunteers gave them, with
        # every total, project and period they add up with.
        minutes = [volunteer_figures.published_minutes(p, project.pk if project else None) for p in periods]
        hours: list[Decimal | None] = [None if m is None else (Decimal(m) / 60).quantize(Decimal("0.1")) for m in minutes]
    else:
        hours = [v.hours for v in volunteering]
    return Table(
        "volunteers",
        "Volunteers and volunteer hours",
        scope.heads,
        [
            ("Volunteers who gave time", [_people(v.volunteers, suppressed) for v in volunteering]),
            ("Volunteer hours", [NOT_SHOWN if h is None else str(h) for h in hours]),
            ("Value of those hours", [NOT_SHOWN if h is None else money.pounds(h * rate) for h in hours]),
        ],
        f"Hours confirmed from the rota and other work; valued at {money.pounds(Decimal(rate))} an hour.",
    )


def _complexity(scope: _Scope) -> Table:
    period = scope.periods[0]
    complexity = trends.complexity_over_time(period)
    if scope.suppressed:
        cube = published.referrals(year_for(period))
        rows = [(row.label, _published_complexity(cube, row)) for row in complexity]
    else:
        rows = [(row.label, _complexity_cells(row)) for row in complexity]
    return Table(
        "complexity",
        "Complexity of referrals over time",
        [label for _, label in trends.COMPLEXITY_LABELS] + ["Complex or very complex (3 or 4)"],
        rows,
        "Referrals received, by the complexity rated at triage.",
        chart=charts.bar_chart(
            title="Share of rated referrals that were complex or very complex, by " + trends.step_for(period),
            chart_id="complexity-chart",
            bars=[(label, None if cells[-1] == NOT_SHOWN else int(cells[-1].rstrip("%") or 0)) for label, cells in rows],
            unit="%",
        ),
    )


def _supported(period: Period, people: int, project: Project | None, suppressed: bool) -> str:
    """Everyone supported is also the total of the equality tables: published the same way."""
    if not suppressed or project is not None:
        return _people(people, suppressed)
    from reports.figures import equality

    values, hidden = equality.published_groups(period)
    return _show(None if ("all", "total") in hidden else values[("all", "total")])


def _improved(o: service.OutcomeChange) -> str:
    """People with a meaningful improvement: for a restricted viewer exactly as outcomes' cohorts
    publish it (`service.published_outcomes`, suppressed with everything it adds up with)."""
    return _show(o.improved)


def _published_complexity(cube: Published, row: trends.ComplexityRow) -> list[str]:
    """A month's referrals by complexity as published; the share rated 3 or 4 only when every
    count it is made from is shown."""
    month = month_of(row.starts)
    counts = [cube.get(month, f"complexity:{value}") for value, _ in trends.COMPLEXITY_LABELS]
    share = "" if row.complex_share is None else f"{row.complex_share}%"
    if row.complex_share is not None and not derived_shown(*counts):
        share = NOT_SHOWN
    return [*(_show(n) for n in counts), share]


def _complexity_cells(row: trends.ComplexityRow) -> list[str]:
    counts = [row.counts.get(value, 0) for value, _ in trends.COMPLEXITY_LABELS]
    return [*(str(n) for n in counts), "" if row.complex_share is None else f"{row.complex_share}%"]


class UnitCostFigure(NamedTuple):
    label: str
    units: str  # e.g. "2 people supported (…)", or "Not shown"
    cost: str  # the cost per unit, or "Not shown"
    method: str  # what it divides and by what


@dataclass(frozen=True)
class CostFigures:
    by_category: dict[str, Decimal]
    total_pence: Decimal
    unit_costs: list[UnitCostFigure]
    volunteer_hours: Decimal | None  # None: not shown (a restricted viewer, fewer than the threshold volunteers)
    volunteer_rate_pence: int
    saving: money.Saving | None
    saving_hidden: bool = False
    span: Period | None = None  # the days the saving covers, when not the whole period
    counted: str = "Every cost recorded"  # which cost entries count (money.costs_counted)


def cost_figures(period: Period, *, suppressed: bool = False, today: date | None = None, scope: Scope | None = None) -> CostFigures:
    """`scope`: whose costs count (money.costs_counted); the activity they divide is the current
    `service.scoped` block's."""
    with service.figures_shared():
        return _cost_figures(period, suppressed=suppressed, today=today, counted=money.costs_counted(scope))


def _cost_figures(period: Period, *, suppressed: bool, today: date | None, counted: money.CostsCounted) -> CostFigures:
    """Costs shared out by day over the period. Unit costs divide the period's total cost by a
    count; for a restricted viewer a unit cost is shown only when its count is shown (total ÷ unit
    cost would give the count back), and the saving only when the people supported are shown."""
    today = timezone.localdate() if today is None else today
    by_category = money.costs_by_category(period, counted)
    total = sum(by_category.values(), Decimal(0))
    people = service.people_supported(period)
    work = service.enablement(period)
    attend = service.attendances(period)["all"]
    improved = sum(o.improved or 0 for o in service.outcomes(period, service.routine_instruments()))
    if suppressed:
        people_shown = suppress_value(people) if period.kind not in CALENDAR_KINDS else _published_people(period)
        attend_shown = published.attendances(year_for(period)).get(period, published.attendance_row(None, "all", "total"))
        published_changes = service.published_outcomes(period, service.routine_instruments())
        improved_shown = None if any(o.suppressed or o.improved is None for o in published_changes if o.people != 0) else improved
    else:
        people_shown, attend_shown, improved_shown = people, attend.total, improved
    # A period still running has activity only up to today, so its unit costs and the saving divide
    # the cost of the days so far, not the whole period's (which would count costs of days to come).
    span = money.costed_span(period, today=today)
    actual = total if span == period else sum(money.costs_by_category(span, counted).values(), Decimal(0))
    costed = "the period" if span == period else f"the period so far ({span.label})"
    units = [
        (money.UnitCost("Cost per person supported", Decimal(people), "people supported (1-to-1, drop-ins and groups)"), people_shown),
        (money.UnitCost("Cost per contact hour", work.hours, "hours of 1-to-1 contact that took place"), work.hours),
        (
            money.UnitCost("Cost per attendance (drop-ins and groups)", Decimal(attend.total), "attendances, named and counted"),
            attend_shown,
        ),
        (
            money.UnitCost("Cost per meaningful outcome improvement", Decimal(improved), "people with a meaningful improvement"),
            improved_shown,
        ),
    ]
    return CostFigures(
        by_category=by_category,
        total_pence=total,
        unit_costs=[
            UnitCostFigure(
                u.label,
                f"{u.units} {u.unit_name}" if shown is not None else NOT_SHOWN,
                money.pounds(u.pence(actual)) if shown is not None else NOT_SHOWN,
                u.explained(actual, span=costed)
                if shown is not None
                else f"The total cost of {costed} ÷ {u.unit_name} (not shown: the count is hidden)",
            )
            for u, shown in units
        ],
        volunteer_hours=_volunteer_hours(period, suppressed),
        volunteer_rate_pence=money.volunteer_hour_rate_pence(),
        saving=money.saving(period=span, baseline=money.latest_baseline(counted), people_supported=people, actual_pence=actual),
        saving_hidden=suppressed and people_shown is None,
        span=None if span == period else span,
        counted=counted.label,
    )


def _volunteer_hours(period: Period, suppressed: bool) -> Decimal | None:
    """Every project's volunteer hours: for a restricted viewer as published (calendar periods)."""
    if not suppressed:
        return volunteer_figures.volunteering(period).hours
    if period.kind not in CALENDAR_KINDS:
        return None
    minutes = volunteer_figures.published_minutes(period, None)
    return None if minutes is None else (Decimal(minutes) / 60).quantize(Decimal("0.1"))


def _published_people(period: Period) -> int | None:
    from reports.figures import equality

    values, hidden = equality.published_groups(period)
    return None if ("all", "total") in hidden else values[("all", "total")]


def cost_table(period: Period, figures: CostFigures) -> Table:
    rows = [(label, [money.pounds(figures.by_category[value])]) for value, label in CostCategory.choices]
    rows.append(("Total cost (entries shared out by day)", [money.pounds(figures.total_pence)]))
    rows.append(("Costs counted", [figures.counted]))
    rows += [(unit.label, [unit.cost]) for unit in figures.unit_costs]
    rows += [(f"{label}: what it divides", [unit.method]) for unit in figures.unit_costs for label in [unit.label]]
    s = figures.saving
    if s is not None and figures.saving_hidden:
        rows.append(("Saving against the old model", [NOT_SHOWN]))
    elif s is not None:
        rows += [
            ("Old model: places", [str(s.baseline.places)]),
            ("Old model: cost per place per week", [money.pounds(s.baseline.cost_per_place_per_week_pence)]),
            ("Old model: people served", [str(s.baseline.people_served)]),
            ("Days compared (both sides)", [str(s.days)]),
            ("STaR cost for those days", [money.pounds(s.actual_pence)]),
            ("Old model cost for those days", [money.pounds(s.baseline_cost_pence)]),
            ("Old model cost per person", [money.pounds(s.baseline_cost_per_person_pence)]),
            ("People supported by STaR", [str(s.people_supported)]),
            ("Old model cost for the same people", [money.pounds(s.same_people_old_model_pence)]),
            ("Saving against the old model", [money.pounds(s.saving_pence)]),
        ]
    hours = figures.volunteer_hours
    rows.append(("Value of volunteer hours", [NOT_SHOWN if hours is None else money.pounds(hours * figures.volunteer_rate_pence)]))
    return Table("costs", "Costs and more for less", [period.label], rows)


def team_comparison(period: Period, teams: list[Team]) -> Table:
    """The headline figures side by side, one column per team (managers only: unsuppressed). A
    referral counts for a team once it is on that team's waiting list or allocated to its worker;
    1-to-1 work by the worker's team; drop-ins and groups by the project's team."""
    columns: dict[str, list[str]] = {
        "Referrals received": [],
        "People supported in 1-to-1": [],
        "Contacts that took place": [],
        "Named attendances at drop-ins and groups": [],
        "People supported (1-to-1, drop-ins and groups)": [],
    }
    for team in teams:
        with service.scoped(Scope(service_id=team.service_id, team_id=team.pk)):
            work = service.enablement(period)
            columns["Referrals received"].append(str(sum(service.referrals_by_source(period).values())))
            columns["People supported in 1-to-1"].append(str(work.people_supported))
            columns["Contacts that took place"].append(str(work.contacts))
            columns["Named attendances at drop-ins and groups"].append(str(service.attendances(period)["all"].named))
            columns["People supported (1-to-1, drop-ins and groups)"].append(str(service.people_supported(period)))
    several_services = len({team.service_id for team in teams}) > 1
    return Table(
        "by-team",
        f"Compared by team: {period.label}",
        [f"{team.service.name}: {team.name}" if several_services else team.name for team in teams],
        list(columns.items()),
        note=(
            "A referral counts for a team once it is on that team's waiting list or allocated to one of its workers; "
            "1-to-1 work counts for the worker's team, and drop-ins and groups for the project's team."
        ),
    )
