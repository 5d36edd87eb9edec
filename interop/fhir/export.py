from __future__ import annotations

from typing import Any

from accounts.models import User
from people.models import Person


def person_bundle(person: Person, *, by: User) -> dict[str, Any]:
    return {"resourceType": "Bundle", "type": "collection", "entry": []}
