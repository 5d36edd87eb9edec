"""The administrator's pages for API tokens: make (secret shown once), see, expire, revoke."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.access import acting_user, requires
from accounts.roles import Capability
from core.posted import posted
from interop import access, services
from interop.forms import NewTokenForm
from interop.models import ApiToken
from submissions.services import ALREADY_SAVED, key_for_form, once

SECRET_SESSION_KEY = "interop_new_token_secret"  # noqa: S105 (a session key name, not a secret)  # nosec B105


@requires(Capability.MANAGE_API_TOKENS)
def token_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(access.tokens_for(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "interop/token_list.jinja", {"page": page})


@requires(Capability.MANAGE_API_TOKENS)
def token_new(request: HttpRequest) -> HttpResponse:
    form = NewTokenForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        secrets: list[str] = []

        def make() -> ApiToken:
            token, secret = services.create_api_token(
                by=acting_user(request),
                name=data["name"],
                service_account_name=data["service_account_name"],
                role=data["role"],
                scopes=data["scopes"],
                expires_on=data["expires_on"],
            )
            secrets.append(secret)
            return token

        try:
            saved = once(request, model=ApiToken, create=make)
        except services.TokenError as problem:
            form.add_error("service_account_name", str(problem))
        else:
            if saved.created:
                # Shown once, on the next page, then forgotten.
                request.session[SECRET_SESSION_KEY] = {"token_id": saved.obj.pk, "secret": secrets[0]}
            else:
                # A repeat makes no second token. If the first answer never arrived, its secret
                # is still waiting in the session for the next page; it is never made again.
                messages.info(request, ALREADY_SAVED)
            return redirect("interop:token_detail", token_id=saved.obj.pk)
    return render(request, "interop/token_form.jinja", {"form": form, "submission_key": key_for_form(request)})


@requires(Capability.MANAGE_API_TOKENS)
def token_detail(request: HttpRequest, token_id: int) -> HttpResponse:
    token = access.get_token_for(request, token_id)
    shown = request.session.pop(SECRET_SESSION_KEY, None)
    secret = shown["secret"] if shown and shown.get("token_id") == token.pk else None
    return render(request, "interop/token_detail.jinja", {"token": token, "secret": secret})


@require_POST
@requires(Capability.MANAGE_API_TOKENS)
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = access.get_token_for(request, token_id)
    try:
        services.revoke_api_token(by=acting_user(request), token=token)
        messages.success(request, "Token revoked. It can no longer be used")
    except services.TokenError as problem:
        messages.error(request, str(problem))
    return redirect("interop:token_detail", token_id=token.pk)


@require_POST
@requires(Capability.MANAGE_API_TOKENS)
def token_expire(request: HttpRequest, token_id: int) -> HttpResponse:
    token = access.get_token_for(request, token_id)
    try:
        services.expire_api_token_now(by=acting_user(request), token=token)
        messages.success(request, "Token expired. It can no longer be used")
    except services.TokenError as problem:
        messages.error(request, str(problem))
    return redirect("interop:token_detail", token_id=token.pk)
