"""Approximate centroids of Birmingham's postcode districts (outward codes), so "near a postcode"
works offline. Distances from these are rough (within a mile or so), which is enough to sort
drop-ins by how near they are. Derived from public open data on district centres."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from django.db.models import Case, F, Value, When
from django.db.models.functions import Left, Length, Replace, Right, Upper
from django.db.models.lookups import GreaterThanOrEqual, In


@dataclass(frozen=True)
class District:
    code: str
    area: str
    latitude: float
    longitude: float


_DISTRICTS = (
    District("B1", "City Centre", 52.4797, -1.9087),
    District("B2", "City Centre", 52.4795, -1.8990),
    District("B3", "City Centre", 52.4833, -1.9005),
    District("B4", "City Centre", 52.4838, -1.8918),
    District("B5", "Digbeth and Highgate", 52.4684, -1.8920),
    District("B6", "Aston", 52.5045, -1.8870),
    District("B7", "Nechells", 52.4925, -1.8780),
    District("B8", "Washwood Heath", 52.4860, -1.8390),
    District("B9", "Bordesley Green", 52.4740, -1.8390),
    District("B10", "Small Heath", 52.4690, -1.8510),
    District("B11", "Sparkhill", 52.4560, -1.8600),
    District("B12", "Balsall Heath", 52.4600, -1.8770),
    District("B13", "Moseley", 52.4370, -1.8830),
    District("B14", "Kings Heath", 52.4130, -1.8830),
    District("B15", "Edgbaston", 52.4640, -1.9200),
    District("B16", "Ladywood", 52.4750, -1.9280),
    District("B17", "Harborne", 52.4590, -1.9560),
    District("B18", "Hockley", 52.4930, -1.9260),
    District("B19", "Lozells", 52.4960, -1.9000),
    District("B20", "Handsworth", 52.5140, -1.9250),
    District("B21", "Handsworth", 52.5060, -1.9440),
    District("B23", "Erdington", 52.5260, -1.8420),
    District("B24", "Erdington", 52.5210, -1.8240),
    District("B25", "Yardley", 52.4670, -1.8160),
    District("B26", "Sheldon", 52.4620, -1.7840),
    District("B27", "Acocks Green", 52.4470, -1.8130),
    District("B28", "Hall Green", 52.4320, -1.8330),
    District("B29", "Selly Oak", 52.4350, -1.9450),
    District("B30", "Stirchley", 52.4180, -1.9280),
    District("B31", "Northfield", 52.4050, -1.9870),
    District("B32", "Quinton", 52.4500, -2.0000),
    District("B33", "Stechford", 52.4810, -1.7820),
    District("B34", "Shard End", 52.4960, -1.7640),
    District("B35", "Castle Vale", 52.5190, -1.7910),
    District("B36", "Hodge Hill", 52.5040, -1.7780),
    District("B37", "Chelmsley Wood", 52.4820, -1.7260),
    District("B38", "Kings Norton", 52.3950, -1.9540),
    District("B42", "Perry Barr", 52.5400, -1.9000),
    District("B43", "Great Barr", 52.5520, -1.9310),
    District("B44", "Kingstanding", 52.5420, -1.8530),
    District("B45", "Rubery", 52.3880, -2.0150),
    District("B47", "Hollywood", 52.3830, -1.8800),
    District("B48", "Alvechurch", 52.3790, -1.9840),
)

DISTRICTS: dict[str, District] = {district.code: district for district in _DISTRICTS}

DIGITS = [str(digit) for digit in range(10)]
_OUTWARD = re.compile(r"^\s*([A-Za-z]{1,2}[0-9][0-9A-Za-z]?)\s*([0-9][A-Za-z]{2})?\s*$")


def outward_code(postcode: str) -> str:
    """ "b13 9ab" → "B13"; a bare district "b13" → "B13"; anything else → ""."""
    compact = postcode.replace(" ", "").upper()
    if len(compact) >= 5 and compact[-3].isdigit():
        return compact[:-3]
    match = _OUTWARD.match(compact)
    return match.group(1).upper() if match else ""


def district_of_postcode(field: str) -> Case:
    """`outward_code(<field>)` in SQL: "b13 9ab" and "B139AB" give "B13", a bare "B13" itself.
    Equal to `outward_code` for ASCII postcodes, which are all a venue can have (the venue form
    normalises them, "B13 9AB"); any other gives a code no district has. Kept on venues as the
    stored column `postcode_district` (indexed), so a change here needs a migration to recompute it."""
    compact = Upper(Replace(F(field), Value(" "), Value("")))
    has_inward = In(Left(Right(compact, 3), 1), DIGITS)
    with_inward = Case(When(has_inward, then=Left(compact, Length(compact) - 3)), default=compact)
    return Case(When(GreaterThanOrEqual(Length(compact), 5), then=with_inward), default=compact)


def district_for(postcode: str) -> District | None:
    return DISTRICTS.get(outward_code(postcode))


def distance_miles(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    radius_miles = 3958.8
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = math.radians(lat2 - lat1), math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * radius_miles * math.asin(math.sqrt(a))


def areas() -> list[str]:
    return sorted({district.area for district in _DISTRICTS})
