"""The audit row's page and address come from `core.where`, set once by each entry point, never from
a request passed down through the services. This test reads the source of every app module and
fails on a call to the audit service with `request=`, and on a function outside the views that
takes a `request` only to hand it on (unused, or passed as `request=request` to functions that do
nothing else with it either)."""

from __future__ import annotations

import ast
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
AUDIT_WRITERS = {"record_event", "record_events_for_people", "record_move"}
SKIP = {".venv", "node_modules", "tests", "migrations", "browser_tests", "failure_tests", "loadtest", "static"}


def app_modules(root: Path = ROOT) -> list[Path]:
    return sorted(path for path in root.glob("*/**/*.py") if not SKIP & set(path.relative_to(root).parts))


def is_view_module(path: Path, root: Path = ROOT) -> bool:
    """Views (and the view helpers beside them) take the request Django hands them."""
    parts = path.relative_to(root).parts
    return "views" in parts or path.name in {"views.py", "home.py", "middleware.py", "signals.py", "authentication.py"}


def _callee(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def audit_calls_with_request(path: Path, root: Path = ROOT) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and _callee(node) in AUDIT_WRITERS and any(kw.arg == "request" for kw in node.keywords):
            found.append(f"{path.relative_to(root)}:{node.lineno} {_callee(node)}(request=…)")
    return found


@dataclass
class TakesRequest:
    where: str
    name: str
    keyword_only: bool
    in_views: bool
    forwarded_to: set[str | None]  # the functions it hands `request=request` to
    used: bool  # for anything but handing on


def functions_taking_request(paths: list[Path], root: Path = ROOT) -> list[TakesRequest]:
    found = []
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            arguments = function.args
            keyword_only = any(argument.arg == "request" for argument in arguments.kwonlyargs)
            if not keyword_only and not any(argument.arg == "request" for argument in arguments.posonlyargs + arguments.args):
                continue
            forwarded: set[str | None] = set()
            used = False
            for node in ast.walk(function):
                if isinstance(node, ast.Name) and node.id == "request":
                    parent = parents.get(node)
                    if isinstance(parent, ast.keyword) and parent.arg == "request" and isinstance(parents.get(parent), ast.Call):
                        forwarded.add(_callee(parents[parent]))  # type: ignore[arg-type]
                    else:
                        used = True
            found.append(
                TakesRequest(
                    where=f"{path.relative_to(root)}:{function.lineno} {function.name}",
                    name=function.name,
                    keyword_only=keyword_only,
                    in_views=is_view_module(path, root),
                    forwarded_to=forwarded,
                    used=used,
                )
            )
    return found


def requests_only_handed_on(functions: list[TakesRequest]) -> list[str]:
    """Functions outside the views whose `request` is never used for anything but the hand-on. A
    name needs the request if any function of that name uses it, or hands it to one that does; the
    audit writers never need it."""
    by_name: dict[str, list[TakesRequest]] = defaultdict(list)
    for function in functions:
        by_name[function.name].append(function)
    needs = {function.name for function in functions if function.used} - AUDIT_WRITERS
    changed = True
    while changed:
        changed = False
        for name, defined in by_name.items():
            if name not in needs and name not in AUDIT_WRITERS and any(function.forwarded_to & needs for function in defined):
                needs.add(name)
                changed = True
    return sorted(
        function.where
        for function in functions
        if not function.in_views
        and not function.used
        and not function.forwarded_to & needs
        and (function.keyword_only or function.forwarded_to)  # a gate's unused first argument keeps its shape
    )


def test_no_audit_call_passes_a_request() -> None:
    offences = [call for path in app_modules() for call in audit_calls_with_request(path)]
    assert not offences, "The audit row's page and address come from core.where; drop `request=`:\n" + "\n".join(offences)


def test_no_service_takes_a_request_only_to_hand_it_on() -> None:
    offences = requests_only_handed_on(functions_taking_request(app_modules()))
    assert not offences, "Drop the `request` parameter (core.where gives the audit its page):\n" + "\n".join(offences)


def test_the_checks_catch_a_request_passed_down_for_the_audit(tmp_path: Path) -> None:
    (tmp_path / "shop").mkdir()
    services = tmp_path / "shop" / "services.py"
    services.write_text(
        "from audit.services import record_event\n\n"
        "def sell(*, by, request=None):\n"
        "    _audit(by=by, request=request)\n\n"
        "def _audit(*, by, request=None):\n"
        "    record_event(user=by, action='update', request=request)\n\n"
        "def unused(*, by, request):\n"
        "    return by\n\n"
        "def link(*, request):\n"
        "    return _absolute(request=request)\n\n"
        "def _absolute(*, request):\n"
        "    return request.build_absolute_uri('/')\n"
    )
    assert audit_calls_with_request(services, root=tmp_path) == ["shop/services.py:7 record_event(request=…)"]
    assert requests_only_handed_on(functions_taking_request([services], root=tmp_path)) == [
        "shop/services.py:3 sell",
        "shop/services.py:6 _audit",
        "shop/services.py:9 unused",
    ]
