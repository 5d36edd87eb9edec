from __future__ import annotations

import pytest

from demo.seeding import seed
from outcomes.models import Instrument, Measurement


@pytest.mark.django_db
def test_demo_data_has_measures_over_time_and_a_measure_sent_to_the_demo_member() -> None:
    seed(size="small", seed=1)
    count = Measurement.objects.count()
    assert Measurement.objects.filter(status="complete").values("person").distinct().count() > 20
    sent = Measurement.objects.get(person__user__username="member", status="sent")
    assert sent.instrument.code == "ONS4" and sent.mode == "by_member" and sent.instrument.wording_available
    # No placeholder text stands in for licensed wording: a licensed measure waits for its wording.
    assert not Instrument.objects.filter(items__text__icontains="placeholder").exists()
    assert not Instrument.objects.get(code="SWEMWBS").wording_available
    # Every demo score came from the scoring rules and lies in range.
    for instrument in Instrument.objects.exclude(scoring_rule="profile"):
        scores = Measurement.objects.filter(instrument=instrument, status="complete").values_list("score", flat=True)
        low, high = instrument.score_min, instrument.score_max
        assert low is not None and high is not None
        assert all(s is not None and low <= s <= high for s in scores)
    seed(size="small", seed=1)
    assert Measurement.objects.count() == count
