"""Print locust's statistics as a Markdown table: one row per journey step, then the total, with
the server's shape. `make load` prints it; docs/load-and-failure.md records a full run's."""

from __future__ import annotations

import argparse
import csv
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("stats_csv", type=Path)
    parser.add_argument("--workers", default="?")
    parser.add_argument("--threads", default="?")
    parser.add_argument("--users", default="?")
    parser.add_argument("--duration", default="?")
    args = parser.parse_args()
    with args.stats_csv.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    print(f"\n{args.users} users for {args.duration}; gunicorn {args.workers} workers x {args.threads} threads\n")
    print("| step | requests | failures | median ms | p95 ms | requests/s |")
    print("|---|---:|---:|---:|---:|---:|")
    for row in sorted(rows, key=lambda r: (r["Name"] == "Aggregated", r["Name"], r["Type"])):
        name = "**all requests**" if row["Name"] == "Aggregated" else f"{row['Type']} {row['Name']}"
        print(
            f"| {name} | {row['Request Count']} | {row['Failure Count']} | {round(float(row['Median Response Time']))} | "
            f"{row['95%']} | {float(row['Requests/s']):.2f} |"
        )


if __name__ == "__main__":
    main()
