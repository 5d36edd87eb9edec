"""Every main page's queries are bounded by what the page shows (issue 22): on a city-sized
PostgreSQL database, with a few thousand more activities and audit events and fresh statistics,
no query a page runs plans a sequential scan of a table that grows with history. A regression (a
lost index, a filter that walks everyone) fails here rather than on a national instance.

A table that is still small here (a city's episodes, sessions or volunteer hours) may rightly be
read whole; such a scan is planned again with `enable_seqscan = off`, and if PostgreSQL still has
to scan it there is no index the query could use, which fails too: on a national instance that
table is not small.

PostgreSQL only: SQLite has no planner statistics worth asserting on. About 60 s on a busy machine (mostly the seed)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import time, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from audit.models import AuditEvent
from bench.measure import main_pages, note_search_url, search_url, sign_in
from community.models import Activity, Project, Schedule
from reports import store

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="query plans are asserted on PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]

# Tables whose rows accumulate with the service's history (people, their records, the trail) or
# with its growth (activities and their sessions). Reference tables (roles, instruments, areas)
# are small by nature, and a scan of them is the right plan.
GROWING = {
    "people_person",
    "people_caseloadentry",
    "people_alert",
    "referrals_referral",
    "referrals_referralstatuschange",
    "enablement_episode",
    "enablement_episodestatuschange",
    "enablement_contact",
    "enablement_review",
    "enablement_moveon",
    "outcomes_measurement",
    "outcomes_measurementevent",
    "people_breakglassgrant",
    "plans_planversion",
    "safeguarding_safeguardingconcern",
    "community_activity",
    "community_session",
    "community_attendance",
    "community_sessionroster",
    "community_enrolment",
    "community_project",
    "audit_auditevent",
    "volunteers_hoursentry",
    "volunteers_rotaslot",
    "volunteers_expenseclaim",
    "questions_answer",
}
# A walk of a whole index (see index_walks) is checked on history only: the directory and
# Open Referral lists walk the catalogue by name filtering on what is active, which stops after a
# page because most activities are. So is a sequential scan a LIMIT stops (see limited_scans): the
# directory's capped count reads the catalogue in any order until it has 500.
WALKS_CHECKED = GROWING - {"community_activity", "community_project"}
# Not listed: an activity's timetable (`community_schedule`, one or two rows an activity), which
# PostgreSQL may rightly read whole into a hash for "has a schedule" over a list of activities.

# Scans accepted for now, each with its reason; the test fails when one of them is no longer
# there, so the list only shrinks.
KNOWN = {
    # The manager's "activities running short" counts every active activity with no session
    # ahead: one pass over the catalogue (10,820 activities nationally), not over history.
    ("home (manager)", "community_activity"),
}

# Scans that a page may or may not plan, each with its reason: the count of a filtered catalogue
# that Open Referral's page object must give (`total_items`), about 2,000 of 10,820 activities
# nationally for a weekday, read whole or through the schedule's index as the planner judges.
# Not history: it grows with the directory, not with each week's sessions.
CATALOGUE_COUNTS = {
    ("ORUK services by day", "community_activity"),
    ("ORUK services (term)", "community_activity"),  # drop-ins on a Tuesday: the same count
    # The activities near a postcode (`total_items`): here three in four of the catalogue (every
    # activity is at a Birmingham venue), read whole; with few near, through the venues found and
    # the activities' venue index. The page itself reads only its own (community.nearby).
    ("ORUK service at locations near a postcode (page 2)", "community_activity"),
    ("ORUK service at locations (near)", "community_activity"),
}

# Below this many 8 kB pages (1 MB) reading a table whole is about as cheap as a few index probes,
# and PostgreSQL may rightly do either (at 80 pages the choice flipped between runs): such a table
# is not yet big enough to tell a plan that will not scale. At this size `community_session`
# (81 pages) is under it; people, attendances, contacts, activities and the trail are over.
SMALL_TABLE_PAGES = 128
EXTRA_PEOPLE = 10_000
CITY_SCALE = 0.5  # 2,500 people, 27 activities with five years of sessions: 20 s to load
EXTRA_ACTIVITIES = 10_000  # about a national directory (10,820 on `large`)
EXTRA_AUDIT_EVENTS = 12_000
EXTRA_HOURS = 3_650


def _more_activities() -> None:
    """A directory the size of a nation: 10,000 more activities (five to a new project, at the
    city's venues) with weekly schedules, one in ten about walking (Open Referral's text search
    must find them by index)."""
    venues = list(Activity.objects.values_list("venue_id", flat=True).distinct())
    projects = Project.objects.bulk_create(
        [
            Project(name=f"Project {n:05d}", description="Support near you.", who_it_is_for="Adults", lead_organisation="STaR")
            for n in range(EXTRA_ACTIVITIES // 5)
        ],
        batch_size=1000,
    )
    activities = [
        Activity(
            project=projects[n // 5],
            venue_id=venues[n % len(venues)],
            name=f"{'Walking' if n % 10 == 0 else 'Peer support'} group {n:05d}",
            description="Meet people and feel better." if n % 10 else "A gentle walk in the park.",
            kind="drop_in" if n % 2 else "group",
            category="walking" if n % 10 == 0 else "peer_support",
            how_to_join="Just come along.",
        )
        for n in range(EXTRA_ACTIVITIES)
    ]
    Activity.objects.bulk_create(activities, batch_size=1000)
    today = timezone.localdate()
    Schedule.objects.bulk_create(
        [Schedule(activity=a, weekday=n % 5, opens_at=time(10), closes_at=time(12), valid_from=today) for n, a in enumerate(activities)],
        batch_size=1000,
    )


def _more_people() -> None:
    """12,500 people in all, so the name and NHS number searches meet a table worth indexing."""
    from demo.bulk import FIRST_NAMES, LAST_NAMES
    from people.models import Person

    Person.objects.bulk_create(
        [
            Person(
                given_name=FIRST_NAMES[n % len(FIRST_NAMES)],
                family_name=LAST_NAMES[(n * 7) % len(LAST_NAMES)],
                nhs_number=f"{n:010d}",
            )
            for n in range(EXTRA_PEOPLE)
        ],
        batch_size=1000,
    )


def _more_audit_events() -> None:
    """Two years of trail (the home pages count recent refusals and failed sign-ins; refusals are
    rare, one event in a hundred, as they are in a service's trail), by the service's staff in turn."""
    staff = list(User.objects.filter(is_active=True).order_by("pk"))
    now = timezone.now()
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                user=staff[n % len(staff)],
                user_role=staff[n % len(staff)].role,
                action="refused" if n % 100 == 0 else ("view", "search", "sign_in_failed")[n % 3],
                object_type="person",
                occurred_at=now - timedelta(hours=2 + n * 3),
            )
            for n in range(EXTRA_AUDIT_EVENTS)
        ],
        batch_size=1000,
    )


def _more_hours() -> None:
    """Five years of volunteers' hours, about two entries a day (the reports read a month,
    quarter or year of them)."""
    from volunteers.models import HoursEntry, Volunteer

    volunteers = list(Volunteer.objects.values_list("pk", flat=True)[:20])
    projects = list(Project.objects.values_list("pk", flat=True)[:10])
    today = timezone.localdate()
    HoursEntry.objects.bulk_create(
        [
            HoursEntry(
                volunteer_id=volunteers[n % len(volunteers)],
                project_id=projects[n % len(projects)],
                worked_on=today - timedelta(days=n // 2 + 1),
                minutes=120,
            )
            for n in range(EXTRA_HOURS)
        ],
        batch_size=1000,
    )


def _analyse() -> None:
    """As autovacuum would after a load: statistics for every table, and the visibility map
    (index-only scans) of the growing ones. An index the bulk load rebuilt over rows it had
    updated (broken HOT chains, `indcheckxmin`) is invisible to the planner until every
    transaction older than it ends, which on a shared server may be another session's: those
    tables are rewritten (VACUUM FULL) so their indexes serve at once, as they do in production."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT t.relname FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid WHERE i.indcheckxmin AND t.relname = ANY(%s)",
            [sorted(GROWING)],
        )
        for (table,) in cursor.fetchall():
            cursor.execute(f"VACUUM FULL {table}")
        cursor.execute("ANALYZE")
        for table in sorted(GROWING):
            cursor.execute(f"VACUUM {table}")


