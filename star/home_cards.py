"""The manager's home page: every part of the service they run, grouped, each a link with its live
count as a tag. Each shows only if the role has its capability, so the page never offers a dead end.
The descriptions are the links' hints."""

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
    # The live count shown as a tag beside the title (a key of the counts the home page works out).
    count: str = ""

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
            Card("Find a person", "people:search", "By name, NHS number or date of birth", Capability.FIND_PEOPLE),
            Card(
                "Search in notes", "casesearch:search", "Words in contact notes, plans, safeguarding and referrals", Capability.SEARCH_NOTES
            ),
            Card("Register a person", "people:new", "Someone new to the service", Capability.REGISTER_PERSON),
            Card(
                "Emergency access reviews",
                "people:break_glass_queue",
                "Waiting for review",
                Capability.REVIEW_BREAK_GLASS,
                "unreviewed_emergency_access",
            ),
            Card(
                "Subject access and rectification",
                "records:request_list",
                "Overdue requests",
                Capability.MANAGE_SUBJECT_ACCESS,
                "subject_access_overdue",
            ),
            Card("Audit trail", "audit:trail", "Who looked at or changed a record", Capability.READ_AUDIT_TRAIL),
            Card(
                "Roles to approve",
                "accounts:role_changes",
                "Roles that read clinical records",
                Capability.APPROVE_ROLE_CHANGES,
                "role_changes_pending",
            ),
            Card("Export lists", "interop:export_list", "CSV or Excel", Capability.EXPORT_LISTS),
            Card(
                "Bring in the old system's data",
                "interop:legacy_start",
                "From CSV or Excel, checked row by row",
                Capability.IMPORT_LEGACY_DATA,
            ),
            Card(
                "The service's own questions",
                "questions:list",
                "Extra questions on the referral form and the person's record",
                Capability.DEFINE_QUESTIONS,
            ),
        ),
    ),
    Section(
        "1-to-1 support",
        (
            Card("Triage queue", "referrals:triage_queue", "Waiting for triage", Capability.TRIAGE_REFERRALS, "awaiting_triage"),
            Card("Waiting list", "referrals:waiting_list", "Over the target wait", Capability.SEE_WAITING_LIST, "waiting_over_target"),
            Card("Overdue reviews", "enablement:overdue_reviews", "Past their date", Capability.SEE_OVERDUE_REVIEWS, "overdue_reviews"),
            Card("Safeguarding", "safeguarding:open_concerns", "Open concerns", Capability.OVERSEE_SAFEGUARDING, "open_concern_count"),
        ),
    ),
    Section(
        "User-led projects",
        (
            Card("Projects", "community:project_list", "Venues, activities, schedules and rotas", Capability.RUN_PROJECTS),
            Card("Registers", "community:my_sessions", "Take a session's register", Capability.TAKE_REGISTER),
            Card(
                "Crisis places",
                "community:crisis_place_list",
                "Where members and the public are sent in a crisis",
                Capability.MANAGE_PROJECTS,
            ),
            Card("Project figures", "community:figures", "Sessions, attendances and people", Capability.VIEW_PROJECT_FIGURES),
            Card(
                "Resource hub", "hub:resource_list", "Other organisations' services, and those to check again", Capability.CURATE_RESOURCES
            ),
            Card(
                "Sessions ahead",
                "community:project_list",
                "Drop-ins and groups running short of sessions",
                Capability.MANAGE_PROJECTS,
                "activities_running_short",
            ),
        ),
    ),
    Section(
        "Volunteers",
        (
            Card("Volunteers", "volunteers:list", "Offers, references, DBS checks, training", Capability.MANAGE_VOLUNTEERS),
            Card("Expense claims", "volunteers:expenses", "To approve", Capability.MANAGE_VOLUNTEERS, "expenses_to_approve"),
            Card(
                "Volunteering figures",
                "volunteers:report",
                "Hours, their value, where volunteers go next",
                Capability.SEE_VOLUNTEER_FIGURES,
            ),
            Card(
                "Personal budgets and work",
                "choices:figures",
                "People supported to a budget, what budgets buy, people in work",
                Capability.SEE_SERVICE_REPORTS,
            ),
        ),
    ),
    Section(
        "Outcomes and coproduction",
        (
            Card("Outcomes", "outcomes:cohorts", "Change from first to last measure", Capability.SEE_OUTCOME_COHORTS),
            Card(
                "Feedback and complaints",
                "involvement:feedback_list",
                "Complaints overdue",
                Capability.HANDLE_FEEDBACK,
                "complaints_overdue",
            ),
            Card("Involvement", "involvement:activity_list", "Meetings, events and who took part", Capability.RECORD_INVOLVEMENT),
            Card("Decision log", "involvement:decision_list", "What was decided, and why", Capability.LOG_DECISIONS),
            Card("Service figures and costs", "reports:dashboard", "Quarterly figures, costs and savings", Capability.SEE_SERVICE_REPORTS),
            Card(
                "Signposting figures",
                "hub:figures",
                "Where people were signposted, and whether they got there",
                Capability.SEE_SERVICE_REPORTS,
            ),
        ),
    ),
)


def sections_for(user: User, counts: dict[str, int]) -> list[tuple[str, list[dict[str, object]]]]:
    """The sections this user may use, each link with its live count (None where it has none)."""
    shown = []
    for section in SECTIONS:
        cards: list[dict[str, object]] = [
            {"title": card.title, "url": card.url, "description": card.description, "count": counts.get(card.count) if card.count else None}
            for card in section.cards
            if can(user, card.capability)
        ]
        if cards:
            shown.append((section.heading, cards))
    return shown
