"""The copy of their record a member can read: the member's export (`export_for_member`) in plain
English, under headings in the service's words, with dates as people write them.

It is made from the exported data itself, so the readable copy (a page and a PDF) and the data
file (JSON) always say the same thing. Every kind of record a member may see
(`people.member_view.MEMBER_VISIBLE`) has a section here; a test keeps it so.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.apps import apps

from core.jinja import uk_date, uk_datetime
from core.money import pounds
from plans.documents import KINDS, FieldType, Kind

Row = Mapping[str, Any]


@dataclass(frozen=True)
class Line:
    """One fact: a label and its value (either may be empty)."""

    label: str
    value: str


@dataclass(frozen=True)
class Entry:
    """One thing in a section (a plan, a goal, a feedback message), with an optional heading."""

    heading: str = ""
    lines: list[Line] = field(default_factory=list)
    subheadings: list[tuple[str, list[Line]]] = field(default_factory=list)


@dataclass(frozen=True)
class ReadableSection:
    key: str
    heading: str
    intro: str = ""
    entries: list[Entry] = field(default_factory=list)


@dataclass(frozen=True)
class ReadableCopy:
    title: str
    made_on: str
    what_is_left_out: str
    sections: list[ReadableSection]


# The heading of each kind of record in the member's copy, in the order they are shown. The JSON
# copy uses the same headings as its section titles.
HEADINGS: dict[str, str] = {
    "people.Person": "Your details",
    "people.CaseloadEntry": "Your STR worker",
    "enablement.Episode": "Your 1-to-1 support",
    "enablement.Contact": "Your contacts with your STR worker",
    "appointments.Appointment": "Your appointments",
    "plans.PlanDocument": "Your plans",
    "plans.PlanVersion": "Your plans",
    "plans.GoalProgress": "Goals",
    "outcomes.Measurement": "Questionnaires you filled in",
    "community.Enrolment": "Groups and courses you asked to join",
    "involvement.Feedback": "Feedback you sent us",
    "plans.CrisisPlanShare": "Who you agreed may have your crisis plan",
    "interop.CrisisPlanSent": "Your crisis plan sent to other services",
    "people.Consent": "Your choices about your information",
    "volunteers.StageChange": "Volunteering",
    "choices.PersonalBudget": "Your personal budget",
    "choices.PlanLine": "What your budget plan pays for",
    "choices.Spend": "Spending from your budget",
    "choices.BudgetReview": "Reviews of your budget",
    "choices.VocationalProfile": "About you and work",
    "choices.WorkGoal": "Your goals for work, learning and volunteering",
    "choices.Placement": "Jobs, courses and volunteering roles",
    "choices.WorkActivity": "Steps towards work",
    "portal.RecordDownload": "Copies of your record you have made",
    "audit.AuditEvent": "Who has looked at or changed your record",
}

ACTION_WORDS = {
    "Viewed": "Looked at your record",
    "Found in a search": "Found your record in a search",
    "Created": "Added to your record",
    "Changed": "Changed your record",
    "Exported": "Made a copy of your record",
    "Emergency access": "Opened your record in an emergency",
    "Reviewed emergency access": "Checked an emergency opening of your record",
    "Added to a caseload": "Became one of the people you work with",
    "Removed from a caseload": "Stopped being one of the people you work with",
}


def heading_for(label: str) -> str:
    return HEADINGS.get(label, "Other information")


# --- values -------------------------------------------------------------------------------------


def day(value: Any) -> str:
    """An exported date or date-time ("2026-12-03", "2026-12-03T14:05:00+00:00") as "3 December 2026"."""
    if not value:
        return ""
    text = str(value)
    try:
        return uk_date(date.fromisoformat(text[:10]))
    except ValueError:
        return text


def moment(value: Any) -> str:
    """An exported date-time as "3 December 2026 at 2:05pm", in the service's time zone."""
    if not value:
        return ""
    try:
        return uk_datetime(datetime.fromisoformat(str(value)))
    except ValueError:
        return day(value)


def words(value: Any) -> str:
    if value is None or value == "":
        return ""
    if value is True:
        return "Yes"
    if value is False:
        return "No"
    return str(value)


def _labels(label: str) -> dict[str, str]:
    """Field name -> the label the export uses for it (its verbose name)."""
    model = apps.get_model(label)
    return {f.name: str(f.verbose_name) for f in model._meta.concrete_fields}


