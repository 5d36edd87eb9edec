"""A hand-counted world for Q3 2025/26 (October to December 2025) and the quarter before.

Person A: referred 1 Sep 2025 (CMHT); episode 15 Sep to 20 Oct 2025 (spans Q2 and Q3), moved on
to a user-led project; contacts 20 Sep (60 min), 5 Oct (30 min), 12 Oct (did not attend).
Person B: re-referred: GP 1 Oct and self 1 Nov 2025; episode 2 to 30 Oct (moved on: none) and a
second episode from 5 Nov, still open; contact 10 Nov (90 min).
Drop-in: 7 Oct session with A and B named and 3 counted; 14 Oct session cancelled (A marked, 4
counted: none of it counts). Group: 4 Nov session with A named.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.utils import timezone

from accounts.models import User
from community.models import ActivityKind
from community.tests.factories import ActivityFactory, AttendanceFactory, SessionFactory
from enablement.models import Contact, Episode, MoveOn
from enablement.tests.factories import ContactFactory, EpisodeFactory
from people.models import Person
from people.tests.factories import PersonFactory
from referrals.models import Referral
from referrals.tests.factories import ReferralFactory

LONDON = ZoneInfo("Europe/London")


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=LONDON)


@dataclass
class Fixture:
    a: Person
    b: Person


def build(worker: User) -> Fixture:
    a, b = (
        PersonFactory.create(given_name="Ada", family_name="Quarterspan"),
        PersonFactory.create(given_name="Bea", family_name="Rereferred"),
    )
    ref_a = ReferralFactory.create(
        person=a,
        source=Referral.Source.CMHT,
        received_at=at(date(2025, 9, 1)),
        complexity=3,
        decision="enablement",
        triaged_at=at(date(2025, 9, 2)),
    )
    ep_a = EpisodeFactory.create(
        person=a, worker=worker, referral=ref_a, started_on=date(2025, 9, 15), status=Episode.Status.ENDED, ended_on=date(2025, 10, 20)
    )
    MoveOn.objects.create(
        episode=ep_a,
        person=a,
        destination=MoveOn.Destination.USER_LED,
        reason="Likes the group",
        ended_on=date(2025, 10, 20),
        recorded_by=worker,
    )
    ContactFactory.create(episode=ep_a, contact_date=date(2025, 9, 20), minutes=60)
    ContactFactory.create(episode=ep_a, contact_date=date(2025, 10, 5), minutes=30)
    ContactFactory.create(episode=ep_a, contact_date=date(2025, 10, 12), minutes=45, outcome=Contact.Outcome.DID_NOT_ATTEND)

    ref_b1 = ReferralFactory.create(person=b, source=Referral.Source.GP, received_at=at(date(2025, 10, 1)), complexity=4)
    ReferralFactory.create(person=b, source=Referral.Source.SELF, received_at=at(date(2025, 11, 1)), complexity=2)
    ep_b1 = EpisodeFactory.create(
        person=b, worker=worker, referral=ref_b1, started_on=date(2025, 10, 2), status=Episode.Status.ENDED, ended_on=date(2025, 10, 30)
    )
    MoveOn.objects.create(
        episode=ep_b1, person=b, destination=MoveOn.Destination.NONE, reason="Moved away", ended_on=date(2025, 10, 30), recorded_by=worker
    )
    ep_b2 = EpisodeFactory.create(person=b, worker=worker, started_on=date(2025, 11, 5))
    ContactFactory.create(episode=ep_b2, contact_date=date(2025, 11, 10), minutes=90)

    drop_in = ActivityFactory.create(kind=ActivityKind.DROP_IN)
    ran = SessionFactory.create(activity=drop_in, starts_at=at(date(2025, 10, 7)), ends_at=at(date(2025, 10, 7), 12), headcount=3)
    AttendanceFactory.create(session=ran, person=a)
    AttendanceFactory.create(session=ran, person=b)
    cancelled = SessionFactory.create(
        activity=drop_in, starts_at=at(date(2025, 10, 14)), ends_at=at(date(2025, 10, 14), 12), headcount=4, cancelled_at=timezone.now()
    )
    AttendanceFactory.create(session=cancelled, person=a)
    group = ActivityFactory.create(kind=ActivityKind.GROUP, project=drop_in.project)
    AttendanceFactory.create(
        session=SessionFactory.create(activity=group, starts_at=at(date(2025, 11, 4)), ends_at=at(date(2025, 11, 4), 12)), person=a
    )
    return Fixture(a, b)
