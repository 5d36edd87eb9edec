"""Demo volunteers at every stage: checks (some running out soon), training, rota slots on the
demo community sessions, hours, and expense claims waiting and decided. The demo `volunteer`
account is an active volunteer with slots."""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from accounts.models import User
from community.models import Project, ProjectLead, Session, SessionRoster
from people.models import Person
from volunteers.catalogue import ensure_catalogue
from volunteers.models import (
    ClaimStatus,
    DBSCheck,
    DBSLevel,
    ExpenseClaim,
    ExpenseKind,
    HoursEntry,
    Progression,
    Reference,
    RotaSlot,
    SlotRole,
    Source,
    Stage,
    StageChange,
    Supervision,
    TrainingCompletion,
    TrainingModule,
    Volunteer,
    WellbeingCheckIn,
)

# The path each stage took to get there.
PATHS: dict[str, list[str]] = {
    Stage.EXPRESSED_INTEREST: [Stage.EXPRESSED_INTEREST],
    Stage.APPLIED: [Stage.EXPRESSED_INTEREST, Stage.APPLIED],
    Stage.REFERENCES: [Stage.EXPRESSED_INTEREST, Stage.APPLIED, Stage.REFERENCES],
    Stage.INTERVIEWED: [Stage.EXPRESSED_INTEREST, Stage.APPLIED, Stage.REFERENCES, Stage.INTERVIEWED],
    Stage.APPROVED: [Stage.EXPRESSED_INTEREST, Stage.APPLIED, Stage.REFERENCES, Stage.INTERVIEWED, Stage.APPROVED],
    Stage.DECLINED: [Stage.EXPRESSED_INTEREST, Stage.APPLIED, Stage.REFERENCES, Stage.INTERVIEWED, Stage.DECLINED],
    Stage.ACTIVE: [Stage.EXPRESSED_INTEREST, Stage.APPLIED, Stage.REFERENCES, Stage.INTERVIEWED, Stage.APPROVED, Stage.ACTIVE],
}
PATHS[Stage.STEPPED_BACK] = [*PATHS[Stage.ACTIVE], Stage.STEPPED_BACK]
PATHS[Stage.LEFT] = [*PATHS[Stage.ACTIVE], Stage.LEFT]

OTHERS = [
    (Stage.EXPRESSED_INTEREST, Source.MEMBER),
    (Stage.EXPRESSED_INTEREST, Source.PUBLIC),
    (Stage.APPLIED, Source.PUBLIC),
    (Stage.REFERENCES, Source.STAFF),
    (Stage.INTERVIEWED, Source.MEMBER),
    (Stage.APPROVED, Source.MEMBER),
    (Stage.DECLINED, Source.PUBLIC),
    (Stage.ACTIVE, Source.MEMBER),
    (Stage.ACTIVE, Source.STAFF),
    (Stage.ACTIVE, Source.MEMBER),
    (Stage.STEPPED_BACK, Source.MEMBER),
    (Stage.LEFT, Source.MEMBER),
    (Stage.LEFT, Source.STAFF),
]


def _dbs(volunteer: Volunteer, renewal: date, by: User, number: int) -> DBSCheck:
    return DBSCheck(
        volunteer=volunteer,
        level=DBSLevel.ENHANCED,
        certificate_number=f"{number:012d}",
        issued_on=renewal - timedelta(days=3 * 365),
        update_service=renewal.day % 2 == 0,
        renewal_due_on=renewal,
        recorded_by=by,
    )


def seed_volunteers(*, rng: random.Random, users: dict[str, User], people: list[Person]) -> int:
    """Create the volunteer demo data once. Returns the number of volunteers made."""
    if Volunteer.objects.exists():
        return 0
    manager, lead = users["manager"], users["lead"]
    today = timezone.localdate()
    now = timezone.now()
    led = list(Project.objects.filter(pk__in=ProjectLead.objects.filter(user=lead).values("project_id")).order_by("name"))
    all_projects = list(Project.objects.order_by("name"))
    free_people = [person for person in people[3:] if person.user_id is None]
    volunteers = _volunteers(rng=rng, users=users, free_people=free_people, today=today, now=now)
    chris = volunteers[0]

    Volunteer.objects.bulk_create(volunteers)
    chris.projects.set(led)
    for index, volunteer in enumerate(volunteers[1:]):
        if volunteer.stage in (Stage.APPROVED, Stage.ACTIVE, Stage.STEPPED_BACK):
            volunteer.projects.set([all_projects[index % len(all_projects)], *led[:1]])

    _seed_stage_history(volunteers=volunteers, manager=manager)
    _seed_checks(rng=rng, volunteers=volunteers, manager=manager, today=today)
    active = _seed_rota_and_hours(rng=rng, users=users, led=led, volunteers=volunteers, today=today, now=now)
    _seed_claims_and_support(rng=rng, chris=chris, active=active, manager=manager, today=today, now=now)
    return len(volunteers)


