"""Asking for a file, preparing it (in a Celery task, or at once without a broker) and serving it."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import IO, TYPE_CHECKING

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import record_event
from downloads.builders import Built, NotPossible, builder_for
from downloads.models import PreparedDownload

if TYPE_CHECKING:
    from accounts.models import User

logger = logging.getLogger(__name__)
Status = PreparedDownload.Status


def in_background() -> bool:
    """With a broker the work leaves the request; without one (`make run`, tests) the page that
    asked builds the file itself, as imports do."""
    return bool(settings.STAR_CELERY_BROKER_URL)


def ask(*, by: User, kind: str, params: Mapping[str, str], title: str) -> PreparedDownload:
    """Record the request and hand it to a worker once the request's transaction commits."""
    from downloads.tasks import prepare_download

    if not builder_for(kind).may_have(by):
        raise NotPossible("You cannot have this file")
    download = PreparedDownload.objects.create(kind=kind, params=dict(params), title=title[:200], requested_by=by)
    record_event(user=by, action=AuditEvent.Action.CREATE, obj=download, detail={"kind": kind, "params": dict(params)})
    transaction.on_commit(lambda: prepare_download.delay(str(download.pk)))
    return download


def prepare(download_id: str) -> PreparedDownload | None:
    """Build the file. Run once per request: a second delivery of the task finds it started."""
    claimed = PreparedDownload.objects.filter(pk=download_id, status=Status.WAITING).update(status=Status.PREPARING)
    if not claimed:
        logger.warning("Download %s is not waiting to be prepared; nothing done", download_id)
        return None
    download = PreparedDownload.objects.select_related("requested_by").get(pk=download_id)
    try:
        builder = builder_for(download.kind)
        if not builder.may_have(download.requested_by):
            raise NotPossible("You can no longer have this file")
        built = builder.build(download.params, download.requested_by)
    except NotPossible as problem:
        download.status, download.problem = Status.FAILED, str(problem)[:300]
    except Exception:
        logger.exception("Download %s could not be prepared", download_id)
        download.status, download.problem = Status.FAILED, "Something went wrong preparing this file. Ask for it again."
    else:
        _store(download, built)
    download.finished_at = timezone.now()
    download.save()
    return download


def _store(download: PreparedDownload, built: Built) -> None:
    name = f"downloads/{secrets.token_hex(16)}"
    if isinstance(built.content, bytes):
        download.stored_name = default_storage.save(name, ContentFile(built.content))
    else:
        with built.content as stream:
            download.stored_name = default_storage.save(name, File(stream))
    download.filename, download.content_type = built.filename, built.content_type
    download.size = default_storage.size(download.stored_name)
    if built.more_url:
        download.params = {**download.params, "more_url": built.more_url, "more_label": built.more_label}
    download.status = Status.READY


def opened(*, by: User, download: PreparedDownload) -> IO[bytes]:
    """The file, open, for the person who asked, audited as an export each time. It is streamed
    from storage (a large export is never read whole into memory); the response closes it."""
    if download.status != Status.READY:
        raise NotPossible("This file is not ready")
    record_event(user=by, action=AuditEvent.Action.EXPORT, obj=download, detail={"kind": download.kind})
    stored: IO[bytes] = default_storage.open(download.stored_name, "rb")
    return stored


def expire(*, now: datetime | None = None) -> int:
    """Delete prepared files older than the keeping time, with their rows; returns how many."""
    cutoff = (now or timezone.now()) - timedelta(hours=settings.STAR_DOWNLOAD_KEEP_HOURS)
    old = list(PreparedDownload.objects.filter(requested_at__lt=cutoff).values_list("pk", "stored_name"))
    for _, stored_name in old:
        if stored_name:
            default_storage.delete(stored_name)
    PreparedDownload.objects.filter(pk__in=[pk for pk, _ in old]).delete()
    return len(old)
