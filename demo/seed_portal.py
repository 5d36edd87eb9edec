"""The demo member's own pages: Alex Rowe's profile, goals, WRAP, crisis plan, a course place and
some history of who looked at their record. Safe to run twice (it stops if Alex has a profile)."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from audit.models import AuditEvent
from community.models import Activity, Enrolment, EnrolmentChange, EnrolmentStatus
from people.models import Person
from plans import services as plan_services
from plans.documents import KINDS, Kind
from plans.models import PlanDocument

CONTENT: dict[Kind, dict[str, object]] = {
    Kind.PROFILE: {
        "appreciations": "Kind, good at fixing bikes, makes people laugh",
        "important_to_me": "My dog Pepper, my sister Jo, being outdoors",
        "how_to_support_me": "Text me before you call. Give me time to think.",
    },
    Kind.PATH: {"dream": "A job fixing bikes and a home with a garden", "first_step": "Visit the bike project on Saturday"},
    Kind.WRAP: {
        "toolbox": "Walking Pepper by the canal, music, ringing Jo",
        "when_well": "Up early, cooking, chatty",
        "triggers_signs": "Letters about money, loud places",
        "early_warning_signs": "Not sleeping, stopping cooking",
        "early_warning_must_do": "Tell my worker",
    },
    Kind.CRISIS: {
        "supporters": "Jo (sister) 07700 900456",
        "preferred_places": "At home if I can",
        "pets": "Neighbour at number 12 feeds Pepper",
    },
}
GOALS = ["Go to the bike project every Saturday", "Sleep before midnight most nights"]


def seed_portal(*, rng: random.Random, users: dict[str, User], people: list[Person]) -> None:
    member = next((person for person in people if person.user_id == users["member"].pk), None)
    if member is None or PlanDocument.objects.filter(person=member, kind=Kind.PROFILE.value).exists():
        return
    worker = users["worker"]
    for kind, content in CONTENT.items():
        plan_services.save_plan(by=worker, person=member, kind=KINDS[kind], content=content)
    today = timezone.localdate()
    for title in GOALS:
        goal = plan_services.save_plan(
            by=worker, person=member, kind=KINDS[Kind.GOAL], content={"title": title, "owner": "person"}
        ).document
        plan_services.record_goal_progress(
            by=worker,
            goal=goal,
            recorded_on=today - timedelta(days=7),
            rating=rng.randint(2, 5),
            note="A good start",
            in_persons_words=False,
        )
    course = Activity.objects.filter(is_course=True).order_by("name").first()
    if course is not None:
        enrolment, created = Enrolment.objects.get_or_create(activity=course, person=member, defaults={"status": EnrolmentStatus.ENROLLED})
        if created:
            EnrolmentChange.objects.create(enrolment=enrolment, to_status=EnrolmentStatus.ENROLLED, changed_by=users["manager"])
    now = timezone.now()
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                occurred_at=now - timedelta(days=days, hours=rng.randint(0, 8)),
                user=user,
                user_role=user.role,
                action=AuditEvent.Action.VIEW,
                person_id=member.pk,
                object_type="people.person",
                object_id=str(member.pk),
            )
            for days, user in ((1, worker), (3, worker), (9, users["manager"]), (20, worker))
        ]
    )
