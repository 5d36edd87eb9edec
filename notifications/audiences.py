"""Who a project's message can go to. The domain apps know a project's members (community) and
volunteers (volunteers); this app sits below them, so they register their groups here from their
AppConfig.ready(), as timeline sources do.

A source gives, for a user, the groups they may write to (`options`), and for one of those
groups' keys, its people (`people`). Keys look like "<kind>:<id>"."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from accounts.models import User
from people.models import Person


@dataclass(frozen=True)
class Audience:
    key: str
    label: str
    project: str  # the project's name, which signs the message


@dataclass(frozen=True)
class AudienceSource:
    kind: str
    options: Callable[[User], list[Audience]]
    people: Callable[[User, str], list[Person]]  # (user, the id part of the key)


_SOURCES: dict[str, AudienceSource] = {}


def register_audiences(declared: Iterable[AudienceSource]) -> None:
    for source in declared:
        _SOURCES[source.kind] = source


def audiences_for(user: User) -> list[Audience]:
    return [audience for source in _SOURCES.values() for audience in source.options(user)]


def people_in(user: User, key: str) -> list[Person]:
    """The group's people, if the user may write to it (else nothing)."""
    kind, _, ident = key.partition(":")
    source = _SOURCES.get(kind)
    if source is None or key not in {audience.key for audience in source.options(user)}:
        return []
    return source.people(user, ident)
