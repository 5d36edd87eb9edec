"""The order a name search lists people in, and a page of it read without sorting every match.

People are listed by family name, then given name, with case ignored (in code point order), then
by id: "de Souza" beside "Dean". On PostgreSQL an index holds that order
(`person_family_name_order`, migration 0009), so a page of the people whose family name starts
with what was typed is a walk of the index from the first match that stops after the page: a
manager's "Bla" matches 6,143 of a million people on `large`, and finding them all (5,579 heap
pages) to sort them and show 20 took 20 ms. People matched by their given or preferred name
instead are found through those names' prefix indexes and sorted: they are few beside the
family-name matches for a surname's first letters, and no index holds them in family-name order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db import connections
from django.db.models import Func, QuerySet, Value
from django.db.models.functions import Collate, Upper

from core.pagination import unindexed

if TYPE_CHECKING:
    from people.models import Person
    from people.models.person import PersonQuerySet

ORDERED_NAMES = ("family_name", "given_name")


def name_key(field: str, *, database: str, indexed: bool = True) -> Func:
    """A name as the order compares it. `indexed=False`: the same text as an expression no index
    holds (`name || ''`), so PostgreSQL does not walk the name order through everyone to find a
    worker's few people (as `PersonQuerySet.matching(few_people=True)`)."""
    expression = Upper(field if indexed else unindexed(field))
    # Code point order: PostgreSQL's "C" (the index's); SQLite compares text that way already.
    return Collate(expression, "C") if connections[database].vendor == "postgresql" else expression


def by_name(people: QuerySet[Person], *, indexed: bool = True) -> QuerySet[Person]:
    """`people` in name order."""
    keys = [name_key(field, database=people.db, indexed=indexed) for field in ORDERED_NAMES]
    return people.order_by(*keys, "id")


def page_by_name(people: PersonQuerySet, word: str, start: int, stop: int) -> Sequence[Person]:
    """Rows start..stop of `by_name(people)` narrowed to those with a name (given, family or
    preferred) starting with `word`: `people` carries every other filter of the search. On
    PostgreSQL: the first `stop` of those matched by each name, each found in its own way (the
    family name's by walking its order index), merged in name order; then only the page's people
    are read. Each name's filter is on its own, not beside the "any of the three" test, which
    PostgreSQL would take for a further filter and expect a few dozen matches (and so sort them
    all rather than walk the index). Elsewhere: the whole filter, ordered and sliced."""
    if stop <= start:  # no rows asked for (nobody matched): a slice of none is "empty" to Django, and a union drops it
        return []
    if connections[people.db].vendor != "postgresql":
        return list(by_name(people.matching(word))[start:stop])
    keys = {f"{field}_key": name_key(field, database=people.db) for field in ORDERED_NAMES}
    branches = [
        people.alias(**keys).filter(**{"family_name_key__startswith": Upper(Value(word))}),  # the order index's own expression
        people.filter(given_name__istartswith=word),
        people.filter(preferred_name__istartswith=word),
    ]
    firsts = [branch.annotate(**keys).order_by(*keys, "id").values("id", *keys)[:stop] for branch in branches]
    merged = firsts[0].union(*firsts[1:]).order_by(*keys, "id")[start:stop]
    ids = [row["id"] for row in merged]
    found = {person.pk: person for person in people.model._default_manager.using(people.db).filter(pk__in=ids)}
    return [found[pk] for pk in ids if pk in found]
