"""The Auditor: every read and write of person-linked data is written here, explicitly.

Views and gates call these functions; nothing relies on model signals, which miss bulk work.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from audit.models import AuditEvent
from core.bulk import insert_rows
from core.where import current as current_where

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.db.models import Model

    from accounts.models import User

Action = AuditEvent.Action


def _where_context() -> dict[str, Any]:
    """The page (or task, or command) and address the event came from, as the entry point recorded
    it in `core.where`: no service passes a request down for it."""
    where = current_where()
    if where is None:
        return {}
    return {"path": where.path, "ip_address": where.ip_address}


def _actor(user: User | AnonymousUser | None) -> tuple[User | None, str]:
    from accounts.models import User

    if not isinstance(user, User):
        return None, ""
    return user, user.role


def _object_fields(obj: Model | None) -> dict[str, str]:
    if obj is None:
        return {}
    return {"object_type": obj._meta.label_lower, "object_id": str(obj.pk)}


def record_event(
    *,
    user: User | AnonymousUser | None,
    action: str,
    person_id: uuid.UUID | str | None = None,
    obj: Model | None = None,
    reason: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    actor, role = _actor(user)
    return AuditEvent.objects.create(
        user=actor,
        user_role=role,
        action=action,
        person_id=person_id,
        reason=reason,
        detail=detail or {},
        **_object_fields(obj),
        **_where_context(),
    )


def record_events_for_people(
    *,
    user: User | AnonymousUser | None,
    action: str,
    person_ids: Iterable[uuid.UUID],
    detail: dict[str, Any] | None = None,
) -> int:
    """One event per person, in one bulk insert: for search results and other lists."""
    actor, role = _actor(user)
    common = {
        "occurred_at": timezone.now(),
        "user_id": actor.pk if actor else None,
        "user_role": role,
        "action": action,
        "object_type": "people.person",
        "detail": detail or {},
        **_where_context(),
    }
    # Rows, not model objects, in one executemany (core.bulk): a list or an import of 100,000
    # people is audited in seconds.
    events = [{**common, "person_id": person_id, "object_id": str(person_id)} for person_id in person_ids]
    insert_rows(AuditEvent, events)
    return len(events)


def record_move(
    *,
    by: User | AnonymousUser | None,
    action: str | None,
    created: bool,
    obj: Model,
    detail: dict[str, Any],
) -> AuditEvent:
    """The audit event of a status move (`core.status.move`): about the record's person, if it has one."""
    return record_event(
        user=by,
        action=action or (Action.CREATE if created else Action.UPDATE),
        person_id=getattr(obj, "person_id", None),
        obj=obj,
        detail=detail,
    )
