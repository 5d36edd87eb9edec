"""The person's open 1-to-1 episode, for the "1-to-1 support" card on their page. Enablement
registers its reader here from its AppConfig.ready(); people asks without importing enablement
(enablement builds on people)."""

from __future__ import annotations

from collections.abc import Callable

from accounts.models import User
from people.models import Person

OpenEpisodeReader = Callable[[User, Person], object | None]

_READERS: list[OpenEpisodeReader] = []


def register_open_episode(reader: OpenEpisodeReader) -> None:
    if reader not in _READERS:
        _READERS.append(reader)


def open_episode(user: User, person: Person) -> object | None:
    """The first registered reader's answer: the open episode this user may record work in."""
    for reader in _READERS:
        found = reader(user, person)
        if found is not None:
            return found
    return None
