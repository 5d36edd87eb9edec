"""Edit forms that never overwrite someone else's change silently.

Two people open the same record and both save: without a check the second save wins and the first
person's change is gone. Every edit form therefore carries the version it was based on: a hidden
`based_on` token holding (signed) the values the form showed when it was opened. On save the view
reads what is saved now, with the row locked, in the same transaction as the save, and compares:

- nothing changed since the form was opened: save as usual;
- something changed: nothing is saved. The form comes back with a panel showing, field by field,
  what it said when they opened it, what was saved since, and what they typed. The form is
  pre-filled with the merge: the saved version of every field they did not touch, their own words
  where they typed something. They may save that (keeping theirs where both changed), change any
  field (merge by hand) or leave and keep the saved version. The re-shown form is based on what is
  saved now, so a further change by someone else is caught again.

In a view (see `people.views.person.person_edit` for a model form, `plans.views.documents` for a
plan):

    saved = lambda: values_of(form, Person.objects.select_for_update().get(pk=person.pk))
    if request.method == "POST" and form.is_valid():
        try:
            with unchanged_since_opened(request, form, saved=saved):
                services.update_person(...)
        except EditConflict as conflict:
            form, edit = Form(initial=conflict.merged, instance=person), conflict.check
        else:
            return redirect(...)
    else:
        edit = edit_check(request, form, saved=values_of(form, person))
    render(..., {"form": form, "edit_check": edit})

and in the template `{% include "submissions/_form_keys.jinja" %}` after `{{ csrf_input }}`.
A POST without a token (a script, a test) is not checked."""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django import forms
from django.core import signing
from django.db import models, transaction
from django.forms.models import model_to_dict
from django.http import HttpRequest

BASED_ON_FIELD = "based_on"
_SALT = "submissions.conflicts.based_on"


def plain(value: Any) -> Any:
    """A value as it is compared and kept in the token: text, numbers, true/false or lists."""
    if value is None:
        return ""
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, bool | int):
        return value
    if isinstance(value, datetime.date | datetime.time | decimal.Decimal | uuid.UUID | float):
        return value.isoformat() if isinstance(value, datetime.date | datetime.time) else str(value)
    if isinstance(value, list | tuple | set | frozenset | models.QuerySet):
        return sorted(str(plain(item)) for item in value)
    return str(value).replace("\r\n", "\n").strip()


def snapshot(values: Mapping[str, Any]) -> dict[str, Any]:
    return {name: plain(value) for name, value in values.items()}


def token_for(values: Mapping[str, Any]) -> str:
    return signing.dumps(snapshot(values), salt=_SALT, compress=True)


def _sent_token(request: HttpRequest) -> str:
    """The `based_on` the form was sent with: from the POST, or, for a form given back after a
    session end (`accounts.kept_forms.hand_over`), from what was kept, so that a change someone
    else saved while the person was signed out is still caught."""
    if request.method == "POST":
        return str(request.POST.get(BASED_ON_FIELD, ""))
    kept = getattr(request, "kept_form", None)
    return str(kept.get(BASED_ON_FIELD, "")) if kept is not None else ""


def posted_base(request: HttpRequest) -> dict[str, Any] | None:
    """The values the posted form was opened with, or None (no token, or one tampered with)."""
    token = _sent_token(request)
    if not token:
        return None
    try:
        base = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        return None
    return base if isinstance(base, dict) else None


def values_of(form: forms.BaseForm, instance: models.Model, **extra: Any) -> dict[str, Any]:
    """What is saved now for the fields a model form shows (plus `extra` for fields that are not
    the model's own, like a person's consents)."""
    return {**model_to_dict(instance, fields=list(form.fields)), **extra}


@dataclass(frozen=True)
class Change:
    """One field saved differently since the form was opened."""

    name: str
    label: str
    when_opened: str
    saved_now: str
    yours: str
    you_changed_it: bool


@dataclass(frozen=True)
class EditCheck:
    """What the template needs: the token to send back, and the changes when there was a conflict."""

    token: str
    changes: list[Change] = field(default_factory=list)
    discard_url: str = ""


class EditConflict(Exception):
    """Someone saved this record after the form was opened; nothing was saved."""

    def __init__(self, check: EditCheck, merged: dict[str, Any]) -> None:
        super().__init__("The record was changed by someone else after the form was opened")
        self.check = check
        self.merged = merged


def edit_check(request: HttpRequest, form: forms.BaseForm, *, saved: Mapping[str, Any]) -> EditCheck:
    """For showing the form: a form shown again after an error keeps the version it was opened
    with (so the error does not hide someone else's change); a fresh form is based on `saved`."""
    if posted_base(request) is not None:
        return EditCheck(token=_sent_token(request))
    return EditCheck(token=token_for({name: saved.get(name) for name in form.fields}))


