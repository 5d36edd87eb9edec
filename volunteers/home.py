"""What home pages show about volunteering: a volunteer's checks and training running out, a
lead's unfilled rota slots, and the manager's counts (expenses, DBS checks, training)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Exists, Max, OuterRef
from django.http import HttpRequest
from django.utils import timezone

from community.home import day_bounds
from volunteers.access import expenses_visible_to, own_volunteer_record, rota_projects_for, volunteers_visible_to
from volunteers.expiry import CHECKED_STAGES
from volunteers.models import ClaimStatus, RotaSlot, TrainingCompletion, TrainingModule
from volunteers.presenters import dbs_status, training_lines

if TYPE_CHECKING:
    from accounts.models import User

ROTA_LOOKAHEAD_DAYS = 14
TRAINING_WARNING_DAYS = 60


def own_checks_running_out(request: HttpRequest, *, today: date) -> list[str]:
    """A volunteer's own DBS check and training that have run out or soon will, in plain words."""
    volunteer = own_volunteer_record(request)
    if volunteer is None:
        return []
    warnings = []
    dbs = dbs_status(list(volunteer.dbs_checks.all()), today)
    if not dbs.startswith("In date"):
        warnings.append(f"DBS check: {dbs[0].lower()}{dbs[1:]}" if dbs.startswith("Renewal") else dbs)
    for line in training_lines(volunteer, list(TrainingModule.objects.all()), list(volunteer.training.all()), today):
        if line.status in {"Run out: do it again", "Runs out soon", "To do next"}:
            when = f" ({line.expires_on:%d %B %Y})" if line.expires_on else ""
            warnings.append(f"{line.name}: {line.status.lower()}{when}")
    return warnings


def unfilled_slots_count(user: User, *, today: date) -> int:
    """Empty places on the rota of the user's projects in the next two weeks."""
    _, until = day_bounds(today + timedelta(days=ROTA_LOOKAHEAD_DAYS))
    return RotaSlot.objects.filter(
        volunteer__isnull=True,
        session__activity__project__in=rota_projects_for(user),
        session__starts_at__gte=timezone.now(),
        session__starts_at__lt=until,
        session__cancelled_at__isnull=True,
    ).count()


def manager_counts(user: User, *, today: date) -> dict[str, int]:
    """Expenses to approve, DBS checks running out, volunteers whose training runs out (three counts)."""
    checked = volunteers_visible_to(user).filter(stage__in=CHECKED_STAGES)
    dbs_soon = today + timedelta(days=settings.STAR_DBS_WARNING_DAYS)
    newer = TrainingCompletion.objects.filter(
        volunteer=OuterRef("volunteer"), module=OuterRef("module"), completed_on__gt=OuterRef("completed_on")
    )
    return {
        "expenses_to_approve": expenses_visible_to(user).filter(status=ClaimStatus.PENDING).count(),
        "dbs_expiring": checked.annotate(latest_due=Max("dbs_checks__renewal_due_on")).filter(latest_due__lte=dbs_soon).count(),
        "training_expiring": TrainingCompletion.objects.filter(
            volunteer__in=checked, expires_on__lte=today + timedelta(days=TRAINING_WARNING_DAYS), module__retired_at__isnull=True
        )
        .exclude(Exists(newer))
        .values("volunteer")
        .distinct()
        .count(),
    }
