"""Display values for referrals, so templates stay dumb."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings

from core.working_days import add_working_days
from referrals.models import COMPLEXITY_DESCRIPTIONS, Referral


def days_text(days: int) -> str:
    if days < 1:
        return "Less than a day"
    return f"{days} day" if days == 1 else f"{days} days"


def wait_text(waited: timedelta | None) -> str:
    return days_text(waited.days if waited is not None else 0)


def reply_by(received: date) -> date:
    return add_working_days(received, settings.STAR_TRIAGE_RESPONSE_WORKING_DAYS)


def yes_no(value: bool | None) -> str:
    if value is None:
        return "Not asked"
    return "Yes" if value else "No"


@dataclass(frozen=True)
class ReferralPresenter:
    referral: Referral

    @property
    def referrer(self) -> str:
        r = self.referral
        if r.source == Referral.Source.SELF:
            return "Self-referral"
        parts = [part for part in (r.referrer_name, r.referrer_role, r.referrer_organisation) if part]
        return ", ".join(parts) or "Not recorded"

    @property
    def interpreter(self) -> str:
        r = self.referral
        if not r.interpreter_needed:
            return "Not needed"
        return f"Needed: {r.interpreter_language}" if r.interpreter_language else "Needed"

    @property
    def complexity(self) -> str:
        r = self.referral
        if r.complexity is None:
            return "Not rated yet"
        return f"{r.get_complexity_display()}. {COMPLEXITY_DESCRIPTIONS[r.complexity]}"

    @property
    def risk_screen(self) -> list[tuple[str, str]]:
        r = self.referral
        return [
            ("Risk to themselves", yes_no(r.risk_to_self)),
            ("Risk to other people", yes_no(r.risk_to_others)),
            ("At risk from someone else", yes_no(r.risk_from_others)),
            ("Crisis or hospital in the last 3 months", yes_no(r.recent_crisis)),
        ]

    @property
    def decision(self) -> str:
        r = self.referral
        if not r.decision:
            return "Not decided yet"
        text = r.get_decision_display()
        if r.signposted_to:
            text += f": {r.signposted_to}"
        return text

    @property
    def urgency_tag_class(self) -> str:
        return {"urgent": "nhsuk-tag--red", "soon": "nhsuk-tag--orange"}.get(self.referral.urgency, "nhsuk-tag--grey")