def _sizes() -> dict[str, float]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, relpages FROM pg_class WHERE relname = ANY(%s)", [sorted(GROWING)])
        return dict(cursor.fetchall())


def _nodes(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


def sequential_scans(sql: str, *, forced: bool = False) -> list[str]:
    """The tables a query's plan reads with a sequential scan; `forced`, with sequential scans made
    as costly as PostgreSQL can make them, so one remains only where no index could serve."""
    with connection.cursor() as cursor:
        if forced:
            cursor.execute("SET enable_seqscan = off")
        try:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
            raw = cursor.fetchone()[0]
        finally:
            if forced:
                cursor.execute("RESET enable_seqscan")
    plan = (json.loads(raw) if isinstance(raw, str) else raw)[0]["Plan"]
    return [node["Relation Name"] for node in _nodes(plan) if node["Node Type"] == "Seq Scan"]


def _sequential_scans(plan: dict[str, Any], limited: bool = False) -> Iterator[tuple[str, bool]]:
    # As in _walks, a LIMIT stops the rows beneath it until a node that reads all its input first;
    # a subplan (hashed, or run for each row) is read on its own account, and so is a nested
    # loop's inner side (read again for each outer row).
    if plan.get("Parent Relationship") in ("SubPlan", "InitPlan"):
        limited = False
    limited = (limited or plan["Node Type"] == "Limit") and plan["Node Type"] not in ("Sort", "Hash", "Aggregate", "WindowAgg", "SetOp")
    if plan["Node Type"] == "Seq Scan":
        yield plan["Relation Name"], limited
    for child in plan.get("Plans", []):
        inner_of_loop = plan["Node Type"] == "Nested Loop" and child.get("Parent Relationship") == "Inner"
        yield from _sequential_scans(child, limited and not inner_of_loop)


def limited_scans(sql: str) -> set[str]:
    """The tables a query's plan reads sequentially only until a LIMIT has its rows (each time it
    reads them): the directory's count of at most 500 activities, in whatever order finds them soonest."""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
        raw = cursor.fetchone()[0]
    scans = list(_sequential_scans((json.loads(raw) if isinstance(raw, str) else raw)[0]["Plan"]))
    return {table for table, _ in scans} - {table for table, limited in scans if not limited}


def _walks(plan: dict[str, Any], limited: bool = False) -> Iterator[str]:
    # A LIMIT stops the rows beneath it only until a node that reads all its input first.
    limited = (limited or plan["Node Type"] == "Limit") and plan["Node Type"] not in ("Sort", "Hash", "Aggregate", "WindowAgg", "SetOp")
    if plan["Node Type"] in ("Index Scan", "Index Only Scan") and "Index Cond" not in plan and ("Filter" in plan or not limited):
        yield plan["Relation Name"]
    for child in plan.get("Plans", []):
        yield from _walks(child, limited)


def index_walks(sql: str) -> list[str]:
    """The tables a query's plan reads through a whole index, with no condition on it: testing
    each row against a filter (the whole table, one row at a time, whenever few rows pass: a count
    ordered by name walked 356,000 people on `large` to find 101), or with no LIMIT to stop it (a
    count of the whole audit trail from an index is a sequential scan by another name)."""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
        raw = cursor.fetchone()[0]
    return list(_walks((json.loads(raw) if isinstance(raw, str) else raw)[0]["Plan"]))


def unbounded_scans(sql: str, big: set[str]) -> dict[str, str]:
    """The growing tables a query reads whole, each with why: over the size where a scan is a
    choice ("scanned"), or any size when no index could serve the query ("no usable index")."""
    walked = dict.fromkeys(set(index_walks(sql)) & big & WALKS_CHECKED, "walk of a whole index")
    scanned = set(sequential_scans(sql)) & GROWING
    scanned -= limited_scans(sql) - WALKS_CHECKED  # the catalogue, read until a LIMIT stops
    if not scanned:
        return walked
    without_index = set(sequential_scans(sql, forced=True))
    found = dict.fromkeys(scanned & without_index, "no usable index")
    found.update({table: "scanned" for table in scanned & big if table not in without_index})
    return walked | found


def _pages() -> list[tuple[str, str, str | None]]:
    """(name, address, username) for each main page: the benchmark's pages (each for its busiest
    subject), the other roles' home pages and the register list."""
    pages, person = main_pages()
    found = [(page.name, page.url, page.username) for page in pages if page.name != "cohort outcomes"]  # issue 22, another change
    found += [(f"home ({role})", "/", role) for role in ("worker", "commissioner", "lead", "volunteer", "admin")]
    found += [("registers (lead)", "/community/registers/", "lead"), ("registers (volunteer)", "/community/registers/", "volunteer")]
    found += [("directory (page 2)", "/community/find/?page=2", None), ("ORUK services (page 3)", "/openreferral/services?page=3", None)]
    found += _more_pages(person)
    return [(name, f"{url}#{person}" if url.startswith("search") else url, username) for name, url, username in found]


def _more_pages(person: Any) -> list[tuple[str, str, str | None]]:
    """Pages outside the benchmark that read history or the catalogue: the directory with each
    filter, the Open Referral lists with a search, volunteers' hours, the audit trail."""
    from community.models import Venue

    area = Venue.objects.exclude(area="").values_list("area", flat=True).first()
    manager = User.objects.get(username="manager")
    directory = ["day=2", f"area={area}", "open_now=on", "features=step_free", "kind=group", "category=walking"]
    return [
        *[(f"directory ({query.partition('=')[0]})", f"/community/find/?{query}", None) for query in directory],
        ("ORUK services search (page 2)", "/openreferral/services?search=walk&page=2", None),
        ("ORUK services by day", "/openreferral/services?day=MO", None),
        ("ORUK organizations search", "/openreferral/organizations?search=project", None),
        ("ORUK organizations", "/openreferral/organizations?page=2", None),
        ("ORUK locations", "/openreferral/locations", None),
        ("ORUK service at locations search", "/openreferral/service_at_locations?search=walk", None),
        ("ORUK service at locations near a postcode (page 2)", "/openreferral/service_at_locations?postcode=B13%209AB&page=2", None),
        ("directory near a postcode", "/community/find/?postcode=B13+9AB&within=3", None),
        ("volunteers report, year (manager)", "/volunteers/report/?period=year", "manager"),
        ("volunteers report, month (commissioner)", "/volunteers/report/?period=month", "commissioner"),
        ("volunteer's own page", "/volunteers/me/", "volunteer"),
        ("audit trail", "/audit/", "manager"),
        ("audit trail (page 3)", "/audit/?page=3", "manager"),
        ("audit trail, refused only", "/audit/?refused_only=on", "manager"),
        ("audit trail, a person", f"/audit/?person={person}", "manager"),
        ("audit trail, a user", f"/audit/?user={manager.pk}", "manager"),
    ]


def test_no_main_page_scans_a_table_that_grows_with_history() -> None:
    from demo.seeding import seed

    seed(size="city", seed=1, scale=CITY_SCALE)
    _more_activities()
    _more_people()
    _more_audit_events()
    _more_hours()
    # The figures store, filled as `seed_demo` fills it: a report page reads stored figures, and
    # computes from raw history only a period no one has asked for before.
    store.rebuild()
    _analyse()
    sizes = _sizes()
    big = {table for table, pages in sizes.items() if pages >= SMALL_TABLE_PAGES}
    assert {"people_person", "community_attendance", "community_activity", "audit_auditevent", "enablement_contact"} <= big, sizes

    clients: dict[str | None, Client] = {}
    scans: dict[str, list[str]] = {}
    seen: set[tuple[str, str]] = set()
    first_sql = ""
    for name, url, username in _pages():
        client = clients.get(username)
        if client is None:
            client = clients[username] = Client()
            if username:
                sign_in(client, User.objects.get(username=username))
        if url.startswith("search"):
            kind, _, person = url.partition("#")
            url = search_url(client, person, kind.partition(":")[2] or "name")
        elif url.startswith("notes:"):
            url = note_search_url(client, url.partition(":")[2])  # the words are posted, the results page named by a token
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        for query in captured.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            for table, why in unbounded_scans(sql, big).items():
                seen.add((name, table))
                if (name, table) not in KNOWN | CATALOGUE_COUNTS:
                    scans.setdefault(name, []).append(f"{table}: ({why}) {sql[:2500]}")
                    first_sql = first_sql or sql
    assert seen >= KNOWN, f"No longer scanned, remove from KNOWN: {sorted(KNOWN - seen)}"
    if scans:
        first = next(iter(scans.values()))[0]
        table = first.partition(": ")[0]
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN {first_sql}")
            plan = "\n".join(row[0] for row in cursor.fetchall())
            cursor.execute("SET enable_seqscan = off")
            cursor.execute(f"EXPLAIN {first_sql}")
            plan += "\n(with enable_seqscan = off)\n" + "\n".join(row[0] for row in cursor.fetchall())
            cursor.execute("RESET enable_seqscan")
            cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = %s", [table])
            indexes = [row[0] for row in cursor.fetchall()]
        scans["(first plan)"] = [plan, f"indexes on {table}: {indexes}", f"sizes: {sizes}"]
    assert not scans, "Sequential scans of growing tables:\n" + "\n".join(
        f"{page}: {scan}" for page, found in scans.items() for scan in found
    )
