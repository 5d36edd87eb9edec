"""A real PostgreSQL streaming replica on loopback (pg_basebackup from a private primary): the
pages listed in STAR_REPLICA_READ_VIEWS read from it; other pages, reads after a write, a browser
that has just written, a lagging replica and a stopped one all read from the primary, and every
page still answers."""

from __future__ import annotations

import json
import os
import subprocess  # nosec B404: this project's own module in a fresh interpreter
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from failure_tests.cluster import PrivatePostgres, manage

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "star_replica"


@pytest.fixture(scope="module")
def cluster() -> Iterator[tuple[PrivatePostgres, PrivatePostgres]]:
    primary, replica = PrivatePostgres(), PrivatePostgres()
    try:
        primary.init()
        primary.start()
        primary.create_database(DATABASE)
        manage(primary.url(DATABASE), "migrate", "--noinput")
        replica.init_as_replica_of(primary)
        replica.start()
        yield primary, replica
    finally:
        replica.destroy()
        primary.destroy()


def run(phase: str, primary: PrivatePostgres, replica: PrivatePostgres) -> dict[str, Any]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("STAR_", "DJANGO_", "DATABASE"))}
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": "star.settings.test",
            "DATABASE_URL": primary.url(DATABASE),
            "DATABASE_REPLICA_URLS": replica.url(DATABASE),
            "STAR_REPLICA_MAX_LAG_SECONDS": "1",
        }
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "failure_tests.replica_reads", phase],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    figures: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


def test_reads_go_to_the_replica_only_where_lag_is_harmless(cluster: tuple[PrivatePostgres, PrivatePostgres]) -> None:
    seen = run("reads", *cluster)
    assert seen["oruk"]["status"] == 200 and seen["oruk"]["replica"] > 0
    assert seen["directory"]["status"] == 200 and seen["directory"]["replica"] > 0
    assert seen["search"]["status"] == 200 and seen["search"]["replica"] == 0, "a person search is never read from a replica"
    assert seen["write_sets_pin"], "a browser that wrote is pinned to the primary"
    assert seen["after_write"]["status"] == 200 and seen["after_write"]["replica"] <= 1, seen["after_write"]
    assert seen["lagging"]["status"] == 200 and seen["lagging"]["replica"] <= 1, seen["lagging"]


def test_a_stopped_replica_falls_back_to_the_primary(cluster: tuple[PrivatePostgres, PrivatePostgres]) -> None:
    primary, replica = cluster
    replica.stop()
    try:
        seen = run("down", primary, replica)
        assert seen["down"]["status"] == 200 and seen["down"]["replica"] == 0
        assert seen["down"]["primary"] > 0
    finally:
        replica.start()
