"""Demo person-centred plans, risk assessments and safeguarding concerns (synthetic, deterministic)."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from people.models import Alert, Person
from plans.documents import KINDS, Kind, changed_fields
from plans.models import CrisisPlanShare, GoalProgress, PlanDocument, PlanVersion
from safeguarding.models import ConcernCategory, ConcernStatus, ConcernStatusChange, RiskAssessment, RiskLevel, SafeguardingConcern

PROFILE_LINES = {
    "appreciations": ["Warm and funny", "Always remembers birthdays", "A brilliant cook", "Honest and kind", "Great with animals"],
    "important_to_me": [
        "My cat, Pepper",
        "Seeing my grandchildren on Sundays",
        "Going to the mosque on Fridays",
        "My allotment",
        "Football",
    ],
    "how_to_support_me": ["Text before you call", "Meet me somewhere quiet", "Give me time to answer", "Write things down for me"],
}
GOALS = [
    "Go to the Tuesday walking group",
    "Cook a meal for my friends",
    "Get back to swimming",
    "Find some volunteering",
    "Sort out my bills",
    "Join the art group at the drop-in",
]
PROGRESS_NOTES = ["Went once, it was fine", "Felt too anxious this week", "Got the bus on my own", "Nearly there", "Met a new friend"]


def _pick(rng: random.Random, options: list[str], count: int = 2) -> str:
    return "\n".join(rng.sample(options, k=min(count, len(options))))


def _content(rng: random.Random, kind: Kind, goal_title: str = "") -> dict[str, str]:
    if kind == Kind.PROFILE:
        return {name: _pick(rng, lines) for name, lines in PROFILE_LINES.items()}
    if kind == Kind.PATH:
        return {
            "dream": "A home of my own with a garden",
            "goal": rng.choice(GOALS),
            "now": "Living with my brother; not going out much",
            "people_to_enrol": "My sister Jo, my STR worker, the drop-in volunteers",
            "build_strength": "Walking every morning",
            "next_steps": "Try the drop-in twice this month",
            "first_step": "Phone the drop-in on Monday",
        }
    if kind == Kind.GOAL:
        owner = rng.choice(["person", "person", "worker", "someone_else"])
        target = timezone.localdate() + timedelta(days=rng.randint(14, 120))
        return {
            "title": goal_title,
            "steps": "Find out when it runs\nGo once with my worker\nGo on my own",
            "owner": owner,
            "owner_name": "My sister Jo" if owner == "someone_else" else "",
            "target_date": target.isoformat(),
        }
    if kind == Kind.WRAP:
        return {
            "toolbox": "Music, a hot bath, walking by the canal, ringing Jo",
            "when_well": "Chatty, up early, cooking",
            "every_day": "Take my tablets, eat breakfast, go outside",
            "triggers_signs": "Letters about money, loud places",
            "triggers_must_do": "Open letters with someone",
            "early_warning_signs": "Not sleeping, stopping cooking",
            "early_warning_must_do": "Tell my worker",
            "crisis_supporters": "Jo (sister). Not my uncle",
            "post_crisis": "A quiet week and a visit from Jo",
        }
    if kind == Kind.CRISIS:
        return {
            "supporters": "Jo (sister) 07700 900123\nDr Patel (GP) 0121 496 0000",
            "not_involved": "My uncle",
            "preferred_treatments": "Talking, home treatment team",
            "preferred_places": "At home if I can",
            "avoid_treatments": "Being held down",
            "children": "None",
            "pets": "Neighbour at number 12 feeds Pepper",
            "bills": "Jo has the spare key and pays the gas",
        }
    return {"person_working": "Walking most days", "person_not_working": "Sleeping late", "worker_working": "Keeps appointments"}


def seed_plans(*, rng: random.Random, people: list[Person], users: dict[str, User]) -> None:
    if PlanDocument.objects.exists():
        return
    now = timezone.now()
    today = timezone.localdate()
    workers = [users["worker"], users["worker2"]]
    chosen = people[1:13]  # people on a caseload; the member's own record (people[0]) is left for issue 7

    documents: list[PlanDocument] = []
    contents: list[list[dict[str, str]]] = []
    for index, person in enumerate(chosen):
        author = workers[index % 2]
        kinds = [Kind.PROFILE, Kind.GOAL] + [kind for kind in (Kind.PATH, Kind.WORKING, Kind.WRAP, Kind.CRISIS) if rng.random() < 0.6]
        for kind in kinds:
            for goal_title in rng.sample(GOALS, k=rng.randint(1, 3)) if kind == Kind.GOAL else [""]:
                first = _content(rng, kind, goal_title)
                history = [first]
                for _ in range(rng.randint(0, 2)):  # a few documents have later versions
                    later = dict(history[-1])
                    field = rng.choice(KINDS[kind].fields)
                    if field.name not in {"owner", "target_date", "title"}:
                        later[field.name] = (later.get(field.name, "") + "\nAdded at a review").strip()
                        history.append(later)
                documents.append(
                    PlanDocument(
                        person=person,
                        kind=kind.value,
                        title=goal_title,
                        created_by=author,
                        created_at=now - timedelta(days=40 + rng.randint(0, 20)),
                    )
                )
                contents.append(history)
    PlanDocument.objects.bulk_create(documents)

    versions: list[PlanVersion] = []
    for document, history in zip(documents, contents, strict=True):
        previous: dict[str, str] = {}
        for number, content in enumerate(history, start=1):
            versions.append(
                PlanVersion(
                    document=document,
                    number=number,
                    content=content,
                    changed_fields=changed_fields(document.definition, previous, content),
                    saved_at=document.created_at + timedelta(days=14 * (number - 1)),
                    saved_by=document.created_by if number % 2 else users["manager"],
                    author_role=(document.created_by if number % 2 else users["manager"]).role,
                )
            )
            previous = content
    PlanVersion.objects.bulk_create(versions)
    newest: dict[int, PlanVersion] = {}
    for version in versions:
        newest[version.document_id] = version
    for document in documents:
        document.current_version = newest[document.pk]
    PlanDocument.objects.bulk_update(documents, ["current_version"])

    goals = [document for document in documents if document.kind == Kind.GOAL.value]
    GoalProgress.objects.bulk_create(
        [
            GoalProgress(
                goal=goal,
                recorded_on=today - timedelta(days=7 * week),
                recorded_at=now - timedelta(days=7 * week),
                rating=min(10, 2 + week_index + rng.randint(0, 2)),
                note=rng.choice(PROGRESS_NOTES),
                in_persons_words=rng.random() < 0.5,
                recorded_by=goal.created_by,
                author_role=goal.created_by.role,
            )
            for goal in goals
            for week_index, week in enumerate(range(rng.randint(1, 4), 0, -1))
        ]
    )
    CrisisPlanShare.objects.bulk_create(
        [
            CrisisPlanShare(
                plan=plan,
                recipient_name="Home treatment team",
                organisation="Birmingham and Solihull Mental Health NHS Foundation Trust",
                what_was_shared="The whole crisis plan",
                shared_on=today - timedelta(days=10),
                consent_given=True,
                recorded_by=plan.created_by,
                consented_version_id=plan.current_version_id,
            )
            for plan in documents
            if plan.kind == Kind.CRISIS.value
        ]
    )
    _seed_safeguarding(rng=rng, people=chosen, users=users)


def _seed_safeguarding(*, rng: random.Random, people: list[Person], users: dict[str, User]) -> None:
    now = timezone.now()
    today = timezone.localdate()
    workers = [users["worker"], users["worker2"]]
    assessments = []
    alerts = []
    for index, person in enumerate(people[:10]):
        high = index % 4 == 0
        # The person with the open concern (Margaret Holmes in the demo) is overdue too, so the
        # summary at the top of her pages has several things to show.
        overdue = index % 3 == 0 or index == 1
        assessed_at = now - timedelta(days=60 if overdue else 10)
        assessment = RiskAssessment(
            person=person,
            to_self_level=RiskLevel.HIGH if high else rng.choice([RiskLevel.LOW, RiskLevel.MEDIUM]),
            to_self_notes="Has said they sometimes think about ending their life" if high else "",
            from_others_level=rng.choice([RiskLevel.LOW, RiskLevel.MEDIUM]),
            to_others_level=RiskLevel.LOW,
            self_neglect_level=rng.choice([RiskLevel.LOW, RiskLevel.MEDIUM]),
            management_plan="Check in at each contact. Crisis plan shared with the home treatment team.",
            review_due=today - timedelta(days=5) if overdue else today + timedelta(days=20),
            assessed_at=assessed_at,
            assessed_by=workers[index % 2],
        )
        if high:
            alerts.append(
                Alert(
                    person=person,
                    category=Alert.Category.RISK,
                    summary="High risk: risk to self. See the risk assessment",
                    raised_by=assessment.assessed_by,
                    raised_at=assessed_at,
                )
            )
        assessments.append(assessment)
    Alert.objects.bulk_create(alerts)
    by_person = {alert.person_id: alert for alert in alerts}
    for assessment in assessments:
        assessment.alert = by_person.get(assessment.person_id)
    RiskAssessment.objects.bulk_create(assessments)

    concerns = [
        SafeguardingConcern(
            person=people[1],
            category=ConcernCategory.FINANCIAL,
            what_happened="A lodger has been taking their bank card and withdrawing money",
            action_taken="Talked it through with them; helped them ring the bank to cancel the card",
            persons_wishes="Wants the lodger to leave",
            referred_to_local_authority=True,
            referral_date=today - timedelta(days=3),
            referral_reference="BCC-SG-0042",
            raised_by=users["worker"],
            raised_at=now - timedelta(days=3),
        ),
        SafeguardingConcern(
            person=people[2],
            category=ConcernCategory.SELF_NEGLECT,
            what_happened="The flat had no food and the heating was off in November",
            action_taken="Food bank voucher; energy advice referral",
            outcome="Heating back on; eating regularly again",
            status=ConcernStatus.CLOSED,
            raised_by=users["worker2"],
            raised_at=now - timedelta(days=30),
        ),
    ]
    SafeguardingConcern.objects.bulk_create(concerns)
    history = [ConcernStatusChange(concern=c, status=ConcernStatus.OPEN, changed_by=c.raised_by, changed_at=c.raised_at) for c in concerns]
    history.append(
        ConcernStatusChange(
            concern=concerns[1], status=ConcernStatus.CLOSED, note="Agreed with the person", changed_by=users["manager"], changed_at=now
        )
    )
    ConcernStatusChange.objects.bulk_create(history)
