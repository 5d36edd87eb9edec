"""Measure one database (the one DATABASE_URL points at): every main page, the quarterly report
against hand-written SQL, and an import. Server-side time only: Django's test Client handles each
request in-process (no network, no static files), signed in as the role that uses the page."""

from __future__ import annotations

import csv
import io
import os
import platform
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from bench import report_sql
from bench.targets import PAGE_P95_MS, PDF_MS, median, percentile
from community.models import Session
from enablement.models import Contact
from people.models import CaseloadEntry

SLOW_MS = 2000.0
NOTE_SEARCH = "housing appeal"
SLOW_REPEAT = 3


@dataclass(frozen=True)
class Page:
    name: str
    url: str
    username: str | None  # None: a member of the public
    target_ms: float = PAGE_P95_MS  # p95 server time to stay under (a PDF has its own)


def main_pages() -> tuple[list[Page], Any]:
    """The main pages, each for the busiest realistic subject: the worker with the largest open
    caseload, their person with the most contacts, the latest session that ran, its project."""
    busiest = CaseloadEntry.objects.filter(ended_at__isnull=True).values("worker").annotate(n=Count("id")).order_by("-n", "worker")[:1]
    worker = User.objects.get(pk=busiest[0]["worker"])
    people = CaseloadEntry.objects.filter(worker=worker, ended_at__isnull=True).values_list("person", flat=True)
    person = (
        Contact.objects.filter(person__in=list(people)).values("person").annotate(n=Count("id")).order_by("-n", "person")[:1][0]["person"]
    )
    session = Session.objects.filter(starts_at__lt=timezone.now(), cancelled_at__isnull=True).order_by("-starts_at", "-id").first()
    assert session is not None
    return [*work_pages(worker.username, person, session), *report_pages(), *public_pages()], person


def work_pages(worker: str, person: Any, session: Session) -> list[Page]:
    """The pages of the working day, as the worker and the manager who use them."""
    return [
        Page("home (manager)", "/", "manager"),
        Page("caseload", "/enablement/caseload/", worker),
        Page("person page", f"/people/{person}/", worker),
        Page("person outcomes", f"/outcomes/people/{person}/", worker),
        Page("search", "search", "manager"),
        Page("search (worker)", "search", worker),
        Page("NHS number search", "search:nhs", "manager"),
        Page("NHS number search (worker)", "search:nhs", worker),
        # Search in notes (casesearch): two words, as a worker types them, in their caseload's notes.
        Page("note search (worker)", f"notes:{NOTE_SEARCH}", worker),
        Page("note search", f"notes:{NOTE_SEARCH}", "manager"),
        Page("triage queue", "/referrals/triage/", "manager"),
        Page("waiting list", "/referrals/waiting/", "manager"),
        Page("register", f"/community/registers/{session.pk}/", "manager"),
        Page("project page", f"/community/projects/{session.activity.project_id}/", "manager"),
        Page("project list", "/community/projects/", "manager"),
    ]


def report_pages() -> list[Page]:
    """Every report page, for a month, a quarter and a financial year, as the commissioner who
    reads them (small numbers hidden) and the manager (all figures): read from the figures store."""
    from core.periods import month_of, quarter_of, year_of

    today = timezone.localdate()
    month, quarter, year = month_of(today).previous(), quarter_of(today).previous(), year_of(today)
    cohorts = "/outcomes/cohorts/?instrument=PHQ9&group_by=all"
    return [
        Page("dashboard (month)", f"/reports/?{urlencode(month.query())}", "commissioner"),
        Page("dashboard", "/reports/", "commissioner"),  # this quarter: the page's default
        Page("dashboard (last quarter)", f"/reports/?{urlencode(quarter.query())}", "commissioner"),
        Page("dashboard (year)", f"/reports/?{urlencode(year.query())}", "commissioner"),
        Page("dashboard (manager)", "/reports/", "manager"),
        Page("equality", f"/reports/equality/?{urlencode(quarter.query())}", "commissioner"),
        Page("costs", "/reports/costs/", "manager"),
        Page("quarterly PDF", f"/reports/report.pdf?{urlencode(quarter.query())}", "commissioner", target_ms=PDF_MS),
        Page("cohort outcomes", cohorts, "manager"),
        Page("cohort outcomes (commissioner)", cohorts, "commissioner"),
    ]


