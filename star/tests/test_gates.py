"""Views never reach person-linked data through a bare model manager: only through the gates in
each app's `access.py` (and the services those call). This test reads the source of every view
module and fails on `SomeModel.objects` where SomeModel is, or hangs off, a Person."""

from __future__ import annotations

import ast
from pathlib import Path

from django.apps import apps
from django.db import models

ROOT = Path(__file__).resolve().parent.parent.parent


def person_linked_models() -> set[str]:
    person = apps.get_model("people", "Person")
    linked: set[type[models.Model]] = {person}
    changed = True
    while changed:  # follow foreign keys outwards: Person ← Episode ← Contact ← …
        changed = False
        for model in apps.get_models():
            if model in linked:
                continue
            for field in model._meta.get_fields():
                if field.is_relation and field.many_to_one | field.one_to_one and field.concrete and field.related_model in linked:
                    linked.add(model)
                    changed = True
                    break
    return {model.__name__ for model in linked if model._meta.app_label != "audit"}


def view_modules() -> list[Path]:
    found = [*ROOT.glob("*/views/*.py"), *ROOT.glob("*/views.py"), ROOT / "star" / "home.py"]
    return [path for path in found if ".venv" not in path.parts and path.exists()]


def bare_manager_uses(path: Path, names: set[str], root: Path = ROOT) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    uses = []
    for node in ast.walk(tree):
        is_manager = isinstance(node, ast.Attribute) and node.attr in {"objects", "_default_manager", "_base_manager"}
        if is_manager and isinstance(node.value, ast.Name) and node.value.id in names:  # type: ignore[attr-defined]
            uses.append(f"{path.relative_to(root)}:{node.lineno} {node.value.id}.{node.attr}")
    return uses


def test_person_linked_models_are_found() -> None:
    names = person_linked_models()
    assert {"Person", "Alert", "CaseloadEntry", "Consent", "BreakGlassGrant", "EqualityMonitoring"} <= names


def test_views_use_the_access_gates_not_bare_managers() -> None:
    names = person_linked_models()
    offences = [use for path in view_modules() for use in bare_manager_uses(path, names)]
    assert not offences, "Reach person-linked data through the app's access.py gate:\n" + "\n".join(offences)


def test_the_check_catches_a_bare_manager(tmp_path: Path) -> None:
    sample = tmp_path / "views.py"
    sample.write_text("from people.models import Person\n\ndef v(request):\n    return Person.objects.all()\n")
    assert bare_manager_uses(sample, {"Person"}, root=tmp_path) == ["views.py:4 Person.objects"]
