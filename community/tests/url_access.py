from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

from community import openreferral as oruk
from community.tests.factories import (
    ActivityFactory,
    ProjectFactory,
    ProjectLeadFactory,
    SessionFactory,
    SessionRosterFactory,
    VenueFactory,
)
from star.tests.access_matrix import NOT_FOUND, OK, Case, Kwargs, case, post_only

if TYPE_CHECKING:
    from community.models import Project
    from conftest import World


def _led_project(world: World) -> Project:
    return ProjectLeadFactory.create(user=world.lead).project


def led_project(world: World) -> dict[str, Any]:
    return {"project_id": _led_project(world).pk}


def other_project(world: World) -> dict[str, Any]:
    return {"project_id": ProjectFactory.create().pk}


def led_activity(world: World) -> dict[str, Any]:
    return {"activity_id": ActivityFactory.create(project=_led_project(world)).pk}


def other_activity(world: World) -> dict[str, Any]:
    return {"activity_id": ActivityFactory.create().pk}


def public_activity(world: World) -> dict[str, Any]:
    return {"activity_id": ActivityFactory.create().pk}


def led_session(world: World) -> dict[str, Any]:
    return {"session_id": SessionFactory.create(activity=ActivityFactory.create(project=_led_project(world))).pk}


def other_session(world: World) -> dict[str, Any]:
    return {"session_id": SessionFactory.create().pk}


def rostered_session(world: World) -> dict[str, Any]:
    """A session the volunteer is on the rota for, of a project the lead leads."""
    session = SessionFactory.create(activity=ActivityFactory.create(project=_led_project(world)))
    SessionRosterFactory.create(session=session, user=world.volunteer)
    return {"session_id": session.pk}


def enrolment(world: World) -> dict[str, Any]:
    return {**led_activity(world), "enrolment_id": 1}


def mark(world: World) -> dict[str, Any]:
    return {**rostered_session(world), "person_id": world.caseload_person.pk}


def caseload_person(world: World) -> dict[str, Any]:
    return {"person_id": world.caseload_person.pk}


def stranger(world: World) -> dict[str, Any]:
    return {"person_id": world.stranger.pk}


class _Outcomes(TypedDict):
    anonymous: str
    default: str


PUBLIC: _Outcomes = {"anonymous": OK, "default": OK}


def crisis_place(world: World) -> dict[str, Any]:
    from community.models import CrisisPlace, CrisisPlaceKind

    return {"place_id": CrisisPlace.objects.create(kind=CrisisPlaceKind.SANCTUARY, name="A sanctuary", description="Tea").pk}


def oruk_service(world: World) -> dict[str, Any]:
    return {"service_id": str(ActivityFactory.create().pk)}


def oruk_organization(world: World) -> dict[str, Any]:
    return {"organization_id": str(ActivityFactory.create().project_id)}


def oruk_location(world: World) -> dict[str, Any]:
    return {"location_id": str(ActivityFactory.create().venue_id)}


def oruk_service_at_location(world: World) -> dict[str, Any]:
    return {"service_at_location_id": str(ActivityFactory.create().service_at_location_id)}


def oruk_taxonomy(world: World) -> dict[str, Any]:
    return {"taxonomy_id": str(oruk.TAXONOMY_ID)}


def oruk_term(world: World) -> dict[str, Any]:
    return {"term_id": oruk.taxonomy_terms()[0].id}


def run(kwargs: Kwargs, other: Kwargs) -> list[Case]:
    """Managers reach every project; a lead only the projects they lead."""
    return [
        case(manager=OK, project_lead=OK, kwargs=kwargs, label="a project the lead leads"),
        case(manager=OK, project_lead=NOT_FOUND, kwargs=other, label="a project the lead does not lead"),
    ]


