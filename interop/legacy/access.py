"""Gates for import runs: only a manager who may import, of the uploader's service, reaches them (404 otherwise)."""

from __future__ import annotations

from django.http import Http404

from accounts.models import User
from accounts.roles import Capability, can
from accounts.teams import in_service_of
from interop.legacy.models import ImportMapping, ImportRun


def get_run_for(user: User, run_id: int) -> ImportRun:
    if not can(user, Capability.IMPORT_LEGACY_DATA):
        raise Http404
    run = ImportRun.objects.defer("content").filter(in_service_of(user, "uploaded_by__service"), pk=run_id).first()
    if run is None:
        raise Http404
    return run


def get_run_with_file_for(user: User, run_id: int) -> ImportRun:
    return ImportRun.objects.get(pk=get_run_for(user, run_id).pk)


def mapping_names(kind: str) -> list[str]:
    return list(ImportMapping.objects.filter(kind=kind).values_list("name", flat=True))


def saved_columns(kind: str, name: str) -> dict[str, str]:
    """A saved mapping's columns, and its date format (as the mapping form's `date_format`)."""
    mapping = ImportMapping.objects.filter(kind=kind, name=name).first()
    return dict(mapping.columns) | {"date_format": mapping.date_format} if mapping else {}


def recent_runs(user: User) -> list[ImportRun]:
    """The latest imports by the user's service (every import for someone not in one service)."""
    runs = ImportRun.objects.filter(in_service_of(user, "uploaded_by__service")).defer("content").select_related("uploaded_by")
    return list(runs[:20])
