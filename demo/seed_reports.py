"""Demo costs for recent quarters, a day-centre baseline, and the example population figures."""

from __future__ import annotations

import random
from datetime import date

from accounts.models import User
from core.periods import quarter_of
from reports.management.commands.load_population import EXAMPLE, load_population
from reports.models import Baseline, CostCategory, CostEntry

# Rough quarterly spend in pounds, by category (synthetic).
QUARTERLY_POUNDS = {
    CostCategory.STAFF: 62_000,
    CostCategory.VENUES: 4_500,
    CostCategory.VOLUNTEER_EXPENSES: 1_200,
    CostCategory.TRAINING: 1_500,
    CostCategory.OTHER: 800,
}


def seed_reports(*, rng: random.Random, users: dict[str, User], today: date) -> None:
    manager = users["manager"]
    if not Baseline.objects.exists():
        Baseline.objects.create(
            description="Day centre (the model STaR replaced)",
            places=40,
            cost_per_place_per_week_pence=19_000,
            people_served=40,
            price_year="2024/25",
            recorded_by=manager,
        )
    if not CostEntry.objects.exists():
        quarter = quarter_of(today)
        entries = []
        for _ in range(6):
            for category, pounds in QUARTERLY_POUNDS.items():
                pence = round(pounds * 100 * rng.uniform(0.9, 1.1))
                entries.append(
                    CostEntry(starts_on=quarter.start, ends_on=quarter.end, category=category, amount_pence=pence, recorded_by=manager)
                )
            quarter = quarter.previous()
        CostEntry.objects.bulk_create(entries)
    load_population(EXAMPLE)
