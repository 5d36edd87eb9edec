"""A note search: the gate, the full-text match, newest first, and its audit row."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.crypto import salted_hmac
from markupsafe import Markup, escape

from audit.services import Action, record_event, record_events_for_people
from casesearch import engine
from casesearch.access import searchable_by
from casesearch.models import SearchEntry
from casesearch.sources import MARK_END, MARK_START, source_of

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


def found_entries(user: User | AnonymousUser, terms: str) -> QuerySet[SearchEntry]:
    """The entries this user may see that match, newest first."""
    scope = searchable_by(user)
    return engine.matching(scope.entries, terms, few_people=scope.few_people).order_by("-written_on", "-id")


def highlighted(passage: str) -> Markup:
    """The passage as HTML: the note's own words escaped first, then the matches marked, so
    nothing in a note can become markup."""
    safe = str(escape(passage))
    return Markup(safe.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))  # noqa: S704  # nosec B704: escaped above


@dataclass(frozen=True)
class Hit:
    person_id: uuid.UUID
    person_name: str
    kind_label: str
    written_on: date
    passage: Markup
    url: str


def hits(entries: list[SearchEntry]) -> list[Hit]:
    found = []
    for entry in entries:
        source = source_of(entry.kind)
        if source is None:
            continue  # a source no longer registered: its rows go at the next rebuild
        found.append(
            Hit(
                person_id=entry.person_id,
                person_name=entry.person.full_name,
                kind_label=source.label,
                written_on=entry.written_on,
                passage=highlighted(getattr(entry, "passage", "") or entry.text[:200]),
                url=source.url(entry.person_id, entry.record_id),
            )
        )
    return found


def passages_for(entries: QuerySet[SearchEntry], keys: list[int], terms: str) -> list[SearchEntry]:
    """The page's rows with their people and passages: the highlighter runs on these rows only."""
    rows = {row.pk: row for row in engine.with_passages(entries.order_by().filter(pk__in=keys).select_related("person"), terms)}
    return [rows[key] for key in keys if key in rows]


def terms_fingerprint(terms: str) -> str:
    """A keyed hash of what was searched (case and spacing ignored). The audit trail outlives
    records destroyed under the retention schedule and cannot be edited, so it does not keep the
    words themselves, which may name a person or their health; someone investigating can check
    whether a given search was made by computing this for it."""
    return salted_hmac("casesearch.terms", " ".join(terms.lower().split())).hexdigest()[:32]


def audit_search(*, request: HttpRequest, terms: str, found: int, more: bool, person_ids: list[uuid.UUID], page: int) -> None:
    """One row for the search (who, when, how many found, never the words), and one per person
    whose notes were shown, as every list of people is audited."""
    detail: dict[str, Any] = {
        "search": "notes",
        "found": found,
        "more": more,
        "page": page,
        "words": len(terms.split()),
        "terms_fingerprint": terms_fingerprint(terms),
    }
    record_event(user=request.user, action=Action.SEARCH, detail=detail)
    if person_ids:
        record_events_for_people(
            user=request.user,
            action=Action.SEARCH,
            person_ids=list(dict.fromkeys(person_ids)),
            detail={"list": "note search"},
        )