class _Rows:
    """Read exported rows of one kind of record by field name rather than by label."""

    def __init__(self, exported: Mapping[str, Any], label: str) -> None:
        section = exported.get("sections", {}).get(label) or {}
        self.rows: list[Row] = list(section.get("records", []))
        self.names = _labels(label) if label != "audit.AuditEvent" else {}

    def get(self, row: Row, name: str) -> Any:
        return row.get(self.names.get(name, name))


def _lines(*pairs: tuple[str, str]) -> list[Line]:
    return [Line(label, value) for label, value in pairs if value]


# --- sections -----------------------------------------------------------------------------------


def _details(exported: Mapping[str, Any]) -> list[Entry]:
    rows = _Rows(exported, "people.Person")
    entries = []
    for row in rows.rows:

        def g(name: str, row: Row = row) -> str:
            return words(rows.get(row, name))

        address = ", ".join(part for part in (g("address_line_1"), g("address_line_2"), g("town"), g("postcode")) if part)
        entries.append(
            Entry(
                lines=_lines(
                    ("Name", f"{g('given_name')} {g('family_name')}".strip()),
                    ("The name you like to be called", g("preferred_name")),
                    ("Pronouns", g("pronouns")),
                    ("Date of birth", day(rows.get(row, "date_of_birth"))),
                    ("Phone number", g("phone")),
                    ("Email address", g("email")),
                    ("How you like us to contact you", g("preferred_contact_method")),
                    ("Address", address),
                    ("NHS number", g("nhs_number")),
                    ("GP practice", g("gp_practice_name")),
                    ("First language", g("first_language")),
                    ("You would like an interpreter", "Yes" if rows.get(row, "interpreter_needed") else ""),
                    ("What helps you communicate with us", g("communication_needs")),
                    ("With us since", day(rows.get(row, "created_at"))),
                )
            )
        )
    return entries


def _workers(exported: Mapping[str, Any]) -> list[Entry]:
    rows = _Rows(exported, "people.CaseloadEntry")
    entries = []
    for row in rows.rows:
        who = words(rows.get(row, "worker")) or "An STR worker"
        started, ended = day(rows.get(row, "started_at")), day(rows.get(row, "ended_at"))
        text = f"{who} was your STR worker from {started} to {ended}." if ended else f"{who} has been your STR worker since {started}."
        entries.append(Entry(lines=[Line("", text)]))
    return entries


def _support(exported: Mapping[str, Any]) -> list[Entry]:
    rows = _Rows(exported, "enablement.Episode")
    return [
        Entry(
            heading=f"From {day(rows.get(row, 'started_on'))}",
            lines=_lines(
                ("Your STR worker", words(rows.get(row, "worker"))),
                ("Where it is now", words(rows.get(row, "status"))),
                ("Started", day(rows.get(row, "started_on"))),
                ("Planned to end", day(rows.get(row, "planned_end_on"))),
                ("Next review", day(rows.get(row, "next_review_on"))),
                ("Ended", day(rows.get(row, "ended_on"))),
            ),
        )
        for row in rows.rows
    ]


def _contacts(exported: Mapping[str, Any]) -> list[Entry]:
    rows = _Rows(exported, "enablement.Contact")
    dates = [Line("", day(rows.get(row, "contact_date"))) for row in rows.rows]
    if not dates:
        return []
    count = "1 contact" if len(dates) == 1 else f"{len(dates)} contacts"
    return [Entry(lines=[Line("", f"You met or spoke with your STR worker on these dates ({count}):")]), Entry(lines=dates)]


def _kind_for_title(title: str) -> Kind | None:
    return next((kind for kind, definition in KINDS.items() if definition.title == title), None)


def _plan_sections(kind: Kind, content: Mapping[str, Any]) -> list[tuple[str, list[Line]]]:
    """The sections of a plan as the member sees them on their pages."""
    sections = []
    for section in KINDS[kind].sections:
        lines = []
        for plan_field in section.fields:
            value = str(content.get(plan_field.name) or "")
            if not value:
                shown = "Not written yet"
            elif plan_field.type == FieldType.DATE:
                shown = day(value)
            elif plan_field.type == FieldType.CHOICE:
                shown = dict(plan_field.choices).get(value, value)
            else:
                shown = value
            lines.append(Line(plan_field.label, shown))
        sections.append((section.heading, lines))
    return sections


