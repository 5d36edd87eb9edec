"""The page each role lands on after signing in."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.roles import Capability, Role, can
from people.models import BreakGlassGrant, Person


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("accounts:sign_in")
    user = request.user
    context: dict[str, object] = {"can_find": can(user, Capability.FIND_PEOPLE), "can_register": can(user, Capability.REGISTER_PERSON)}
    if user.role == Role.STR_WORKER:
        caseload = Person.objects.visible_to(user).filter(caseload_entries__worker=user, caseload_entries__ended_at__isnull=True)
        context["caseload_page"] = Paginator(caseload.order_by("family_name", "given_name", "id"), 25).get_page(request.GET.get("page"))
    if user.role == Role.MANAGER:
        context["unreviewed_emergency_access"] = BreakGlassGrant.objects.filter(reviewed_at__isnull=True).count()
    if user.role == Role.MEMBER:
        context["own_record"] = Person.objects.visible_to(user).first()
    return render(request, f"home/{user.role}.jinja", context)
