"""What a restricted viewer (a commissioner) may see: every additive count of a financial year,
by month, quarter and year, suppressed together with `core.disclosure`, so that a month, its
quarter and its year are always consistent (a quarter minus its shown months never gives a hidden
month) and every table that shares a total shares its suppression (sources, waiting times and
complexity all add up to the referrals received).

One grouped query per figure per financial year; months are local (Europe/London) months.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Count, DateField, DurationField, ExpressionWrapper, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import TruncDate, TruncMonth

from community.models import Attendance, Project, Session
from core.periods import Period
from core.published import Published, year_cube, year_for
from enablement.models import Contact, Episode, MoveOn
from involvement.models import Feedback
from referrals.models import Referral
from reports.figures.service import during, on_days, stored


def _month(field: str) -> TruncMonth:
    return TruncMonth(field, output_field=DateField())


def _group(rows: Any, key: str, row_of: Any) -> dict[date, dict[str, int]]:
    monthly: dict[date, dict[str, int]] = {}
    for row in rows:
        counts = monthly.setdefault(row["month"], {})
        for name, n in row_of(row):
            counts[name] = counts.get(name, 0) + n
    return monthly


SOURCES = [f"source:{value}" for value in Referral.Source.values]
WAITS = ["wait:week", "wait:target", "wait:over", "wait:not_seen"]
COMPLEXITIES = [f"complexity:{n}" for n in (1, 2, 3, 4, 0)]


@stored
def referrals(year: Period) -> Published:
    """Referrals received, by source, by waiting time and by complexity: all add up to the total."""
    from datetime import timedelta

    target = timedelta(days=settings.STAR_WAITING_TARGET_DAYS)
    first = (
        Contact.objects.filter(episode__referral=OuterRef("pk"), outcome=Contact.Outcome.ATTENDED)
        .order_by("contact_date")
        .values("contact_date")[:1]
    )
    rows = (
        Referral.objects.filter(during("received_at", year))
        .annotate(first_contact=Subquery(first, output_field=DateField()))
        .annotate(wait=ExpressionWrapper(F("first_contact") - TruncDate("received_at"), output_field=DurationField()))
        .annotate(month=_month("received_at"))
        .values("month", "source", "complexity")
        .annotate(
            n=Count("id"),
            week=Count("id", filter=Q(wait__lte=timedelta(days=7))),
            within=Count("id", filter=Q(wait__lte=target)),
            over=Count("id", filter=Q(wait__gt=target)),
            not_seen=Count("id", filter=Q(first_contact__isnull=True)),
        )
        .order_by()
    )

    def row_of(row: dict[str, Any]) -> list[tuple[str, int]]:
        return [
            ("total", row["n"]),
            (f"source:{row['source']}", row["n"]),
            (f"complexity:{row['complexity'] or 0}", row["n"]),
            ("wait:week", row["week"]),
            ("wait:target", row["within"] - row["week"]),
            ("wait:over", row["over"]),
            ("wait:not_seen", row["not_seen"]),
        ]

    return year_cube(
        year,
        _group(rows, "month", row_of),
        [*SOURCES, *WAITS, *COMPLEXITIES, "total"],
        [("total", SOURCES), ("total", WAITS), ("total", COMPLEXITIES)],
    )


DECISIONS = [f"decision:{value}" for value in Referral.Decision.values]


@stored
def decisions(year: Period) -> Published:
    rows = (
        Referral.objects.filter(during("triaged_at", year))
        .exclude(decision="")
        .annotate(month=_month("triaged_at"))
        .values("month", "decision")
        .annotate(n=Count("id"))
        .order_by()
    )
    monthly = _group(rows, "month", lambda row: [("total", row["n"]), (f"decision:{row['decision']}", row["n"])])
    return year_cube(year, monthly, [*DECISIONS, "total"], [("total", DECISIONS)])


DESTINATIONS = [f"destination:{value}" for value in MoveOn.Destination.values]


@stored
def moves_on(year: Period) -> Published:
    rows = (
        MoveOn.objects.filter(on_days("ended_on", year))
        .annotate(month=_month("ended_on"))
        .values("month", "destination")
        .annotate(n=Count("id"))
        .order_by()
    )
    monthly = _group(rows, "month", lambda row: [("total", row["n"]), (f"destination:{row['destination']}", row["n"])])
    return year_cube(year, monthly, [*DESTINATIONS, "total"], [("total", DESTINATIONS)])


@stored
def enablement(year: Period) -> Published:
    """Contacts that took place, did-not-attends, episodes started, complaints received: each adds
    up over months (no breakdown between them)."""
    contacts = (
        Contact.objects.filter(on_days("contact_date", year))
        .annotate(month=_month("contact_date"))
        .values("month")
        .annotate(
            contacts=Count("id", filter=Q(outcome=Contact.Outcome.ATTENDED)),
            dna=Count("id", filter=Q(outcome=Contact.Outcome.DID_NOT_ATTEND)),
        )
        .order_by()
    )
    monthly = _group(contacts, "month", lambda row: [("contacts", row["contacts"]), ("dna", row["dna"])])
    started = (
        Episode.objects.filter(on_days("started_on", year)).annotate(month=_month("started_on")).values("month").annotate(n=Count("id"))
    )
    for row in started.order_by():
        monthly.setdefault(row["month"], {})["started"] = row["n"]
    complaints = (
        Feedback.objects.complaints()
        .filter(received_at__date__gte=year.start, received_at__date__lte=year.end)
        .annotate(month=_month("received_at"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in complaints:
        monthly.setdefault(row["month"], {})["complaints"] = row["n"]
    return year_cube(year, monthly, ["contacts", "dna", "started", "complaints"], [])


KINDS = ("drop_in", "group")
MEASURES = ("named", "headcount", "total")


def attendance_row(project: Project | None, kind: str, measure: str) -> str:
    return f"{project.pk if project else 'all'}|{kind}|{measure}"


@stored
def attendances(year: Period) -> Published:
    """Named and counted attendances by project and kind, their totals, and all projects: every
    way they add up (drop-ins + groups = all; named + counted = total; projects = all projects)."""
    sessions = (
        Session.objects.filter(during("starts_at", year), cancelled_at__isnull=True)
        .annotate(month=_month("starts_at"))
        .values("month", "activity__project", "activity__kind")
        .annotate(headcount=Sum("headcount", default=0))
        .order_by()
    )
    named = (
        Attendance.objects.filter(during("session__starts_at", year), session__cancelled_at__isnull=True)
        .annotate(month=_month("session__starts_at"))
        .values("month", "session__activity__project", "session__activity__kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    projects = [str(pk) for pk in Project.objects.order_by("pk").values_list("pk", flat=True)]
    monthly: dict[date, dict[str, int]] = {}
    for row in sessions:
        add_attendance(monthly, row["month"], str(row["activity__project"]), row["activity__kind"], "headcount", row["headcount"])
    for attended in named:
        add_attendance(
            monthly,
            attended["month"],
            str(attended["session__activity__project"]),
            attended["session__activity__kind"],
            "named",
            attended["n"],
        )
    return attendance_cube(year, monthly, projects)


def add_attendance(monthly: dict[date, dict[str, int]], month: date, project: str, kind: str, measure: str, n: int) -> None:
    """Add n attendances to the month's row and to every total it belongs to."""
    counts = monthly.setdefault(month, {})
    for p in (project, "all"):
        for k in (kind, "all"):
            for m in (measure, "total"):
                key = f"{p}|{k}|{m}"
                counts[key] = counts.get(key, 0) + n


