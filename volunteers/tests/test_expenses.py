"""Expense claims: mileage at the configured rate, receipts checked by content and size, a
receipt needed above the limit, and a manager's decision with a reason."""

from __future__ import annotations

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries, Settings

from audit.models import AuditEvent
from conftest import World, sign_in
from volunteers import expenses
from volunteers.models import ClaimStatus, ExpenseClaim
from volunteers.models.volunteer import VolunteerError
from volunteers.tests.factories import ExpenseClaimFactory, VolunteerFactory

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%...\n"


@pytest.fixture
def volunteer_client(client: Client, world: World) -> Client:
    VolunteerFactory.create(user=world.volunteer)
    return sign_in(client, world.volunteer)


def claim_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "kind": "fares",
        "incurred_on_day": "3",
        "incurred_on_month": "11",
        "incurred_on_year": "2026",
        "description": "Bus to the drop-in",
        "amount": "4.50",
        "miles": "",
        "token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def test_mileage_is_worked_out_at_the_configured_rate(volunteer_client: Client, settings: Settings) -> None:
    settings.STAR_MILEAGE_PENCE_PER_MILE = 45
    response = volunteer_client.post(reverse("volunteers:expense_new"), claim_data(kind="travel", miles="12.5", amount=""))
    assert response.status_code == 302
    claim = ExpenseClaim.objects.get()
    assert claim.amount_pence == 563  # 12.5 x 45p, rounded half up
    assert claim.status == ClaimStatus.PENDING


def test_the_same_form_sent_twice_makes_one_claim(volunteer_client: Client) -> None:
    data = claim_data()
    volunteer_client.post(reverse("volunteers:expense_new"), data)
    volunteer_client.post(reverse("volunteers:expense_new"), data)
    assert ExpenseClaim.objects.count() == 1


def test_negative_mileage_is_refused(volunteer_client: Client) -> None:
    response = volunteer_client.post(reverse("volunteers:expense_new"), claim_data(kind="travel", miles="-3", amount=""))
    assert response.status_code == 200
    assert "Miles cannot be less than 0" in response.content.decode()
    assert "Bus to the drop-in" in response.content.decode()  # nothing lost
    assert not ExpenseClaim.objects.exists()


def test_a_claim_above_the_limit_needs_a_receipt(volunteer_client: Client, settings: Settings) -> None:
    settings.STAR_RECEIPT_REQUIRED_ABOVE_PENCE = 1000
    response = volunteer_client.post(reverse("volunteers:expense_new"), claim_data(amount="12.00"))
    assert response.status_code == 200
    assert "claims over £10.00 need one" in response.content.decode()
    assert not ExpenseClaim.objects.exists()
    with_receipt = claim_data(amount="12.00", receipt=SimpleUploadedFile("receipt.png", PNG, content_type="image/png"))
    assert volunteer_client.post(reverse("volunteers:expense_new"), with_receipt).status_code == 302
    claim = ExpenseClaim.objects.get()
    assert claim.receipt_content_type == "image/png"
    assert claim.receipt.name is not None and claim.receipt.name.endswith(".png")


def test_a_file_that_is_not_an_image_or_pdf_is_refused_whatever_its_name(volunteer_client: Client) -> None:
    fake = SimpleUploadedFile("receipt.pdf", b"MZ\x90\x00 not really a pdf", content_type="application/pdf")
    response = volunteer_client.post(reverse("volunteers:expense_new"), claim_data(receipt=fake))
    assert "must be a photo (JPEG or PNG) or a PDF" in response.content.decode()
    assert not ExpenseClaim.objects.exists()


def test_a_file_that_is_too_large_is_refused(volunteer_client: Client, settings: Settings) -> None:
    settings.STAR_RECEIPT_MAX_BYTES = 100
    big = SimpleUploadedFile("receipt.pdf", PDF + b"x" * 200, content_type="application/pdf")
    response = volunteer_client.post(reverse("volunteers:expense_new"), claim_data(receipt=big))
    assert "must be smaller than" in response.content.decode()
    assert not ExpenseClaim.objects.exists()


def test_the_receipt_is_served_only_to_the_claimant_and_managers(client: Client, world: World) -> None:
    volunteer = VolunteerFactory.create(user=world.volunteer)
    claim = expenses.submit_expense(
        volunteer=volunteer,
        by=world.volunteer,
        claim=expenses.ClaimRequest(
            kind="fares",
            incurred_on=__import__("datetime").date(2026, 11, 1),
            description="Train",
            miles=None,
            amount_pence=2000,
            receipt=SimpleUploadedFile("r.pdf", PDF),
            receipt_content_type="application/pdf",
            submission_token=uuid.uuid4(),
        ),
    )
    url = reverse("volunteers:receipt", kwargs={"claim_id": claim.pk})
    response = sign_in(client, world.volunteer).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]
    assert sign_in(Client(), world.manager).get(url).status_code == 200
    assert sign_in(Client(), world.lead).get(url).status_code == 404
    assert sign_in(Client(), world.worker).get(url).status_code == 404


def test_the_manager_approves_or_rejects_with_a_reason(as_manager: Client, world: World) -> None:
    claim = ExpenseClaimFactory.create()
    url = reverse("volunteers:expense_decide", kwargs={"claim_id": claim.pk})
    response = as_manager.post(url, {"decision": "reject", "reason": ""})
    assert "Enter the reason the claim is not approved" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PENDING
    assert as_manager.post(url, {"decision": "approve", "reason": ""}).status_code == 302
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED
    assert claim.decided_by == world.manager
    assert AuditEvent.objects.filter(object_type="volunteers.expenseclaim", object_id=str(claim.pk), action="update").exists()
    with pytest.raises(VolunteerError, match="already been decided"):
        expenses.decide_expense(claim=claim, by=world.manager, approve=False, reason="Too late")


def test_the_claims_queue_costs_the_same_with_more_claims(
    as_manager: Client, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    ExpenseClaimFactory.create_batch(3)
    with django_assert_max_num_queries(12):
        as_manager.get(reverse("volunteers:expenses"))
    ExpenseClaimFactory.create_batch(20)
    with django_assert_max_num_queries(12):
        response = as_manager.get(reverse("volunteers:expenses"))
    assert response.status_code == 200
