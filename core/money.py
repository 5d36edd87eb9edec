"""Money for display. Amounts are held in pence (whole or, for unit costs, fractional) and shown as
pounds and pence with thousands separators: 123456 → "£1,234.56", -150 → "-£1.50".

None means there is nothing to show (a unit cost with nothing to divide by): "Not available".
No caller holds a missing amount that means nothing was spent; that is 0, "£0.00"."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

NOT_AVAILABLE = "Not available"


def pounds(pence: int | Decimal | None) -> str:
    if pence is None:
        return NOT_AVAILABLE
    value = (Decimal(pence) / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    return f"{sign}£{abs(value):,.2f}"
