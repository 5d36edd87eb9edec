"""Run the tests that read the clock at each moment of `make test-clock`, several moments at once.

Each moment is its own pytest run (STAR_TEST_CLOCK is read when pytest starts), so the moments run
side by side, as many at a time as there are workers, rather than each spreading one short run over
every core: one database set-up per moment instead of one per moment per core. The output of a run
is printed whole when it ends, and the exit code is the first failure's (0 when every moment passed).

    python scripts/clock_moments.py --workers 2 2027-01-01T00:30:00+00:00 2026-06-01T09:00:00+01:00
    python scripts/clock_moments.py 2027-01-01T00:30:00+00:00 -- referrals/tests -x
"""

from __future__ import annotations

import argparse
import os
import subprocess  # nosec B404 (runs our own pytest, no shell)
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

MARKERS = "clock and not browser and not failure and not replica"


def run_moment(moment: str, pytest_args: list[str]) -> tuple[str, int, str, float]:
    started = time.monotonic()
    result = subprocess.run(  # noqa: S603  # nosec B603 (our own interpreter, our own arguments, no shell)
        [sys.executable, "-m", "pytest", "-m", MARKERS, "-q", "-p", "no:xdist", *pytest_args],
        env={**os.environ, "STAR_TEST_CLOCK": moment},
        capture_output=True,
        text=True,
        check=False,
    )
    return moment, result.returncode, result.stdout + result.stderr, time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("moments", nargs="+", help="ISO datetimes with their UTC offset")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    argv = sys.argv[1:]
    # Anything after `--` goes to pytest as it is (paths, -k, -x).
    pytest_args = argv[argv.index("--") + 1 :] if "--" in argv else []
    args = parser.parse_args(argv[: argv.index("--")] if "--" in argv else argv)
    for moment in args.moments:
        datetime.fromisoformat(moment)  # a typo in a moment fails here, not as a confusing pytest error
    failed = 0
    with ThreadPoolExecutor(max_workers=max(1, args.workers)) as pool:
        for moment, code, output, seconds in pool.map(lambda m: run_moment(m, pytest_args), args.moments):
            print(f"==> clock {moment} ({seconds:.0f} s)", flush=True)
            print(output.rstrip().splitlines()[-1] if code == 0 and output.strip() else output, flush=True)
            if code and not failed:
                failed = code
    return failed


if __name__ == "__main__":
    sys.exit(main())
