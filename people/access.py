"""The access gates for people's records. Views reach Person and everything attached to a person
only through these functions, which scope by relationship and write the audit trail."""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from accounts.roles import Capability, can
from accounts.teams import in_service_of
from audit.services import Action, record_event
from people.models import Alert, BreakGlassGrant, CaseloadEntry, Person
from people.models.alerts import AlertQuerySet
from people.models.person import PersonQuerySet

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

    Viewer = User | AnonymousUser


def people_visible_to(user: Viewer) -> PersonQuerySet:
    return Person.objects.visible_to(user)


def people_to_search(user: Viewer) -> PersonQuerySet:
    """Where a search starts. A worker's people (caseload and emergency access: a few dozen) are
    fetched first, so the search is O(caseload) whatever the planner estimates; PostgreSQL
    otherwise may walk the name index through everyone, testing each person against the scope."""
    people = people_visible_to(user)
    if can(user, Capability.SEE_EVERY_PERSON):
        return people
    return Person.objects.filter(pk__in=list(people.order_by().values_list("pk", flat=True)))


def people_whose_notes_are_searchable(user: Viewer) -> list[uuid.UUID] | None:
    """Whose notes a full-text search may look in: None for everyone (a role that sees every
    person); otherwise the worker's own caseload, fetched as ids first (a few dozen). Emergency
    access is left out on purpose: break-glass opens one named record with a reason, it does not
    widen what a search lists."""
    if not user.is_authenticated or not user.is_active:
        return []
    if can(user, Capability.SEE_EVERY_PERSON):
        return None
    if can(user, Capability.SEE_OWN_CASELOAD):
        return list(CaseloadEntry.objects.filter(worker=user, ended_at__isnull=True).values_list("person_id", flat=True))
    return []


# Set on a person `get_person_for` found: which user's relationship with them it checked.
_CHECKED_FOR = "_gate_checked_for_user"


def get_person_for(request: HttpRequest, person_id: uuid.UUID, *, audit: bool = True) -> Person:
    """The person, if this user has a relationship with them; otherwise "not found" (never 403,
    which would confirm the record exists). Each successful read is audited."""
    person = people_visible_to(request.user).filter(pk=person_id).first()
    if person is None:
        raise Http404
    setattr(person, _CHECKED_FOR, request.user.pk)
    if audit:
        record_event(user=request.user, action=Action.VIEW, person_id=person.pk, obj=person)
    return person


def person_scope(user: Viewer, person: Person) -> PersonQuerySet | list[uuid.UUID]:
    """What a gate for one person's rows filters by (`person__in=person_scope(user, person),
    person=person`): the people this user has a relationship with. When this request's
    `get_person_for` found the person for this same user, it checked that relationship a moment
    ago, and the answer is their id alone; otherwise the whole scope, to check it again. A person
    page's dozen gates then build and run the relationship subquery once, not a dozen times."""
    if user.is_authenticated and user.pk is not None and getattr(person, _CHECKED_FOR, None) == user.pk:
        return [person.pk]
    return people_visible_to(user)


def alerts_for(user: Viewer, person: Person) -> AlertQuerySet:
    """A visible person's alerts. Members do not see staff alerts about themselves."""
    if not user.is_authenticated or can(user, Capability.SEE_OWN_RECORD):
        return Alert.objects.none()
    return Alert.objects.filter(person__in=person_scope(user, person), person=person)


def get_alert_for(request: HttpRequest, person: Person, alert_id: int) -> Alert:
    alert = alerts_for(request.user, person).filter(pk=alert_id).first()
    if alert is None:
        raise Http404
    return alert


def caseload_entries_for(user: Viewer, person: Person) -> QuerySet[CaseloadEntry]:
    return CaseloadEntry.objects.filter(person__in=person_scope(user, person), person=person).select_related("worker")


def get_caseload_entry_for(request: HttpRequest, person: Person, entry_id: int) -> CaseloadEntry:
    entry = caseload_entries_for(request.user, person).filter(pk=entry_id, ended_at__isnull=True).first()
    if entry is None:
        raise Http404
    return entry


def active_emergency_access(user: Viewer, person: Person) -> BreakGlassGrant | None:
    """The user's unexpired emergency access to this person, for the banner on their pages."""
    if not user.is_authenticated:
        return None
    return BreakGlassGrant.objects.filter(user=user, person=person, expires_at__gt=timezone.now()).order_by("-expires_at").first()


def break_glass_grants_for_review(user: Viewer) -> QuerySet[BreakGlassGrant]:
    """Managers review everyone's emergency access (in their service); nobody else sees the queue."""
    if not can(user, Capability.REVIEW_BREAK_GLASS):
        return BreakGlassGrant.objects.none()
    return BreakGlassGrant.objects.filter(in_service_of(user, "person__service")).select_related("person", "user", "reviewed_by")


def find_exactly_one_person(
    *, nhs_number: str, family_name: str, date_of_birth: date | None, within: Viewer | None = None
) -> Person | None:
    """Exactly one person matching what the user already knows, or None. Never a list, so this
    cannot be used to browse records. Used only by break-glass and subject access, which are
    themselves audited and reviewed. `within`: only people of that user's service (a worker's
    emergency access never reaches another service's records, docs/teams.md)."""
    if nhs_number:
        matches = Person.objects.filter(nhs_number=nhs_number)
    else:
        matches = Person.objects.filter(family_name__iexact=family_name.strip(), date_of_birth=date_of_birth)
    if within is not None:
        matches = matches.filter(in_service_of(within))
    found = list(matches[:2])
    return found[0] if len(found) == 1 else None


def caseload_of(user: Viewer) -> PersonQuerySet:
    """The people on this worker's own caseload (open entries only)."""
    if not user.is_authenticated:
        return Person.objects.none()
    return people_visible_to(user).filter(caseload_entries__worker=user, caseload_entries__ended_at__isnull=True)


def own_record(user: Viewer) -> Person | None:
    """A member's own record, if their account is linked to one."""
    if not can(user, Capability.SEE_OWN_RECORD):
        return None
    return people_visible_to(user).first()
