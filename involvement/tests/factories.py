from __future__ import annotations

import datetime
import uuid

import factory
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from involvement.deadlines import complaint_deadlines
from involvement.models import (
    ActivityFormat,
    ActivityType,
    ComplaintStatus,
    Decision,
    Feedback,
    FeedbackChannel,
    FeedbackKind,
    FeedbackTheme,
    InvolvementActivity,
    Participant,
)
from involvement.models.decisions import DecidedBy
from people.tests.factories import PersonFactory


class ActivityFactory(factory.django.DjangoModelFactory[InvolvementActivity]):
    class Meta:
        model = InvolvementActivity

    activity_type = ActivityType.STEERING_GROUP
    title = factory.Sequence(lambda n: f"Steering group {n}")
    held_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=7))
    purpose = "Plan the year's drop-ins"
    format = ActivityFormat.IN_PERSON
    languages = "English"
    recorded_by = factory.SubFactory(UserFactory, role=Role.MANAGER)


class ParticipantFactory(factory.django.DjangoModelFactory[Participant]):
    class Meta:
        model = Participant

    activity = factory.SubFactory(ActivityFactory)
    person = factory.SubFactory(PersonFactory)
    added_by = factory.SubFactory(UserFactory, role=Role.MANAGER)


class ThemeFactory(factory.django.DjangoModelFactory[FeedbackTheme]):
    class Meta:
        model = FeedbackTheme
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Theme {n}")


class FeedbackFactory(factory.django.DjangoModelFactory[Feedback]):
    class Meta:
        model = Feedback

    kind = FeedbackKind.IDEA
    message = "Could the Tuesday drop-in open earlier?"
    channel = FeedbackChannel.PUBLIC_FORM
    received_at = factory.LazyFunction(timezone.now)
    submission_token = factory.LazyFunction(uuid.uuid4)


class ComplaintFactory(FeedbackFactory):
    kind = FeedbackKind.COMPLAINT
    message = "Nobody rang me back"
    status = ComplaintStatus.RECEIVED
    acknowledge_by = factory.LazyAttribute(
        lambda f: complaint_deadlines(received_on=timezone.localdate(f.received_at), about_personal_information=False)[0]
    )
    respond_by = factory.LazyAttribute(
        lambda f: complaint_deadlines(received_on=timezone.localdate(f.received_at), about_personal_information=False)[1]
    )


class DecisionFactory(factory.django.DjangoModelFactory[Decision]):
    class Meta:
        model = Decision

    title = "Tuesday drop-in opens at 10"
    decision = "Open the Tuesday drop-in an hour earlier"
    reason = "Members asked for a morning session"
    decided_on = factory.LazyFunction(timezone.localdate)
    decided_by = DecidedBy.STEERING_GROUP
    you_said = "The Tuesday drop-in should start earlier."
    we_did = "It now opens at 10am."
    recorded_by = factory.SubFactory(UserFactory, role=Role.MANAGER)
