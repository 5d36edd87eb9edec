"""Display values for involvement pages, so templates stay dumb."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from involvement.models import Feedback, InvolvementActivity


@dataclass(frozen=True)
class ActivityPresenter:
    activity: InvolvementActivity

    @property
    def named_members(self) -> int:
        """Named members (from the gate's annotation), counted whoever may see their names."""
        return int(getattr(self.activity, "named_members", 0) or 0)

    @property
    def members(self) -> int:
        return self.named_members + self.activity.unnamed_members

    @property
    def who_took_part(self) -> list[str]:
        a = self.activity
        parts = [f"{self.members} {'member' if self.members == 1 else 'members'}"]
        for count, one, many in (
            (a.volunteers, "volunteer", "volunteers"),
            (a.staff, "staff member", "staff"),
            (a.carers, "carer", "carers"),
        ):
            if count:
                parts.append(f"{count} {one if count == 1 else many}")
        partners = a.partner_list
        if partners:
            parts.append(f"{len(partners)} partner {'organisation' if len(partners) == 1 else 'organisations'}")
        return parts


@dataclass(frozen=True)
class FeedbackPresenter:
    feedback: Feedback
    today: date

    @classmethod
    def for_today(cls, feedback: Feedback) -> FeedbackPresenter:
        return cls(feedback, timezone.localdate())

    @property
    def status(self) -> str:
        return self.feedback.get_status_display() if self.feedback.is_complaint else "Not a complaint"

    @property
    def overdue(self) -> str:
        which = self.feedback.overdue_on(self.today)
        if which == "acknowledgement":
            return "Acknowledgement overdue"
        if which == "response":
            return "Response overdue"
        return ""

    @property
    def source(self) -> str:
        f = self.feedback
        if f.person_id:
            return f"{f.get_channel_display()} (linked to a member's record)"
        return f.get_channel_display()

    @property
    def preview(self) -> str:
        text = " ".join(self.feedback.message.split())
        return text if len(text) <= 90 else text[:87] + "…"


def involvement_nav(user: object) -> dict[str, bool]:
    """Which involvement pages the sub-navigation links to for this user."""
    from accounts.roles import Capability, can

    return {
        "handle_feedback": can(user, Capability.HANDLE_FEEDBACK),  # type: ignore[arg-type]
        "log_decisions": can(user, Capability.LOG_DECISIONS),  # type: ignore[arg-type]
        "see_figures": can(user, Capability.SEE_INVOLVEMENT_FIGURES),  # type: ignore[arg-type]
    }
