"""The manager's view of the message templates the service sends from."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.access import requires
from accounts.roles import Capability
from notifications import catalogue
from notifications.models import MessageTemplate
from notifications.presenters import template_summary
from notifications.services import template_for


@require_GET
@requires(Capability.SEE_MESSAGE_TEMPLATES)
def template_list(request: HttpRequest) -> HttpResponse:
    held = {template.code: template for template in MessageTemplate.objects.all()}
    templates = [template_summary(held.get(entry["code"]) or template_for(entry["code"])) for entry in catalogue.SHIPPED]
    return render(request, "notifications/template_list.jinja", {"templates": templates})


@require_GET
@requires(Capability.SEE_MESSAGE_TEMPLATES)
def template_detail(request: HttpRequest, code: str) -> HttpResponse:
    if code not in {entry["code"] for entry in catalogue.SHIPPED}:
        raise Http404
    return render(request, "notifications/template_detail.jinja", {"template": template_summary(template_for(code))})
