"""The manager's crisis places: list them, add one, change one or retire it. What is listed here
is what members, the public and the Open Referral UK API see (`community.crisis`)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from accounts.access import acting_user, requires
from accounts.roles import Capability
from community import crisis, services
from community.forms import CrisisPlaceForm
from community.models import CrisisOpening, CrisisPlace
from community.models.enrolment import CommunityError
from core.posted import posted
from core.status import show_refusal
from submissions.conflicts import EditConflict, edit_check, unchanged_since_opened
from submissions.services import ALREADY_SAVED, key_for_form, once

PER_PAGE = 25


@requires(Capability.MANAGE_PROJECTS)
def crisis_place_list(request: HttpRequest) -> HttpResponse:
    """Every crisis place, listed ones first; each with its hours in words and whether it is open now."""
    openings = Prefetch("openings", queryset=CrisisOpening.objects.order_by("weekday", "opens_at"))
    places = CrisisPlace.objects.prefetch_related(openings).order_by("-is_active", "kind", "name", "id")
    page = Paginator(places, PER_PAGE).get_page(request.GET.get("page"))
    now = timezone.now()
    rows = [crisis.CrisisListing(place, crisis.is_open(place, now), crisis.hours_in_words(place)) for place in page.object_list]
    return render(request, "community/crisis_places/list.jinja", {"page": page, "rows": rows})


@requires(Capability.MANAGE_PROJECTS)
def crisis_place_new(request: HttpRequest) -> HttpResponse:
    form = CrisisPlaceForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            saved = once(
                request,
                model=CrisisPlace,
                create=lambda: services.save_crisis_place(by=acting_user(request), place=form.save(commit=False), hours=form.hours()),
            )
        except CommunityError as error:
            show_refusal(request, error, form)
        else:
            messages.success(request, f"{saved.obj.name} is now listed" if saved.created else ALREADY_SAVED)
            return redirect("community:crisis_place_list")
    return render(
        request,
        "community/crisis_places/form.jinja",
        {"form": form, "title": "Add a crisis place", "submission_key": key_for_form(request)},
    )


@requires(Capability.MANAGE_PROJECTS)
def crisis_place_edit(request: HttpRequest, place_id: uuid.UUID) -> HttpResponse:
    place = get_object_or_404(CrisisPlace, pk=place_id)
    form = CrisisPlaceForm(posted(request), instance=place)
    edit = edit_check(request, form, saved=services.crisis_place_values(place, list(form.fields)))
    if request.method == "POST" and form.is_valid():
        try:
            with unchanged_since_opened(request, form, saved=lambda: services.crisis_place_values(place, list(form.fields), lock=True)):
                services.save_crisis_place(by=acting_user(request), place=form.save(commit=False), hours=form.hours())
        except CommunityError as error:
            show_refusal(request, error, form)
        except EditConflict as conflict:
            fresh = CrisisPlace.objects.get(pk=place.pk)
            form, edit = CrisisPlaceForm(initial=conflict.merged, instance=fresh), conflict.check
        else:
            messages.success(request, "Changes saved" if place.is_active else f"{place.name} is retired: no longer shown in the directory")
            return redirect("community:crisis_place_list")
    return render(request, "community/crisis_places/form.jinja", {"form": form, "title": f"Change {place.name}", "edit_check": edit})
