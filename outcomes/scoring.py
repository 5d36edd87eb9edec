"""Scoring by each instrument's rule. Pure functions: the same answers always give the same score.

A measure is scored only when complete. Answers outside the scale and missing items raise
`AnswerProblem` with a message that says what to do.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from outcomes.models.instruments import Instrument, ScoringRule, band_label

TWO_PLACES = Decimal("0.01")


class AnswerProblem(ValueError):
    """Answers that cannot be scored. `problems` maps a link id (or "" for the whole form) to a message."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{key}: {message}" if key else message for key, message in problems.items()))


@dataclass(frozen=True)
class Score:
    raw: Decimal | None
    score: Decimal | None
    band: str
    item_bands: dict[str, str] = field(default_factory=dict)


def _round(value: float | Decimal) -> Decimal:
    return Decimal(str(value)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def gas_t_score(scores: Sequence[int], weights: Sequence[float] | None = None, rho: float = 0.3) -> Decimal:
    """Kiresuk and Sherman: T = 50 + 10·Σ(wx) / sqrt((1 − ρ)·Σw² + ρ·(Σw)²)."""
    if not scores:
        raise AnswerProblem({"": "Rate at least one goal"})
    weights = list(weights) if weights is not None else [1.0] * len(scores)
    numerator = sum(w * x for w, x in zip(weights, scores, strict=True))
    denominator = math.sqrt((1 - rho) * sum(w * w for w in weights) + rho * sum(weights) ** 2)
    return _round(50 + 10 * numerator / denominator)


def check_answers(instrument: Instrument, link_ids: Sequence[str], answers: Mapping[str, object], *, complete: bool) -> dict[str, int]:
    """The answers as whole numbers on the scale. With complete=True, every required item must be there."""
    allowed = instrument.option_values
    problems: dict[str, str] = {}
    cleaned: dict[str, int] = {}
    known = set(link_ids)
    for link_id, value in answers.items():
        if link_id not in known:
            problems[link_id] = f"There is no question {link_id} in {instrument.short_name}"
            continue
        if value in (None, ""):
            continue
        try:
            number = int(str(value))
        except ValueError:
            number = None
        if number is None or number not in allowed:
            problems[link_id] = f"Question {link_id}: choose an answer from {min(allowed)} to {max(allowed)}"
            continue
        cleaned[link_id] = number
    if complete and not problems:
        if instrument.min_answered is None:
            missing = [link_id for link_id in link_ids if link_id not in cleaned]
            for link_id in missing:
                problems[link_id] = f"Question {link_id}: choose an answer"
        elif len(cleaned) < instrument.min_answered:
            problems[""] = f"Answer at least {instrument.min_answered} question{'s' if instrument.min_answered > 1 else ''}"
    if problems:
        raise AnswerProblem(problems)
    return cleaned


def score_answers(
    instrument: Instrument,
    link_ids: Sequence[str],
    answers: Mapping[str, object],
    item_bands: Mapping[str, list[dict[str, Any]]] | None = None,
) -> Score:
    """Score complete answers by the instrument's rule. Raises AnswerProblem if incomplete or off the scale."""
    cleaned = check_answers(instrument, link_ids, answers, complete=True)
    values = [int(option) for option in instrument.option_values]
    low, high = min(values), max(values)
    scored = {key: (low + high - value if key in instrument.reverse_scored else value) for key, value in cleaned.items()}
    ordered = [scored[link_id] for link_id in link_ids if link_id in scored]
    rule = instrument.scoring_rule
    per_item = {key: band_label(bands, cleaned.get(key)) for key, bands in (item_bands or {}).items() if bands and key in cleaned}
    raw: Decimal | None
    score: Decimal | None
    if rule == ScoringRule.SUM:
        raw = score = Decimal(sum(ordered))
    elif rule == ScoringRule.MEAN:
        raw = Decimal(sum(ordered))
        score = _round(Decimal(sum(ordered)) / len(ordered))
    elif rule == ScoringRule.SUM_CONVERTED:
        total = sum(ordered)
        raw = Decimal(total)
        table = instrument.conversion_table or {}
        if str(total) not in table:
            raise AnswerProblem({"": f"{instrument.short_name} has no converted score for a raw score of {total}"})
        score = Decimal(str(table[str(total)]))
    elif rule == ScoringRule.GAS_T_SCORE:
        raw = Decimal(sum(ordered))
        score = gas_t_score(ordered, rho=float(instrument.rho if instrument.rho is not None else Decimal("0.3")))
    elif rule == ScoringRule.PROFILE:
        raw = score = None
    else:  # pragma: no cover - the loader refuses unknown rules
        raise ValueError(f"Unknown scoring rule {rule!r}")
    return Score(raw=raw, score=score, band=instrument.band_for(score), item_bands=per_item)
