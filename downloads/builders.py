"""What can be prepared in the background: each app registers its builders in `AppConfig.ready()`.

A builder turns the saved parameters into a file for a user, checking again that the user may have
it (they may have lost the right since asking), and raising `NotPossible` with a plain-English
reason when the parameters no longer make sense."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from accounts.models import User


class NotPossible(Exception):
    """The file cannot be prepared, for a reason the person who asked can act on."""


@dataclass(frozen=True)
class Built:
    """The file: its bytes, or an open file for a large one (a ZIP with documents), read from the
    start and closed once stored. `more_url` and `more_label` offer a page to go on to when it is
    ready (a member's copy can also be read on screen)."""

    content: bytes | IO[bytes]
    filename: str
    content_type: str
    more_url: str = ""
    more_label: str = ""


@dataclass(frozen=True)
class Builder:
    kind: str
    may_have: Callable[[User], bool]
    build: Callable[[Mapping[str, str], User], Built]


_builders: dict[str, Builder] = {}


def register(builder: Builder) -> None:
    _builders[builder.kind] = builder


def builder_for(kind: str) -> Builder:
    try:
        return _builders[kind]
    except KeyError:
        raise NotPossible("This kind of file can no longer be prepared") from None
