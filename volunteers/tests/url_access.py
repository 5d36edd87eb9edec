from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

from community.tests.factories import ActivityFactory, ProjectFactory, ProjectLeadFactory, SessionFactory
from star.tests.access_matrix import NOT_FOUND, OK, Case, Kwargs, case, post_only
from volunteers.tests.factories import ExpenseClaimFactory, RotaSlotFactory, VolunteerFactory

if TYPE_CHECKING:
    from community.models import Project
    from conftest import World


class _Outcomes(TypedDict):
    anonymous: str
    default: str


PUBLIC: _Outcomes = {"anonymous": OK, "default": OK}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def own_record(world: World) -> dict[str, Any]:
    """The volunteer user has a volunteer record of their own (no URL arguments)."""
    VolunteerFactory.create(user=world.volunteer)
    return {}


def some_volunteer(world: World) -> dict[str, Any]:
    return {"volunteer_id": VolunteerFactory.create().pk}


def _led_project(world: World) -> Project:
    return ProjectLeadFactory.create(user=world.lead).project


def led_project(world: World) -> dict[str, Any]:
    return {"project_id": _led_project(world).pk}


def other_project(world: World) -> dict[str, Any]:
    return {"project_id": ProjectFactory.create().pk}


def led_slot(world: World) -> dict[str, Any]:
    return {
        "slot_id": RotaSlotFactory.create(session=SessionFactory.create(activity=ActivityFactory.create(project=_led_project(world)))).pk
    }


def own_claim(world: World) -> dict[str, Any]:
    """A claim of the volunteer's own, with a receipt: they and managers may open it."""
    from django.core.files.base import ContentFile

    claim = ExpenseClaimFactory.create(volunteer=VolunteerFactory.create(user=world.volunteer), receipt_content_type="image/png")
    claim.receipt.save("r.png", ContentFile(PNG))
    return {"claim_id": claim.pk}


def other_claim(world: World) -> dict[str, Any]:
    from django.core.files.base import ContentFile

    VolunteerFactory.create(user=world.volunteer)
    claim = ExpenseClaimFactory.create(receipt_content_type="image/png")
    claim.receipt.save("r.png", ContentFile(PNG))
    return {"claim_id": claim.pk}


def claim(world: World) -> dict[str, Any]:
    return {"claim_id": ExpenseClaimFactory.create().pk}


def caseload_person(world: World) -> dict[str, Any]:
    return {"person_id": world.caseload_person.pk}


def stranger(world: World) -> dict[str, Any]:
    return {"person_id": world.stranger.pk}


def training_module(world: World) -> dict[str, Any]:
    from volunteers.models import TrainingModule

    return {"module_id": TrainingModule.objects.create(code="test-module", name="Test module").pk}


def self_service(kwargs: Kwargs | None = None) -> Case:
    return case(volunteer=OK, kwargs=kwargs or own_record)


EXPECTATIONS = {
    "volunteers:apply": case(**PUBLIC),
    "volunteers:apply_thanks": case(**PUBLIC),
    "volunteers:offer": case(member=OK),
    "volunteers:mine": [
        case(volunteer=OK, label="without a volunteer record: a page that says so"),
        case(volunteer=OK, kwargs=own_record, label="with a volunteer record"),
    ],
    "volunteers:rota": [
        self_service(),
        case(volunteer=NOT_FOUND, label="a volunteer user with no volunteer record"),
    ],
    "volunteers:take_slot": post_only(kwargs=lambda world: {"slot_id": 1}),
    "volunteers:confirm_hours": post_only(kwargs=lambda world: {"slot_id": 1}),
    "volunteers:hours_new": self_service(),
    "volunteers:expense_new": self_service(),
    "volunteers:wellbeing_new": self_service(),
    "volunteers:receipt": [
        case(manager=OK, volunteer=OK, default=NOT_FOUND, kwargs=own_claim, label="the volunteer's own claim"),
        case(manager=OK, volunteer=NOT_FOUND, default=NOT_FOUND, kwargs=other_claim, label="another volunteer's claim"),
    ],
    "volunteers:list": case(manager=OK),
    "volunteers:record_interest": case(manager=OK),
    "volunteers:dbs_expiring": case(manager=OK),
    "volunteers:expenses": case(manager=OK),
    "volunteers:expense_decide": case(manager=OK, kwargs=claim),
    "volunteers:report": case(manager=OK, commissioner=OK),
    "volunteers:detail": case(manager=OK, kwargs=some_volunteer),
    "volunteers:record_offer_for_person": [
        case(manager=OK, str_worker=OK, kwargs=caseload_person, label="a person on the worker's caseload"),
        case(manager=OK, str_worker=NOT_FOUND, kwargs=stranger, label="a person the worker cannot see"),
    ],
    "volunteers:link_person": case(manager=OK, kwargs=some_volunteer),
    "volunteers:training_modules": case(manager=OK),
    "volunteers:training_module_new": case(manager=OK),
    "volunteers:training_module_edit": case(manager=OK, kwargs=training_module),
    "volunteers:training_module_retire": post_only(kwargs=training_module),
    "volunteers:training_module_delete": post_only(kwargs=training_module),
    "volunteers:change_stage": post_only(kwargs=some_volunteer),
    "volunteers:reference_new": case(manager=OK, kwargs=some_volunteer),
    "volunteers:interview": case(manager=OK, kwargs=some_volunteer),
    "volunteers:dbs_new": case(manager=OK, kwargs=some_volunteer),
    "volunteers:training_new": case(manager=OK, kwargs=some_volunteer),
    "volunteers:projects_edit": case(manager=OK, kwargs=some_volunteer),
    "volunteers:supervision_new": case(manager=OK, kwargs=some_volunteer),
    "volunteers:rota_projects": case(manager=OK, project_lead=OK),
    "volunteers:project_rota": [
        case(manager=OK, project_lead=OK, kwargs=led_project, label="a project the lead leads"),
        case(manager=OK, project_lead=NOT_FOUND, kwargs=other_project, label="a project the lead does not lead"),
    ],
    "volunteers:fill_slot": post_only(kwargs=led_slot),
    "volunteers:confirm_slot_hours": post_only(kwargs=led_slot),
}
