"""The demo data includes plans, risk and concerns, and loading it twice changes nothing."""

from __future__ import annotations

import pytest

from demo.seeding import seed
from plans.models import GoalProgress, PlanDocument, PlanVersion
from safeguarding.models import RiskAssessment, SafeguardingConcern


def _counts() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in (PlanDocument, PlanVersion, GoalProgress, RiskAssessment, SafeguardingConcern))


@pytest.mark.django_db
def test_demo_plans_are_seeded_once_and_every_document_points_at_its_newest_version() -> None:
    seed(size="small", seed=1)
    counts = _counts()
    assert all(counts)
    assert SafeguardingConcern.objects.filter(status="open").exists()
    for document in PlanDocument.objects.select_related("current_version"):
        assert document.current_version == document.versions.order_by("-number").first()
    seed(size="small", seed=1)
    assert _counts() == counts
