"""Figures per project and period: counts only, no names."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.access import requires
from accounts.roles import Capability, can
from community.access import projects_with_figures_for
from community.figures import ProjectFigures, project_figures
from community.forms import FiguresForm
from community.models import Project
from community.published import published_attendance
from core.disclosure import NOT_SHOWN, show, suppress_value
from core.periods import month_of, quarter_of, year_of


@requires(Capability.VIEW_PROJECT_FIGURES)
def figures_index(request: HttpRequest) -> HttpResponse:
    projects = list(projects_with_figures_for(request.user).order_by("name")[:100])
    return render(request, "community/figures/index.jinja", {"projects": projects})


@requires(Capability.VIEW_PROJECT_FIGURES)
def project_figures_page(request: HttpRequest, project_id: uuid.UUID) -> HttpResponse:
    project = projects_with_figures_for(request.user).filter(pk=project_id).first()
    if project is None:
        raise Http404
    today = timezone.localdate()
    default = {"start": today - timedelta(days=27), "end": today}
    form = FiguresForm(request.GET or None, initial=default)
    period = form.cleaned_data if form.is_bound and form.is_valid() else default
    figures = project_figures(project=project, start=period["start"], end=period["end"])
    shown: dict[str, str] | None = None
    if not can(request.user, Capability.SEE_UNSUPPRESSED_FIGURES):
        shown = restricted_figures(project, figures)
    return render(request, "community/figures/project.jinja", {"project": project, "figures": figures, "form": form, "shown": shown})


def restricted_figures(project: Project, figures: ProjectFigures) -> dict[str, str]:
    """What a restricted viewer (a commissioner) sees, through core.disclosure: attendances from the
    same published counts as the service's reports (a calendar month, quarter or financial year
    only, so shifting the dates by a day gives nothing away), and counts of people on their own
    hidden when small ("different named people 3", "volunteers on the rota 1")."""
    calendar = next(
        (
            p
            for p in (month_of(figures.start), quarter_of(figures.start), year_of(figures.start))
            if (p.start, p.end) == (figures.start, figures.end)
        ),
        None,
    )
    shown = {"named": NOT_SHOWN, "headcount": NOT_SHOWN, "total": NOT_SHOWN}
    if calendar is not None:
        for measure in shown:
            shown[measure] = show(published_attendance(project, calendar, measure))
    shown.update(
        unique=show(suppress_value(figures.unique_people)),
        new=show(suppress_value(figures.new_people)),
        volunteers=show(suppress_value(figures.volunteers)),
        calendar="yes" if calendar else "",
    )
    return shown
