"""Background work of the interop app: importing an old system's file."""

from __future__ import annotations

import logging

from celery import shared_task

from accounts.models import User
from interop.legacy import services
from interop.legacy.models import ImportRun

logger = logging.getLogger(__name__)


@shared_task(name="interop.import_legacy_file", ignore_result=True)  # type: ignore[untyped-decorator]  # celery has no type hints
def import_legacy_file(run_id: int, user_id: int) -> None:
    """Import a run that start_import marked as importing. The outcome is recorded on the run."""
    run = ImportRun.objects.filter(pk=run_id, status=ImportRun.Status.IMPORTING).first()
    if run is None:
        logger.warning("Import run %s is not waiting to be imported; nothing done", run_id)
        return
    services.import_file(by=User.objects.get(pk=user_id), run=run)
