"""Every change to the hub: keeping resources, signposting a member, answering a follow-up.
Each is audited; reads go through `hub.access`."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.services import Action, record_event
from hub.models import FOLLOW_UP_AFTER, FollowUpAnswer, Organisation, ReferralShare, Resource, SavedResource, Signposting
from notifications.models import Message
from notifications.services import send

if TYPE_CHECKING:
    from accounts.models import User
    from community.models import Session
    from people.models import Person


class HubError(ValueError):
    """A change that is not allowed; the message says why."""


@transaction.atomic
def save_resource(*, by: User, resource: Resource, organisation_name: str) -> Resource:
    """Add or change a staff-kept resource; its organisation is found or made by name."""
    if resource.feed_id is not None:
        raise HubError("This resource comes from a partner's directory: change it there, and it will update here")
    organisation = Organisation.objects.filter(feed__isnull=True, name__iexact=organisation_name.strip()).first()
    if organisation is None:
        organisation = Organisation.objects.create(name=organisation_name.strip())
    adding = resource._state.adding
    resource.organisation = organisation
    resource.last_checked_on = timezone.localdate()
    resource.save()
    record_event(user=by, action=Action.CREATE if adding else Action.UPDATE, obj=resource, detail={"resource": resource.name})
    return resource


@transaction.atomic
def retire_resource(*, by: User, resource: Resource) -> Resource:
    resource.is_active = False
    resource.save(update_fields=["is_active", "updated_at"])
    record_event(user=by, action=Action.UPDATE, obj=resource, detail={"retired": resource.name})
    return resource


@transaction.atomic
def signpost(
    *,
    by: User,
    signposting: Signposting,
    follow_up_after: timedelta = FOLLOW_UP_AFTER,
    referral_shares: list[str] | None = None,
) -> Signposting:
    """Record that a member was signposted to a resource; a follow-up falls due `follow_up_after` later.
    With `referral_shares` (what the member agreed to share: they consented), a warm referral is
    emailed to the resource, carrying only those things."""
    if not signposting.resource.is_active:
        raise HubError("That resource is no longer listed: choose another")
    if referral_shares and not signposting.resource.email:
        raise HubError("That resource has no email address: phone them instead")
    signposting.signposted_by = by
    signposting.follow_up_due = signposting.signposted_on + follow_up_after
    signposting.referral_consent = bool(referral_shares)
    signposting.referral_shares = [share for share in ReferralShare.values if share in (referral_shares or [])]
    signposting.save()
    if signposting.referral_shares:
        signposting.referral_message = _send_warm_referral(by=by, signposting=signposting)
        signposting.save(update_fields=["referral_message"])
    record_event(
        user=by,
        action=Action.CREATE,
        person_id=signposting.person_id,
        obj=signposting,
        detail={
            "resource": signposting.resource.name,
            "how": signposting.how,
            "follow_up_due": signposting.follow_up_due.isoformat(),
            **({"at_session": signposting.at_session_id} if signposting.at_session_id else {}),
            **({"warm_referral_shares": signposting.referral_shares} if signposting.referral_shares else {}),
        },
    )
    return signposting


def _send_warm_referral(*, by: User, signposting: Signposting) -> Message:
    """The email to the organisation: only what the member agreed to share, nothing else about them."""
    person, shares = signposting.person, signposting.referral_shares
    lines = {
        ReferralShare.NAME: f"Name: {person.full_name}",
        ReferralShare.PHONE: f"Phone: {person.phone}",
        ReferralShare.EMAIL: f"Email: {person.email}",
        ReferralShare.REASON: f"What they would like help with: {signposting.reason.strip()}",
    }
    resource = signposting.resource
    return send(
        by=by,
        to_email=resource.email,
        about=person,
        template="warm_referral",
        personalisation={
            "organisation": resource.organisation.name,
            "resource": resource.name,
            "shared": "\n".join(line for share, line in lines.items() if share in shares),
        },
        reason=f"Warm referral to {resource.name}"[:200],
        reference=f"warm-referral:{signposting.pk}",
    )


@transaction.atomic
def signpost_at_drop_in(*, by: User, session: Session, person: Person, resource: Resource, how: str) -> Signposting:
    """What a volunteer (or whoever takes the register) may record at a drop-in: that someone
    marked here was pointed to a resource, and how. No reason (that belongs in the record, which
    they do not see); the date is the session's; the follow-up is the person's worker's."""
    if session.is_cancelled:
        raise HubError("This session was cancelled, so nothing can be recorded at it")
    day = timezone.localtime(session.starts_at).date()
    if day > timezone.localdate():
        raise HubError("You can record signposting on the day of the session, or after it")
    signposting = Signposting(person=person, resource=resource, how=how, signposted_on=day, at_session=session)
    return signpost(by=by, signposting=signposting)


@transaction.atomic
def answer_follow_up(*, by: User, signposting: Signposting, answer: str, today: date | None = None) -> Signposting:
    """The member (or their worker) says whether they got there. "Not yet" asks again later."""
    if answer not in FollowUpAnswer.values:
        raise HubError("Choose whether you got there")
    signposting = Signposting.objects.select_for_update().get(pk=signposting.pk)
    signposting.answer = answer
    signposting.answered_at = timezone.now()
    signposting.answered_by = by
    fields = ["answer", "answered_at", "answered_by"]
    if answer == FollowUpAnswer.NOT_YET:
        signposting.follow_up_due = (today or timezone.localdate()) + FOLLOW_UP_AFTER
        fields.append("follow_up_due")
    signposting.save(update_fields=fields)
    record_event(user=by, action=Action.UPDATE, person_id=signposting.person_id, obj=signposting, detail={"answer": answer})
    return signposting


def save_for_member(*, by: User, person: Person, resource: Resource) -> tuple[SavedResource, bool]:
    """Keep a resource on the member's own pages; saving it again keeps the one already saved."""
    try:
        with transaction.atomic():
            saved, created = SavedResource.objects.get_or_create(person=person, resource=resource)
    except IntegrityError:  # the same button pressed twice at once: the other one saved it
        saved, created = SavedResource.objects.get(person=person, resource=resource), False
    if created:
        record_event(user=by, action=Action.CREATE, person_id=person.pk, obj=saved, detail={"own_pages": "saved_resources"})
    return saved, created


def remove_for_member(*, by: User, saved: SavedResource) -> None:
    record_event(
        user=by,
        action=Action.UPDATE,
        person_id=saved.person_id,
        obj=saved,
        detail={"own_pages": "saved_resources", "removed": str(saved.resource_id)},
    )
    saved.delete()
