"""Shared people for every test: one of each role, and the people whose records they can and
cannot reach. Every view test includes the stranger who gets nothing."""

from __future__ import annotations

import os
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


_travel: time_machine.travel | None = None


def pytest_configure(config: pytest.Config) -> None:
    """With STAR_TEST_CLOCK set, the whole run (collection included, so module-level dates agree)
    starts at that moment and the clock ticks on from there."""
    global _travel
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
    worker = UserFactory(role=Role.STR_WORKER, username="worker", first_name="Sam")
    other_worker = UserFactory(role=Role.STR_WORKER, username="other_worker")
    member = UserFactory(role=Role.MEMBER, username="member")
    caseload_person = PersonFactory(given_name="Ada", family_name="Lovelace", preferred_name="Addie")
    CaseloadEntryFactory(person=caseload_person, worker=worker)
    stranger = PersonFactory(given_name="Alan", family_name="Turing")
    CaseloadEntryFactory(person=stranger, worker=other_worker)
    member_person = PersonFactory(given_name="Mary", family_name="Seacole", user=member)
    return World(
        worker=worker,
        other_worker=other_worker,
        manager=UserFactory(role=Role.MANAGER, username="manager"),
        member=member,
        volunteer=UserFactory(role=Role.VOLUNTEER, username="volunteer"),
        lead=UserFactory(role=Role.PROJECT_LEAD, username="lead"),
        commissioner=UserFactory(role=Role.COMMISSIONER, username="commissioner"),
        admin=UserFactory(role=Role.ADMIN, username="admin"),
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
