"""What an episode's pages prompt the worker to do now (at the start, at a review, as it ends),
from the parts of the service that build on enablement. Outcomes registers its measure prompts
here from its AppConfig.ready(), so enablement shows them without importing outcomes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal, Protocol

from enablement.models import Episode

Moment = Literal["start", "review", "end"]


class Prompt(Protocol):
    @property
    def instrument_name(self) -> str: ...

    @property
    def reason(self) -> str: ...


PromptSource = Callable[..., Sequence[Prompt]]  # called as source(episode, moment=…)

_SOURCES: list[PromptSource] = []


def register_measure_prompts(source: PromptSource) -> None:
    if source not in _SOURCES:
        _SOURCES.append(source)


def measure_prompts(episode: Episode, *, moment: Moment) -> list[Prompt]:
    """Every registered prompt for the episode at this moment (none when nothing is registered)."""
    return [prompt for source in _SOURCES for prompt in source(episode, moment=moment)]