EXPECTATIONS = {
    "community:directory": case(**PUBLIC),
    "community:crisis": case(**PUBLIC),
    # The register as a web app: the service worker and manifest hold no person-linked data.
    "service_worker": case(**PUBLIC),
    "web_manifest": case(**PUBLIC),
    "community:activity_page": case(**PUBLIC, kwargs=public_activity),
    "community:activity_calendar": case(**PUBLIC, kwargs=public_activity),
    "community:project_calendar": case(**PUBLIC, kwargs=other_project),
    "community:project_list": case(manager=OK, project_lead=OK),
    "community:project_new": case(manager=OK),
    "community:project_detail": run(led_project, other_project),
    "community:project_edit": run(led_project, other_project),
    "community:project_lead_add": post_only(kwargs=led_project),
    "community:activity_new": run(led_project, other_project),
    "community:crisis_place_list": case(manager=OK),
    "community:crisis_place_new": case(manager=OK),
    "community:crisis_place_edit": case(manager=OK, kwargs=crisis_place),
    "community:venue_list": case(manager=OK, project_lead=OK),
    "community:venue_new": case(manager=OK),
    "community:venue_edit": case(manager=OK, kwargs=lambda world: {"venue_id": VenueFactory.create().pk}),
    "community:activity_detail": run(led_activity, other_activity),
    "community:activity_edit": run(led_activity, other_activity),
    "community:schedule_new": run(led_activity, other_activity),
    "community:sessions_generate": post_only(kwargs=led_activity),
    "community:closure_new": run(led_activity, other_activity),
    "community:enrolments": run(led_activity, other_activity),
    "community:enrol": post_only(kwargs=led_activity),
    "community:enrolment_complete": post_only(kwargs=enrolment),
    "community:enrolment_withdraw": post_only(kwargs=enrolment),
    "community:session_detail": run(led_session, other_session),
    "community:session_cancel": post_only(kwargs=led_session),
    "community:session_roster_add": post_only(kwargs=led_session),
    "community:my_sessions": case(manager=OK, project_lead=OK, volunteer=OK),
    "community:register": [
        case(manager=OK, project_lead=OK, volunteer=OK, kwargs=rostered_session, label="the volunteer is on the rota"),
        case(manager=OK, project_lead=NOT_FOUND, volunteer=NOT_FOUND, kwargs=other_session, label="not on the rota, not led"),
    ],
    "community:register_mark": post_only(kwargs=mark),
    "community:register_unmark": post_only(kwargs=mark),
    "community:register_headcount": post_only(kwargs=rostered_session),
    "community:register_new_regular": [
        case(manager=OK, project_lead=OK, volunteer=OK, kwargs=rostered_session),
        case(manager=OK, project_lead=NOT_FOUND, volunteer=NOT_FOUND, kwargs=other_session),
    ],
    "community:figures": case(manager=OK, project_lead=OK, commissioner=OK),
    "community:project_figures": [
        case(manager=OK, project_lead=OK, commissioner=OK, kwargs=led_project),
        case(manager=OK, project_lead=NOT_FOUND, commissioner=OK, kwargs=other_project),
    ],
    "community:person_projects": [
        case(str_worker=OK, manager=OK, kwargs=caseload_person, label="on the worker's caseload"),
        case(str_worker=NOT_FOUND, manager=OK, kwargs=stranger, label="on no caseload of the worker's"),
    ],
    "openreferral:root": case(**PUBLIC),
    "openreferral:services": case(**PUBLIC),
    "openreferral:service": case(**PUBLIC, kwargs=oruk_service),
    "openreferral:organizations": case(**PUBLIC),
    "openreferral:organization": case(**PUBLIC, kwargs=oruk_organization),
    "openreferral:locations": case(**PUBLIC),
    "openreferral:location": case(**PUBLIC, kwargs=oruk_location),
    "openreferral:service_at_locations": case(**PUBLIC),
    "openreferral:service_at_location": case(**PUBLIC, kwargs=oruk_service_at_location),
    "openreferral:taxonomies": case(**PUBLIC),
    "openreferral:taxonomy": case(**PUBLIC, kwargs=oruk_taxonomy),
    "openreferral:taxonomy_terms": case(**PUBLIC),
    "openreferral:taxonomy_term": case(**PUBLIC, kwargs=oruk_term),
}
