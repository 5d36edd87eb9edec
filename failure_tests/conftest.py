"""Failure tests start their own PostgreSQL and app server: run them with `make test-failure`
(`pytest -m failure`); a plain `pytest` run skips them."""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    selected = "failure" in (config.getoption("markexpr") or "")
    skip = pytest.mark.skip(reason="starts a private PostgreSQL: run with `make test-failure`")
    for item in items:
        if "failure_tests" in str(item.fspath):
            item.add_marker(pytest.mark.failure)
            if not selected:
                item.add_marker(skip)