def attendance_cube(year: Period, monthly: dict[date, dict[str, int]], projects: Sequence[str]) -> Published:
    """The attendance cube from monthly counts (no database: the benchmark builds it too)."""
    every = [*projects, "all"]
    rows = [f"{p}|{k}|{m}" for p in every for k in (*KINDS, "all") for m in MEASURES]
    breakdowns: list[tuple[str, Sequence[str]]] = []
    for p in every:
        for k in (*KINDS, "all"):
            breakdowns.append((f"{p}|{k}|total", [f"{p}|{k}|named", f"{p}|{k}|headcount"]))
        for m in MEASURES:
            breakdowns.append((f"{p}|all|{m}", [f"{p}|{kind}|{m}" for kind in KINDS]))
    for k in (*KINDS, "all"):
        for m in MEASURES:
            breakdowns.append((f"all|{k}|{m}", [f"{p}|{k}|{m}" for p in projects]))
    return year_cube(year, monthly, rows, breakdowns)


def everything(period: Period) -> dict[str, Published]:
    """Every cube a restricted viewer's page for this period draws on (for the attacker test)."""
    year = year_for(period)
    return {
        "referrals": referrals(year),
        "decisions": decisions(year),
        "moves_on": moves_on(year),
        "enablement": enablement(year),
        "attendances": attendances(year),
    }


def published_project_attendance(project: Project, period: Period, measure: str) -> int | None:
    """One project's published attendance ("named", "headcount" or "total") for a calendar month,
    quarter or year, from the same cube as the reports (so the same cells are hidden)."""
    return attendances(year_for(period)).get(period, attendance_row(project, "all", measure))
