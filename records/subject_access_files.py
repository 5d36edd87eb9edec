"""The files in a subject access copy: a document's scan of a GP letter, a receipt. The export
(`subject_access.export_person`) lists them in its "files" manifest; `zip_copy` builds the ZIP
that is sent: the export as JSON, each file given out, and a list of those that are not, and why.

A file is given out only when its record is, when its field was disclosed by the reviewer (a
document's file is always reviewed: it is usually written by someone else), and when it is safe:
a model may say why its file is not (`unsafe_file_reason`, e.g. a document not yet checked for
viruses, or one found to hold a virus). Found from each model's file fields, so a new model with a
file is covered without registering it."""

from __future__ import annotations

import json
import re
import tempfile
import zipfile
from collections.abc import Mapping
from typing import IO, TYPE_CHECKING, Any

from django.apps import apps
from django.db import models

if TYPE_CHECKING:
    from records.models import FlaggedItem

MANIFEST = "files"
NOT_INCLUDED = "files/NOT-INCLUDED.txt"


def _safe(text: str) -> str:
    return re.sub(r"[^\w\-. ]+", "", text, flags=re.UNICODE).strip()[:80] or "file"


def file_entries(
    label: str,
    title: str,
    instance: models.Model,
    flagged_fields: set[str],
    decisions: Mapping[tuple[str, str, str], FlaggedItem] | None,
    number: int,
) -> list[dict[str, Any]]:
    """The manifest entries for one exported record's files (numbered from `number`)."""
    entries: list[dict[str, Any]] = []
    for field in instance._meta.concrete_fields:
        if not isinstance(field, models.FileField):
            continue
        stored = getattr(instance, field.attname)
        if not stored:
            continue
        why_not = str(getattr(instance, "unsafe_file_reason", "") or "")
        if not why_not and decisions is not None and field.name in flagged_fields:
            decided = decisions.get((label, str(instance.pk), field.name))
            if decided is None or decided.decision != decided.Decision.DISCLOSE:
                why_not = "Withheld after review: it holds information about other people"
        extension = str(stored).rsplit(".", 1)[-1] if "." in str(stored) else "bin"
        name = f"files/{number + len(entries):03d} {_safe(str(instance))}.{_safe(extension)}"
        entries.append(
            {
                "Record": f"{title}: {instance}",
                "File in this copy": "" if why_not else name,
                "Not included because": why_not,
                "section": label,
                "object_id": str(instance.pk),
                "field": field.name,
            }
        )
    return entries


def zip_copy(export: Mapping[str, Any], *, json_name: str) -> IO[bytes]:
    """The copy to send as a ZIP, in a temporary file (files can be large): the export as JSON,
    every file given out, and `files/NOT-INCLUDED.txt` for those that are not."""
    spooled = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 (returned open)
    missing: list[str] = []
    with zipfile.ZipFile(spooled, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(json_name, json.dumps(export, indent=2, ensure_ascii=False))
        for entry in export.get(MANIFEST, []):
            if not entry.get("File in this copy"):
                missing.append(f"{entry['Record']}: {entry['Not included because']}")
                continue
            field_file = _current_file(entry)
            if field_file is None:
                missing.append(f"{entry['Record']}: no longer held")
                continue
            with field_file.storage.open(str(field_file.name), "rb") as stream, archive.open(entry["File in this copy"], "w") as target:
                while chunk := stream.read(1024 * 1024):
                    target.write(chunk)
        if missing:
            archive.writestr(NOT_INCLUDED, "Files held about you that are not in this copy, and why:\n\n" + "\n".join(missing) + "\n")
    spooled.seek(0)
    return spooled


def _current_file(entry: Mapping[str, Any]) -> models.fields.files.FieldFile | None:
    """The file as held now (a released copy is rebuilt from storage; a file since destroyed or
    removed is reported as no longer held)."""
    try:
        model = apps.get_model(entry["section"])
    except (LookupError, ValueError):
        return None
    instance = model._default_manager.filter(pk=entry["object_id"]).first()
    if instance is None:
        return None
    field_file: models.fields.files.FieldFile | None = getattr(instance, entry["field"], None)
    if not field_file or str(getattr(instance, "unsafe_file_reason", "") or ""):
        return None
    return field_file
