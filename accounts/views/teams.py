"""The administrator's page for services and teams, and where each user works (docs/teams.md)."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts import services
from accounts.access import acting_user, requires
from accounts.forms import PlaceForm, ServiceForm, TeamForm
from accounts.models import Service, User
from accounts.roles import Capability
from accounts.teams import only_service_id
from core.posted import posted
from submissions.services import key_for_form


def _page(request: HttpRequest, *, service_form: ServiceForm, team_form: TeamForm, status: int = 200) -> HttpResponse:
    service_list = list(Service.objects.annotate(people=Count("users", distinct=True)).prefetch_related("teams").order_by("name"))
    team_sizes = dict(
        User.objects.filter(team__isnull=False, is_active=True)
        .values_list("team")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("team", "n")
    )
    return render(
        request,
        "accounts/teams.jinja",
        {
            "services": service_list,
            "team_sizes": team_sizes,
            "service_form": service_form,
            "team_form": team_form,
            "submission_key": key_for_form(request),
        },
        status=status,
    )


@requires(Capability.MANAGE_USERS)
def teams(request: HttpRequest) -> HttpResponse:
    return _page(request, service_form=ServiceForm(), team_form=_new_team_form())


def _new_team_form() -> TeamForm:
    return TeamForm(initial={"service": only_service_id()})


@require_POST
@requires(Capability.MANAGE_USERS)
def service_new(request: HttpRequest) -> HttpResponse:
    form = ServiceForm(posted(request))
    if not form.is_valid():
        return _page(request, service_form=form, team_form=_new_team_form(), status=400)
    service = services.add_service(by=acting_user(request), name=form.cleaned_data["name"])
    messages.success(request, f"{service.name} has been added. Add its teams next")
    return redirect("accounts:teams")


@require_POST
@requires(Capability.MANAGE_USERS)
def team_new(request: HttpRequest) -> HttpResponse:
    form = TeamForm(posted(request))
    if not form.is_valid():
        return _page(request, service_form=ServiceForm(), team_form=form, status=400)
    data = form.cleaned_data
    team = services.add_team(by=acting_user(request), service=data["service"], name=data["name"])
    messages.success(request, f"{team.name} has been added to {team.service.name}")
    return redirect("accounts:teams")


@require_POST
@requires(Capability.MANAGE_USERS)
def user_place(request: HttpRequest, user_id: int) -> HttpResponse:
    account = get_object_or_404(User, pk=user_id)
    form = PlaceForm(posted(request))
    if form.is_valid():
        service, team = form.chosen()
        services.place_user(by=acting_user(request), user=account, service=service, team=team)
        where = team.name if team else service.name if service else "no one service"
        messages.success(request, f"{account.display_name} now works in {where}")
    else:
        messages.error(request, "Choose where they work from the list")
    return redirect("accounts:user_detail", user_id=account.pk)
