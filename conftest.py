"""Shared people for every test: one of each role, and the people whose records they can and
cannot reach. Every view test includes the stranger who gets nothing."""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import functools
import hashlib
import os
import re
import shutil
import sqlite3
import subprocess  # nosec B404 (runs manage.py migrate once)
import sys
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import factory.random
import pytest
import time_machine
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from accounts.roles import Role
from accounts.tests.factories import UserFactory
from people.models import Person
from people.tests.factories import CaseloadEntryFactory, PersonFactory

# `make test` runs the tests that read the clock again at several moments (`STAR_TEST_CLOCK`, an
# ISO datetime with its offset): just after midnight, the start and end of a working day, a minute
# before midnight, and across both clock changes. A test that passes only at some hours is a bug.
TEST_CLOCK = os.environ.get("STAR_TEST_CLOCK", "")
CLOCK_READS = ("localdate()", "timezone.now()", "date.today()", "datetime.now(")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test in a module that reads the clock as `clock`, so the moments above cover it."""
    reads_clock: dict[Path, bool] = {}
    for item in items:
        path = item.path
        if path not in reads_clock:
            try:
                text = path.read_text(encoding="utf-8")
            except OSError:
                text = ""
            reads_clock[path] = any(read in text for read in CLOCK_READS)
        if reads_clock[path]:
            item.add_marker(pytest.mark.clock)


# One migrated SQLite database for the whole run: migrating takes about 20 s of CPU, once in every
# test process (each pytest-xdist worker, each clock moment, the browser run). The first process
# migrates a template, keyed by the migrations' contents; every process copies it (to memory-backed
# /dev/shm where there is one) and keeps it as its test database. STAR_TEST_MIGRATE_EACH=1 migrates
# in every process as before; PostgreSQL runs are unchanged.
ROOT = Path(__file__).resolve().parent


@functools.cache
def _sqlite_template() -> Path | None:
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3" or os.environ.get("STAR_TEST_MIGRATE_EACH"):
        return None
    digest = hashlib.sha256()
    for path in sorted(ROOT.glob("*/migrations/*.py")):
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    template = Path(tempfile.gettempdir()) / f"star-test-db-{digest.hexdigest()[:16]}.sqlite3"
    with open(template.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # several clock moments start at once: one migrates
        if not template.exists():
            building = template.with_suffix(f".{os.getpid()}.building")
            env = {**os.environ, "DATABASE_URL": f"sqlite:///{building}", "STAR_TEST_CLOCK": ""}
            subprocess.run(  # nosec B603 (our own interpreter and manage.py, no shell)
                [sys.executable, "manage.py", "migrate", "-v0", "--settings=star.settings.test"], cwd=ROOT, env=env, check=True
            )
            with contextlib.closing(sqlite3.connect(building)) as database:  # one file: no WAL beside it
                database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                database.execute("PRAGMA journal_mode=DELETE")
            building.rename(template)
    return template


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    template = _sqlite_template()
    if template is None:
        return
    from django.conf import settings

    shm = Path("/dev/shm")  # noqa: S108  # nosec B108 (mkdtemp makes a private, unique folder in it)
    folder = Path(tempfile.mkdtemp(prefix="star-test-db-", dir=shm if shm.is_dir() else None))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    copy = folder / "test.sqlite3"
    shutil.copyfile(template, copy)
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = str(copy)


@pytest.fixture(scope="session")
def django_db_keepdb(request: pytest.FixtureRequest) -> bool:
    """The copied template is the test database, already migrated: kept, not created again."""
    return bool(request.config.getvalue("reuse_db")) or _sqlite_template() is not None


_travel: time_machine.travel | None = None


def pytest_configure(config: pytest.Config) -> None:
    """With STAR_TEST_CLOCK set, the whole run (collection included, so module-level dates agree)
    starts at that moment and the clock ticks on from there."""
    global _travel
    if not hasattr(config, "workerinput"):  # before pytest-xdist starts its workers
        _sqlite_template()
    if TEST_CLOCK:
        _travel = time_machine.travel(datetime.fromisoformat(TEST_CLOCK), tick=True)
        _travel.start()


def pytest_unconfigure(config: pytest.Config) -> None:
    if _travel is not None:
        _travel.stop()


@pytest.fixture(autouse=True)
def _each_test_starts_at_the_test_clock() -> Iterator[None]:
    """Each test starts at STAR_TEST_CLOCK itself, not minutes later as the run goes on, so 23:59
    is 23:59 in every test, and a second before a clock change every test crosses it."""
    if not TEST_CLOCK:
        yield
        return
    with time_machine.travel(datetime.fromisoformat(TEST_CLOCK), tick=True):
        yield


@pytest.fixture(autouse=True)
def _each_test_draws_the_same_names(request: pytest.FixtureRequest) -> None:
    """Factories draw names and other fake values from one random generator: seeded from the
    test's id, each test makes the same people every run, whatever ran before it on its worker.
    A test that fails on a name ("Suzanne O'Donnell", escaped in the page) then fails every time."""
    factory.random.reseed_random(zlib.crc32(request.node.nodeid.encode()))


_TOKEN_VALUE = re.compile(r'(name="(?:csrfmiddlewaretoken|submission_key)" value=)"[^"]*"')


def without_tokens(html: str) -> str:
    """The page with its random tokens blanked, for asserting a name is absent: a 64-letter CSRF
    token holds a given three letters ("Bea") about once in four thousand pages, which failed CI."""
    return _TOKEN_VALUE.sub(r'\1""', html)


def sign_in(client: Client, user: User) -> Client:
    """Sign in as if through the pages, two-factor included for roles that need it."""
    client.force_login(user)
    if user.requires_two_factor:
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
            user=user, name="Test app", confirmed=True
        )
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client


@dataclass
class World:
    worker: User
    other_worker: User
    manager: User
    member: User
    volunteer: User
    lead: User
    commissioner: User
    admin: User
    caseload_person: Person
    stranger: Person
    member_person: Person

    def user_for(self, role: str) -> User:
        return {
            Role.STR_WORKER: self.worker,
            Role.MANAGER: self.manager,
            Role.MEMBER: self.member,
            Role.VOLUNTEER: self.volunteer,
            Role.PROJECT_LEAD: self.lead,
            Role.COMMISSIONER: self.commissioner,
            Role.ADMIN: self.admin,
        }[Role(role)]


@pytest.fixture
def world(db: None) -> World:
    worker = UserFactory.create(role=Role.STR_WORKER, username="worker", first_name="Sam")
    other_worker = UserFactory.create(role=Role.STR_WORKER, username="other_worker")
    member = UserFactory.create(role=Role.MEMBER, username="member")
    caseload_person = PersonFactory.create(given_name="Ada", family_name="Lovelace", preferred_name="Addie")
    CaseloadEntryFactory.create(person=caseload_person, worker=worker)
    stranger = PersonFactory.create(given_name="Alan", family_name="Turing")
    CaseloadEntryFactory.create(person=stranger, worker=other_worker)
    member_person = PersonFactory.create(given_name="Mary", family_name="Seacole", user=member)
    return World(
        worker=worker,
        other_worker=other_worker,
        manager=UserFactory.create(role=Role.MANAGER, username="manager"),
        member=member,
        volunteer=UserFactory.create(role=Role.VOLUNTEER, username="volunteer"),
        lead=UserFactory.create(role=Role.PROJECT_LEAD, username="lead"),
        commissioner=UserFactory.create(role=Role.COMMISSIONER, username="commissioner"),
        admin=UserFactory.create(role=Role.ADMIN, username="admin"),
        caseload_person=caseload_person,
        stranger=stranger,
        member_person=member_person,
    )


@pytest.fixture
def as_worker(client: Client, world: World) -> Client:
    return sign_in(client, world.worker)


@pytest.fixture
def as_manager(client: Client, world: World) -> Client:
    return sign_in(client, world.manager)


@pytest.fixture(autouse=True)
def _audit_trail_flushable(request: pytest.FixtureRequest) -> Iterator[None]:
    """Transactional tests empty every table afterwards; SQLite does that with DELETE, which the
    append-only trigger refuses. Lift the trigger just for that clean-up, and put it back first."""
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction"))
    if not transactional and "transactional_db" not in request.fixturenames and "live_server" not in request.fixturenames:
        yield
        return
    if not transactional:
        request.getfixturevalue("transactional_db")
    from django.db import connection

    from audit import triggers

    triggers.install(connection)
    yield
    triggers.remove(connection)
