from __future__ import annotations

import json

import pytest

from outcomes.loading import load_shipped_instruments, load_wording
from outcomes.models import Instrument

SYNTHETIC = "Synthetic test statement {n}"


def synthetic_wording(code: str, count: int) -> str:
    """Made-up text for tests: never the licensed wording."""
    return json.dumps({"instrument": code, "items": [{"link_id": str(n), "text": SYNTHETIC.format(n=n)} for n in range(1, count + 1)]})


@pytest.fixture
def instruments(db: None) -> dict[str, Instrument]:
    return {instrument.code: instrument for instrument in load_shipped_instruments()}


@pytest.fixture
def swemwbs(instruments: dict[str, Instrument]) -> Instrument:
    return load_wording(synthetic_wording("SWEMWBS", 7), "test wording")
