"""Who may use each interop URL. The API takes tokens only: a signed-in session, whatever its
role, is 401 there; token scopes are tested in test_api.py."""

from typing import Any

from conftest import World
from people.tests.factories import PersonFactory
from star.tests.access_matrix import NOT_FOUND, OK, UNAUTHORISED, Case, case, post_only


def token(world: World) -> dict[str, Any]:
    from interop.tests.factories import make_token

    return {"token_id": make_token(account=world.manager, created_by=world.admin)[0].pk}


def caseload_person(world: World) -> dict[str, Any]:
    return {"person_id": world.caseload_person.pk}


def stranger(world: World) -> dict[str, Any]:
    return {"person_id": world.stranger.pk}


def unknown_person(world: World) -> dict[str, Any]:
    return {"person_id": PersonFactory.build().pk}


def crisis_share(world: World) -> dict[str, Any]:
    from plans.documents import Kind
    from plans.tests.factories import CrisisPlanShareFactory, make_plan

    plan = make_plan(world.caseload_person, Kind.CRISIS, by=world.worker)
    return {"person_id": world.caseload_person.pk, "share_id": CrisisPlanShareFactory.create(plan=plan, recorded_by=world.worker).pk}


def stranger_crisis_share(world: World) -> dict[str, Any]:
    from plans.documents import Kind
    from plans.tests.factories import CrisisPlanShareFactory, make_plan

    plan = make_plan(world.stranger, Kind.CRISIS, by=world.other_worker)
    return {"person_id": world.stranger.pk, "share_id": CrisisPlanShareFactory.create(plan=plan, recorded_by=world.other_worker).pk}


def import_run(world: World) -> dict[str, Any]:
    from interop.tests.legacy_factories import make_run

    return {"run_id": make_run(by=world.manager, columns=True).pk}


def running_import(world: World) -> dict[str, Any]:
    from interop.legacy import progress
    from interop.legacy.models import ImportRun
    from interop.tests.legacy_factories import make_run

    run = make_run(by=world.manager, columns=True)
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.IMPORTING)
    progress.report(run.pk, phase="importing", done=1, total=3)
    return {"run_id": run.pk}


def referrals_run(world: World) -> dict[str, Any]:
    from interop.tests.legacy_factories import REFERRAL_COLUMNS, REFERRAL_HEADINGS, make_kind_run

    rows = [["R1", "DC000001", "02/01/2024", "GP", "Withdrawn", "", "yes", ""]]
    run = make_kind_run(by=world.manager, kind="referrals", headings=REFERRAL_HEADINGS, rows=rows, columns=REFERRAL_COLUMNS)
    return {"run_id": run.pk}


def api() -> Case:
    return case(anonymous=UNAUTHORISED, default=UNAUTHORISED)


def open_to_all() -> Case:
    return case(anonymous=OK, default=OK)


EXPECTATIONS = {
    "interop:api_schema": open_to_all(),
    "interop:api_docs": open_to_all(),
    "interop:api_people": api(),
    "interop:api_referrals": api(),
    "interop:api_episodes": api(),
    "interop:api_contacts": api(),
    "interop:api_attendances": api(),
    "interop:api_fhir_service_request": api(),
    "interop:api_fhir_not_found": case(anonymous=NOT_FOUND, default=NOT_FOUND, kwargs=lambda world: {"rest": "Patient"}),
    "interop:export_list": case(manager=OK),
    "interop:export_csv": case(manager=OK, kwargs=lambda world: {"list_name": "people"}),
    "interop:legacy_start": case(manager=OK),
    "interop:legacy_map": [case(manager=OK, kwargs=import_run), case(manager=OK, kwargs=referrals_run, label="a referrals file")],
    "interop:legacy_preview": [case(manager=OK, kwargs=import_run), case(manager=OK, kwargs=referrals_run, label="a referrals file")],
    "interop:legacy_import": post_only(kwargs=import_run),
    "interop:legacy_result": [
        case(manager=OK, kwargs=import_run),
        case(manager=OK, kwargs=running_import, label="while the import runs (the progress bar)"),
    ],
    "interop:legacy_refused_rows": case(manager=OK, kwargs=import_run),
    "interop:legacy_problems": [case(manager=OK, kwargs=import_run), case(manager=OK, kwargs=referrals_run, label="a referrals file")],
    "interop:export_xlsx": case(manager=OK, kwargs=lambda world: {"list_name": "people"}),
    "interop:token_list": case(admin=OK),
    "interop:token_new": case(admin=OK),
    "interop:token_detail": case(admin=OK, kwargs=token),
    "interop:token_revoke": post_only(kwargs=token),
    "interop:token_expire": post_only(kwargs=token),
    "interop:crisis_plan": [
        case(str_worker=OK, manager=OK, kwargs=caseload_person),
        case(str_worker=NOT_FOUND, manager=OK, kwargs=stranger),
    ],
    "interop:crisis_plan_fhir": [
        case(str_worker=OK, manager=OK, kwargs=crisis_share),
        case(str_worker=NOT_FOUND, manager=OK, kwargs=stranger_crisis_share),
    ],
    "interop:crisis_plan_consent": post_only(kwargs=lambda world: {**crisis_share(world), "change": "renew"}),
    "interop:crisis_plan_pdf": [
        case(str_worker=OK, manager=OK, kwargs=crisis_share),
        case(str_worker=NOT_FOUND, manager=OK, kwargs=stranger_crisis_share),
    ],
    "interop:fhir_record": [
        case(str_worker=OK, manager=OK, kwargs=caseload_person, label="on the worker's caseload"),
        case(str_worker=NOT_FOUND, manager=OK, kwargs=stranger, label="on no caseload of the worker's"),
        case(str_worker=NOT_FOUND, manager=NOT_FOUND, kwargs=unknown_person, label="no such person"),
    ],
}
