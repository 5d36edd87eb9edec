from __future__ import annotations

from decimal import Decimal

import pytest

from core.money import pounds


@pytest.mark.parametrize(
    ("pence", "shown"),
    [
        (0, "£0.00"),
        (5, "£0.05"),
        (123456, "£1,234.56"),
        (-150, "-£1.50"),
        (Decimal("1234.5"), "£12.35"),
        (Decimal("0.4"), "£0.00"),
        (None, "Not available"),
    ],
)
def test_pounds(pence: int | Decimal | None, shown: str) -> None:
    assert pounds(pence) == shown
