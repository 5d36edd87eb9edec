"""The gate for the note search: a user finds only entries about people they may see without
emergency access, and only kinds of note their role may read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from accounts.roles import Capability, can
from accounts.teams import in_service_of, only_service_id, service_id_of
from casesearch.models import SearchEntry
from casesearch.sources import sources
from people.access import people_whose_notes_are_searchable

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

    Viewer = User | AnonymousUser


@dataclass(frozen=True)
class Searchable:
    entries: QuerySet[SearchEntry]
    # Limited to a caseload's people (a few dozen, a few hundred entries): their entries are read
    # and each is tested, instead of the word index, which for common words lists hundreds of
    # thousands of entries to intersect with these few (casesearch.engine.matching).
    few_people: bool


def searchable_by(user: Viewer) -> Searchable:
    """The entries this user's note search may look in."""
    if not can(user, Capability.SEARCH_NOTES):
        return Searchable(SearchEntry.objects.none(), few_people=True)
    kinds = [source.kind for source in sources() if can(user, source.capability)]
    people = people_whose_notes_are_searchable(user)
    # A manager limited to one service finds only that service's people (docs/teams.md). Where it
    # is the install's only service that limits nothing, and the join to every person is left out
    # (PostgreSQL would otherwise read all of them to search a few notes: star/tests/test_query_plans).
    entries = SearchEntry.objects.filter(kind__in=kinds)
    service_id = service_id_of(user)
    if service_id is not None and service_id != only_service_id():
        entries = entries.filter(in_service_of(user, "person__service"))
    # In SQL, by person id: the worker's caseload is a list of a few dozen ids.
    if people is None:
        return Searchable(entries, few_people=False)
    return Searchable(entries.filter(person_id__in=people), few_people=True)
