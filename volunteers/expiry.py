"""A check running out is a change of state: when a volunteer's latest DBS check or a required
training module passes its date, write a history row and an audit event, once. Run daily by cron
(`manage.py record_expired_checks`); running it again records nothing new."""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from audit.services import Action, record_event
from volunteers.models import CheckExpiry, CheckKind, DBSCheck, Stage, TrainingCompletion, VolunteerRole

if TYPE_CHECKING:
    from accounts.models import User

# Stages in which checks matter; an offer still being considered, or someone who has left, has
# nothing to run out.
CHECKED_STAGES = (Stage.APPROVED, Stage.ACTIVE, Stage.STEPPED_BACK)


def _expired_dbs_checks(today: date) -> list[DBSCheck]:
    newer = DBSCheck.objects.filter(volunteer=OuterRef("volunteer")).filter(
        Q(renewal_due_on__gt=OuterRef("renewal_due_on")) | Q(renewal_due_on=OuterRef("renewal_due_on"), pk__gt=OuterRef("pk"))
    )
    return list(
        DBSCheck.objects.filter(renewal_due_on__lt=today, volunteer__stage__in=CHECKED_STAGES, expiry__isnull=True)
        .exclude(Exists(newer))
        .select_related("volunteer")
        .order_by("pk")
    )


def _expired_required_training(today: date) -> list[TrainingCompletion]:
    newer = TrainingCompletion.objects.filter(volunteer=OuterRef("volunteer"), module=OuterRef("module")).filter(
        Q(completed_on__gt=OuterRef("completed_on")) | Q(completed_on=OuterRef("completed_on"), pk__gt=OuterRef("pk"))
    )
    candidates = (
        TrainingCompletion.objects.filter(
            expires_on__lt=today, volunteer__stage__in=CHECKED_STAGES, expiry__isnull=True, module__retired_at__isnull=True
        )
        .exclude(Exists(newer))
        .select_related("volunteer", "module")
        .order_by("pk")
    )
    # Only modules the volunteer's roles need (the JSON lists are compared here, on the few
    # completions that ran out and are not yet recorded).
    return [
        completion
        for completion in candidates
        if (set(completion.volunteer.roles_of_interest) or {VolunteerRole.WELCOME}) & set(completion.module.required_for)
    ]


def record_expired_checks(*, today: date | None = None, by: User | None = None) -> int:
    """Write one history row (and audit event) for each check that has run out and is not yet
    recorded. Returns how many were recorded."""
    today = today or timezone.localdate()
    recorded = 0
    for check in _expired_dbs_checks(today):
        with transaction.atomic():
            expiry, created = CheckExpiry.objects.get_or_create(
                dbs_check=check,
                defaults={"volunteer": check.volunteer, "kind": CheckKind.DBS, "expired_on": check.renewal_due_on, "recorded_by": by},
            )
            if created:
                record_event(
                    user=by,
                    action=Action.UPDATE,
                    person_id=check.volunteer.person_id,
                    obj=expiry,
                    detail={"check_expired": CheckKind.DBS.value, "expired_on": str(check.renewal_due_on)},
                )
                recorded += 1
    for completion in _expired_required_training(today):
        expires_on = completion.expires_on
        assert expires_on is not None  # filtered above
        with transaction.atomic():
            expiry, created = CheckExpiry.objects.get_or_create(
                completion=completion,
                defaults={"volunteer": completion.volunteer, "kind": CheckKind.TRAINING, "expired_on": expires_on, "recorded_by": by},
            )
            if created:
                record_event(
                    user=by,
                    action=Action.UPDATE,
                    person_id=completion.volunteer.person_id,
                    obj=expiry,
                    detail={"check_expired": CheckKind.TRAINING.value, "module": completion.module.code, "expired_on": str(expires_on)},
                )
                recorded += 1
    return recorded


def expiry_lines(volunteer_id: uuid.UUID) -> list[str]:
    """The volunteer's run-out checks, newest first, in words for the manager's page."""
    rows = CheckExpiry.objects.filter(volunteer_id=volunteer_id).select_related("dbs_check", "completion__module")[:20]
    lines = []
    for row in rows:
        if row.kind == CheckKind.DBS and row.dbs_check is not None:
            what = f"{row.dbs_check.get_level_display()} DBS check"
        elif row.completion is not None:
            what = f"Training: {row.completion.module.name}"
        else:
            what = row.get_kind_display()
        lines.append(f"{what} ran out on {row.expired_on:%d %B %Y}")
    return lines
