"""The starting training catalogue (practice.md §7): which modules each volunteer role needs
and how long each stays valid. Loaded by a data migration; managers can change it later."""

from __future__ import annotations

from typing import Any

CATALOGUE: list[tuple[str, str, list[str], int | None]] = [
    ("mental-health-awareness", "Mental health awareness", ["lead", "co_facilitator", "welcome", "other"], None),
    ("boundaries", "Boundaries in peer support", ["lead", "co_facilitator", "welcome"], None),
    ("safeguarding", "Safeguarding adults", ["lead", "co_facilitator", "welcome", "other"], 36),
    ("confidentiality", "Confidentiality and data protection", ["lead", "co_facilitator", "welcome", "other"], 24),
    ("wrap-facilitation", "WRAP facilitation", ["co_facilitator"], None),
    ("first-aid", "Emergency first aid", ["lead"], 36),
]


def ensure_catalogue(model: Any) -> None:
    """Add any missing module (safe to run again). `model` is TrainingModule, real or historical."""
    for code, name, roles, months in CATALOGUE:
        model.objects.get_or_create(code=code, defaults={"name": name, "required_for": roles, "valid_for_months": months})
