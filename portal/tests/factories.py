from __future__ import annotations

import secrets
from datetime import timedelta

import factory
from django.utils import timezone

from accounts.models import User
from people.models import Person
from portal.models import MemberLink, RecordDownload
from portal.services import hash_token


def make_link(user: User, purpose: str = MemberLink.Purpose.INVITATION, *, expires_in: timedelta = timedelta(days=7)) -> str:
    """A link as the services make it; returns the secret for the URL."""
    token = secrets.token_urlsafe(32)
    MemberLink.objects.create(user=user, purpose=purpose, token_hash=hash_token(token), expires_at=timezone.now() + expires_in)
    return token


class RecordDownloadFactory(factory.django.DjangoModelFactory[RecordDownload]):
    class Meta:
        model = RecordDownload

    request_token = factory.Sequence(lambda n: f"token-{n}")
    pdf = b"%PDF-1.4 test"
    data = b"{}"


def make_download(person: Person, user: User) -> RecordDownload:
    download: RecordDownload = RecordDownloadFactory.create(person=person, requested_by=user)
    return download
