"""The register as an installable web app: the service worker and the manifest."""

from __future__ import annotations

import json

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from community.models import Session
from community.tests.factories import ActivityFactory, MembershipFactory, ProjectLeadFactory, SessionFactory, SessionRosterFactory
from conftest import World, sign_in
from people.tests.factories import PersonFactory


@pytest.fixture
def rostered(world: World) -> Session:
    project = ProjectLeadFactory.create(user=world.lead).project
    session = SessionFactory.create(activity=ActivityFactory.create(project=project))
    SessionRosterFactory.create(session=session, user=world.volunteer)
    return session


@pytest.mark.django_db
def test_the_service_worker_is_served_from_the_site_root_as_javascript_never_cached(client: Client) -> None:
    assert reverse("service_worker") == "/service-worker.js"
    response = client.get("/service-worker.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-store" in response["Cache-Control"]
    policy = response["Content-Security-Policy"]
    assert "worker-src 'self'" in policy
    assert "manifest-src 'self'" in policy


@pytest.mark.django_db
def test_the_service_worker_keeps_only_register_pages_and_static_files(client: Client) -> None:
    body = client.get("/service-worker.js").content.decode()
    config = json.loads(body.split("const CONFIG = ", 1)[1].split(";\n", 1)[0])
    assert config["register_prefix"] == reverse("community:my_sessions")
    assert config["static_prefix"] == "/static/"
    assert all(url.startswith("/static/") for url in config["precache"])
    for url in config["precache"]:
        assert finders.find(url.removeprefix("/static/")), url
    assert "star-register-" in body  # copies are kept in a cache named after the day, older ones deleted
    assert "&#34;" not in body  # the configuration is JavaScript, not HTML-escaped


@pytest.mark.django_db
def test_the_service_worker_only_answers_get(client: Client) -> None:
    assert client.post("/service-worker.js").status_code == 405


@pytest.mark.django_db
def test_the_manifest_makes_the_registers_an_installable_app(client: Client) -> None:
    response = client.get(reverse("web_manifest"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["start_url"] == reverse("community:my_sessions")
    assert manifest["display"] == "standalone"
    assert manifest["name"] and manifest["short_name"]
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/")), icon["src"]


@pytest.mark.django_db
def test_pages_link_the_manifest_and_signed_in_pages_register_the_worker(client: Client, world: World) -> None:
    public = client.get(reverse("community:crisis")).content.decode()
    assert f'rel="manifest" href="{reverse("web_manifest")}"' in public
    assert 'name="star-service-worker"' not in public
    sign_in(client, world.volunteer)
    page = client.get(reverse("community:my_sessions")).content.decode()
    assert f'name="star-service-worker" content="{reverse("service_worker")}"' in page
    assert f'data-sign-out-url="{reverse("accounts:sign_out")}"' in page


@pytest.mark.django_db
def test_the_register_has_a_live_notice_and_forms_that_can_wait_to_send(client: Client, world: World, rostered: Session) -> None:
    person = PersonFactory.create(given_name="Ada")
    MembershipFactory.create(project=rostered.activity.project, person=person)
    sign_in(client, world.volunteer)
    body = client.get(reverse("community:register", kwargs={"session_id": rostered.pk})).content.decode()
    assert 'id="offline-status"' in body and 'aria-live="polite"' in body
    assert 'data-offline="headcount"' in body
    assert f'data-offline="mark" data-first-name="Ada" data-person-id="{person.pk}"' in body
