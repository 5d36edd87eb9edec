"""The waiting list of accepted referrals, and allocation to an STR worker."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.access import acting_user, requires
from accounts.roles import Capability, can
from accounts.teams import team_id_of, teams_for
from audit.services import Action, record_events_for_people
from core.pagination import pagination_params
from core.posted import posted
from core.status import show_refusal
from enablement.services import EpisodeAlreadyOpen
from referrals import services
from referrals.access import get_referral_for, str_workers_with_caseload_size, waiting_list_for
from referrals.forms import AllocationForm
from referrals.models import Referral
from referrals.models.referral import IllegalTransition
from referrals.presenters import ReferralPresenter, wait_text

PAGE_SIZE = 25


@requires(Capability.SEE_WAITING_LIST)
def waiting_list(request: HttpRequest) -> HttpResponse:
    # Someone not in one team (a manager) may narrow the list to a team of their service.
    teams = teams_for(request.user) if team_id_of(request.user) is None else []
    team = next((t for t in teams if str(t.pk) == request.GET.get("team", "")), None) if len(teams) > 1 else None
    listed = waiting_list_for(request.user, team_id=team.pk if team else None)
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(referral, wait_text(referral.waited), ReferralPresenter(referral)) for referral in page.object_list]  # type: ignore[attr-defined]
    record_events_for_people(
        user=request.user,
        action=Action.VIEW,
        person_ids=[r.person_id for r, _, _ in rows],
        detail={"list": "waiting_list"},
    )
    return render(
        request,
        "referrals/waiting_list.jinja",
        {
            "page": page,
            "rows": rows,
            "pagination": pagination_params(page, urlencode({"team": team.pk}) if team else ""),
            "teams": teams if len(teams) > 1 else [],
            "own_team": acting_user(request).team if team_id_of(request.user) is not None else None,
            "team": team,
            "total": page.paginator.count,
            "target_days": settings.STAR_WAITING_TARGET_DAYS,
            "can_allocate": can(request.user, Capability.ALLOCATE_REFERRALS),
        },
    )


@requires(Capability.ALLOCATE_REFERRALS)
def referral_allocate(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = get_referral_for(request, referral_id, audit=request.method == "GET")
    if referral.status != Referral.Status.WAITING:
        messages.info(request, f"Referral {referral.reference} is not on the waiting list, so it cannot be allocated")
        return redirect("referrals:detail", referral_id=referral.pk)
    form = AllocationForm(posted(request), workers=str_workers_with_caseload_size(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            episode = services.allocate_referral(referral=referral, by=acting_user(request), worker=form.chosen_worker)
        except (IllegalTransition, EpisodeAlreadyOpen) as refused:
            show_refusal(request, refused)
            return redirect("referrals:detail", referral_id=referral.pk)
        messages.success(
            request, f"{referral.person.full_name} is allocated to {form.chosen_worker.display_name}. A 1-to-1 episode has started"
        )
        return redirect("enablement:episode", episode_id=episode.pk)
    return render(request, "referrals/allocate.jinja", {"form": form, "referral": referral, "presenter": ReferralPresenter(referral)})
