"""Demo data for community projects: 18 user-led projects across Birmingham venues, with weekly
patterns, sessions for recent and coming weeks, rotas, regulars, attendance and headcounts.
Deterministic (the seeded random.Random) and safe to run twice."""

from __future__ import annotations

import random
from datetime import date, time, timedelta

from django.utils import timezone

from accounts.models import User
from community import services
from community.models import (
    Activity,
    ActivityCategory,
    ActivityKind,
    Attendance,
    CrisisOpening,
    CrisisPlace,
    CrisisPlaceKind,
    Frequency,
    Project,
    ProjectLead,
    ProjectMembership,
    RosterRole,
    Schedule,
    Session,
    SessionRoster,
    Venue,
)
from people.models import Person

# (name, address, postcode, area, step-free, toilet, loop, quiet room, transport)
VENUES = [
    ("Moseley Exchange", "149 Alcester Road", "B13 8JP", "Moseley", True, True, True, True, "Buses 50 and 35 stop on Alcester Road"),
    ("Erdington Library Hall", "Orphanage Road", "B24 9HP", "Erdington", True, True, False, False, "Erdington station is 5 minutes' walk"),
    ("Handsworth Community Hub", "Soho Road", "B21 9DP", "Handsworth", True, False, True, False, "Buses 74 and 79 along Soho Road"),
    ("Sparkhill Friends Centre", "Stratford Road", "B11 4EA", "Sparkhill", False, False, False, True, "Buses 5 and 6 along Stratford Road"),
    (
        "Northfield Baptist Church Rooms",
        "Church Road",
        "B31 2LB",
        "Northfield",
        True,
        True,
        False,
        True,
        "Northfield station, then 10 minutes' walk",
    ),
    (
        "Digbeth Arts Space",
        "Floodgate Street",
        "B5 5SL",
        "Digbeth and Highgate",
        True,
        True,
        True,
        False,
        "Moor Street station is 8 minutes' walk",
    ),
    (
        "Kings Heath Community Centre",
        "Heathfield Road",
        "B14 7DL",
        "Kings Heath",
        True,
        True,
        False,
        False,
        "Buses 50 and 76 stop on the High Street",
    ),
    (
        "Selly Oak Quaker Meeting House",
        "Oak Tree Lane",
        "B29 6HX",
        "Selly Oak",
        False,
        True,
        True,
        True,
        "Selly Oak station is 6 minutes' walk",
    ),
    ("Castle Vale Hub", "Farnborough Road", "B35 7NL", "Castle Vale", True, True, False, False, "Bus 67 from the city centre"),
    ("Ladywood Community Room", "Ledsam Street", "B16 8DN", "Ladywood", True, False, False, True, "Bus 8A and 8C on the Middle Ring Road"),
    (
        "Acocks Green Village Hall",
        "Westley Road",
        "B27 7UQ",
        "Acocks Green",
        True,
        True,
        True,
        False,
        "Acocks Green station is 4 minutes' walk",
    ),
    (
        "Small Heath Park Pavilion",
        "Coventry Road",
        "B10 0HJ",
        "Small Heath",
        True,
        True,
        False,
        False,
        "Buses 60 and 97 along Coventry Road",
    ),
]