def _documents(exported: Mapping[str, Any]) -> list[tuple[str, Kind, Row, Mapping[str, Any]]]:
    """Each plan document: its name, kind, row and the content of its latest version."""
    documents = _Rows(exported, "plans.PlanDocument")
    versions = _Rows(exported, "plans.PlanVersion")
    latest: dict[str, tuple[int, Mapping[str, Any]]] = {}
    for row in versions.rows:
        name, number = words(versions.get(row, "document")), int(versions.get(row, "number") or 0)
        if name not in latest or number > latest[name][0]:
            latest[name] = (number, versions.get(row, "content") or {})
    found: list[tuple[str, Kind, Row, Mapping[str, Any]]] = []
    for row in documents.rows:
        kind = _kind_for_title(words(documents.get(row, "kind")))
        if kind is None:
            continue
        name = document_name(kind, words(documents.get(row, "title")), taken={n for n, *_ in found})
        found.append((name, kind, row, latest.get(name, (0, {}))[1]))
    return found


def document_name(kind: Kind, title: str, *, taken: set[str]) -> str:
    """A plan document's name in the member's copy, unique among their documents
    ("Goal: Get back to swimming", then "Goal: Get back to swimming (2)")."""
    base = f"{KINDS[kind].title}: {title}" if title else KINDS[kind].title
    name, number = base, 1
    while name in taken:
        number += 1
        name = f"{base} ({number})"
    return name


def _plans(exported: Mapping[str, Any]) -> list[Entry]:
    documents = _Rows(exported, "plans.PlanDocument")
    return [
        Entry(
            heading=name,
            lines=_lines(("Started", day(documents.get(row, "created_at")))),
            subheadings=_plan_sections(kind, content),
        )
        for name, kind, row, content in _documents(exported)
        if kind != Kind.GOAL
    ]


def _goals(exported: Mapping[str, Any]) -> list[Entry]:
    documents = _Rows(exported, "plans.PlanDocument")
    progress = _Rows(exported, "plans.GoalProgress")
    entries = []
    for name, kind, row, content in _documents(exported):
        if kind != Kind.GOAL:
            continue
        steps = [
            Line(
                day(progress.get(entry, "recorded_on")),
                f"{progress.get(entry, 'rating')} out of 10"
                + (f". {words(progress.get(entry, 'note'))}" if progress.get(entry, "note") else ""),
            )
            for entry in progress.rows
            if words(progress.get(entry, "goal")) == name
        ]
        subheadings = _plan_sections(kind, content)
        if steps:
            subheadings.append(("How it has gone", steps))
        entries.append(
            Entry(
                heading=name.removeprefix(f"{KINDS[Kind.GOAL].title}: "),
                lines=_lines(("Started", day(documents.get(row, "created_at")))),
                subheadings=subheadings,
            )
        )
    return entries


def _simple(label: str, make: Callable[[_Rows, Row], Entry | None]) -> Callable[[Mapping[str, Any]], list[Entry]]:
    def build(exported: Mapping[str, Any]) -> list[Entry]:
        rows = _Rows(exported, label)
        return [entry for row in rows.rows if (entry := make(rows, row)) is not None]

    return build


def _measurement(rows: _Rows, row: Row) -> Entry | None:
    """Finished questionnaires, as the member's questionnaires page lists them."""
    if words(rows.get(row, "status")) != "Complete":
        return None
    score = words(rows.get(row, "score"))
    if score:
        score = score.rstrip("0").rstrip(".") if "." in score else score
    return Entry(
        heading=words(rows.get(row, "instrument")),
        lines=_lines(("Date", day(rows.get(row, "measured_on"))), ("Score", score or "No total")),
    )


def _appointment(rows: _Rows, row: Row) -> Entry:
    return Entry(
        heading=moment(rows.get(row, "starts_at")),
        lines=_lines(
            ("With", words(rows.get(row, "worker"))),
            ("How", words(rows.get(row, "mode"))),
            ("Where", words(rows.get(row, "place"))),
            ("Length", f"{words(rows.get(row, 'minutes'))} minutes"),
            ("Note", words(rows.get(row, "note"))),
            ("What happened", words(rows.get(row, "status"))),
            ("Why it was cancelled", words(rows.get(row, "cancellation_reason"))),
        ),
    )


def _enrolment(rows: _Rows, row: Row) -> Entry:
    return Entry(
        heading=words(rows.get(row, "activity")),
        lines=_lines(("Asked on", day(rows.get(row, "requested_at"))), ("Where it is now", words(rows.get(row, "status")))),
    )


def _feedback(rows: _Rows, row: Row) -> Entry:
    return Entry(
        heading=f"{words(rows.get(row, 'kind'))}, {day(rows.get(row, 'received_at'))}",
        lines=_lines(
            ("What it was about", words(rows.get(row, "theme"))),
            ("What you said", words(rows.get(row, "message"))),
            ("Where it is now", words(rows.get(row, "status"))),
            ("We said we had it", day(rows.get(row, "acknowledged_at"))),
            ("We replied", day(rows.get(row, "responded_at"))),
            ("Closed", day(rows.get(row, "closed_at"))),
        ),
    )


