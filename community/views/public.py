"""The public directory: no sign-in, no personal data."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import timedelta

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from community import crisis, directory
from community.calendar import calendar_for
from community.forms import DirectoryForm
from community.models import Activity, Project, Session
from community.nearby import Near
from community.presenters import ActivityPresenter, SessionPresenter
from community.reference.postcode_districts import district_for

CALENDAR_WEEKS = 12


@require_GET
def directory_page(request: HttpRequest) -> HttpResponse:
    form = DirectoryForm(request.GET or None)
    listings: Sequence[directory.Listing] = []
    searched = form.is_bound and form.is_valid()
    if searched:
        data = form.cleaned_data
        centre = district_for(data["postcode"]) if data["postcode"] else None
        listings = directory.find_activities(
            day=data["day"],
            area=data["area"],
            near=Near.within_miles(centre, data["within"] or 3.0) if centre else None,
            open_now=data["open_now"],
            features=data["features"],
            kind=data["kind"],
            category=data["category"],
        )
    elif not form.is_bound:
        listings = directory.find_activities()
    page = Paginator(listings, 20).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "community/public/directory.jinja",
        {
            "form": form if form.is_bound else DirectoryForm(),
            "page": page,
            "query": query.urlencode(),
            "errors_form": form if form.is_bound and form.errors else None,
        },
    )


def _public_activity(activity_id: uuid.UUID) -> Activity:
    activity = directory.public_activities().filter(pk=activity_id).first()
    if activity is None:
        raise Http404
    return activity


@require_GET
def activity_page(request: HttpRequest, activity_id: uuid.UUID) -> HttpResponse:
    activity = _public_activity(activity_id)
    now = timezone.now()
    sessions = list(activity.sessions.filter(ends_at__gte=now).order_by("starts_at")[:6])
    return render(
        request,
        "community/public/activity.jinja",
        {
            "activity": activity,
            "presenter": ActivityPresenter(activity),
            "schedules": [schedule.description for schedule in activity.schedules.all()],
            "sessions": [SessionPresenter(session) for session in sessions],
        },
    )


def _calendar_response(sessions: list[Session], *, name: str, url: str, filename: str) -> HttpResponse:
    response = HttpResponse(calendar_for(sessions, name=name, base_url=url), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return response


def _calendar_sessions(**filters: object) -> list[Session]:
    now = timezone.now()
    return list(
        Session.objects.filter(starts_at__gte=now - timedelta(days=7), starts_at__lte=now + timedelta(weeks=CALENDAR_WEEKS), **filters)
        .select_related("activity__venue")
        .order_by("starts_at")[:500]
    )


@require_GET
def activity_calendar(request: HttpRequest, activity_id: uuid.UUID) -> HttpResponse:
    activity = _public_activity(activity_id)
    url = request.build_absolute_uri(reverse("community:activity_page", kwargs={"activity_id": activity.pk}))
    return _calendar_response(_calendar_sessions(activity=activity), name=activity.name, url=url, filename=f"activity-{activity.pk}")


@require_GET
def project_calendar(request: HttpRequest, project_id: uuid.UUID) -> HttpResponse:
    project = Project.objects.filter(pk=project_id, is_active=True).first()
    if project is None:
        raise Http404
    url = request.build_absolute_uri(reverse("community:directory"))
    sessions = _calendar_sessions(activity__project=project, activity__is_active=True)
    return _calendar_response(sessions, name=project.name, url=url, filename=f"project-{project.pk}")


@require_GET
def crisis_page(request: HttpRequest) -> HttpResponse:
    """Need help now? The crisis lines and the crisis places, those open now first."""
    return render(request, "community/public/crisis.jinja", {"listings": crisis.crisis_listings(now=timezone.now())})
