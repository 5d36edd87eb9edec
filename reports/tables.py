"""The dashboard as tables of display strings: the page, the CSV/XLSX exports and the PDF share them.

Each table compares the period with the previous period and the same period last year. For a
commissioner, every count of people is suppressed (primary and secondary, per column).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings

from community.models import Project
from enablement.models import MoveOn
from involvement import figures as involvement_figures
from referrals.models import Referral
from reports import charts
from reports.figures import money, service, trends
from reports.figures import volunteering as volunteer_figures
from reports.models import CostCategory
from reports.periods import Period
from reports.suppression import NOT_SHOWN, suppress_column, suppress_value, threshold


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
    return NOT_SHOWN if value is None else str(value)


def _count_table(
    key: str,
    title: str,
    periods: list[Period],
    labels: list[tuple[str, str]],
    values: list[dict[str, int]],
    *,
    suppressed: bool,
    note: str = "",
) -> Table:
    columns: list[list[str]] = []
    totals: list[str] = []
    for per_period in values:
        counts = [per_period.get(value, 0) for value, _ in labels]
        if suppressed:
            shown, total = suppress_column(counts)
            columns.append([_show(n) for n in shown])
            totals.append(_show(total))
        else:
            columns.append([str(n) for n in counts])
            totals.append(str(sum(counts)))
    rows = [(label, [column[index] for column in columns]) for index, (_, label) in enumerate(labels)]
    rows.append(("Total", totals))
    return Table(key, title, [p.label for p in periods], rows, note)


def _people(value: int, suppressed: bool) -> str:
    return _show(suppress_value(value)) if suppressed else str(value)


def build(period: Period, *, project: Project | None, suppressed: bool) -> list[Table]:
    """Every dashboard table. Query count depends on the number of periods (3), not on the data."""
    periods = [period, period.previous(), period.last_year()]
    heads = [p.label for p in periods]
    tables: list[Table] = []

    sources = [service.referrals_by_source(p) for p in periods]
    tables.append(
        _count_table(
            "referrals-by-source", "Referrals received, by source", periods, list(Referral.Source.choices), sources, suppressed=suppressed
        )
    )
    decisions = [service.triage_decisions(p) for p in periods]
    tables.append(
        _count_table("triage-decisions", "Triage decisions", periods, list(Referral.Decision.choices), decisions, suppressed=suppressed)
    )

    waits = [service.waiting(p) for p in periods]
    target = settings.STAR_WAITING_TARGET_DAYS
    wait_table = _count_table(
        "waiting-times",
        f"Waiting times from referral to first contact (target {target} days)",
        periods,
        [
            ("week", "Seen within 7 days"),
            ("target", f"Seen in 8 to {target} days"),
            ("over", f"Seen after more than {target} days"),
            ("not_seen", "Not seen yet"),
        ],
        [{"week": w.within_week, "target": w.within_target - w.within_week, "over": w.over_target, "not_seen": w.not_seen} for w in waits],
        suppressed=suppressed,
        note="Referrals received in the period. Median days counts only people seen.",
    )
    wait_table.rows.append(
        ("Median days to first contact", ["None seen" if w.median_days is None else f"{w.median_days:.1f}" for w in waits])
    )
    tables.append(wait_table)

    work = [service.enablement(p) for p in periods]
    everyone = [service.people_supported(p, project) for p in periods]
    tables.append(
        Table(
            "one-to-one",
            "1-to-1 enablement",
            heads,
            [
                ("People supported in 1-to-1", [_people(w.people_supported, suppressed) for w in work]),
                ("Caseload at the end of the period (open episodes)", [_people(w.episodes_open_at_end, suppressed) for w in work]),
                ("Episodes started", [_people(w.episodes_started, suppressed) for w in work]),
                ("Contacts that took place", [_people(w.contacts, suppressed) for w in work]),
                ("Hours of support time", [str(w.hours) for w in work]),
                ("Did not attend", [_people(w.did_not_attend, suppressed) for w in work]),
                ("Did-not-attend rate", [NOT_SHOWN if suppressed and 0 < w.did_not_attend < threshold() else w.dna_rate for w in work]),
                ("People supported (1-to-1, drop-ins and groups)", [_people(n, suppressed) for n in everyone]),
            ],
            headline=True,
        )
    )

    ended = [service.moves_on(p) for p in periods]
    ended_table = _count_table(
        "episodes-ended",
        "Episodes ended, by where the person moved on to",
        periods,
        list(MoveOn.Destination.choices),
        ended,
        suppressed=suppressed,
    )
    shares = []
    for per_period in ended:
        total = sum(per_period.values())
        if total == 0:
            shares.append("None ended")
        elif suppressed and total < threshold():
            shares.append(NOT_SHOWN)
        else:
            shares.append(f"{round(100 * per_period.get('user_led', 0) / total)}%")
    ended_table.rows.append(("Share who stepped down into a user-led project", shares))
    tables.append(ended_table)

    community = [service.attendances(p, project) for p in periods]
    rows = []
    for kind, name in (("drop_in", "Drop-ins"), ("group", "Groups"), ("all", "All")):
        rows += [
            (f"{name}: sessions run", [str(c[kind].sessions_run) for c in community]),
            (f"{name}: sessions cancelled", [str(c[kind].sessions_cancelled) for c in community]),
            (f"{name}: named attendances", [_people(c[kind].named, suppressed) for c in community]),
            (f"{name}: counted, not named", [_people(c[kind].headcount, suppressed) for c in community]),
            (f"{name}: different people named", [_people(c[kind].unique_people, suppressed) for c in community]),
        ]
    tables.append(Table("attendances", "Drop-in and group attendances" + (f" ({project.name})" if project else ""), heads, rows))

    instruments = service.routine_instruments()
    changes = [service.outcomes(p, instruments) for p in periods]
    outcome_rows = []
    for index, instrument in enumerate(instruments):
        per = [c[index] for c in changes]
        outcome_rows += [
            (f"{instrument.code}: people with two or more scores", [_people(o.people, suppressed) for o in per]),
            (f"{instrument.code}: meaningful improvement", [NOT_SHOWN if o.suppressed else (_people(o.improved, suppressed)) for o in per]),
            (
                f"{instrument.code}: mean change",
                [NOT_SHOWN if o.suppressed or o.mean_change is None else f"{o.mean_change:+}" for o in per],
            ),
        ]
    tables.append(
        Table(
            "outcomes",
            "Outcomes: change from first to last score",
            heads,
            outcome_rows,
            "From the outcomes part of STaR (paired first and last scores in the period).",
        )
    )

    complaints = [involvement_figures.complaint_figures(involvement_figures.Period(p.start, p.end)) for p in periods]
    involvement = [involvement_figures.headline(involvement_figures.Period(p.start, p.end)) for p in periods]
    tables.append(
        Table(
            "complaints-involvement",
            "Complaints and involvement",
            heads,
            [
                ("Complaints received", [_people(c.received, suppressed) for c in complaints]),
                (
                    "Complaints responded to by the deadline",
                    [NOT_SHOWN if suppressed and 0 < c.responded < threshold() else c.responded_share for c in complaints],
                ),
                ("Involvement activities", [str(i["activities"]) for i in involvement]),
                ("Members who took part (named)", [_people(i["members"], suppressed) for i in involvement]),
            ],
        )
    )
    volunteering = [volunteer_figures.volunteering(p, project) for p in periods]
    rate = money.volunteer_hour_rate_pence()
    tables.append(
        Table(
            "volunteers",
            "Volunteers and volunteer hours",
            heads,
            [
                ("Volunteers who gave time", [_people(v.volunteers, suppressed) for v in volunteering]),
                ("Volunteer hours", [str(v.hours) for v in volunteering]),
                ("Value of those hours", [money.pounds(v.hours * rate) for v in volunteering]),
            ],
            f"Hours confirmed from the rota and other work; valued at {money.pounds(Decimal(rate))} an hour.",
        )
    )

    complexity = trends.complexity_over_time(period)
    complexity_rows = [(row.label, _complexity_cells(row, suppressed)) for row in complexity]
    tables.append(
        Table(
            "complexity",
            "Complexity of referrals over time",
            [label for _, label in trends.COMPLEXITY_LABELS] + ["Complex or very complex (3 or 4)"],
            complexity_rows,
            "Referrals received, by the complexity rated at triage.",
            chart=charts.bar_chart(
                title="Share of rated referrals that were complex or very complex, by " + trends.step_for(period),
                chart_id="complexity-chart",
                bars=[(label, None if cells[-1] == NOT_SHOWN else int(cells[-1].rstrip("%") or 0)) for label, cells in complexity_rows],
                unit="%",
            ),
        )
    )
    one_to_one = next(t for t in tables if t.key == "one-to-one")
    one_to_one.chart = charts.bar_chart(
        title="Hours of support time: this period, previous period, same period last year",
        chart_id="hours-chart",
        bars=[(p.label, round(w.hours)) for p, w in zip(periods, work, strict=True)],
    )
    attendance_table = next(t for t in tables if t.key == "attendances")
    attendance_table.chart = charts.bar_chart(
        title="Drop-in and group attendances (named and counted): this period, previous period, same period last year",
        chart_id="attendances-chart",
        bars=[
            (p.label, None if suppressed and 0 < c["all"].total < threshold() else c["all"].total)
            for p, c in zip(periods, community, strict=True)
        ],
    )
    tables[0].chart = charts.bar_chart(
        title="Referrals received: this period, previous period, same period last year",
        chart_id="referrals-chart",
        bars=[(p.label, None if total == NOT_SHOWN else int(total)) for p, total in zip(periods, tables[0].rows[-1][1], strict=True)],
        unit="",
    )
    return tables


def _complexity_cells(row: trends.ComplexityRow, suppressed: bool) -> list[str]:
    """Counts by complexity and the share rated 3 or 4. For commissioners the share is shown only
    when the rated total, the complex and the not-complex referrals are all at the threshold or more."""
    counts = [row.counts.get(value, 0) for value, _ in trends.COMPLEXITY_LABELS]
    share = "" if row.complex_share is None else f"{row.complex_share}%"
    if not suppressed:
        return [*(str(n) for n in counts), share]
    shown, _ = suppress_column(counts)
    rated = row.total - row.counts.get(0, 0)
    complex_ = row.counts.get(3, 0) + row.counts.get(4, 0)
    if row.complex_share is not None and min(rated, complex_ or threshold(), (rated - complex_) or threshold()) < threshold():
        share = NOT_SHOWN
    return [*(_show(n) for n in shown), share]


@dataclass(frozen=True)
class CostFigures:
    by_category: dict[str, int]
    total_pence: int
    unit_costs: list[tuple[str, str, str]]  # label, units, cost per unit
    volunteer_hours: Decimal
    volunteer_rate_pence: int
    saving: money.Saving | None
    saving_hidden: bool = False


def cost_figures(period: Period, *, suppressed: bool = False) -> CostFigures:
    """Unit costs divide by counts; for a commissioner a count under the threshold would be
    recoverable (total ÷ unit cost), so those unit costs and the saving are not shown."""
    by_category = money.costs_by_category(period)
    total = sum(by_category.values())
    people = service.people_supported(period)
    work = service.enablement(period)
    attend = service.attendances(period)["all"]
    improved = sum(o.improved for o in service.outcomes(period, service.routine_instruments()))
    units = [
        (money.UnitCost("Cost per person supported", Decimal(people), "people supported"), True),
        (money.UnitCost("Cost per contact hour", work.hours, "contact hours"), False),
        (money.UnitCost("Cost per attendance (drop-ins and groups)", Decimal(attend.total), "attendances"), True),
        (money.UnitCost("Cost per meaningful outcome improvement", Decimal(improved), "people with a meaningful improvement"), True),
    ]

    def hidden(value: Decimal, is_count: bool) -> bool:
        return suppressed and is_count and 0 < value < threshold()

    return CostFigures(
        by_category=by_category,
        total_pence=total,
        unit_costs=[
            (u.label, f"{u.units} {u.unit_name}", NOT_SHOWN if hidden(u.units, is_count) else money.pounds(u.pence(total)))
            for u, is_count in units
        ],
        volunteer_hours=volunteer_figures.volunteering(period).hours,
        volunteer_rate_pence=money.volunteer_hour_rate_pence(),
        saving=money.saving(period=period, baseline=money.latest_baseline(), people_supported=people, actual_pence=total),
        saving_hidden=hidden(Decimal(people), True),
    )


def cost_table(period: Period, figures: CostFigures) -> Table:
    rows = [(label, [money.pounds(figures.by_category[value])]) for value, label in CostCategory.choices]
    rows.append(("Total cost", [money.pounds(figures.total_pence)]))
    rows += [(label, [cost]) for label, _, cost in figures.unit_costs]
    s = figures.saving
    if s is not None and figures.saving_hidden:
        rows.append(("Saving against the old model", [NOT_SHOWN]))
    elif s is not None:
        rows += [
            ("Old model: places", [str(s.baseline.places)]),
            ("Old model: cost per place per week", [money.pounds(s.baseline.cost_per_place_per_week_pence)]),
            ("Old model: people served", [str(s.baseline.people_served)]),
            ("Weeks in the period", [str(s.weeks)]),
            ("Old model cost for the period", [money.pounds(s.baseline_cost_pence)]),
            ("Old model cost per person", [money.pounds(s.baseline_cost_per_person_pence)]),
            ("People supported by STaR", [str(s.people_supported)]),
            ("Old model cost for the same people", [money.pounds(s.same_people_old_model_pence)]),
            ("Saving against the old model", [money.pounds(s.saving_pence)]),
        ]
    rows.append(("Value of volunteer hours", [money.pounds(figures.volunteer_hours * figures.volunteer_rate_pence)]))
    return Table("costs", "Costs and more for less", [period.label], rows)
