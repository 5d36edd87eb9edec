"""The member's copy of their own record ("Get a copy of your record"), made by a worker when a
broker is set (`downloads`). Without a broker the page makes it at once (`portal.views.data`);
both go through `portal.services.make_record_download`, which audits it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.urls import reverse

from accounts.roles import Capability, can
from downloads.builders import Builder, Built, NotPossible, register
from people.access import people_visible_to
from portal.models import RecordDownload
from portal.services import make_record_download

if TYPE_CHECKING:
    from accounts.models import User
    from people.models import Person

MEMBER_COPY = "portal.record_copy"


def own_person(user: User) -> Person | None:
    """The member's own record, as `portal.access.own_person` finds it."""
    if not can(user, Capability.SEE_OWN_RECORD):
        return None
    return people_visible_to(user).filter(user=user).first()


def member_copy_filename(download: RecordDownload, file_format: str) -> str:
    return f"my-record-{download.requested_at:%Y-%m-%d}.{file_format}"


def _build_member_copy(params: Mapping[str, str], user: User) -> Built:
    """The PDF is the file; the page it goes on to offers the copy on screen and as JSON."""
    person = own_person(user)
    token = params.get("request_token", "")
    if person is None or not token:
        raise NotPossible("You can no longer have a copy of this record")
    download = make_record_download(member=user, person=person, request_token=token).download
    return Built(
        content=bytes(download.pdf),
        filename=member_copy_filename(download, "pdf"),
        content_type="application/pdf",
        more_url=reverse("portal:download_ready", kwargs={"download_id": download.pk}),
        more_label="Read your copy on screen, or get it as a data file (JSON)",
    )


def register_builders() -> None:
    register(Builder(kind=MEMBER_COPY, may_have=lambda user: own_person(user) is not None, build=_build_member_copy))
