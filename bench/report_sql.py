"""The quarterly report's headline figures two ways: through the reports app (its ORM aggregate
functions, as the dashboard computes them) and as one hand-written SQL statement per figure
group, for the same three periods (the quarter, the one before, the same quarter last year).

The benchmark asserts the two agree and compares their time (target: report within 1.5x)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import connection

from core.periods import Period
from reports.figures import service

Figures = dict[str, Any]


def _periods(period: Period) -> list[Period]:
    return [period, period.previous(), period.last_year()]


def report_figures(period: Period) -> list[Figures]:
    result = []
    for each in _periods(period):
        wait = service.waiting(each)
        work = service.enablement(each)
        result.append(
            {
                "referrals_by_source": service.referrals_by_source(each),
                "triage_decisions": service.triage_decisions(each),
                "waiting": [
                    wait.received,
                    wait.within_week,
                    wait.within_target,
                    wait.over_target,
                    wait.not_seen,
                    None if wait.median_days is None else float(wait.median_days),
                ],
                "enablement": [
                    work.people_supported,
                    work.episodes_open_at_end,
                    work.episodes_started,
                    work.contacts,
                    work.minutes,
                    work.did_not_attend,
                ],
                "attendances": {
                    kind: [a.sessions_run, a.sessions_cancelled, a.named, a.headcount, a.unique_people]
                    for kind, a in service.attendances(each).items()
                },
                "people_supported": service.people_supported(each),
            }
        )
    return result


def _rows(sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


REFERRALS_BY_SOURCE = """
SELECT source, COUNT(*) FROM referrals_referral
WHERE received_at >= %(since)s AND received_at < %(until)s GROUP BY source"""

TRIAGE_DECISIONS = """
SELECT decision, COUNT(*) FROM referrals_referral
WHERE triaged_at >= %(since)s AND triaged_at < %(until)s AND decision <> '' GROUP BY decision"""

# Days from the local date a referral arrived to its first contact that took place.
WAITING = """
WITH waits AS (
    SELECT (SELECT MIN(c.contact_date) FROM enablement_contact c
            JOIN enablement_episode e ON e.id = c.episode_id
            WHERE e.referral_id = r.id AND c.outcome = 'attended')
           - (r.received_at AT TIME ZONE %(zone)s)::date AS wait
    FROM referrals_referral r
    WHERE r.received_at >= %(since)s AND r.received_at < %(until)s
)
SELECT COUNT(*), COUNT(*) FILTER (WHERE wait <= 7), COUNT(*) FILTER (WHERE wait <= %(target)s),
       COUNT(*) FILTER (WHERE wait > %(target)s), COUNT(*) FILTER (WHERE wait IS NULL),
       PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY wait)
FROM waits"""

EPISODES = """
SELECT COUNT(DISTINCT person_id) FILTER (WHERE started_on <= %(end)s AND (ended_on IS NULL OR ended_on >= %(start)s)),
       COUNT(*) FILTER (WHERE started_on <= %(end)s AND (ended_on IS NULL OR ended_on > %(end)s)),
       COUNT(*) FILTER (WHERE started_on >= %(start)s AND started_on <= %(end)s)
FROM enablement_episode"""

CONTACTS = """
SELECT COUNT(*) FILTER (WHERE outcome = 'attended'), COALESCE(SUM(minutes) FILTER (WHERE outcome = 'attended'), 0),
       COUNT(*) FILTER (WHERE outcome = 'did_not_attend')
FROM enablement_contact WHERE contact_date >= %(start)s AND contact_date <= %(end)s"""

SESSIONS = """
SELECT a.kind, COUNT(*) FILTER (WHERE s.cancelled_at IS NULL), COUNT(*) FILTER (WHERE s.cancelled_at IS NOT NULL),
       COALESCE(SUM(s.headcount) FILTER (WHERE s.cancelled_at IS NULL), 0)
FROM community_session s JOIN community_activity a ON a.id = s.activity_id
WHERE s.starts_at >= %(since)s AND s.starts_at < %(until)s GROUP BY a.kind"""

NAMED = """
SELECT COALESCE(a.kind, 'all'), COUNT(*), COUNT(DISTINCT n.person_id)
FROM community_attendance n JOIN community_session s ON s.id = n.session_id JOIN community_activity a ON a.id = s.activity_id
WHERE s.starts_at >= %(since)s AND s.starts_at < %(until)s AND s.cancelled_at IS NULL
GROUP BY ROLLUP (a.kind)"""

PEOPLE_SUPPORTED = """
SELECT COUNT(*) FROM (
    SELECT person_id FROM enablement_episode
    WHERE started_on <= %(end)s AND (ended_on IS NULL OR ended_on >= %(start)s)
    UNION
    SELECT n.person_id FROM community_attendance n JOIN community_session s ON s.id = n.session_id
    WHERE s.starts_at >= %(since)s AND s.starts_at < %(until)s AND s.cancelled_at IS NULL
) supported"""


def _params(period: Period) -> dict[str, Any]:
    since, until = service.bounds(period)
    return {
        "since": since,
        "until": until,
        "start": period.start,
        "end": period.end,
        "zone": settings.TIME_ZONE,
        "target": settings.STAR_WAITING_TARGET_DAYS,
    }


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def sql_figures(period: Period) -> list[Figures]:
    """PostgreSQL only (FILTER, ROLLUP, PERCENTILE_CONT, AT TIME ZONE)."""
    result = []
    for each in _periods(period):
        params = _params(each)
        waiting = _rows(WAITING, params)[0]
        episodes = _rows(EPISODES, params)[0]
        contacts = _rows(CONTACTS, params)[0]
        sessions = {kind: row for kind, *row in _rows(SESSIONS, params)}
        named = {kind: row for kind, *row in _rows(NAMED, params)}
        attendances = {}
        for kind in ("drop_in", "group"):
            run, cancelled, headcount = sessions.get(kind, (0, 0, 0))
            count, unique = named.get(kind, (0, 0))
            attendances[kind] = [run, cancelled, count, int(headcount), unique]
        attendances["all"] = [
            sum(attendances[k][0] for k in ("drop_in", "group")),
            sum(attendances[k][1] for k in ("drop_in", "group")),
            sum(attendances[k][2] for k in ("drop_in", "group")),
            sum(attendances[k][3] for k in ("drop_in", "group")),
            named.get("all", (0, 0))[1],
        ]
        result.append(
            {
                "referrals_by_source": dict(_rows(REFERRALS_BY_SOURCE, params)),
                "triage_decisions": dict(_rows(TRIAGE_DECISIONS, params)),
                "waiting": [*waiting[:5], _number(waiting[5])],
                "enablement": [episodes[0], episodes[1], episodes[2], contacts[0], int(contacts[1]), contacts[2]],
                "attendances": attendances,
                "people_supported": _rows(PEOPLE_SUPPORTED, params)[0][0],
            }
        )
    return result


def as_json(figures: list[Figures]) -> list[Figures]:
    def plain(value: Any) -> Any:
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        if isinstance(value, Decimal):
            return float(value)
        if isinstance(value, date | datetime):
            return value.isoformat()
        return value

    return [plain(f) for f in figures]
