"""Timeline sources are declared one way: each app's `timeline.py` exports `SOURCES`, and its
AppConfig.ready() registers them with `people.timeline.register_sources`."""

from __future__ import annotations

import importlib

from django.apps import apps

from people import timeline

EXPECTED = {
    "people": ["record", "alerts", "consents", "caseload"],
    "records": ["data_protection"],
    "outcomes": ["outcomes"],
    "referrals": ["referrals"],
    "enablement": ["episodes", "contacts", "reviews", "move_on"],
    "appointments": ["appointments"],
    "plans": ["plans", "goal_progress"],
    "safeguarding": ["risk", "safeguarding"],
    "community": ["community", "courses"],
    "involvement": ["involvement", "feedback"],
    "hub": ["signposting"],
    "volunteers": ["volunteering"],
    "choices": ["personal_budget", "work", "work_steps"],
    "interop": ["crisis_plan_sent", "historical_contact"],
    "notifications": ["messages"],
    "documents": ["documents"],
}
SHOWN_TO_MEMBER = {"record", "consents", "caseload", "appointments", "feedback", "volunteering", "crisis_plan_sent"}


def apps_with_a_timeline() -> dict[str, list[str]]:
    found = {}
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.timeline")
        except ModuleNotFoundError:
            continue
        found[config.name] = [source.kind for source in module.SOURCES]
    return found


def test_each_app_declares_its_sources_in_timeline_py() -> None:
    assert apps_with_a_timeline() == EXPECTED


def test_every_declared_source_is_registered_and_nothing_else() -> None:
    registered = [source.kind for source in timeline.sources()]
    assert registered == [kind for kinds in EXPECTED.values() for kind in kinds]


def test_which_sources_a_member_sees_of_their_own_record() -> None:
    assert {source.kind for source in timeline.sources(for_member=True)} == SHOWN_TO_MEMBER
