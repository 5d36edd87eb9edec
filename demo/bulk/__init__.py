"""The `city` and `large` data sets: bulk rows on top of the small demo, streamed into the database.

The small demo (staff sign-ins, its projects, venues and people) stays the base. This module adds
"areas": each area is a town's worth of people with its own workers, projects, venues, activities
and weekly sessions, and five years of referrals, episodes, contacts, measurements and
attendances. `city` is one area; `large` is 200 (a national shared instance).

Rows are generated in Python from `random.Random` instances seeded per area and per table, so the
same seed gives the same data (dates are relative to the day of seeding), and written with
PostgreSQL's COPY (about a million rows every few seconds) or, on SQLite, `executemany` (only
city-sized sets). On PostgreSQL the load runs in one transaction with foreign-key triggers off
(`session_replication_role = replica`: every key is generated from rows written earlier) and the
secondary indexes of the bulk tables dropped, then rebuilt and analysed. See docs/performance.md.

Realism rules the pages rely on: each area has 8 workers, so a worker's open caseload stays
around 20 people; a person has at most one open episode; only past, not cancelled sessions have
attendances; demo sign-ins (worker, worker2, ...) keep their small demo caseloads.

Where things are: `scale` (how big: areas and what each holds), `vocabulary` (the words and shares
rows are drawn from), `writing` (the bulk tables and a writer for each database), `columns`, `base`
(seed, clock and what earlier tables recorded), a module for each family of tables
(`people_tables`, `community_tables`, `care_tables`), and `loading` (`load`, `analyse`, and the
`Generator` that writes every table in foreign-key order).
"""

from demo.bulk.loading import Generator, analyse, load
from demo.bulk.scale import SCALES, Scale, regions
from demo.bulk.vocabulary import FIRST_NAMES, LAST_NAMES
from demo.bulk.writing import BULK_TABLES, DERIVED_TABLES, UUID_KEYED

__all__ = [
    "BULK_TABLES",
    "DERIVED_TABLES",
    "FIRST_NAMES",
    "LAST_NAMES",
    "SCALES",
    "UUID_KEYED",
    "Generator",
    "Scale",
    "analyse",
    "load",
    "regions",
]
