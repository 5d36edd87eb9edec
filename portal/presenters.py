"""What the member's pages show, worked out here so templates stay simple."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from accounts.roles import Role
from audit.models import AuditEvent
from core.jinja import uk_date, uk_datetime
from people.models import Consent

ACTION_WORDS: dict[str, str] = {
    AuditEvent.Action.VIEW: "Looked at your record",
    AuditEvent.Action.SEARCH: "Found your record in a search",
    AuditEvent.Action.CREATE: "Added to your record",
    AuditEvent.Action.UPDATE: "Changed your record",
    AuditEvent.Action.EXPORT: "Made a copy of your record",
}


@dataclass(frozen=True)
class AccessRow:
    when: str
    who: str
    what: str


def access_row(event: AuditEvent, member_id: int) -> AccessRow:
    """Staff are shown by role and first name only."""
    if event.user_id == member_id:
        who = _("You")
    elif event.user is None:
        who = _("The system")
    else:
        role = Role(event.user_role).label if event.user_role in Role.values else event.user_role
        who = f"{event.user.first_name} ({role})" if event.user.first_name else role
    what = ACTION_WORDS.get(event.action, event.action_label.lower())
    return AccessRow(uk_datetime(event.occurred_at), who, what)


def goal_rating(rating: int | None) -> str:
    if rating is None:
        return _("No progress noted yet")
    return _("%(rating)s out of 10") % {"rating": rating}


def day(value: object) -> str:
    return uk_date(value)


@dataclass(frozen=True)
class ConsentRow:
    when: str
    what: str
    answer: str
    who: str


def consent_row(consent: Consent, member_id: int) -> ConsentRow:
    from portal.forms import MEMBER_CONSENT_LABELS

    if consent.recorded_by_id == member_id:
        who = _("You")
    elif consent.recorded_by is None:
        who = _("The system")
    else:
        who = f"{consent.recorded_by.first_name} ({consent.recorded_by.role_label})"
    label = MEMBER_CONSENT_LABELS.get(Consent.Kind(consent.kind), consent.get_kind_display())
    return ConsentRow(uk_date(consent.recorded_at), str(label), _("Yes") if consent.given else _("No"), who)
