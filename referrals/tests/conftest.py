from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> Iterator[None]:
    """The self-referral form's rate limit lives in the cache, which outlives a test."""
    cache.clear()
    yield
    cache.clear()
