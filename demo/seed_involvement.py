"""Demo coproduction data: a year of steering group meetings and consultation events with the
members who took part, feedback of each kind, complaints at each status, and decisions with
"you said, we did" entries. Deterministic (the seeded `random.Random`) and bulk-inserted."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from involvement.deadlines import complaint_deadlines
from involvement.models import (
    ActivityFormat,
    ActivityType,
    ComplaintStatus,
    ComplaintStatusChange,
    Decision,
    Feedback,
    FeedbackChannel,
    FeedbackKind,
    FeedbackTheme,
    InvolvementActivity,
    InvolvementPayment,
    Participant,
)
from involvement.models.activities import LadderStep, PaymentMethod
from involvement.models.decisions import DecidedBy
from people.models import Person

IDEAS = [
    "Could the Tuesday drop-in open in the morning? Afternoons are hard for me.",
    "A women-only group would help people who do not feel safe in mixed groups.",
    "Please put the drop-in times on a text message reminder.",
    "Leaflets in Urdu and Polish would help my neighbours.",
    "A walking group in Cannon Hill Park in the summer.",
    "More chairs with arms at the Sparkbrook venue, please.",
]
COMPLIMENTS = [
    "My STR worker listened and never rushed me. Thank you.",
    "The peer volunteers at the Friday drop-in made me feel welcome.",
    "The cooking group has given me something to look forward to.",
    "Thank you for finding an interpreter so quickly.",
]
COMPLAINTS = [
    "Nobody rang me back after I left a message.",
    "The venue lift was broken and no one told us before we came.",
    "I was not told my appointment had moved.",
    "I asked what information you keep about me and have not heard back.",
    "The group finished early twice this month.",
]
DECISIONS = [
    (
        "Tuesday drop-in opens in the morning",
        "Members said afternoons were hard to get to.",
        "The Tuesday drop-in now runs from 10am to 1pm.",
    ),
    ("Text reminders for drop-ins", "Reminders would help people remember sessions.", "Members can now ask for a text the day before."),
    (
        "Leaflets in more languages",
        "Information should be in the languages people speak.",
        "Our leaflets are now in Urdu, Punjabi, Polish and Bengali.",
    ),
    (
        "A women-only peer group",
        "Some women do not feel safe in mixed groups.",
        "A women-only group meets every Thursday at the Ladywood venue.",
    ),
    ("Venue checks before sessions", "", ""),
]


def _at(day: date, hour: int = 11) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def seed_involvement(*, rng: random.Random, users: dict[str, User], people: list[Person]) -> None:
    manager, worker = users["manager"], users["worker"]
    today = timezone.localdate()
    themes = list(FeedbackTheme.objects.filter(active=True))
    members = people[:40]

    activities: list[InvolvementActivity] = []
    for month in range(12):
        held = today - timedelta(days=30 * month + 5)
        activities.append(
            InvolvementActivity(
                activity_type=ActivityType.STEERING_GROUP,
                title=f"Steering group, {held:%B %Y}",
                held_on=held,
                purpose="Members and staff review how the service is going and agree changes.",
                format=rng.choice([ActivityFormat.IN_PERSON, ActivityFormat.HYBRID]),
                languages="English",
                ladder_step=LadderStep.CO_PRODUCTION,
                unnamed_members=rng.randint(0, 3),
                staff=2,
                volunteers=rng.randint(0, 2),
                outcome="Actions agreed and added to the decision log." if month else "",
                recorded_by=manager,
            )
        )
    for quarter, (language, place) in enumerate(
        [
            ("English, Urdu", "Sparkbrook"),
            ("English, Punjabi", "Handsworth"),
            ("English, Polish", "Erdington"),
            ("English, Bengali", "Aston"),
        ]
    ):
        held = today - timedelta(days=90 * quarter + 20)
        activities.append(
            InvolvementActivity(
                activity_type=ActivityType.CONSULTATION,
                title=f"Consultation event, {place}",
                held_on=held,
                purpose="Ask members what they want from drop-ins and groups next year, in their first languages.",
                format=ActivityFormat.IN_PERSON,
                languages=language,
                ladder_step=LadderStep.CONSULTATION,
                unnamed_members=rng.randint(5, 15),
                staff=3,
                volunteers=2,
                carers=rng.randint(0, 4),
                partner_organisations="Birmingham Mind\nLocal mosque community centre",
                outcome="Ideas fed into the steering group.",
                recorded_by=worker,
            )
        )
    for kind, title in (
        (ActivityType.CO_DELIVERED_TRAINING, "Recovery training for new volunteers, co-delivered by members"),
        (ActivityType.INTERVIEW_PANEL, "Interview panel for two STR workers"),
        (ActivityType.SERVICE_DESIGN, "Service design workshop: the member portal"),
    ):
        activities.append(
            InvolvementActivity(
                activity_type=kind,
                title=title,
                held_on=today - timedelta(days=rng.randint(20, 300)),
                purpose="Members with lived experience shape how the service works.",
                format=ActivityFormat.HYBRID,
                languages="English",
                ladder_step=LadderStep.CO_DESIGN,
                staff=2,
                recorded_by=manager,
            )
        )
    InvolvementActivity.objects.bulk_create(activities)

    participants: list[Participant] = []
    payments: list[InvolvementPayment] = []
    for activity in activities:
        for person in rng.sample(members, rng.randint(3, 9)):
            participants.append(
                Participant(activity=activity, person=person, added_by=activity.recorded_by, added_at=_at(activity.held_on, 16))
            )
            if activity.activity_type != ActivityType.STEERING_GROUP and rng.random() < 0.6:
                payments.append(
                    InvolvementPayment(
                        activity=activity,
                        person=person,
                        amount=Decimal("20.00"),
                        method=PaymentMethod.VOUCHER,
                        paid_on=activity.held_on,
                        recorded_by=activity.recorded_by,
                    )
                )
    Participant.objects.bulk_create(participants)
    InvolvementPayment.objects.bulk_create(payments)

    feedback: list[Feedback] = []
    for index, text in enumerate(IDEAS * 2 + COMPLIMENTS * 2):
        received = _at(today - timedelta(days=rng.randint(1, 330)), rng.randint(9, 17))
        from_member = index % 3 == 0
        feedback.append(
            Feedback(
                kind=FeedbackKind.IDEA if text in IDEAS else FeedbackKind.COMPLIMENT,
                theme=rng.choice(themes) if themes else None,
                message=text,
                channel=FeedbackChannel.MEMBER_PORTAL if from_member else rng.choice([FeedbackChannel.PUBLIC_FORM, FeedbackChannel.PAPER]),
                person=rng.choice(members) if from_member else None,
                received_at=received,
                entered_by=None if from_member else worker,
            )
        )
    # Complaints at each status; the first two are overdue, one is about personal information.
    complaint_plan = [
        (ComplaintStatus.RECEIVED, 12),
        (ComplaintStatus.ACKNOWLEDGED, 45),
        (ComplaintStatus.RECEIVED, 1),
        (ComplaintStatus.INVESTIGATING, 10),
        (ComplaintStatus.RESPONDED, 60),
        (ComplaintStatus.CLOSED, 120),
        (ComplaintStatus.CLOSED, 200),
    ]
    steps = [
        ComplaintStatus.RECEIVED,
        ComplaintStatus.ACKNOWLEDGED,
        ComplaintStatus.INVESTIGATING,
        ComplaintStatus.RESPONDED,
        ComplaintStatus.CLOSED,
    ]
    history: list[tuple[int, list[tuple[str, datetime]]]] = []
    for index, (status, days_ago) in enumerate(complaint_plan):
        received = _at(today - timedelta(days=days_ago), 10)
        personal = "information you keep" in COMPLAINTS[index % len(COMPLAINTS)]
        acknowledge_by, respond_by = complaint_deadlines(received_on=received.date(), about_personal_information=personal)
        reached = steps[: steps.index(status) + 1]
        moments: list[tuple[str, datetime]] = [
            (step, received + timedelta(days=2 * position + rng.randint(0, 2))) for position, step in enumerate(reached)
        ]
        moments[0] = (ComplaintStatus.RECEIVED, received)
        when = dict(moments)
        feedback.append(
            Feedback(
                kind=FeedbackKind.COMPLAINT,
                theme=rng.choice(themes) if themes else None,
                message=COMPLAINTS[index % len(COMPLAINTS)],
                channel=FeedbackChannel.MEMBER_PORTAL if index == 0 else FeedbackChannel.PUBLIC_FORM,
                person=people[0] if index == 0 else None,
                name="" if index == 0 else "A member of the public",
                contact="" if index == 0 else "reply@example.org",
                about_personal_information=personal,
                received_at=received,
                status=status,
                acknowledge_by=acknowledge_by,
                respond_by=respond_by,
                acknowledged_at=when.get(ComplaintStatus.ACKNOWLEDGED),
                responded_at=when.get(ComplaintStatus.RESPONDED),
                closed_at=when.get(ComplaintStatus.CLOSED),
            )
        )
        history.append((len(feedback) - 1, moments))
    Feedback.objects.bulk_create(feedback)
    changes = []
    for position, moments in history:
        previous = ""
        for step, moment in moments:
            changes.append(
                ComplaintStatusChange(
                    feedback=feedback[position],
                    from_status=previous,
                    to_status=step,
                    changed_by=None if not previous else manager,
                    changed_at=moment,
                )
            )
            previous = step
    ComplaintStatusChange.objects.bulk_create(changes)

    ideas = [item for item in feedback if item.kind == FeedbackKind.IDEA]
    steering = [a for a in activities if a.activity_type == ActivityType.STEERING_GROUP]
    decisions = []
    for index, (title, you_said, we_did) in enumerate(DECISIONS):
        decided = steering[index + 1].held_on
        decisions.append(
            Decision(
                title=title,
                decision=we_did or "Check lifts and access at each venue the day before a session.",
                reason=you_said or "A complaint showed people travelled to a venue they could not get into.",
                decided_on=decided,
                decided_by=DecidedBy.STEERING_GROUP if index % 2 == 0 else DecidedBy.MANAGER,
                you_said=you_said,
                we_did=we_did,
                published_at=_at(decided + timedelta(days=3)) if you_said else None,
                published_by=manager if you_said else None,
                recorded_by=manager,
                recorded_at=_at(decided, 15),
            )
        )
    Decision.objects.bulk_create(decisions)
    Activities = Decision.activities.through
    Linked = Decision.feedback.through
    Activities.objects.bulk_create(
        [Activities(decision_id=d.pk, involvementactivity_id=steering[i + 1].pk) for i, d in enumerate(decisions)]
    )
    Linked.objects.bulk_create([Linked(decision_id=d.pk, feedback_id=ideas[i % len(ideas)].pk) for i, d in enumerate(decisions)])
