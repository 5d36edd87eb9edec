"""Personal budgets and the route into work. Alex Rowe (the demo member) has a budget in place
whose spending has run ahead of the plan, with a support plan in their words, costed lines,
spending and a review, and is working towards a job fixing bikes (a goal, steps, volunteering at
a bike project). The third person on the demo worker's caseload is in work, with in-work support.
Others have budgets at each stage and jobs, courses and volunteering, so the figures have numbers.
Bulk inserts, the seeded random; safe to run twice (it stops if Alex has a budget)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from accounts.models import User
from choices.models import (
    BudgetKind,
    BudgetReview,
    BudgetStatus,
    BudgetStatusChange,
    EmployerType,
    PersonalBudget,
    Placement,
    PlacementKind,
    PlanLine,
    Spend,
    SpendCategory,
    VocationalProfile,
    WorkActivity,
    WorkActivityKind,
    WorkGoal,
)
from people.models import Person

PATHWAY = [BudgetStatus.CONVERSATION, BudgetStatus.REFERRED, BudgetStatus.ASSESSMENT, BudgetStatus.AGREED, BudgetStatus.IN_PLACE]
JOBS = ["Kitchen assistant", "Warehouse operative", "Retail assistant", "Gardener", "Admin assistant", "Cleaner", "Bike mechanic"]
COURSES = ["English level 2", "Maths functional skills", "Food hygiene certificate", "Horticulture", "IT for beginners"]
ROLES = ["Food bank helper", "Charity shop volunteer", "Peer supporter", "Park conservation volunteer"]


def _budget(
    person: Person, worker: User, *, stage: int, today: date, rng: random.Random
) -> tuple[PersonalBudget, list[BudgetStatusChange]]:
    """A budget that has reached PATHWAY[stage], with the dates of each step and its history rows."""
    start = today - timedelta(days=rng.randint(150, 400))
    dates = [start + timedelta(days=gap) for gap in (0, 14, 42, 70, 84)]
    budget = PersonalBudget(person=person, status=PATHWAY[stage], conversation_on=dates[0], opened_by=worker)
    for status, day in zip(PATHWAY[1 : stage + 1], dates[1 : stage + 1], strict=True):
        setattr(budget, PersonalBudget.STATUS_DATES[status], day)
    if stage >= 3:
        budget.kind = rng.choice(BudgetKind.values)
        budget.agreed_amount_pence = rng.choice([2_600, 3_900, 5_200, 7_800]) * 100
    if stage >= 4:
        budget.ends_on = dates[4] + timedelta(days=364)
        budget.review_on = dates[4] + timedelta(days=182)
        budget.first_payment_on = dates[4] + timedelta(days=rng.randint(3, 30))
    previous = ""
    history = []
    for status, day in zip(PATHWAY[: stage + 1], dates[: stage + 1], strict=True):
        history.append(BudgetStatusChange(budget=budget, from_status=previous, to_status=status, happened_on=day, changed_by=worker))
        previous = status
    return budget, history


def _alex(alex: Person, worker: User, *, today: date) -> None:
    starts = today - timedelta(days=120)
    budget = PersonalBudget.objects.create(
        person=alex,
        status=BudgetStatus.IN_PLACE,
        council_reference="PB-20417",
        kind=BudgetKind.DIRECT_PAYMENT,
        agreed_amount_pence=312_000,
        conversation_on=starts - timedelta(days=90),
        referred_on=starts - timedelta(days=75),
        assessed_on=starts - timedelta(days=40),
        agreed_on=starts - timedelta(days=14),
        starts_on=starts,
        ends_on=starts + timedelta(days=364),
        review_on=starts + timedelta(days=182),
        first_payment_on=starts + timedelta(days=5),
        opened_by=worker,
        plan_what_for="Someone to come with me to the bike project until I can go on my own, and a bike of my own.",
        plan_how_it_helps="Fixing bikes is what I want to do for a job. Getting out on Saturdays keeps me well.",
        plan_who_manages="Me, with my sister Jo checking the bank statement each month",
        plan_updated_by=alex.user,
    )
    steps = [
        (BudgetStatus.CONVERSATION, starts - timedelta(days=90)),
        (BudgetStatus.REFERRED, starts - timedelta(days=75)),
        (BudgetStatus.ASSESSMENT, starts - timedelta(days=40)),
        (BudgetStatus.AGREED, starts - timedelta(days=14)),
        (BudgetStatus.IN_PLACE, starts),
    ]
    previous = ""
    for status, day in steps:
        BudgetStatusChange.objects.create(budget=budget, from_status=previous, to_status=status, happened_on=day, changed_by=worker)
        previous = status
    assistant = PlanLine.objects.create(
        budget=budget,
        category=SpendCategory.PERSONAL_ASSISTANT,
        description="Personal assistant, Saturday mornings",
        amount_pence=208_000,
        added_by=worker,
    )
    bike = PlanLine.objects.create(
        budget=budget, category=SpendCategory.EQUIPMENT, description="A second-hand bike and a lock", amount_pence=40_000, added_by=worker
    )
    travel = PlanLine.objects.create(
        budget=budget, category=SpendCategory.TRAVEL, description="Bus pass", amount_pence=64_000, added_by=worker
    )
    member = alex.user or worker
    Spend.objects.bulk_create(
        [
            Spend(
                budget=budget,
                line=bike,
                category=bike.category,
                spent_on=starts + timedelta(days=10),
                amount_pence=38_500,
                description="Bike and lock",
                recorded_by=member,
            ),
            Spend(
                budget=budget,
                line=travel,
                category=travel.category,
                spent_on=starts + timedelta(days=12),
                amount_pence=64_000,
                description="Annual bus pass",
                recorded_by=member,
            ),
            *(
                Spend(
                    budget=budget,
                    line=assistant,
                    category=assistant.category,
                    spent_on=starts + timedelta(days=day),
                    amount_pence=4_000,
                    description="Personal assistant, 3 hours",
                    recorded_by=member,
                )
                for day in range(3, 118, 7)
            ),
        ]
    )
    BudgetReview.objects.create(
        budget=budget,
        reviewed_on=starts + timedelta(days=60),
        what_is_working="Alex goes to the bike project every Saturday and has fixed three bikes.",
        what_to_change="The bus pass was paid for the whole year at once: the spending looks ahead of the plan until the summer.",
        next_review_on=starts + timedelta(days=182),
        recorded_by=worker,
    )
    VocationalProfile.objects.create(
        person=alex,
        so_far="Worked in a bike shop for two years before I was ill. Fixed bikes for friends.",
        what_i_want="A job fixing bikes, part time to start with",
        strengths="Good with my hands, patient, people say I explain things well",
        what_helps="Mornings, a quiet place to work, time off for appointments",
        worries="What happens to my benefits if I work",
        updated_by=member,
    )
    WorkGoal.objects.create(person=alex, kind=PlacementKind.JOB, goal="A part-time job as a bike mechanic", recorded_by=worker)
    WorkGoal.objects.create(person=alex, kind=PlacementKind.EDUCATION, goal="A cycle mechanics course", recorded_by=member)
    Placement.objects.create(
        person=alex,
        kind=PlacementKind.VOLUNTEERING,
        title="Bike project volunteer",
        employer_type=EmployerType.VOLUNTARY,
        hours_per_week=Decimal(3),
        started_on=starts + timedelta(days=20),
        recorded_by=member,
    )
    WorkActivity.objects.bulk_create(
        [
            WorkActivity(
                person=alex,
                kind=WorkActivityKind.JOB_SEARCH,
                happened_on=today - timedelta(days=21),
                note="Looked at bike shop jobs with my worker",
                recorded_by=worker,
            ),
            WorkActivity(
                person=alex,
                kind=WorkActivityKind.APPLICATION,
                happened_on=today - timedelta(days=14),
                note="Applied to the cycle hub for a Saturday job",
                recorded_by=member,
            ),
            WorkActivity(
                person=alex,
                kind=WorkActivityKind.INTERVIEW,
                happened_on=today - timedelta(days=3),
                note="Interview went well. They will let me know next week.",
                recorded_by=member,
            ),
        ]
    )


def _in_work(person: Person, worker: User, *, today: date) -> None:
    job = Placement.objects.create(
        person=person,
        kind=PlacementKind.JOB,
        title="Kitchen assistant",
        employer_type=EmployerType.SOCIAL_ENTERPRISE,
        hours_per_week=Decimal(16),
        started_on=today - timedelta(days=120),
        recorded_by=worker,
    )
    VocationalProfile.objects.create(
        person=person, so_far="Cooked for my family for years", what_i_want="Work in a kitchen, mornings", updated_by=worker
    )
    WorkGoal.objects.create(
        person=person, kind=PlacementKind.JOB, goal="A job in a kitchen", achieved_on=job.started_on, recorded_by=worker
    )
    WorkActivity.objects.bulk_create(
        [
            WorkActivity(
                person=person,
                kind=WorkActivityKind.INTERVIEW,
                happened_on=today - timedelta(days=135),
                note="Interview at the community café",
                recorded_by=worker,
            ),
            *(
                WorkActivity(
                    person=person,
                    kind=WorkActivityKind.IN_WORK_SUPPORT,
                    happened_on=today - timedelta(days=days),
                    note="Check-in after a shift: going well",
                    placement=job,
                    recorded_by=worker,
                )
                for days in (110, 80, 45, 10)
            ),
        ]
    )


def seed_choices(*, rng: random.Random, users: dict[str, User], people: list[Person], today: date) -> None:
    if len(people) < 3 or PersonalBudget.objects.filter(person=people[0]).exists():
        return
    worker = users["worker"]
    _alex(people[0], worker, today=today)
    _in_work(people[2], worker, today=today)

    budgets: list[PersonalBudget] = []
    history: list[BudgetStatusChange] = []
    placements: list[Placement] = []
    others = people[3:]
    # Enough people at each stage that the commissioner's figures have numbers to show.
    for person in rng.sample(others, k=min(len(others), max(14, len(others) // 8))):
        stage = rng.choice([0, 1, 2, 3, 4, 4, 4, 4])
        budget, rows = _budget(person, rng.choice([users["worker"], users["worker2"]]), stage=stage, today=today, rng=rng)
        budgets.append(budget)
        history.extend(rows)
    for person in rng.sample(others, k=min(len(others), max(16, len(others) // 10))):
        if rng.random() < 0.7:
            started = today - timedelta(days=rng.randint(10, 500))
            ended = started + timedelta(days=rng.randint(20, 300)) if rng.random() < 0.35 else None
            placements.append(
                Placement(
                    person=person,
                    kind=PlacementKind.JOB,
                    title=rng.choice(JOBS),
                    employer_type=rng.choice(EmployerType.values[:5]),
                    hours_per_week=Decimal(rng.choice([8, 12, 16, 20, 25, 30, 37])),
                    started_on=started,
                    ended_on=ended if ended and ended < today else None,
                    recorded_by=worker,
                )
            )
        else:
            kind = rng.choice([PlacementKind.EDUCATION, PlacementKind.VOLUNTEERING])
            placements.append(
                Placement(
                    person=person,
                    kind=kind,
                    title=rng.choice(COURSES if kind == PlacementKind.EDUCATION else ROLES),
                    employer_type=EmployerType.COLLEGE
                    if kind == PlacementKind.EDUCATION
                    else rng.choice([EmployerType.VOLUNTARY, EmployerType.STAR]),
                    started_on=today - timedelta(days=rng.randint(10, 400)),
                    recorded_by=worker,
                )
            )
    PersonalBudget.objects.bulk_create(budgets)
    BudgetStatusChange.objects.bulk_create(history)
    Placement.objects.bulk_create(placements)
    spending = []
    for budget in budgets:
        if budget.status != BudgetStatus.IN_PLACE or budget.starts_on is None or budget.agreed_amount_pence is None:
            continue
        days = max((today - budget.starts_on).days, 1)
        for _ in range(rng.randint(2, 8)):
            spending.append(
                Spend(
                    budget=budget,
                    category=rng.choice(SpendCategory.values),
                    spent_on=budget.starts_on + timedelta(days=rng.randint(0, min(days, 364))),
                    amount_pence=rng.randint(20, 400) * 100,
                    description="Recorded at a review",
                    recorded_by=budget.opened_by,
                )
            )
    Spend.objects.bulk_create(spending)
