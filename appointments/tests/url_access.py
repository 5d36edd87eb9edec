from appointments.tests.factories import AppointmentFactory
from conftest import World
from enablement.tests.factories import EpisodeFactory
from star.tests.access_matrix import NOT_FOUND, OK, Case, case, post_only


def caseload_episode(world: World) -> dict[str, object]:
    return {"episode_id": EpisodeFactory.create(person=world.caseload_person, worker=world.worker).pk}


def stranger_episode(world: World) -> dict[str, object]:
    return {"episode_id": EpisodeFactory.create(person=world.stranger, worker=world.other_worker).pk}


def caseload_appointment(world: World) -> dict[str, object]:
    episode = EpisodeFactory.create(person=world.caseload_person, worker=world.worker)
    return {"appointment_id": AppointmentFactory.create(episode=episode).pk}


def stranger_appointment(world: World) -> dict[str, object]:
    episode = EpisodeFactory.create(person=world.stranger, worker=world.other_worker)
    return {"appointment_id": AppointmentFactory.create(episode=episode).pk}


def episode_cases() -> list[Case]:
    return [
        case(str_worker=OK, manager=OK, kwargs=caseload_episode, label="on the worker's caseload"),
        case(str_worker=NOT_FOUND, manager=OK, kwargs=stranger_episode, label="on someone else's caseload"),
    ]


def appointment_cases() -> list[Case]:
    return [
        case(str_worker=OK, manager=OK, kwargs=caseload_appointment, label="with someone on the worker's caseload"),
        case(str_worker=NOT_FOUND, manager=OK, kwargs=stranger_appointment, label="with someone on another caseload"),
    ]


def no_feed(world: World) -> dict[str, object]:
    return {"token": "not-a-real-link"}


EXPECTATIONS = {
    "appointments:diary": case(str_worker=OK, manager=OK),
    "appointments:book": episode_cases(),
    "appointments:appointment": appointment_cases(),
    "appointments:cancel": post_only(kwargs=caseload_appointment),
    "appointments:diary_link": case(str_worker=OK, manager=OK),
    # A feed link that does not exist (or was stopped) is a 404 for everyone: the token is the key.
    "appointments:feed": case(anonymous=NOT_FOUND, default=NOT_FOUND, kwargs=no_feed),
}
