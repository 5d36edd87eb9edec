"""A volunteer records signposting at a drop-in, cut down to what the register already gives
them; the follow-up goes to the person's worker (or a manager when they have none)."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from markupsafe import escape

from audit.models import AuditEvent
from community.models import Session
from community.tests.factories import ActivityFactory, AttendanceFactory, MembershipFactory, SessionFactory, SessionRosterFactory
from conftest import World, sign_in, without_tokens
from hub.access import follow_ups_due_for
from hub.models import Signposting
from hub.tests.factories import ResourceFactory
from people.models import Person
from people.tests.factories import CaseloadEntryFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _drop_in(world: World, *, here: Person, also_regular: Person | None = None, starts_at: datetime.datetime | None = None) -> Session:
    session = SessionFactory.create(
        activity=ActivityFactory.create(name="Monday drop-in"), **({"starts_at": starts_at} if starts_at else {})
    )
    SessionRosterFactory.create(session=session, user=world.volunteer)
    MembershipFactory.create(project=session.activity.project, person=here)
    AttendanceFactory.create(session=session, person=here)
    if also_regular is not None:
        MembershipFactory.create(project=session.activity.project, person=also_regular)
    return session


def test_a_volunteer_on_the_rota_records_signposting_for_someone_marked_here(client: Client, world: World) -> None:
    here = PersonFactory.create(given_name="Ola", family_name="Nwosu", phone="07700 900123")
    not_here = PersonFactory.create(given_name="Bea")
    session = _drop_in(world, here=here, also_regular=not_here)
    resource = ResourceFactory.create(name="Money advice drop-in")
    sign_in(client, world.volunteer)
    url = reverse("hub:signpost_at_drop_in", kwargs={"session_id": session.pk})
    page = without_tokens(client.get(url).content.decode())
    # Only people marked here, by first name; nothing else from their record.
    assert "Ola" in page and "Bea" not in page and "Nwosu" not in page and "07700" not in page
    assert 'name="reason"' not in page
    response = client.post(url, {"person": str(here.pk), "resource": str(resource.pk), "how": "gave_details"})
    assert response.status_code == 302 and response["Location"] == reverse("community:register", kwargs={"session_id": session.pk})
    signposting = Signposting.objects.get(person=here)
    assert signposting.at_session == session and signposting.signposted_by == world.volunteer
    assert signposting.signposted_on == timezone.localtime(session.starts_at).date()
    assert signposting.reason == ""
    assert signposting.follow_up_due == signposting.signposted_on + datetime.timedelta(weeks=2)
    assert AuditEvent.objects.filter(person_id=here.pk, action="create", object_type__icontains="signposting").exists()
    # Someone not marked here cannot be chosen.
    refused = client.post(url, {"person": str(not_here.pk), "resource": str(resource.pk), "how": "gave_details"})
    assert "Choose someone marked as here" in refused.content.decode()
    assert not Signposting.objects.filter(person=not_here).exists()


def test_the_register_offers_it_and_the_volunteer_still_cannot_open_the_record(client: Client, world: World) -> None:
    here = PersonFactory.create()
    session = _drop_in(world, here=here)
    sign_in(client, world.volunteer)
    register = client.get(reverse("community:register", kwargs={"session_id": session.pk})).content.decode()
    assert reverse("hub:signpost_at_drop_in", kwargs={"session_id": session.pk}) in register
    assert client.get(reverse("hub:person_signposting", kwargs={"person_id": here.pk})).status_code == 403
    assert client.get(reverse("people:detail", kwargs={"person_id": here.pk})).status_code in (403, 404)


def test_not_on_the_rota_is_not_found_and_a_worker_cannot_use_it(client: Client, world: World) -> None:
    here = PersonFactory.create()
    other = SessionFactory.create()
    MembershipFactory.create(project=other.activity.project, person=here)
    AttendanceFactory.create(session=other, person=here)
    sign_in(client, world.volunteer)
    url = reverse("hub:signpost_at_drop_in", kwargs={"session_id": other.pk})
    assert (
        client.post(url, {"person": str(here.pk), "resource": str(ResourceFactory.create().pk), "how": "gave_details"}).status_code == 404
    )
    sign_in(client, world.worker)
    assert client.get(url).status_code == 403
    assert not Signposting.objects.exists()


def test_a_session_still_to_come_is_refused(client: Client, world: World) -> None:
    here = PersonFactory.create()
    session = _drop_in(world, here=here, starts_at=timezone.now() + datetime.timedelta(days=3))
    sign_in(client, world.volunteer)
    url = reverse("hub:signpost_at_drop_in", kwargs={"session_id": session.pk})
    page = client.post(url, {"person": str(here.pk), "resource": str(ResourceFactory.create().pk), "how": "gave_details"}).content.decode()
    assert "on the day of the session, or after it" in page
    assert not Signposting.objects.exists()


def test_the_follow_up_goes_to_the_persons_worker_or_a_manager_if_they_have_none(client: Client, world: World) -> None:
    supported = PersonFactory.create(given_name="Ola")
    CaseloadEntryFactory.create(person=supported, worker=world.worker)
    nobody_s = PersonFactory.create(given_name="Tam")
    days_ago = timezone.now() - datetime.timedelta(days=20)
    for person in (supported, nobody_s):
        session = _drop_in(world, here=person, starts_at=days_ago)
        sign_in(client, world.volunteer)
        url = reverse("hub:signpost_at_drop_in", kwargs={"session_id": session.pk})
        client.post(url, {"person": str(person.pk), "resource": str(ResourceFactory.create().pk), "how": "warm_handover"})
    today = timezone.localdate()
    assert [s.person for s in follow_ups_due_for(world.worker, today=today)] == [supported]
    assert [s.person for s in follow_ups_due_for(world.other_worker, today=today)] == []
    assert [s.person for s in follow_ups_due_for(world.manager, today=today)] == [nobody_s]
    sign_in(client, world.worker)
    page = client.get(reverse("hub:follow_ups")).content.decode()
    assert str(escape(supported.full_name)) in page and "at a drop-in by" in page
