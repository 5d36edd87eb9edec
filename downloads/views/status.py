"""A file being prepared in the background: how far it has got, then the download."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import cast

from django.conf import settings
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.access import acting_user, signed_in
from core.jinja import uk_datetime
from downloads import services
from downloads.access import downloads_for, get_download_for


@require_GET
@signed_in
def download_status(request: HttpRequest, download_id: uuid.UUID) -> HttpResponse:
    user = acting_user(request)
    download = get_download_for(user, download_id)
    recent = downloads_for(user).exclude(pk=download.pk).order_by("-requested_at")[:5]
    context = {
        "download": download,
        "recent": recent,
        "keep_until": uk_datetime(download.requested_at + timedelta(hours=settings.STAR_DOWNLOAD_KEEP_HOURS)),
        "back_url": download.params.get("back_url", ""),
    }
    return render(request, "downloads/status.jinja", context)


@require_GET
@signed_in
def download_file(request: HttpRequest, download_id: uuid.UUID) -> HttpResponse:
    user = acting_user(request)
    download = get_download_for(user, download_id)
    if download.status != download.Status.READY:
        return render(request, "downloads/status.jinja", {"download": download, "recent": [], "keep_until": "", "back_url": ""}, status=409)
    response = FileResponse(services.opened(by=user, download=download), content_type=download.content_type)
    response["Content-Disposition"] = f'attachment; filename="{download.filename}"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    # Streamed from storage, so a large export never sits in memory; `signed_in` is typed for plain responses.
    return cast(HttpResponse, response)
