"""Display values for plans: sections of a version, the differences between two versions, and
the rows of the version history, so templates stay dumb."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from accounts.roles import Role
from core.jinja import uk_date, uk_datetime
from plans.documents import DocumentKind, FieldType, PlanField
from plans.models import PlanDocument, PlanVersion


def display_value(plan_field: PlanField, value: str) -> list[str]:
    """The value as lines of text for a page ("Not written yet" when empty)."""
    if not value:
        return []
    if plan_field.type == FieldType.DATE:
        return [uk_date(date.fromisoformat(value))]
    if plan_field.type == FieldType.CHOICE:
        return [dict(plan_field.choices).get(value, value)]
    return [line for line in value.splitlines() if line.strip()]


def role_label(role: str) -> str:
    return "the person" if role == Role.MEMBER else Role(role).label if role in Role.values else role


def lines_html(lines: list[str]) -> Markup:
    """Lines of text joined with line breaks, each line escaped."""
    return Markup("<br>").join(lines)


@dataclass(frozen=True)
class FieldRow:
    label: str
    lines: list[str]
    before: list[str]
    changed: bool

    @property
    def html(self) -> Markup:
        return lines_html(self.lines)

    @property
    def before_html(self) -> Markup:
        return lines_html(self.before)


@dataclass(frozen=True)
class SectionView:
    heading: str
    rows: list[FieldRow]


def sections_of(definition: DocumentKind, version: PlanVersion | None) -> list[SectionView]:
    content = version.content if version else {}
    return [
        SectionView(
            section.heading,
            [FieldRow(f.label, display_value(f, content.get(f.name, "")), [], False) for f in section.fields],
        )
        for section in definition.sections
    ]


def compare(definition: DocumentKind, older: PlanVersion | None, newer: PlanVersion) -> list[SectionView]:
    """Field by field: the newer value, the older one, and whether it changed."""
    before = older.content if older else {}
    return [
        SectionView(
            section.heading,
            [
                FieldRow(
                    f.label,
                    display_value(f, newer.content.get(f.name, "")),
                    display_value(f, before.get(f.name, "")),
                    (before.get(f.name) or "") != (newer.content.get(f.name) or ""),
                )
                for f in section.fields
            ],
        )
        for section in definition.sections
    ]


@dataclass(frozen=True)
class VersionRow:
    version: PlanVersion
    definition: DocumentKind

    @property
    def saved(self) -> str:
        return uk_datetime(self.version.saved_at)

    @property
    def author(self) -> str:
        return f"{self.version.saved_by.display_name} ({role_label(self.version.author_role)})"

    @property
    def changes(self) -> str:
        if self.version.number == 1:
            return "First version"
        labels = [f.label for name in self.version.changed_fields if (f := self.definition.field(name))]
        return ", ".join(labels) or "No changes"


@dataclass(frozen=True)
class DocumentSummary:
    document: PlanDocument

    @property
    def last_saved(self) -> str:
        version = self.document.current_version
        if version is None:
            return "Not written yet"
        return f"Version {version.number}, saved {uk_datetime(version.saved_at)} by {version.saved_by.display_name}"

    @property
    def goal_facts(self) -> str:
        version = self.document.current_version
        if version is None or self.document.definition.kind != "goal":
            return ""
        definition = self.document.definition
        owner_field, target_field = definition.field("owner"), definition.field("target_date")
        owner = display_value(owner_field, version.content.get("owner", "")) if owner_field else []
        target = display_value(target_field, version.content.get("target_date", "")) if target_field else []
        facts = []
        if owner:
            name = version.content.get("owner_name")
            facts.append(f"Owner: {owner[0]}" + (f" ({name})" if name else ""))
        if target:
            facts.append(f"Target date: {target[0]}")
        rating = getattr(self.document, "latest_rating", None)
        if rating is not None:
            facts.append(f"Latest progress: {rating} out of 10 on {uk_date(getattr(self.document, 'latest_progress_on', None))}")
        return " · ".join(facts)
