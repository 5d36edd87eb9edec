"""What anyone working with a person must know: one summary, worked out here and shown the same
way at the top of every page about the person (the `what_to_know` macro in
`people/_what_to_know.jinja`).

Each part of the service that holds such a fact registers one source with `register_source`
(safeguarding: open concerns and the current risk level; outcomes: a recent answer above a
clinical threshold and a latest score in a severe band; plans: a crisis plan). A source is
given the signed-in user and the person, goes through its app's gate (so the summary is cut down
to what the role may see) and makes at most one query, so the summary costs the same however
long the person's history is. People's own facts (alerts, an interpreter need) are added here.

On a session register (volunteers, project leads) only `register_items` is shown: what the room
needs, from data the register has already loaded, and never a link the role could not follow.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.urls import reverse

from accounts.roles import Capability, can
from people.access import alerts_for
from people.models import Alert, Person

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

    Viewer = User | AnonymousUser


@dataclass(frozen=True)
class SummaryItem:
    """One thing to know: a short label ("Safeguarding"), what it is, and where to read more."""

    kind: str
    label: str
    text: str
    url: str = ""
    # "red" for a risk to act on now; "yellow" for something to plan around (an interpreter).
    colour: str = "red"


SourceFunction = Callable[["Viewer", Person], list[SummaryItem]]

# Kinds in the order they are shown: the most urgent first.
_ORDER = ["safeguarding", "risk", "risk_answer", "severe_score", "alert", "crisis_plan", "interpreter"]
_SOURCES: dict[str, SourceFunction] = {}


def register_source(kind: str, items: SourceFunction) -> None:
    """Add a source of summary items (called from an app's `AppConfig.ready`)."""
    _SOURCES[kind] = items


def summary_for(user: Viewer, person: Person, *, alerts: list[Alert] | None = None) -> list[SummaryItem]:
    """Everything this user may see that anyone working with the person must know, most urgent
    first. Members get nothing here: it is a staff summary (their own pages have crisis help).
    `alerts` are the person's active alerts when the caller has already loaded them."""
    if not user.is_authenticated or can(user, Capability.SEE_OWN_RECORD):
        return []
    items = _people_items(user, person, alerts)
    for source in _SOURCES.values():
        items.extend(source(user, person))
    rank = {kind: index for index, kind in enumerate(_ORDER)}
    return sorted(items, key=lambda item: rank.get(item.kind, len(_ORDER)))


def _people_items(user: Viewer, person: Person, alerts: list[Alert] | None) -> list[SummaryItem]:
    detail = reverse("people:detail", kwargs={"person_id": person.pk})
    if alerts is None:
        alerts = list(alerts_for(user, person).active()[:20])
    items = [SummaryItem("alert", alert.get_category_display(), alert.summary, f"{detail}#alerts") for alert in alerts]
    items.extend(interpreter_items(person, url=f"{detail}#details"))
    return items


def interpreter_items(person: Person, *, url: str = "") -> list[SummaryItem]:
    if not person.interpreter_needed:
        return []
    language = person.first_language or "their first language"
    return [SummaryItem("interpreter", "Interpreter", f"Needs an interpreter ({language})", url, colour="yellow")]


def register_items(person: Person, alerts: Iterable[Alert]) -> list[SummaryItem]:
    """The summary cut down for someone taking a register: an interpreter need and the alerts
    that matter in the room (the register's own narrow gate chose them). No links: the record
    behind them is not theirs to open."""
    items = interpreter_items(person)
    items.extend(SummaryItem("alert", alert.get_category_display(), alert.summary, colour="yellow") for alert in alerts)
    return items
