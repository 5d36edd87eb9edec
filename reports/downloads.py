"""The report's files, prepared in the background when a broker is set (`downloads`): the quarterly
report's PDF, each dashboard table as CSV or XLSX, and the managers' MHSDS-style extract. The page
that sends a file at once (no broker) and the worker make it with the same function here."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.http import HttpRequest, QueryDict

from accounts.roles import Capability, can
from accounts.teams import Scope
from audit.services import Action, record_event, record_events_for_people
from community.models import Project
from core.disclosure import threshold
from core.periods import Period
from downloads.builders import Builder, Built, NotPossible, register
from reports import exports, mhsds, pdf, store, tables
from reports.figures import equality, own_questions, service
from reports.teams import cost_figures_for
from reports.views.context import Selection, is_suppressed_for, selection

if TYPE_CHECKING:
    from accounts.models import User

QUARTERLY_PDF = "reports.quarterly_pdf"
TABLE = "reports.table"
MHSDS_EXTRACT = "reports.mhsds_extract"
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def quarterly_pdf_bytes(period: Period, *, project: Project | None, suppressed: bool, scope: Scope | None = None) -> bytes:
    """The same PDF whether the page builds it or a worker does."""
    with service.scoped(scope), store.figures(period, scope):
        built = tables.build(period, project=project, suppressed=suppressed)
        costs = cost_figures_for(period, scope, suppressed=suppressed)
    return pdf.quarterly_report(
        period=period,
        tables=built,
        costs=costs,
        cost_table=tables.cost_table(period, costs),
        suppressed=suppressed,
        threshold=threshold(),
    )


def quarterly_pdf_filename(period: Period) -> str:
    return f"star-report-{period.start}-{period.end}.pdf"


def _build_quarterly_pdf(params: Mapping[str, str], user: User) -> Built:
    chosen, suppressed = selection_for(user, params)
    if chosen.period is None:
        raise NotPossible(chosen.error)
    content = quarterly_pdf_bytes(chosen.period, project=chosen.project, suppressed=suppressed, scope=chosen.scope)
    return Built(content=content, filename=quarterly_pdf_filename(chosen.period), content_type="application/pdf")


def table_file(key: str, fmt: str, chosen: Selection, *, suppressed: bool) -> Built:
    """One dashboard table (`key`) as CSV or XLSX, for the chosen period, project and team.
    `NotPossible` when there is no such table (the page answers 404)."""
    if fmt not in CONTENT_TYPES or chosen.period is None:
        raise NotPossible("That file is not one of the report's tables")
    with service.scoped(chosen.scope), store.figures(chosen.period, chosen.scope):  # the figures store
        if key == "by-team":
            if len(chosen.teams) < 2:
                raise NotPossible("There are no teams to compare")
            table = tables.team_comparison(chosen.period, chosen.teams)
        else:
            table = _find_table(key, chosen.period, chosen.project, suppressed=suppressed)
    rows = exports.table_rows(table)
    body = exports.to_csv(rows).encode() if fmt == "csv" else exports.to_xlsx(rows, title=table.title)
    return Built(content=body, filename=f"{key}-{chosen.period.start}-{chosen.period.end}.{fmt}", content_type=CONTENT_TYPES[fmt])


def _find_table(key: str, period: Period, project: Project | None, *, suppressed: bool) -> tables.Table:
    question = key.removeprefix("equality-")
    if question in equality.QUESTIONS:
        return equality.as_table(equality.equality_table(question, period, suppressed=suppressed))
    if key.startswith("question-"):
        found = next((t for t in own_questions.monitoring_tables(period, suppressed=suppressed) if t.key == key), None)
        if found is None:
            raise NotPossible("That table is not in the report")
        return own_questions.as_table(found)
    if key == "costs":
        return tables.cost_table(period, cost_figures_for(period, service.current_scope(), suppressed=suppressed))
    table = next((t for t in tables.build(period, project=project, suppressed=suppressed) if t.key == key), None)
    if table is None:
        raise NotPossible("That table is not in the report")
    return table


def mhsds_file(user: User, chosen: Selection) -> Built:
    """Person-level: every person in it gets an audit event, in one bulk insert, whoever makes it."""
    if chosen.period is None:
        raise NotPossible(chosen.error)
    with service.scoped(chosen.scope):
        people = mhsds.people_in(chosen.period)
        content = exports.to_csv(mhsds.extract(chosen.period))
    period_query = chosen.period.query()
    record_events_for_people(user=user, action=Action.EXPORT, person_ids=people, detail={"export": "mhsds", **period_query})
    record_event(user=user, action=Action.EXPORT, detail={"export": "mhsds", "people": len(people), **period_query})
    filename = f"mhsds-extract-{chosen.period.start}-{chosen.period.end}.csv"
    return Built(content=content.encode(), filename=filename, content_type=CONTENT_TYPES["csv"])


SELECTION_KEYS = ("kind", "start", "end", "project", "team")


def selection_for(user: User, params: Mapping[str, str]) -> tuple[Selection, bool]:
    """What the page chose, worked out again for the user from the saved query (so a project or
    team they can no longer see is dropped as the page would drop it), and whether they see
    figures suppressed."""
    request = HttpRequest()
    request.GET = QueryDict(urlencode({key: params.get(key, "") for key in SELECTION_KEYS}))
    request.user = user
    return selection(request), is_suppressed_for(request)


def _build_table(params: Mapping[str, str], user: User) -> Built:
    chosen, suppressed = selection_for(user, params)
    if chosen.period is None:
        raise NotPossible(chosen.error)
    return table_file(params.get("key", ""), params.get("fmt", ""), chosen, suppressed=suppressed)


def _build_mhsds(params: Mapping[str, str], user: User) -> Built:
    chosen, _ = selection_for(user, params)
    return mhsds_file(user, chosen)


def register_builders() -> None:
    register(
        Builder(
            kind=QUARTERLY_PDF,
            may_have=lambda user: can(user, Capability.SEE_SERVICE_REPORTS),
            build=_build_quarterly_pdf,
        )
    )
    register(Builder(kind=TABLE, may_have=lambda user: can(user, Capability.SEE_SERVICE_REPORTS), build=_build_table))
    register(Builder(kind=MHSDS_EXTRACT, may_have=lambda user: can(user, Capability.EXPORT_MHSDS), build=_build_mhsds))
