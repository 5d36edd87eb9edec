"""Sending through GOV.UK Notify's official client, round trip through the stand-in (the real
client builds the request, signs it and reads the answer), and email through Django."""

from __future__ import annotations

import pytest
from django.core import mail
from notifications_python_client.errors import HTTPError
from pytest_django import Settings

from audit.models import AuditEvent
from conftest import World
from notifications import standin
from notifications.client import notify_client, stand_in_template_id
from notifications.models import Channel, Message, Status
from notifications.services import WITHHELD, send
from notifications.tests.factories import EMAIL, REMINDERS, TEXT, person_who_agreed

pytestmark = pytest.mark.django_db

REMINDER = {"activity": "Art group", "venue": "The Old Library", "date": "Tuesday 9 June", "time": "10:00"}


def test_a_text_goes_through_the_real_client_to_the_stand_in_and_back(world: World) -> None:
    person = person_who_agreed(TEXT, REMINDERS, preferred_contact_method="text", given_name="Ada")
    message = send(by=world.worker, to_person=person, template="session_reminder", personalisation=REMINDER, reason="Test")
    [sent] = standin.sent()
    assert (sent.type, sent.to, sent.reference) == ("sms", "07700 900123", str(message.pk))
    assert sent.template_id == stand_in_template_id("session_reminder", "sms")
    assert sent.body == "STaR: a reminder that Art group is tomorrow, Tuesday 9 June, at 10:00, at The Old Library."
    assert message.notify_id == sent.id and message.status == Status.SENDING
    assert message.body == sent.body
    assert [change.status for change in message.status_changes.all()] == [Status.CREATED, Status.SENDING]
    # The same client reads it back from Notify's GET /v2/notifications/<id>.
    fetched = notify_client().get_notification_by_id(sent.id)  # type: ignore[no-untyped-call]  # notifications-python-client is unannotated
    assert (fetched["phone_number"], fetched["status"], fetched["type"]) == ("07700 900123", "sending", "sms")


def test_an_email_through_notify(world: World, email_through_notify: None) -> None:
    person = person_who_agreed(EMAIL, REMINDERS, preferred_contact_method="email", preferred_name="Addie")
    send(by=world.worker, to_person=person, template="session_reminder", personalisation=REMINDER, reason="Test")
    [sent] = standin.sent()
    assert (sent.type, sent.to, sent.subject) == ("email", "ada@example.org", "Reminder: Art group tomorrow")
    assert sent.body.startswith("Hello Addie,")
    assert not mail.outbox


def test_a_letter_carries_the_address_lines_notify_needs(world: World) -> None:
    person = person_who_agreed(REMINDERS, preferred_contact_method="letter", given_name="Ada", family_name="Lovelace")
    message = send(by=world.worker, to_person=person, template="session_reminder", personalisation=REMINDER, reason="Test")
    [sent] = standin.sent()
    assert sent.type == "letter" and sent.to == "Ada Lovelace, 1 Church Road, Birmingham, B13 9AB"
    assert message.channel == Channel.LETTER and message.status == Status.SENDING


def test_email_through_django_when_notify_is_not_used_for_email(world: World) -> None:
    message = send(by=world.worker, to_email="gp@example.org", template="risk_alert", personalisation={}, reason="Test")
    assert mail.outbox[0].to == ["gp@example.org"] and mail.outbox[0].subject == "STaR: a risk alert needs your attention"
    assert message.status == Status.SENDING and not standin.sent()


def test_a_reference_sends_once(world: World) -> None:
    person = person_who_agreed(TEXT, REMINDERS, preferred_contact_method="text")
    first = send(by=None, to_person=person, template="session_reminder", personalisation=REMINDER, reason="Test", reference="r:1")
    again = send(by=None, to_person=person, template="session_reminder", personalisation=REMINDER, reason="Test", reference="r:1")
    assert first == again and len(standin.sent()) == 1 and Message.objects.count() == 1


def test_secrets_are_sent_but_never_kept(world: World, email_through_notify: None) -> None:
    send(by=None, to_user=world.member, template="sign_in_link", personalisation={"link": "https://x/secret", "minutes": 15}, reason="T")
    message = Message.objects.get()
    assert "https://x/secret" in standin.sent()[0].body
    assert "https://x/secret" not in message.body and WITHHELD in message.body
    assert message.person == world.member_person  # a member's account: on their record's timeline


def test_every_message_is_audited_with_its_person(world: World) -> None:
    person = person_who_agreed(TEXT, REMINDERS, preferred_contact_method="text")
    message = send(by=world.worker, to_person=person, template="session_reminder", personalisation=REMINDER, reason="Test")
    event = AuditEvent.objects.get(object_id=str(message.pk))
    assert event.person_id == person.pk and event.user == world.worker and event.detail["channel"] == "sms"


def test_a_refusal_by_notify_is_a_technical_failure(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("notifications.client.stand_in_lookup", lambda template_id: None)  # Notify has no such template
    person = person_who_agreed(TEXT, REMINDERS, preferred_contact_method="text")
    message = send(by=None, to_person=person, template="session_reminder", personalisation=REMINDER, reason="Test")
    assert message.status == Status.TECHNICAL_FAILURE
    assert "Template not found" in message.status_changes.last().detail  # type: ignore[union-attr]


def test_without_notify_set_up_texts_are_recorded_as_not_sent(world: World, settings: Settings) -> None:
    settings.STAR_NOTIFY_STAND_IN, settings.STAR_NOTIFY_API_KEY = "", ""
    person = person_who_agreed(TEXT, REMINDERS, preferred_contact_method="text")
    message = send(by=None, to_person=person, template="session_reminder", personalisation=REMINDER, reason="Test")
    assert message.status == Status.NOT_SENT and "STAR_NOTIFY_API_KEY" in message.not_sent_because


def test_the_stand_in_refuses_a_wrong_key(settings: Settings) -> None:
    from notifications_python_client.notifications import NotificationsAPIClient

    client = NotificationsAPIClient(  # type: ignore[no-untyped-call]  # notifications-python-client is unannotated
        f"wrong-{standin.SERVICE_ID}-00000000-0000-4000-8000-000000000000", base_url=settings.STAR_NOTIFY_BASE_URL
    )
    client.request_session.mount(settings.STAR_NOTIFY_BASE_URL, standin.InProcessAdapter(lambda template_id: None))
    with pytest.raises(HTTPError) as refused:
        client.send_sms_notification("07700 900123", "x", {})  # type: ignore[no-untyped-call]  # notifications-python-client is unannotated
    assert refused.value.status_code == 403


def test_a_missing_placeholder_is_refused_before_anything_is_sent(world: World) -> None:
    person = person_who_agreed(TEXT, REMINDERS, preferred_contact_method="text")
    with pytest.raises(ValueError, match="Missing personalisation: venue"):
        send(
            by=None,
            to_person=person,
            template="session_reminder",
            personalisation={k: v for k, v in REMINDER.items() if k != "venue"},
            reason="T",
        )


def test_nothing_else_in_star_sends_mail() -> None:
    """The one place: no module outside notifications calls Django's mail functions."""
    import ast
    from pathlib import Path

    from django.apps import apps

    root = Path(__file__).resolve().parents[2]
    local = [Path(config.path) for config in apps.get_app_configs() if Path(config.path).parent == root]
    found = []
    for path in (path for app in local if app.name != "notifications" for path in app.rglob("*.py")):
        parts = path.relative_to(root).parts
        if "tests" in parts or "migrations" in parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module == "django.core.mail":
                found.append(str(path.relative_to(root)))
    assert found == []
