"""A member saves resources from the hub to their own pages, and removes them: POST only, once,
their own only, audited, and in their subject access export."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from markupsafe import escape
from pytest_django import DjangoAssertNumQueries

from audit.models import AuditEvent
from conftest import World, sign_in
from hub.models import SavedResource
from hub.tests.factories import ResourceFactory
from people.tests.factories import PersonFactory
from records.subject_access import export_person

pytestmark = pytest.mark.django_db


def test_a_member_saves_a_resource_once_sees_it_and_removes_it(client: Client, world: World) -> None:
    resource = ResourceFactory.create(name="Carers' café")
    page_url = reverse("hub:resource", kwargs={"resource_id": resource.pk})
    sign_in(client, world.member)
    assert "Save to my pages" in client.get(page_url).content.decode()
    assert client.post(reverse("hub:save", kwargs={"resource_id": resource.pk})).status_code == 302
    again = client.post(reverse("hub:save", kwargs={"resource_id": resource.pk}), follow=True).content.decode()
    assert "was already saved" in again and "This is in your saved resources" in again
    assert SavedResource.objects.filter(person=world.member_person, resource=resource).count() == 1
    created = AuditEvent.objects.filter(action="create", person_id=world.member_person.pk, user=world.member)
    assert created.count() == 1 and created.get().detail["own_pages"] == "saved_resources"
    mine = client.get(reverse("hub:my_saved")).content.decode()
    assert str(escape("Carers' café")) in mine
    assert AuditEvent.objects.filter(action="view", person_id=world.member_person.pk, detail__own_pages="saved_resources").exists()
    assert "my saved resources" in client.get(reverse("portal:home")).content.decode()
    client.post(reverse("hub:unsave", kwargs={"resource_id": resource.pk}))
    assert not SavedResource.objects.exists()
    assert AuditEvent.objects.filter(action="update", person_id=world.member_person.pk, detail__removed=str(resource.pk)).exists()
    assert "Nothing saved yet" in client.get(reverse("hub:my_saved")).content.decode()


def test_removing_from_the_resource_page_goes_back_to_it(client: Client, world: World) -> None:
    resource = ResourceFactory.create()
    sign_in(client, world.member)
    client.post(reverse("hub:save", kwargs={"resource_id": resource.pk}))
    response = client.post(reverse("hub:unsave", kwargs={"resource_id": resource.pk}), {"back": "resource"})
    assert response["Location"] == reverse("hub:resource", kwargs={"resource_id": resource.pk})


def test_no_save_button_for_visitors_or_staff_and_nobody_else_sees_a_members_list(client: Client, world: World) -> None:
    resource = ResourceFactory.create()
    other = SavedResource.objects.create(person=PersonFactory.create(), resource=ResourceFactory.create(name="Someone else's pick"))
    page_url = reverse("hub:resource", kwargs={"resource_id": resource.pk})
    assert "Save to my pages" not in Client().get(page_url).content.decode()
    assert "Save to my pages" not in sign_in(Client(), world.worker).get(page_url).content.decode()
    sign_in(client, world.member)
    assert "Someone else" not in client.get(reverse("hub:my_saved")).content.decode()
    client.post(reverse("hub:unsave", kwargs={"resource_id": other.resource_id}))
    assert SavedResource.objects.filter(pk=other.pk).exists()  # not theirs: nothing removed
    assert sign_in(Client(), world.worker).post(reverse("hub:save", kwargs={"resource_id": resource.pk})).status_code in (403, 404)


def test_a_retired_resource_cannot_be_saved(client: Client, world: World) -> None:
    retired = ResourceFactory.create(is_active=False)
    sign_in(client, world.member)
    assert client.post(reverse("hub:save", kwargs={"resource_id": retired.pk})).status_code == 404


def test_saved_resources_are_in_the_members_subject_access_export(world: World) -> None:
    resource = ResourceFactory.create(name="Job club")
    saved = SavedResource.objects.create(person=world.member_person, resource=resource)
    export = export_person(world.member_person)
    records = export["sections"]["hub.SavedResource"]["records"]
    assert [str(record["ID"]) for record in records] == [str(saved.pk)]


def test_my_saved_costs_the_same_with_many(client: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries) -> None:
    for _ in range(15):
        SavedResource.objects.create(person=world.member_person, resource=ResourceFactory.create())
    sign_in(client, world.member)
    with django_assert_max_num_queries(14):
        page = client.get(reverse("hub:my_saved")).content.decode()
    assert page.count("Remove<span") == 15
