from accounts.roles import Role
from accounts.tests.factories import UserFactory
from conftest import World
from people.tests.factories import PersonFactory
from plans.documents import Kind
from plans.tests.factories import make_plan
from portal.models import MemberLink
from portal.tests.factories import make_download, make_link
from star.tests.access_matrix import NOT_FOUND, OK, case, post_only


def caseload_person(world: World) -> dict[str, object]:
    return {"person_id": world.caseload_person.pk}


def stranger(world: World) -> dict[str, object]:
    return {"person_id": world.stranger.pk}


def own_goal(world: World) -> dict[str, object]:
    return {"goal_id": make_plan(world.member_person, Kind.GOAL).pk}


def another_members_goal(world: World) -> dict[str, object]:
    other = PersonFactory.create(user=UserFactory.create(role=Role.MEMBER))
    return {"goal_id": make_plan(other, Kind.GOAL).pk}


def own_download(world: World) -> dict[str, object]:
    return {"download_id": make_download(world.member_person, world.member).pk}


def own_crisis_share(world: World) -> dict[str, object]:
    from plans.documents import Kind
    from plans.tests.factories import CrisisPlanShareFactory, make_plan

    return {"share_id": CrisisPlanShareFactory.create(plan=make_plan(world.member_person, Kind.CRISIS)).pk}


def own_appointment(world: World) -> dict[str, object]:
    from appointments.tests.factories import AppointmentFactory
    from enablement.tests.factories import EpisodeFactory

    return {"appointment_id": AppointmentFactory.create(episode=EpisodeFactory.create(person=world.member_person)).pk}


def another_members_download(world: World) -> dict[str, object]:
    other_member = UserFactory.create(role=Role.MEMBER)
    return {"download_id": make_download(PersonFactory.create(user=other_member), other_member).pk}


def invitation(world: World) -> dict[str, object]:
    return {"token": make_link(world.member, MemberLink.Purpose.INVITATION)}


def sign_in_link(world: World) -> dict[str, object]:
    return {"token": make_link(world.member, MemberLink.Purpose.SIGN_IN)}


MEMBER_ONLY = case(member=OK)
PUBLIC = case(anonymous=OK, default=OK)

EXPECTATIONS = {
    "portal:home": MEMBER_ONLY,
    "portal:profile": MEMBER_ONLY,
    "portal:plan": MEMBER_ONLY,
    "portal:goal": [
        case(member=OK, kwargs=own_goal, label="the member's own goal"),
        case(member=NOT_FOUND, kwargs=another_members_goal, label="another member's goal"),
    ],
    "portal:document": [
        case(member=OK, kwargs=lambda world: {"kind": "wrap"}),
        case(member=OK, kwargs=lambda world: {"kind": "crisis"}),
        case(member=NOT_FOUND, kwargs=lambda world: {"kind": "profile"}, label="not editable here"),
    ],
    "portal:edit_document": [
        case(member=OK, kwargs=lambda world: {"kind": "wrap"}),
        case(member=NOT_FOUND, kwargs=lambda world: {"kind": "path"}, label="not editable by members"),
    ],
    "portal:appointments": MEMBER_ONLY,
    "portal:cancel_appointment": post_only(kwargs=own_appointment),
    "portal:access_log": MEMBER_ONLY,
    "portal:consents": MEMBER_ONLY,
    "portal:download": MEMBER_ONLY,
    "portal:make_download": post_only(),
    "portal:stop_sharing": post_only(kwargs=own_crisis_share),
    "portal:download_ready": [
        case(member=OK, kwargs=own_download, label="the member's own copy"),
        case(member=NOT_FOUND, kwargs=another_members_download, label="another member's copy"),
    ],
    "portal:download_read": [
        case(member=OK, kwargs=own_download, label="the member's own copy"),
        case(member=NOT_FOUND, kwargs=another_members_download, label="another member's copy"),
    ],
    "portal:download_file": [
        case(member=OK, kwargs=lambda world: {**own_download(world), "file_format": "pdf"}, label="own PDF"),
        case(member=OK, kwargs=lambda world: {**own_download(world), "file_format": "json"}, label="own JSON"),
        case(member=NOT_FOUND, kwargs=lambda world: {**another_members_download(world), "file_format": "pdf"}, label="another's"),
    ],
    "portal:language": MEMBER_ONLY,
    "portal:accept_invitation": case(anonymous=OK, default=OK, kwargs=invitation),
    "portal:email_link": PUBLIC,
    "portal:email_link_sent": PUBLIC,
    "portal:link_sign_in": case(anonymous=OK, default=OK, kwargs=sign_in_link),
    "portal:invite": [
        case(str_worker=OK, manager=OK, kwargs=caseload_person),
        case(str_worker=NOT_FOUND, manager=OK, kwargs=stranger, label="on no caseload of the worker's"),
    ],
}
