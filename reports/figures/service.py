"""The service's figures for one period, each an aggregate query in the database (no row loops).

A referral, contact or session belongs to the period in which it happened (received, took place,
started). An episode counts as "supported" in every period it overlaps, so an episode spanning two
quarters counts in both; a person with two episodes (re-referred) counts once per period.
"""

from __future__ import annotations

import functools
import inspect
import json
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import Any, ParamSpec, TypeVar
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, DateField, DurationField, ExpressionWrapper, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import TruncDate

from accounts.teams import Scope
from community.models import Attendance, Project, Session
from core.periods import Period
from enablement.models import Contact, Episode, MoveOn
from outcomes.cohorts import paired_change
from outcomes.cohorts import published as published_cohorts
from outcomes.models import Instrument
from referrals.models import Referral

P = ParamSpec("P")
R = TypeVar("R")


def bounds(period: Period) -> tuple[datetime, datetime]:
    """The period's local days as an aware half-open range [since, until)."""
    zone = ZoneInfo(settings.TIME_ZONE)
    return datetime.combine(period.start, time(), tzinfo=zone), datetime.combine(period.end + timedelta(days=1), time(), tzinfo=zone)


_shared: ContextVar[dict[Any, Any] | None] = ContextVar("report_figures_shared", default=None)


_scope: ContextVar[Scope | None] = ContextVar("report_figures_scope", default=None)
# During a rebuild of the store only: stored figures by key, across the sets being filled.
_carried: ContextVar[dict[str, Any] | None] = ContextVar("report_figures_carried", default=None)


@contextmanager
def scoped(scope: Scope | None) -> Iterator[None]:
    """Within this block, the figures below count only the scope's (every figure when None)."""
    token = _scope.set(scope if scope and (scope.service_id or scope.team_id) else None)
    try:
        yield
    finally:
        _scope.reset(token)


def current_scope() -> Scope | None:
    """The scope of the block this runs in (`scoped`), None for everyone's figures."""
    return _scope.get()


def in_scope(*, service: str, team: str) -> Q:
    """The filter for the current scope: `service` and `team` are the lookups to a row's service
    and team ids (for example "person__service_id" and "worker__team_id")."""
    scope = _scope.get()
    if scope is None:
        return Q()
    query = Q()
    if scope.service_id is not None:
        query &= Q(**{service: scope.service_id})
    if scope.team_id is not None:
        query &= Q(**{team: scope.team_id})
    return query


REFERRALS = {"service": "service_id", "team": "team_id"}
EPISODES = {"service": "person__service_id", "team": "worker__team_id"}
MOVES_ON = {"service": "person__service_id", "team": "episode__worker__team_id"}
SESSIONS = {"service": "activity__project__team__service_id", "team": "activity__project__team_id"}
ATTENDANCES = {"service": "session__activity__project__team__service_id", "team": "session__activity__project__team_id"}


@contextmanager
def figures_shared() -> Iterator[None]:
    """Within this block (one request), each figure below is computed once per set of arguments:
    the dashboard's tables and its cost figures both need the quarter's people supported, 1-to-1
    work, attendances and outcomes (seconds each on a national data set)."""
    if _shared.get() is not None:  # already inside one: keep its figures
        yield
        return
    token = _shared.set({})
    try:
        yield
    finally:
        _shared.reset(token)


def _key(value: Any) -> Any:
    return tuple(_key(v) for v in value) if isinstance(value, list | tuple) else value


def _memoised(function: Callable[P, R], key_of: Callable[[dict[str, Any]], Hashable]) -> Callable[P, R]:
    """`function`, answering from the current `figures_shared` block by `key_of` its arguments."""
    signature = inspect.signature(function)

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        memo = _shared.get()
        if memo is None:
            return function(*args, **kwargs)
        # By the arguments' values with defaults filled in: attendances(q) is attendances(q, None).
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        key = key_of(dict(bound.arguments))
        if key not in memo:
            memo[key] = _carried_or(key, lambda: function(*args, **kwargs))
        result: R = memo[key]
        return result

    return wrapper


def _carried_or(key: Hashable, compute: Callable[[], R]) -> R:
    """Within `carried_between_sets`, a stored figure already computed for another set."""
    carried = _carried.get()
    if carried is None or not isinstance(key, str):
        return compute()
    if key not in carried:
        carried[key] = compute()
    found: R = carried[key]
    return found


