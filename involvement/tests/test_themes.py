"""Managers keep the list of feedback themes: add, retire, offer again."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from involvement.models import FeedbackTheme
from involvement.tests.factories import FeedbackFactory, ThemeFactory


def test_a_manager_adds_a_theme_and_it_is_offered_on_the_public_form(as_manager: Client, client: Client) -> None:
    response = as_manager.post(reverse("involvement:theme_list"), {"name": "  Transport   to venues "})
    assert response.status_code == 302
    assert FeedbackTheme.objects.filter(name="Transport to venues", active=True).exists()
    assert AuditEvent.objects.filter(object_type="involvement.feedbacktheme", action="create").exists()
    as_manager.logout()
    assert "Transport to venues" in client.get(reverse("involvement:feedback_public")).content.decode()


def test_a_duplicate_or_empty_theme_is_refused(as_manager: Client) -> None:
    ThemeFactory.create(name="Venues")
    page = as_manager.post(reverse("involvement:theme_list"), {"name": "venues"}).content.decode()
    assert "There is already a theme with this name" in page
    assert "Enter the name of the theme" in as_manager.post(reverse("involvement:theme_list"), {"name": " "}).content.decode()
    assert FeedbackTheme.objects.filter(name__iexact="venues").count() == 1


def test_a_retired_theme_stays_on_old_feedback_but_is_not_offered(as_manager: Client, client: Client) -> None:
    theme = ThemeFactory.create(name="Old building")
    old = FeedbackFactory.create(theme=theme)
    as_manager.post(reverse("involvement:theme_toggle", kwargs={"theme_id": theme.pk}))
    theme.refresh_from_db()
    assert not theme.active
    old.refresh_from_db()
    assert old.theme == theme
    assert "Old building" in as_manager.get(reverse("involvement:feedback_detail", kwargs={"feedback_id": old.pk})).content.decode()
    assert "Old building" not in client.get(reverse("involvement:feedback_public")).content.decode()
    as_manager.post(reverse("involvement:theme_toggle", kwargs={"theme_id": theme.pk}))
    theme.refresh_from_db()
    assert theme.active


def test_an_unknown_theme_is_not_found(as_manager: Client) -> None:
    assert as_manager.post(reverse("involvement:theme_toggle", kwargs={"theme_id": 999999})).status_code == 404
