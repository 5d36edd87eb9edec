"""Keeping the hub's resources (managers and project leads) and partners' feeds (managers)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.access import acting_user, requires
from accounts.roles import Capability
from audit.services import Action, record_event
from core.posted import posted
from hub import directory, services
from hub.feeds import refresh_feed
from hub.forms import FeedForm, ResourceForm
from hub.models import Feed, Resource
from hub.services import HubError
from submissions.conflicts import EditConflict, edit_check, model_form_again, unchanged_since_opened, values_of
from submissions.services import ALREADY_SAVED, key_for_form, once


@requires(Capability.CURATE_RESOURCES)
def resource_list(request: HttpRequest) -> HttpResponse:
    """Every resource, those not checked for a long time first among the staff-kept ones."""
    show = request.GET.get("show", "")
    resources = Resource.objects.select_related("organisation", "feed").order_by("-is_active", "name", "id")
    stale_before = directory.stale_before(timezone.localdate())
    if show == "stale":
        resources = resources.filter(is_active=True, feed__isnull=True, last_checked_on__lt=stale_before).order_by("last_checked_on", "id")
    page = Paginator(resources, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "hub/manage/list.jinja",
        {"page": page, "stale_before": stale_before, "show": show, "query": f"show={show}" if show else ""},
    )


@requires(Capability.CURATE_RESOURCES)
def resource_new(request: HttpRequest) -> HttpResponse:
    form = ResourceForm(posted(request))
    if request.method == "POST" and form.is_valid():
        saved = once(
            request,
            model=Resource,
            create=lambda: services.save_resource(
                by=acting_user(request),
                resource=form.save(commit=False),
                organisation_name=form.cleaned_data["organisation_name"],
            ),
        )
        messages.success(request, f"{saved.obj.name} is now in the hub" if saved.created else ALREADY_SAVED)
        return redirect("hub:resource_list")
    return render(request, "hub/manage/form.jinja", {"form": form, "title": "Add a resource", "submission_key": key_for_form(request)})


@requires(Capability.CURATE_RESOURCES)
def resource_edit(request: HttpRequest, resource_id: uuid.UUID) -> HttpResponse:
    resource = get_object_or_404(Resource.objects.select_related("organisation"), pk=resource_id, feed__isnull=True)
    form = ResourceForm(posted(request), instance=resource)
    edit = edit_check(request, form, saved=values_of(form, resource, organisation_name=resource.organisation.name))

    def saved_now() -> dict[str, object]:
        locked = Resource.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=resource.pk)
        return values_of(form, locked, organisation_name=locked.organisation.name)

    if request.method == "POST" and form.is_valid():
        try:
            with unchanged_since_opened(request, form, saved=saved_now, discard_url=request.path):
                services.save_resource(
                    by=acting_user(request),
                    resource=form.save(commit=False),
                    organisation_name=form.cleaned_data["organisation_name"],
                )
        except HubError as error:
            form.add_error(None, str(error))
        except EditConflict as conflict:
            form, edit = model_form_again(form, conflict), conflict.check
        else:
            messages.success(request, "Changes saved, and the resource marked as checked today")
            return redirect("hub:resource_list")
    return render(
        request, "hub/manage/form.jinja", {"form": form, "title": f"Change {resource.name}", "resource": resource, "edit_check": edit}
    )


@require_POST
@requires(Capability.CURATE_RESOURCES)
def resource_retire(request: HttpRequest, resource_id: uuid.UUID) -> HttpResponse:
    resource = get_object_or_404(Resource, pk=resource_id, feed__isnull=True)
    services.retire_resource(by=acting_user(request), resource=resource)
    messages.success(request, f"{resource.name} is no longer listed")
    return redirect("hub:resource_list")


@requires(Capability.MANAGE_RESOURCE_FEEDS)
def feed_list(request: HttpRequest) -> HttpResponse:
    form = FeedForm(posted(request))
    if request.method == "POST" and form.is_valid():

        def add() -> Feed:
            feed = form.save(commit=False)
            feed.added_by = acting_user(request)
            feed.save()
            record_event(user=request.user, action=Action.CREATE, obj=feed, detail={"feed": feed.url})
            return feed

        saved = once(request, model=Feed, create=add)
        if saved.created:
            refresh_feed(saved.obj)
        messages.success(request, f"{saved.obj.name} added and read: see what was found below" if saved.created else ALREADY_SAVED)
        return redirect("hub:feed_list")
    feeds = list(Feed.objects.select_related("added_by")[:50])
    return render(
        request,
        "hub/manage/feeds.jinja",
        {"form": form, "feeds": feeds, "submission_key": key_for_form(request), "full_read_days": settings.STAR_HUB_FEED_FULL_READ_DAYS},
    )


@require_POST
@requires(Capability.MANAGE_RESOURCE_FEEDS)
def feed_refresh(request: HttpRequest, feed_id: int) -> HttpResponse:
    feed = get_object_or_404(Feed, pk=feed_id)
    report = refresh_feed(feed)
    record_event(user=request.user, action=Action.UPDATE, obj=feed, detail={"refreshed": report.complete})
    if report.complete:
        messages.success(request, f"{feed.name} read: {report.saved} services, {report.marked_inactive} no longer listed")
    else:
        messages.error(request, f"{feed.name} could not be read: see the problems below")
    return redirect("hub:feed_list")
