"""Subject access copies prepared in the background when a broker is set (`downloads`): the working
copy or the released copy, as JSON or ZIP, for whoever manages subject access. Without a broker
the pages make them in the request with the same functions here, and write the same audit events.
(The member's own copy is `portal.builders`.)"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import IO, TYPE_CHECKING, Any

from accounts.roles import Capability, can
from audit.services import Action, record_event
from downloads.builders import Builder, Built, NotPossible, register
from records.access import requests_visible_to
from records.subject_access import export_person
from records.subject_access_files import zip_copy

if TYPE_CHECKING:
    from accounts.models import User
    from records.models import SubjectAccessRequest

SUBJECT_ACCESS_COPY = "records.subject_access_copy"
COPIES = ("working", "released")
FILE_FORMATS = ("json", "zip")
NOT_APPROVED = (
    "A service manager who did not log this request must approve it before anyone opens the record. "
    "Record how it arrived and how their identity was checked, then ask them."
)


def copy_name(record: SubjectAccessRequest, copy: str) -> str:
    """The file's name without its extension (the ZIP holds the JSON under the same name)."""
    return f"subject-access-{record.pk}-working-copy" if copy == "working" else f"subject-access-{record.pk}"


def export_json(export: Mapping[str, Any]) -> bytes:
    return json.dumps(export, indent=2, ensure_ascii=False).encode()


def subject_access_export(record: SubjectAccessRequest, copy: str) -> dict[str, Any]:
    """The working copy as the record is now (third-party information marked), or the copy
    released after review, as it was when released."""
    if copy == "working":
        return export_person(record.person)
    if record.released_export is None:
        raise NotPossible("This request has no released copy")
    released: dict[str, Any] = record.released_export
    return released


def audit_subject_access_copy(user: User, record: SubjectAccessRequest, *, copy: str, wanted: str) -> None:
    record_event(user=user, action=Action.EXPORT, person_id=record.person_id, obj=record, detail={"format": wanted, "copy": copy})


def subject_access_file(export: Mapping[str, Any], *, name: str, wanted: str) -> tuple[bytes | IO[bytes], str, str]:
    """The content, file name and content type of a copy as JSON or ZIP."""
    if wanted == "json":
        return export_json(export), f"{name}.json", "application/json; charset=utf-8"
    return zip_copy(export, json_name=f"{name}.json"), f"{name}.zip", "application/zip"


def _build_subject_access_copy(params: Mapping[str, str], user: User) -> Built:
    copy, wanted = params.get("copy", ""), params.get("format", "")
    if copy not in COPIES or wanted not in FILE_FORMATS:
        raise NotPossible("That is not a copy that can be prepared")
    try:
        record = requests_visible_to(user).filter(pk=int(params.get("request_id", ""))).first()
    except ValueError:
        record = None
    if record is None:
        raise NotPossible("That request is not one you can see")
    if not record.is_approved:
        raise NotPossible(NOT_APPROVED)
    export = subject_access_export(record, copy)
    audit_subject_access_copy(user, record, copy=copy, wanted=wanted)
    content, filename, content_type = subject_access_file(export, name=copy_name(record, copy), wanted=wanted)
    return Built(content=content, filename=filename, content_type=content_type)


def register_builders() -> None:
    register(
        Builder(
            kind=SUBJECT_ACCESS_COPY,
            may_have=lambda user: can(user, Capability.MANAGE_SUBJECT_ACCESS),
            build=_build_subject_access_copy,
        )
    )
