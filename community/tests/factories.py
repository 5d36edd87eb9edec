from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from community.models import (
    Activity,
    ActivityCategory,
    ActivityKind,
    Attendance,
    Project,
    ProjectLead,
    ProjectMembership,
    Schedule,
    Session,
    SessionRoster,
    Venue,
)
from people.tests.factories import PersonFactory


class ProjectFactory(factory.django.DjangoModelFactory[Project]):
    class Meta:
        model = Project

    name = factory.Sequence(lambda n: f"Peer project {n}")
    description = "A peer-support drop-in run by people with lived experience."
    who_it_is_for = "Adults in Birmingham who would like peer support"
    lead_organisation = "Friends in Mind"
    contact_email = "hello@example.org"


class ProjectLeadFactory(factory.django.DjangoModelFactory[ProjectLead]):
    class Meta:
        model = ProjectLead

    project = factory.SubFactory(ProjectFactory)


class VenueFactory(factory.django.DjangoModelFactory[Venue]):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"Community centre {n}")
    address_1 = "1 High Street"
    postcode = "B13 9AB"
    area = "Moseley"
    step_free_access = True
    public_transport = "Buses 50 and 35 stop outside"
    directions = "The green door next to the library"


class ActivityFactory(factory.django.DjangoModelFactory[Activity]):
    class Meta:
        model = Activity

    project = factory.SubFactory(ProjectFactory)
    venue = factory.SubFactory(VenueFactory)
    name = factory.Sequence(lambda n: f"Tuesday drop-in {n}")
    description = "Tea, a chat and peer support."
    kind = ActivityKind.DROP_IN
    category = ActivityCategory.PEER_SUPPORT
    how_to_join = "Just turn up."


class ScheduleFactory(factory.django.DjangoModelFactory[Schedule]):
    class Meta:
        model = Schedule

    activity = factory.SubFactory(ActivityFactory)
    weekday = 1
    opens_at = datetime.time(10, 0)
    closes_at = datetime.time(12, 0)
    valid_from = datetime.date(2026, 1, 1)


def _start() -> datetime.datetime:
    return timezone.now().replace(microsecond=0) - datetime.timedelta(minutes=30)


class SessionFactory(factory.django.DjangoModelFactory[Session]):
    class Meta:
        model = Session

    activity = factory.SubFactory(ActivityFactory)
    starts_at = factory.LazyFunction(_start)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))


class SessionRosterFactory(factory.django.DjangoModelFactory[SessionRoster]):
    class Meta:
        model = SessionRoster

    session = factory.SubFactory(SessionFactory)


class MembershipFactory(factory.django.DjangoModelFactory[ProjectMembership]):
    class Meta:
        model = ProjectMembership

    project = factory.SubFactory(ProjectFactory)
    person = factory.SubFactory(PersonFactory)


class AttendanceFactory(factory.django.DjangoModelFactory[Attendance]):
    class Meta:
        model = Attendance

    session = factory.SubFactory(SessionFactory)
    person = factory.SubFactory(PersonFactory)
