"""Gates for import runs: only the manager who may import reaches them (404 otherwise)."""

from __future__ import annotations

from django.http import Http404

from accounts.models import User
from accounts.roles import Capability, can
from interop.legacy.models import ImportMapping, ImportRun


def get_run_for(user: User, run_id: int) -> ImportRun:
    if not can(user, Capability.IMPORT_LEGACY_DATA):
        raise Http404
    run = ImportRun.objects.defer("content").filter(pk=run_id).first()
    if run is None:
        raise Http404
    return run


def get_run_with_file_for(user: User, run_id: int) -> ImportRun:
    get_run_for(user, run_id)
    return ImportRun.objects.get(pk=run_id)


def mapping_names(kind: str) -> list[str]:
    return list(ImportMapping.objects.filter(kind=kind).values_list("name", flat=True))


def saved_columns(kind: str, name: str) -> dict[str, str]:
    """A saved mapping's columns, and its date format (as the mapping form's `date_format`)."""
    mapping = ImportMapping.objects.filter(kind=kind, name=name).first()
    return dict(mapping.columns) | {"date_format": mapping.date_format} if mapping else {}


def recent_runs() -> list[ImportRun]:
    return list(ImportRun.objects.defer("content").select_related("uploaded_by")[:20])
