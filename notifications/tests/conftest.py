from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_django import Settings

from notifications import standin


@pytest.fixture(autouse=True)
def _stand_in_starts_empty() -> Iterator[None]:
    standin.forget()
    yield
    standin.forget()


@pytest.fixture
def email_through_notify(settings: Settings) -> None:
    settings.STAR_EMAIL_THROUGH = "notify"
