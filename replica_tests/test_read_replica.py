"""A real PostgreSQL streaming replica on loopback (pg_basebackup from a private primary): the
pages listed in STAR_REPLICA_READ_VIEWS read from it; other pages, a browser that has just sent a
form, a lagging replica, one cut off mid-page, a stopped one and a hung one all read from the
primary, and every page still answers. `make test-replica`."""

from __future__ import annotations

import json
import os
import signal
import subprocess  # nosec B404: this project's own module in a fresh interpreter
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from failure_tests.cluster import PrivatePostgres, manage

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "star_replica"
CONNECT_TIMEOUT_SECONDS = 2


@pytest.fixture(scope="module")
def cluster() -> Iterator[tuple[PrivatePostgres, PrivatePostgres]]:
    primary, replica = PrivatePostgres(), PrivatePostgres()
    started = time.monotonic()
    try:
        primary.init()
        primary.start()
        primary.create_database(DATABASE)
        manage(primary.url(DATABASE), "migrate", "--noinput")
        replica.init_as_replica_of(primary)
        replica.start()
        print(f"\nprimary and replica ready in {time.monotonic() - started:.1f} s")
        yield primary, replica
    finally:
        try:
            replica.destroy()
        finally:
            primary.destroy()


def run(phase: str, primary: PrivatePostgres, replica: PrivatePostgres) -> dict[str, Any]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("STAR_", "DJANGO_", "DATABASE"))}
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": "star.settings.test",
            "DATABASE_URL": primary.url(DATABASE),
            "DATABASE_REPLICA_URLS": replica.url(DATABASE),
            "STAR_REPLICA_MAX_LAG_SECONDS": "1",
            "STAR_REPLICA_CONNECT_TIMEOUT_SECONDS": str(CONNECT_TIMEOUT_SECONDS),
        }
    )
    started = time.monotonic()
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "replica_tests.replica_reads", phase],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    seen: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    print(f"\n{phase} ({time.monotonic() - started:.1f} s): {json.dumps(seen)}")
    return seen


def test_reads_go_to_the_replica_only_where_lag_is_harmless(cluster: tuple[PrivatePostgres, PrivatePostgres]) -> None:
    seen = run("reads", *cluster)
    assert seen["oruk"]["status"] == 200 and seen["oruk"]["replica"] > 0
    assert seen["directory"]["status"] == 200 and seen["directory"]["replica"] > 0
    assert seen["report"]["status"] == 200 and seen["report"]["replica"] > 0
    assert seen["in_recovery"] == {"replica_0": True, "default": False}, "the report was read from the hot standby"
    assert seen["pdf"]["status"] == 200 and seen["pdf"]["replica"] > 0
    assert seen["search"]["status"] == 200 and seen["search"]["replica"] == 0, "a person search is never read from a replica"
    assert not any(seen[page]["pinned"] for page in ("oruk", "directory", "report", "pdf", "search")), "reading does not pin"
    cut = seen["cut_mid_page"]
    assert cut["status"] == 200 and cut["primary"] > 0, "a replica cut off mid-page: the page is answered from the primary"
    assert seen["after_cut"]["status"] == 200 and seen["after_cut"]["replica"] > 0, "and the replica is used again once it answers"
    assert seen["write_sets_pin"], "a browser that sent a form is pinned to the primary"
    assert seen["after_write"]["status"] == 200 and seen["after_write"]["replica"] == 0, seen["after_write"]
    # A lagging replica answers the health check (one query) and nothing else.
    assert seen["lagging"]["status"] == 200 and seen["lagging"]["replica"] <= 1, seen["lagging"]
    assert seen["caught_up"]["replica"] > 1, "replay resumed: reads return to the replica"
    assert seen["idle"]["replica"] > 1, "an idle primary is not mistaken for a lagging replica"


def test_a_stopped_replica_falls_back_to_the_primary(cluster: tuple[PrivatePostgres, PrivatePostgres]) -> None:
    primary, replica = cluster
    replica.stop()
    try:
        seen = run("down", primary, replica)
        for page in ("down", "down_again"):
            assert seen[page]["status"] == 200 and seen[page]["replica"] == 0 and seen[page]["primary"] > 0, seen[page]
    finally:
        replica.start()


def test_a_hung_replica_is_given_up_on_after_the_connect_timeout(cluster: tuple[PrivatePostgres, PrivatePostgres]) -> None:
    """The replica's postmaster is stopped (SIGSTOP): the kernel still accepts the connection but
    PostgreSQL never answers, as with a machine that is overloaded or cut off mid-network."""
    primary, replica = cluster
    postmaster = int((replica.data / "postmaster.pid").read_text().split()[0])
    os.kill(postmaster, signal.SIGSTOP)
    try:
        seen = run("hung", primary, replica)
    finally:
        os.kill(postmaster, signal.SIGCONT)
    for page in ("hung", "hung_again"):
        assert seen[page]["status"] == 200 and seen[page]["replica"] == 0 and seen[page]["primary"] > 0, seen[page]
    # It waited for the connect timeout, and no longer.
    assert CONNECT_TIMEOUT_SECONDS - 0.2 <= seen["hung"]["seconds"] < CONNECT_TIMEOUT_SECONDS + 3, seen["hung"]
