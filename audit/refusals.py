"""Refused requests in the audit trail (issue 19 item 6): every 404 from a gate and every 403 a
signed-in user meets, and every emergency-access look-up that matched nobody, is recorded with who,
what and when. A burst of refusals by one user shows on the manager's home page."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import record_event

BURST_WINDOW = timedelta(hours=1)


def _person_id(kwargs: dict[str, Any]) -> str | None:
    value = kwargs.get("person_id")
    try:
        return str(uuid.UUID(str(value))) if value is not None else None
    except ValueError:
        return None


def record_refusal(request: HttpRequest, *, refused: str, detail: dict[str, Any] | None = None, reason: str = "") -> None:
    """One refused request by a signed-in user: what was asked for (the view, its ids), not why."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return  # nothing to attribute: anonymous requests are sent to sign in before any gate
    match = getattr(request, "resolver_match", None)
    kwargs = dict(match.kwargs) if match is not None else {}
    context: dict[str, Any] = {"refused": refused, "method": request.method}
    if match is not None:
        context["view"] = match.view_name
        if kwargs:
            context["ids"] = ", ".join(f"{name} {str(value)[:64]}" for name, value in kwargs.items())
    context.update(detail or {})
    record_event(user=user, action=AuditEvent.Action.REFUSED, person_id=_person_id(kwargs), detail=context, reason=reason)


class RefusalAuditMiddleware:
    """Records each refused request in the audit trail. A 404 raised by a view is answered with
    STaR's own page even with DEBUG on, so a worker refused a person's record is offered emergency
    access (core/404.jinja), never Django's list of URL patterns."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response: HttpResponse = self.get_response(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, Http404):
            record_refusal(request, refused="not_found")
            from core.views import page_not_found

            return page_not_found(request, exception)
        if isinstance(exception, PermissionDenied):
            record_refusal(request, refused="forbidden")
        return None


@dataclass(frozen=True)
class RefusalBurst:
    user_id: int
    name: str
    role: str
    refusals: int


def refusal_bursts() -> list[RefusalBurst]:
    """Users refused at least STAR_REFUSAL_BURST times in the last hour, most first."""
    from accounts.models import User

    since = timezone.now() - BURST_WINDOW
    rows = (
        AuditEvent.objects.filter(occurred_at__gte=since, action=AuditEvent.Action.REFUSED, user__isnull=False)
        .values("user")
        .annotate(refusals=Count("id"))
        .filter(refusals__gte=settings.STAR_REFUSAL_BURST)
        .order_by("-refusals")[:10]
    )
    users = User.objects.in_bulk([row["user"] for row in rows])
    return [
        RefusalBurst(row["user"], users[row["user"]].display_name, users[row["user"]].role_label, row["refusals"])
        for row in rows
        if row["user"] in users
    ]
