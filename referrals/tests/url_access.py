from conftest import World
from referrals.models import Referral
from referrals.tests.factories import ReferralFactory
from star.tests.access_matrix import NOT_FOUND, OK, REDIRECT, case, post_only


def awaiting_triage_for_stranger(world: World) -> dict[str, object]:
    return {"referral_id": ReferralFactory.create(person=world.stranger).pk}


def allocated_for_stranger(world: World) -> dict[str, object]:
    return {"referral_id": ReferralFactory.create(person=world.stranger, status=Referral.Status.ALLOCATED).pk}


def allocated_for_caseload_person(world: World) -> dict[str, object]:
    return {"referral_id": ReferralFactory.create(person=world.caseload_person, status=Referral.Status.ALLOCATED).pk}


def waiting(world: World) -> dict[str, object]:
    return {"referral_id": ReferralFactory.create(person=world.stranger, status=Referral.Status.WAITING).pk}


EXPECTATIONS = {
    "referrals:self_referral": case(anonymous=OK, default=OK, label="public: no account needed"),
    "referrals:self_referral_sent": case(anonymous=OK, default=OK, label="public: no account needed"),
    "referrals:new": case(str_worker=OK, manager=OK),
    "referrals:triage_queue": case(str_worker=OK, manager=OK),
    "referrals:waiting_list": case(str_worker=OK, manager=OK),
    "referrals:detail": [
        case(str_worker=OK, manager=OK, kwargs=awaiting_triage_for_stranger, label="awaiting triage: a service-wide duty"),
        case(str_worker=NOT_FOUND, manager=OK, kwargs=allocated_for_stranger, label="allocated, someone else's caseload"),
        case(str_worker=OK, manager=OK, kwargs=allocated_for_caseload_person, label="allocated, the worker's caseload"),
    ],
    "referrals:triage": [
        case(str_worker=OK, manager=OK, kwargs=awaiting_triage_for_stranger),
        case(str_worker=NOT_FOUND, manager=REDIRECT, kwargs=allocated_for_stranger, label="already decided"),
    ],
    "referrals:referrer_told": post_only(kwargs=awaiting_triage_for_stranger),
    "referrals:identity_checked": post_only(kwargs=awaiting_triage_for_stranger),
    "referrals:withdraw": [
        case(str_worker=OK, manager=OK, kwargs=awaiting_triage_for_stranger),
        case(str_worker=NOT_FOUND, manager=OK, kwargs=allocated_for_stranger, label="the page explains it cannot be withdrawn"),
    ],
    "referrals:allocate": [
        case(manager=OK, kwargs=waiting),
        case(manager=REDIRECT, kwargs=awaiting_triage_for_stranger, label="not triaged yet"),
    ],
}