# (project, lead organisation, who for, [(activity, kind, category, weekday, frequency, week, opens, closes, venue index)])
ActivityRow = tuple[str, str, str, int, str, int | None, int, int, int]
PROJECTS: list[tuple[str, str, str, list[ActivityRow]]] = [
    (
        "Moseley Peer Network",
        "Moseley Peer Network CIC",
        "Adults in south Birmingham",
        [
            ("Tuesday drop-in", "drop_in", "peer_support", 1, "weekly", None, 10, 13, 0),
            ("WRAP course", "group", "wrap", 3, "weekly", None, 14, 16, 0),
        ],
    ),
    (
        "Erdington Open Door",
        "Erdington Open Door Group",
        "Anyone in north Birmingham",
        [("Open door drop-in", "drop_in", "peer_support", 2, "weekly", None, 11, 14, 1)],
    ),
    (
        "Handsworth Hearts",
        "Handsworth Hearts CIC",
        "Adults in Handsworth and Lozells",
        [
            ("Wednesday cuppa", "drop_in", "social", 2, "weekly", None, 13, 15, 2),
            ("Art together", "group", "creative", 4, "fortnightly", None, 10, 12, 2),
        ],
    ),
    (
        "Sparkhill Sisters",
        "Sparkhill Women's Circle",
        "Women, with Urdu and Punjabi spoken",
        [("Women's circle", "group", "peer_support", 0, "weekly", None, 10, 12, 3)],
    ),
    (
        "Northfield Walk and Talk",
        "Walk and Talk Northfield",
        "Anyone who likes walking",
        [("Saturday walk", "group", "walking", 5, "weekly", None, 10, 12, 4)],
    ),
    (
        "Digbeth Creative Minds",
        "Creative Minds Birmingham",
        "Adults who want to make art",
        [("Open studio", "drop_in", "creative", 3, "weekly", None, 13, 16, 5)],
    ),
    (
        "Kings Heath Hearing Voices",
        "Hearing Voices Birmingham",
        "People who hear voices",
        [("Hearing voices group", "group", "peer_support", 0, "fortnightly", None, 18, 20, 6)],
    ),
    (
        "Selly Oak Quiet Space",
        "Quiet Space Collective",
        "People who prefer calm, small groups",
        [("Quiet Friday", "drop_in", "wellbeing", 4, "weekly", None, 11, 13, 7)],
    ),
    (
        "Castle Vale Men's Shed",
        "Castle Vale Shed",
        "Men who like to make and mend",
        [("Shed sessions", "drop_in", "skills", 1, "weekly", None, 10, 15, 8)],
    ),
    (
        "Ladywood Recovery Cafe",
        "Ladywood Recovery Cafe",
        "Anyone in recovery",
        [("Recovery cafe", "drop_in", "social", 3, "weekly", None, 17, 19, 9)],
    ),
    (
        "Acocks Green Gardeners",
        "Green Minds Gardening",
        "Anyone who likes growing things",
        [("Garden group", "group", "walking", 2, "weekly", None, 10, 12, 10)],
    ),
    (
        "Small Heath Friendship Club",
        "Small Heath Friends",
        "Older adults",
        [("Friendship club", "drop_in", "social", 1, "weekly", None, 13, 15, 11)],
    ),
    (
        "Birmingham Bipolar Peers",
        "Bipolar Peers Birmingham",
        "People living with bipolar",
        [("Monthly peer meeting", "group", "peer_support", 1, "monthly", 1, 18, 20, 0)],
    ),
    (
        "Young Minds Together",
        "Young Minds Together",
        "Young adults aged 18 to 25",
        [("Games night", "drop_in", "social", 4, "weekly", None, 17, 19, 5)],
    ),
    (
        "Digbeth Writers",
        "Writing for Wellbeing Birmingham",
        "Anyone who likes words",
        [("Writing circle", "group", "creative", 0, "fortnightly", None, 14, 16, 5)],
    ),
    (
        "Erdington Mindful Mornings",
        "Mindful Erdington",
        "Anyone wanting calm",
        [("Mindful morning", "group", "wellbeing", 4, "weekly", None, 9, 10, 1)],
    ),
    (
        "Handsworth Sound and Song",
        "Sound and Song CIC",
        "People who like to sing",
        [("Community choir", "group", "creative", 2, "weekly", None, 18, 20, 2)],
    ),
    (
        "Sparkhill Skills Swap",
        "Skills Swap Sparkhill",
        "Anyone wanting to learn or teach",
        [("Skills swap", "drop_in", "skills", 5, "monthly", -1, 11, 14, 3)],
    ),
]


