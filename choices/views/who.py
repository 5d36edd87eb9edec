"""Whose page this is. Each screen serves two addresses: staff reach a person through
`/choices/<person>/…` (the people gate: caseload, emergency access, or a manager), and a member
reaches only their own record through `/my/…`, with no person in the address."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from accounts.access import signed_in
from accounts.roles import Capability, can
from choices.access import own_person
from people.access import get_person_for
from people.models import Person
from people.views.person import person_header_context

View = Callable[..., HttpResponse]


@dataclass(frozen=True)
class Whose:
    person: Person
    own: bool  # the member's own pages

    def url(self, name: str, **kwargs: Any) -> str:
        """The address of a screen for the same viewer: `my_<name>` for the member."""
        if self.own:
            return reverse(f"choices:my_{name}", kwargs=kwargs)
        return reverse(f"choices:{name}", kwargs={"person_id": self.person.pk, **kwargs})


def choices_page(view: View) -> View:
    """Signed in; staff need SUPPORT_CHOICES for a person's address, a member SEE_OWN_RECORD for their own."""

    @signed_in
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, person_id: uuid.UUID | None = None, **kwargs: Any) -> HttpResponse:
        needed = Capability.SEE_OWN_RECORD if person_id is None else Capability.SUPPORT_CHOICES
        if not can(request.user, needed):
            raise PermissionDenied
        return view(request, *args, person_id=person_id, **kwargs)

    return wrapped


def whose(request: HttpRequest, person_id: uuid.UUID | None, *, page: str, audit: bool = True) -> Whose:
    if person_id is None:
        return Whose(own_person(request, page=page), own=True)
    return Whose(get_person_for(request, person_id, audit=audit), own=False)


def page_context(request: HttpRequest, who: Whose) -> dict[str, object]:
    """The person header on staff pages; the member's own pages have none."""
    base: dict[str, object] = {"who": who, "own": who.own, "person": who.person}
    if who.own:
        return base
    return {**person_header_context(request, who.person), **base}