def _share(rows: _Rows, row: Row) -> Entry:
    withdrawn = day(rows.get(row, "withdrawn_at"))
    return Entry(
        heading=words(rows.get(row, "recipient_name")),
        lines=_lines(
            ("Organisation", words(rows.get(row, "organisation"))),
            ("You agreed on", day(rows.get(row, "shared_on"))),
            ("You agreed again on", day(rows.get(row, "consent_renewed_at"))),
            ("You stopped sharing on", withdrawn),
        ),
    )


def _sent(rows: _Rows, row: Row) -> Entry:
    return Entry(lines=[Line("", f"Sent on {day(rows.get(row, 'sent_at'))} ({words(rows.get(row, 'format'))})")])


def _consent(rows: _Rows, row: Row) -> Entry:
    answer = "Yes" if rows.get(row, "given") else "No"
    return Entry(lines=[Line(f"{day(rows.get(row, 'recorded_at'))}: {words(rows.get(row, 'kind'))}", answer)])


def _stage(rows: _Rows, row: Row) -> Entry:
    return Entry(lines=[Line(day(rows.get(row, "changed_at")), words(rows.get(row, "to_stage")))])


def money(value: Any) -> str:
    """An exported amount in pence as "£1,234.50"."""
    if value is None or value == "":
        return ""
    return pounds(int(value))


def _budget(rows: _Rows, row: Row) -> Entry:
    def g(name: str) -> str:
        return words(rows.get(row, name))

    plan = _lines(
        ("What it is for", g("plan_what_for")),
        ("How it helps with your goals", g("plan_how_it_helps")),
        ("Who helps you manage it", g("plan_who_manages")),
    )
    return Entry(
        heading=f"Personal budget, from {day(rows.get(row, 'conversation_on'))}",
        lines=_lines(
            ("Where it is now", g("status")),
            ("How it is paid", g("kind")),
            ("Amount agreed", money(rows.get(row, "agreed_amount_pence"))),
            ("The council's reference", g("council_reference")),
            ("First conversation", day(rows.get(row, "conversation_on"))),
            ("Referred to the council", day(rows.get(row, "referred_on"))),
            ("Assessed", day(rows.get(row, "assessed_on"))),
            ("Amount agreed on", day(rows.get(row, "agreed_on"))),
            ("Starts", day(rows.get(row, "starts_on"))),
            ("Ends", day(rows.get(row, "ends_on"))),
            ("First payment", day(rows.get(row, "first_payment_on"))),
            ("Next review", day(rows.get(row, "review_on"))),
            ("Ended", day(rows.get(row, "ended_on"))),
        ),
        subheadings=[("Your support plan", plan)] if plan else [],
    )


def _plan_line(rows: _Rows, row: Row) -> Entry:
    removed = day(rows.get(row, "removed_at"))
    return Entry(
        heading=words(rows.get(row, "description")),
        lines=_lines(
            ("What kind of thing", words(rows.get(row, "category"))),
            ("Planned", money(rows.get(row, "amount_pence"))),
            ("Added to the plan", day(rows.get(row, "added_at"))),
            ("Taken out of the plan", removed),
        ),
    )


def _spend(rows: _Rows, row: Row) -> Entry:
    what = f"{money(rows.get(row, 'amount_pence'))} on {day(rows.get(row, 'spent_on'))}: {words(rows.get(row, 'description'))}"
    return Entry(lines=[Line("", f"{what} ({words(rows.get(row, 'category')).lower()})")])


def _budget_review(rows: _Rows, row: Row) -> Entry:
    return Entry(
        heading=day(rows.get(row, "reviewed_on")),
        lines=_lines(
            ("What is working", words(rows.get(row, "what_is_working"))),
            ("What to change", words(rows.get(row, "what_to_change"))),
            ("Next review", day(rows.get(row, "next_review_on"))),
        ),
    )


def _vocational_profile(rows: _Rows, row: Row) -> Entry:
    def g(name: str) -> str:
        return words(rows.get(row, name))

    return Entry(
        lines=_lines(
            ("Done so far", g("so_far")),
            ("Would like to do", g("what_i_want")),
            ("Good at and enjoy", g("strengths")),
            ("What would help", g("what_helps")),
            ("Worries", g("worries")),
            ("Last changed", day(rows.get(row, "updated_at"))),
        )
    )


