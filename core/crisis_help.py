"""Crisis help: the service's own line (from settings, per deployment) and the national lines
anyone in England can use, each with a link that dials or texts on a phone. Shown by the
`core/_help_now.jinja` partial on every member page, in the crisis plan and on the public
"Need help now?" page."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class CrisisLine:
    name: str
    number: str  # as people read it: "116 123"
    href: str  # tel:… or sms:…
    detail: str
    action: str = "Call"  # or "Text"


def tel_href(number: str) -> str:
    """A tel: link for a UK number as written ("0121 496 0000" → "tel:01214960000")."""
    digits = re.sub(r"[^\d+]", "", number)
    return f"tel:{digits}"


def service_line() -> CrisisLine:
    return CrisisLine(
        name=f"{settings.STAR_SERVICE_NAME} team",
        number=settings.STAR_SERVICE_PHONE,
        href=tel_href(settings.STAR_SERVICE_PHONE),
        detail=f"{settings.STAR_SERVICE_HOURS_TEXT}. {settings.STAR_OUT_OF_HOURS_TEXT}",
    )


NATIONAL_LINES = (
    CrisisLine("NHS 111, option 2", "111", "tel:111", "Urgent mental health help, day and night. Choose option 2 for mental health."),
    CrisisLine("Samaritans", "116 123", "tel:116123", "Free, day and night, to talk about anything."),
    CrisisLine("Shout", "85258", "sms:85258?body=SHOUT", "Free text support, day and night: text SHOUT to 85258.", action="Text"),
    CrisisLine("999", "999", "tel:999", "If your life or someone else's is at risk now, or you cannot keep yourself safe."),
)


def crisis_lines() -> list[CrisisLine]:
    """The service's own line first, then the national ones."""
    return [service_line(), *NATIONAL_LINES]
