"""Dead code: functions, classes, methods, properties and imports that nothing uses (`make lint`).

vulture reads every Python file, tests included (a helper only tests use is kept for them), with
its configuration in pyproject.toml ([tool.vulture]: the Django hooks named by convention) and
`vulture_whitelist.py` (what Django, Celery and DRF find by a dotted path in the settings).
A name is also used when a template or a string in the code names it (Jinja2 calls properties and
methods by name; settings name middleware by a dotted path).

Model and form fields, Meta options and settings are left out: Django reads them by name, so
vulture cannot tell a dead one from a live one.
"""

from __future__ import annotations

import ast
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from vulture.config import make_config
from vulture.core import Vulture

ROOT = Path(__file__).resolve().parent.parent
KINDS = {"function", "class", "method", "property", "import", "unreachable_code"}
WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _files(exclude: list[str]) -> Iterator[Path]:
    """Every file of the project, without the folders `exclude` names (.venv, node_modules, …)."""
    skipped = {pattern.strip("/") for pattern in exclude} | {".git"}
    for folder, folders, files in os.walk(ROOT):
        folders[:] = [name for name in folders if name not in skipped]
        yield from (Path(folder) / name for name in files)


def named_elsewhere(exclude: list[str]) -> set[str]:
    """Every word in a template, and every word in a string in the Python code."""
    words: set[str] = set()
    for path in _files(exclude):
        if path.suffix == ".jinja" or (path.suffix in {".html", ".txt"} and {"jinja2", "templates"} & set(path.parts)):
            words |= set(WORD.findall(path.read_text(encoding="utf-8")))
        elif path.suffix == ".py":
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    words |= set(WORD.findall(node.value))
    return words


def main() -> int:
    config = make_config([str(ROOT)])
    vulture = Vulture(ignore_names=config["ignore_names"], ignore_decorators=config["ignore_decorators"])
    vulture.scavenge([str(ROOT), *config["paths"]], exclude=config["exclude"])
    vulture.used_names |= named_elsewhere(config["exclude"])
    dead = [item for item in vulture.get_unused_code(min_confidence=config["min_confidence"]) if item.typ in KINDS]
    for item in dead:
        print(item.get_report())
    return 1 if dead else 0


if __name__ == "__main__":
    sys.exit(main())
