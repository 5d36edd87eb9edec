"""Imports run one way, down the layers written in docs/development.md. This test reads every import
in app code (those inside functions and under `if TYPE_CHECKING:` too; tests and migrations
aside) and fails on one that runs up a layer, or that runs sideways within a layer without a
declared pair below."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

# Each layer imports only from the layers before it, and from its own layer through ALLOWED_PAIRS.
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"core"}),  # domain-free building blocks: no app at all
    frozenset({"submissions"}),  # saving once and edit conflicts: every form in every app uses it
    frozenset(
        {"accounts", "audit", "people", "notifications", "downloads"}
    ),  # who may do what, the audit trail, the person, messages, files prepared in the background
    frozenset(
        {
            "referrals",
            "enablement",
            "appointments",
            "plans",
            "safeguarding",
            "community",
            "outcomes",
            "volunteers",
            "involvement",
            "documents",
            "choices",
            "hub",
            "questions",
        }
    ),
    frozenset({"portal", "reports", "interop", "records", "casesearch"}),  # the apps that read across the domain apps
    frozenset({"star", "demo", "bench"}),  # the project, synthetic data and benchmarks
)

# Sideways imports within a layer, (importer, imported), each with its reason. One way only: a
# pair and its reverse are never both allowed, except accounts and audit (see its reason).
ALLOWED_PAIRS: dict[tuple[str, str], str] = {
    ("accounts", "audit"): "sign-in, two-factor and account changes are audited",
    ("audit", "accounts"): "an audit row names its user, and the trail page is gated by a capability",
    ("people", "accounts"): "a person's record is gated by the user's role and relationships",
    ("people", "audit"): "every read and write of a person is audited",
    ("notifications", "people"): "a message goes to a person by the way they prefer, if they consented to it",
    ("notifications", "accounts"): "messages to staff accounts; its pages are gated by capabilities",
    ("notifications", "audit"): "every message sent (or not) is audited",
    ("downloads", "accounts"): "a prepared file belongs to the user who asked for it, and is gated by their capabilities",
    ("downloads", "audit"): "asking for a file and every download of it are audited",
    ("referrals", "enablement"): "allocating a referral opens the person's 1-to-1 episode",
    ("referrals", "questions"): "the referral forms ask the service's own questions and the referral's page shows the answers",
    ("enablement", "questions"): "the contact form asks the service's own questions and the episode's page shows the answers",
    ("enablement", "community"): "a move-on names a project; the episode shows its step-down sessions",
    ("enablement", "plans"): "an episode's reviews rate the goals of the person's plan",
    ("enablement", "hub"): "a move-on can name a service in the resource hub, recorded as a signposting with its follow-up",
    ("appointments", "enablement"): "an appointment belongs to an open episode and becomes one of its contacts",
    ("outcomes", "enablement"): "measures are linked to contacts; measure prompts register with enablement.prompts",
    ("outcomes", "community"): "cohorts of people who attend a project",
    ("volunteers", "community"): "volunteers are rostered on community sessions and projects",
    ("volunteers", "enablement"): "the figures on members who go on to volunteer",
    ("volunteers", "referrals"): "the figures on members who go on to volunteer",
    ("documents", "enablement"): "a document may be about one of the person's 1-to-1 episodes, reached through its gate",
    ("documents", "referrals"): "a document may be about one of the person's referrals (a GP's referral letter), reached through its gate",
    ("documents", "safeguarding"): "a document may be about one of the person's safeguarding concerns, reached through its gate",
    ("choices", "volunteers"): "budget receipts get the same file checks as volunteers' expense receipts",
    ("choices", "plans"): "a work goal can sit alongside a goal in the person's plan",
    ("choices", "documents"): "a spending's receipt is a document on the person's record (virus check, gated download, subject access)",
    ("hub", "community"): "distance from a postcode uses the directory's postcode district centres",
    ("portal", "records"): "a member downloads everything held about them",
    ("portal", "interop"): "a member sees each time their crisis plan was sent, and to whom",
    ("interop", "casesearch"): "old contacts' notes are searchable, and an import indexes the notes it brings in",
    ("bench", "demo"): "benchmarks measure pages on the demo's data sets",
    ("bench", "star"): "benchmarks start as a gunicorn worker does (star.wsgi: views imported, gc.freeze)",
}

# Imports that break the rules today and are waiting to be fixed: (importer, imported) → reason.
# Keep this empty; an entry here is a debt with a named owner, not a permission.
EXCEPTIONS: dict[tuple[str, str], str] = {}

APPS = frozenset().union(*LAYERS)


def layer_of(app: str) -> int:
    return next(index for index, layer in enumerate(LAYERS) if app in layer)


def app_code() -> list[Path]:
    found = []
    for app in sorted(APPS):
        for path in (ROOT / app).rglob("*.py"):
            parts = path.relative_to(ROOT).parts
            if "tests" in parts or "migrations" in parts:
                continue
            found.append(path)
    return found


def imported_apps(path: Path) -> list[tuple[int, str]]:
    """(line, app) for every import of a first-party app in the module, wherever it is written."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found.extend((node.lineno, name.split(".")[0]) for name in names if name.split(".")[0] in APPS)
    return found


