from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def training_catalogue(request: pytest.FixtureRequest) -> None:
    """The catalogue comes from a data migration, which a transactional test's flush removes:
    put it back for any test that uses the database."""
    for name in ("transactional_db", "db"):
        if name in request.fixturenames:
            request.getfixturevalue(name)
            from volunteers.catalogue import ensure_catalogue
            from volunteers.models import TrainingModule

            ensure_catalogue(TrainingModule)
            return
