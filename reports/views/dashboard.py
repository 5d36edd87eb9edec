"""The dashboard, the equality page and the quarterly report: aggregates only."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.access import requires
from accounts.roles import Capability
from core.disclosure import threshold
from reports import pdf, tables
from reports.figures import equality, money, own_questions, service
from reports.views.context import is_suppressed_for, selection


@requires(Capability.SEE_SERVICE_REPORTS)
def dashboard(request: HttpRequest) -> HttpResponse:
    chosen = selection(request)
    context: dict[str, object] = {"chosen": chosen, "threshold": threshold(), "suppressed": is_suppressed_for(request)}
    if chosen.period is not None:
        with service.figures_shared():  # the cost figures reuse the tables' quarter figures
            built = tables.build(chosen.period, project=chosen.project, suppressed=is_suppressed_for(request))
            costs = tables.cost_figures(chosen.period, suppressed=is_suppressed_for(request))
        context.update(
            tables=built,
            costs=costs,
            cost_table=tables.cost_table(chosen.period, costs),
            method=money.__doc__,
            pounds=money.pounds,
        )
    return render(request, "reports/dashboard.jinja", context, status=200 if chosen.period else 400)


@requires(Capability.SEE_SERVICE_REPORTS)
def equality_page(request: HttpRequest) -> HttpResponse:
    chosen = selection(request)
    context: dict[str, object] = {"chosen": chosen, "threshold": threshold()}
    if chosen.period is not None:
        context["tables"] = [equality.equality_table(q, chosen.period, suppressed=is_suppressed_for(request)) for q in equality.QUESTIONS]
        context["own_tables"] = own_questions.monitoring_tables(chosen.period, suppressed=is_suppressed_for(request))
    return render(request, "reports/equality.jinja", context, status=200 if chosen.period else 400)


@requires(Capability.SEE_SERVICE_REPORTS)
def quarterly_pdf(request: HttpRequest) -> HttpResponse:
    chosen = selection(request)
    if chosen.period is None:
        return HttpResponse(chosen.error, status=400, content_type="text/plain; charset=utf-8")
    suppressed = is_suppressed_for(request)
    with service.figures_shared():
        built = tables.build(chosen.period, project=chosen.project, suppressed=suppressed)
        costs = tables.cost_figures(chosen.period, suppressed=is_suppressed_for(request))
    content = pdf.quarterly_report(
        period=chosen.period,
        tables=built,
        costs=costs,
        cost_table=tables.cost_table(chosen.period, costs),
        suppressed=suppressed,
        threshold=threshold(),
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="star-report-{chosen.period.start}-{chosen.period.end}.pdf"'
    return response
