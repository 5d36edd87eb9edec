"""`seed_demo --size city|large`: demo.bulk's areas at a tiny scale, on whichever database the
suite runs (SQLite's executemany path, or PostgreSQL's COPY path with indexes rebuilt)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import Count, F, Max, Min, Q
from django.utils import timezone

from accounts.models import User
from casesearch.index import rebuild as rebuild_search_index
from casesearch.models import SearchEntry
from community.models import Attendance, Session
from demo import bulk
from demo.seeding import SeedError, bulk_marker, seed
from enablement.models import Contact, Episode
from outcomes.models import Measurement
from people.models import CaseloadEntry, Person
from referrals.models import Referral

TINY = 0.01  # 50 people in the one city area, 2 projects


def snapshot() -> list[object]:
    """Everything the bulk load wrote (not the hand-made demo, whose keys are random), without
    the database's own bigint ids."""
    bulk_people = Person.objects.filter(created_by__is_demo_account=False)
    bulk_sessions = Session.objects.filter(activity__project__name__contains="(Area ")
    linked = {"person__created_by__is_demo_account": False}
    return [
        list(bulk_people.order_by("id").values_list("id", "given_name", "family_name", "date_of_birth", "nhs_number", "postcode")),
        list(bulk_sessions.order_by("activity_id", "starts_at").values_list("activity_id", "starts_at", "cancelled_at", "headcount")),
        sorted(Attendance.objects.filter(**linked).values_list("session__activity_id", "session__starts_at", "person_id")),
        sorted(Referral.objects.filter(**linked).values_list("person_id", "received_at", "status", "decision", "complexity")),
        sorted(Contact.objects.filter(**linked).values_list("person_id", "contact_date", "minutes", "outcome", "mode")),
        sorted(Measurement.objects.filter(**linked).values_list("person_id", "instrument__code", "measured_on", "score", "band")),
    ]


class _Undo(Exception):
    pass


def seeded_snapshot(seed_number: int) -> list[object]:
    taken: list[object] = []
    try:
        with transaction.atomic():
            seed(size="city", seed=seed_number, scale=TINY)
            taken = snapshot()
            raise _Undo
    except _Undo:
        pass
    return taken


@pytest.mark.django_db(transaction=False)
def test_city_makes_valid_linked_rows_for_every_page() -> None:
    out = StringIO()
    call_command("seed_demo", "--size", "city", "--seed", "5", "--scale", str(TINY), stdout=out, stderr=StringIO())
    assert "Loaded the city demo data set" in out.getvalue()
    scale = bulk.SCALES["city"].scaled(TINY)
    assert Person.objects.count() == 60 + 2 + scale.people  # the demo, its two archive records, the area
    assert bulk_marker() == {**bulk_marker(), "bulk_seed": "city", "seed": 5}  # type: ignore[dict-item]

    # Attendances only at sessions that ran, by people who exist, once per session.
    now = timezone.now()
    assert Attendance.objects.exists()
    assert not Attendance.objects.filter(Q(session__starts_at__gt=now) | Q(session__cancelled_at__isnull=False)).exists()
    assert Attendance.objects.filter(person__isnull=False).count() == Attendance.objects.count()
    assert Session.objects.filter(starts_at__gt=now).exists(), "upcoming sessions for registers and the directory"

    # Five years of history, not beyond today.
    span = Referral.objects.aggregate(first=Min("received_at"), last=Max("received_at"))
    assert span["last"] <= now and (now - span["first"]).days > 3 * 365

    # Each episode follows an allocated referral; at most one open episode per person.
    assert Episode.objects.count() == Referral.objects.filter(status=Referral.Status.ALLOCATED, decision="enablement").count()
    assert not Episode.objects.values("person").filter(status="open").annotate(n=Count("id")).filter(n__gt=1).exists()
    assert not Episode.objects.filter(status="ended", ended_on__isnull=True).exists()
    assert Referral.objects.filter(status=Referral.Status.AWAITING_TRIAGE, decision="").exists() or scale.people < 100

    # Workers' caseloads stay realistic, and the demo worker keeps the demo caseload.
    biggest = CaseloadEntry.objects.filter(ended_at__isnull=True).values("worker").annotate(n=Count("id")).order_by("-n").first()
    assert biggest is not None and biggest["n"] <= 40
    demo_worker = User.objects.get(username="worker")
    assert not CaseloadEntry.objects.filter(worker=demo_worker, person__created_by__is_demo_account=False).exists()

    # Contacts fall within their episode; measurements are scored and banded like the instruments.
    outside = Contact.objects.filter(episode__isnull=False).filter(Q(contact_date__lt=F("episode__started_on")))
    assert Contact.objects.exists() and not outside.exists()
    for measurement in Measurement.objects.filter(person__created_by__is_demo_account=False).select_related("instrument")[:50]:
        assert measurement.score == sum(measurement.answers.values())
        assert measurement.band and measurement.instrument.code in {"PHQ9", "GAD7"}


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_city() -> None:
    first = seeded_snapshot(3)
    assert first[0] and seeded_snapshot(3) == first
    assert seeded_snapshot(4) != first


@pytest.mark.django_db
def test_a_second_run_reuses_the_data_and_a_different_seed_is_refused() -> None:
    assert seed(size="city", seed=2, scale=TINY).created
    count = Person.objects.count()
    assert not seed(size="city", seed=2, scale=TINY).created
    assert Person.objects.count() == count
    with pytest.raises(SeedError, match="already holds the city data set with seed 2"):
        seed(size="city", seed=9, scale=TINY)


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor == "postgresql", reason="the refusal is for SQLite")
def test_large_is_refused_on_sqlite() -> None:
    with pytest.raises(CommandError, match="needs PostgreSQL"):
        call_command("seed_demo", "--size", "large", stdout=StringIO())
    assert not Person.objects.exists()


def test_the_scales_match_the_design() -> None:
    city, large = bulk.SCALES["city"], bulk.SCALES["large"]
    assert city.people == 5000 and city.projects_per_area == 18
    assert large.people == 1_000_000
    weeks = 5 * 52
    assert (
        130_000 < city.areas * city.projects_per_area * city.activities_per_project * weeks * 0.97 * city.attendances_per_session < 170_000
    )
    assert (
        18_000_000
        < large.areas * large.projects_per_area * large.activities_per_project * weeks * 0.97 * large.attendances_per_session
        < 22_000_000
    )


@pytest.mark.django_db
def test_the_bulk_rows_are_in_the_note_search_index_as_a_rebuild_would_make_them() -> None:
    seed(size="city", seed=6, scale=TINY)
    columns = ("kind", "object_id", "person_id", "record_id", "written_on", "text")
    loaded = sorted(SearchEntry.objects.values_list(*columns))
    assert {"contact", "referral"} <= {entry[0] for entry in loaded}
    assert SearchEntry.objects.filter(person__created_by__is_demo_account=False, kind="referral").exists()
    rebuild_search_index()
    assert sorted(SearchEntry.objects.values_list(*columns)) == loaded