def offences(path: Path, root: Path = ROOT) -> list[str]:
    importer = path.relative_to(root).parts[0]
    found = []
    for line, imported in imported_apps(path):
        if imported == importer or (importer, imported) in EXCEPTIONS:
            continue
        mine, theirs = layer_of(importer), layer_of(imported)
        if theirs > mine:
            found.append(f"{path.relative_to(root)}:{line} {importer} imports {imported}, a layer above it")
        elif theirs == mine and (importer, imported) not in ALLOWED_PAIRS:
            found.append(f"{path.relative_to(root)}:{line} {importer} imports {imported} (same layer, not a declared pair)")
    return found


def test_every_app_has_a_layer() -> None:
    packages = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert packages <= APPS, f"Put these apps in a layer in star/tests/test_layers.py: {sorted(packages - APPS)}"


def test_imports_run_down_the_layers() -> None:
    found = [offence for path in app_code() for offence in offences(path)]
    assert not found, "Imports must run down the layers (docs/development.md):\n" + "\n".join(found)


def test_declared_pairs_run_one_way() -> None:
    two_way = {(a, b) for a, b in ALLOWED_PAIRS if (b, a) in ALLOWED_PAIRS} - {("accounts", "audit"), ("audit", "accounts")}
    assert not two_way
    for importer, imported in [*ALLOWED_PAIRS, *EXCEPTIONS]:
        assert layer_of(importer) == layer_of(imported) or (importer, imported) in EXCEPTIONS


def test_declared_pairs_and_exceptions_are_still_needed() -> None:
    used = {(path.relative_to(ROOT).parts[0], app) for path in app_code() for _, app in imported_apps(path)}
    stale = sorted(pair for pair in [*ALLOWED_PAIRS, *EXCEPTIONS] if pair not in used)
    assert not stale, f"Remove these pairs from star/tests/test_layers.py, nothing imports that way now: {stale}"


def test_the_check_catches_an_import_inside_a_function(tmp_path: Path) -> None:
    module = tmp_path / "people" / "views.py"
    module.parent.mkdir()
    module.write_text("def v(request):\n    from records.rectification import amended_fields\n    return amended_fields\n")
    assert offences(module, root=tmp_path) == ["people/views.py:2 people imports records, a layer above it"]


def test_the_check_catches_an_undeclared_pair(tmp_path: Path) -> None:
    module = tmp_path / "plans" / "services.py"
    module.parent.mkdir()
    module.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from safeguarding.models import Concern\n")
    assert offences(module, root=tmp_path) == ["plans/services.py:3 plans imports safeguarding (same layer, not a declared pair)"]