def _volunteers(*, rng: random.Random, users: dict[str, User], free_people: list[Person], today: date, now: datetime) -> list[Volunteer]:
    """Chris (the demo volunteer) first, then one volunteer at each stage of the journey."""
    chris = Volunteer(
        user=users["volunteer"],
        given_name=users["volunteer"].first_name,
        family_name=users["volunteer"].last_name,
        email=users["volunteer"].email,
        stage=Stage.ACTIVE,
        source=Source.STAFF,
        roles_of_interest=["welcome", "co_facilitator"],
        availability="Weekday mornings",
        interviewed_on=today - timedelta(days=200),
        interview_notes="Keen to give back after using the drop-in.",
        decision_reason="Two good references and a warm interview.",
        created_at=now - timedelta(days=240),
    )
    volunteers = [chris]
    for index, (stage, source) in enumerate(OTHERS):
        person = free_people[index] if source == Source.MEMBER and index < len(free_people) else None
        given = person.given_name if person else rng.choice(["Jordan", "Priya", "Tomasz", "Amina", "Kez", "Ruth", "Imran"])
        family = person.family_name if person else rng.choice(["Okafor", "Shah", "Nowak", "Hussain", "Clarke", "Byrne"])
        volunteers.append(
            Volunteer(
                person=person,
                given_name=given,
                family_name=family,
                email=f"{given.lower()}.{family.lower()}{index}@example.org",
                stage=stage,
                source=source,
                roles_of_interest=rng.sample(["lead", "co_facilitator", "welcome", "other"], 2),
                availability=rng.choice(["Mornings", "Tuesdays and Thursdays", "Evenings", "Weekends"]),
                interviewed_on=today - timedelta(days=60 + index)
                if stage not in (Stage.EXPRESSED_INTEREST, Stage.APPLIED, Stage.REFERENCES)
                else None,
                decision_reason="Not the right time; we suggested the peer-support course first." if stage == Stage.DECLINED else "",
                progression=[Progression.PAID_PEER_ROLE, Progression.EDUCATION][index % 2] if stage == Stage.LEFT else "",
                created_at=now - timedelta(days=30 + 15 * index),
            )
        )
    return volunteers


def _seed_stage_history(*, volunteers: list[Volunteer], manager: User) -> None:
    history = []
    for volunteer in volunteers:
        path = PATHS[volunteer.stage]
        for step, to_stage in enumerate(path):
            history.append(
                StageChange(
                    volunteer=volunteer,
                    from_stage=path[step - 1] if step else "",
                    to_stage=to_stage,
                    changed_by=None if step == 0 and volunteer.source == Source.PUBLIC else manager,
                    changed_at=volunteer.created_at + timedelta(days=7 * step),
                    reason=volunteer.decision_reason if to_stage in (Stage.APPROVED, Stage.DECLINED) else "",
                )
            )
    StageChange.objects.bulk_create(history)


def _seed_checks(*, rng: random.Random, volunteers: list[Volunteer], manager: User, today: date) -> None:
    """References, DBS checks and training for each volunteer as far as their stage goes."""
    chris = volunteers[0]
    references, checks, training = [], [], []
    ensure_catalogue(TrainingModule)
    modules = list(TrainingModule.objects.all())
    for index, volunteer in enumerate(volunteers):
        path = PATHS[volunteer.stage]
        if Stage.REFERENCES in path:
            for number, name in enumerate(["A. Referee", "B. Referee"]):
                received = Stage.INTERVIEWED in path or number == 0
                references.append(
                    Reference(
                        volunteer=volunteer,
                        referee_name=f"{name} {index}",
                        relationship=["Former employer", "Friend for over five years"][number],
                        requested_on=today - timedelta(days=90),
                        received_on=today - timedelta(days=80) if received else None,
                        satisfactory=True if received else None,
                        recorded_by=manager,
                    )
                )
        if Stage.APPROVED in path:
            # Some checks run out soon, one has run out, most are well in date.
            renewal = today + timedelta(days=[700, 25, 50, -10, 400, 900][index % 6])
            checks.append(_dbs(volunteer, renewal, manager, rng.randint(10**10, 10**11)))
            for module in modules:
                if set(volunteer.roles_of_interest) & set(module.required_for) or volunteer is chris:
                    completed = today - timedelta(days=rng.randint(30, 400))
                    expires = completed + relativedelta(months=module.valid_for_months) if module.valid_for_months else None
                    training.append(
                        TrainingCompletion(
                            volunteer=volunteer, module=module, completed_on=completed, expires_on=expires, recorded_by=manager
                        )
                    )
    checks[0] = _dbs(chris, today + timedelta(days=700), manager, rng.randint(10**10, 10**11))
    Reference.objects.bulk_create(references)
    DBSCheck.objects.bulk_create(checks)
    TrainingCompletion.objects.bulk_create(training)


