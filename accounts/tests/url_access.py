from __future__ import annotations

from typing import TYPE_CHECKING, Any

from star.tests.access_matrix import FORBIDDEN, NOT_ALLOWED, NOT_FOUND, OK, REDIRECT, case, post_only

if TYPE_CHECKING:
    from conftest import World


def pending_role_change(world: World) -> dict[str, Any]:
    from accounts.services import request_role_change

    change = request_role_change(by=world.admin, user=world.volunteer, to_role="str_worker")
    assert change is not None
    return {"change_id": change.pk}


def own_passkey(world: World) -> dict[str, Any]:
    from django_otp_webauthn.models import WebAuthnCredential

    passkey = WebAuthnCredential.objects.create(user=world.worker, name="Work laptop", credential_id=b"matrix", public_key=b"key")
    return {"passkey_id": passkey.pk}


# A passkey is its holder's alone: everyone else gets a 404 for the worker's, members a 403.
PASSKEY_PAGE = case(default=NOT_FOUND, member=FORBIDDEN, str_worker=OK, kwargs=own_passkey)

EXPECTATIONS = {
    "accounts:sign_in": case(anonymous=OK, default=REDIRECT),
    "accounts:sign_out": case(anonymous=NOT_ALLOWED, default=NOT_ALLOWED),
    # Every staff role must use two-factor and already has an app set up in the tests, so they move on.
    "accounts:two_factor_set_up": case(default=REDIRECT, member=OK),
    "accounts:two_factor_check": case(default=REDIRECT),
    "accounts:user_list": case(admin=OK),
    "accounts:user_new": case(admin=OK),
    "accounts:user_detail": case(admin=OK, kwargs=lambda world: {"user_id": world.worker.pk}),
    "accounts:user_reset_two_factor": post_only(kwargs=lambda world: {"user_id": world.worker.pk}),
    "accounts:passkey_verify_begin": post_only(),
    "accounts:passkey_verify_complete": post_only(),
    "accounts:account": case(default=OK),
    "accounts:passkey_register_begin": post_only(),
    "accounts:passkey_register_complete": post_only(),
    "accounts:passkey_name": PASSKEY_PAGE,
    "accounts:passkey_remove": PASSKEY_PAGE,
    "accounts:change_password": case(default=OK),
    "accounts:sign_out_other_sessions": post_only(),
    "accounts:stay_signed_in": post_only(),
    "accounts:user_end_sessions": post_only(kwargs=lambda world: {"user_id": world.worker.pk}),
    "accounts:user_set_password": case(admin=OK, kwargs=lambda world: {"user_id": world.worker.pk}),
    "accounts:role_changes": case(manager=OK),
    "accounts:teams": case(admin=OK),
    "accounts:service_new": post_only(),
    "accounts:team_new": post_only(),
    "accounts:user_place": post_only(kwargs=lambda world: {"user_id": world.worker.pk}),
    "accounts:role_change_decide": post_only(kwargs=pending_role_change),
}
