"""Passkeys and security keys (WebAuthn) as a second factor, through django-otp-webauthn.

A passkey is phishing-resistant: the browser signs only for the service's own domain (the relying
party, `STAR_WEBAUTHN_RP_ID`) and origins (`STAR_WEBAUTHN_ORIGINS`). Staff add them on their account
page once signed in with two-factor, name them, and remove them after giving their password (or a
code) again. Adding, using and removing one are audited."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.models import WebAuthnCredential

from accounts.models import User
from audit.services import Action, record_event

NAME_MAX_LENGTH = 64  # django-otp's Device.name


def relying_party_id() -> str:
    return str(settings.STAR_WEBAUTHN_RP_ID)


def allowed_origins(request: HttpRequest | None = None) -> list[str]:
    """The configured origins; in development (the relying party is localhost) also the port this
    request came to, so a test server on any port works. A browser allows localhost over plain http."""
    origins = list(settings.STAR_WEBAUTHN_ORIGINS)
    if request is not None and relying_party_id() == "localhost":
        host = request.get_host()
        if urlsplit(f"//{host}").hostname == "localhost":
            origin = f"{request.scheme}://{host}"
            if origin not in origins:
                origins.append(origin)
    return origins


def usable_here(request: HttpRequest) -> bool:
    """Whether a browser on this address can use passkeys for the relying party at all: the page's
    host must be the relying party's domain or under it (so never a numeric address like 127.0.0.1)."""
    hostname = urlsplit(f"//{request.get_host()}").hostname or ""
    rp_id = relying_party_id()
    return hostname == rp_id or hostname.endswith(f".{rp_id}")


def address_for_passkeys() -> str:
    """Where to open the service to use passkeys, for the page that cannot."""
    origins = list(settings.STAR_WEBAUTHN_ORIGINS)
    return origins[0] if origins else f"https://{relying_party_id()}"


class PasskeyHelper(WebAuthnHelper):  # type: ignore[misc]  # django-otp-webauthn ships no types: its classes are Any
    """The package's helper, with STaR's origins and a default name for each new passkey."""

    def get_relying_party_domain(self) -> str:
        return relying_party_id()

    def get_allowed_origins(self) -> list[str]:
        return allowed_origins(self.request)

    def create_credential(self, user: Any, response: Any, parsed_credential: Any, original_data: dict[str, Any]) -> Any:
        credential = super().create_credential(user, response, parsed_credential, original_data)
        credential.name = default_name(user)
        credential.confirmed = True
        return credential


def passkeys_of(user: User) -> QuerySet[WebAuthnCredential]:
    passkeys: QuerySet[WebAuthnCredential] = WebAuthnCredential.objects.filter(user=user).order_by("created_at", "id")
    return passkeys


def default_name(user: User) -> str:
    taken = set(passkeys_of(user).values_list("name", flat=True))
    number = 1
    while f"Passkey {number}" in taken:
        number += 1
    return f"Passkey {number}"


def record_passkey_added(*, user: User, passkey: WebAuthnCredential) -> None:
    record_event(
        user=user,
        action=Action.PASSKEY_ADDED,
        obj=user,
        detail={"passkey": passkey.pk, "name": passkey.name, "backed_up": passkey.backup_state},
    )


def rename_passkey(*, user: User, passkey: WebAuthnCredential, name: str) -> WebAuthnCredential:
    before = passkey.name
    if name != before:
        passkey.name = name
        passkey.save(update_fields=["name"])
        record_event(
            user=user,
            action=Action.USER_UPDATED,
            obj=user,
            detail={"passkey": passkey.pk, "renamed_from": before, "to": name},
        )
    return passkey


def remove_passkey(*, user: User, passkey: WebAuthnCredential) -> None:
    """The holder removes one of their passkeys (they have just proved who they are again)."""
    detail = {"passkey": passkey.pk, "name": passkey.name}
    passkey.delete()
    record_event(user=user, action=Action.PASSKEY_REMOVED, obj=user, detail=detail)


def browser_config(request: HttpRequest) -> dict[str, Any]:
    """What django-otp-webauthn's browser script reads (from a JSON block on the page)."""
    from django.middleware.csrf import get_token
    from django.urls import reverse

    return {
        "autocompleteLoginFieldSelector": None,
        "nextFieldSelector": "input[name='next']",
        "csrfToken": get_token(request),
        "beginAuthenticationUrl": reverse("accounts:passkey_verify_begin"),
        "completeAuthenticationUrl": reverse("accounts:passkey_verify_complete"),
        "beginRegistrationUrl": reverse("accounts:passkey_register_begin"),
        "completeRegistrationUrl": reverse("accounts:passkey_register_complete"),
    }


def page_context(request: HttpRequest) -> dict[str, Any]:
    """For a page offering passkeys: whether this address can, where to go if not, and the script's settings."""
    usable = usable_here(request)
    return {
        "passkeys_usable": usable,
        "passkey_address": address_for_passkeys(),
        "passkey_config": browser_config(request) if usable else None,
    }