@contextmanager
def carried_between_sets() -> Iterator[None]:
    """While the store is filled from scratch (reports.store.rebuild): a stored figure computed for
    one set is taken by every other set that reads it, not computed again. A financial year's
    published cubes are read by each of its months, its quarters and the year itself (25 s each
    on a national data set)."""
    token = _carried.set({})
    try:
        yield
    finally:
        _carried.reset(token)


def shared(function: Callable[P, R]) -> Callable[P, R]:
    return _memoised(function, lambda arguments: (function.__name__, _scope.get(), _key(tuple(arguments.items()))))


# Figures the store keeps (reports/store.py): name → the function (as decorated) computing it.
STORED: dict[str, Callable[..., Any]] = {}


def stored_key(name: str, scope: Scope | None, arguments: dict[str, Any]) -> str:
    """A stored figure's key: the function, the scope and the arguments, as JSON."""
    from reports.figures.codec import encode

    where = None if scope is None else [scope.service_id, scope.team_id]
    return json.dumps([name, where, encode(arguments)], sort_keys=True, separators=(",", ":"))


def stored(function: Callable[P, R]) -> Callable[P, R]:
    """`shared`, and kept by the figures store: within `figures_shared` each result is found by a
    JSON key, so a block opened by reports.store starts with the stored figures and computes from
    raw rows only those it lacks. Its result must be what reports.figures.codec can keep."""
    name = f"{function.__module__}.{function.__qualname__}"
    wrapper = _memoised(function, lambda arguments: stored_key(name, _scope.get(), arguments))
    STORED[name] = wrapper  # called again with its stored arguments when its figures go stale
    return wrapper


def shared_figures() -> dict[Any, Any] | None:
    """The current `figures_shared` block's figures (None outside one)."""
    return _shared.get()


@contextmanager
def figures_from(memo: dict[Any, Any]) -> Iterator[None]:
    """A `figures_shared` block that starts with these figures (the store's) and adds to them."""
    token = _shared.set(memo)
    try:
        yield
    finally:
        _shared.reset(token)


@contextmanager
def roomy_sorts() -> Iterator[None]:
    """On PostgreSQL, give this block's distinct counts 64 MB to sort in (`SET LOCAL`, so only
    until the transaction ends): a national quarter's 970,000 attendances spilled to disk with the
    default 4 MB. One extra statement; opens a transaction when none is open."""
    if connection.vendor != "postgresql":
        yield
        return
    # Inside a transaction already (a request in ATOMIC_REQUESTS, a test), no savepoint: SET LOCAL
    # lasts until that transaction ends either way.
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute("SET LOCAL work_mem = '64MB'")
        yield


def during(field: str, period: Period) -> Q:
    since, until = bounds(period)
    return Q(**{f"{field}__gte": since, f"{field}__lt": until})


def on_days(field: str, period: Period) -> Q:
    return Q(**{f"{field}__gte": period.start, f"{field}__lte": period.end})


@stored
def referrals_by_source(period: Period) -> dict[str, int]:
    rows = Referral.objects.filter(during("received_at", period), in_scope(**REFERRALS)).values("source").annotate(n=Count("id")).order_by()
    return {row["source"]: row["n"] for row in rows}


@stored
def triage_decisions(period: Period) -> dict[str, int]:
    rows = (
        Referral.objects.filter(during("triaged_at", period), in_scope(**REFERRALS))
        .exclude(decision="")
        .values("decision")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["decision"]: row["n"] for row in rows}


@dataclass(frozen=True)
class Waiting:
    received: int
    within_week: int
    within_target: int
    over_target: int
    not_seen: int
    median_days: Decimal | None


