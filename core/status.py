"""One status machine for every record that moves through statuses: a referral, a complaint, a
course enrolment, a volunteer's stage, a safeguarding concern, a 1-to-1 episode, a measure and a
subject access request.

A model keeps its table of legal moves as a class attribute::

    class Referral(models.Model):
        status_machine = StatusMachine(
            transitions={"": {Status.AWAITING_TRIAGE}, Status.AWAITING_TRIAGE: {Status.WAITING, …}, …},
            history=History("referrals.ReferralStatusChange", record="referral"),
            refusal="A referral that is {current} cannot become {wanted}",
            error=IllegalTransition,
        )

and every change of status goes through `move(obj, to, by=…, reason=…)`, which checks the move
against the table, saves the record, writes the history row and writes the audit event. "" is
the status of a record not saved yet, so a table that starts with "" covers creating it too.

A move the table does not allow raises the machine's `error`, a subclass of `BrokenRule`: the
one exception for any change the service's rules refuse, whose message says in plain English
what is wrong. Views catch it and call `show_refusal`, the same way everywhere.

core imports no app: the audit trail plugs itself in (`audit` registers its writer with
`register_audit_writer` in its `AppConfig.ready()`).
"""

from __future__ import annotations

import dataclasses
from collections import deque
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils import timezone

if TYPE_CHECKING:
    from django.forms import BaseForm
    from django.http import HttpRequest

NEW = ""  # the status of a record that is not saved yet


class BrokenRule(Exception):
    """A change the service's rules do not allow. The message says, in plain English, what is
    wrong or what to do; `show_refusal` puts it in front of the user. Each app's own error
    (`IllegalTransition`, `CommunityError`, `VolunteerError`, …) is a subclass."""


@dataclass(frozen=True)
class History:
    """Where a machine keeps its history: one immutable row per move, naming who and when.

    `model` is the history model's label ("referrals.ReferralStatusChange"); `record` its foreign
    key to the record that moved. A field given as None is one the history model does not have."""

    model: str
    record: str
    to_field: str = "to_status"
    from_field: str | None = "from_status"
    by_field: str | None = "changed_by"
    note_field: str | None = "note"
    at_field: str | None = "changed_at"

    def row(self, obj: models.Model, *, from_status: str, to_status: str, by: object, note: str = "", at: Any = None) -> models.Model:
        """The history row for one move, not saved (bulk work saves many at once)."""
        values: dict[str, Any] = {self.record: obj, self.to_field: to_status}
        if self.from_field is not None:
            values[self.from_field] = from_status
        if self.by_field is not None:
            values[self.by_field] = by
        if self.note_field is not None:
            values[self.note_field] = note
        if self.at_field is not None and at is not None:
            values[self.at_field] = at
        row: models.Model = apps.get_model(self.model)(**values)
        return row


@dataclass(frozen=True)
class StatusMachine:
    """A model's legal moves: `transitions` maps each status to the statuses that may follow it.

    `refusal` is the message for a move the table does not allow, with `{current}` (the status
    now, in words; "new" for a record not saved yet) and `{wanted}`. `stamps` names, for a status,
    a date-and-time field set when a record reaches it; `changed_at` a field set on every move."""

    transitions: Mapping[str, Collection[str]]
    refusal: str
    error: type[BrokenRule] = BrokenRule
    field: str = "status"
    history: History | None = None
    stamps: Mapping[str, str] = dataclasses.field(default_factory=dict)
    changed_at: str | None = None

    def allows(self, from_status: str, to_status: str) -> bool:
        return to_status in self.transitions.get(from_status, ())

    def next_statuses(self, from_status: str, order: Iterable[str]) -> list[str]:
        """The statuses that may follow `from_status`, in the order given (the choices' order)."""
        return [status for status in order if self.allows(from_status, status)]

    def path_to(self, status: str, start: str = NEW) -> tuple[str, ...]:
        """The shortest legal path from `start` to `status` (without `start`), for bulk work that
        brings records in at a status and writes the history STaR's own moves would have."""
        came_from: dict[str, str] = {}
        queue = deque([start])
        while queue:
            here = queue.popleft()
            if here == status and here != start:
                break
            for step in sorted(self.transitions.get(here, ())):
                if step not in came_from and step != start:
                    came_from[step] = here
                    queue.append(step)
        if status not in came_from:
            raise ValueError(f"No legal path from {start!r} to {status!r}")
        path = [status]
        while came_from[path[-1]] != start:
            path.append(came_from[path[-1]])
        return tuple(reversed(path))

    def check(self, obj: models.Model, to: str) -> str:
        """The record's status now ("" if not saved yet), if it may move to `to`; else the error."""
        current = NEW if obj._state.adding else str(getattr(obj, self.field))
        if not self.allows(current, to):
            raise self.error(self.refusal.format(current=_words(obj, self.field, current), wanted=_words(obj, self.field, to)))
        return current


