"""The administrator's pages for staff and member accounts."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts import services, sessions, user_status
from accounts.access import acting_user, requires
from accounts.forms import NewPasswordForm, NewUserForm, PlaceForm, UserFilterForm, UserForm, place_of
from accounts.models import RoleChange, User
from accounts.roles import CLINICAL_ROLES, Capability
from core.pagination import pagination_params
from core.posted import posted
from submissions.conflicts import EditConflict, model_edit_check, model_form_again, unchanged_model


@requires(Capability.MANAGE_USERS)
def user_list(request: HttpRequest) -> HttpResponse:
    """Everyone who can sign in: last sign-in, second factors, locked or not, live sessions."""
    form = UserFilterForm(request.GET or None)
    users = user_status.with_status(User.objects.select_related("service", "team"))
    current_locks = user_status.locks()
    filters: dict[str, str] = {}
    if form.is_bound and form.is_valid():
        if form.cleaned_data["role"]:
            users = users.filter(role=form.cleaned_data["role"])
            filters["role"] = form.cleaned_data["role"]
        if form.cleaned_data["no_two_factor"]:
            users = user_status.without_two_factor(users)
            filters["no_two_factor"] = "on"
        if form.cleaned_data["locked"]:
            users = user_status.locked_filter(users, current_locks)
            filters["locked"] = "on"
    page = Paginator(users.order_by("first_name", "last_name", "id"), 50).get_page(request.GET.get("page"))
    rows = [
        {
            "account": account,
            "two_factor": user_status.two_factor_text(account),
            "lock": current_locks.get(account.username.lower()),
        }
        for account in page.object_list
    ]
    return render(
        request,
        "accounts/user_list.jinja",
        {"form": form, "page": page, "rows": rows, "pagination": pagination_params(page, urlencode(filters)), "filtered": bool(filters)},
    )


@requires(Capability.MANAGE_USERS)
def user_new(request: HttpRequest) -> HttpResponse:
    form = NewUserForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = services.create_user(
            by=acting_user(request),
            username=data["username"],
            password=data["password"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            role=data["role"],
            is_active=data["is_active"],
        )
        if user.role_changes.filter(status=RoleChange.Status.PENDING).exists():
            messages.success(
                request,
                f"Account created for {user.display_name}. It stays switched off until a service manager approves "
                f"the {user.role_label} role, which reads clinical records",
            )
        else:
            messages.success(request, f"Account created for {user.display_name}")
        return redirect("accounts:user_detail", user_id=user.pk)
    return render(request, "accounts/user_form.jinja", {"form": form, "title": "Add a user"})


@requires(Capability.MANAGE_USERS)
def user_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    account = get_object_or_404(User, pk=user_id)
    role_before = account.role
    form = UserForm(posted(request), instance=account)
    edit = model_edit_check(request, form)
    if request.method == "POST" and form.is_valid():
        by = acting_user(request)
        wanted_role = form.cleaned_data["role"]
        account.role = role_before  # a role changes only through request_role_change
        try:
            if "role" in form.changed_data and wanted_role in CLINICAL_ROLES and by.pk == account.pk:
                raise services.RoleChangeRefused("You cannot give yourself a role that reads clinical records. Ask a service manager")
            with unchanged_model(request, form):
                changed = [name for name in form.changed_data if name != "role"]
                if changed:
                    services.update_user(by=by, user=form.save(commit=False), changed=changed)
                pending = services.request_role_change(by=by, user=account, to_role=wanted_role)
        except EditConflict as conflict:
            form, edit = model_form_again(form, conflict), conflict.check
        except services.RoleChangeRefused as refused:
            form.add_error("role", str(refused))
        else:
            if pending is not None:
                messages.success(request, f"A service manager must approve the {pending.get_to_role_display()} role before it applies")
            else:
                messages.success(request, "Changes saved")
            return redirect("accounts:user_detail", user_id=account.pk)
    return render(
        request,
        "accounts/user_form.jinja",
        {
            "form": form,
            "account": account,
            "title": account.display_name,
            "active_sessions": sessions.active_count(account),
            "place_form": PlaceForm(initial={"place": place_of(account)}),
            "edit_check": edit,
            "pending_roles": list(account.role_changes.filter(status=RoleChange.Status.PENDING)),
        },
    )


@requires(Capability.APPROVE_ROLE_CHANGES)
def role_changes(request: HttpRequest) -> HttpResponse:
    """The service manager's list of roles waiting for approval, and recent decisions."""
    changes = RoleChange.objects.select_related("user", "requested_by", "decided_by")
    return render(
        request,
        "accounts/role_changes.jinja",
        {
            "pending": list(changes.filter(status=RoleChange.Status.PENDING)),
            "decided": list(changes.exclude(status=RoleChange.Status.PENDING)[:20]),
        },
    )


@require_POST
@requires(Capability.APPROVE_ROLE_CHANGES)
def role_change_decide(request: HttpRequest, change_id: int) -> HttpResponse:
    change = get_object_or_404(RoleChange, pk=change_id)
    approve = request.POST.get("decision") == "approve"
    try:
        services.decide_role_change(by=acting_user(request), change=change, approve=approve)
    except services.RoleChangeRefused as refused:
        messages.error(request, str(refused))
    else:
        verb = "approved" if approve else "refused"
        messages.success(request, f"{change.user.display_name}: {change.get_to_role_display()} role {verb}")
    return redirect("accounts:role_changes")


@require_POST
@requires(Capability.MANAGE_USERS)
def user_reset_two_factor(request: HttpRequest, user_id: int) -> HttpResponse:
    account = get_object_or_404(User, pk=user_id)
    services.reset_two_factor(by=acting_user(request), user=account)
    messages.success(request, f"{account.display_name} will set up two-factor authentication again when they next sign in")
    return redirect("accounts:user_detail", user_id=account.pk)


@require_POST
@requires(Capability.MANAGE_USERS)
def user_end_sessions(request: HttpRequest, user_id: int) -> HttpResponse:
    account = get_object_or_404(User, pk=user_id)
    ended = services.end_sessions(by=acting_user(request), user=account)
    noun = "session" if ended == 1 else "sessions"
    messages.success(request, f"{account.display_name} has been signed out of {ended} {noun}")
    return redirect("accounts:user_detail", user_id=account.pk)


@requires(Capability.MANAGE_USERS)
def user_set_password(request: HttpRequest, user_id: int) -> HttpResponse:
    account = get_object_or_404(User, pk=user_id)
    form = NewPasswordForm(posted(request), user=account)
    if request.method == "POST" and form.is_valid():
        services.set_password(by=acting_user(request), user=account, password=form.cleaned_data["new_password"])
        messages.success(request, f"{account.display_name} has a new password and has been signed out everywhere")
        return redirect("accounts:user_detail", user_id=account.pk)
    return render(request, "accounts/user_set_password.jinja", {"form": form, "account": account})
