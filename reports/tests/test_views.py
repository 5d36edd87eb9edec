import io
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook  # type: ignore[import-untyped]
from pypdf import PdfReader
from pytest_django import DjangoAssertNumQueries

from audit.models import AuditEvent
from conftest import World, sign_in
from enablement.tests.factories import ContactFactory, EpisodeFactory
from referrals.tests.factories import ReferralFactory
from reports.exports import safe_cell, to_csv
from reports.models import Baseline, CostEntry
from reports.tests.fixtures import Fixture, at, build

Q3 = "?kind=quarter&start=2025-11-01"


@pytest.fixture
def counted(world: World) -> Fixture:
    return build(world.worker)


def test_commissioner_sees_suppressed_cells_and_no_names(client: Client, world: World, counted: Fixture) -> None:
    sign_in(client, world.commissioner)
    response = client.get(reverse("reports:dashboard") + Q3)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Q3 2025/26" in page and "Not shown" in page
    assert "Quarterspan" not in page and "Rereferred" not in page
    assert "MHSDS" not in page and "Record costs" not in page


def test_manager_sees_exact_figures(client: Client, world: World, counted: Fixture) -> None:
    sign_in(client, world.manager)
    page = client.get(reverse("reports:dashboard") + Q3).content.decode()
    assert "Not shown" not in page.split("Complexity of referrals")[0].split("Referrals received, by source")[1]
    assert "MHSDS" in page


def test_a_period_ending_before_it_starts_gets_a_clear_answer(client: Client, world: World) -> None:
    sign_in(client, world.manager)
    response = client.get(reverse("reports:dashboard") + "?kind=custom&start=2025-05-01&end=2025-04-01")
    assert response.status_code == 400
    assert "The end date must be on or after the start date" in response.content.decode()


def test_a_commissioner_gets_calendar_periods_only(client: Client, world: World, counted: Fixture) -> None:
    """One-day custom periods (1–23 October, then 1–24 October) would give one day's figures away."""
    sign_in(client, world.commissioner)
    for url in (reverse("reports:dashboard"), reverse("reports:export_table", kwargs={"key": "referrals-by-source", "fmt": "csv"})):
        response = client.get(url + "?kind=custom&start=2025-10-01&end=2025-10-23")
        assert response.status_code == 400
        assert "custom dates are not available" in response.content.decode()
    assert client.get(reverse("reports:dashboard") + "?kind=month&start=2025-10-01").status_code == 200


def test_a_ten_year_period_works(client: Client, world: World, counted: Fixture) -> None:
    sign_in(client, world.manager)
    assert client.get(reverse("reports:dashboard") + "?kind=custom&start=2016-01-01&end=2025-12-31").status_code == 200


def _queries(client: Client, django_assert_max_num_queries: DjangoAssertNumQueries, limit: int) -> None:
    with django_assert_max_num_queries(limit):
        assert client.get(reverse("reports:dashboard") + Q3).status_code == 200


# 57 measured with the hand-counted fixture (3 periods × the figures, costs, session, user); medians add at most 1 per period.
# On PostgreSQL, 6 more: a `SET LOCAL work_mem` before each attendance and people-supported count.
# A commissioner's page also reads the financial years' published counts (one grouped query per
# figure per year, at most two years) and the equality groups behind "people supported".
# 96 measured on PostgreSQL (5 December 2026): 95 with no waits, one more for the period's median.
DASHBOARD_QUERY_LIMIT = 96  # independent of the amount of data


