"""No single person reads a record through records management (issue 19 item 3): an administrator
who logs a subject access request themselves cannot open the record through it; a service manager
who did not log it approves, once the request says how it arrived and how identity was checked."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from markupsafe import escape

from conftest import World, sign_in
from enablement.tests.factories import ContactFactory
from records import services
from records.models import SubjectAccessRequest
from records.models.subject_access import IllegalChange

pytestmark = pytest.mark.django_db
SECRET = "Talked about the brother and his court case"


def log_as_admin(client: Client, world: World, **extra: str) -> SubjectAccessRequest:
    received = timezone.localdate() - timedelta(days=1)
    data = {
        "requested_by": "Alan himself",
        "received_on_day": received.day,
        "received_on_month": received.month,
        "received_on_year": received.year,
        "nhs_number": world.stranger.nhs_number,
        **extra,
    }
    client.post(reverse("records:request_new"), data)
    return SubjectAccessRequest.objects.get()


def test_an_administrator_cannot_read_a_record_through_a_request_they_logged(client: Client, world: World) -> None:
    ContactFactory.create(person=world.stranger, what_was_done=SECRET)
    sign_in(client, world.admin)
    record = log_as_admin(client, world, received_how="email", identity_checked_how="I say so")
    ids = {"request_id": record.pk}
    for name in ("records:request_export", "records:request_review"):
        response = client.get(reverse(name, kwargs=ids), follow=True)
        assert SECRET not in response.content.decode()
        assert "must approve it before anyone opens the record" in response.content.decode()
    for action in ("check", "release", "approve"):
        client.post(reverse("records:request_action", kwargs={**ids, "action": action}))
    record.refresh_from_db()
    assert not record.is_approved and not record.flagged_items.exists() and record.released_export is None
    assert SECRET not in client.get(reverse("records:request_export", kwargs=ids) + "?format=json", follow=True).content.decode()


def test_a_request_needs_how_it_arrived(client: Client, world: World) -> None:
    sign_in(client, world.admin)
    received = timezone.localdate()
    page = client.post(
        reverse("records:request_new"),
        {
            "requested_by": "Alan",
            "received_on_day": received.day,
            "received_on_month": received.month,
            "received_on_year": received.year,
            "nhs_number": world.stranger.nhs_number,
        },
    ).content.decode()
    assert "Select how the request arrived" in page and not SubjectAccessRequest.objects.exists()


def test_a_manager_cannot_approve_their_own_request_nor_one_without_an_identity_check(world: World) -> None:
    own = services.log_subject_access_request(
        by=world.manager,
        person=world.stranger,
        requested_by="Alan",
        received_on=timezone.localdate(),
        received_how="letter",
        identity_checked_how="Photo ID",
    )
    with pytest.raises(IllegalChange, match="Someone else must approve"):
        services.approve_subject_access_request(by=world.manager, record=own)
    unchecked = services.log_subject_access_request(
        by=world.admin, person=world.stranger, requested_by="Alan", received_on=timezone.localdate(), received_how="letter"
    )
    with pytest.raises(IllegalChange, match="Check the person's identity"):
        services.approve_subject_access_request(by=world.manager, record=unchecked)
    with pytest.raises(IllegalChange, match="Only a service manager"):
        services.approve_subject_access_request(by=world.admin, record=unchecked)


def test_with_a_second_persons_approval_the_record_opens(client: Client, world: World) -> None:
    ContactFactory.create(person=world.stranger, what_was_done=SECRET)
    sign_in(client, world.admin)
    record = log_as_admin(client, world, received_how="letter")
    detail = reverse("records:request_detail", kwargs={"request_id": record.pk})
    client.post(reverse("records:request_action", kwargs={"request_id": record.pk, "action": "identity-checked"}), {"how": "Photo ID seen"})
    manager = sign_in(Client(), world.manager)
    assert "Approve this request" in manager.get(detail).content.decode()
    manager.post(reverse("records:request_action", kwargs={"request_id": record.pk, "action": "approve"}))
    record.refresh_from_db()
    assert record.approved_by == world.manager and record.identity_checked_by == world.admin
    page = client.get(detail).content.decode()
    assert "Photo ID seen" in page and escape(world.manager.display_name) in page
    assert SECRET in client.get(reverse("records:request_export", kwargs={"request_id": record.pk})).content.decode()
