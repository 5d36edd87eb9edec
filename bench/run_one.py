"""Measure the database DATABASE_URL points at and write the results as JSON (run by bench.__main__)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", required=True)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--import-rows", type=int, default=100_000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed-seconds", type=float, default=None)
    # For measuring a fix on a few pages (run directly, with DATABASE_URL set).
    parser.add_argument("--pages", default="", help="comma-separated page names (default: every page)")
    parser.add_argument("--skip-report", action="store_true", help="do not time the quarterly report")
    parser.add_argument(
        "--interleave", action="store_true", help="time pages as asked on stdin, in turn with the other sizes (bench.__main__)"
    )
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "star.settings.local")
    os.environ.setdefault("DEBUG", "false")  # DEBUG keeps every query in memory: not how production runs
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]  # the in-process test Client's host
    import star.wsgi  # noqa: F401  (started as a gunicorn worker is: every view imported, then gc.freeze)
    from bench import measure
    from demo.seeding import bulk_marker

    print(f"  {args.size}: VACUUM (ANALYZE) of the big tables", file=sys.stderr, flush=True)
    vacuum_seconds = measure.settle()
    print(f"  measuring {args.size}: pages x{args.repeat}", file=sys.stderr, flush=True)
    result: dict[str, object] = {
        "vacuum_seconds": vacuum_seconds,
        "size": args.size,
        "marker": bulk_marker(),
        "seed_seconds": args.seed_seconds,
        "machine": measure.machine(),
        "rows": measure.counts(),
        "pages": (
            _pages_in_turn(measure.PageTimer(repeat=args.repeat))
            if args.interleave
            else measure.measure_pages(repeat=args.repeat, only={name.strip() for name in args.pages.split(",") if name.strip()})
        ),
    }
    if not args.skip_report:
        print("  measuring the quarterly report and its SQL", file=sys.stderr, flush=True)
        result["report"] = measure.measure_report(repeat=max(3, args.repeat // 4))
    if args.import_rows:
        print(f"  importing {args.import_rows:,} rows (rolled back afterwards)", file=sys.stderr, flush=True)
        result["import"] = measure.measure_import(rows=args.import_rows)
    args.out.write_text(json.dumps(result, indent=2, default=str) + "\n")
    return 0


READY, PAGE, END = "BENCH-READY ", "BENCH-PAGE ", "end"


def _pages_in_turn(timer: Any) -> dict[str, dict[str, Any]]:
    """Say which pages there are, then time each page named on stdin and answer with its figures,
    until `end`: bench.__main__ asks each size in turn, page by page (`interleaved`)."""
    print(READY + json.dumps(list(timer.pages)), flush=True)
    pages: dict[str, dict[str, Any]] = {}
    for line in sys.stdin:
        name = line.strip()
        if name == END:
            break
        pages[name] = timer.time(name)
        print(PAGE + json.dumps(pages[name]), flush=True)
    return pages


if __name__ == "__main__":
    raise SystemExit(main())
