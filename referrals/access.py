"""The gates for referrals. Triage is a service-wide duty (docs/adr/0006): STR workers and
managers see every referral of their service awaiting triage, and those waiting for a worker in
their team (a manager: the whole service's; docs/teams.md). Once a referral is
decided or allocated, only people who can reach the person's record see it. The person's record
itself is only ever reached through `people.access`."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import BooleanField, Count, DateTimeField, DurationField, ExpressionWrapper, F, Q, QuerySet, Value
from django.http import Http404, HttpRequest
from django.utils import timezone

from accounts.models import User
from accounts.roles import Capability, Role, can
from accounts.teams import in_service_of, in_team_of, service_id_of
from audit.services import Action, record_event
from people.access import people_visible_to
from people.models import Person
from referrals.models import Referral, ReferralStatusChange

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    Viewer = User | AnonymousUser

OPEN_STATUSES = (Referral.Status.AWAITING_TRIAGE, Referral.Status.WAITING)


def referrals_visible_to(user: Viewer) -> QuerySet[Referral]:
    if not can(user, Capability.TRIAGE_REFERRALS):
        return Referral.objects.none()
    # Triage is the service's duty; the waiting list is the team's (docs/teams.md).
    awaiting = Q(status=Referral.Status.AWAITING_TRIAGE) & in_service_of(user)
    waiting = Q(status=Referral.Status.WAITING) & in_service_of(user) & in_team_of(user)
    return Referral.objects.filter(awaiting | waiting | Q(person__in=people_visible_to(user)))


def _with_wait(referrals: QuerySet[Referral], now: datetime) -> QuerySet[Referral]:
    """How long each referral has waited, computed by the database."""
    waited = ExpressionWrapper(Value(now, output_field=DateTimeField()) - F("received_at"), output_field=DurationField())
    return referrals.annotate(waited=waited)


def _open_referrals(user: Viewer, status: str) -> QuerySet[Referral]:
    """referrals_visible_to(user).filter(status=status) for an open status, which every triager
    sees: written without the "or a person they can see" branch, so the status index serves it
    (with the OR, PostgreSQL scanned every referral against every person: docs/performance.md)."""
    assert status in OPEN_STATUSES
    if not can(user, Capability.TRIAGE_REFERRALS):
        return Referral.objects.none()
    return Referral.objects.filter(in_service_of(user), status=status)


def triage_queue_for(user: Viewer) -> QuerySet[Referral]:
    """Referrals awaiting triage, oldest first."""
    queue = _open_referrals(user, Referral.Status.AWAITING_TRIAGE).select_related("person")
    return _with_wait(queue, timezone.now()).order_by("received_at", "id")


def waiting_list_for(user: Viewer, *, team_id: int | None = None) -> QuerySet[Referral]:
    """Accepted referrals waiting for a worker, oldest first, flagged when over the target: the
    service's list, narrowed to a worker's own team (and referrals for any team), or to the team
    a manager chose (docs/teams.md)."""
    if not can(user, Capability.SEE_WAITING_LIST):
        return Referral.objects.none()
    now = timezone.now()
    target = now - timedelta(days=settings.STAR_WAITING_TARGET_DAYS)
    waiting = _open_referrals(user, Referral.Status.WAITING).filter(in_team_of(user)).select_related("person", "team")
    if team_id is not None:
        waiting = waiting.filter(Q(team_id=team_id) | Q(team__isnull=True))
    over = ExpressionWrapper(Q(received_at__lt=target), output_field=BooleanField())
    return _with_wait(waiting, now).annotate(over_target=over).order_by("received_at", "id")


def get_referral_for(request: HttpRequest, referral_id: int, *, audit: bool = True) -> Referral:
    referral = referrals_visible_to(request.user).select_related("person", "triaged_by", "allocated_to").filter(pk=referral_id).first()
    if referral is None:
        raise Http404
    if audit:
        record_event(user=request.user, action=Action.VIEW, person_id=referral.person_id, obj=referral)
    return referral


def status_history(referral: Referral) -> QuerySet[ReferralStatusChange]:
    return ReferralStatusChange.objects.filter(referral=referral).select_related("changed_by").order_by("changed_at", "id")


def can_open_person(user: Viewer, person_id: uuid.UUID) -> bool:
    """Whether the user may follow a link to the person's record (the people gates decide)."""
    return people_visible_to(user).filter(pk=person_id).exists()


def possible_duplicates(user: Viewer, candidate: Person, *, limit: int = 10) -> list[Person]:
    """People the user may see who might be the same person: NHS number, or last name with a
    date of birth or the start of the first name. Only the user's own reach, never everyone."""
    query = Q(family_name__iexact=candidate.family_name.strip()) & (
        Q(date_of_birth=candidate.date_of_birth) | Q(given_name__istartswith=candidate.given_name.strip()[:3])
    )
    if candidate.date_of_birth:
        query |= Q(date_of_birth=candidate.date_of_birth, given_name__iexact=candidate.given_name.strip())
    if candidate.nhs_number:
        query |= Q(nhs_number=candidate.nhs_number)
    return list(people_visible_to(user).filter(query).order_by("family_name", "given_name", "id")[:limit])


def str_workers_with_caseload_size(user: Viewer | None = None) -> QuerySet[User]:
    """Active STR workers (of the user's service, when they work in one), each with the number of
    people on their caseload (counted by the database)."""
    service_id = service_id_of(user) if user is not None else None
    workers = User.objects.filter(role=Role.STR_WORKER, is_active=True)
    if service_id is not None:
        workers = workers.filter(service_id=service_id)
    return workers.annotate(caseload_size=Count("caseload_entries", filter=Q(caseload_entries__ended_at__isnull=True))).order_by(
        "first_name", "last_name", "username"
    )
