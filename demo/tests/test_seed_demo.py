"""`seed_demo` makes deterministic synthetic data, a sign-in per role, and is safe to run twice."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from accounts.models import User
from accounts.roles import Role
from demo.accounts import DEMO_PASSWORD
from people import nhs_number
from people.models import CaseloadEntry, Person


def people_snapshot() -> list[tuple[str, str, str]]:
    return list(Person.objects.order_by("nhs_number", "family_name", "given_name").values_list("given_name", "family_name", "nhs_number"))


@pytest.mark.django_db
def test_seed_demo_creates_every_role_and_synthetic_people() -> None:
    out = StringIO()
    call_command("seed_demo", "--size", "small", "--seed", "7", "--logins", stdout=out)
    assert {user.role for user in User.objects.filter(is_demo_account=True)} == set(Role.values)
    assert User.objects.get(username="worker").check_password(DEMO_PASSWORD)
    numbers = [n for n in Person.objects.values_list("nhs_number", flat=True) if n]
    assert numbers and all(nhs_number.is_synthetic(n) and nhs_number.is_valid(n, accept_synthetic=True) for n in numbers)
    assert CaseloadEntry.objects.filter(worker__username="worker").exists()
    member = Person.objects.get(user__username="member")
    assert member.full_name == "Alex Rowe" and member.known_as == "Alex"  # greeted as Alex in the portal
    from demo.bulk.vocabulary import KNOWN_AS

    # A name someone goes by is a usual short form of their given name, never a cut-off one ("Aar").
    for given, known_as in Person.objects.exclude(preferred_name="").values_list("given_name", "preferred_name"):
        assert KNOWN_AS[given] == known_as
    assert "manager" in out.getvalue() and DEMO_PASSWORD in out.getvalue()


@pytest.mark.django_db
def test_seed_demo_is_safe_to_run_twice() -> None:
    call_command("seed_demo", stdout=StringIO())
    before = Person.objects.count()
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert Person.objects.count() == before
    assert "already loaded" in out.getvalue()


class _Undo(Exception):
    pass


def snapshot_of_seed(seed: int) -> list[tuple[str, str, str]]:
    """Run the whole seed, take a snapshot, then roll everything back."""
    snapshot: list[tuple[str, str, str]] = []
    try:
        with transaction.atomic():
            call_command("seed_demo", "--seed", str(seed), stdout=StringIO())
            snapshot = people_snapshot()
            raise _Undo
    except _Undo:
        pass
    assert not Person.objects.exists()
    return snapshot


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_people() -> None:
    first = snapshot_of_seed(3)
    assert first and snapshot_of_seed(3) == first
    assert snapshot_of_seed(4) != first


@pytest.mark.django_db
def test_the_demo_has_archive_records_due_for_the_retention_review() -> None:
    from records.models import RetentionReview

    call_command("seed_demo", stdout=StringIO())
    due = RetentionReview.objects.select_related("person").order_by("person__family_name")
    assert [(review.person.family_name, review.rule) for review in due] == [
        ("Archer", RetentionReview.Rule.AFTER_LAST_CONTACT),
        ("Hollins", RetentionReview.Rule.AFTER_DEATH),
    ]
