"""Setting up projects and venues (managers), and a project's own page (its leads too)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.access import acting_user, requires
from accounts.roles import Capability, can
from accounts.teams import teams_for
from community import services
from community.access import get_project_for, projects_run_by
from community.forms import ProjectForm, ProjectLeadForm, VenueForm
from community.models import Project, Venue
from community.models.enrolment import CommunityError
from core.posted import posted
from core.status import show_refusal
from submissions.conflicts import EditConflict, model_edit_check, model_form_again, unchanged_model
from submissions.services import ALREADY_SAVED, earlier, key_for_form, once


@requires(Capability.RUN_PROJECTS)
def project_list(request: HttpRequest) -> HttpResponse:
    projects = projects_run_by(request.user).select_related("supporting_worker").order_by("name")
    page = Paginator(projects, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "community/projects/list.jinja",
        {"page": page, "can_manage": can(request.user, Capability.MANAGE_PROJECTS)},
    )


@requires(Capability.MANAGE_PROJECTS)
def project_new(request: HttpRequest) -> HttpResponse:
    form = ProjectForm(posted(request), teams=teams_for(request.user))
    valid = request.method == "POST" and form.is_valid()
    # Asked after the form's checks: a repeat of this form (sent twice, or twice at the same
    # moment) finds its name taken by itself, maybe only since the checks began.
    if (made := earlier(request, Project)) is not None:
        messages.success(request, ALREADY_SAVED)
        return redirect("community:project_detail", project_id=made.pk)
    if valid:
        try:
            saved = once(
                request, model=Project, create=lambda: services.save_project(by=acting_user(request), project=form.save(commit=False))
            )
        except CommunityError as error:
            if (made := earlier(request, Project)) is not None:  # the same form, sent at the same moment, won
                messages.success(request, ALREADY_SAVED)
                return redirect("community:project_detail", project_id=made.pk)
            show_refusal(request, error, form)
        else:
            messages.success(request, f"{saved.obj.name} has been set up" if saved.created else ALREADY_SAVED)
            return redirect("community:project_detail", project_id=saved.obj.pk)
    return render(
        request, "community/projects/form.jinja", {"form": form, "title": "Set up a project", "submission_key": key_for_form(request)}
    )


@requires(Capability.RUN_PROJECTS)
def project_detail(request: HttpRequest, project_id: uuid.UUID) -> HttpResponse:
    project = get_project_for(request, project_id)
    activities = list(project.activities.select_related("venue").prefetch_related("schedules").order_by("name"))
    leads = list(project.leads.select_related("user"))
    return render(
        request,
        "community/projects/detail.jinja",
        {
            "project": project,
            "activities": activities,
            "leads": leads,
            "lead_form": ProjectLeadForm(),
            "can_manage": can(request.user, Capability.MANAGE_PROJECTS),
        },
    )


@requires(Capability.RUN_PROJECTS)
def project_edit(request: HttpRequest, project_id: uuid.UUID) -> HttpResponse:
    project = get_project_for(request, project_id)
    form = ProjectForm(posted(request), instance=project, teams=teams_for(request.user))
    edit = model_edit_check(request, form)
    if request.method == "POST" and form.is_valid():
        try:
            with unchanged_model(request, form):
                services.save_project(by=acting_user(request), project=form.save(commit=False))
        except CommunityError as error:
            show_refusal(request, error, form)
        except EditConflict as conflict:
            form, edit = model_form_again(form, conflict), conflict.check
        else:
            messages.success(request, "Changes saved")
            return redirect("community:project_detail", project_id=project.pk)
    return render(
        request, "community/projects/form.jinja", {"form": form, "title": f"Change {project.name}", "project": project, "edit_check": edit}
    )


@require_POST
@requires(Capability.MANAGE_PROJECTS)
def project_lead_add(request: HttpRequest, project_id: uuid.UUID) -> HttpResponse:
    project = get_project_for(request, project_id)
    form = ProjectLeadForm(request.POST)
    if form.is_valid():
        services.add_project_lead(by=acting_user(request), project=project, user=form.cleaned_data["user"])
        messages.success(request, f"{form.cleaned_data['user'].display_name} now leads {project.name}")
    else:
        messages.error(request, "Choose a project lead")
    return redirect("community:project_detail", project_id=project.pk)


@requires(Capability.RUN_PROJECTS)
def venue_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(Venue.objects.order_by("name"), 25).get_page(request.GET.get("page"))
    return render(request, "community/venues/list.jinja", {"page": page, "can_manage": can(request.user, Capability.MANAGE_PROJECTS)})


@requires(Capability.MANAGE_PROJECTS)
def venue_edit(request: HttpRequest, venue_id: uuid.UUID) -> HttpResponse:
    venue = get_object_or_404(Venue, pk=venue_id)
    form = VenueForm(posted(request), instance=venue)
    edit = model_edit_check(request, form)
    if request.method == "POST" and form.is_valid():
        try:
            with unchanged_model(request, form):
                services.save_venue(by=acting_user(request), venue=form.save(commit=False))
        except CommunityError as error:
            show_refusal(request, error, form)
        except EditConflict as conflict:
            form, edit = model_form_again(form, conflict), conflict.check
        else:
            messages.success(request, "Changes saved")
            return redirect("community:venue_list")
    return render(request, "community/venues/form.jinja", {"form": form, "title": f"Change {venue.name}", "edit_check": edit})


@requires(Capability.MANAGE_PROJECTS)
def venue_new(request: HttpRequest) -> HttpResponse:
    form = VenueForm(posted(request))
    valid = request.method == "POST" and form.is_valid()
    if earlier(request, Venue) is not None:  # a repeat (see project_new): its name is taken by itself
        messages.success(request, ALREADY_SAVED)
        return redirect("community:venue_list")
    if valid:
        try:
            saved = once(request, model=Venue, create=lambda: services.save_venue(by=acting_user(request), venue=form.save(commit=False)))
        except CommunityError as error:
            if earlier(request, Venue) is not None:
                messages.success(request, ALREADY_SAVED)
                return redirect("community:venue_list")
            show_refusal(request, error, form)
        else:
            messages.success(request, f"{saved.obj.name} has been added" if saved.created else ALREADY_SAVED)
            return redirect("community:venue_list")
    return render(request, "community/venues/form.jinja", {"form": form, "title": "Add a venue", "submission_key": key_for_form(request)})
