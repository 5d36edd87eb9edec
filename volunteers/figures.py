"""Volunteering figures, worked out in the database. Small numbers are hidden from
commissioners so nobody can be picked out.

A manager's figures are their service's, and may be narrowed to one team (`accounts.teams.Scope`,
docs/teams.md): a volunteer counts for their service, and for a team when they are on the rota of,
or gave hours for, one of its projects; hours count for the team of the project they were given
for. A restricted viewer has no scope (their figures are always everyone's)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum

from accounts.teams import Scope
from community.models import Attendance
from core import disclosure
from core.money import pounds
from core.periods import Period, month_of, quarter_of, year_of
from enablement.models import Episode
from referrals.models import Referral
from volunteers.models import HoursEntry, Progression, RotaSlot, Stage, Volunteer
from volunteers.presenters import hours_text


@dataclass(frozen=True)
class Row:
    label: str
    value: str


def _shown(count: int, suppress: bool) -> str:
    return disclosure.show(disclosure.suppress_value(count)) if suppress else str(count)


def _column(counts: list[tuple[str, int]], suppress: bool) -> list[Row]:
    """A column of counts of volunteers and its total row, suppressed together (complementary
    suppression through core.disclosure: one hidden stage never stands alone beside the total)."""
    if not suppress:
        return [*(Row(label, str(n)) for label, n in counts), Row("Total", str(sum(n for _, n in counts)))]
    cells, total = disclosure.suppress(counts)
    return [*(Row(cell.label, cell.display) for cell in cells), Row("Total", disclosure.show(total))]


def volunteers_of(scope: Scope | None) -> QuerySet[Volunteer]:
    """The scope's volunteers: its service's, and a team's rota and hours."""
    volunteers = Volunteer.objects.all()
    if scope is None:
        return volunteers
    volunteers = volunteers.filter(scope.q(service="service_id"))
    if scope.team_id is not None:
        volunteer = OuterRef("pk")
        volunteers = volunteers.filter(
            Q(Exists(RotaSlot.objects.filter(volunteer=volunteer, session__activity__project__team_id=scope.team_id)))
            | Q(Exists(HoursEntry.objects.filter(volunteer=volunteer, project__team_id=scope.team_id)))
        )
    return volunteers


def hours_of(scope: Scope | None) -> QuerySet[HoursEntry]:
    """The scope's hours: its service's volunteers', and for a team's projects."""
    hours = HoursEntry.objects.all()
    return hours if scope is None else hours.filter(scope.q(service="volunteer__service_id", team="project__team_id"))


def by_stage(*, suppress: bool, scope: Scope | None = None) -> list[Row]:
    counts = dict(volunteers_of(scope).values_list("stage").annotate(n=Count("id")).values_list("stage", "n"))
    return _column([(label, counts.get(value, 0)) for value, label in Stage.choices], suppress)


OTHER = "other"  # hours not for a project
ALL = "all"


def _hours_key(period: Period) -> tuple[str, date]:
    return (period.kind, period.start)


HoursKey = tuple[tuple[str, date], str]


