"""Loading instruments from data files, and licensed wording from a deploying organisation's file.

Every problem is reported precisely (which item, which field) and nothing is half-loaded: each
load runs in one transaction, after the whole file has been checked.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from outcomes.models import Instrument, Item, ScoringRule

SHIPPED = Path(__file__).resolve().parent / "instruments"
REQUIRED_FIELDS = ("code", "name", "short_name", "version", "scoring_rule", "answer_options", "items")


class InstrumentFileError(ValueError):
    """A data file that cannot be loaded, with the exact place of each problem."""


def _parse(source: str | bytes, where: str) -> dict[str, Any]:
    try:
        data = json.loads(source)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise InstrumentFileError(f"{where}: not valid JSON ({error})") from error
    if not isinstance(data, dict):
        raise InstrumentFileError(f"{where}: the file must hold one JSON object")
    return data


def _number(value: object, where: str, problems: list[str]) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        problems.append(f"{where} must be a number, not {value!r}")
        return None


def check_instrument(data: dict[str, Any], where: str = "file") -> list[str]:
    """Every problem with an instrument definition, or an empty list."""
    problems = [f"{where}: '{name}' is missing" for name in REQUIRED_FIELDS if name not in data]
    if problems:
        return problems
    code = data["code"]
    if data["scoring_rule"] not in ScoringRule.values:
        problems.append(f"{code}: 'scoring_rule' must be one of {', '.join(ScoringRule.values)}, not {data['scoring_rule']!r}")
    _check_answer_options(code, data["answer_options"], problems)
    link_ids = _check_items(code, data, problems)
    for link_id in data.get("reverse_scored") or []:
        if link_id not in link_ids:
            problems.append(f"{code}: 'reverse_scored' names {link_id!r}, which is not an item")
    for alert in data.get("alerts") or []:
        if alert.get("link_id") not in link_ids:
            problems.append(f"{code}: an alert names item {alert.get('link_id')!r}, which is not an item")
    _check_scoring(code, data, problems)
    for index, band in enumerate(data.get("bands") or [], start=1):
        if not {"min", "max", "label"} <= set(band):
            problems.append(f"{code}: band {index} needs 'min', 'max' and 'label'")
    return problems


def _check_answer_options(code: str, options: Any, problems: list[str]) -> None:
    if not isinstance(options, list) or not options:
        problems.append(f"{code}: 'answer_options' must be a list of {{value, label}}")
        options = []
    values = []
    for index, option in enumerate(options, start=1):
        if not isinstance(option, dict) or not isinstance(option.get("value"), int) or isinstance(option.get("value"), bool):
            problems.append(f"{code}: answer option {index}: 'value' must be a whole number")
        else:
            values.append(option["value"])
        if not isinstance(option, dict) or not isinstance(option.get("label"), str):
            problems.append(f"{code}: answer option {index}: 'label' must be text")
    if len(set(values)) != len(values):
        problems.append(f"{code}: 'answer_options' has the same value twice")


def _check_items(code: str, data: dict[str, Any], problems: list[str]) -> list[str]:
    """The items' link ids, each once, after noting any problem with the items."""
    items = data["items"]
    if not isinstance(items, list) or not items:
        problems.append(f"{code}: 'items' must be a non-empty list")
        items = []
    link_ids: list[str] = []
    for index, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            problems.append(f"{code}: item {index} must be an object")
            continue
        link_id = item.get("link_id")
        if not isinstance(link_id, str) or not link_id:
            problems.append(f"{code}: item {index}: 'link_id' must be non-empty text")
        elif link_id in link_ids:
            problems.append(f"{code}: item {index}: 'link_id' {link_id!r} is used twice")
        else:
            link_ids.append(link_id)
        if not isinstance(item.get("text", ""), str):
            problems.append(f"{code}: item {index} ({link_id}): 'text' must be text")
        if data.get("wording_licensed") and item.get("text"):
            problems.append(
                f"{code}: item {index} ({link_id}): 'text' must be empty: the wording is licensed and is loaded by each organisation"
            )
    return link_ids


