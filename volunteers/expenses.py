"""Volunteers' expense claims: mileage at the service's rate, receipts, and the decision on each."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.services import Action
from volunteers.models import (
    ClaimStatus,
    ExpenseClaim,
    ExpenseKind,
    Volunteer,
)
from volunteers.models.volunteer import VolunteerError

if TYPE_CHECKING:
    from accounts.models import User


from volunteers.auditing import audit_volunteer


def mileage_pence(miles: Decimal) -> int:
    return int((miles * settings.STAR_MILEAGE_PENCE_PER_MILE).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class ClaimRequest:
    kind: str
    incurred_on: date
    description: str
    miles: Decimal | None
    amount_pence: int | None
    receipt: UploadedFile[bytes] | None
    receipt_content_type: str
    submission_token: uuid.UUID


def claim_amount(claim: ClaimRequest) -> int:
    if claim.kind == ExpenseKind.TRAVEL:
        if claim.miles is None:
            raise VolunteerError("Enter how many miles you drove")
        if claim.miles < 0:
            raise VolunteerError("Miles cannot be less than 0")
        return mileage_pence(claim.miles)
    if claim.amount_pence is None:
        raise VolunteerError("Enter how much you spent")
    if claim.amount_pence < 0:
        raise VolunteerError("The amount cannot be less than £0")
    return claim.amount_pence


@transaction.atomic
def submit_expense(*, volunteer: Volunteer, by: User, claim: ClaimRequest) -> ExpenseClaim:
    """A claim waiting for a manager. Idempotent by its form token."""
    existing = ExpenseClaim.objects.filter(submission_token=claim.submission_token, volunteer=volunteer).first()
    if existing is not None:
        return existing
    amount = claim_amount(claim)
    if claim.receipt is None and claim.kind != ExpenseKind.TRAVEL and amount > settings.STAR_RECEIPT_REQUIRED_ABOVE_PENCE:
        limit = settings.STAR_RECEIPT_REQUIRED_ABOVE_PENCE
        raise VolunteerError(f"Add a photo or PDF of the receipt: claims over £{limit // 100}.{limit % 100:02d} need one")
    expense = ExpenseClaim(
        volunteer=volunteer,
        kind=claim.kind,
        incurred_on=claim.incurred_on,
        description=claim.description,
        miles=claim.miles if claim.kind == ExpenseKind.TRAVEL else None,
        amount_pence=amount,
        receipt_content_type=claim.receipt_content_type if claim.receipt else "",
        submission_token=claim.submission_token,
        submitted_by=by,
    )
    if claim.receipt is not None:
        extension = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}.get(claim.receipt_content_type, "bin")
        expense.receipt.save(f"{uuid.uuid4().hex}.{extension}", claim.receipt, save=False)
    try:
        with transaction.atomic():
            expense.save()
    except IntegrityError:
        # The same form sent again at the same moment: the unique token let the other copy win.
        if expense.receipt:
            expense.receipt.delete(save=False)
        existing = ExpenseClaim.objects.filter(submission_token=claim.submission_token, volunteer=volunteer).first()
        if existing is None:
            raise
        return existing
    audit_volunteer(by=by, action=Action.CREATE, volunteer=volunteer, obj=expense)
    return expense


@transaction.atomic
def decide_expense(*, claim: ExpenseClaim, by: User, approve: bool, reason: str) -> ExpenseClaim:
    claim = ExpenseClaim.objects.select_for_update().select_related("volunteer").get(pk=claim.pk)
    if claim.status != ClaimStatus.PENDING:
        raise VolunteerError("This claim has already been decided")
    if not approve and not reason.strip():
        raise VolunteerError("Enter the reason the claim is not approved")
    claim.status = ClaimStatus.APPROVED if approve else ClaimStatus.REJECTED
    claim.decided_by = by
    claim.decided_at = timezone.now()
    claim.decision_reason = reason
    claim.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    audit_volunteer(by=by, action=Action.UPDATE, volunteer=claim.volunteer, obj=claim, detail={"status": claim.status})
    return claim
