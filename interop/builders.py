"""The managers' list exports (`interop.exports`), made by a worker when a broker is set
(`downloads`): the same rows, gates and per-person audit events as the page's own download."""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.utils import timezone

from accounts.roles import Capability, can
from downloads.builders import Builder, Built, NotPossible, register
from interop.exports import EXPORTS, csv_rows, xlsx_bytes

if TYPE_CHECKING:
    from accounts.models import User

LIST_EXPORT = "interop.list_export"
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def list_filename(list_name: str, fmt: str) -> str:
    return f"star-{list_name}-{timezone.localdate().isoformat()}.{fmt}"


def _build_list(params: Mapping[str, str], user: User) -> Built:
    list_name, fmt = params.get("list_name", ""), params.get("fmt", "")
    export = EXPORTS.get(list_name)
    if export is None or fmt not in CONTENT_TYPES:
        raise NotPossible("That list cannot be exported")
    if fmt == "xlsx":
        return Built(content=xlsx_bytes(export, user), filename=list_filename(list_name, fmt), content_type=CONTENT_TYPES[fmt])
    # A long list is written a chunk at a time to a temporary file, never held whole in memory.
    spooled = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 (handed on open; closed once stored)
    for text in csv_rows(export, user):
        spooled.write(text.encode())
    spooled.seek(0)
    return Built(content=spooled, filename=list_filename(list_name, fmt), content_type=CONTENT_TYPES[fmt])


def register_builders() -> None:
    register(Builder(kind=LIST_EXPORT, may_have=lambda user: can(user, Capability.EXPORT_LISTS), build=_build_list))