def published_hours(year: Period) -> tuple[dict[HoursKey, int], set[HoursKey], list[disclosure.Line[HoursKey]]]:
    """Volunteer minutes by project (and "other"), for each month, financial quarter and the
    financial year, with the cells a restricted viewer may not see (core.disclosure). A cell is
    sensitive when fewer than the threshold volunteers gave its hours; the projects add up to all,
    months to quarters and quarters to the year, so hiding is complementary across all of them
    and the same hours are hidden on the volunteers' report and the service's reports. One query."""
    months = [month_of(date(year.start.year + (m + 3) // 12, (m + 3) % 12 + 1, 1)) for m in range(12)]
    quarters = [quarter_of(months[3 * q].start) for q in range(4)]
    tree = {_hours_key(year): [_hours_key(q) for q in quarters]}
    for quarter in quarters:
        tree[_hours_key(quarter)] = [_hours_key(m) for m in months if quarter.start <= m.start <= quarter.end]
    entries = (
        HoursEntry.objects.filter(worked_on__gte=year.start, worked_on__lte=year.end)
        .values("worked_on__year", "worked_on__month", "project_id", "volunteer_id")
        .annotate(minutes=Sum("minutes"))
        .order_by()
    )
    minutes: dict[tuple[tuple[str, date], str], int] = {}
    volunteers: dict[tuple[tuple[str, date], str], set[object]] = {}
    for entry in entries:
        month = month_of(date(entry["worked_on__year"], entry["worked_on__month"], 1))
        project = str(entry["project_id"]) if entry["project_id"] else OTHER
        for period in (month, quarter_of(month.start), year):
            for row in (project, ALL):
                key = (_hours_key(period), row)
                minutes[key] = minutes.get(key, 0) + entry["minutes"]
                volunteers.setdefault(key, set()).add(entry["volunteer_id"])
    rows = sorted({row for _, row in minutes} | {ALL})
    periods = [_hours_key(p) for p in (*months, *quarters, year)]
    values = {(period, row): minutes.get((period, row), 0) for period in periods for row in rows}
    lines = disclosure.cube_lines(tree, rows, [(ALL, [row for row in rows if row != ALL])])
    few = {key for key, people in volunteers.items() if 0 < len(people) < disclosure.threshold()}
    return values, (disclosure.protect(values, lines, sensitive=few) if few else set()), lines


def published_minutes(period: Period, project_id: object | None) -> int | None:
    """One project's (or, with None, every project's) volunteer minutes in a calendar month,
    quarter or financial year as a restricted viewer sees them: None when hidden."""
    values, hidden, _ = published_hours(year_of(period.start))
    key = (_hours_key(period), ALL if project_id is None else str(project_id))
    return None if key in hidden else values.get(key, 0)


def hours_by_project(*, start: date, end: date, suppress: bool, kind: str = "", scope: Scope | None = None) -> tuple[list[Row], str, str]:
    """Hours by project for the report. A restricted viewer's figures are those of the calendar
    month, quarter or financial year `kind` starting on `start` (published_hours), so they are the
    same as on the service's reports and nothing hidden comes back by subtraction."""
    entries = hours_of(None if suppress else scope).filter(worked_on__gte=start, worked_on__lte=end)
    rows = list(entries.values("project_id", "project__name").annotate(minutes=Sum("minutes")).order_by("project__name"))
    total = entries.aggregate(minutes=Sum("minutes"))["minutes"] or 0
    if not suppress:
        value = total * settings.STAR_VOLUNTEER_HOUR_VALUE_PENCE // 60
        shown = [Row(row["project__name"] or "Other work", hours_text(row["minutes"])) for row in rows]
        return shown, hours_text(total), pounds(value)
    period = {"month": month_of, "quarter": quarter_of, "year": year_of}[kind or "quarter"](start)
    values, hidden, _ = published_hours(year_of(period.start))
    shown = []
    for row in rows:
        key = (_hours_key(period), str(row["project_id"]) if row["project_id"] else OTHER)
        shown.append(Row(row["project__name"] or "Other work", disclosure.NOT_SHOWN if key in hidden else hours_text(values.get(key, 0))))
    all_key = (_hours_key(period), ALL)
    if all_key in hidden:
        return shown, disclosure.NOT_SHOWN, disclosure.NOT_SHOWN
    published_total = values.get(all_key, 0)
    return shown, hours_text(published_total), pounds(published_total * settings.STAR_VOLUNTEER_HOUR_VALUE_PENCE // 60)


def members_who_volunteer(*, suppress: bool, scope: Scope | None = None) -> str:
    """Volunteers whose record shows they used the service: an episode, a referral, or attendance."""
    person = OuterRef("person_id")
    used = Q(person__isnull=False) & (
        Q(Exists(Referral.objects.filter(person=person)))
        | Q(Exists(Episode.objects.filter(person=person)))
        | Q(Exists(Attendance.objects.filter(person=person)))
    )
    count = volunteers_of(scope).exclude(stage=Stage.DECLINED).filter(used).count()
    return _shown(count, suppress)


def progression(*, suppress: bool, scope: Scope | None = None) -> list[Row]:
    counts = dict(
        volunteers_of(scope)
        .filter(stage=Stage.LEFT)
        .exclude(progression="")
        .values_list("progression")
        .annotate(n=Count("id"))
        .values_list("progression", "n")
    )
    return _column([(label, counts.get(value, 0)) for value, label in Progression.choices if value], suppress)
