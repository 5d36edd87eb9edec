"""Every record that moves through statuses does it through `core.status`: its table names only
real statuses, every status can be reached, refusals are `BrokenRule`s in plain English, and the
legacy import's referral history is the table's shortest legal path."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.messages import get_messages
from django.db import models
from django.test import RequestFactory

from choices.models import PersonalBudget
from community.models import Enrolment
from core.status import NEW, BrokenRule, StatusMachine, machine_of, show_refusal
from enablement.models import Episode
from involvement.models import Feedback
from outcomes.models import Measurement
from records.models import SubjectAccessRequest
from referrals.models import Referral
from safeguarding.models import SafeguardingConcern
from volunteers.models import Volunteer

MACHINES: list[type[models.Model]] = [
    Referral,
    Feedback,
    Enrolment,
    Volunteer,
    SafeguardingConcern,
    Episode,
    Measurement,
    SubjectAccessRequest,
    PersonalBudget,
]


def test_every_model_with_statuses_uses_the_one_machine() -> None:
    """A new record with a status table is listed above (so the tests below cover it), and nobody
    writes a table of moves of their own again."""
    with_machine = {model for model in apps.get_models() if isinstance(getattr(model, "status_machine", None), StatusMachine)}
    assert with_machine == set(MACHINES)
    own_tables = [
        model.__name__ for model in apps.get_models() for name in ("TRANSITIONS", "LEGAL_TRANSITIONS", "ALLOWED") if hasattr(model, name)
    ]
    assert not own_tables


def _statuses(model: type[models.Model], machine: StatusMachine) -> set[str]:
    field = model._meta.get_field(machine.field)
    assert isinstance(field, models.Field)
    return {str(value) for value, _ in field.flatchoices if value}


@pytest.mark.parametrize("model", MACHINES, ids=lambda model: model.__name__)
def test_each_table_names_only_real_statuses_and_reaches_them_all(model: type[models.Model]) -> None:
    machine = model.status_machine  # type: ignore[attr-defined]
    assert isinstance(machine, StatusMachine)
    assert issubclass(machine.error, BrokenRule)
    statuses = _statuses(model, machine)
    named = set(machine.transitions) | {to for tos in machine.transitions.values() for to in tos}
    assert named - {NEW} <= statuses
    start = NEW if NEW in machine.transitions else next(iter(machine.transitions))
    for status in statuses - {start}:
        assert machine.path_to(status, start=start), status
    assert set(machine.stamps) <= statuses


@pytest.mark.parametrize("model", MACHINES, ids=lambda model: model.__name__)
def test_a_refused_move_raises_the_apps_error_in_words(model: type[models.Model]) -> None:
    machine = model.status_machine  # type: ignore[attr-defined]
    record = model()
    record._state.adding = False
    ends = [status for status in _statuses(model, machine) if not machine.transitions.get(status)]
    current = ends[0] if ends else next(iter(machine.transitions))
    setattr(record, machine.field, current)
    wanted = next(status for status in _statuses(model, machine) if not machine.allows(current, status))
    with pytest.raises(machine.error) as refused:
        machine.check(record, wanted)
    assert "{" not in str(refused.value) and "_" not in str(refused.value)


def test_the_legacy_referral_history_walks_the_referral_table() -> None:
    paths = {status: Referral.status_machine.path_to(status) for status in Referral.Status.values}
    assert paths[Referral.Status.ALLOCATED] == ("awaiting_triage", "waiting", "allocated")
    assert paths[Referral.Status.DECLINED] == ("awaiting_triage", "declined")
    assert paths[Referral.Status.AWAITING_TRIAGE] == ("awaiting_triage",)


def test_every_model_with_a_machine_is_listed_here() -> None:
    from django.apps import apps

    assert {model for model in apps.get_models() if isinstance(getattr(model, "status_machine", None), StatusMachine)} == set(MACHINES)
    assert machine_of(Referral()) is Referral.status_machine


def test_a_refusal_is_shown_on_the_form_or_as_a_message() -> None:
    from django import forms

    from referrals.models.referral import IllegalTransition

    request = RequestFactory().post("/")
    request.session = {}  # type: ignore[assignment]
    from django.contrib.messages.storage.fallback import FallbackStorage

    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    show_refusal(request, IllegalTransition("A referral that is declined cannot become allocated"))
    assert [str(message) for message in get_messages(request)] == ["A referral that is declined cannot become allocated"]
    form = forms.Form({})
    form.is_valid()
    show_refusal(request, IllegalTransition("Not now"), form)
    assert form.non_field_errors() == ["Not now"]
