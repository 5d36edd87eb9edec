"""Which of a person's details were corrected after they were recorded, to mark them on the
person's page. The records app keeps the originals (rectification) and registers its reader here
from its AppConfig.ready(); people asks without importing records (records builds on people)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from people.models import Person

AmendedFields = Callable[[Person], Iterable[str]]

_READERS: list[AmendedFields] = []


def register_amended_fields(reader: AmendedFields) -> None:
    if reader not in _READERS:
        _READERS.append(reader)


def amended_fields(person: Person) -> set[str]:
    """The names of the person's fields that have been amended (empty when no reader is registered)."""
    return {name for reader in _READERS for name in reader(person)}
