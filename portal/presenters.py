"""What the member's pages show, worked out here so templates stay simple."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from accounts.roles import Role
from audit.models import AuditEvent
from core.crisis_help import tel_href
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


# A UK phone number inside a line of text: "Jo (sister) 07700 900123" → "07700 900123".
PHONE_NUMBER = re.compile(r"(?:\+44\s?|0)\d(?:[\s-]?\d){8,9}")


@dataclass(frozen=True)
class Supporter:
    text: str  # the line as the member wrote it, without the number
    number: str
    href: str  # tel:… ("" when the line has no number)


@dataclass(frozen=True)
class CrisisCard:
    """The crisis plan on one page: warning signs, what helps, who to call, where to go."""

    warning_signs: list[str]
    what_helps: list[str]
    supporters: list[Supporter]
    not_involved: str
    where_to_go: list[str]

    @property
    def is_empty(self) -> bool:
        return not (self.warning_signs or self.what_helps or self.supporters or self.where_to_go)


def _lines(*values: object) -> list[str]:
    return [line.strip() for value in values if isinstance(value, str) for line in value.splitlines() if line.strip()]


def supporter(line: str) -> Supporter:
    match = PHONE_NUMBER.search(line)
    if match is None:
        return Supporter(line, "", "")
    text = (line[: match.start()] + line[match.end() :]).strip(" ,:-–")
    return Supporter(text or match.group(), match.group().strip(), tel_href(match.group()))


def crisis_card(*, crisis: dict[str, object], wrap: dict[str, object]) -> CrisisCard:
    """From the member's crisis plan and the crisis part of their WRAP, in their own words."""
    return CrisisCard(
        warning_signs=_lines(wrap.get("early_warning_signs"), wrap.get("breaking_down_signs"), wrap.get("crisis_others_take_over")),
        what_helps=_lines(wrap.get("crisis_help"), crisis.get("preferred_treatments"), wrap.get("early_warning_must_do")),
        # Only the crisis plan's list: the WRAP's mixes supporters with people not to involve.
        supporters=[supporter(line) for line in _lines(crisis.get("supporters"))],
        not_involved=str(crisis.get("not_involved") or ""),
        where_to_go=_lines(crisis.get("preferred_places"), wrap.get("crisis_treatments")),
    )
