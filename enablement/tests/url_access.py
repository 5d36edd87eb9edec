from conftest import World
from enablement.tests.factories import EpisodeFactory
from star.tests.access_matrix import NOT_FOUND, OK, Case, case


def caseload_episode(world: World) -> dict[str, object]:
    return {"episode_id": EpisodeFactory.create(person=world.caseload_person, worker=world.worker).pk}


def stranger_episode(world: World) -> dict[str, object]:
    return {"episode_id": EpisodeFactory.create(person=world.stranger, worker=world.other_worker).pk}


def episode_cases() -> list[Case]:
    return [
        case(str_worker=OK, manager=OK, kwargs=caseload_episode, label="on the worker's caseload"),
        case(str_worker=NOT_FOUND, manager=OK, kwargs=stranger_episode, label="on someone else's caseload"),
    ]


EXPECTATIONS = {
    "enablement:my_caseload": case(str_worker=OK),
    "enablement:overdue_reviews": case(manager=OK),
    "enablement:episode": episode_cases(),
    "enablement:contact_new": episode_cases(),
    "enablement:review_new": episode_cases(),
    "enablement:episode_end": episode_cases(),
}
