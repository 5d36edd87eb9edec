"""Downloads: every dashboard table as CSV or XLSX, and the managers' MHSDS-style extract."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from accounts.access import requires
from accounts.roles import Capability
from audit.services import Action, record_event, record_events_for_people
from community.models import Project
from core.periods import Period
from reports import exports, mhsds, store, tables
from reports.figures import equality, own_questions, service
from reports.figures.service import current_scope
from reports.teams import cost_figures_for
from reports.views.context import is_suppressed_for, selection

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@requires(Capability.SEE_SERVICE_REPORTS)
def export_table(request: HttpRequest, key: str, fmt: str) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404
    chosen = selection(request)
    if chosen.period is None:
        return HttpResponse(chosen.error, status=400, content_type="text/plain; charset=utf-8")
    with service.scoped(chosen.scope), store.figures(chosen.period, chosen.scope):  # the figures store
        if key == "by-team":
            if len(chosen.teams) < 2:
                raise Http404
            table = tables.team_comparison(chosen.period, chosen.teams)
        else:
            table = _find_table(key, chosen.period, request, chosen.project)
    rows = exports.table_rows(table)
    body: str | bytes = exports.to_csv(rows) if fmt == "csv" else exports.to_xlsx(rows, title=table.title)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{key}-{chosen.period.start}-{chosen.period.end}.{fmt}"'
    return response


def _find_table(key: str, period: Period, request: HttpRequest, project: Project | None) -> tables.Table:
    suppressed = is_suppressed_for(request)
    question = key.removeprefix("equality-")
    if question in equality.QUESTIONS:
        return equality.as_table(equality.equality_table(question, period, suppressed=suppressed))
    if key.startswith("question-"):
        found = next((t for t in own_questions.monitoring_tables(period, suppressed=suppressed) if t.key == key), None)
        if found is None:
            raise Http404
        return own_questions.as_table(found)
    if key == "costs":
        return tables.cost_table(period, cost_figures_for(period, current_scope(), suppressed=suppressed))
    table = next((t for t in tables.build(period, project=project, suppressed=suppressed) if t.key == key), None)
    if table is None:
        raise Http404
    return table


@requires(Capability.EXPORT_MHSDS)
def mhsds_extract(request: HttpRequest) -> HttpResponse:
    """Person-level: every person in it gets an audit event, in one bulk insert."""
    chosen = selection(request)
    if chosen.period is None:
        return HttpResponse(chosen.error, status=400, content_type="text/plain; charset=utf-8")
    with service.scoped(chosen.scope):
        people = mhsds.people_in(chosen.period)
        content = exports.to_csv(mhsds.extract(chosen.period))
    record_events_for_people(
        user=request.user, action=Action.EXPORT, person_ids=people, detail={"export": "mhsds", **chosen.period.query()}
    )
    record_event(user=request.user, action=Action.EXPORT, detail={"export": "mhsds", "people": len(people), **chosen.period.query()})
    response = HttpResponse(content, content_type=CONTENT_TYPES["csv"])
    response["Content-Disposition"] = f'attachment; filename="mhsds-extract-{chosen.period.start}-{chosen.period.end}.csv"'
    return response