def _check_scoring(code: str, data: dict[str, Any], problems: list[str]) -> None:
    score_range = data.get("score_range")
    if data.get("scoring_rule") != ScoringRule.PROFILE and not (isinstance(score_range, list) and len(score_range) == 2):
        problems.append(f"{code}: 'score_range' must be [lowest, highest]")
    if data.get("scoring_rule") == ScoringRule.SUM_CONVERTED:
        table = data.get("conversion_table")
        raw_range = data.get("raw_range")
        if not isinstance(table, dict) or not isinstance(raw_range, list):
            problems.append(f"{code}: a converted score needs 'conversion_table' and 'raw_range'")
        else:
            for raw in range(raw_range[0], raw_range[1] + 1):
                if str(raw) not in table:
                    problems.append(f"{code}: 'conversion_table' has no entry for raw score {raw}")
                else:
                    _number(table[str(raw)], f"{code}: 'conversion_table' entry {raw}", problems)
    for name in ("meaningful_change", "possible_change", "rho"):
        _number(data.get(name), f"{code}: '{name}'", problems)


@transaction.atomic
def load_instrument(data: dict[str, Any], where: str = "file") -> Instrument:
    problems = check_instrument(data, where)
    if problems:
        raise InstrumentFileError("\n".join(problems))
    score_range = data.get("score_range") or [None, None]
    raw_range = data.get("raw_range") or [None, None]
    fields = {
        "name": data["name"],
        "short_name": data["short_name"],
        "version": str(data["version"]),
        "timeframe": data.get("timeframe", ""),
        "scoring_rule": data["scoring_rule"],
        "answer_options": data["answer_options"],
        "reverse_scored": data.get("reverse_scored") or [],
        "score_min": score_range[0],
        "score_max": score_range[1],
        "raw_min": raw_range[0],
        "raw_max": raw_range[1],
        "score_label": data.get("score_label") or "Score",
        "conversion_table": data.get("conversion_table"),
        "rho": data.get("rho"),
        "min_answered": data.get("min_answered"),
        "goal_text": bool(data.get("goal_text")),
        "higher_is_better": bool(data.get("higher_is_better", True)),
        "meaningful_change": data.get("meaningful_change"),
        "possible_change": data.get("possible_change"),
        "bands": data.get("bands") or [],
        "norms": data.get("norms") or [],
        "alerts": data.get("alerts") or [],
        "chart": data.get("chart") or "line",
        "licence": data.get("licence", ""),
        "copyright": data.get("copyright", ""),
        "wording_licensed": bool(data.get("wording_licensed")),
        "sources": data.get("sources") or {},
    }
    instrument, _ = Instrument.objects.update_or_create(code=data["code"], defaults=fields)
    existing = {item.link_id: item for item in instrument.items.all()}
    for order, item_data in enumerate(data["items"], start=1):
        item = existing.pop(item_data["link_id"], None) or Item(instrument=instrument, link_id=item_data["link_id"])
        item.order = order
        item.bands = item_data.get("bands") or []
        # Licensed wording loaded by the organisation is kept when the shipped file is reloaded.
        if not instrument.wording_licensed:
            item.text = item_data.get("text", "")
        item.save()
    Item.objects.filter(pk__in=[item.pk for item in existing.values()]).delete()
    return instrument


def load_shipped_instruments() -> list[Instrument]:
    """Load (or update) every instrument file shipped in outcomes/instruments/. Safe to run again."""
    with transaction.atomic():
        return [load_instrument(_parse(path.read_text(encoding="utf-8"), path.name), path.name) for path in sorted(SHIPPED.glob("*.json"))]


def is_placeholder(text: str) -> bool:
    """Words that only stand in for the licensed wording: never shown to anyone answering."""
    return bool(PLACEHOLDER.search(text))


