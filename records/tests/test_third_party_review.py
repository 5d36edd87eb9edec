"""Third-party information in a subject access export: flagged, decided item by item (disclose,
redact with replacement text, withhold with a reason), and only then released with every decision
applied. Each step is in the request's history and the audit trail."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from audit.models import AuditEvent
from conftest import World, sign_in
from people.tests.factories import PersonFactory
from records import services
from records.models import FlaggedItem, SubjectAccessRequest
from records.models.subject_access import IllegalChange
from records.person_links import person_links
from records.subject_access import FLAG_KEY, WITHHELD
from records.tests.every_model import RowMaker


def _request_for(world: World, **details: str) -> SubjectAccessRequest:
    person = world.stranger
    for name, value in details.items():
        setattr(person, name, value)
    person.save()
    record = services.log_subject_access_request(
        by=world.admin,
        person=person,
        requested_by="Alan, by letter",
        received_on=timezone.localdate(),
        received_how="letter",
        identity_checked_how="Signature matched",
    )
    services.approve_subject_access_request(by=world.manager, record=record)
    return record


def _item(record: SubjectAccessRequest, section: str, field: str) -> FlaggedItem:
    return record.flagged_items.get(section=section, field=field)


def test_flags_cover_other_peoples_details_and_free_text(world: World) -> None:
    record = _request_for(
        world, emergency_contact_name="Charles Babbage", emergency_contact_phone="07700 900982", communication_needs="Brother Tom helps"
    )
    assert services.sync_flags(record=record) == 4
    flagged = set(record.flagged_items.values_list("section", "field", "why"))
    assert ("people.Person", "emergency_contact_name", "Other people's details") in flagged
    assert ("people.Person", "communication_needs", "Free text that may mention other people") in flagged
    assert ("records.SubjectAccessRequest", "requested_by", "Other people's details") in flagged
    assert services.sync_flags(record=record) == 4  # idempotent


def test_release_applies_each_decision_and_is_refused_until_all_are_made(world: World) -> None:
    record = _request_for(
        world, emergency_contact_name="Charles Babbage", emergency_contact_phone="07700 900982", communication_needs="Brother Tom helps"
    )
    services.sync_flags(record=record)
    with pytest.raises(IllegalChange, match="4 flagged items need a decision"):
        services.release(by=world.admin, record=record)
    services.decide(
        by=world.admin, item=_item(record, "people.Person", "emergency_contact_name"), decision="redact", redaction_text="[name removed]"
    )
    services.decide(
        by=world.admin,
        item=_item(record, "people.Person", "emergency_contact_phone"),
        decision="withhold",
        reason="Third party has not agreed",
    )
    services.decide(by=world.admin, item=_item(record, "people.Person", "communication_needs"), decision="disclose")
    with pytest.raises(IllegalChange, match="1 flagged item needs a decision"):
        services.release(by=world.admin, record=record)
    services.decide(by=world.admin, item=_item(record, "records.SubjectAccessRequest", "requested_by"), decision="disclose")
    released = services.release(by=world.admin, record=record)
    person = released["sections"]["people.Person"]["records"][0]
    assert person["emergency contact name"] == "[name removed]"
    assert person["emergency contact phone"] == WITHHELD
    assert person["communication needs"] == "Brother Tom helps"
    assert FLAG_KEY not in person
    assert "07700 900982" not in json.dumps(released) and "Charles Babbage" not in json.dumps(released)
    record.refresh_from_db()
    assert record.released_export == released and record.released_by == world.admin
    notes = list(record.events.values_list("note", flat=True))
    assert any(note.startswith("Withhold: people.Person") and "Third party has not agreed" in note for note in notes)
    assert "Copy released after review: 2 disclosed, 1 redacted, 1 withheld" in notes
    with pytest.raises(IllegalChange, match="already been released"):
        services.decide(by=world.admin, item=_item(record, "people.Person", "communication_needs"), decision="withhold", reason="late")


def test_a_decision_needs_its_text(world: World) -> None:
    record = _request_for(world, emergency_contact_name="Charles Babbage")
    services.sync_flags(record=record)
    item = _item(record, "people.Person", "emergency_contact_name")
    with pytest.raises(IllegalChange, match="text to show instead"):
        services.decide(by=world.admin, item=item, decision="redact", redaction_text=" ")
    with pytest.raises(IllegalChange, match="why this is withheld"):
        services.decide(by=world.admin, item=item, decision="withhold")


def test_records_added_after_the_review_began_must_be_reviewed_too(world: World) -> None:
    record = _request_for(world)
    services.sync_flags(record=record)
    for item in record.flagged_items.all():
        services.decide(by=world.admin, item=item, decision="disclose")
    world.stranger.communication_needs = "Added later, mentions a neighbour"
    world.stranger.save()
    with pytest.raises(IllegalChange, match="1 flagged item needs a decision"):
        services.release(by=world.admin, record=record)


def test_a_whole_record_written_by_someone_else_can_be_withheld(world: World) -> None:
    person = PersonFactory.create()
    RowMaker(person, world.manager).every_linked_model()
    record = services.log_subject_access_request(by=world.admin, person=person, requested_by="Themselves", received_on=timezone.localdate())
    services.sync_flags(record=record)
    whole = record.flagged_items.get(section="volunteers.Reference", field="")
    assert whole.why == "A reference written by someone else"
    for item in record.flagged_items.exclude(pk=whole.pk):
        services.decide(by=world.admin, item=item, decision="disclose")
    services.decide(by=world.admin, item=whole, decision="withhold", reason="The referee wrote in confidence")
    released = services.release(by=world.admin, record=record)
    assert released["sections"]["volunteers.Reference"] == {"title": "References", "records": [], "withheld": 1}
    assert released["sections"]["enablement.Contact"]["records"][0]["what was done"] == "Notes that mention Jo Bloggs"


def test_the_review_journey_through_the_pages(client: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries) -> None:
    record = _request_for(world, emergency_contact_name="Charles Babbage", communication_needs="Brother Tom helps")
    sign_in(client, world.manager)
    review_url = reverse("records:request_review", kwargs={"request_id": record.pk})
    check = reverse("records:request_action", kwargs={"request_id": record.pk, "action": "check"})
    assert "0 of 0 items" in client.get(review_url).content.decode(), "opening the page flags nothing (no writes on GET)"
    # Flagging reads each person-linked model once: the cost grows with the number of models,
    # never with how much is held about the person.
    with django_assert_max_num_queries(len(person_links()) + 24):  # the POST and the page it leads to
        page = client.post(check, follow=True).content.decode()
    assert "Checked the record: 3 items need a decision" in page
    assert "3 of 3 items still need a decision" in page and "Charles Babbage" in page
    name = _item(record, "people.Person", "emergency_contact_name")
    decide = reverse("records:request_decide", kwargs={"request_id": record.pk, "item_id": name.pk})
    refused = client.post(decide, {"decision": "redact", "redaction_text": ""}, follow=True).content.decode()
    assert "Enter the text to show instead of the redacted information" in refused
    client.post(decide, {"decision": "redact", "redaction_text": "[name removed]"})
    for item in record.flagged_items.filter(decision=""):
        client.post(reverse("records:request_decide", kwargs={"request_id": record.pk, "item_id": item.pk}), {"decision": "disclose"})
    assert "Every flagged item has a decision" in client.get(review_url).content.decode()
    client.post(reverse("records:request_action", kwargs={"request_id": record.pk, "action": "release"}))
    download = client.get(reverse("records:request_released", kwargs={"request_id": record.pk}), {"format": "json"})
    assert download["Content-Disposition"] == f'attachment; filename="subject-access-{record.pk}.json"'
    assert json.loads(download.content)["sections"]["people.Person"]["records"][0]["emergency contact name"] == "[name removed]"
    client.post(reverse("records:request_action", kwargs={"request_id": record.pk, "action": "complete"}))
    record.refresh_from_db()
    assert record.status == "completed"
    audited = AuditEvent.objects.filter(person_id=world.stranger.pk, user=world.manager)
    assert audited.filter(detail__decision="redact").exists()
    assert audited.filter(action="export", detail__copy="released").exists()
    timeline = client.get(reverse("people:detail", kwargs={"person_id": world.stranger.pk})).content.decode()
    assert "Copy of their records released after review" in timeline


def test_the_released_copy_does_not_exist_before_release(client: Client, world: World) -> None:
    record = _request_for(world)
    sign_in(client, world.admin)
    assert client.get(reverse("records:request_released", kwargs={"request_id": record.pk})).status_code == 404
