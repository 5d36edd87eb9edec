"""Which way a message goes: the person's preferred contact method, if they have consented to it
and we hold the number or address; never a channel they have not agreed to."""

from __future__ import annotations

from dataclasses import dataclass, field

from accounts.models import User
from notifications.models import Channel, MessageTemplate
from people.models import Consent, Person
from people.models.person import ContactMethod
from people.services import current_consents

CONSENT_FOR = {Channel.SMS: Consent.Kind.CONTACT_BY_TEXT, Channel.EMAIL: Consent.Kind.CONTACT_BY_EMAIL}
PREFERRED = {ContactMethod.TEXT: Channel.SMS, ContactMethod.EMAIL: Channel.EMAIL, ContactMethod.LETTER: Channel.LETTER}


@dataclass(frozen=True)
class Route:
    channel: str
    to: str
    address: dict[str, str] = field(default_factory=dict)  # address_line_1… for a letter


@dataclass(frozen=True)
class NoRoute:
    channel: str
    because: str


def address_lines(person: Person) -> dict[str, str]:
    name = f"{person.preferred_name or person.given_name} {person.family_name}".strip()
    lines = [name, person.address_line_1, person.address_line_2, person.town, person.postcode]
    lines = [line.strip() for line in lines if line and line.strip()]
    return {f"address_line_{number}": line for number, line in enumerate(lines, start=1)}


def _to_person(person: Person, consents: dict[str, bool], template: MessageTemplate, channel: str) -> Route | NoRoute:
    if template.requires_consent and not consents.get(template.requires_consent):
        wanted = dict(Consent.Kind.choices).get(template.requires_consent, template.requires_consent)
        return NoRoute(channel, f"They have not agreed to this: “{wanted}”")
    if not template.body_for(channel)[1]:
        return NoRoute(channel, f"This message has no {Channel(channel).label.lower()} version")
    if channel in CONSENT_FOR and not consents.get(CONSENT_FOR[Channel(channel)]):
        return NoRoute(channel, f"They have not agreed to be contacted by {Channel(channel).label.lower()}")
    if channel == Channel.SMS:
        return Route(channel, person.phone) if person.phone else NoRoute(channel, "There is no phone number on their record")
    if channel == Channel.EMAIL:
        return Route(channel, person.email) if person.email else NoRoute(channel, "There is no email address on their record")
    if person.no_fixed_abode or not person.address_line_1 or not person.postcode:
        return NoRoute(channel, "There is no full postal address on their record")
    lines = address_lines(person)
    return Route(channel, ", ".join(lines.values()), lines)


def choose_for_person(person: Person, template: MessageTemplate, channel: str | None = None) -> Route | NoRoute:
    """The channel asked for, or the person's preferred one. Someone who prefers a phone call or
    has no preference gets a text or an email, whichever they agreed to (a text first); a letter
    only when they asked for letters, since post to a home can be read by others."""
    consents = current_consents(person)
    if channel:
        return _to_person(person, consents, template, channel)
    preferred = PREFERRED.get(ContactMethod(person.preferred_contact_method)) if person.preferred_contact_method else None
    if preferred:
        return _to_person(person, consents, template, preferred)
    tried = [_to_person(person, consents, template, option) for option in (Channel.SMS, Channel.EMAIL)]
    routes = [found for found in tried if isinstance(found, Route)]
    if routes:
        return routes[0]
    reasons = dict.fromkeys(f"{found.because}." for found in tried if isinstance(found, NoRoute))
    return NoRoute("", "No way to reach them that they agreed to. " + " ".join(reasons))


def choose_for_user(user: User) -> Route | NoRoute:
    """Staff and members' accounts: by email, to the account's address."""
    return Route(Channel.EMAIL, user.email) if user.email else NoRoute(Channel.EMAIL, "Their account has no email address")
