"""Scoring, table-driven against every published value, and property tests over random answers."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from outcomes.loading import SHIPPED, _parse, load_instrument
from outcomes.models import Instrument
from outcomes.scoring import AnswerProblem, check_answers, gas_t_score, score_answers

# measures.md §2.2, copied independently of the instrument file so a typo in either fails.
SWEMWBS_METRIC = {7: "7.00", 8: "9.51", 9: "11.25", 10: "12.40", 11: "13.33", 12: "14.08", 13: "14.75",
                  14: "15.32", 15: "15.84", 16: "16.36", 17: "16.88", 18: "17.43", 19: "17.98", 20: "18.59",
                  21: "19.25", 22: "19.98", 23: "20.73", 24: "21.54", 25: "22.35", 26: "23.21", 27: "24.11",
                  28: "25.03", 29: "26.02", 30: "27.03", 31: "28.13", 32: "29.31", 33: "30.70", 34: "32.55",
                  35: "35.00"}  # fmt: skip


def unsaved(code: str) -> tuple[Instrument, list[str], dict[str, list[Any]]]:
    """The shipped definition as an unsaved instrument, for pure scoring without a database."""
    data = _parse((SHIPPED / f"{code}.json").read_text(encoding="utf-8"), code)
    instrument = Instrument(
        code=data["code"],
        short_name=data["short_name"],
        scoring_rule=data["scoring_rule"],
        answer_options=data["answer_options"],
        reverse_scored=data["reverse_scored"],
        conversion_table=data["conversion_table"],
        min_answered=data["min_answered"],
        bands=data["bands"],
        rho=data["rho"],
        score_min=None if data["score_range"] is None else Decimal(str(data["score_range"][0])),
        score_max=None if data["score_range"] is None else Decimal(str(data["score_range"][1])),
        higher_is_better=data["higher_is_better"],
    )
    return instrument, [item["link_id"] for item in data["items"]], {item["link_id"]: item.get("bands", []) for item in data["items"]}


def spread(total: int, count: int, low: int, high: int) -> dict[str, int]:
    """Answers for `count` items adding up to `total`."""
    answers = {}
    remaining = total
    for index in range(count):
        left = count - index - 1
        value = max(low, min(high, remaining - left * low))
        answers[str(index + 1)] = value
        remaining -= value
    assert remaining == 0
    return answers


@pytest.mark.parametrize(("raw", "metric"), sorted(SWEMWBS_METRIC.items()))
def test_swemwbs_raw_score_converts_to_the_published_metric(raw: int, metric: str) -> None:
    instrument, link_ids, _ = unsaved("swemwbs")
    result = score_answers(instrument, link_ids, spread(raw, 7, 1, 5))
    assert result.raw == Decimal(raw)
    assert result.score == Decimal(metric)


def test_swemwbs_table_has_29_strictly_increasing_values_with_fixed_ends() -> None:
    instrument, _, _ = unsaved("swemwbs")
    table = {int(k): Decimal(v) for k, v in (instrument.conversion_table or {}).items()}
    assert sorted(table) == list(range(7, 36))
    values = [table[raw] for raw in range(7, 36)]
    assert values == sorted(values) and len(set(values)) == 29
    assert table[7] == Decimal("7.00") and table[35] == Decimal("35.00")


PHQ9_EDGES = [(0, "Minimal"), (4, "Minimal"), (5, "Mild"), (9, "Mild"), (10, "Moderate"), (14, "Moderate"),
              (15, "Moderately severe"), (19, "Moderately severe"), (20, "Severe"), (27, "Severe")]  # fmt: skip
GAD7_EDGES = [(0, "Minimal"), (4, "Minimal"), (5, "Mild"), (9, "Mild"), (10, "Moderate"), (14, "Moderate"), (15, "Severe"), (21, "Severe")]


@pytest.mark.parametrize(("total", "band"), PHQ9_EDGES)
def test_phq9_severity_band_edges(total: int, band: str) -> None:
    instrument, link_ids, _ = unsaved("phq9")
    result = score_answers(instrument, link_ids, spread(total, 9, 0, 3))
    assert (result.score, result.band) == (Decimal(total), band)


@pytest.mark.parametrize(("total", "band"), GAD7_EDGES)
def test_gad7_severity_band_edges(total: int, band: str) -> None:
    instrument, link_ids, _ = unsaved("gad7")
    result = score_answers(instrument, link_ids, spread(total, 7, 0, 3))
    assert (result.score, result.band) == (Decimal(total), band)


GAS_EXAMPLES = [([0, 0, 0], None, "50.00"), ([1], None, "60.00"), ([1, 1, 1], None, "63.69"), ([-1, -1, -1], None, "36.31"),
                ([2, 0, -1], None, "54.56"), ([-2, -2, -2, -2], None, "20.98"), ([1, 0], [2, 1], "58.03")]  # fmt: skip


@pytest.mark.parametrize(("scores", "weights", "expected"), GAS_EXAMPLES)
def test_goal_attainment_t_score_matches_the_worked_examples(scores: list[int], weights: list[float] | None, expected: str) -> None:
    assert gas_t_score(scores, weights) == Decimal(expected)


def test_goal_attainment_instrument_scores_only_the_goals_rated() -> None:
    instrument, link_ids, _ = unsaved("gas")
    assert score_answers(instrument, link_ids, {"1": 2, "2": 0, "3": -1}).score == Decimal("54.56")


@pytest.mark.parametrize(
    ("answers", "bands"),
    [
        ({"1": 4, "2": 5, "3": 8, "4": 1}, {"1": "Low", "2": "Medium", "3": "High", "4": "Very low"}),
        ({"1": 9, "2": 6, "3": 7, "4": 6}, {"1": "Very high", "2": "Medium", "3": "High", "4": "High"}),
        ({"1": 0, "2": 10, "3": 5, "4": 3}, {"1": "Low", "2": "Very high", "3": "Medium", "4": "Low"}),
    ],
)
def test_ons4_items_are_reported_on_their_own_with_their_bands(answers: dict[str, int], bands: dict[str, str]) -> None:
    instrument, link_ids, item_bands = unsaved("ons4")
    result = score_answers(instrument, link_ids, answers, item_bands)
    assert result.score is None and result.item_bands == bands


def test_reverse_scored_items_are_reversed() -> None:
    instrument, link_ids, _ = unsaved("gad7")
    instrument.reverse_scored = ["1"]
    assert score_answers(instrument, link_ids, dict.fromkeys(link_ids, 0)).score == Decimal(3)


def test_an_answer_off_the_scale_is_refused_with_a_clear_message() -> None:
    instrument, link_ids, _ = unsaved("swemwbs")
    with pytest.raises(AnswerProblem) as problem:
        score_answers(instrument, link_ids, {**spread(21, 7, 1, 5), "3": 6})
    assert problem.value.problems == {"3": "Question 3: choose an answer from 1 to 5"}


def test_a_missing_item_is_named() -> None:
    instrument, link_ids, _ = unsaved("phq9")
    answers = dict.fromkeys(link_ids, 1)
    del answers["9"]
    with pytest.raises(AnswerProblem) as problem:
        score_answers(instrument, link_ids, answers)
    assert problem.value.problems == {"9": "Question 9: choose an answer"}


CODES = ["phq9", "gad7", "swemwbs", "wemwbs", "gbo", "gas", "ladder"]


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(code=st.sampled_from(CODES), data=st.data())
def test_a_complete_measure_always_scores_within_the_instruments_range(code: str, data: st.DataObject) -> None:
    instrument, link_ids, _ = unsaved(code)
    values = instrument.option_values
    answered = link_ids if instrument.min_answered is None else data.draw(st.lists(st.sampled_from(link_ids), min_size=1, unique=True))
    answers = {link_id: data.draw(st.sampled_from(values)) for link_id in answered}
    result = score_answers(instrument, link_ids, answers)
    assert result.score is not None
    assert instrument.score_min is not None and instrument.score_max is not None
    assert instrument.score_min <= result.score <= instrument.score_max


@settings(max_examples=60)
@given(code=st.sampled_from([*CODES, "ons4"]), data=st.data())
def test_an_incomplete_measure_is_never_scored(code: str, data: st.DataObject) -> None:
    instrument, link_ids, _ = unsaved(code)
    required = len(link_ids) if instrument.min_answered is None else instrument.min_answered
    answered = data.draw(st.lists(st.sampled_from(link_ids), max_size=required - 1, unique=True))
    answers = {link_id: data.draw(st.sampled_from(instrument.option_values)) for link_id in answered}
    check_answers(instrument, link_ids, answers, complete=False)  # a draft is fine
    with pytest.raises(AnswerProblem):
        score_answers(instrument, link_ids, answers)


@pytest.mark.django_db
def test_shipped_instruments_load_and_their_ranges_match_the_files() -> None:
    for path in SHIPPED.glob("*.json"):
        instrument = load_instrument(_parse(path.read_text(encoding="utf-8"), path.name))
        assert instrument.items.count() == len(_parse(path.read_text(encoding="utf-8"), path.name)["items"])