def _seed_rota_and_hours(
    *, rng: random.Random, users: dict[str, User], led: list[Project], volunteers: list[Volunteer], today: date, now: datetime
) -> list[Volunteer]:
    """The rota on the lead's sessions and the hours given; returns the volunteers who gave hours."""
    chris, lead = volunteers[0], users["lead"]
    # Rota: a welcome and a co-facilitator slot on each session of the lead's projects, four
    # weeks either side. Chris holds welcome slots (without clashes) and is on those rosters.
    sessions = list(
        Session.objects.filter(activity__project__in=led, starts_at__gte=now - timedelta(days=21), starts_at__lte=now + timedelta(days=21))
        .running()
        .order_by("starts_at")
    )
    rosters = {row.session_id: row for row in SessionRoster.objects.filter(user=users["volunteer"], session__in=sessions)}
    slots, held_until = [], None
    for session in sessions:
        take = session.starts_at.date() != today and (held_until is None or session.starts_at >= held_until) and rng.random() < 0.5
        if take:
            held_until = session.ends_at
        slots.append(
            RotaSlot(
                session=session,
                role=SlotRole.WELCOME,
                needs_dbs=True,
                volunteer=chris if take else None,
                roster=rosters.get(session.pk) if take else None,
                filled_by=lead if take else None,
                filled_at=session.starts_at - timedelta(days=10) if take else None,
            )
        )
        slots.append(RotaSlot(session=session, role=SlotRole.CO_FACILITATOR, needs_dbs=True))
    RotaSlot.objects.bulk_create(slots)
    hours = [
        HoursEntry(
            volunteer=chris,
            slot=slot,
            project_id=slot.session.activity.project_id,
            worked_on=timezone.localtime(slot.session.starts_at).date(),
            minutes=int((slot.session.ends_at - slot.session.starts_at).total_seconds() // 60),
            description="Welcome at the drop-in",
            confirmed_by=lead,
        )
        for slot in slots
        if slot.volunteer is chris and slot.session.ends_at < now
    ]
    hours.append(
        HoursEntry(
            volunteer=chris,
            worked_on=today - timedelta(days=9),
            minutes=90,
            description="Leaflets at the GP surgery",
            confirmed_by=chris.user,
        )
    )
    active = [volunteer for volunteer in volunteers[1:] if volunteer.stage in (Stage.ACTIVE, Stage.LEFT)]
    for volunteer in active:
        for week in range(1, 6):
            hours.append(
                HoursEntry(
                    volunteer=volunteer,
                    project=led[0] if led else None,
                    worked_on=today - timedelta(days=7 * week),
                    minutes=rng.choice([120, 150, 180]),
                    description="Co-facilitating the group",
                    confirmed_by=lead,
                )
            )
    HoursEntry.objects.bulk_create(hours)
    return active


def _seed_claims_and_support(
    *, rng: random.Random, chris: Volunteer, active: list[Volunteer], manager: User, today: date, now: datetime
) -> None:
    """Expense claims, and the demo volunteer's supervision and wellbeing check-in."""
    claims = [
        ExpenseClaim(
            volunteer=chris,
            kind=ExpenseKind.TRAVEL,
            incurred_on=today - timedelta(days=3),
            description="Drive to the drop-in and back",
            miles=8,
            amount_pence=360,
            submission_token=uuid.uuid4(),
            submitted_by=chris.user,
        ),
        ExpenseClaim(
            volunteer=chris,
            kind=ExpenseKind.FARES,
            incurred_on=today - timedelta(days=20),
            description="Bus fares",
            amount_pence=480,
            status=ClaimStatus.APPROVED,
            decided_by=manager,
            decided_at=now - timedelta(days=15),
            submission_token=uuid.uuid4(),
            submitted_by=chris.user,
        ),
        ExpenseClaim(
            volunteer=chris,
            kind=ExpenseKind.SUBSISTENCE,
            incurred_on=today - timedelta(days=30),
            description="Lunch on the training day",
            amount_pence=650,
            status=ClaimStatus.REJECTED,
            decided_by=manager,
            decided_at=now - timedelta(days=25),
            decision_reason="Lunch was provided at the training day.",
            submission_token=uuid.uuid4(),
            submitted_by=chris.user,
        ),
    ]
    for volunteer in active[:2]:
        claims.append(
            ExpenseClaim(
                volunteer=volunteer,
                kind=ExpenseKind.FARES,
                incurred_on=today - timedelta(days=5),
                description="Train to the group",
                amount_pence=rng.choice([340, 560, 720]),
                submission_token=uuid.uuid4(),
                submitted_by=manager,
            )
        )
    ExpenseClaim.objects.bulk_create(claims)
    Supervision.objects.bulk_create(
        [
            Supervision(volunteer=chris, held_on=today - timedelta(days=days), supervisor=manager, actions=text)
            for days, text in ((70, "Book the WRAP facilitation course."), (14, "Try co-facilitating the Thursday group."))
        ]
    )
    WellbeingCheckIn.objects.create(volunteer=chris, feeling=WellbeingCheckIn.Feeling.GOOD, note="Enjoying the Tuesday drop-in.")