# Synthetic crisis places (made-up names; phone numbers from Ofcom's range kept for drama).
CRISIS_PLACES: list[dict[str, object]] = [
    {
        "kind": CrisisPlaceKind.SANCTUARY,
        "name": "Night Light crisis café",
        "organisation": "Balsall Heath Wellbeing Trust (demo)",
        "description": "A calm place to go in the evening and overnight when things feel too much. Peer supporters and a nurse.",
        "who_for": "Anyone aged 18 or over in Birmingham. No referral or appointment needed.",
        "phone": "0121 496 0311",
        "address_1": "12 Lime Grove",
        "city": "Birmingham",
        "postcode": "B12 9HX",
        "how_to_get_there": "Buses 50 and 35 stop on Moseley Road. Ring the bell by the blue door.",
        "hours": [(day, time(20, 0), time(2, 0)) for day in range(7)],
    },
    {
        "kind": CrisisPlaceKind.SANCTUARY,
        "name": "Daylight sanctuary",
        "organisation": "Erdington Peer Network (demo)",
        "description": "Drop in during the day to talk with someone who has been there. Tea, a quiet room and help to make a plan.",
        "who_for": "Adults in north Birmingham.",
        "phone": "0121 496 0412",
        "address_1": "3 Station Road",
        "city": "Birmingham",
        "postcode": "B23 6UB",
        "hours": [(day, time(12, 0), time(20, 0)) for day in range(5)],
    },
    {
        "kind": CrisisPlaceKind.PHONE_LINE,
        "name": "Out-of-hours mental health line (demo)",
        "organisation": "Birmingham crisis line (demo)",
        "description": "Talk to a mental health worker when our office is closed.",
        "phone": "0121 496 0555",
        "always_open": True,
    },
    {
        "kind": CrisisPlaceKind.AE_LIAISON,
        "name": "City Hospital A&E mental health liaison (demo)",
        "organisation": "City Hospital (demo)",
        "description": "Mental health nurses in the emergency department, day and night. Go to A&E reception and say you need mental health help.",
        "address_1": "Dudley Road",
        "city": "Birmingham",
        "postcode": "B18 7QH",
        "always_open": True,
    },
]


def seed_crisis_places() -> int:
    """The directory's synthetic crisis places, once."""
    if CrisisPlace.objects.exists():
        return 0
    for entry in CRISIS_PLACES:
        data = dict(entry)
        hours = data.pop("hours", [])
        place = CrisisPlace.objects.create(**data)
        CrisisOpening.objects.bulk_create(
            CrisisOpening(place=place, weekday=day, opens_at=opens, closes_at=closes)
            for day, opens, closes in hours  # type: ignore[attr-defined]
        )
    return len(CRISIS_PLACES)


def seed_community(*, rng: random.Random, users: dict[str, User], people: list[Person]) -> int:
    """Create the community demo data once. Returns the number of projects made."""
    seed_crisis_places()
    if Project.objects.exists():
        return 0
    today = timezone.localdate()
    venues = _seed_venues()
    projects = _seed_projects(rng=rng, users=users)
    activities = _seed_activities(projects=projects, venues=venues, today=today)
    for activity in activities:
        services.generate_sessions(activity=activity, start=today - timedelta(weeks=4), through=today + timedelta(weeks=4))

    # A session today at the lead's first project, so the volunteer has a register to take.
    first = activities[0]
    starts = timezone.now().replace(minute=0, second=0, microsecond=0)
    if not first.sessions.filter(starts_at__date=today).exists():
        Session.objects.create(activity=first, starts_at=starts, ends_at=starts + timedelta(hours=3))

    regulars = _seed_regulars(rng=rng, users=users, people=people, projects=projects)
    _seed_session_history(rng=rng, users=users, projects=projects, regulars=regulars)
    return len(projects)


def _seed_venues() -> list[Venue]:
    return Venue.objects.bulk_create(
        Venue(
            name=name,
            address_1=address,
            postcode=postcode,
            area=area,
            step_free_access=step_free,
            accessible_toilet=toilet,
            hearing_loop=loop,
            quiet_room=quiet,
            public_transport=transport,
            directions=f"{name} is on {address}. Come to the main entrance and ask at the desk.",
        )
        for name, address, postcode, area, step_free, toilet, loop, quiet, transport in VENUES
    )


def _seed_projects(*, rng: random.Random, users: dict[str, User]) -> list[Project]:
    workers = [users["worker"], users["worker2"]]
    projects = Project.objects.bulk_create(
        Project(
            name=name,
            description=f"{name} is a user-led project: people with lived experience of mental distress supporting each other.",
            who_it_is_for=who,
            lead_organisation=organisation,
            contact_email=f"hello@{name.lower().replace(' ', '').replace(chr(39), '')[:20]}.example.org",
            contact_phone=f"0121 496 0{rng.randint(100, 999)}",
            supporting_worker=workers[index % 2],
        )
        for index, (name, organisation, who, _) in enumerate(PROJECTS)
    )
    ProjectLead.objects.bulk_create(
        [ProjectLead(project=projects[0], user=users["lead"]), ProjectLead(project=projects[1], user=users["lead"])]
    )
    return projects


