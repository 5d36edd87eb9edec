"""Accounts and people: each area's workers and the people it supports."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from demo.bulk.base import Base
from demo.bulk.vocabulary import FIRST_NAMES, KNOWN_AS, LANGUAGES, LAST_NAMES, STREETS
from demo.bulk.writing import Row
from people import nhs_number


class PeopleTables(Base):
    """Each area's workers (sign-ins) and the people it supports."""

    def users(self) -> Iterator[Row]:
        joined = self.at(self.start, 9)
        for area in range(self.scale.areas):
            rng = self.rng("users", area)
            ids = []
            for number in range(self.scale.workers_per_area):
                user_id = self.keys.take("accounts_user")
                ids.append(user_id)
                first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                username = f"area{area:03d}-worker{number}-s{self.seed}"
                yield (
                    user_id,
                    "!bulk-seed",
                    username,
                    first,
                    last,
                    f"{username}@example.org",
                    False,
                    False,
                    True,
                    joined,
                    "str_worker",
                    False,
                )
            self.workers.append(ids)

    def people(self) -> Iterator[Row]:
        numbers = self._nhs_numbers()
        days = (self.today - self.start).days
        for area in range(self.scale.areas):
            rng = self.rng("people", area)
            district = f"B{area % 90 + 1}"
            creator = self.workers[area][0]
            for index in range(self.scale.people_per_area):
                given, family = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                language = rng.choice(LANGUAGES)
                has_number = rng.random() < 0.8
                no_home = rng.random() < 0.05
                created = self.at(self.start + timedelta(days=rng.randrange(days)), 10)
                yield (
                    self.person_id(area, index),
                    given,
                    family,
                    KNOWN_AS.get(given, "") if rng.random() < 0.1 else "",
                    rng.choice(["", "she/her", "he/him", "they/them"]),
                    self.today - timedelta(days=rng.randint(18 * 365, 85 * 365)),
                    f"07700 9{rng.randrange(100000):05d}",
                    f"{given.lower()}.{family.lower()}{area}x{index}@example.org" if rng.random() < 0.5 else "",
                    rng.choice(["phone", "email", "text", "letter"]),
                    "" if no_home else f"{rng.randint(1, 300)} {rng.choice(STREETS)}",
                    "",
                    "" if no_home else f"Area {area + 1}",
                    ""
                    if no_home
                    else f"{district} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}",
                    no_home,
                    next(numbers) if has_number else "",
                    "02" if has_number else "07",
                    f"{rng.choice(LAST_NAMES)} Medical Practice",
                    "",
                    language,
                    language != "English" and rng.random() < 0.5,
                    "",
                    f"{rng.choice(FIRST_NAMES)} {family}" if rng.random() < 0.7 else "",
                    rng.choice(["Sister", "Brother", "Friend", "Partner", "Parent"]),
                    f"07700 9{rng.randrange(100000):05d}",
                    created,
                    created,
                    creator,
                )

    def _nhs_numbers(self) -> Iterator[str]:
        prefix = 999_010_000  # above the small demo's synthetic numbers (999 000 0000 onwards)
        while True:
            digits = f"{prefix:09d}"
            prefix += 1
            check = nhs_number.check_digit(digits)
            if check is not None:
                yield f"{digits}{check}"
