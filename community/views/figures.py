"""Figures per project and period: counts only, no names."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.access import requires
from accounts.roles import Capability
from community.access import projects_with_figures_for
from community.figures import project_figures
from community.forms import FiguresForm


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
    return render(request, "community/figures/project.jinja", {"project": project, "figures": figures, "form": form})
