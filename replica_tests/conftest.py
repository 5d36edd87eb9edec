"""Replica tests start a private PostgreSQL primary and a streaming replica: run them with
`make test-replica` (`pytest -m replica`); a plain `pytest` run skips them."""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    markexpr = config.getoption("markexpr") or ""
    selected = "replica" in markexpr and "not replica" not in markexpr
    skip = pytest.mark.skip(reason="starts a private PostgreSQL primary and replica: run with `make test-replica`")
    for item in items:
        if "replica_tests" in str(item.fspath):
            item.add_marker(pytest.mark.replica)
            if not selected:
                item.add_marker(skip)
