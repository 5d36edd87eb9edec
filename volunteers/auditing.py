"""The audit row for a change to a volunteer's record, linked to their person record when they have one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from audit.services import record_event

if TYPE_CHECKING:
    from django.db.models import Model

    from accounts.models import User
    from volunteers.models import Volunteer


def audit_volunteer(
    *,
    by: User | None,
    action: str,
    volunteer: Volunteer,
    obj: Model | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    record_event(user=by, action=action, person_id=volunteer.person_id, obj=obj or volunteer, detail=detail)
