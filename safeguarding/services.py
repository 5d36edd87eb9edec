"""Recording risk and raising safeguarding concerns. Each change is audited; a high risk raises
an alert in the person's header; a new concern tells every active manager."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse

from accounts.roles import Role
from audit.services import Action, record_event
from core.jinja import uk_date
from core.status import move
from notifications.services import send
from people.models import Alert
from people.services import raise_alert
from safeguarding.models import ConcernStatus, RiskAssessment, SafeguardingConcern
from safeguarding.models.concerns import ConcernError

if TYPE_CHECKING:
    from accounts.models import User


def _alert_summary(assessment: RiskAssessment) -> str:
    high = assessment.high_areas
    if high:
        return f"High risk: {', '.join(area.lower() for area in high)}. See the risk assessment of {uk_date(assessment.assessed_at)}"
    return f"Risk noted: see the risk assessment of {uk_date(assessment.assessed_at)}"


@transaction.atomic
def record_risk_assessment(*, by: User, assessment: RiskAssessment, raise_risk_alert: bool = False) -> RiskAssessment:
    """Save a new assessment. Any high level, or asking for it, raises a risk alert in the header."""
    # A form sent twice is saved once by its submission key (`submissions.services.once`).
    assessment.assessed_by = by
    assessment.save()
    record_event(
        user=by,
        action=Action.CREATE,
        person_id=assessment.person_id,
        obj=assessment,
        detail={"high": assessment.high_areas, "review_due": assessment.review_due.isoformat()},
    )
    if assessment.high_areas or raise_risk_alert:
        assessment.alert = raise_alert(
            by=by, person=assessment.person, category=Alert.Category.RISK, summary=_alert_summary(assessment)[:300]
        )
        assessment.save(update_fields=["alert"])
    return assessment


def _managers_to_tell() -> list[User]:
    from accounts.models import User

    return list(User.objects.filter(role=Role.MANAGER, is_active=True).exclude(email="").order_by("id"))


def _notify_managers(*, concern: SafeguardingConcern, request: HttpRequest | None) -> None:
    """One email per manager. It names no one: the details stay behind the sign-in."""
    path = reverse("safeguarding:concern_detail", kwargs={"person_id": concern.person_id, "concern_id": concern.pk})
    link = request.build_absolute_uri(path) if request is not None else path
    for manager in _managers_to_tell():
        send(
            by=concern.raised_by,
            to_user=manager,
            template="safeguarding_concern",
            personalisation={"category": concern.get_category_display().lower(), "raised_by": concern.raised_by.display_name, "link": link},
            reason="A safeguarding concern was raised",
        )


@transaction.atomic
def raise_safeguarding_concern(*, by: User, concern: SafeguardingConcern, request: HttpRequest | None = None) -> SafeguardingConcern:
    if concern.referred_to_local_authority and concern.referral_date is None:
        raise ConcernError("Enter the date of the referral to the local authority")
    # A form sent twice is saved once by its submission key (`submissions.services.once`).
    concern.raised_by = by
    move(concern, ConcernStatus.OPEN, by=by, reason="Concern raised", detail={"category": concern.category})
    transaction.on_commit(lambda: _notify_managers(concern=concern, request=request))
    return concern


def lock_concern_for_edit(concern: SafeguardingConcern) -> SafeguardingConcern:
    """The concern as saved now, locked until the end of the transaction (`submissions.conflicts`)."""
    return SafeguardingConcern.objects.select_for_update().get(pk=concern.pk)


@transaction.atomic
def update_safeguarding_concern(
    *,
    by: User,
    concern: SafeguardingConcern,
    referred_to_local_authority: bool,
    referral_date: date | None,
    referral_reference: str,
    outcome: str,
    status: str,
    note: str = "",
) -> SafeguardingConcern:
    """Record the local authority referral and the outcome; close or reopen with a history row."""
    concern = SafeguardingConcern.objects.select_for_update().get(pk=concern.pk)
    if referred_to_local_authority and referral_date is None:
        raise ConcernError("Enter the date of the referral to the local authority")
    moving = status != concern.status
    if moving:
        SafeguardingConcern.status_machine.check(concern, status)
    if status == ConcernStatus.CLOSED and not outcome.strip():
        raise ConcernError("Enter the outcome before closing the concern")
    concern.referred_to_local_authority = referred_to_local_authority
    concern.referral_date = referral_date if referred_to_local_authority else None
    concern.referral_reference = referral_reference.strip() if referred_to_local_authority else ""
    concern.outcome = outcome.strip()
    detail = {"status": status, "referred": referred_to_local_authority}
    if moving:
        move(concern, status, by=by, reason=note.strip(), detail=detail)
    else:
        concern.save()
        record_event(user=by, action=Action.UPDATE, person_id=concern.person_id, obj=concern, detail=detail)
    return concern
