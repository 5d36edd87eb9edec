"""The administrator's pages for staff and member accounts."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts import services, sessions
from accounts.access import acting_user, requires
from accounts.forms import NewPasswordForm, NewUserForm, UserForm
from accounts.models import User
from accounts.roles import Capability
from core.posted import posted
from submissions.conflicts import EditConflict, model_edit_check, model_form_again, unchanged_model


@requires(Capability.MANAGE_USERS)
def user_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(User.objects.order_by("first_name", "last_name", "id"), 50).get_page(request.GET.get("page"))
    return render(request, "accounts/user_list.jinja", {"page": page})


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
            request=request,
        )
        messages.success(request, f"Account created for {user.display_name}")
        return redirect("accounts:user_detail", user_id=user.pk)
    return render(request, "accounts/user_form.jinja", {"form": form, "title": "Add a user"})


@requires(Capability.MANAGE_USERS)
def user_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    account = get_object_or_404(User, pk=user_id)
    form = UserForm(posted(request), instance=account)
    edit = model_edit_check(request, form)
    if request.method == "POST" and form.is_valid():
        try:
            with unchanged_model(request, form):
                services.update_user(by=acting_user(request), user=form.save(commit=False), changed=form.changed_data, request=request)
        except EditConflict as conflict:
            form, edit = model_form_again(form, conflict), conflict.check
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
            "edit_check": edit,
        },
    )


@require_POST
@requires(Capability.MANAGE_USERS)
def user_reset_two_factor(request: HttpRequest, user_id: int) -> HttpResponse:
    account = get_object_or_404(User, pk=user_id)
    services.reset_two_factor(by=acting_user(request), user=account, request=request)
    messages.success(request, f"{account.display_name} will set up two-factor authentication again when they next sign in")
    return redirect("accounts:user_detail", user_id=account.pk)


@require_POST
@requires(Capability.MANAGE_USERS)
def user_end_sessions(request: HttpRequest, user_id: int) -> HttpResponse:
    account = get_object_or_404(User, pk=user_id)
    ended = services.end_sessions(by=acting_user(request), user=account, request=request)
    noun = "session" if ended == 1 else "sessions"
    messages.success(request, f"{account.display_name} has been signed out of {ended} {noun}")
    return redirect("accounts:user_detail", user_id=account.pk)


@requires(Capability.MANAGE_USERS)
def user_set_password(request: HttpRequest, user_id: int) -> HttpResponse:
    account = get_object_or_404(User, pk=user_id)
    form = NewPasswordForm(posted(request), user=account)
    if request.method == "POST" and form.is_valid():
        services.set_password(by=acting_user(request), user=account, password=form.cleaned_data["new_password"], request=request)
        messages.success(request, f"{account.display_name} has a new password and has been signed out everywhere")
        return redirect("accounts:user_detail", user_id=account.pk)
    return render(request, "accounts/user_set_password.jinja", {"form": form, "account": account})
