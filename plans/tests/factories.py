from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from accounts.tests.factories import UserFactory
from people.models import Person
from plans import services
from plans.documents import KINDS, Kind
from plans.models import CrisisPlanShare, GoalProgress, PlanDocument, PlanVersion

SAMPLE_CONTENT: dict[Kind, dict[str, object]] = {
    Kind.PROFILE: {"appreciations": "Kind and funny", "important_to_me": "My dog, Biscuit", "how_to_support_me": "Text before calling"},
    Kind.PATH: {"dream": "A home with a garden", "goal": "Volunteer at the allotment", "first_step": "Visit the allotment"},
    Kind.WORKING: {"person_working": "Walking every day", "person_not_working": "Sleeping late"},
    Kind.GOAL: {"title": "Go to the Tuesday walking group", "steps": "Find the bus\nGo with Sam once", "owner": "person"},
    Kind.WRAP: {"toolbox": "Music, walking, my sister", "triggers_signs": "Loud places"},
    Kind.CRISIS: {"supporters": "Jo (sister) 07700 900123", "not_involved": "My uncle", "pets": "Neighbour feeds the cat"},
}


def make_plan(person: Person, kind: Kind = Kind.PROFILE, *, by: User | None = None, **content: object) -> PlanDocument:
    """A document with one version, saved through the service as the app does."""
    author = by or UserFactory.create(role=Role.STR_WORKER)
    version = services.save_plan(by=author, person=person, kind=KINDS[kind], content={**SAMPLE_CONTENT[kind], **content})
    return version.document


class GoalProgressFactory(factory.django.DjangoModelFactory[GoalProgress]):
    class Meta:
        model = GoalProgress

    recorded_on = factory.LazyFunction(timezone.localdate)
    rating = 4
    note = "Went once, it was fine"
    recorded_by = factory.SubFactory(UserFactory, role=Role.STR_WORKER)
    author_role = Role.STR_WORKER


class CrisisPlanShareFactory(factory.django.DjangoModelFactory[CrisisPlanShare]):
    class Meta:
        model = CrisisPlanShare

    recipient_name = "Dr Patel"
    organisation = "Crisis team"
    what_was_shared = "The whole crisis plan"
    shared_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))
    consent_given = True
    recorded_by = factory.SubFactory(UserFactory, role=Role.STR_WORKER)
    consented_version = factory.LazyAttribute(lambda share: share.plan.current_version)


__all__ = ["CrisisPlanShareFactory", "GoalProgressFactory", "PlanVersion", "make_plan"]
