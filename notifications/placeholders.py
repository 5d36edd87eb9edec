"""((Placeholders)) as GOV.UK Notify writes them in its templates."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

PLACEHOLDER = re.compile(r"\(\(([A-Za-z0-9_ ]+)\)\)")


class MissingPersonalisation(ValueError):
    pass


def placeholders_in(*texts: str) -> list[str]:
    found: list[str] = []
    for text in texts:
        for name in PLACEHOLDER.findall(text):
            if name not in found:
                found.append(name)
    return found


def fill(text: str, values: Mapping[str, Any]) -> str:
    """Put the values in; a placeholder with no value is an error, as it is for Notify."""
    missing = [name for name in placeholders_in(text) if name not in values]
    if missing:
        raise MissingPersonalisation(f"Missing personalisation: {', '.join(missing)}")
    return PLACEHOLDER.sub(lambda found: str(values[found.group(1)]), text)
