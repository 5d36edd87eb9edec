"""Loading instruments and licensed wording: precise messages, nothing half-loaded, no licensed text committed."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from outcomes.loading import SHIPPED, InstrumentFileError, _parse, load_instrument, load_shipped_instruments, load_wording
from outcomes.models import Instrument, Item
from outcomes.tests.conftest import SYNTHETIC, synthetic_wording

LICENSED_CODES = {"SWEMWBS", "WEMWBS"}


def shipped(name: str) -> dict[str, Any]:
    return _parse((SHIPPED / f"{name}.json").read_text(encoding="utf-8"), name)


def test_no_licensed_wording_is_committed() -> None:
    found = set()
    for path in SHIPPED.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["code"] in LICENSED_CODES:
            found.add(data["code"])
            assert data["wording_licensed"] is True
            assert all(item["text"] == "" for item in data["items"]), f"{path.name} holds item wording"
            assert data["timeframe"] == ""
            # Answer labels are the bare numbers: the licensed response words are loaded with the wording.
            assert all(option["label"] == str(option["value"]) for option in data["answer_options"])
    assert found == LICENSED_CODES
    assert len(shipped("swemwbs")["items"]) == 7 and len(shipped("wemwbs")["items"]) == 14


@pytest.mark.django_db
def test_loading_the_shipped_instruments_twice_changes_nothing() -> None:
    first = load_shipped_instruments()
    items = Item.objects.count()
    second = load_shipped_instruments()
    assert [i.pk for i in first] == [i.pk for i in second]
    assert Item.objects.count() == items
    assert {i.code for i in first} == {"ONS4", "PHQ9", "GAD7", "GBO", "GAS", "LADDER", "SWEMWBS", "WEMWBS"}


@pytest.mark.django_db
def test_reloading_keeps_wording_the_organisation_loaded(swemwbs: Instrument) -> None:
    load_shipped_instruments()
    assert next(iter(swemwbs.items.values_list("text", flat=True))) == SYNTHETIC.format(n=1)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("scoring_rule"), "'scoring_rule' is missing"),
        (lambda d: d.update(scoring_rule="median"), "'scoring_rule' must be one of"),
        (lambda d: d["items"][2].update(link_id="1"), "PHQ9: item 3: 'link_id' '1' is used twice"),
        (lambda d: d["items"][4].pop("link_id"), "PHQ9: item 5: 'link_id' must be non-empty text"),
        (lambda d: d["answer_options"][1].update(value="one"), "PHQ9: answer option 2: 'value' must be a whole number"),
        (lambda d: d["alerts"][0].update(link_id="10"), "PHQ9: an alert names item '10', which is not an item"),
        (lambda d: d.update(reverse_scored=["12"]), "'reverse_scored' names '12'"),
        (lambda d: d.update(meaningful_change="lots"), "PHQ9: 'meaningful_change' must be a number"),
    ],
)
@pytest.mark.django_db
def test_a_malformed_instrument_file_names_the_problem_and_loads_nothing(change: Callable[[dict[str, Any]], object], message: str) -> None:
    data = copy.deepcopy(shipped("phq9"))
    change(data)
    with pytest.raises(InstrumentFileError) as error:
        load_instrument(data)
    assert message in str(error.value)
    assert not Instrument.objects.exists() and not Item.objects.exists()


@pytest.mark.django_db
def test_a_conversion_table_with_a_gap_is_refused() -> None:
    data = copy.deepcopy(shipped("swemwbs"))
    del data["conversion_table"]["20"]
    with pytest.raises(InstrumentFileError, match="no entry for raw score 20"):
        load_instrument(data)


@pytest.mark.django_db
def test_a_licensed_instrument_file_must_not_carry_wording() -> None:
    data = copy.deepcopy(shipped("swemwbs"))
    data["items"][1]["text"] = "Some words"
    with pytest.raises(InstrumentFileError, match="item 2 \\(2\\): 'text' must be empty"):
        load_instrument(data)


@pytest.mark.django_db
def test_licensed_wording_loads_and_makes_the_form_usable(instruments: dict[str, Instrument]) -> None:
    assert not instruments["SWEMWBS"].wording_available
    instrument = load_wording(synthetic_wording("SWEMWBS", 7))
    assert instrument.wording_available
    assert list(instrument.items.values_list("text", flat=True)) == [SYNTHETIC.format(n=n) for n in range(1, 8)]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d.update(instrument="NOPE"), "'instrument' must name a known instrument"),
        (lambda d: d["items"].pop(), "no wording for item 7 of SWEMWBS"),
        (lambda d: d["items"][3].update(text="  "), "item 4 (4): 'text' must be non-empty text"),
        (lambda d: d["items"][5].update(link_id="99"), "item 6: 'link_id' '99' is not a question of SWEMWBS"),
        (lambda d: d.update(answer_labels=[{"value": 9, "label": "x"}]), "answer label 1: 'value' must be one of [1, 2, 3, 4, 5]"),
    ],
)
@pytest.mark.django_db
def test_a_malformed_wording_file_names_the_problem_and_loads_nothing(
    instruments: dict[str, Instrument], edit: Callable[[dict[str, Any]], object], message: str
) -> None:
    data = json.loads(synthetic_wording("SWEMWBS", 7))
    edit(data)
    with pytest.raises(InstrumentFileError) as error:
        load_wording(json.dumps(data), "wording.json")
    assert message in str(error.value)
    instrument = Instrument.objects.get(code="SWEMWBS")
    assert instrument.wording_loaded_at is None
    assert set(instrument.items.values_list("text", flat=True)) == {""}


@pytest.mark.django_db
def test_the_wording_command_loads_a_file_and_reports_problems(instruments: dict[str, Instrument], tmp_path: Path) -> None:
    good = tmp_path / "swemwbs.json"
    good.write_text(synthetic_wording("SWEMWBS", 7))
    out = StringIO()
    call_command("load_instrument_wording", str(good), stdout=out)
    assert "Loaded the wording of Short Warwick-Edinburgh" in out.getvalue()
    bad = tmp_path / "wemwbs.json"
    bad.write_text(synthetic_wording("WEMWBS", 13))
    with pytest.raises(CommandError, match=re.escape("Nothing was loaded.\nwemwbs.json: no wording for item 14 of WEMWBS")):
        call_command("load_instrument_wording", str(bad))
    not_json = tmp_path / "broken.json"
    not_json.write_text("{not json")
    with pytest.raises(CommandError, match=re.escape("broken.json: not valid JSON")):
        call_command("load_instrument_wording", str(not_json))


@pytest.mark.django_db
def test_the_instruments_command_is_safe_to_run_twice() -> None:
    call_command("load_instruments", stdout=StringIO())
    call_command("load_instruments", stdout=StringIO())
    assert Instrument.objects.count() == 8
