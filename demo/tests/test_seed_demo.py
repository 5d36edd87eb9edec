"""`seed_demo` makes deterministic synthetic data, a sign-in per role, and is safe to run twice."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

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
    assert Person.objects.get(user__username="member").full_name == "Alex Rowe"
    assert "manager" in out.getvalue() and DEMO_PASSWORD in out.getvalue()


@pytest.mark.django_db
def test_seed_demo_is_safe_to_run_twice() -> None:
    call_command("seed_demo", stdout=StringIO())
    before = Person.objects.count()
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert Person.objects.count() == before
    assert "already loaded" in out.getvalue()


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_people() -> None:
    call_command("seed_demo", "--seed", "3", stdout=StringIO())
    first = people_snapshot()
    Person.objects.all().delete()
    call_command("seed_demo", "--seed", "3", stdout=StringIO())
    assert people_snapshot() == first
    Person.objects.all().delete()
    call_command("seed_demo", "--seed", "4", stdout=StringIO())
    assert people_snapshot() != first
