"""The header navigation: each item shows only to roles whose capability allows it."""

from __future__ import annotations

from typing import Any

from csp.exceptions import CSPNonceError
from django.http import HttpRequest
from django.urls import reverse

from accounts.roles import Capability, can

# (label, URL name, capability or None for every signed-in user). Keep this short: each role's
# home page links to everything else it may use (registering a person, the waiting list,
# emergency access reviews…).
NAVIGATION: tuple[tuple[str, str, Capability | None, Capability | None], ...] = (
    # (label, URL name, shown with this capability, hidden with this one: those users reach the page from another)
    ("Home", "home", None, None),
    ("Find a person", "people:search", Capability.FIND_PEOPLE, None),
    ("My caseload", "enablement:my_caseload", Capability.SEE_OWN_CASELOAD, None),
    ("Diary", "appointments:diary", Capability.RECORD_ENABLEMENT_WORK, None),
    ("Triage queue", "referrals:triage_queue", Capability.TRIAGE_REFERRALS, None),
    ("Projects", "community:project_list", Capability.RUN_PROJECTS, None),
    ("Registers", "community:my_sessions", Capability.TAKE_REGISTER, Capability.RUN_PROJECTS),
    ("Project figures", "community:figures", Capability.VIEW_PROJECT_FIGURES, Capability.RUN_PROJECTS),
    ("Outcomes", "outcomes:cohorts", Capability.SEE_OUTCOME_COHORTS, None),
    ("My questionnaires", "outcomes:my_measures", Capability.COMPLETE_OWN_MEASURES, None),
    ("Measure wording", "outcomes:wording", Capability.LOAD_INSTRUMENT_WORDING, None),
    ("Safeguarding", "safeguarding:open_concerns", Capability.OVERSEE_SAFEGUARDING, None),
    ("Involvement", "involvement:activity_list", Capability.RECORD_INVOLVEMENT, None),
    ("Messages", "notifications:broadcast_new", Capability.SEND_PROJECT_MESSAGES, None),
    ("Users", "accounts:user_list", Capability.MANAGE_USERS, None),
    # Managers reach subject access from their home page's card.
    ("Subject access", "records:request_list", Capability.MANAGE_SUBJECT_ACCESS, Capability.FIND_PEOPLE),
    ("Retention", "records:retention_queue", Capability.MANAGE_RETENTION, None),
)


def csp_nonce(request: HttpRequest) -> str | None:
    """This response's CSP nonce. An error page rendered after the CSP header went out (a
    session that could not be saved turns into a 400 outside CSPMiddleware) has none: its
    scripts do not run, and the page still renders."""
    nonce = getattr(request, "csp_nonce", None)
    try:
        return str(nonce) if nonce is not None else None
    except CSPNonceError:
        return None


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    # str() makes django-csp generate the nonce and add it to the header for this response.
    context: dict[str, Any] = {"cspNonce": csp_nonce(request), "navigation_items": [], "account_items": []}
    # Crisis help: a "Need help now?" route on every public page, and "If you need help now" on
    # every member page.
    context["public_page"] = user is None or not user.is_authenticated
    context["member_page"] = user is not None and can(user, Capability.SEE_OWN_RECORD)
    if user is None or not user.is_authenticated:
        return context
    # What this user's role may do, for templates: `{% if user_can.register_person %}`.
    context["user_can"] = {capability.value: can(user, capability) for capability in Capability}
    path = request.path
    items = []
    for label, name, capability, hidden_with in NAVIGATION:
        if capability is not None and not can(user, capability):
            continue
        if hidden_with is not None and can(user, hidden_with):
            continue
        href = reverse(name)
        current = path == href or (name != "home" and path.startswith(href) and href != "/")
        items.append({"text": label, "href": href, "current": path == href, "active": current and path != href})
    context["navigation_items"] = items
    # The sign-out form is added by the layout, which has the CSRF token to put in it.
    context["account_items"] = [{"text": f"{user.display_name} ({user.role_label})", "href": reverse("accounts:account"), "icon": True}]
    return context
