from collections.abc import Callable

from conftest import World
from hub.tests.factories import ResourceFactory, SignpostingFactory
from star.tests.access_matrix import NOT_FOUND, OK, case, post_only


def resource(world: World) -> dict[str, object]:
    return {"resource_id": ResourceFactory.create().pk}


def caseload_person(world: World) -> dict[str, object]:
    return {"person_id": world.caseload_person.pk}


def stranger(world: World) -> dict[str, object]:
    return {"person_id": world.stranger.pk}


def signposting(*, of_stranger: bool = False) -> Callable[[World], dict[str, object]]:
    def kwargs(world: World) -> dict[str, object]:
        person = world.stranger if of_stranger else world.caseload_person
        return {"signposting_id": SignpostingFactory.create(person=person, signposted_by=world.worker).pk}

    return kwargs


def own_signposting(world: World) -> dict[str, object]:
    return {"signposting_id": SignpostingFactory.create(person=world.member_person).pk}


def feed(world: World) -> dict[str, object]:
    from hub.models import Feed

    return {"feed_id": Feed.objects.create(name="Partner", url="http://127.0.0.1:9/", added_by=world.manager).pk}


def rostered_session(world: World) -> dict[str, object]:
    """A session the volunteer is on the rota for, of a project the lead leads."""
    from community.tests.factories import ActivityFactory, ProjectLeadFactory, SessionFactory, SessionRosterFactory

    session = SessionFactory.create(activity=ActivityFactory.create(project=ProjectLeadFactory.create(user=world.lead).project))
    SessionRosterFactory.create(session=session, user=world.volunteer)
    return {"session_id": session.pk}


def other_session(world: World) -> dict[str, object]:
    from community.tests.factories import SessionFactory

    return {"session_id": SessionFactory.create().pk}


EXPECTATIONS = {
    "hub:hub": case(anonymous=OK, default=OK),
    "hub:resource": case(anonymous=OK, default=OK, kwargs=resource),
    "hub:resource_list": case(manager=OK, project_lead=OK),
    "hub:resource_new": case(manager=OK, project_lead=OK),
    "hub:resource_edit": case(manager=OK, project_lead=OK, kwargs=resource),
    "hub:resource_retire": post_only(resource),
    "hub:feed_list": case(manager=OK),
    "hub:feed_refresh": post_only(feed),
    "hub:figures": case(manager=OK, commissioner=OK),
    "hub:person_signposting": [
        case(str_worker=OK, manager=OK, kwargs=caseload_person),
        case(str_worker=NOT_FOUND, manager=OK, kwargs=stranger),
    ],
    "hub:signpost_new": [
        case(str_worker=OK, manager=OK, kwargs=caseload_person),
        case(str_worker=NOT_FOUND, manager=OK, kwargs=stranger),
    ],
    "hub:follow_ups": case(str_worker=OK, manager=OK),
    "hub:signpost_at_drop_in": [
        case(manager=OK, project_lead=OK, volunteer=OK, kwargs=rostered_session, label="the volunteer is on the rota"),
        case(manager=OK, project_lead=NOT_FOUND, volunteer=NOT_FOUND, kwargs=other_session, label="not on the rota, not led"),
    ],
    "hub:follow_up": [
        case(str_worker=OK, manager=OK, kwargs=signposting()),
        case(str_worker=NOT_FOUND, manager=OK, kwargs=signposting(of_stranger=True)),
    ],
    "hub:my_signposting": case(member=OK),
    "hub:my_saved": case(member=OK),
    "hub:save": post_only(resource),
    "hub:unsave": post_only(resource),
    "hub:my_answer": case(member=OK, kwargs=own_signposting),
}