def _seed_activities(*, projects: list[Project], venues: list[Venue], today: date) -> list[Activity]:
    activities: list[Activity] = []
    schedules: list[Schedule] = []
    for project, (_, _, _, rows) in zip(projects, PROJECTS, strict=True):
        for name, kind, category, weekday, frequency, week, opens, closes, venue_index in rows:
            is_course = name == "WRAP course"
            activity = Activity(
                project=project,
                venue=venues[venue_index],
                name=name,
                description=f"{ActivityCategory(category).label} at {venues[venue_index].name}. Everyone is welcome.",
                kind=ActivityKind(kind),
                category=category,
                is_course=is_course,
                starts_on=today - timedelta(weeks=3) if is_course else None,
                ends_on=today + timedelta(weeks=5) if is_course else None,
                capacity=12 if is_course else None,
                how_to_join="Ask at the drop-in or email the project to book a place."
                if is_course
                else "Just turn up. You do not need a referral.",
            )
            activities.append(activity)
            schedules.append(
                Schedule(
                    activity=activity,
                    frequency=Frequency(frequency),
                    weekday=weekday,
                    week_of_month=week,
                    opens_at=time(opens),
                    closes_at=time(closes),
                    valid_from=today - timedelta(weeks=8),
                )
            )
    Activity.objects.bulk_create(activities)
    Schedule.objects.bulk_create(schedules)
    return activities


def _seed_regulars(
    *, rng: random.Random, users: dict[str, User], people: list[Person], projects: list[Project]
) -> dict[object, list[Person]]:
    """About a third of the people come to one or two projects: each project's regulars."""
    memberships = []
    for person in people[1:]:
        if rng.random() < 0.35:
            for project in rng.sample(projects, rng.choice([1, 1, 2])):
                memberships.append(ProjectMembership(project=project, person=person, added_by=users["manager"]))
    ProjectMembership.objects.bulk_create(memberships, ignore_conflicts=True)
    regulars: dict[object, list[Person]] = {}
    for membership in memberships:
        regulars.setdefault(membership.project_id, []).append(membership.person)
    return regulars


def _seed_session_history(
    *, rng: random.Random, users: dict[str, User], projects: list[Project], regulars: dict[object, list[Person]]
) -> None:
    """The rota, cancellations, headcounts and registers of the sessions."""
    now = timezone.now()
    sessions = list(Session.objects.filter(activity__project__in=projects).select_related("activity").order_by("starts_at"))
    attendances = []
    roster = []
    cancelled = []
    for session in sessions:
        if session.activity.project_id in (projects[0].pk, projects[1].pk):
            roster.append(SessionRoster(session=session, user=users["volunteer"], role=RosterRole.VOLUNTEER, added_by=users["lead"]))
        if session.starts_at >= now:
            if rng.random() < 0.04:
                session.cancelled_at = now
                session.cancellation_reason = rng.choice(["The venue is closed for repairs", "Our volunteers are at a training day"])
                cancelled.append(session)
            continue
        if rng.random() < 0.05:
            session.cancelled_at = session.starts_at - timedelta(days=1)
            session.cancellation_reason = "Bad weather"
            cancelled.append(session)
            continue
        session.headcount = rng.randint(0, 9)
        for person in regulars.get(session.activity.project_id, []):
            if rng.random() < 0.6:
                attendances.append(Attendance(session=session, person=person, marked_by=users["volunteer"], marked_at=session.starts_at))
    Session.objects.bulk_update([s for s in sessions if s.starts_at < now and not s.cancelled_at], ["headcount"])
    Session.objects.bulk_update(cancelled, ["cancelled_at", "cancellation_reason"])
    Attendance.objects.bulk_create(attendances, ignore_conflicts=True)
    SessionRoster.objects.bulk_create(roster, ignore_conflicts=True)
