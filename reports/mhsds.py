"""An MHSDS-style extract (standards.md §14): referrals (MHS101), care contacts (MHS201) and drop-in
contacts (MHS302), person-level, as CSV rows. Values are mapped to the data set's value sets in
the database (Case/When), never by looping over model instances."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from django.db.models import Case, CharField, F, Value, When
from django.db.models.functions import Cast
from django.utils import timezone

from community.models import Attendance
from core.periods import Period
from enablement.models import Contact
from referrals.models import Referral
from reports.figures.service import ATTENDANCES, EPISODES, REFERRALS, during, in_scope, on_days

ATTEND_STATUS = {"attended": "5", "did_not_attend": "3", "cancelled_by_person": "2", "cancelled_by_service": "4"}
CONS_MECHANISM = {"face_to_face": "01", "phone": "02", "video": "11", "text": "09", "community_outing": "01"}
# Local codes where the value set is unverified (standards.md §14 says confirm in the Data Dictionary).
SOURCE_OF_REFERRAL = {"gp": "A3", "cmht": "B1", "social_worker": "C1", "self": "B2", "family": "B2", "other_service": "Q"}


def _map(field: str, mapping: dict[str, str]) -> Case:
    return Case(*[When(**{field: key}, then=Value(code)) for key, code in mapping.items()], default=Value(""), output_field=CharField())


def referral_rows(period: Period) -> Iterator[Any]:
    return (
        Referral.objects.filter(during("received_at", period), in_scope(**REFERRALS))
        .annotate(SourceOfReferralMH=_map("source", SOURCE_OF_REFERRAL), LocalPatientId=Cast("person_id", CharField()))
        .values("id", "LocalPatientId", "person__nhs_number", "received_at", "SourceOfReferralMH", "decision", "complexity")
        .order_by("received_at", "id")
        .iterator()
    )


def contact_rows(period: Period) -> Iterator[Any]:
    return (
        Contact.objects.filter(on_days("contact_date", period), in_scope(**EPISODES))
        .annotate(
            AttendStatus=_map("outcome", ATTEND_STATUS),
            ConsMechanismMH=_map("mode", CONS_MECHANISM),
            LocalPatientId=Cast("person_id", CharField()),
        )
        .values("id", "LocalPatientId", "episode__referral_id", "contact_date", "start_time", "minutes", "ConsMechanismMH", "AttendStatus")
        .order_by("contact_date", "id")
        .iterator()
    )


def drop_in_rows(period: Period) -> Iterator[Any]:
    return (
        Attendance.objects.filter(
            during("session__starts_at", period),
            in_scope(**ATTENDANCES),
            session__cancelled_at__isnull=True,
            session__activity__kind="drop_in",
        )
        .annotate(LocalPatientId=Cast("person_id", CharField()), Start=F("session__starts_at"), End=F("session__ends_at"))
        .values("id", "LocalPatientId", "person__nhs_number", "Start", "End")
        .order_by("Start", "id")
        .iterator()
    )


HEADERS = {
    "MHS101": [
        "Table",
        "ServiceRequestId",
        "LocalPatientId",
        "NHSNumber",
        "ReferralRequestReceivedDate",
        "SourceOfReferralMH",
        "TriageDecision",
        "Complexity",
    ],
    "MHS201": [
        "Table",
        "CareContactId",
        "LocalPatientId",
        "ServiceRequestId",
        "CareContDate",
        "CareContTime",
        "ClinContDurOfCareCont",
        "ConsMechanismMH",
        "AttendStatus",
    ],
    "MHS302": [
        "Table",
        "MHDropInContactId",
        "LocalPatientId",
        "NHSNumber",
        "CareContactDateMHDropInContact",
        "StartTimeDropInContact",
        "EndTimeDropInContact",
        "ConsMechanismMH",
    ],
}


def extract(period: Period) -> Iterator[Sequence[object]]:
    """One header per table, then its rows; the first column names the MHSDS table."""
    yield HEADERS["MHS101"]
    for r in referral_rows(period):
        yield [
            "MHS101",
            f"R{r['id']:06d}",
            r["LocalPatientId"],
            r["person__nhs_number"],
            timezone.localtime(r["received_at"]).date().isoformat(),
            r["SourceOfReferralMH"],
            r["decision"],
            r["complexity"] or "",
        ]
    yield HEADERS["MHS201"]
    for c in contact_rows(period):
        referral = f"R{c['episode__referral_id']:06d}" if c["episode__referral_id"] else ""
        yield [
            "MHS201",
            c["id"],
            c["LocalPatientId"],
            referral,
            c["contact_date"].isoformat(),
            c["start_time"].strftime("%H:%M"),
            c["minutes"],
            c["ConsMechanismMH"],
            c["AttendStatus"],
        ]
    yield HEADERS["MHS302"]
    for d in drop_in_rows(period):
        yield [
            "MHS302",
            d["id"],
            d["LocalPatientId"],
            d["person__nhs_number"],
            timezone.localtime(d["Start"]).date().isoformat(),
            timezone.localtime(d["Start"]).strftime("%H:%M"),
            timezone.localtime(d["End"]).strftime("%H:%M"),
            "01",
        ]


def people_in(period: Period) -> set[Any]:
    """Everyone in the extract, for the audit trail (three value queries)."""
    ids = set(Referral.objects.filter(during("received_at", period), in_scope(**REFERRALS)).values_list("person_id", flat=True))
    ids |= set(Contact.objects.filter(on_days("contact_date", period), in_scope(**EPISODES)).values_list("person_id", flat=True))
    ids |= set(
        Attendance.objects.filter(
            during("session__starts_at", period),
            in_scope(**ATTENDANCES),
            session__cancelled_at__isnull=True,
            session__activity__kind="drop_in",
        ).values_list("person_id", flat=True)
    )
    return ids
