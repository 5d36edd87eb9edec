"""Gates for the API and the FHIR export. Each is built on the gates of the app that owns the
data, so a token's service account reaches exactly what that member of staff would on the pages."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from accounts.roles import Capability, can
from audit.services import Action, record_event
from community.models import Attendance
from enablement.access import episodes_visible_to
from enablement.models import Contact, Episode, EpisodeStatusChange
from interop.models import ApiToken
from people.access import people_visible_to
from people.models import Person
from people.models.person import PersonQuerySet
from plans.access import plan_documents_for
from plans.documents import Kind
from plans.models import CrisisPlanShare
from referrals.access import referrals_visible_to
from referrals.models import Referral, ReferralStatusChange

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

    Viewer = User | AnonymousUser


def tokens_for(user: Viewer) -> QuerySet[ApiToken]:
    if not can(user, Capability.MANAGE_API_TOKENS):
        return ApiToken.objects.none()
    return ApiToken.objects.select_related("service_account", "created_by", "revoked_by")


def get_token_for(request: HttpRequest, token_id: int) -> ApiToken:
    token = tokens_for(request.user).filter(pk=token_id).first()
    if token is None:
        raise Http404
    return token


def api_people_for(user: Viewer, *, modified_since: datetime | None = None) -> PersonQuerySet:
    if not can(user, Capability.VIEW_PERSON):
        return people_visible_to(user).none()
    people = people_visible_to(user)
    if modified_since is not None:
        people = people.filter(updated_at__gte=modified_since)
    return people.order_by("updated_at", "id")


def api_referrals_for(user: Viewer, *, modified_since: datetime | None = None) -> QuerySet[Referral]:
    referrals = referrals_visible_to(user)
    if modified_since is not None:
        changed = ReferralStatusChange.objects.filter(changed_at__gte=modified_since).values("referral_id")
        referrals = referrals.filter(Q(received_at__gte=modified_since) | Q(pk__in=changed))
    return referrals.order_by("received_at", "id")


def api_episodes_for(user: Viewer, *, modified_since: datetime | None = None) -> QuerySet[Episode]:
    episodes = episodes_visible_to(user)
    if modified_since is not None:
        changed = EpisodeStatusChange.objects.filter(changed_at__gte=modified_since).values("episode_id")
        episodes = episodes.filter(Q(opened_at__gte=modified_since) | Q(pk__in=changed))
    return episodes.order_by("opened_at", "id")


def api_contacts_for(user: Viewer, *, modified_since: datetime | None = None) -> QuerySet[Contact]:
    """Contacts reachable exactly when their episode is (`enablement.access.episodes_visible_to`)."""
    contacts = Contact.objects.filter(episode__in=episodes_visible_to(user))
    if modified_since is not None:
        contacts = contacts.filter(recorded_at__gte=modified_since)
    return contacts.order_by("recorded_at", "id")


def api_attendances_for(user: Viewer, *, modified_since: datetime | None = None) -> QuerySet[Attendance]:
    """Drop-in and course attendance of the people the user may see."""
    if not can(user, Capability.VIEW_PERSON):
        return Attendance.objects.none()
    attendances = Attendance.objects.filter(person__in=people_visible_to(user)).select_related("session__activity")
    if modified_since is not None:
        attendances = attendances.filter(marked_at__gte=modified_since)
    return attendances.order_by("marked_at", "id")


def get_person_for_export(request: HttpRequest, person_id: uuid.UUID) -> Person:
    """A person for a FHIR download: the people gate, and the capability to download."""
    if not can(request.user, Capability.DOWNLOAD_FHIR_RECORD):
        raise Http404
    person = people_visible_to(request.user).filter(pk=person_id).first()
    if person is None:
        raise Http404
    record_event(user=request.user, action=Action.EXPORT, person_id=person.pk, obj=person, detail={"format": "fhir"})
    return person


def crisis_shares_for(user: Viewer, person: Person) -> QuerySet[CrisisPlanShare]:
    """Recipients the person agreed may have their crisis plan (through the plans gate)."""
    plans = plan_documents_for(user, person).filter(kind=Kind.CRISIS)
    return (
        CrisisPlanShare.objects.filter(plan__in=plans, consent_given=True)
        .select_related("plan__current_version", "recorded_by")
        .order_by("-shared_on", "-id")
    )


def get_crisis_share_for(request: HttpRequest, person: Person, share_id: int) -> CrisisPlanShare:
    share = crisis_shares_for(request.user, person).filter(pk=share_id).first()
    if share is None or share.plan.current_version is None:
        raise Http404
    return share


def get_person_for_crisis_plan(request: HttpRequest, person_id: uuid.UUID) -> Person:
    person = people_visible_to(request.user).filter(pk=person_id).first()
    if person is None:
        raise Http404
    record_event(user=request.user, action=Action.VIEW, person_id=person.pk, obj=person)
    return person
