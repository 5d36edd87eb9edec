"""Read replicas with no replica server: `replica_0` mirrors the test database (Django's TEST
MIRROR, star/settings/test.py), so which alias each query went to is what is tested. The real
streaming replica is tested by `make test-replica` (replica_tests/)."""

from __future__ import annotations

import json
import os
import subprocess  # nosec B404: our own interpreter importing our own settings
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import time_machine
from django.conf import settings
from django.db import OperationalError, connections
from django.test import Client, RequestFactory, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from audit.models import AuditEvent
from community.models import Activity
from community.tests.factories import ActivityFactory
from conftest import World, sign_in
from core import replicas

ROOT = Path(__file__).resolve().parents[2]
BOTH = ["default", "replica_0"]
# Committed rows, so the mirror's own connection sees them (as a replica would). Only the tests
# that load pages use the database: on PostgreSQL each one empties every table afterwards.
with_replica_db = pytest.mark.django_db(transaction=True, databases=BOTH)


@pytest.fixture(autouse=True)
def _replica_on() -> Iterator[None]:
    replicas.forget_health()
    with override_settings(STAR_REPLICA_DATABASES=("replica_0",)):
        yield
    replicas.forget_health()


@contextmanager
def counting() -> Iterator[Counter[str]]:
    """How many queries went to each alias (the health check's own query included)."""
    used: Counter[str] = Counter()

    def wrapper(alias: str) -> Callable[..., Any]:
        def count(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
            used[alias] += 1
            return execute(sql, params, many, context)

        return count

    with connections["default"].execute_wrapper(wrapper("default")), connections["replica_0"].execute_wrapper(wrapper("replica_0")):
        yield used


def url_names() -> set[str]:
    names: set[str] = set()

    def walk(resolver: URLResolver, namespace: str) -> None:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else pattern.namespace or namespace
                walk(pattern, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver(), "")
    return names


def test_the_replica_alias_mirrors_the_test_database() -> None:
    assert settings.DATABASES["replica_0"]["TEST"]["MIRROR"] == "default"


def test_replica_urls_become_mirrored_aliases_with_a_short_connect_timeout() -> None:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("STAR_", "DATABASE"))}
    environment |= {
        "DATABASE_URL": "postgres://star@primary.internal:5432/star",
        "DATABASE_REPLICA_URLS": "postgres://star@replica-a.internal:5432/star, postgres://star@replica-b.internal:5432/star",
        "STAR_REPLICA_CONNECT_TIMEOUT_SECONDS": "3",
        "STAR_REPLICA_WORK_MEM": "64MB",
    }
    script = (
        "import json; from star.settings import base as s; "
        "print(json.dumps({'databases': {a: d for a, d in s.DATABASES.items()}, 'aliases': s.STAR_REPLICA_DATABASES}, default=str))"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True, check=True)  # noqa: S603
    seen = json.loads(result.stdout)
    assert seen["aliases"] == ["replica_0", "replica_1"]
    replica_b = seen["databases"]["replica_1"]
    assert replica_b["HOST"] == "replica-b.internal"
    assert replica_b["TEST"] == {"MIRROR": "default"}
    assert replica_b["OPTIONS"]["connect_timeout"] == 3
    assert replica_b["OPTIONS"]["options"] == "-c jit=off -c work_mem=64MB", "the primary's options, and more memory for reports"
    assert "connect_timeout" not in seen["databases"]["default"].get("OPTIONS", {})


@pytest.mark.parametrize("view_name", settings.STAR_REPLICA_READ_VIEWS)
def test_each_listed_view_exists_and_reads_from_a_replica_on_a_get(view_name: str) -> None:
    if view_name.endswith(":*"):
        assert any(name.startswith(view_name[:-1]) for name in url_names()), view_name
    else:
        assert view_name in url_names(), f"{view_name} is in STAR_REPLICA_READ_VIEWS but no URL has that name"
    probe = view_name.replace("*", "root")
    assert replicas.reads_from_replica(RequestFactory().get("/"), probe)
    assert not replicas.reads_from_replica(RequestFactory().post("/"), probe), "a form sent is never answered from a replica"