def test_dashboard_query_count_does_not_grow_with_data(
    client: Client, world: World, counted: Fixture, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    sign_in(client, world.commissioner)
    _queries(client, django_assert_max_num_queries, DASHBOARD_QUERY_LIMIT)
    for day in range(20):
        referral = ReferralFactory.create(received_at=at(date(2025, 10, 1) + timedelta(days=day)), complexity=1 + day % 4)
        episode = EpisodeFactory.create(person=referral.person, referral=referral, started_on=date(2025, 10, 2) + timedelta(days=day))
        ContactFactory.create(episode=episode, contact_date=date(2025, 10, 3) + timedelta(days=day))
    _queries(client, django_assert_max_num_queries, DASHBOARD_QUERY_LIMIT)


def test_table_exports_as_csv_and_xlsx(client: Client, world: World, counted: Fixture) -> None:
    sign_in(client, world.commissioner)
    csv = client.get(reverse("reports:export_table", kwargs={"key": "referrals-by-source", "fmt": "csv"}) + Q3)
    assert csv.status_code == 200 and "GP,Not shown" in csv.content.decode()
    xlsx = client.get(reverse("reports:export_table", kwargs={"key": "one-to-one", "fmt": "xlsx"}) + Q3)
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["A2"].value == "People supported in 1-to-1" and sheet["B2"].value == "Not shown"
    assert client.get(reverse("reports:export_table", kwargs={"key": "nope", "fmt": "csv"}) + Q3).status_code == 404


@pytest.mark.parametrize("dangerous", ["=1+1", "+A1", "-1+1", "@SUM(A1)", "\tx", "\rx"])
def test_formula_injection_is_neutralised(dangerous: str) -> None:
    assert safe_cell(dangerous) == "'" + dangerous
    assert "'" + dangerous in to_csv([[dangerous]])
    assert safe_cell("Safe text") == "Safe text"


def test_quarterly_pdf_has_the_headline_figures(client: Client, world: World, counted: Fixture) -> None:
    Baseline.objects.create(
        description="Day centre", places=10, cost_per_place_per_week_pence=20_000, people_served=20, recorded_by=world.manager
    )
    CostEntry.objects.create(
        starts_on=date(2025, 10, 1), ends_on=date(2025, 12, 31), category="staff", amount_pence=1_200_000, recorded_by=world.manager
    )
    sign_in(client, world.commissioner)
    response = client.get(reverse("reports:quarterly_pdf") + Q3)
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Q3 2025/26" in text and "Total cost: £12,000.00" in text and "Saving against the old model" in text
    assert "Quarterspan" not in text


def test_mhsds_extract_is_person_level_and_audited(client: Client, world: World, counted: Fixture) -> None:
    sign_in(client, world.manager)
    response = client.get(reverse("reports:mhsds_extract") + Q3)
    body = response.content.decode()
    assert "MHS101,R" in body and "MHS201" in body and "MHS302" in body
    assert ",5\r\n" in body and ",3\r\n" in body  # attended, did not attend
    exported = set(AuditEvent.objects.filter(action="export", person_id__isnull=False).values_list("person_id", flat=True))
    assert exported == {counted.a.pk, counted.b.pk}


def test_manager_records_a_cost_and_a_negative_one_is_refused(client: Client, world: World) -> None:
    sign_in(client, world.manager)
    url = reverse("reports:costs")
    data = {
        "starts_on_day": "1",
        "starts_on_month": "10",
        "starts_on_year": "2025",
        "ends_on_day": "31",
        "ends_on_month": "12",
        "ends_on_year": "2025",
        "category": "staff",
    }
    response = client.post(url, {**data, "amount": "-5"})
    assert "Enter an amount of £0 or more" in response.content.decode()
    assert not CostEntry.objects.exists()
    assert client.post(url, {**data, "amount": "1,250.50"}).status_code == 302
    assert CostEntry.objects.get().amount_pence == 125_050
    assert client.get(url).status_code == 200


def test_a_baseline_with_zero_places_is_refused(client: Client, world: World) -> None:
    sign_in(client, world.manager)
    url = reverse("reports:baseline")
    data = {"description": "Day centre", "places": "0", "cost_per_place_per_week": "200", "people_served": "40"}
    assert "Enter 1 place or more" in client.post(url, data).content.decode()
    assert client.post(url, {**data, "places": "30"}).status_code == 302
    assert Baseline.objects.get().cost_per_place_per_week_pence == 20_000


def test_equality_page_compares_with_the_population(client: Client, world: World, counted: Fixture) -> None:
    from reports.management.commands.load_population import EXAMPLE, load_population

    assert load_population(EXAMPLE) > 20
    sign_in(client, world.commissioner)
    page = client.get(reverse("reports:equality") + Q3).content.decode()
    assert "Local adults" in page and "Asian or Asian British" in page and "Not shown" in page


def test_equality_tables_download_too(client: Client, world: World, counted: Fixture) -> None:
    sign_in(client, world.commissioner)
    response = client.get(reverse("reports:export_table", kwargs={"key": "equality-sex", "fmt": "csv"}) + Q3)
    assert response.status_code == 200
    body = response.content.decode()
    assert body.startswith(",People,Share,Local adults") and "Total,Not shown" in body
    assert "Quarterspan" not in body


@pytest.mark.django_db
def test_with_more_projects_than_a_list_holds_the_viewer_types_part_of_a_name(
    client: Client, world: World, monkeypatch: pytest.MonkeyPatch, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    """A national service has 3,600 projects: past PROJECT_CHOICES the chooser is a box for part of
    the name, and the page costs the same whatever the number of projects."""
    from community.tests.factories import ProjectFactory
    from reports.views import context

    monkeypatch.setattr(context, "PROJECT_CHOICES", 2)
    ProjectFactory.create(name="Moseley walking group")
    ProjectFactory.create(name="Moseley art café")
    kings = ProjectFactory.create(name="Kings Heath allotment")
    sign_in(client, world.commissioner)
    url = reverse("reports:dashboard") + "?kind=quarter&start=2025-11-01"

    client.get(url)  # the period's first view computes and stores its figures
    with django_assert_max_num_queries(15):
        page = client.get(url).content.decode()
    assert 'id="project_name"' in page and '<select class="nhsuk-select" id="project"' not in page

    chosen = client.get(url + "&project_name=allotment").content.decode()
    assert 'value="Kings Heath allotment"' in chosen and "Kings Heath allotment" in chosen

    several = client.get(url + "&project_name=moseley").content.decode()
    assert "2 projects have ‘moseley’ in their name" in several
    assert f"project={kings.pk}" not in several
    assert several.count("&amp;project=") == 2  # a link to each match, with the period kept

    none = client.get(url + "&project_name=zzz")
    assert none.status_code == 200 and "No project you can see has ‘zzz’ in its name" in none.content.decode()
    assert client.get(url + "&project=not-a-project").status_code == 200
    assert client.get(url + f"&project={kings.pk}").content.decode().count('value="Kings Heath allotment"') == 1
