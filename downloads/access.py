"""The gate: a prepared file is reached only by the person who asked for it, while they may still
have it."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404

from downloads.builders import NotPossible, builder_for
from downloads.models import PreparedDownload

if TYPE_CHECKING:
    from accounts.models import User


def downloads_for(user: User) -> QuerySet[PreparedDownload]:
    return PreparedDownload.objects.filter(requested_by=user)


def get_download_for(user: User, download_id: uuid.UUID | str) -> PreparedDownload:
    """The user's own download, or 404 (never 403: nobody learns that someone else's exists)."""
    download = downloads_for(user).filter(pk=download_id).first()
    if download is None:
        raise Http404
    try:
        may_have = builder_for(download.kind).may_have(user)
    except NotPossible:
        may_have = False
    if not may_have:
        raise Http404
    return download