def public_pages() -> list[Page]:
    """The directory and the Open Referral UK lists, with each filter people use."""
    from community.models import ActivityKind, Venue
    from community.openreferral import derived_id

    postcode = Venue.objects.exclude(postcode="").order_by("pk").values_list("postcode", flat=True).first() or "B13 9AB"
    near = urlencode({"postcode": postcode})
    drop_ins = derived_id("kind", ActivityKind.DROP_IN)
    return [
        Page("public directory", "/community/find/", None),
        Page("directory (filtered)", "/community/find/?day=2&kind=drop_in&features=step_free", None),
        Page("directory (near)", f"/community/find/?{near}&within=3", None),
        Page("directory (open now)", "/community/find/?open_now=on&category=peer_support", None),
        Page("ORUK services", "/openreferral/services", None),
        Page("ORUK services search", "/openreferral/services?search=walk", None),
        Page("ORUK services (term)", f"/openreferral/services?taxonomy_term_id={drop_ins}&day=tuesday", None),
        Page("ORUK service at locations", "/openreferral/service_at_locations", None),
        Page("ORUK service at locations (near)", f"/openreferral/service_at_locations?{near}", None),
        Page("ORUK organizations", "/openreferral/organizations", None),
    ]


def sign_in(client: Client, user: User) -> None:
    """As the pages would, two-factor included (a TOTP device marked verified in the session)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    if user.requires_two_factor:
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
            user=user, name="Benchmark", confirmed=True
        )
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()


def search_url(client: Client, person_id: Any, kind: str = "name") -> str:
    """The search posts its terms and redirects to a results page named by a token: the first
    three letters of the person's family name, or their NHS number (`kind="nhs"`)."""
    from people.models import Person

    person = Person.objects.get(pk=person_id)
    response = client.post("/people/", {"query": person.nhs_number if kind == "nhs" else person.family_name[:3]})
    assert response.status_code == 302, response.status_code
    return str(response["Location"])


def note_search_url(client: Client, terms: str) -> str:
    """The note search posts its words and redirects to a results page named by a token."""
    response = client.post("/notes/search/", {"terms": terms})
    assert response.status_code == 302, response.status_code
    return str(response["Location"])


def page_url(client: Client, page: Page, person: Any) -> str:
    if page.url.startswith("search"):
        return search_url(client, person, page.url.partition(":")[2] or "name")
    if page.url.startswith("notes:"):
        return note_search_url(client, page.url.partition(":")[2])
    return page.url


class PageTimer:
    """Times the main pages one at a time, each as the role that uses it (a signed-in client per
    role, kept between pages): `time(name)` is one page's figures."""

    def __init__(self, *, repeat: int, warmup: int = 2) -> None:
        self.repeat, self.warmup = repeat, warmup
        pages, self.person = main_pages()
        self.pages = {page.name: page for page in pages}
        self.clients: dict[str | None, Client] = {}

    def _client(self, username: str | None) -> Client:
        client = self.clients.get(username)
        if client is None:
            client = self.clients[username] = Client()
            if username:
                sign_in(client, User.objects.get(username=username))
        return client

    def time(self, name: str) -> dict[str, Any]:
        page = self.pages[name]
        client = self._client(page.username)
        url = page_url(client, page, self.person)
        times: list[float] = []
        queries = 0
        status = 200
        runs = self.warmup + self.repeat
        attempt = 0
        while attempt < runs:
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                elapsed = (time.perf_counter() - started) * 1000
            status = response.status_code
            if status != 200:
                return {"url": url, "error": f"HTTP {status}"}
            if attempt >= self.warmup:
                times.append(elapsed)
                queries = len(captured.captured_queries)
            if attempt == 0 and elapsed > SLOW_MS:
                runs = min(runs, self.warmup + SLOW_REPEAT)  # seconds-long pages: a few runs tell enough
            attempt += 1
        return {
            "load": round(os.getloadavg()[0], 2),  # the machine's 1-minute load average as the page finished
            "url": url,
            "median_ms": round(median(times), 2),
            "p95_ms": round(percentile(times, 0.95), 2),
            "queries": queries,
            "runs": len(times),
            "target_ms": page.target_ms,
        }


def measure_pages(*, repeat: int, warmup: int = 2, only: set[str] | None = None) -> dict[str, dict[str, Any]]:
    timer = PageTimer(repeat=repeat, warmup=warmup)
    names = list(timer.pages)
    if only:
        unknown = only - set(names)
        if unknown:
            raise ValueError(f"No such page: {', '.join(sorted(unknown))}")
        names = [name for name in names if name in only]
    return {name: timer.time(name) for name in names}


