"""The demo shows what issue 15 asked for: Margaret Holmes's summary flags her open safeguarding
concern, her overdue risk review and her PHQ-9 of 20, and the directory has crisis places."""

from __future__ import annotations

import pytest

from accounts.models import User
from community.models import CrisisPlace
from demo.seeding import seed
from people.models import Person
from people.summary import summary_for


@pytest.mark.django_db
def test_margaret_holmes_shows_her_risks_and_the_directory_has_crisis_places() -> None:
    seed(size="small", seed=1)
    margaret = Person.objects.filter(given_name="Margaret", family_name="Holmes").first()
    assert margaret is not None, "the demo's Margaret Holmes"
    worker = margaret.caseload_entries.filter(ended_at__isnull=True).select_related("worker").first().worker  # type: ignore[union-attr]
    assert isinstance(worker, User)
    texts = " | ".join(item.text for item in summary_for(worker, margaret))
    assert "Open concern" in texts
    assert "Review overdue since" in texts
    assert "PHQ-9 20 (severe)" in texts
    assert CrisisPlace.objects.filter(openings__closes_at__lt="06:00").exists()  # an overnight span
    assert CrisisPlace.objects.filter(always_open=True).exists()