def _words(obj: models.Model, field_name: str, status: str) -> str:
    if status == NEW:
        return "new"
    status_field = obj._meta.get_field(field_name)
    assert isinstance(status_field, models.Field)
    choices = dict(status_field.flatchoices)
    return str(choices.get(status, status)).lower()


class AuditWriter(Protocol):
    """Writes the audit event of one move; `action` None means create for a new record, else update."""

    def __call__(
        self,
        *,
        by: Any,
        action: str | None,
        created: bool,
        obj: models.Model,
        detail: dict[str, Any],
    ) -> object: ...


_audit_writer: list[AuditWriter] = []


def register_audit_writer(writer: AuditWriter) -> None:
    """The audit trail's writer for moves (`audit` registers it in its `AppConfig.ready()`)."""
    _audit_writer[:] = [writer]


def machine_of(obj: models.Model) -> StatusMachine:
    machine = getattr(type(obj), "status_machine", None)
    if not isinstance(machine, StatusMachine):
        raise ImproperlyConfigured(f"{type(obj).__name__} has no status_machine")
    return machine


def move(
    obj: models.Model,
    to: str,
    *,
    by: Any,
    reason: str = "",
    detail: dict[str, Any] | None = None,
    action: str | None = None,
    update_fields: Iterable[str] | None = None,
) -> models.Model | None:
    """Move `obj` to the status `to`, if its machine allows it (else raise the machine's error):
    save it, write the history row (`reason` is its note; none for a move to the same status) and
    the audit event (`detail`, by default {field: to}; `action` by default create for a new record,
    update otherwise). `update_fields` saves only those fields (with the status and its stamps).
    Returns the history row, if one was written."""
    machine = machine_of(obj)
    created = obj._state.adding
    current = machine.check(obj, to)
    now = timezone.now()
    setattr(obj, machine.field, to)
    fields = [machine.field]
    if to in machine.stamps:
        setattr(obj, machine.stamps[to], now)
        fields.append(machine.stamps[to])
    if machine.changed_at is not None:
        setattr(obj, machine.changed_at, now)
        fields.append(machine.changed_at)
    if created or update_fields is None:
        obj.save()
    else:
        obj.save(update_fields=list(dict.fromkeys([*fields, *update_fields])))
    row = None
    if machine.history is not None and current != to:
        row = machine.history.row(obj, from_status=current, to_status=to, by=by, note=reason, at=now)
        row.save()
    if not _audit_writer:
        raise ImproperlyConfigured("No audit writer is registered: is the audit app installed?")
    _audit_writer[0](
        by=by,
        action=action,
        created=created,
        obj=obj,
        detail={machine.field: to} if detail is None else detail,
    )
    return row


def show_refusal(request: HttpRequest, refused: BrokenRule | ValueError, form: BaseForm | None = None, *, field: str | None = None) -> None:
    """Tell the user why a change was refused, in the rule's own words: on the form when the page
    shows it again (next to `field`, or at the top), otherwise as a message on the next page."""
    if form is not None:
        form.add_error(field, str(refused))
    else:
        messages.error(request, str(refused))
