"""Token scopes: a token may read (and for referrals, write) only the resources it was given."""

from __future__ import annotations

from typing import Any

from rest_framework import permissions
from rest_framework.request import Request

from interop.models import ApiToken


class HasScope(permissions.BasePermission):
    message = "This token is not allowed to do that"

    def has_permission(self, request: Request, view: Any) -> bool:
        token = request.auth
        if not isinstance(token, ApiToken):
            return False
        resource: str = view.resource
        access = "read" if request.method in permissions.SAFE_METHODS else "write"
        return token.allows(f"{resource}:{access}")
