from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from accounts.models import User
from interop.models import SCOPES, ApiToken
from interop.services import TOKEN_PREFIX, hash_secret

_count = iter(range(1, 1_000_000))


def make_token(
    *, account: User, scopes: list[str] | None = None, created_by: User | None = None, expires_in_days: int = 30, **extra: Any
) -> tuple[ApiToken, str]:
    """A token acting for `account` (any user, so tests can reuse the world's caseloads) and its secret."""
    secret = f"{TOKEN_PREFIX}test-{next(_count):06d}-secret-value-long-enough"
    token = ApiToken.objects.create(
        name="Test system",
        service_account=account,
        token_hash=hash_secret(secret),
        prefix=secret[:11],
        scopes=sorted(SCOPES) if scopes is None else scopes,
        expires_at=timezone.now() + datetime.timedelta(days=expires_in_days),
        created_by=created_by or account,
        **extra,
    )
    return token, secret


def bearer(secret: str) -> dict[str, Any]:
    """Extra request environ for the test client, unpacked as `client.get(url, **bearer(secret))`
    (typed `Any` as the client's `**extra` is, so mypy does not match it to the named parameters)."""
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