def _timed(function: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, value = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        value = function()
        times.append((time.perf_counter() - started) * 1000)
    return median(times), value


def measure_report(*, repeat: int) -> dict[str, Any]:
    from core.periods import quarter_of
    from reports import tables

    period = quarter_of(timezone.localdate()).previous()
    _timed(lambda: report_sql.report_figures(period), 1)  # warm the caches of both
    _timed(lambda: report_sql.sql_figures(period), 1)
    report_ms, report = _timed(lambda: report_sql.report_figures(period), repeat)
    sql_ms, sql = _timed(lambda: report_sql.sql_figures(period), repeat)
    dashboard_ms, raw = _timed(lambda: tables.build(period, project=None, suppressed=False), max(1, repeat // 2))
    stored_ms, stored = _timed(lambda: _from_store(period), repeat)
    return {
        "dashboard_stored_ms": round(stored_ms, 1),
        "stored_agree": stored == raw,
        "period": period.label,
        "report_ms": round(report_ms, 1),
        "sql_ms": round(sql_ms, 1),
        "dashboard_ms": round(dashboard_ms, 1),
        "agree": report == sql,
        "figures": report_sql.as_json(report),
        "sql_figures": report_sql.as_json(sql) if report != sql else None,
    }


def _from_store(period: Any) -> Any:
    """The dashboard's tables as its page reads them: from the figures store (rebuild_figures, run
    by seed_demo, filled it), which must equal the computation from raw rows."""
    from reports import store, tables
    from reports.figures import service

    with service.scoped(None), store.figures(period, None):
        return tables.build(period, project=None, suppressed=False)


def people_csv(rows: int, *, seed: int = 1) -> bytes:
    """An old system's export: distinct synthetic people (never real), no NHS numbers."""
    from demo.bulk import FIRST_NAMES, LAST_NAMES

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Client ID", "Forename", "Surname", "DOB", "Post code"])
    for index in range(rows):
        given = FIRST_NAMES[(index * 7 + seed) % len(FIRST_NAMES)]
        family = LAST_NAMES[(index * 13 + seed) % len(LAST_NAMES)]
        born = f"{1 + index % 28:02d}/{1 + index // 28 % 12:02d}/{1940 + index // 336 % 60}"
        writer.writerow([f"OLD{index:07d}", given, family, born, f"B{1 + index % 40} {1 + index % 9}AB"])
    return out.getvalue().encode()


def measure_import(*, rows: int) -> dict[str, Any]:
    """`manage.py import_people` on a generated file, inside a transaction rolled back afterwards
    so the benchmark database stays as seeded."""
    from interop.legacy.models import ImportMapping

    manager = User.objects.get(username="manager")
    columns = {
        "legacy_id": "Client ID",
        "given_name": "Forename",
        "family_name": "Surname",
        "date_of_birth": "DOB",
        "postcode": "Post code",
    }
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "old-system.csv"
        path.write_bytes(people_csv(rows))
        error = ""
        with transaction.atomic():
            ImportMapping.objects.update_or_create(
                name="bench", defaults={"columns": columns, "date_format": "day_first", "created_by": manager}
            )
            started = time.perf_counter()
            try:
                call_command("import_people", str(path), "--mapping", "bench", stdout=io.StringIO(), stderr=io.StringIO())
            except Exception as problem:
                error = str(problem)
            seconds = time.perf_counter() - started
            transaction.set_rollback(True)
    return {"rows": rows, "seconds": round(seconds, 2), "error": error}


def settle() -> float:
    """VACUUM (ANALYZE) the big tables, as autovacuum would soon after a bulk load: sets the
    visibility map (index-only scans) and fresh statistics. Seconds taken; quick when settled."""
    from demo.bulk import BULK_TABLES, DERIVED_TABLES

    if connection.vendor != "postgresql":
        return 0.0
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {', '.join([*BULK_TABLES, *DERIVED_TABLES])}")
    return round(time.perf_counter() - started, 1)


def machine() -> dict[str, Any]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        server = cursor.fetchone()[0]
    return {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform(), "database": server}


def counts() -> dict[str, int]:
    """Row counts of the big tables (the planner's estimate on PostgreSQL: exact counts take minutes)."""
    tables = [
        "people_person",
        "community_attendance",
        "enablement_contact",
        "outcomes_measurement",
        "referrals_referral",
        "enablement_episode",
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT relname, reltuples::bigint FROM pg_class WHERE relname = ANY(%s)", [tables])
            return dict(cursor.fetchall())
        return {table: cursor.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] for table in tables}  # noqa: S608  # nosec B608: table and column names from the models or fixed lists, values as parameters
