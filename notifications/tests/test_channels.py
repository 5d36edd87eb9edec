"""The channel follows the person's preferred contact method and consents; nothing goes where
they have not agreed or we hold no number or address, and the record says why."""

from __future__ import annotations

import pytest

from conftest import World
from notifications.models import Channel, Message, Status
from notifications.services import send
from notifications.tests.factories import EMAIL, NEWS, REMINDERS, TEXT, person_who_agreed
from people.models import Person
from people.tests.factories import ConsentFactory

pytestmark = pytest.mark.django_db

REMINDER = {"activity": "Art group", "venue": "The Old Library", "date": "Tuesday 9 June", "time": "10:00"}


def _remind(world: World, person: Person, channel: str | None = None) -> Message:
    return send(by=world.worker, to_person=person, template="session_reminder", personalisation=REMINDER, reason="Test", channel=channel)


@pytest.mark.parametrize(
    ("preferred", "expected"),
    [("text", Channel.SMS), ("email", Channel.EMAIL), ("letter", Channel.LETTER), ("phone", Channel.SMS), ("", Channel.SMS)],
)
def test_the_preferred_method_is_used_when_they_agreed_to_it(world: World, preferred: str, expected: str) -> None:
    person = person_who_agreed(TEXT, EMAIL, REMINDERS, preferred_contact_method=preferred)
    message = _remind(world, person)
    assert (message.channel, message.status) == (expected, Status.SENDING)


def test_someone_who_prefers_a_phone_call_and_agreed_only_to_email_gets_an_email(world: World) -> None:
    person = person_who_agreed(EMAIL, REMINDERS, preferred_contact_method="phone")
    assert _remind(world, person).channel == Channel.EMAIL


def test_no_consent_to_the_preferred_channel_means_nothing_is_sent_and_why(world: World) -> None:
    person = person_who_agreed(EMAIL, REMINDERS, preferred_contact_method="text")
    message = _remind(world, person)
    assert message.status == Status.NOT_SENT
    assert message.not_sent_because == "They have not agreed to be contacted by text message"
    assert message.status_changes.get().status == Status.NOT_SENT


def test_a_withdrawn_consent_counts_not_the_first_answer(world: World) -> None:
    person = person_who_agreed(TEXT, REMINDERS, preferred_contact_method="text")
    ConsentFactory.create(person=person, kind=TEXT, given=False)
    assert _remind(world, person).status == Status.NOT_SENT


def test_reminders_need_their_consent_to_reminders_too(world: World) -> None:
    person = person_who_agreed(TEXT, preferred_contact_method="text")
    message = _remind(world, person)
    assert message.status == Status.NOT_SENT and "reminders" in message.not_sent_because


def test_missing_details_are_a_reason_not_to_send(world: World) -> None:
    no_phone = person_who_agreed(TEXT, REMINDERS, preferred_contact_method="text", phone="")
    no_address = person_who_agreed(REMINDERS, preferred_contact_method="letter", no_fixed_abode=True)
    assert _remind(world, no_phone).not_sent_because == "There is no phone number on their record"
    assert _remind(world, no_address).not_sent_because == "There is no full postal address on their record"


def test_without_any_preference_or_consent_nothing_is_sent(world: World) -> None:
    person = person_who_agreed(REMINDERS)
    message = _remind(world, person)
    assert message.status == Status.NOT_SENT and message.channel == ""
    assert "text message" in message.not_sent_because and "email" in message.not_sent_because


def test_a_letter_is_never_a_fallback(world: World) -> None:
    person = person_who_agreed(NEWS, preferred_contact_method="")
    message = send(
        by=world.lead, to_person=person, template="project_message", personalisation={"project": "Art", "message": "Hi"}, reason="Test"
    )
    assert message.status == Status.NOT_SENT


def test_a_channel_asked_for_still_needs_consent(world: World) -> None:
    person = person_who_agreed(REMINDERS, preferred_contact_method="email")
    assert _remind(world, person, channel=Channel.SMS).not_sent_because == "They have not agreed to be contacted by text message"
