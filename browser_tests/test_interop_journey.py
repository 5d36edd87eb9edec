"""Given an administrator and a worker, when the administrator makes an API token (seeing the
secret once), reads the API documentation, another system uses the token, and the administrator
revokes it; and when the worker downloads a person's FHIR record from their page, then every step
works, the documentation loads only our own assets under the CSP, and every page passes axe."""

from __future__ import annotations

import datetime
import json

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from browser_tests.conftest import assert_accessible
from browser_tests.helpers import sign_in_through_pages
from interop.models import ApiToken, CrisisPlanSent
from people.tests.factories import CaseloadEntryFactory, PersonFactory
from plans.documents import Kind
from plans.tests.factories import CrisisPlanShareFactory, make_plan


@pytest.mark.django_db(transaction=True)
def test_admin_makes_uses_and_revokes_a_token(live_server: LiveServer, page: Page) -> None:
    admin = UserFactory.create(role=Role.ADMIN, username="alex", first_name="Alex")
    PersonFactory.create(given_name="Ada", family_name="Lovelace")
    base = live_server.url
    sign_in_through_pages(page, base, admin)
    assert_accessible(page, "interop-01-admin-home")

    page.get_by_role("link", name="API tokens for other systems").click()
    expect(page.get_by_role("heading", name="API tokens", exact=True)).to_be_visible()
    assert_accessible(page, "interop-02-token-list")

    page.get_by_role("link", name="Make a token").click()
    page.get_by_role("button", name="Make token").click()
    expect(page.get_by_text("Enter what the token is for").first).to_be_visible()
    assert_accessible(page, "interop-03-token-form-errors")

    page.get_by_label("What the token is for").fill("Trust referrals")
    page.get_by_label("Service account name").fill("Birmingham trust")
    page.get_by_label("The account acts as").select_option("manager")
    page.get_by_label("Read people").check()
    page.get_by_label("Send referrals").check()
    expires = timezone.localdate() + datetime.timedelta(days=60)
    group = page.get_by_role("group", name="Expiry date")
    group.get_by_label("Day").fill(str(expires.day))
    group.get_by_label("Month").fill(str(expires.month))
    group.get_by_label("Year").fill(str(expires.year))
    page.get_by_role("button", name="Make token").click()
    expect(page.get_by_role("heading", name="Copy the token now")).to_be_visible()
    secret = page.get_by_test_id("new-token").inner_text().strip()
    assert secret.startswith("star_")
    assert_accessible(page, "interop-04-token-made")

    # Another system uses it.
    response = Client().get("/api/v1/people/", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
    assert [row["family_name"] for row in response.json()["results"]] == ["Lovelace"]

    page.reload()
    expect(page.get_by_role("heading", name="Copy the token now")).to_have_count(0)
    assert secret not in page.content()
    assert_accessible(page, "interop-05-token-detail")

    page.get_by_role("button", name="Revoke the token").click()
    expect(page.get_by_text("Token revoked")).to_be_visible()
    assert_accessible(page, "interop-06-token-revoked")
    assert ApiToken.objects.get().revoked_at is not None
    assert Client().get("/api/v1/people/", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401

    # The documentation: our own copy of Swagger UI, no third-party assets, no CSP violations.
    outside: list[str] = []
    violations: list[str] = []
    page.on("request", lambda request: outside.append(request.url) if not request.url.startswith(base) else None)
    page.on("console", lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None)
    page.goto(f"{base}/api/v1/docs/")
    expect(page.get_by_text("/api/v1/people/").first).to_be_visible()
    assert outside == []
    assert violations == []
    assert_accessible(page, "interop-07-api-docs")


@pytest.mark.django_db(transaction=True)
def test_worker_downloads_a_fhir_record(live_server: LiveServer, page: Page) -> None:
    worker = UserFactory.create(role=Role.STR_WORKER, username="sam", first_name="Sam")
    person = PersonFactory.create(given_name="Ada", family_name="Lovelace")
    CaseloadEntryFactory.create(person=person, worker=worker)
    plan = make_plan(person, Kind.CRISIS, by=worker)
    CrisisPlanShareFactory.create(plan=plan, recorded_by=worker, recipient_name="Dr Patel", organisation="Home treatment team")
    sign_in_through_pages(page, live_server.url, worker)
    page.goto(f"{live_server.url}/people/{person.pk}/")
    assert_accessible(page, "interop-11-person-page")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download FHIR record").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".fhir.json")
    bundle = json.loads(open(download.path(), encoding="utf-8").read())  # noqa: SIM115
    assert bundle["resourceType"] == "Bundle"
    assert bundle["entry"][0]["resource"]["identifier"][0]["system"] == "https://fhir.nhs.uk/Id/nhs-number"

    # The crisis plan, for the one recipient Ada agreed to.
    page.get_by_role("link", name="Send the crisis plan to someone they agreed may have it").click()
    expect(page.get_by_role("heading", name="Send Ada Lovelace's crisis plan")).to_be_visible()
    assert_accessible(page, "interop-12-crisis-plan-recipients")
    with page.expect_download() as pdf_info:
        page.get_by_role("link", name="PDF for Dr Patel").click()
    assert pdf_info.value.suggested_filename.endswith(".pdf")
    assert CrisisPlanSent.objects.filter(person=person, format="pdf").count() == 1


@pytest.mark.django_db(transaction=True)
def test_manager_exports_a_list(live_server: LiveServer, page: Page) -> None:
    manager = UserFactory.create(role=Role.MANAGER, username="morgan", first_name="Morgan")
    PersonFactory.create(given_name="=cmd", family_name="Lovelace")
    sign_in_through_pages(page, live_server.url, manager)
    page.get_by_role("link", name="Export lists").click()
    expect(page.get_by_role("heading", name="Export lists")).to_be_visible()
    assert_accessible(page, "interop-21-exports")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="People (CSV)").click()
    text = open(download_info.value.path(), encoding="utf-8").read()  # noqa: SIM115
    assert "'=cmd" in text
