"""A member's saved resources: save one from the hub, see them on their own pages, remove one."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.access import acting_user, requires
from accounts.roles import Capability
from audit.services import Action, record_event
from core.posted import posted
from hub import directory, services
from hub.access import saved_resources_for
from hub.views.member import _own_person


@requires(Capability.SEE_OWN_RECORD)
def my_saved(request: HttpRequest) -> HttpResponse:
    person = _own_person(request)
    record_event(user=request.user, action=Action.VIEW, person_id=person.pk, obj=person, detail={"own_pages": "saved_resources"})
    saved = list(saved_resources_for(request.user).filter(person=person)[:100])
    return render(request, "hub/member/saved.jinja", {"saved": saved})


@require_POST
@requires(Capability.SEE_OWN_RECORD)
def save(request: HttpRequest, resource_id: uuid.UUID) -> HttpResponse:
    person = _own_person(request)
    resource = directory.public_resources().filter(pk=resource_id).first()
    if resource is None:
        raise Http404
    _, created = services.save_for_member(by=acting_user(request), person=person, resource=resource)
    messages.success(request, f"{resource.name} is in your saved resources" if created else f"{resource.name} was already saved")
    return redirect("hub:resource", resource_id=resource.pk)


@require_POST
@requires(Capability.SEE_OWN_RECORD)
def remove(request: HttpRequest, resource_id: uuid.UUID) -> HttpResponse:
    person = _own_person(request)
    saved = saved_resources_for(request.user).filter(person=person, resource_id=resource_id).first()
    if saved is not None:
        services.remove_for_member(by=acting_user(request), saved=saved)
        messages.success(request, f"{saved.resource.name} is no longer in your saved resources")
    data = posted(request)
    if data is not None and data.get("back") == "resource":  # removed from the resource's own page
        return redirect("hub:resource", resource_id=resource_id)
    return redirect("hub:my_saved")
