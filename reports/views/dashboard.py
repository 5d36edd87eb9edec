"""The dashboard, the equality page and the quarterly report: aggregates only."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts.access import acting_user, requires
from accounts.roles import Capability
from core.disclosure import threshold
from downloads import services as downloads
from downloads.models import PreparedDownload
from reports import store, tables
from reports.downloads import QUARTERLY_PDF, quarterly_pdf_bytes, quarterly_pdf_filename
from reports.figures import answered, equality, money, own_questions, service
from reports.teams import cost_figures_for
from reports.views.context import Selection, is_suppressed_for, selection
from submissions.services import key_for_form, once


@requires(Capability.SEE_SERVICE_REPORTS)
def dashboard(request: HttpRequest) -> HttpResponse:
    chosen = selection(request)
    context: dict[str, object] = {"chosen": chosen, "threshold": threshold(), "suppressed": is_suppressed_for(request)}
    if chosen.period is not None:
        # From the figures store (reports/store.py); the cost figures reuse the tables' quarter figures.
        with service.scoped(chosen.scope), store.figures(chosen.period, chosen.scope) as fresh:
            built = tables.build(chosen.period, project=chosen.project, suppressed=is_suppressed_for(request))
            costs = cost_figures_for(chosen.period, chosen.scope, suppressed=is_suppressed_for(request))
            if len(chosen.teams) > 1 and chosen.team is None:
                context["by_team"] = tables.team_comparison(chosen.period, chosen.teams)
        context["freshness"] = fresh
        context.update(
            tables=built,
            costs=costs,
            cost_table=tables.cost_table(chosen.period, costs),
            method=money.__doc__,
            pounds=money.pounds,
        )
    if not is_suppressed_for(request):  # managers only: these figures are not published through core.disclosure
        context.update(_answered(request, chosen))
    return render(request, "reports/dashboard.jinja", context, status=200 if chosen.period else 400)


def _answered(request: HttpRequest, chosen: Selection) -> dict[str, object]:
    """The filter "people who answered a question with an answer", and the 1-to-1 figures it narrows."""
    offered = answered.filters_offered()
    found = answered.chosen_filter(request.GET.get("answered", "")) if offered else None
    context: dict[str, object] = {"answer_filters": offered, "answer_filter": found}
    if found is not None and chosen.period is not None:
        periods = [chosen.period, chosen.period.previous(), chosen.period.last_year()]
        context["answered_heads"] = [period.label for period in periods]
        context["answered_rows"] = answered.table(periods, found)
    return context


@requires(Capability.SEE_SERVICE_REPORTS)
def equality_page(request: HttpRequest) -> HttpResponse:
    chosen = selection(request)
    context: dict[str, object] = {"chosen": chosen, "threshold": threshold()}
    if chosen.period is not None:
        with service.scoped(chosen.scope), store.figures(chosen.period, chosen.scope) as fresh:
            context["tables"] = [
                equality.equality_table(q, chosen.period, suppressed=is_suppressed_for(request)) for q in equality.QUESTIONS
            ]
            context["own_tables"] = own_questions.monitoring_tables(chosen.period, suppressed=is_suppressed_for(request))
        context["freshness"] = fresh
    return render(request, "reports/equality.jinja", context, status=200 if chosen.period else 400)


@requires(Capability.SEE_SERVICE_REPORTS)
def quarterly_pdf(request: HttpRequest) -> HttpResponse:
    """The PDF at once, or, with a broker set, prepared by a worker: the GET page offers to start
    it (a GET never starts work), the POST asks for it and goes to its progress page."""
    chosen = selection(request)
    if chosen.period is None:
        return HttpResponse(chosen.error, status=400, content_type="text/plain; charset=utf-8")
    if downloads.in_background():
        if request.method != "POST":
            return render(request, "reports/prepare_pdf.jinja", {"chosen": chosen, "submission_key": key_for_form(request)})
        title = f"Report for {chosen.period.label}" + (f", {chosen.project.name}" if chosen.project else "")
        params = {**chosen.params, "back_url": f"{reverse('reports:dashboard')}?{chosen.query}"}
        saved = once(
            request,
            model=PreparedDownload,
            create=lambda: downloads.ask(by=acting_user(request), kind=QUARTERLY_PDF, params=params, title=title),
        )
        return redirect("downloads:status", download_id=saved.obj.pk)
    content = quarterly_pdf_bytes(chosen.period, project=chosen.project, suppressed=is_suppressed_for(request), scope=chosen.scope)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{quarterly_pdf_filename(chosen.period)}"'
    return response
