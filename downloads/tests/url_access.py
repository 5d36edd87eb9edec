from typing import Any

from conftest import World
from star.tests.access_matrix import NOT_FOUND, OK, case


def managers_report(world: World) -> dict[str, Any]:
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from downloads.models import PreparedDownload

    stored = default_storage.save("downloads/matrix-test", ContentFile(b"%PDF-1.4 test"))
    download = PreparedDownload.objects.create(
        kind="reports.quarterly_pdf",
        title="Report",
        requested_by=world.manager,
        status=PreparedDownload.Status.READY,
        stored_name=stored,
        filename="report.pdf",
        content_type="application/pdf",
    )
    return {"download_id": download.pk}


# A prepared file is the asker's alone: everyone else is told it does not exist.
EXPECTATIONS = {
    "downloads:status": case(default=NOT_FOUND, manager=OK, kwargs=managers_report),
    "downloads:file": case(default=NOT_FOUND, manager=OK, kwargs=managers_report),
}
