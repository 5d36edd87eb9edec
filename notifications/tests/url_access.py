from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from star.tests.access_matrix import FORBIDDEN, NOT_FOUND, OK, UNAUTHORISED, case, post_only

if TYPE_CHECKING:
    from accounts.models import User
    from conftest import World
    from notifications.models import Broadcast


def _broadcast(by: User) -> Broadcast:
    from notifications.models import Broadcast

    return Broadcast.objects.create(audience="members:x", audience_label="Members of a project", text="Hello", sent_by=by)


def leads_broadcast(world: World) -> dict[str, Any]:
    return {"broadcast_id": _broadcast(world.lead).pk}


def managers_broadcast(world: World) -> dict[str, Any]:
    return {"broadcast_id": _broadcast(world.manager).pk}


EXPECTATIONS = {
    "notifications:template_list": case(manager=OK),
    "notifications:template_detail": case(manager=OK, kwargs=lambda world: {"code": "session_reminder"}),
    "notifications:broadcast_new": case(manager=OK, project_lead=OK),
    "notifications:broadcast_detail": [
        case(manager=OK, project_lead=OK, kwargs=leads_broadcast, label="the lead's own message"),
        case(manager=OK, project_lead=NOT_FOUND, kwargs=managers_broadcast, label="someone else's message"),
    ],
    # Notify's delivery receipts: an API taking a bearer token, not a session.
    "notifications:delivery_receipt": case(anonymous=UNAUTHORISED, default=UNAUTHORISED),
    # The stand-in for GOV.UK Notify (tests and `make run` only): its API takes Notify's JWT, not
    # a session, and refuses everything else as Notify does (403).
    "notifications:stand_in_api": case(anonymous=FORBIDDEN, default=FORBIDDEN, kwargs=lambda world: {"rest": "sms"}),
    "notifications:stand_in_sent": case(manager=OK),
    "notifications:stand_in_receipt": post_only(kwargs=lambda world: {"notification_id": uuid.uuid4()}),
}
