"""Deterministic synthetic data for the demo and for benchmarks. Never a real person's data:
names come from Faker (en_GB), NHS numbers from the never-issued 999 range, postcodes are
real-format but chosen at random."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import IO

from django.db import connection, transaction
from django.utils import timezone
from faker import Faker

from accounts.models import User
from audit.models import AuditEvent
from audit.services import Action, record_event
from casesearch.index import rebuild as rebuild_search_index
from demo import bulk, seed_teams
from demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from demo.bulk.vocabulary import KNOWN_AS
from demo.seed_appointments import seed_appointments
from demo.seed_choices import seed_choices
from demo.seed_community import seed_community
from demo.seed_documents import seed_documents
from demo.seed_enablement import seed_enablement
from demo.seed_hub import seed_hub
from demo.seed_involvement import seed_involvement
from demo.seed_outcomes import seed_outcomes
from demo.seed_plans import seed_plans
from demo.seed_portal import seed_portal
from demo.seed_questions import seed_questions
from demo.seed_records import seed_records
from demo.seed_reports import seed_reports
from demo.seed_volunteers import seed_volunteers
from people import equality, nhs_number
from people.models import Alert, CaseloadEntry, Consent, EqualityMonitoring, Person
from people.models.person import ContactMethod, NHSNumberStatus

# People in the hand-made demo. `city` and `large` add demo.bulk's areas on top of it.
SIZES = {"small": 60, "city": 60, "large": 60}
BULK_MARKER = "bulk_seed"
BIRMINGHAM_DISTRICTS = ["B1", "B5", "B6", "B8", "B10", "B11", "B12", "B13", "B16", "B19", "B20", "B21", "B23", "B29", "B31", "B33", "B44"]
LANGUAGES = ["English"] * 8 + ["Urdu", "Punjabi", "Bengali", "Polish", "Somali", "Arabic", "Romanian"]


@dataclass(frozen=True)
class SeedResult:
    created: bool
    people: int


class SeedError(Exception):
    """A data set that cannot be made here, with a plain-English reason."""


def _postcode(rng: random.Random) -> str:
    inward_letters = "ABDEFGHJLNPQRSTUWXYZ"
    return f"{rng.choice(BIRMINGHAM_DISTRICTS)} {rng.randint(1, 9)}{rng.choice(inward_letters)}{rng.choice(inward_letters)}"


def _ensure_accounts() -> dict[str, User]:
    users: dict[str, User] = {}
    for account in DEMO_ACCOUNTS:
        user = User.objects.filter(username=account.username).first()
        if user is None:
            user = User.objects.create_user(
                username=account.username,
                password=DEMO_PASSWORD,
                first_name=account.first_name,
                last_name=account.last_name,
                email=f"{account.username}@example.org",
                role=account.role,
                is_demo_account=True,
            )
        users[account.username] = user
    return users


def bulk_marker() -> dict[str, object] | None:
    """What `city` or `large` load is in this database ({"bulk_seed": size, "seed": N, ...}), if any."""
    event = AuditEvent.objects.filter(detail__has_key=BULK_MARKER).order_by("-id").first()
    return event.detail if event is not None else None


def seed(*, size: str = "small", seed: int = 1, scale: float = 1.0, stream: IO[str] | None = None) -> SeedResult:
    """Create the data set, or do nothing if it is already there (safe to run twice).

    `scale` shrinks city/large areas (tests use a small fraction); `stream` receives progress."""
    if size == "large" and connection.vendor != "postgresql":
        raise SeedError("The large data set needs PostgreSQL (set DATABASE_URL): SQLite cannot hold 30 million rows at speed.")
    base = _seed_base(size=size, seed=seed)
    if size == "small":
        return base
    marker = bulk_marker()
    if marker is not None:
        if marker.get(BULK_MARKER) != size or marker.get("seed") != seed:
            raise SeedError(
                f"This database already holds the {marker.get(BULK_MARKER)} data set with seed {marker.get('seed')}: use an empty database."
            )
        return SeedResult(created=False, people=Person.objects.count())
    scale_of = bulk.SCALES[size] if scale == 1.0 else bulk.SCALES[size].scaled(scale)
    started = time.monotonic()
    with transaction.atomic():
        # The load adds its contacts and referrals to the note search's index itself (bulk
        # inserts send no signals); the base's entries were indexed with it.
        sizes = bulk.load(scale=scale_of, seed=seed, now=timezone.now(), stream=stream)
        manager = User.objects.get(username="manager")
        detail = {BULK_MARKER: size, "seed": seed, "scale": scale, "seconds": round(time.monotonic() - started), **sizes}
        record_event(user=manager, action=Action.CREATE, detail=detail)
    bulk.analyse(stream)
    return SeedResult(created=True, people=Person.objects.count())


@transaction.atomic
def _seed_base(*, size: str, seed: int) -> SeedResult:
    """The hand-made demo: every feature visible with 60 people."""
    users = _ensure_accounts()
    service = seed_teams.place_accounts(users)
    if Person.objects.filter(created_by=users["manager"]).exists():
        return SeedResult(created=False, people=Person.objects.count())

    rng = random.Random(seed)  # noqa: S311  (synthetic data, not security)  # nosec B311
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    today = timezone.localdate()
    now = timezone.now()
    numbers = nhs_number.synthetic_numbers(start=rng.randint(0, 1000))
    workers = [users["worker"], users["worker2"]]

    people: list[Person] = []
    for index in range(SIZES[size]):
        given = fake.first_name()
        family = fake.last_name()
        born = today - timedelta(days=rng.randint(18 * 365, 80 * 365))
        has_number = rng.random() < 0.8
        no_home = rng.random() < 0.05
        language = rng.choice(LANGUAGES)
        people.append(
            Person(
                given_name=given,
                family_name=family,
                preferred_name=(KNOWN_AS.get(given, "") if rng.random() < 0.15 else ""),
                pronouns=rng.choice(["", "she/her", "he/him", "they/them"]),
                date_of_birth=born,
                phone=f"07700 900{rng.randint(0, 999):03d}",
                email=f"{given.lower()}.{family.lower()}{index}@example.org" if rng.random() < 0.6 else "",
                preferred_contact_method=rng.choice(ContactMethod.values),
                address_line_1="" if no_home else fake.street_address().split("\n")[0],
                town="" if no_home else "Birmingham",
                postcode="" if no_home else _postcode(rng),
                no_fixed_abode=no_home,
                nhs_number=next(numbers) if has_number else "",
                nhs_number_status=NHSNumberStatus.NOT_TRACED if has_number else NHSNumberStatus.NOT_PRESENT,
                gp_practice_name=f"{fake.last_name()} Medical Practice",
                first_language=language,
                interpreter_needed=language != "English" and rng.random() < 0.5,
                emergency_contact_name=fake.name() if rng.random() < 0.7 else "",
                emergency_contact_relationship=rng.choice(["Sister", "Brother", "Friend", "Partner", "Parent"]),
                emergency_contact_phone=f"07700 900{rng.randint(0, 999):03d}",
                created_by=users["manager"],
                created_at=now - timedelta(days=rng.randint(1, 400)),
                updated_at=now,
            )
        )
    Person.objects.bulk_create(people)

    # The demo member's own record, linked to their sign-in.
    member = people[0]
    member.given_name, member.family_name, member.preferred_name, member.user = "Alex", "Rowe", "", users["member"]
    member.save(update_fields=["given_name", "family_name", "preferred_name", "user"])

    caseload = [
        CaseloadEntry(
            person=person,
            worker=workers[index % 2],
            source=CaseloadEntry.Source.ALLOCATION,
            added_by=users["manager"],
            started_at=person.created_at,
        )
        for index, person in enumerate(people[: len(people) * 2 // 3])
    ]
    CaseloadEntry.objects.bulk_create(caseload)

    monitoring = [
        EqualityMonitoring(
            person=person,
            ethnicity=(ethnicity := rng.choice(equality.Ethnicity2021.values)),
            nhs_ethnic_category=equality.nhs_ethnic_category(ethnicity),
            sex=rng.choice(equality.Sex.values),
            gender_identity=rng.choice(equality.GenderIdentity.values),
            gender_same_at_birth=rng.choice(equality.GenderSameAtBirth.values),
            sexual_orientation=rng.choice(equality.SexualOrientation.values),
            disability=rng.choice(equality.Disability.values),
            religion=rng.choice(equality.Religion.values),
            updated_by=users["manager"],
        )
        for person in people
        if rng.random() < 0.7
    ]
    EqualityMonitoring.objects.bulk_create(monitoring)

    consents = [
        Consent(person=person, kind=kind, given=rng.random() < 0.8, recorded_by=users["manager"], recorded_at=person.created_at)
        for person in people
        for kind in Consent.Kind.values
        if rng.random() < 0.6
    ]
    Consent.objects.bulk_create(consents)

    alert_texts = {
        Alert.Category.RISK: [
            "Has said they sometimes feel unsafe at night: check in at each contact",
            "Lone working: meet in public places",
        ],
        Alert.Category.SAFEGUARDING: ["Open safeguarding enquiry with the local authority"],
        Alert.Category.COMMUNICATION: ["Prefers written information in large print", "Uses British Sign Language: book an interpreter"],
    }
    alerts = []
    for person in people:
        if rng.random() < 0.2:
            category = rng.choice(list(alert_texts))
            alerts.append(
                Alert(
                    person=person,
                    category=category,
                    summary=rng.choice(alert_texts[category]),
                    raised_by=users["manager"],
                    raised_at=person.created_at,
                )
            )
    Alert.objects.bulk_create(alerts)
    seed_enablement(rng=rng, users=users, people=people, now=now, today=today)
    seed_appointments(rng=rng, now=now)

    seed_outcomes(people=people, users=users, rng=rng)

    seed_plans(rng=rng, people=people, users=users)
    seed_community(rng=rng, users=users, people=people)
    seed_involvement(rng=rng, users=users, people=people)
    seed_portal(rng=rng, users=users, people=people)
    seed_volunteers(rng=rng, users=users, people=people)
    seed_choices(rng=rng, users=users, people=people, today=today)
    seed_hub(rng=rng, users=users, people=people)
    seed_reports(rng=rng, users=users, today=today)
    seed_records(users=users, today=today)
    seed_documents(users=users, now=now)
    rebuild_search_index()  # the seeding's bulk inserts send no signals
    seed_questions(rng=rng, users=users, people=people, now=now)
    seed_teams.place_records(service)
    record_event(user=users["manager"], action=Action.CREATE, detail={"seed_demo": size, "people": len(people)})
    return SeedResult(created=True, people=len(people))