PLACEHOLDER = re.compile(r"placeholder|lorem ipsum|load your organisation", re.IGNORECASE)


def check_wording(data: dict[str, Any], where: str = "file") -> tuple[Instrument | None, list[str]]:
    """Check a licensed-wording file: {"instrument": code, "timeframe": text, "items": [{"link_id", "text"}],
    optional "answer_labels": [{"value", "label"}]}."""
    problems: list[str] = []
    code = data.get("instrument")
    instrument = Instrument.objects.filter(code=code).first() if isinstance(code, str) else None
    if instrument is None:
        return None, [f"{where}: 'instrument' must name a known instrument (for example SWEMWBS), not {code!r}"]
    link_ids = list(instrument.items.values_list("link_id", flat=True))
    items = data.get("items")
    if not isinstance(items, list):
        return instrument, [f"{where}: 'items' must be a list of {{link_id, text}}"]
    seen = _check_wording_items(where, instrument, link_ids, items, problems)
    missing = [link_id for link_id in link_ids if link_id not in seen]
    if missing:
        problems.append(f"{where}: no wording for item{'s' if len(missing) > 1 else ''} {', '.join(missing)} of {instrument.code}")
    labels = data.get("answer_labels")
    if labels is not None:
        _check_answer_labels(where, set(instrument.option_values), labels, problems)
    if "timeframe" in data and not isinstance(data["timeframe"], str):
        problems.append(f"{where}: 'timeframe' must be text")
    return instrument, problems


def _check_wording_items(where: str, instrument: Instrument, link_ids: list[str], items: list[Any], problems: list[str]) -> set[str]:
    """The questions given wording, after noting any problem with the items."""
    seen: set[str] = set()
    for index, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            problems.append(f"{where}: item {index} must be an object")
            continue
        link_id = item.get("link_id")
        if link_id not in link_ids:
            problems.append(f"{where}: item {index}: 'link_id' {link_id!r} is not a question of {instrument.code} ({', '.join(link_ids)})")
        elif link_id in seen:
            problems.append(f"{where}: item {index}: 'link_id' {link_id!r} appears twice")
        else:
            seen.add(link_id)
        text = item.get("text")
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{where}: item {index} ({link_id}): 'text' must be non-empty text")
        elif is_placeholder(text):
            problems.append(f"{where}: item {index} ({link_id}) is placeholder text: load the licensed wording")
    return seen


def _check_answer_labels(where: str, values: set[Any], labels: Any, problems: list[str]) -> None:
    if not isinstance(labels, list):
        problems.append(f"{where}: 'answer_labels' must be a list of {{value, label}}")
        return
    for index, label in enumerate(labels, start=1):
        if not isinstance(label, dict) or label.get("value") not in values:
            problems.append(f"{where}: answer label {index}: 'value' must be one of {sorted(values)}")
        elif not isinstance(label.get("label"), str) or not label["label"].strip():
            problems.append(f"{where}: answer label {index}: 'label' must be non-empty text")


@transaction.atomic
def load_wording(source: str | bytes, where: str = "file") -> Instrument:
    data = _parse(source, where)
    instrument, problems = check_wording(data, where)
    if problems or instrument is None:
        raise InstrumentFileError("\n".join(problems))
    texts = {item["link_id"]: item["text"].strip() for item in data["items"]}
    for item in instrument.items.all():
        item.text = texts[item.link_id]
        item.save(update_fields=["text"])
    if data.get("answer_labels"):
        labels = {label["value"]: label["label"].strip() for label in data["answer_labels"]}
        instrument.answer_options = [{"value": o["value"], "label": labels.get(o["value"], o["label"])} for o in instrument.answer_options]
    if data.get("timeframe"):
        instrument.timeframe = data["timeframe"]
    instrument.wording_loaded_at = timezone.now()
    instrument.save()
    return instrument
