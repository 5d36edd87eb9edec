"""Language: the member's choice is remembered, and right-to-left languages render right to left."""

from __future__ import annotations

from django.test import Client, override_settings
from django.urls import reverse

from conftest import World, sign_in
from portal.models import MemberPreference

LANGUAGES = [("en-gb", "English"), ("ar", "العربية")]


def test_english_pages_are_left_to_right(client: Client, world: World) -> None:
    sign_in(client, world.member)
    page = client.get(reverse("portal:home")).content.decode()
    assert '<html lang="en-gb"' in page and 'dir="rtl"' not in page


@override_settings(LANGUAGES=LANGUAGES)
def test_a_right_to_left_language_renders_right_to_left_and_is_remembered(client: Client, world: World) -> None:
    sign_in(client, world.member)
    response = client.post(reverse("portal:language"), {"language": "ar"})
    assert response.status_code == 302
    assert MemberPreference.objects.get(user=world.member).language == "ar"
    page = client.get(reverse("portal:home")).content.decode()
    assert '<html lang="ar"' in page and 'dir="rtl"' in page
    # Signed in again on another device, with no cookie: the saved choice is used.
    other_device = sign_in(Client(), world.member)
    assert 'dir="rtl"' in other_device.get(reverse("portal:home")).content.decode()


def test_a_language_not_offered_is_refused(client: Client, world: World) -> None:
    sign_in(client, world.member)
    response = client.post(reverse("portal:language"), {"language": "xx"})
    assert response.status_code == 200 and not MemberPreference.objects.exists()


def test_templates_translate_through_djangos_catalogues() -> None:
    """The Jinja environment's `_` is Django's gettext, so a compiled catalogue is used."""
    from django.template import engines
    from django.utils import translation

    template = engines["jinja2"].from_string('{{ _("This field is required.") }}')
    assert template.render({}) == "This field is required."
    with translation.override("fr"):
        assert template.render({}) == "Ce champ est obligatoire."