@stored
def waiting(period: Period) -> Waiting:
    """Referrals received in the period: days from received to the first contact that took place."""
    target = timedelta(days=settings.STAR_WAITING_TARGET_DAYS)
    first = (
        Contact.objects.filter(episode__referral=OuterRef("pk"), outcome=Contact.Outcome.ATTENDED)
        .order_by("contact_date")
        .values("contact_date")[:1]
    )
    referrals = (
        Referral.objects.filter(during("received_at", period), in_scope(**REFERRALS))
        .annotate(first_contact=Subquery(first, output_field=DateField()))
        .annotate(wait=ExpressionWrapper(F("first_contact") - TruncDate("received_at"), output_field=DurationField()))
    )
    totals = referrals.aggregate(
        received=Count("id"),
        within_week=Count("id", filter=Q(wait__lte=timedelta(days=7))),
        within_target=Count("id", filter=Q(wait__lte=target)),
        over_target=Count("id", filter=Q(wait__gt=target)),
        not_seen=Count("id", filter=Q(first_contact__isnull=True)),
    )
    seen = totals["received"] - totals["not_seen"]
    median = None
    if seen:
        middle = list(
            referrals.filter(first_contact__isnull=False)
            .order_by("wait", "id")
            .values_list("wait", flat=True)[(seen - 1) // 2 : seen // 2 + 1]
        )
        median = Decimal(sum(w.days for w in middle)) / len(middle)
    return Waiting(median_days=median, **totals)


@dataclass(frozen=True)
class Enablement:
    people_supported: int
    episodes_open_at_end: int
    episodes_started: int
    contacts: int
    minutes: int
    did_not_attend: int

    @property
    def hours(self) -> Decimal:
        return (Decimal(self.minutes) / 60).quantize(Decimal("0.1"))

    @property
    def dna_rate(self) -> str:
        booked = self.contacts + self.did_not_attend
        return "None booked" if booked == 0 else f"{round(100 * self.did_not_attend / booked)}%"


@shared
def touching(period: Period) -> Q:
    """Episodes that can count in a period's figures: started by its end and still open, ended on or
    after its start, or started in it (an episode's end date is not constrained to follow its start).
    The figures' FILTER clauses pick among these; without it every episode ever opened is read."""
    return Q(started_on__lte=period.end) & (Q(ended_on__isnull=True) | Q(ended_on__gte=period.start) | Q(started_on__gte=period.start))


@stored
def enablement(period: Period) -> Enablement:
    overlapping = Q(started_on__lte=period.end) & (Q(ended_on__isnull=True) | Q(ended_on__gte=period.start))
    episodes = Episode.objects.filter(touching(period), in_scope(**EPISODES)).aggregate(
        people=Count("person", distinct=True, filter=overlapping),
        open_at_end=Count("id", filter=Q(started_on__lte=period.end) & (Q(ended_on__isnull=True) | Q(ended_on__gt=period.end))),
        started=Count("id", filter=on_days("started_on", period)),
    )
    contacts = Contact.objects.filter(on_days("contact_date", period), in_scope(**EPISODES)).aggregate(
        contacts=Count("id", filter=Q(outcome=Contact.Outcome.ATTENDED)),
        minutes=Sum("minutes", filter=Q(outcome=Contact.Outcome.ATTENDED), default=0),
        dna=Count("id", filter=Q(outcome=Contact.Outcome.DID_NOT_ATTEND)),
    )
    return Enablement(
        people_supported=episodes["people"],
        episodes_open_at_end=episodes["open_at_end"],
        episodes_started=episodes["started"],
        contacts=contacts["contacts"],
        minutes=contacts["minutes"],
        did_not_attend=contacts["dna"],
    )


@stored
def moves_on(period: Period) -> dict[str, int]:
    rows = MoveOn.objects.filter(on_days("ended_on", period), in_scope(**MOVES_ON)).values("destination").annotate(n=Count("id")).order_by()
    return {row["destination"]: row["n"] for row in rows}


@dataclass(frozen=True)
class Attendances:
    kind: str
    sessions_run: int
    sessions_cancelled: int
    named: int
    headcount: int
    unique_people: int

    @property
    def total(self) -> int:
        return self.named + self.headcount


@stored
def attendances(period: Period, project: Project | None = None) -> dict[str, Attendances]:
    """Per kind of activity ("drop_in", "group") and "all": cancelled sessions count no one."""
    sessions = Session.objects.filter(during("starts_at", period), in_scope(**SESSIONS))
    if project is not None:
        sessions = sessions.filter(activity__project=project)
    per_kind = {
        row["activity__kind"]: row
        for row in sessions.values("activity__kind")
        .annotate(
            run=Count("id", filter=Q(cancelled_at__isnull=True)),
            cancelled=Count("id", filter=Q(cancelled_at__isnull=False)),
            headcount=Sum("headcount", filter=Q(cancelled_at__isnull=True), default=0),
        )
        .order_by()
    }
    # Joined directly (not `session__in` a subquery, which read the session table twice) and
    # counted by person, so PostgreSQL answers from the (session, person) unique index alone.
    named = Attendance.objects.filter(during("session__starts_at", period), in_scope(**ATTENDANCES), session__cancelled_at__isnull=True)
    if project is not None:
        named = named.filter(session__activity__project=project)
    with roomy_sorts():
        people = {
            row["session__activity__kind"]: row
            for row in named.values("session__activity__kind").annotate(n=Count("person"), unique=Count("person", distinct=True)).order_by()
        }
        everyone = named.aggregate(unique=Count("person", distinct=True))["unique"]
    result = {}
    for kind in ("drop_in", "group"):
        s: dict[str, Any] = dict(per_kind.get(kind, {}))
        p: dict[str, Any] = dict(people.get(kind, {}))
        result[kind] = Attendances(kind, s.get("run", 0), s.get("cancelled", 0), p.get("n", 0), s.get("headcount", 0), p.get("unique", 0))
    result["all"] = Attendances(
        "all",
        sum(a.sessions_run for a in result.values()),
        sum(a.sessions_cancelled for a in result.values()),
        sum(a.named for a in result.values()),
        sum(a.headcount for a in result.values()),
        everyone,
    )
    return result


@dataclass(frozen=True)
class OutcomeChange:
    instrument: str
    people: int | None  # None: not shown (a restricted viewer's figures)
    improved: int | None
    mean_change: Decimal | None
    suppressed: bool


def routine_instruments() -> list[Instrument]:
    return list(Instrument.objects.filter(code__in=settings.STAR_ROUTINE_MEASURES).order_by("code"))


@stored
def outcomes(period: Period, instruments: list[Instrument]) -> list[OutcomeChange]:
    """Paired change from first to last score in the period: outcomes' own cohort function, one
    query per routine instrument (a setting, not data). The mean is not given for fewer people
    than the threshold."""
    result = []
    for instrument in instruments:
        rows = paired_change(instrument, start=period.start, end=period.end, restricted=False, scope=_scope.get())
        row = rows[0] if rows else None
        people = int(row.people or 0) if row else 0
        small = 0 < people < settings.STAR_SUPPRESSION_THRESHOLD
        result.append(
            OutcomeChange(
                instrument=instrument.code,
                people=people,
                improved=row.improved if row else 0,
                mean_change=None if small or row is None else row.mean_change,
                suppressed=small,
            )
        )
    return result


@stored
def published_outcomes(period: Period, instruments: list[Instrument]) -> list[OutcomeChange]:
    """For a restricted viewer: each instrument's "Everyone" row exactly as outcomes' cohorts page
    publishes it for the period (every grouping suppressed together by core.disclosure)."""
    result = []
    for instrument in instruments:
        rows = published_cohorts(instrument, start=period.start, end=period.end)["all"]
        row = rows[0] if rows else None
        if row is None:
            result.append(OutcomeChange(instrument.code, people=0, improved=0, mean_change=None, suppressed=False))
            continue
        result.append(
            OutcomeChange(instrument.code, people=row.people, improved=row.improved, mean_change=row.mean_change, suppressed=row.suppressed)
        )
    return result


@stored
def people_supported(period: Period, project: Project | None = None) -> int:
    """Distinct people in 1-to-1 work or named at a drop-in or group in the period (one query).

    A UNION of the two sets of person ids, counted: scanning every person for two EXISTS checks
    took seconds with a million people (docs/performance.md)."""
    overlapping = (
        Episode.objects.filter(in_scope(**EPISODES), started_on__lte=period.end)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=period.start))
        .values("person_id")
        .order_by()
    )
    attendances = Attendance.objects.filter(
        during("session__starts_at", period), in_scope(**ATTENDANCES), session__cancelled_at__isnull=True
    )
    if project is not None:
        attendances = attendances.filter(session__activity__project=project)
    with roomy_sorts():
        return overlapping.union(attendances.values("person_id").order_by()).count()
