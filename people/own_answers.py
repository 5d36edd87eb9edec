"""The service's own questions answered about a person, to show on the person's page. The
questions app registers its reader here from its AppConfig.ready(); people asks without importing
it (questions builds on people)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from people.models import Person

# (the question as it was asked, the answer as the page writes it)
AnswerReader = Callable[[Person], Sequence[tuple[str, str]]]

_READERS: list[AnswerReader] = []
# Whether the service asks questions of its own on a person's record (to offer the page).
_ASKED: list[Callable[[], bool]] = []


def register_answer_reader(reader: AnswerReader) -> None:
    if reader not in _READERS:
        _READERS.append(reader)


def own_answers(person: Person) -> list[tuple[str, str]]:
    """Every answer held about the person (empty when no reader is registered)."""
    return [row for reader in _READERS for row in reader(person)]


def register_asked_on_record(asked: Callable[[], bool]) -> None:
    if asked not in _ASKED:
        _ASKED.append(asked)


def asked_on_record() -> bool:
    return any(asked() for asked in _ASKED)
