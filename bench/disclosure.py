"""Time `core.disclosure.protect` on the dashboard's attendance cube (no database).

`.venv/bin/python -m bench.disclosure [--projects 4,18] [--seeds 1,2,3]`

The cube is built exactly as `reports.figures.published.attendances` builds it (projects × drop-in,
group and all × named, counted and total, for the 12 months, 4 quarters and the financial year: 17
periods), from generated monthly counts shaped like a city's user-led projects: a few busy ones,
several small ones whose groups bring 1 to 4 people a month, and some months a project does not
run. Small numbers are common, so much is hidden and the secondary suppression does real work.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import sys
import time
from datetime import date


def poisson(rng: random.Random, mean: float) -> int:
    """Knuth's method: small means only, which is all this needs."""
    if mean <= 0:
        return 0
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


# (share of projects, named a month, counted a month) by drop-in and group
SIZES = {
    "busy": (0.25, {"drop_in": (40.0, 12.0), "group": (15.0, 2.0)}),
    "small": (0.45, {"drop_in": (6.0, 3.0), "group": (2.5, 0.5)}),
    "tiny": (0.30, {"drop_in": (1.5, 1.0), "group": (0.8, 0.2)}),
}


def monthly_counts(projects: list[str], months: list[date], rng: random.Random) -> dict[date, dict[str, int]]:
    from reports.figures.published import add_attendance

    monthly: dict[date, dict[str, int]] = {}
    names = list(SIZES)
    weights = [SIZES[name][0] for name in names]
    for project in projects:
        size = SIZES[rng.choices(names, weights)[0]][1]
        runs_groups = rng.random() < 0.7
        for month in months:
            if rng.random() < 0.08:  # a month the project did not run (holiday, venue closed)
                continue
            for kind, (named, counted) in size.items():
                if kind == "group" and not runs_groups:
                    continue
                add_attendance(monthly, month, project, kind, "named", poisson(rng, named))
                add_attendance(monthly, month, project, kind, "headcount", poisson(rng, counted))
    return monthly


def measure(projects: int, seed: int) -> tuple[float, float, int, int, int]:
    from core.periods import month_of, year_of
    from reports.figures.published import attendance_cube

    year = year_of(date(2025, 4, 1))
    months = [month_of(date(2025 + (4 + m > 12), (3 + m) % 12 + 1, 1)).start for m in range(12)]
    rng = random.Random(seed)  # noqa: S311  # nosec B311 (generated figures for a benchmark, not secrets)
    names = [str(1000 + n) for n in range(projects)]
    monthly = monthly_counts(names, months, rng)
    started, cpu = time.perf_counter(), time.process_time()
    cube = attendance_cube(year, monthly, names)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    primary = sum(1 for value in cube.values.values() if 0 < value < 5)
    return seconds, cpu, len(cube.values), primary, len(cube.hidden)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--projects", default="4,18", help="comma-separated project counts")
    parser.add_argument("--seeds", default="1,2,3", help="comma-separated seeds (one cube each)")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "star.settings.test")
    import django

    django.setup()
    from core import disclosure

    print(f"threshold {disclosure.threshold()}", file=sys.stderr)
    print(f"{'projects':>8} {'seed':>4} {'cells':>6} {'small':>6} {'hidden':>6} {'wall s':>8} {'CPU s':>8}")
    for projects in [int(p) for p in args.projects.split(",") if p]:
        walls, cpus = [], []
        for seed in [int(s) for s in args.seeds.split(",") if s]:
            seconds, cpu, cells, primary, hidden = measure(projects, seed)
            walls.append(seconds)
            cpus.append(cpu)
            print(f"{projects:>8} {seed:>4} {cells:>6} {primary:>6} {hidden:>6} {seconds:>8.2f} {cpu:>8.2f}", flush=True)
        print(
            f"{projects:>8} {'max':>4} {'':>6} {'':>6} {'':>6} {max(walls):>8.2f} {max(cpus):>8.2f}  (median CPU {statistics.median(cpus):.2f})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
