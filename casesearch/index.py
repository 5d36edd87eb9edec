"""Keeping the index up to date.

Why signals here, when the house rule is services and not signals: the index is derived data
(like a cache), not a business rule or an audit row, and the texts it copies are written by many
services in five apps (contacts, reviews, move-on, plans and goal progress, concerns and their
updates, risk assessments, referrals from three forms and FHIR, rectified values, imports),
and deleted by retention and erasure. A `post_save` / `post_delete` receiver per source model
sees every one of those, in the same transaction as the write, without each app importing the
search (which sits above them). What signals miss, bulk inserts and queryset updates, is covered
by `index_objects` (the legacy import calls it) and by `rebuild` (the demo seeding calls it;
`manage.py rebuild_search_index` runs it)."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save

from casesearch.models import SearchEntry
from core.bulk import insert_rows

if TYPE_CHECKING:
    from casesearch.sources import Row, SearchSource

BATCH = 2000
_WATCHED: set[str] = set()


def _entries(source: SearchSource, rows: Iterable[Row]) -> Iterable[dict[str, Any]]:
    for row in rows:
        if row.text:
            yield {
                "kind": source.kind,
                "object_id": row.object_id,
                "person_id": row.person_id,
                "record_id": row.record_id,
                "written_on": row.written_on,
                "text": row.text,
            }


def _insert(entries: Iterable[dict[str, Any]]) -> int:
    """Plain rows in batches, one executemany each (core.bulk): no model object per row."""
    written = 0
    iterator = iter(entries)
    while batch := list(islice(iterator, BATCH)):
        insert_rows(SearchEntry, batch)
        written += len(batch)
    return written


def _sources_for(model: type[Model]) -> list[SearchSource]:
    from casesearch.sources import sources

    return [source for source in sources() if source.model is model]


@transaction.atomic
def index_objects(model: type[Model], pks: Iterable[Any]) -> int:
    """(Re)index these rows of a source model: after a bulk insert or update, which sends no
    signals. Rows whose text is now empty leave the index."""
    keys = [str(pk) for pk in pks]
    written = 0
    for source in _sources_for(model):
        for start in range(0, len(keys), BATCH):
            chunk = keys[start : start + BATCH]
            SearchEntry.objects.filter(kind=source.kind, object_id__in=chunk).delete()
            written += _insert(_entries(source, source.rows(model._default_manager.filter(pk__in=chunk))))
    return written


def remove_objects(model: type[Model], pks: Iterable[Any]) -> None:
    keys = [str(pk) for pk in pks]
    for source in _sources_for(model):
        SearchEntry.objects.filter(kind=source.kind, object_id__in=keys).delete()


@transaction.atomic
def rebuild(kinds: Iterable[str] | None = None) -> dict[str, int]:
    """Every source (or those named) from scratch, in batches of bulk inserts."""
    from casesearch.sources import sources

    chosen = [source for source in sources() if kinds is None or source.kind in set(kinds)]
    counts: dict[str, int] = {}
    for source in chosen:
        SearchEntry.objects.filter(kind=source.kind).delete()
        counts[source.kind] = _insert(_entries(source, source.rows(source.model._default_manager.all())))
    return counts


def _saved(sender: type[Model], instance: Model, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        index_objects(sender, [instance.pk])


def _deleted(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    remove_objects(sender, [instance.pk])


def watch(source: SearchSource) -> None:
    """Connect the index to the source model's saves and deletes (once per model)."""
    label = source.model._meta.label
    if label in _WATCHED:
        return
    _WATCHED.add(label)
    post_save.connect(_saved, sender=source.model, dispatch_uid=f"casesearch-save-{label}")
    post_delete.connect(_deleted, sender=source.model, dispatch_uid=f"casesearch-delete-{label}")


def purge_person(sender: object, person: Any, **kwargs: Any) -> dict[str, int]:
    """A record destroyed under the retention schedule takes its index entries with it (the
    index is not one of the person-linked records the destruction walks: it is derived)."""
    deleted, _ = SearchEntry.objects.filter(person_id=person.pk).delete()
    return {"casesearch.SearchEntry (search index)": deleted} if deleted else {}
