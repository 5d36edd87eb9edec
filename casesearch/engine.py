"""Full-text matching and highlighted passages, the same for PostgreSQL and SQLite.

What a worker can type: words (all must appear, in any form: "appeals" finds "appeal"), a phrase
in double quotes, and a word with a minus sign before it to leave out entries that have it.
PostgreSQL reads that with `websearch_to_tsquery('english', …)`; for SQLite the same words are
written as an FTS5 query by `fts5_query` (every word quoted, so nothing typed is FTS5 syntax)."""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import BooleanField, QuerySet, TextField
from django.db.models.expressions import RawSQL

from casesearch.models import SearchEntry
from casesearch.sources import MARK_END, MARK_START

# The passage: about two dozen words around the first matches.
HEADLINE_OPTIONS = f'StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'
SNIPPET_TOKENS = 24

_PART = re.compile(r'(-?)"([^"]*)"|(-?)([^\s"]+)')
_WORD = re.compile(r"\w+")


def fts5_query(terms: str) -> str:
    """The FTS5 form of what was typed: `"housing" AND "appeal"`, phrases kept, `-word` as NOT.
    Empty when nothing searchable was typed."""
    wanted: list[str] = []
    unwanted: list[str] = []
    for match in _PART.finditer(terms):
        minus = match.group(1) or match.group(3)
        words = _WORD.findall(match.group(2) if match.group(2) is not None else match.group(4))
        if not words:
            continue
        quoted = '"' + " ".join(words) + '"'
        (unwanted if minus else wanted).append(quoted)
    if not wanted:
        return ""
    query = " AND ".join(wanted)
    return " NOT ".join([f"({query})", *unwanted]) if unwanted else query


def searchable(terms: str) -> bool:
    return bool(fts5_query(terms))


def matching(entries: QuerySet[SearchEntry], terms: str, *, few_people: bool = False) -> QuerySet[SearchEntry]:
    """The entries whose text matches what was typed (none when nothing searchable was typed).

    `few_people`: `entries` are already limited to a few people's (a worker's caseload). PostgreSQL
    would still intersect them with the word index, which for common words ("housing appeal")
    lists most entries: 460 ms on the `large` data set to find 38. Written as the function behind
    `@@` (`ts_match_vq`), the match cannot use that index, so those people's few hundred entries
    are read by person and tested one by one: 4 ms. The answer is the same."""
    if not searchable(terms):
        return entries.none()
    if connection.vendor == "postgresql":
        match = (
            "ts_match_vq(casesearch_searchentry.document, websearch_to_tsquery('english'::regconfig, %s))"
            if few_people
            else "casesearch_searchentry.document @@ websearch_to_tsquery('english'::regconfig, %s)"
        )
        found = RawSQL(match, [terms], BooleanField())  # noqa: S611  # nosec B611: one of two fixed strings; the words are a parameter
    else:
        found = RawSQL(
            "casesearch_searchentry.id IN (SELECT rowid FROM casesearch_fts WHERE casesearch_fts MATCH %s)",
            [fts5_query(terms)],
            BooleanField(),
        )
    return entries.filter(found)


def with_passages(entries: QuerySet[SearchEntry], terms: str) -> QuerySet[SearchEntry]:
    """Each entry's `passage`: the words around the matches, each match between MARK_START and
    MARK_END. Plain text, not HTML: escape it, then mark (casesearch.presenters)."""
    if connection.vendor == "postgresql":
        passage = RawSQL(
            "ts_headline('english'::regconfig, casesearch_searchentry.text, websearch_to_tsquery('english'::regconfig, %s), %s)",
            [terms, HEADLINE_OPTIONS],
            TextField(),
        )
    else:
        passage = RawSQL(
            "(SELECT snippet(casesearch_fts, 0, %s, %s, '…', %s) FROM casesearch_fts"
            " WHERE casesearch_fts MATCH %s AND casesearch_fts.rowid = casesearch_searchentry.id)",
            [MARK_START, MARK_END, SNIPPET_TOKENS, fts5_query(terms)],
            TextField(),
        )
    return entries.annotate(passage=passage)
