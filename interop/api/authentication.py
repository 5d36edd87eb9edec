"""Bearer-token authentication for other systems. Unknown, revoked and expired tokens are all a 401."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from accounts.models import User
from interop.models import ApiToken
from interop.services import record_token_use, token_for_secret


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[User, ApiToken] | None:
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header:
            return None
        parts = header.split()
        if len(parts) != 2 or parts[0].lower() != self.keyword.lower():
            raise exceptions.AuthenticationFailed("Send the token as: Authorization: Bearer <token>")
        token = token_for_secret(parts[1])
        if token is None:
            raise exceptions.AuthenticationFailed("This token is not recognised")
        if token.is_revoked:
            raise exceptions.AuthenticationFailed("This token has been revoked")
        if token.is_expired:
            raise exceptions.AuthenticationFailed("This token has expired")
        account = token.service_account
        if not account.is_active:
            raise exceptions.AuthenticationFailed("This token's service account has been switched off")
        record_token_use(token=token, request=request._request)
        return account, token

    def authenticate_header(self, request: Request) -> str:
        return f'{self.keyword} realm="STaR API"'


class ApiTokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]  # drf-spectacular's __init_subclass__ is unannotated
    target_class = "interop.api.authentication.ApiTokenAuthentication"
    name = "ApiToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "http", "scheme": "bearer", "description": "A token issued by a STaR administrator"}
