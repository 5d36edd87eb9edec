"""The person-centred documents, defined as data: each kind names its sections and fields.

Every kind is stored the same way (a `PlanDocument` with immutable `PlanVersion` rows holding the
field values), so versioning, comparing versions and printing are written once for all of them.
Sources: practice.md §3 (one-page profile, PATH, working / not working) and §5 (WRAP, crisis plan).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    PROFILE = "profile"
    PATH = "path"
    WORKING = "working"
    GOAL = "goal"
    WRAP = "wrap"
    CRISIS = "crisis"


class FieldType(StrEnum):
    TEXT = "text"  # several lines
    LINE = "line"  # one line
    DATE = "date"
    CHOICE = "choice"


@dataclass(frozen=True)
class PlanField:
    name: str
    label: str
    hint: str = ""
    type: FieldType = FieldType.TEXT
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Section:
    heading: str
    fields: tuple[PlanField, ...]


@dataclass(frozen=True)
class DocumentKind:
    kind: Kind
    name: str  # "one-page profile"
    description: str
    sections: tuple[Section, ...]
    many: bool = False  # goals: a person may have many; every other kind is one per person
    title_field: str = ""  # the field that names each document when there are many
    extra: tuple[str, ...] = field(default=())  # what else the document has: progress, sharing

    @property
    def fields(self) -> tuple[PlanField, ...]:
        return tuple(f for section in self.sections for f in section.fields)

    def field(self, name: str) -> PlanField | None:
        return next((f for f in self.fields if f.name == name), None)

    @property
    def title(self) -> str:
        return self.name[0].upper() + self.name[1:]


class GoalOwner(StrEnum):
    PERSON = "person"
    WORKER = "worker"
    SOMEONE_ELSE = "someone_else"


GOAL_OWNER_CHOICES = (
    (GoalOwner.PERSON.value, "The person"),
    (GoalOwner.WORKER.value, "Their STR worker"),
    (GoalOwner.SOMEONE_ELSE.value, "Someone else"),
)


def _sign_plan(prefix: str, signs_label: str) -> tuple[PlanField, ...]:
    return (
        PlanField(f"{prefix}_signs", signs_label),
        PlanField(f"{prefix}_must_do", "Things I must do"),
        PlanField(f"{prefix}_might_do", "Things I might do if they help"),
    )


KINDS: dict[Kind, DocumentKind] = {
    Kind.PROFILE: DocumentKind(
        Kind.PROFILE,
        "one-page profile",
        "What people like about the person, what matters to them and how best to support them.",
        (
            Section(
                "My one-page profile",
                (
                    PlanField("appreciations", "What people like and admire about me", required=True),
                    PlanField("important_to_me", "What is important to me"),
                    PlanField("how_to_support_me", "How best to support me"),
                ),
            ),
        ),
    ),
    Kind.PATH: DocumentKind(
        Kind.PATH,
        "PATH",
        "Planning Alternative Tomorrows with Hope: from the dream back to the first step.",
        (
            Section(
                "PATH",
                (
                    PlanField("dream", "The dream", "What would a good life look like?", required=True),
                    PlanField("goal", "The goal", "Something positive and possible, about a year from now"),
                    PlanField("now", "Where I am now"),
                    PlanField("people_to_enrol", "People to ask to help"),
                    PlanField("build_strength", "How to build strength"),
                    PlanField("next_steps", "Next steps", "What to do in the next few months"),
                    PlanField("first_step", "The first step"),
                ),
            ),
        ),
    ),
    Kind.WORKING: DocumentKind(
        Kind.WORKING,
        "working and not working",
        "What is working and not working, from the person's view and from their worker's.",
        (
            Section(
                "From my point of view",
                (PlanField("person_working", "What is working for me"), PlanField("person_not_working", "What is not working for me")),
            ),
            Section(
                "From my worker's point of view",
                (PlanField("worker_working", "What is working"), PlanField("worker_not_working", "What is not working")),
            ),
        ),
    ),
    Kind.GOAL: DocumentKind(
        Kind.GOAL,
        "goal",
        "Something the person wants to do, the steps to get there and who does them.",
        (
            Section(
                "Goal",
                (
                    PlanField("title", "Goal", "In the person's words", FieldType.LINE, required=True),
                    PlanField("steps", "Steps", "Write each step on a new line"),
                    PlanField("owner", "Who owns this goal", type=FieldType.CHOICE, required=True, choices=GOAL_OWNER_CHOICES),
                    PlanField("owner_name", "Name of the person who owns it", "Only if it is someone else", FieldType.LINE),
                    PlanField("target_date", "Target date", "For example, 27 3 2027", FieldType.DATE),
                ),
            ),
        ),
        many=True,
        title_field="title",
        extra=("progress",),
    ),
    Kind.WRAP: DocumentKind(
        Kind.WRAP,
        "Wellness Recovery Action Plan (WRAP)",
        "The person's own plan for staying well and for when things get hard.",
        (
            Section("Wellness toolbox", (PlanField("toolbox", "Things that help me stay well"),)),
            Section(
                "Daily maintenance plan",
                (
                    PlanField("when_well", "What I am like when I am well"),
                    PlanField("every_day", "Things I need to do every day"),
                    PlanField("reminders", "Things I might need to do: my reminder list"),
                ),
            ),
            Section("Triggers", _sign_plan("triggers", "Things that can upset me")),
            Section("Early warning signs", _sign_plan("early_warning", "Early warning signs")),
            Section("When things are breaking down", _sign_plan("breaking_down", "Signs that things are breaking down")),
            Section(
                "Crisis plan",
                (
                    PlanField("crisis_others_take_over", "Signs that mean others should take over"),
                    PlanField("crisis_supporters", "Supporters, and people I do not want involved"),
                    PlanField("crisis_medication", "Medication: what I take, what is acceptable, what to avoid"),
                    PlanField("crisis_treatments", "Treatments and places: what I want, what to avoid"),
                    PlanField("crisis_help", "What helps and what does not help"),
                    PlanField("crisis_inactive", "When my supporters no longer need to use this plan"),
                ),
            ),
            Section("Post-crisis plan", (PlanField("post_crisis", "What I need after a crisis"),)),
        ),
    ),
    Kind.CRISIS: DocumentKind(
        Kind.CRISIS,
        "crisis plan",
        "Who to contact and what the person wants if they are in crisis, shared only with their consent.",
        (
            Section(
                "People",
                (
                    PlanField("supporters", "Supporters to contact", "Write each name and phone number on a new line", required=True),
                    PlanField("not_involved", "People not to involve"),
                ),
            ),
            Section(
                "Treatment and places",
                (
                    PlanField("preferred_treatments", "Treatments that help me"),
                    PlanField("preferred_places", "Where I would like to be cared for"),
                    PlanField("avoid_treatments", "Treatments and places to avoid"),
                ),
            ),
            Section(
                "Practical needs",
                (
                    PlanField("children", "Children and dependants", "Who will look after them"),
                    PlanField("pets", "Pets"),
                    PlanField("bills", "Bills, home and other practical things"),
                ),
            ),
        ),
        extra=("sharing",),
    ),
}


def kind_for(value: str) -> DocumentKind | None:
    try:
        return KINDS[Kind(value)]
    except ValueError:
        return None


def changed_fields(kind: DocumentKind, before: dict[str, str], after: dict[str, str]) -> list[str]:
    """The fields whose value differs, in the order the document shows them."""
    return [f.name for f in kind.fields if (before.get(f.name) or "") != (after.get(f.name) or "")]
