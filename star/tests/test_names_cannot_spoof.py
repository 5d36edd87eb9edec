"""Issue 19, item 7: a name shown to others cannot spoof, on every form where one is typed.

Control characters, bidirectional overrides and zero-width characters are refused with the same
message as a person's name (`core.text.no_spoofing`), and what is kept is normalised to NFC:
staff accounts (the administrator's create and change forms), volunteers (staff-entered and
public applications, referees), a new regular at a drop-in, feedback names, crisis-plan share
recipients, referrers, project contacts and crisis places. A scan of every form keeps it so."""

from __future__ import annotations

import importlib
import inspect
import unicodedata
from typing import Any

import pytest
from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.test import Client
from django.urls import reverse

from accounts.models import User
from conftest import World, sign_in
from core.text import MESSAGE, NoSpoofing

# Every form class is one of these (their metaclasses give the class its `base_fields`).
FormClass = type[forms.Form] | type[forms.ModelForm[Any]]

APPS = [
    "accounts",
    "audit",
    "community",
    "enablement",
    "interop",
    "interop.legacy",
    "involvement",
    "outcomes",
    "people",
    "plans",
    "portal",
    "records",
    "referrals",
    "reports",
    "safeguarding",
    "volunteers",
]
# Field names that hold a person's (or a place's) name shown to others.
NAME_FIELDS = {
    "first_name",
    "last_name",
    "given_name",
    "family_name",
    "preferred_name",
    "referee_name",
    "recipient_name",
    "referrer_name",
    "contact_name",
    "emergency_contact_name",
}
# Forms where a name is typed to look a record up, never saved or shown to anyone.
LOOK_UPS = {
    "people.IdentifyPersonForm",
    "people.BreakGlassForm",
    "records.NewRectificationRequestForm",
    "records.NewSubjectAccessRequestForm",
}
# Forms with a field called "name" that is a person's name.
NAMED_PEOPLE = {
    ("involvement.PublicFeedbackForm", "name"),
    ("involvement.PaperFeedbackForm", "name"),
    ("community.CrisisPlaceForm", "name"),
}

SPOOFS = {
    "right-to-left override": "Ali\u202ecebA",
    "zero-width space": "Jo\u200bBloggs",
    "left-to-right isolate": "\u2066Sam",
    "a line break": "Sam\nOkafor",
    "a control character": "Sam\x07",
}
DECOMPOSED = "Jose\u0301"  # "José" typed with a combining accent


def every_form() -> list[tuple[str, FormClass]]:
    found: list[tuple[str, FormClass]] = []
    for app in APPS:
        module = importlib.import_module(f"{app}.forms")
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.Form | forms.ModelForm) and cls.__module__ == module.__name__:
                found.append((f"{app.split('.')[0]}.{name}", cls))
    return found


def refuses_spoofing(cls: FormClass, field: str) -> bool:
    """The form field carries the validator, or (a model form) the model field does."""
    if any(isinstance(v, NoSpoofing) for v in cls.base_fields[field].validators):
        return True
    model = getattr(getattr(cls, "_meta", None), "model", None)
    if model is None:
        return False
    try:
        return any(isinstance(v, NoSpoofing) for v in model._meta.get_field(field).validators)
    except FieldDoesNotExist:  # a form-only field
        return False


def name_fields() -> list[tuple[str, FormClass, str]]:
    return [
        (label, cls, field)
        for label, cls in every_form()
        if label not in LOOK_UPS
        for field in cls.base_fields
        if field in NAME_FIELDS or (label, field) in NAMED_PEOPLE
    ]


def test_every_name_field_on_every_form_refuses_spoofing() -> None:
    fields = name_fields()
    assert len(fields) >= 20, fields
    missing = [f"{label}.{field}" for label, cls, field in fields if not refuses_spoofing(cls, field)]
    assert not missing, f"these name fields accept spoofing characters: {missing}"


FORM_LEVEL = [
    (label, cls, field) for label, cls, field in name_fields() if any(isinstance(v, NoSpoofing) for v in cls.base_fields[field].validators)
]


@pytest.mark.django_db
@pytest.mark.parametrize(("label", "cls", "field"), FORM_LEVEL, ids=[f"{label}.{field}" for label, _, field in FORM_LEVEL])
@pytest.mark.parametrize("spoof", SPOOFS.values(), ids=SPOOFS.keys())
def test_each_name_field_refuses_each_spoofing_character(label: str, cls: FormClass, field: str, spoof: str) -> None:
    with pytest.raises(forms.ValidationError) as refused:
        cls.base_fields[field].clean(spoof)
    assert MESSAGE in refused.value.messages


@pytest.mark.django_db
@pytest.mark.parametrize(("label", "cls", "field"), FORM_LEVEL, ids=[f"{label}.{field}" for label, _, field in FORM_LEVEL])
def test_each_name_field_keeps_the_name_in_nfc(label: str, cls: FormClass, field: str) -> None:
    kept = cls.base_fields[field].clean(DECOMPOSED)
    assert kept == unicodedata.normalize("NFC", DECOMPOSED) == "Jos\u00e9"
    assert cls.base_fields[field].clean("Zoë\u200dAhmadi") == "Zoë\u200dAhmadi"  # a zero-width joiner is allowed


NEW_USER: dict[str, Any] = {
    "username": "jo.bloggs",
    "first_name": "Jo",
    "last_name": "Bloggs",
    "email": "jo@example.org",
    "role": "volunteer",
    "is_active": "on",
    "password": "correct horse battery staple",
}


def test_an_administrator_cannot_give_a_new_account_a_spoofing_name(client: Client, world: World) -> None:
    sign_in(client, world.admin)
    page = client.post(reverse("accounts:user_new"), {**NEW_USER, "last_name": "Bloggs\u202e"}).content.decode()
    assert MESSAGE in page
    assert not User.objects.filter(username="jo.bloggs").exists()
    client.post(reverse("accounts:user_new"), {**NEW_USER, "first_name": DECOMPOSED})
    assert User.objects.get(username="jo.bloggs").first_name == "Jos\u00e9"


def test_an_administrator_cannot_change_a_name_to_spoof(client: Client, world: World) -> None:
    sign_in(client, world.admin)
    url = reverse("accounts:user_detail", kwargs={"user_id": world.volunteer.pk})
    data = {"first_name": "Vic\u200b", "last_name": "Volunteer", "email": "vic@example.org", "role": "volunteer", "is_active": "on"}
    page = client.post(url, data).content.decode()
    assert MESSAGE in page
    world.volunteer.refresh_from_db()
    assert "\u200b" not in world.volunteer.first_name
