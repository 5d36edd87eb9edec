"""Decision records are numbered once each: `docs/adr/NNNN-name.md`, headed `# N. Title`."""

from __future__ import annotations

import re
from pathlib import Path

ADR = Path(__file__).resolve().parent.parent.parent / "docs" / "adr"


def test_every_decision_record_has_its_own_number() -> None:
    numbers: dict[int, str] = {}
    for path in sorted(ADR.glob("*.md")):
        match = re.match(r"^(\d{4})-[a-z0-9-]+\.md$", path.name)
        assert match, f"{path.name}: name it NNNN-what-was-decided.md with the next free number"
        number = int(match.group(1))
        assert number not in numbers, f"{path.name} and {numbers[number]} share the number {number}"
        numbers[number] = path.name
        heading = path.read_text(encoding="utf-8").splitlines()[0]
        assert heading.startswith(f"# {number}. "), f"{path.name}: the heading should start '# {number}. '"
    assert sorted(numbers) == list(range(1, len(numbers) + 1)), "Number decision records 1, 2, 3… with no gaps"