def _display(form_field: forms.Field | None, value: Any) -> str:
    if value in ("", [], None):
        return "(empty)"
    choices = {str(key): str(label) for key, label in getattr(form_field, "choices", []) or [] if not isinstance(label, list | tuple)}
    if isinstance(value, list):
        return ", ".join(choices.get(str(item), str(item)) for item in value) or "(empty)"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    text = str(value)
    if text in choices:
        return choices[text]
    try:
        return f"{datetime.date.fromisoformat(text):%-d %B %Y}"
    except ValueError:
        return text


def compare(request: HttpRequest, form: forms.BaseForm, *, saved: Mapping[str, Any], discard_url: str = "") -> EditConflict | None:
    """The conflict between the posted (valid) form and what is saved now, if there is one."""
    base = posted_base(request)
    if base is None:
        return None
    now = snapshot({name: saved.get(name) for name in form.fields})
    mine = snapshot({name: form.cleaned_data.get(name) for name in form.fields})
    changed = [name for name in form.fields if name in base and base[name] != now[name]]
    if not changed:
        return None
    merged: dict[str, Any] = {name: form.cleaned_data.get(name) for name in form.fields}
    changes = []
    for name in changed:
        form_field = form.fields[name]
        you_changed_it = mine[name] != base[name] and mine[name] != now[name]
        if not you_changed_it:
            merged[name] = saved.get(name)
        changes.append(
            Change(
                name=name,
                label=str(form_field.label or name),
                when_opened=_display(form_field, base[name]),
                saved_now=_display(form_field, now[name]),
                yours=_display(form_field, mine[name]),
                you_changed_it=you_changed_it,
            )
        )
    check = EditCheck(token=token_for({name: saved.get(name) for name in form.fields}), changes=changes, discard_url=discard_url)
    return EditConflict(check, merged)


@contextmanager
def unchanged_since_opened(
    request: HttpRequest, form: forms.BaseForm, *, saved: Callable[[], Mapping[str, Any]], discard_url: str = ""
) -> Iterator[None]:
    """Run the save in one transaction with the check: `saved()` locks the row (select_for_update)
    and returns what is saved now; if it changed since the form was opened, nothing is saved and
    `EditConflict` is raised for the view to show."""
    with transaction.atomic():
        conflict = compare(request, form, saved=saved(), discard_url=discard_url)
        if conflict is not None:
            raise conflict
        yield


def conflict_now(
    request: HttpRequest, form: forms.BaseForm, *, saved: Callable[[], Mapping[str, Any]], discard_url: str = ""
) -> EditConflict | None:
    """After a save lost a race on a unique constraint (two people starting the same record at
    once), the conflict with what the other one saved."""
    with transaction.atomic():
        return compare(request, form, saved=saved(), discard_url=discard_url)


# The usual case, a model form bound to `instance=`: three calls in the view.
#
#     form = ProjectForm(posted(request), instance=project)
#     edit = model_edit_check(request, form)          # before form.is_valid() changes the instance
#     if request.method == "POST" and form.is_valid():
#         try:
#             with unchanged_model(request, form):
#                 services.save_project(by=..., project=form.save(commit=False))
#         except EditConflict as conflict:
#             form, edit = model_form_again(form, conflict), conflict.check
#         else:
#             return redirect(...)
#     render(..., {"form": form, "edit_check": edit})


ModelFormT = TypeVar("ModelFormT", bound=forms.BaseModelForm[Any])


def _locked(instance: models.Model) -> models.Model:
    return type(instance)._default_manager.select_for_update().get(pk=instance.pk)


def model_edit_check(request: HttpRequest, form: forms.BaseModelForm[Any]) -> EditCheck:
    return edit_check(request, form, saved=values_of(form, form.instance))


@contextmanager
def unchanged_model(request: HttpRequest, form: forms.BaseModelForm[Any], *, discard_url: str = "") -> Iterator[None]:
    """`unchanged_since_opened` for a model form: the instance's row is locked and read afresh."""
    instance = form.instance
    saved = (lambda: values_of(form, _locked(instance))) if instance.pk is not None and not instance._state.adding else (lambda: {})
    with unchanged_since_opened(request, form, saved=saved, discard_url=discard_url or request.path):
        yield


def model_form_again(form: ModelFormT, conflict: EditConflict) -> ModelFormT:
    """The same form, unbound, on the instance as saved now, pre-filled with the merge."""
    instance = type(form.instance)._default_manager.get(pk=form.instance.pk)
    return type(form)(initial=conflict.merged, instance=instance)
