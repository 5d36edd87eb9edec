"""The manager's template pages, the stand-in's page, a lead's message to a project, and the
message on the person's timeline."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from markupsafe import escape
from pytest_django import DjangoAssertNumQueries

from community.models import ProjectMembership
from community.tests.factories import ProjectFactory, ProjectLeadFactory
from conftest import World, sign_in
from notifications import standin
from notifications.catalogue import SHIPPED
from notifications.models import Broadcast, Message, Status
from notifications.services import send
from notifications.tests.factories import EMAIL, NEWS, REMINDERS, TEXT, person_who_agreed
from people.timeline import timeline_for
from volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

REMINDER = {"activity": "Art group", "venue": "The Old Library", "date": "Tuesday 9 June", "time": "10:00"}


def test_the_manager_reads_every_template(client: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries) -> None:
    sign_in(client, world.manager)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("notifications:template_list")).content.decode()
    assert all(str(escape(entry["name"])) in page for entry in SHIPPED)
    detail = client.get(reverse("notifications:template_detail", kwargs={"code": "session_reminder"})).content.decode()
    assert "((activity))" in detail and "Text message" in detail and "Letter" in detail
    assert "Send reminders the day before" in detail  # the consent it needs
    assert client.get(reverse("notifications:template_detail", kwargs={"code": "nothing"})).status_code == 404


def test_the_stand_in_page_lists_what_was_sent(client: Client, world: World) -> None:
    person = person_who_agreed(TEXT, REMINDERS, preferred_contact_method="text")
    send(by=None, to_person=person, template="session_reminder", personalisation=REMINDER, reason="Test")
    sign_in(client, world.manager)
    page = client.get(reverse("notifications:stand_in_sent")).content.decode()
    assert "Text message to" in page and "Art group is tomorrow" in page and "Mark delivered" in page


def test_every_message_to_a_person_is_on_their_timeline(world: World) -> None:
    agreed = person_who_agreed(TEXT, REMINDERS, preferred_contact_method="text")
    send(by=None, to_person=agreed, template="session_reminder", personalisation=REMINDER, reason="Reminder of Art group tomorrow")
    refused = person_who_agreed(REMINDERS, preferred_contact_method="email")
    send(by=None, to_person=refused, template="session_reminder", personalisation=REMINDER, reason="Reminder")
    [entry] = timeline_for(agreed, kinds={"messages"})
    assert entry.title == "Session reminder sent by text message" and entry.detail == "Sending. Reminder of Art group tomorrow"
    [entry] = timeline_for(refused, kinds={"messages"})
    assert entry.title == "Session reminder: not sent" and entry.detail == "They have not agreed to be contacted by email"


def test_a_lead_writes_to_their_projects_members_who_asked_for_its_news(client: Client, world: World) -> None:
    project = ProjectLeadFactory.create(user=world.lead).project
    wants_news = person_who_agreed(TEXT, NEWS, preferred_contact_method="text")
    no_news = person_who_agreed(TEXT, preferred_contact_method="text")
    for person in (wants_news, no_news):
        ProjectMembership.objects.create(project=project, person=person)
    ProjectMembership.objects.create(project=ProjectFactory.create(), person=person_who_agreed(TEXT, NEWS, email="other@example.org"))
    sign_in(client, world.lead)
    form = client.get(reverse("notifications:broadcast_new")).content.decode()
    assert f"Members of {project.name}" in form and f"Volunteers at {project.name}" in form
    response = client.post(
        reverse("notifications:broadcast_new"),
        {
            "audience": f"members:{project.pk}",
            "text": "The drop-in moves to the church hall next week.",
            "submission_key": "2f0c7b0e-7c6e-4a57-9f5e-000000000001",
        },
    )
    broadcast = Broadcast.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "notifications:broadcast_detail", kwargs={"broadcast_id": broadcast.pk}
    )
    assert (broadcast.sent, broadcast.not_sent) == (1, 1)
    [sent] = standin.sent()
    assert sent.body == f"{project.name}: The drop-in moves to the church hall next week." and sent.to == "07700 900123"
    assert Message.objects.get(person=no_news).status == Status.NOT_SENT
    detail = client.get(response["Location"]).content.decode()
    assert "They have not agreed to this" in detail


def test_a_lead_cannot_write_to_another_projects_members(client: Client, world: World) -> None:
    other = ProjectFactory.create()
    ProjectMembership.objects.create(project=other, person=person_who_agreed(TEXT, NEWS, preferred_contact_method="text"))
    sign_in(client, world.lead)
    response = client.post(reverse("notifications:broadcast_new"), {"audience": f"members:{other.pk}", "text": "Hello"})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not Broadcast.objects.exists() and not standin.sent()


def test_a_projects_volunteers_get_it_by_their_own_choice(client: Client, world: World, email_through_notify: None) -> None:
    project = ProjectLeadFactory.create(user=world.lead).project
    person = person_who_agreed(EMAIL, NEWS, preferred_contact_method="email", email="vol@example.org")
    volunteer = VolunteerFactory.create(person=person, stage="active")
    volunteer.projects.add(project)
    sign_in(client, world.lead)
    client.post(reverse("notifications:broadcast_new"), {"audience": f"volunteers:{project.pk}", "text": "Rota for May is up."})
    [sent] = standin.sent()
    assert sent.type == "email" and sent.to == "vol@example.org" and "Rota for May is up." in sent.body
