"""The header navigation: each item shows only to roles whose capability allows it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from accounts.roles import Capability, can

# (label, URL name, capability or None for every signed-in user)
NAVIGATION: tuple[tuple[str, str, Capability | None], ...] = (
    ("Home", "home", None),
    ("Find a person", "people:search", Capability.FIND_PEOPLE),
    ("Register a person", "people:new", Capability.REGISTER_PERSON),
    ("Emergency access reviews", "audit:break_glass_queue", Capability.REVIEW_BREAK_GLASS),
    ("Audit trail", "audit:trail", Capability.READ_AUDIT_TRAIL),
    ("Involvement", "involvement:activity_list", Capability.RECORD_INVOLVEMENT),
    ("Users", "accounts:user_list", Capability.MANAGE_USERS),
)


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    # str() makes django-csp generate the nonce and add it to the header for this response.
    nonce = getattr(request, "csp_nonce", None)
    context: dict[str, Any] = {"cspNonce": str(nonce) if nonce is not None else None, "navigation_items": [], "account_items": []}
    if user is None or not user.is_authenticated:
        return context
    path = request.path
    items = []
    for label, name, capability in NAVIGATION:
        if capability is not None and not can(user, capability):
            continue
        href = reverse(name)
        current = path == href or (name != "home" and path.startswith(href) and href != "/")
        items.append({"text": label, "href": href, "current": path == href, "active": current and path != href})
    context["navigation_items"] = items
    context["account_items"] = [
        {"text": f"{user.display_name} ({user.role_label})", "icon": True},
        {"text": "Sign out", "action": reverse("accounts:sign_out")},
    ]
    return context
