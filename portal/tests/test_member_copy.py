"""The member's copy of their own record follows the member's pages (issue 19 item 1): staff-only
and third-party information (risk alerts, safeguarding concerns, risk assessments, referral
reasons, emergency-access reasons) is never in it; it goes through a reviewed subject access
request instead."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from conftest import World, sign_in
from people.member_view import MEMBER_TIMELINE, MEMBER_VISIBLE, member_may_see
from people.models import Person
from people.tests.factories import AlertFactory, BreakGlassGrantFactory, ConsentFactory
from people.timeline import sources
from plans.documents import Kind
from plans.tests.factories import make_plan
from records.person_links import person_links
from records.subject_access import FLAG_KEY, export_for_member
from referrals.tests.factories import ReferralFactory
from safeguarding.tests.factories import RiskAssessmentFactory, SafeguardingConcernFactory

pytestmark = pytest.mark.django_db

STAFF_ONLY = {
    "alert": "Do not visit alone: dog in the house",
    "concern": "Neighbour Mr Tobias Venn shouts at her on the stairs",
    "risk": "Her sister Ruth says she has stopped eating",
    "referral": "Referrer thinks she may be drinking again",
    "emergency": "Rang out of hours, checked her history",
}


def staff_only_world(world: World) -> Person:
    person = world.member_person
    AlertFactory.create(person=person, summary=STAFF_ONLY["alert"], raised_by=world.worker)
    SafeguardingConcernFactory.create(person=person, what_happened=STAFF_ONLY["concern"], raised_by=world.worker)
    RiskAssessmentFactory.create(person=person, self_neglect_notes=STAFF_ONLY["risk"], assessed_by=world.worker)
    ReferralFactory.create(person=person, reason_in_referrers_words=STAFF_ONLY["referral"], referrer_name="Dr Ada Quill")
    BreakGlassGrantFactory.create(person=person, user=world.other_worker, reason=STAFF_ONLY["emergency"])
    ConsentFactory.create(person=person, recorded_by=world.worker)
    make_plan(person, Kind.PROFILE, by=world.worker, appreciations="Her laugh")
    return person


def make_copy(client: Client) -> tuple[dict[str, Any], str]:
    form = client.get(reverse("portal:download")).content.decode()
    token = form.split('name="request_token" value="')[1].split('"')[0]
    ready = client.post(reverse("portal:make_download"), {"request_token": token})["Location"]
    data = json.loads(client.get(f"{ready}json/").content)
    reader = PdfReader(__import__("io").BytesIO(client.get(f"{ready}pdf/").content))
    text = " ".join(page.extract_text() for page in reader.pages)
    return data, text


def test_the_members_copy_has_nothing_staff_only_or_about_other_people(client: Client, world: World) -> None:
    staff_only_world(world)
    data, pdf_text = make_copy(sign_in(client, world.member))
    dumped = json.dumps(data)
    for words in [*STAFF_ONLY.values(), "Dr Ada Quill"]:
        assert words not in dumped
        assert words[:25] not in pdf_text
    assert FLAG_KEY not in dumped, "nothing in the member's copy waits for a review"
    # What they see on their pages is there.
    assert "Her laugh" in dumped and world.member_person.family_name in dumped
    assert "subject access request" in data["what_is_left_out"]


def test_every_person_linked_field_in_the_copy_is_member_visible(world: World) -> None:
    """Enumerates every person-linked model and field: any field in the copy must be listed in
    people.member_view, so a new model or field never reaches the member's copy unreviewed."""
    person = staff_only_world(world)
    copy = export_for_member(person)
    every_label = {link.label for link in person_links()}
    for label, section in copy["sections"].items():
        if label == "audit.AuditEvent":
            assert set().union(*(row.keys() for row in section["records"])) <= {"When", "Who", "Role", "What"}
            continue
        assert label in every_label and label in MEMBER_VISIBLE, label
        link = next(link for link in person_links() if link.label == label)
        visible_labels = {str(field.verbose_name) for field in link.model._meta.concrete_fields if member_may_see(label, field.name)}
        for row in section["records"]:
            assert set(row) <= visible_labels, (label, set(row) - visible_labels)
    for link in person_links():
        for field in link.model._meta.concrete_fields:
            if member_may_see(link.label, field.name):
                assert link.model._meta.get_field(field.name), (link.label, field.name)
    # Staff-only kinds of record are not member-visible at all.
    for label in (
        "people.Alert",
        "people.BreakGlassGrant",
        "safeguarding.SafeguardingConcern",
        "safeguarding.RiskAssessment",
        "referrals.Referral",
    ):
        assert label not in MEMBER_VISIBLE and label not in copy["sections"]


def test_the_definition_names_only_real_fields() -> None:
    labels = {link.label: link.model for link in person_links()}
    for label, fields in MEMBER_VISIBLE.items():
        assert label in labels, label
        for name in fields:
            labels[label]._meta.get_field(name)


def test_the_members_timeline_uses_the_same_definition() -> None:
    shown = {source.kind for source in sources(for_member=True)}
    flagged = {source.kind for source in sources() if source.shown_to_member}
    assert shown == flagged == set(MEMBER_TIMELINE), "a timeline source shown to members must be in people.member_view"
    assert all(label in MEMBER_VISIBLE for label in MEMBER_TIMELINE.values())
