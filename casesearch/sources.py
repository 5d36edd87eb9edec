"""What the note search indexes: one `SearchSource` per kind of text a worker writes about a person.

Adding a source (documents, say) is one registration in the owning app's `AppConfig.ready()`:

    from casesearch.sources import SearchSource, register_source

    register_source(SearchSource(
        kind="document", label="Document", model=Document, capability=Capability.VIEW_PERSON,
        rows=document_rows,                      # queryset of Document -> Row per document
        url=lambda person_id, record_id: reverse("records:document", args=[person_id, record_id]),
    ))

`rows` reads the texts of many rows at once (`values_list(...).iterator()`: the rebuild streams a
million rows through it); registering connects the index to the model's saves and deletes; bulk
writes (which send no signals) call `casesearch.index.index_objects(model, pks)` afterwards.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple

from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Capability
from documents.models import Document
from enablement.models import Contact, MoveOn, Review
from plans.models import GoalProgress, PlanDocument
from referrals.models import Referral
from safeguarding.models import ConcernStatusChange, RiskAssessment, SafeguardingConcern

# Marks the start and end of a matched term in a passage. Private-use characters: removed from
# every text before it is indexed, so they can only come from the database's highlighter.
MARK_START = "\ue000"
MARK_END = "\ue001"
_REMOVED = str.maketrans({MARK_START: None, MARK_END: None, "\x00": None})

CHUNK = 2000


class Row(NamedTuple):
    object_id: str
    person_id: uuid.UUID
    record_id: int | None
    written_on: date
    text: str


@dataclass(frozen=True)
class SearchSource:
    kind: str  # stored in the index; never change it once rows exist
    label: str  # what the results page calls it: "Contact note"
    model: type[Model]
    # The capability the source's own gate asks for (enablement, plans, safeguarding…): a role
    # without it finds nothing of this kind, whoever the person is.
    capability: Capability
    rows: Callable[[QuerySet[Any]], Iterator[Row]]
    url: Callable[[uuid.UUID, int | None], str]


_REGISTRY: dict[str, SearchSource] = {}


def register_source(source: SearchSource) -> None:
    """Index this kind of text from now on: its saves and deletes keep the index up to date."""
    from casesearch import index

    existing = _REGISTRY.get(source.kind)
    if existing is not None and existing != source:
        raise ValueError(f"A search source called {source.kind!r} is already registered")
    _REGISTRY[source.kind] = source
    index.watch(source)


def sources() -> tuple[SearchSource, ...]:
    return tuple(_REGISTRY.values())


def source_of(kind: str) -> SearchSource | None:
    return _REGISTRY.get(kind)


def joined(*parts: object) -> str:
    """The non-empty texts, a blank line between them, without the highlighter's marks."""
    return "\n\n".join(str(part).strip() for part in parts if part and str(part).strip()).translate(_REMOVED)


def day_of(moment: datetime | date) -> date:
    return timezone.localdate(moment) if isinstance(moment, datetime) else moment


def rows_of_fields(
    *fields: str, person: str = "person_id", record: str | None = None, day: str
) -> Callable[[QuerySet[Any]], Iterator[Row]]:
    """Rows of a model whose text is some of its own fields."""

    def rows(queryset: QuerySet[Any]) -> Iterator[Row]:
        columns = ["pk", person, record or "pk", day, *fields]
        for pk, person_id, record_id, written, *texts in queryset.order_by().values_list(*columns).iterator(chunk_size=CHUNK):
            yield Row(str(pk), person_id, record_id, day_of(written), joined(*texts))

    return rows


def _plan_rows(queryset: QuerySet[Any]) -> Iterator[Row]:
    """A plan document's current version: every field's words (dates and choices too, harmlessly)."""
    columns = ("pk", "person_id", "current_version__saved_at", "title", "current_version__content")
    for pk, person_id, saved_at, title, content in (
        queryset.filter(current_version__isnull=False).order_by().values_list(*columns).iterator(chunk_size=CHUNK)
    ):
        values = content.values() if isinstance(content, dict) else ()
        yield Row(str(pk), person_id, pk, day_of(saved_at), joined(title, *values))