def _work_goal(rows: _Rows, row: Row) -> Entry:
    return Entry(
        heading=words(rows.get(row, "goal")),
        lines=_lines(
            ("What kind", words(rows.get(row, "kind"))),
            ("Set on", day(rows.get(row, "set_on"))),
            ("Done on", day(rows.get(row, "achieved_on"))),
        ),
    )


def _placement(rows: _Rows, row: Row) -> Entry:
    hours = words(rows.get(row, "hours_per_week"))
    if hours:
        hours = f"{Decimal(hours).normalize():f} hours a week"
    return Entry(
        heading=words(rows.get(row, "title")),
        lines=_lines(
            ("What kind", words(rows.get(row, "kind"))),
            ("Employer", words(rows.get(row, "employer_type"))),
            ("Employer's name", words(rows.get(row, "employer_name"))),
            ("Hours", hours),
            ("Started", day(rows.get(row, "started_on"))),
            ("Ended", day(rows.get(row, "ended_on"))),
            ("Why it ended", words(rows.get(row, "end_reason"))),
        ),
    )


def _work_activity(rows: _Rows, row: Row) -> Entry:
    return Entry(
        heading=f"{words(rows.get(row, 'kind'))}, {day(rows.get(row, 'happened_on'))}",
        lines=_lines(("What happened", words(rows.get(row, "note")))),
    )


def _download(rows: _Rows, row: Row) -> Entry:
    return Entry(lines=[Line("", f"You made a copy on {moment(rows.get(row, 'requested_at'))}")])


def _audit(rows: _Rows, row: Row) -> Entry:
    who, role = words(row.get("Who")), words(row.get("Role"))
    named = f"{who} ({role})" if who and role else who or role or "The system"
    what = words(row.get("What"))
    return Entry(lines=[Line(moment(row.get("When")), f"{named}: {ACTION_WORDS.get(what, what.lower())}")])


INTROS = {
    "plans.CrisisPlanShare": (
        "These are the people and services you told us may have a copy of your crisis plan. Their names "
        "are here because you gave them to us."
    ),
    "audit.AuditEvent": "Each time someone opened, found, changed or copied your record.",
}

# Section key -> how to build its entries. A key may stand for several kinds of record.
BUILDERS: dict[str, Callable[[Mapping[str, Any]], list[Entry]]] = {
    "people.Person": _details,
    "people.CaseloadEntry": _workers,
    "enablement.Episode": _support,
    "enablement.Contact": _contacts,
    "appointments.Appointment": _simple("appointments.Appointment", _appointment),
    "plans.PlanDocument": _plans,
    "plans.GoalProgress": _goals,
    "outcomes.Measurement": _simple("outcomes.Measurement", _measurement),
    "community.Enrolment": _simple("community.Enrolment", _enrolment),
    "involvement.Feedback": _simple("involvement.Feedback", _feedback),
    "plans.CrisisPlanShare": _simple("plans.CrisisPlanShare", _share),
    "interop.CrisisPlanSent": _simple("interop.CrisisPlanSent", _sent),
    "people.Consent": _simple("people.Consent", _consent),
    "volunteers.StageChange": _simple("volunteers.StageChange", _stage),
    "choices.PersonalBudget": _simple("choices.PersonalBudget", _budget),
    "choices.PlanLine": _simple("choices.PlanLine", _plan_line),
    "choices.Spend": _simple("choices.Spend", _spend),
    "choices.BudgetReview": _simple("choices.BudgetReview", _budget_review),
    "choices.VocationalProfile": _simple("choices.VocationalProfile", _vocational_profile),
    "choices.WorkGoal": _simple("choices.WorkGoal", _work_goal),
    "choices.Placement": _simple("choices.Placement", _placement),
    "choices.WorkActivity": _simple("choices.WorkActivity", _work_activity),
    "portal.RecordDownload": _simple("portal.RecordDownload", _download),
    "audit.AuditEvent": _simple("audit.AuditEvent", _audit),
}
# Kinds of record shown within another's section.
SHOWN_WITH = {"plans.PlanVersion": "plans.PlanDocument"}


def readable_copy(exported: Mapping[str, Any], *, service_name: str) -> ReadableCopy:
    """The member's export as sections a person can read."""
    sections = []
    for key, build in BUILDERS.items():
        entries = build(exported)
        if entries:
            sections.append(ReadableSection(key, heading_for(key), INTROS.get(key, ""), entries))
    return ReadableCopy(
        title=f"Your record with {service_name}",
        made_on=day(exported.get("exported_at")),
        what_is_left_out=str(exported.get("what_is_left_out", "")),
        sections=sections,
    )


def covers(label: str) -> bool:
    """Whether the readable copy has a section for this kind of record."""
    return label in BUILDERS or label in SHOWN_WITH
