from conftest import World
from involvement.tests.factories import (
    ActivityFactory,
    ComplaintFactory,
    DecisionFactory,
    FeedbackFactory,
    ParticipantFactory,
    ThemeFactory,
)
from star.tests.access_matrix import NOT_FOUND, OK, case, post_only


def activity(world: World) -> dict[str, object]:
    return {"activity_id": ActivityFactory.create(recorded_by=world.manager).pk}


def participant(world: World) -> dict[str, object]:
    row = ParticipantFactory.create(person=world.caseload_person, added_by=world.worker)
    return {"activity_id": row.activity_id, "participant_id": row.pk}


def feedback(world: World) -> dict[str, object]:
    return {"feedback_id": FeedbackFactory.create(person=world.member_person).pk}


def complaint(world: World) -> dict[str, object]:
    return {"feedback_id": ComplaintFactory.create().pk}


def decision(world: World) -> dict[str, object]:
    return {"decision_id": DecisionFactory.create(recorded_by=world.manager).pk}


def theme(world: World) -> dict[str, object]:
    return {"theme_id": ThemeFactory.create().pk}


def caseload_person(world: World) -> dict[str, object]:
    return {"person_id": world.caseload_person.pk}


def stranger(world: World) -> dict[str, object]:
    return {"person_id": world.stranger.pk}


PUBLIC = case(anonymous=OK, default=OK)
STAFF = case(str_worker=OK, manager=OK)

EXPECTATIONS = {
    "involvement:feedback_public": PUBLIC,
    "involvement:feedback_thanks": PUBLIC,
    "involvement:you_said_we_did": PUBLIC,
    "involvement:my_feedback": case(member=OK),
    "involvement:activity_list": STAFF,
    "involvement:activity_new": STAFF,
    "involvement:activity_detail": case(str_worker=OK, manager=OK, kwargs=activity),
    "involvement:activity_edit": case(str_worker=OK, manager=OK, kwargs=activity),
    "involvement:participant_add": case(str_worker=OK, manager=OK, kwargs=activity),
    "involvement:participant_remove": post_only(kwargs=participant),
    "involvement:payment_new": case(str_worker=OK, manager=OK, kwargs=activity),
    "involvement:feedback_list": case(manager=OK),
    "involvement:feedback_new": STAFF,
    "involvement:feedback_new_for_person": [
        case(str_worker=OK, manager=OK, kwargs=caseload_person, label="on the worker's caseload"),
        case(str_worker=NOT_FOUND, manager=OK, kwargs=stranger, label="on no caseload of the worker's"),
    ],
    "involvement:feedback_detail": [
        case(manager=OK, kwargs=feedback, label="a member's idea"),
        case(manager=OK, kwargs=complaint, label="an anonymous complaint"),
    ],
    "involvement:complaint_move": post_only(kwargs=complaint),
    "involvement:theme_list": case(manager=OK),
    "involvement:theme_toggle": post_only(kwargs=theme),
    "involvement:decision_list": case(manager=OK),
    "involvement:decision_new": case(manager=OK),
    "involvement:decision_detail": case(manager=OK, kwargs=decision),
    "involvement:decision_edit": case(manager=OK, kwargs=decision),
    "involvement:decision_publish": post_only(kwargs=decision),
    "involvement:figures": case(manager=OK),
}
