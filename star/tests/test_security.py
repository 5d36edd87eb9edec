"""Security headers, caching, error pages (ASVS V3.4, V14.3, V16.5)."""

from __future__ import annotations

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.urls import path, reverse

from conftest import World, sign_in
from star.urls import urlpatterns as star_urlpatterns


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("secret traceback detail")


urlpatterns = [*star_urlpatterns, path("boom/", boom)]
handler500 = "core.views.server_error"


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_with_a_nonce(client: Client) -> None:
    response = client.get(reverse("accounts:sign_in"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'<script nonce="{nonce}">' in response.content.decode()
    assert "unsafe-inline" not in policy


@pytest.mark.django_db
def test_security_headers(client: Client) -> None:
    response = client.get(reverse("accounts:sign_in"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_signed_in_pages_are_never_stored(client: Client, world: World) -> None:
    sign_in(client, world.worker)
    response = client.get(reverse("people:detail", kwargs={"person_id": world.caseload_person.pk}))
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_an_unknown_page_is_a_friendly_404(client: Client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_a_server_error_is_friendly_and_shows_no_traceback() -> None:
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Sorry, there is a problem with the service" in page
    assert "secret traceback detail" not in page and "Traceback" not in page


@pytest.mark.django_db
def test_no_page_loads_anything_from_another_site(client: Client) -> None:
    page = client.get(reverse("accounts:sign_in")).content.decode()
    assert "https://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
