"""Background work of the downloads app."""

from __future__ import annotations

from celery import shared_task

from downloads import services


@shared_task(name="downloads.prepare_download", ignore_result=True)  # type: ignore[untyped-decorator]  # celery ships no types
def prepare_download(download_id: str) -> None:
    services.prepare(download_id)
