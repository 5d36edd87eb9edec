"""Changes made from the member's own pages, and the links that let members in. Each is audited."""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Capability, Role, role_can
from audit.services import Action, record_event
from core.status import BrokenRule
from notifications.services import send
from people.models import Person
from people.services import current_consents, update_person
from portal.models import MemberLink, MemberPreference, RecordDownload

if TYPE_CHECKING:
    from accounts.models import User


class PortalError(BrokenRule):
    """A change that cannot be made, with a message that says what to do."""


class LinkProblem(Exception):
    """A link that cannot be used: `reason` is "unknown", "expired" or "used"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_link(*, user: User, purpose: str, lifetime: timedelta, by: User | None) -> str:
    now = timezone.now()
    MemberLink.objects.filter(user=user, purpose=purpose, used_at__isnull=True, withdrawn_at__isnull=True).update(withdrawn_at=now)
    token = secrets.token_urlsafe(32)
    MemberLink.objects.create(user=user, purpose=purpose, token_hash=hash_token(token), created_by=by, expires_at=now + lifetime)
    return token


def _absolute(request: HttpRequest | None, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


@transaction.atomic
def invite_member(*, by: User, person: Person, email: str, request: HttpRequest | None = None) -> User:
    """Give a person a member account linked to their record (or reuse theirs) and email them a
    single-use invitation link. A new invitation withdraws any earlier one."""
    from accounts.models import User

    email = email.strip().lower()
    user = person.user
    if user is None:
        if User.objects.filter(username=email).exists() or User.objects.filter(email__iexact=email).exists():
            raise PortalError("That email address is already used by another account. Enter a different email address")
        user = User(username=email, email=email, first_name=person.given_name, last_name=person.family_name, role=Role.MEMBER)
        user.set_unusable_password()
        user.save()
        person.user = user
        consents = {kind for kind, given in current_consents(person).items() if given}
        update_person(by=by, person=person, changed=["user"], consents=consents)
        record_event(user=by, action=Action.USER_CREATED, person_id=person.pk, obj=user)
    elif not role_can(user.role, Capability.SEE_OWN_RECORD):
        raise PortalError("This record is linked to a staff account, so it cannot be invited")
    elif user.email.lower() != email:
        if User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
            raise PortalError("That email address is already used by another account. Enter a different email address")
        user.email = email
        user.save(update_fields=["email"])
    token = _new_link(user=user, purpose=MemberLink.Purpose.INVITATION, lifetime=timedelta(days=settings.STAR_INVITATION_DAYS), by=by)
    link = _absolute(request, reverse("portal:accept_invitation", kwargs={"token": token}))
    send(
        by=by,
        to_user=user,
        template="member_invitation",
        personalisation={"link": link, "days": settings.STAR_INVITATION_DAYS, "username": user.username},
        reason="Invited to their own pages",
    )
    record_event(user=by, action=Action.UPDATE, person_id=person.pk, obj=user, detail={"invited_to_own_pages": True})
    return user


def check_link(*, token: str, purpose: str) -> MemberLink:
    """The link for this secret, if it can still be used; otherwise LinkProblem saying why."""
    link = MemberLink.objects.select_related("user").filter(token_hash=hash_token(token), purpose=purpose).first()
    if link is None or not link.user.is_active:
        raise LinkProblem("unknown")
    if link.used_at is not None or link.withdrawn_at is not None:
        raise LinkProblem("used")
    if link.expires_at <= timezone.now():
        raise LinkProblem("expired")
    return link


def use_link(*, token: str, purpose: str) -> User:
    """Mark the link used, exactly once even if two requests race, and return its member."""
    link = check_link(token=token, purpose=purpose)
    now = timezone.now()
    claimed = MemberLink.objects.filter(pk=link.pk, used_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=now).update(used_at=now)
    if claimed != 1:
        raise LinkProblem("used")
    return link.user


@transaction.atomic
def accept_invitation(*, token: str, password: str) -> User:
    user = use_link(token=token, purpose=MemberLink.Purpose.INVITATION)
    user.set_password(password)
    user.save(update_fields=["password"])
    record_event(user=user, action=Action.USER_UPDATED, obj=user, detail={"accepted_invitation": True})
    return user


def send_sign_in_link(*, email: str, request: HttpRequest | None = None) -> None:
    """Email a 15-minute sign-in link to the member with this address, if there is one. Says
    nothing either way, so the page cannot be used to learn who has an account."""
    from accounts.models import User

    user = User.objects.filter(email__iexact=email.strip(), role=Role.MEMBER, is_active=True).first()
    if user is None:
        return
    recent = MemberLink.objects.filter(
        user=user, purpose=MemberLink.Purpose.SIGN_IN, created_at__gte=timezone.now() - timedelta(hours=1)
    ).count()
    if recent >= settings.STAR_SIGN_IN_LINKS_PER_HOUR:  # a limit per address too, without saying so
        return
    token = _new_link(
        user=user, purpose=MemberLink.Purpose.SIGN_IN, lifetime=timedelta(minutes=settings.STAR_SIGN_IN_LINK_MINUTES), by=None
    )
    link = _absolute(request, reverse("portal:link_sign_in", kwargs={"token": token}))
    send(
        by=None,
        to_user=user,
        template="sign_in_link",
        personalisation={"link": link, "minutes": settings.STAR_SIGN_IN_LINK_MINUTES},
        reason="Asked for a sign-in link",
    )


def choose_language(*, user: User, language: str) -> MemberPreference:
    if language not in dict(settings.LANGUAGES):
        raise PortalError("Choose a language from the list")
    preference, _ = MemberPreference.objects.update_or_create(user=user, defaults={"language": language, "changed_at": timezone.now()})
    return preference


def change_own_consents(*, member: User, person: Person, given: set[str]) -> Person:
    """A member changes their own consents. people.services keeps every answer as a new row."""
    if person.user_id != member.pk:
        raise PortalError("You can only change your own choices")
    return update_person(by=member, person=person, changed=[], consents=given)


@dataclass(frozen=True)
class DownloadResult:
    download: RecordDownload
    made_now: bool


def make_record_download(*, member: User, person: Person, request_token: str) -> DownloadResult:
    """A readable PDF and a machine-readable JSON copy of the member's record, made once per
    request token: asking again with the same token finds the copy already made."""
    from portal.pdf import record_pdf
    from records.subject_access import export_for_member

    if person.user_id != member.pk:
        raise PortalError("You can only download your own record")
    existing = RecordDownload.objects.filter(person=person, request_token=request_token).first()
    if existing is not None:
        RecordDownload.objects.filter(pk=existing.pk).update(times_requested=F("times_requested") + 1)
        return DownloadResult(existing, made_now=False)
    # Only what the member's own pages show (people.member_view); the rest goes through a
    # subject access request that staff review for other people's information.
    exported = export_for_member(person)
    data = json.dumps(exported, indent=2, ensure_ascii=False, default=str).encode()
    pdf = record_pdf(person, exported)
    try:
        with transaction.atomic():
            download = RecordDownload.objects.create(person=person, request_token=request_token, requested_by=member, pdf=pdf, data=data)
    except IntegrityError:  # the same request, sent twice at once: keep the first copy
        return DownloadResult(RecordDownload.objects.get(person=person, request_token=request_token), made_now=False)
    record_event(user=member, action=Action.EXPORT, person_id=person.pk, obj=download, detail={"own_download": True})
    return DownloadResult(download, made_now=True)
