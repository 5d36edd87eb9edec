"""`make bench` / `python -m bench --sizes small,large`: seed (or reuse) one PostgreSQL database per
size, measure each in its own process, then print the table with ratios and targets and write
bench/results-<size>.json and bench/results.json. Exits 1 when a target is missed."""

from __future__ import annotations

import argparse
import json
import os
import subprocess  # nosec B404: only runs this interpreter with fixed arguments
import sys
import time
from pathlib import Path
from typing import Any

from bench.run_one import END, PAGE, READY
from bench.targets import TARGETS_TEXT, misses, table

ROOT = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")


def database_url(size: str) -> str:
    return os.environ.get(f"BENCH_DATABASE_URL_{size.upper()}", f"{SERVER}/star_bench_{size}")


def ensure_database(url: str) -> None:
    import psycopg

    server, name = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            conn.execute(f'CREATE DATABASE "{name}"')


def _run(args: list[str], url: str) -> None:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "star.settings.local", "DEBUG": "false"}
    subprocess.run([sys.executable, *args], cwd=ROOT, env=env, check=True)  # noqa: S603 (this interpreter, fixed arguments)  # nosec B603: this interpreter, fixed arguments


def _start(args: list[str], url: str) -> subprocess.Popen[str]:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "star.settings.local", "DEBUG": "false"}
    return subprocess.Popen(  # noqa: S603 (this interpreter, fixed arguments)  # nosec B603: this interpreter, fixed arguments
        [sys.executable, *args], cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )


def _answer(worker: subprocess.Popen[str], prefix: str) -> str:
    """The worker's next line that starts with `prefix` (any other output passed on to stderr)."""
    assert worker.stdout is not None
    for line in worker.stdout:
        if line.startswith(prefix):
            return line[len(prefix) :]
        sys.stderr.write(line)
    raise RuntimeError(f"The benchmark worker stopped (exit {worker.wait()})")


def interleaved(workers: dict[str, subprocess.Popen[str]]) -> list[tuple[str, str]]:
    """Each page timed on every size in turn, the first size taking turns too: the machine's speed
    varies over minutes (a shared machine: a page took 2x as long in one minute as the next), and
    timing all of `small` and then all of `large` compared each page at two different speeds."""
    names = {size: json.loads(_answer(worker, READY)) for size, worker in workers.items()}
    order = list(workers)
    asked = []
    for number, name in enumerate(names[order[0]]):
        turn = order[number % len(order) :] + order[: number % len(order)]
        for size in turn:
            worker = workers[size]
            assert worker.stdin is not None
            worker.stdin.write(name + "\n")
            worker.stdin.flush()
            _answer(worker, PAGE)
            asked.append((size, name))
    return asked


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="small,large", help="comma-separated: small, city, large")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per page (after 2 warm-ups)")
    parser.add_argument("--import-rows", type=int, default=100_000)
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed (not only when broken)")
    parser.add_argument("--out-dir", type=Path, default=ROOT / "bench")
    args = parser.parse_args(argv)

    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    seeded: dict[str, float] = {}
    for size in sizes:
        url = database_url(size)
        print(f"==> {size}: {url}", file=sys.stderr, flush=True)
        ensure_database(url)
        _run(["manage.py", "migrate", "--no-input", "-v", "0"], url)
        started = time.monotonic()
        _run(["manage.py", "seed_demo", "--size", size, "--seed", str(args.seed)], url)
        seeded[size] = time.monotonic() - started
    outs = {size: args.out_dir / f"results-{size}.json" for size in sizes}
    command = ["-m", "bench.run_one", "--repeat", str(args.repeat), "--import-rows", str(args.import_rows), "--interleave"]
    workers = {
        size: _start([*command, "--size", size, "--out", str(outs[size]), "--seed-seconds", f"{seeded[size]:.1f}"], database_url(size))
        for size in sizes
    }
    interleaved(workers)
    results: dict[str, dict[str, Any]] = {}
    for size, worker in workers.items():  # then each size's report and import, one at a time
        worker.communicate(f"{END}\n")
        if worker.returncode:
            raise subprocess.CalledProcessError(worker.returncode, worker.args)
        results[size] = json.loads(outs[size].read_text())

    print(table(results))
    found = misses(results)
    summary = {"targets": TARGETS_TEXT, "misses": [str(m) for m in found], "results": results}
    (args.out_dir / "results.json").write_text(json.dumps(summary, indent=2, default=str) + "\n")
    broken = [m for m in found if m.target in {"HTTP 200", "identical"}] or any(r.get("import", {}).get("error") for r in results.values())
    return 1 if broken or (args.strict and found) else 0


if __name__ == "__main__":
    raise SystemExit(main())