def _document_rows(queryset: QuerySet[Any]) -> Iterator[Row]:
    """A document's title and the text found in it (filled only once the file is found clean);
    a removed document leaves the index."""
    yield from rows_of_fields("title", "text", record=None, day="uploaded_at")(queryset.filter(removed_at__isnull=True))


def _episode_page(person_id: uuid.UUID, record_id: int | None) -> str:
    return reverse("enablement:episode", args=[record_id])


def _plan_page(person_id: uuid.UUID, record_id: int | None) -> str:
    return reverse("plans:detail", kwargs={"person_id": person_id, "document_id": record_id})


def _concern_page(person_id: uuid.UUID, record_id: int | None) -> str:
    return reverse("safeguarding:concern_detail", kwargs={"person_id": person_id, "concern_id": record_id})


SOURCES: tuple[SearchSource, ...] = (
    SearchSource(
        kind="contact",
        label="Contact note",
        model=Contact,
        capability=Capability.RECORD_ENABLEMENT_WORK,
        rows=rows_of_fields("what_was_done", record="episode_id", day="contact_date"),
        url=_episode_page,
    ),
    SearchSource(
        kind="review",
        label="Review",
        model=Review,
        capability=Capability.RECORD_ENABLEMENT_WORK,
        rows=rows_of_fields("what_is_working", "progress", "persons_view", "extension_reason", record="episode_id", day="held_on"),
        url=_episode_page,
    ),
    SearchSource(
        kind="move_on",
        label="Move-on",
        model=MoveOn,
        capability=Capability.RECORD_ENABLEMENT_WORK,
        rows=rows_of_fields("reason", "community_group", record="episode_id", day="ended_on"),
        url=_episode_page,
    ),
    SearchSource(
        kind="plan",
        label="Plan",
        model=PlanDocument,
        capability=Capability.WRITE_PLANS,
        rows=_plan_rows,
        url=_plan_page,
    ),
    SearchSource(
        kind="goal_progress",
        label="Progress on a goal",
        model=GoalProgress,
        capability=Capability.WRITE_PLANS,
        rows=rows_of_fields("note", person="goal__person_id", record="goal_id", day="recorded_on"),
        url=_plan_page,
    ),
    SearchSource(
        kind="concern",
        label="Safeguarding concern",
        model=SafeguardingConcern,
        capability=Capability.RECORD_RISK,
        rows=rows_of_fields("what_happened", "action_taken", "persons_wishes", "outcome", day="raised_at"),
        url=_concern_page,
    ),
    SearchSource(
        kind="concern_update",
        label="Safeguarding update",
        model=ConcernStatusChange,
        capability=Capability.RECORD_RISK,
        rows=rows_of_fields("note", person="concern__person_id", record="concern_id", day="changed_at"),
        url=_concern_page,
    ),
    SearchSource(
        kind="risk",
        label="Risk assessment",
        model=RiskAssessment,
        capability=Capability.RECORD_RISK,
        rows=rows_of_fields(
            "to_self_notes", "from_others_notes", "to_others_notes", "self_neglect_notes", "management_plan", day="assessed_at"
        ),
        url=lambda person_id, record_id: reverse("safeguarding:risk_detail", kwargs={"person_id": person_id, "assessment_id": record_id}),
    ),
    SearchSource(
        kind="document",
        label="Document",
        model=Document,
        capability=Capability.KEEP_DOCUMENTS,
        rows=_document_rows,
        url=lambda person_id, record_id: reverse("documents:person", kwargs={"person_id": person_id}),
    ),
    SearchSource(
        kind="referral",
        label="Referral",
        model=Referral,
        capability=Capability.TRIAGE_REFERRALS,
        rows=rows_of_fields("reason_in_persons_words", "reason_in_referrers_words", "risk_notes", "decision_reason", day="received_at"),
        url=lambda person_id, record_id: reverse("referrals:detail", args=[record_id]),
    ),
)
