"""The manager's home page: every part of the service they run, grouped, with live counts.
Each card shows only if the role has its capability, so the page never offers a dead end."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from accounts.models import User
from accounts.roles import Capability, can


@dataclass(frozen=True)
class Card:
    title: str
    url_name: str
    description: str
    capability: Capability

    @property
    def url(self) -> str:
        return reverse(self.url_name)


@dataclass(frozen=True)
class Section:
    heading: str
    cards: tuple[Card, ...]


SECTIONS = (
    Section(
        "People and records",
        (
            Card("Find a person", "people:search", "Search by name, NHS number or date of birth.", Capability.FIND_PEOPLE),
            Card("Register a person", "people:new", "Add someone who is new to the service.", Capability.REGISTER_PERSON),
            Card(
                "Emergency access reviews",
                "people:break_glass_queue",
                "{unreviewed_emergency_access} waiting for review.",
                Capability.REVIEW_BREAK_GLASS,
            ),
            Card(
                "Subject access and rectification",
                "records:request_list",
                "{subject_access_overdue} overdue, {subject_access_due_soon} due soon.",
                Capability.MANAGE_SUBJECT_ACCESS,
            ),
            Card("Audit trail", "audit:trail", "Who looked at or changed a record, and when.", Capability.READ_AUDIT_TRAIL),
            Card(
                "Roles to approve",
                "accounts:role_changes",
                "{role_changes_pending} waiting: roles that read clinical records need your approval.",
                Capability.APPROVE_ROLE_CHANGES,
            ),
            Card(
                "Export lists",
                "interop:export_list",
                "People, referrals, contacts and attendance as CSV or Excel.",
                Capability.EXPORT_LISTS,
            ),
            Card(
                "Bring in the old system's data",
                "interop:legacy_start",
                "People, referrals, contacts and attendance from CSV or Excel: match the columns, check every row, then import.",
                Capability.IMPORT_LEGACY_DATA,
            ),
        ),
    ),
    Section(
        "1-to-1 support",
        (
            Card(
                "Triage queue", "referrals:triage_queue", "{awaiting_triage} waiting for triage, oldest first.", Capability.TRIAGE_REFERRALS
            ),
            Card("Waiting list", "referrals:waiting_list", "Allocate accepted referrals to STR workers.", Capability.SEE_WAITING_LIST),
            Card(
                "Overdue reviews",
                "enablement:overdue_reviews",
                "{overdue_reviews} past their date; time each worker has given.",
                Capability.SEE_OVERDUE_REVIEWS,
            ),
            Card("Safeguarding", "safeguarding:open_concerns", "Open concerns and overdue risk reviews.", Capability.OVERSEE_SAFEGUARDING),
        ),
    ),
    Section(
        "User-led projects",
        (
            Card("Projects", "community:project_list", "Projects, venues, activities, schedules and rotas.", Capability.RUN_PROJECTS),
            Card("Registers", "community:my_sessions", "Take a session's register.", Capability.TAKE_REGISTER),
            Card(
                "Crisis places",
                "community:crisis_place_list",
                'Crisis cafés, out-of-hours lines and A&E liaison that members and the public see under "Need help now?".',
                Capability.MANAGE_PROJECTS,
            ),
            Card("Project figures", "community:figures", "Sessions, attendances and people by project.", Capability.VIEW_PROJECT_FIGURES),
            Card(
                "Sessions ahead",
                "community:project_list",
                "Made each night for the coming weeks; {activities_running_short} running short of sessions.",
                Capability.MANAGE_PROJECTS,
            ),
        ),
    ),
    Section(
        "Volunteers",
        (
            Card(
                "Volunteers", "volunteers:list", "Offers, references, DBS checks, training and supervision.", Capability.MANAGE_VOLUNTEERS
            ),
            Card("Expense claims", "volunteers:expenses", "Approve or reject volunteers' expense claims.", Capability.MANAGE_VOLUNTEERS),
            Card(
                "Volunteering figures",
                "volunteers:report",
                "Hours, their value, and where volunteers go next.",
                Capability.SEE_VOLUNTEER_FIGURES,
            ),
        ),
    ),
    Section(
        "Outcomes and coproduction",
        (
            Card(
                "Outcomes", "outcomes:cohorts", "Change from first to last measure, by worker and period.", Capability.SEE_OUTCOME_COHORTS
            ),
            Card(
                "Feedback and complaints",
                "involvement:feedback_list",
                "Compliments, ideas and complaints, overdue first.",
                Capability.HANDLE_FEEDBACK,
            ),
            Card(
                "Involvement",
                "involvement:activity_list",
                "Steering group meetings, consultation events and who took part.",
                Capability.RECORD_INVOLVEMENT,
            ),
            Card("Decision log", "involvement:decision_list", "What was decided, why, and what members said.", Capability.LOG_DECISIONS),
            Card(
                "Service figures and costs",
                "reports:dashboard",
                "Quarterly figures, costs, savings against the old model, and exports.",
                Capability.SEE_SERVICE_REPORTS,
            ),
        ),
    ),
)


def sections_for(user: User, counts: dict[str, int]) -> list[tuple[str, list[dict[str, str]]]]:
    """The sections this user may use, each card's description filled with live counts."""
    shown = []
    for section in SECTIONS:
        cards = [
            {"title": card.title, "url": card.url, "description": card.description.format(**counts)}
            for card in section.cards
            if can(user, card.capability)
        ]
        if cards:
            shown.append((section.heading, cards))
    return shown