def test_pages_that_are_not_listed_read_from_the_primary() -> None:
    for name in ("people:search", "reports:baseline", "community:activity_detail", "accounts:sign_in"):
        assert not replicas.reads_from_replica(RequestFactory().get("/"), name)


@with_replica_db
def test_public_directory_calendars_and_the_oruk_api_read_from_the_replica() -> None:
    activity = ActivityFactory.create(name="Walking group")
    client = Client()
    for path in (
        "/openreferral/services?search=walk",
        reverse("openreferral:service", args=[activity.id]),
        reverse("community:directory") + "?q=walk",
        reverse("community:activity_page", args=[activity.id]),
        reverse("community:activity_calendar", args=[activity.id]),
        reverse("community:project_calendar", args=[activity.project_id]),
    ):
        with counting() as used:
            response = client.get(path)
        assert response.status_code == 200, path
        assert used["replica_0"] > 0, path
        assert replicas.PIN_COOKIE not in response.cookies, path


@with_replica_db
def test_reports_their_pdf_and_list_exports_read_from_the_replica(world: World) -> None:
    client = sign_in(Client(), world.manager)
    for path in (
        reverse("reports:dashboard"),
        reverse("reports:quarterly_pdf"),
        reverse("outcomes:cohorts"),
        reverse("interop:export_xlsx", args=["referrals"]),
    ):
        with counting() as used:
            response = client.get(path)
        assert response.status_code == 200, path
        assert used["replica_0"] > 0, path
        # The audit row the page writes does not pin the browser, nor send its later reads home.
        assert replicas.PIN_COOKIE not in response.cookies, path


@with_replica_db
def test_a_person_search_never_reads_from_the_replica(world: World) -> None:
    client = sign_in(Client(), world.manager)
    with counting() as used:
        assert client.get("/people/?q=ab").status_code == 200
    assert used["replica_0"] == 0 and used["default"] > 0


@with_replica_db
def test_a_form_sent_pins_the_browser_to_the_primary_for_a_few_seconds(world: World) -> None:
    ActivityFactory.create(name="Walking group")
    client = sign_in(Client(), world.manager)
    response = client.post(reverse("accounts:sign_out"))
    cookie = response.cookies[replicas.PIN_COOKIE]
    assert cookie["max-age"] == settings.STAR_REPLICA_PIN_SECONDS and cookie["httponly"]
    with counting() as used:
        assert client.get("/openreferral/services").status_code == 200
    assert used["replica_0"] == 0, "the page after a form reads what the form saved"
    with time_machine.travel(timezone.now() + timedelta(seconds=settings.STAR_REPLICA_PIN_SECONDS + 1)), counting() as used:
        assert client.get("/openreferral/services").status_code == 200
    assert used["replica_0"] > 0, "the pin runs out"


@with_replica_db
def test_a_pin_cookie_not_signed_by_us_is_ignored() -> None:
    client = Client()
    client.cookies[replicas.PIN_COOKIE] = "1"
    with counting() as used:
        assert client.get("/openreferral/services").status_code == 200
    assert used["replica_0"] > 0


def test_reads_after_a_write_in_the_same_request_go_to_the_primary() -> None:
    router = replicas.ReplicaRouter()
    tokens = replicas._reads_allowed.set(True), replicas._wrote.set(False), replicas._chosen.set(None)
    try:
        with mock.patch.object(replicas, "lag_seconds", return_value=0.0):
            assert router.db_for_read(Activity) == "replica_0"
        assert router.db_for_read(AuditEvent) == "default", "the audit trail is read from the primary"
        assert router.db_for_write(AuditEvent) == "default"
        assert router.db_for_read(Activity) == "replica_0", "an audit row is not a write that later reads depend on"
        assert router.db_for_write(Activity) == "default"
        assert router.db_for_read(Activity) == "default"
    finally:
        replicas._reads_allowed.reset(tokens[0])
        replicas._wrote.reset(tokens[1])
        replicas._chosen.reset(tokens[2])


