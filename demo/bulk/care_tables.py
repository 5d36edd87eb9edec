"""Care: referrals, episodes, caseloads, contacts and measurements."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from demo.bulk.base import Base
from demo.bulk.vocabulary import (
    CLOCKS,
    CONTACT_MODES,
    CONTACT_OUTCOMES,
    CONTACT_WORK,
    DECISION_STATUS,
    DECISIONS,
    FIRST_NAMES,
    LAST_NAMES,
    MEASURE_EVERY,
    MEASURES,
    MINUTES,
    REASONS,
    SOURCES,
)
from demo.bulk.writing import Row


class CareTables(Base):
    """Referrals, the episodes of 1-to-1 support that follow, caseloads, contacts and measurements."""

    def referrals(self) -> Iterator[Row]:
        """One referral for most people over five years; triage and allocation follow it."""
        days = (self.today - self.start).days
        for area in range(self.scale.areas):
            rng = self.rng("referrals", area)
            workers = self.workers[area]
            for index in range(self.scale.people_per_area):
                if rng.random() >= self.scale.referral_rate:
                    continue
                referral_id = self.keys.take("referrals_referral")
                received = self.at(self.start + timedelta(days=rng.randrange(days)), rng.randint(9, 16), rng.choice([0, 15, 30, 45]))
                source = rng.choice(SOURCES)
                urgency = rng.choice(["routine"] * 6 + ["soon", "soon", "urgent"])
                fresh = received > self.now - timedelta(days=10)
                status, decision, complexity, triaged, allocated, worker = "awaiting_triage", "", None, None, None, None
                if not (fresh and rng.random() < 0.6):
                    decision = rng.choice(DECISIONS)
                    complexity = rng.randint(1, 4)
                    triaged = min(received + timedelta(days=rng.randint(0, 5), hours=1), self.now - timedelta(minutes=5))
                    status = DECISION_STATUS.get(decision, "waiting")
                    if decision == "enablement":
                        allocated = triaged + timedelta(days=rng.randint(0, 28))
                        if allocated < self.now:
                            status, worker = "allocated", workers[rng.randrange(len(workers))]
                            started = allocated.astimezone(self.zone).date()
                            weeks = rng.randint(8, 30)
                            ended = started + timedelta(weeks=weeks)
                            self.episodes.append((area, index, referral_id, worker, started, ended if ended <= self.today else None))
                        else:
                            allocated = None
                by_self = source == "self"
                yield (
                    referral_id,
                    source,
                    "" if by_self else f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                    "" if by_self else "Support worker",
                    "" if by_self else "Local health and care",
                    "" if by_self else "0121 496 0001",
                    rng.choice(REASONS),
                    "" if by_self else "Would benefit from community support.",
                    True,
                    False,
                    "",
                    urgency,
                    received,
                    status,
                    complexity,
                    False if triaged else None,
                    False if triaged else None,
                    False if triaged else None,
                    False if triaged else None,
                    "",
                    decision,
                    "",
                    "",
                    triaged,
                    allocated,
                    None,
                    "",
                    worker,
                    None,
                    self.person_id(area, index),
                    workers[0] if triaged else None,
                    None,
                    None,
                    "",
                )

    def episode_rows(self) -> Iterator[Row]:
        for number, (area, index, referral_id, worker, started, ended) in enumerate(self.episodes):
            episode_id = self.keys.next["enablement_episode"] + number
            planned_end = started + timedelta(weeks=16)
            review = None
            if ended is None:
                review = started + timedelta(weeks=6)
                while review < self.today:
                    review += timedelta(weeks=6)
            yield (
                episode_id,
                "ended" if ended else "open",
                started,
                16,
                max(planned_end, started),
                6,
                review,
                ended,
                self.happened(started, 9),
                worker,
                self.person_id(area, index),
                referral_id,
                worker,
            )

    def caseload_rows(self) -> Iterator[Row]:
        for area, index, _referral, worker, started, ended in self.episodes:
            if ended is None:
                yield (
                    self.keys.take("people_caseloadentry"),
                    "allocation",
                    self.happened(started, 9),
                    None,
                    None,
                    None,
                    worker,
                    self.person_id(area, index),
                )

    def contact_rows(self) -> Iterator[Row]:
        """About ten contacts an episode, every 7 to 19 days. Five million rows: `rng.random()`
        only (randint and choices cost several times more), ids counted locally."""
        first_episode = self.keys.next["enablement_episode"]
        next_id = self.keys.next["enablement_contact"]
        rng = self.rng("contacts")
        random = rng.random
        yesterday = self.today - timedelta(days=1)
        for number, (area, index, _referral, worker, started, ended) in enumerate(self.episodes):
            person = self.person_id(area, index)
            episode = first_episode + number
            last = min(ended or yesterday, yesterday)  # today's contacts may not have happened yet
            day = started + timedelta(days=int(random() * 7))
            while day <= last:
                outcome = CONTACT_OUTCOMES[int(random() * len(CONTACT_OUTCOMES))]
                attended = outcome == "attended"
                hour = 9 + int(random() * 8)
                yield (
                    next_id,
                    day,
                    CLOCKS[hour],
                    MINUTES[int(random() * 4)] if attended else 0,
                    CONTACT_MODES[int(random() * len(CONTACT_MODES))],
                    "",
                    "Just us",
                    CONTACT_WORK[int(random() * len(CONTACT_WORK))] if attended else "",
                    outcome,
                    datetime.combine(day, CLOCKS[hour + 2], tzinfo=self.zone),
                    person,
                    worker,
                    worker,
                    episode,
                )
                next_id += 1
                day += timedelta(days=7 + int(random() * 13))
        self.keys.next["enablement_contact"] = next_id

    def _band(self, code: str, score: int) -> str:
        return next((band["label"] for band in self.bands[code] if band["min"] <= score <= band["max"]), "")

    def measurement_rows(self) -> Iterator[Row]:
        """PHQ-9 and GAD-7 at the start and end of episodes. Two million rows on `large`: the
        answers' JSON from ready-made `"item": answer` pieces, bands looked up once per score."""
        # Cumulative weights of the answers 0..3 (what `choices` makes of (1, 3, 4, 2) and
        # (3, 4, 2, 1)): worse at the start than at the end.
        weights = {True: (1, 4, 8, 10), False: (3, 7, 9, 10)}
        pieces = [[f'"{item}": {answer}' for answer in range(4)] for item in range(1, 10)]
        bands = {(code, score): self._band(code, score) for code, items in MEASURES for score in range(3 * items + 1)}
        for number, (area, index, _referral, worker, started, ended) in enumerate(self.episodes):
            rng = self.rng("measures", number)  # not the database's ids, which differ between runs
            person = self.person_id(area, index)
            for code, items in MEASURES:
                if rng.random() >= MEASURE_EVERY[code]:
                    continue
                for first, day in ((True, started), (False, ended)):
                    if day is None:
                        continue
                    answers = rng.choices((0, 1, 2, 3), cum_weights=weights[first], k=items)
                    score = sum(answers)
                    when = self.happened(day, 11)
                    yield (
                        self.keys.take("outcomes_measurement"),
                        "complete",
                        "with_worker",
                        day,
                        "{" + ", ".join([pieces[item][value] for item, value in enumerate(answers)]) + "}",
                        "{}",
                        score,
                        score,
                        bands[code, score],
                        when,
                        when,
                        worker,
                        worker,
                        self.instruments[code],
                        person,
                        None,
                    )
