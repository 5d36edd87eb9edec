from __future__ import annotations

from typing import Any

from people.models import Consent, Person
from people.tests.factories import ConsentFactory, PersonFactory


def person_who_agreed(*kinds: str, **fields: Any) -> Person:
    """A person with these consents given (Consent.Kind values) and these fields."""
    defaults: dict[str, Any] = {
        "phone": "07700 900123",
        "email": "ada@example.org",
        "address_line_1": "1 Church Road",
        "town": "Birmingham",
        "postcode": "B13 9AB",
    }
    person = PersonFactory.create(**{**defaults, **fields})
    for kind in kinds:
        ConsentFactory.create(person=person, kind=kind, given=True)
    return person


TEXT, EMAIL = Consent.Kind.CONTACT_BY_TEXT, Consent.Kind.CONTACT_BY_EMAIL
REMINDERS, NEWS = Consent.Kind.REMINDERS, Consent.Kind.PROJECT_MESSAGES