def test_one_replica_is_chosen_per_request_and_checked_once() -> None:
    router = replicas.ReplicaRouter()
    tokens = replicas._reads_allowed.set(True), replicas._chosen.set(None), replicas._wrote.set(False)
    try:
        with (
            override_settings(STAR_REPLICA_DATABASES=("replica_0", "replica_1")),
            mock.patch.object(replicas, "lag_seconds", return_value=0.0) as lag,
        ):
            chosen = {router.db_for_read(Activity) for _ in range(20)}
        assert len(chosen) == 1 and lag.call_count == 2, "both checked once, one chosen for every read"
        assert chosen < {"replica_0", "replica_1"}
    finally:
        replicas._reads_allowed.reset(tokens[0])
        replicas._chosen.reset(tokens[1])
        replicas._wrote.reset(tokens[2])


@with_replica_db
def test_a_replica_that_cannot_be_reached_is_passed_over(caplog: pytest.LogCaptureFixture) -> None:
    replica = connections["replica_0"]
    original = dict(replica.settings_dict)
    replica.close()
    if replica.vendor == "postgresql":
        replica.settings_dict["HOST"], replica.settings_dict["PORT"] = "127.0.0.1", "9"  # nothing listens on discard
    else:
        replica.settings_dict["NAME"] = "/nonexistent-star-replica/replica.sqlite3"
    try:
        with counting() as used:
            response = Client().get("/openreferral/services")
        assert response.status_code == 200
        assert used["default"] > 0
        assert "cannot be reached" in caplog.text
        assert replicas.healthy("replica_0") is False, "remembered, so the next page does not wait for it"
    finally:
        replica.close()
        replica.settings_dict.clear()
        replica.settings_dict.update(original)


@with_replica_db
def test_a_lagging_replica_is_passed_over(caplog: pytest.LogCaptureFixture) -> None:
    ActivityFactory.create()
    with mock.patch.object(replicas, "lag_seconds", return_value=settings.STAR_REPLICA_MAX_LAG_SECONDS + 0.5), counting() as used:
        assert Client().get("/openreferral/services").status_code == 200
    assert used["replica_0"] == 0 and used["default"] > 0
    assert "behind" in caplog.text
    replicas.forget_health()
    with mock.patch.object(replicas, "lag_seconds", return_value=0.2), counting() as used:
        assert Client().get("/openreferral/services").status_code == 200
    assert used["replica_0"] > 0, "a second's lag is tolerated"


def test_health_is_remembered_briefly() -> None:
    with mock.patch.object(replicas, "lag_seconds", return_value=0.0) as lag:
        assert replicas.healthy("replica_0", now=100.0)
        assert replicas.healthy("replica_0", now=100.0 + settings.STAR_REPLICA_CHECK_SECONDS / 2)
        assert lag.call_count == 1
        lag.return_value = 5.0
        assert not replicas.healthy("replica_0", now=100.0 + settings.STAR_REPLICA_CHECK_SECONDS)
        assert lag.call_count == 2


@with_replica_db
def test_a_replica_that_fails_part_way_through_a_page_is_answered_from_the_primary(caplog: pytest.LogCaptureFixture) -> None:
    ActivityFactory.create(name="Walking group")
    replica = connections["replica_0"]
    reads = Counter[str]()

    def dies_after_the_health_check(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        reads["replica_0"] += 1
        if reads["replica_0"] > 1:
            replica.errors_occurred = True  # as Django marks a connection whose server went away
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    with replica.execute_wrapper(dies_after_the_health_check), counting() as used:
        response = Client().get("/openreferral/services?search=walk")
    assert response.status_code == 200
    assert b"Walking group" in response.content
    assert used["default"] > 0
    assert "failed during /openreferral/services" in caplog.text
    assert replicas.healthy("replica_0") is False


def test_a_page_that_wrote_is_not_run_twice_when_its_replica_fails() -> None:
    middleware = replicas.ReplicaReadsMiddleware(lambda request: None)  # type: ignore[arg-type, return-value]
    request = RequestFactory().get("/openreferral/services")
    request.resolver_match = mock.Mock()
    tokens = replicas._chosen.set("replica_0"), replicas._wrote.set(True)
    try:
        connections["replica_0"].errors_occurred = True
        assert middleware.process_exception(request, OperationalError("gone")) is None
        request.resolver_match.func.assert_not_called()
    finally:
        replicas._chosen.reset(tokens[0])
        replicas._wrote.reset(tokens[1])
        connections["replica_0"].errors_occurred = False
