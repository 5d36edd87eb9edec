"""The role check every signed-in view starts with."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, ParamSpec

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from accounts.models import User
from accounts.roles import Capability, can

P = ParamSpec("P")
View = Callable[..., HttpResponse]


def requires(capability: Capability) -> Callable[[View], View]:
    """Sign-in required; then 403 unless the user's role has the capability."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not can(request.user, capability):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def signed_in(view: View) -> View:
    """Any signed-in user, whatever their role."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped


def acting_user(request: HttpRequest) -> User:
    """The signed-in user behind a request that a decorator has already checked."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user
