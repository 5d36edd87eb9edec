"""The manager keeps the training catalogue: add, change, retire; a module volunteers have done
is never deleted; a retired module is no longer offered, required or reported as running out."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from accounts.tests.factories import UserFactory
from audit.models import AuditEvent
from volunteers import training
from volunteers.expiry import record_expired_checks
from volunteers.forms import TrainingForm
from volunteers.models import CheckExpiry, SlotRole, TrainingModule
from volunteers.rota import required_modules
from volunteers.tests.factories import TrainingCompletionFactory, VolunteerFactory


def module_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {"name": "Peer support basics", "description": "", "required_for": ["welcome"], "valid_for_months": "12"}
    data.update(overrides)
    return data


def test_a_manager_adds_a_module(as_manager: Client) -> None:
    response = as_manager.post(reverse("volunteers:training_module_new"), module_data())
    assert response.status_code == 302
    module = TrainingModule.objects.get(name="Peer support basics")
    assert (module.code, module.required_for, module.valid_for_months) == ("peer-support-basics", ["welcome"], 12)
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CREATE, detail__training_module="peer-support-basics").exists()
    assert module in required_modules(SlotRole.WELCOME)
    page = as_manager.get(reverse("volunteers:training_modules")).content.decode()
    assert "Peer support basics" in page and "12 months" in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": ""}, "Enter the name of the module"),
        ({"valid_for_months": "0"}, "Enter a number of months of 1 or more"),
        ({"valid_for_months": "two"}, "Enter the number of months as a whole number"),
        ({"name": "safeguarding adults"}, "There is already a module with that name"),
    ],
)
def test_bad_input_says_what_to_do_and_adds_nothing(as_manager: Client, overrides: dict[str, object], message: str) -> None:
    before = TrainingModule.objects.count()
    response = as_manager.post(reverse("volunteers:training_module_new"), module_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert TrainingModule.objects.count() == before


def test_a_manager_changes_validity_and_roles(as_manager: Client) -> None:
    module = TrainingModule.objects.get(code="first-aid")
    url = reverse("volunteers:training_module_edit", kwargs={"module_id": module.pk})
    assert "Emergency first aid" in as_manager.get(url).content.decode()
    response = as_manager.post(url, module_data(name="Emergency first aid", required_for=["lead", "welcome"], valid_for_months=""))
    assert response.status_code == 302
    module.refresh_from_db()
    assert (module.required_for, module.valid_for_months) == (["lead", "welcome"], None)
    event = AuditEvent.objects.get(action=AuditEvent.Action.UPDATE, detail__training_module="first-aid")
    assert event.detail["changes"]["valid_for_months"] == [36, None]


def test_retiring_keeps_completions_and_stops_asking_for_it(as_manager: Client, db: None) -> None:
    module = TrainingModule.objects.get(code="safeguarding")
    volunteer = VolunteerFactory.create(roles_of_interest=["welcome"])
    TrainingCompletionFactory.create(
        volunteer=volunteer, module=module, completed_on=datetime.date(2020, 1, 1), expires_on=datetime.date(2023, 1, 1)
    )
    assert as_manager.post(reverse("volunteers:training_module_retire", kwargs={"module_id": module.pk})).status_code == 302
    module.refresh_from_db()
    assert module.is_retired
    assert module.completions.count() == 1
    assert module not in required_modules(SlotRole.WELCOME)
    assert module not in TrainingForm().fields["module"].queryset  # type: ignore[attr-defined]
    assert record_expired_checks(today=datetime.date(2026, 6, 1)) == 0
    assert not CheckExpiry.objects.exists()
    page = as_manager.get(reverse("volunteers:detail", kwargs={"volunteer_id": volunteer.pk})).content.decode()
    assert "Safeguarding adults: No longer needed" in page
    # Retiring twice says so; a retired module cannot be changed.
    as_manager.post(reverse("volunteers:training_module_retire", kwargs={"module_id": module.pk}))
    with pytest.raises(training.CatalogueError, match="already retired"):
        training.retire_training_module(module=module, by=UserFactory.create())
    with pytest.raises(training.CatalogueError, match="retired"):
        training.change_training_module(
            module=module, by=UserFactory.create(), name="Safeguarding adults", description="", required_for=[], valid_for_months=None
        )


def test_a_module_volunteers_have_done_is_never_deleted(as_manager: Client, db: None) -> None:
    module = TrainingModule.objects.get(code="boundaries")
    TrainingCompletionFactory.create(volunteer=VolunteerFactory.create(), module=module)
    as_manager.post(reverse("volunteers:training_module_delete", kwargs={"module_id": module.pk}))
    assert TrainingModule.objects.filter(pk=module.pk).exists()
    assert "Retire it instead" in as_manager.get(reverse("volunteers:training_modules")).content.decode()


def test_a_module_nobody_has_done_can_be_deleted(as_manager: Client, db: None) -> None:
    module = TrainingModule.objects.create(code="typo", name="Typo module")
    edit = as_manager.get(reverse("volunteers:training_module_edit", kwargs={"module_id": module.pk})).content.decode()
    assert "Delete Typo module" in edit
    as_manager.post(reverse("volunteers:training_module_delete", kwargs={"module_id": module.pk}))
    assert not TrainingModule.objects.filter(pk=module.pk).exists()
    assert AuditEvent.objects.filter(detail__training_module="typo", detail__deleted=True).exists()


def test_the_catalogue_page_costs_the_same_with_more_modules(
    as_manager: Client, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    for n in range(15):
        TrainingModule.objects.create(code=f"extra-{n}", name=f"Extra {n}")
    with django_assert_max_num_queries(10):
        assert as_manager.get(reverse("volunteers:training_modules")).status_code == 200
