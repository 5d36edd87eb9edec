"""A private PostgreSQL cluster in a temporary folder on a free port, and the app served by
gunicorn against it, for tests that stop and restart the database. Never the shared server."""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _postgres_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parent.parent.name))
    if not found:
        raise RuntimeError("PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin")
    return Path(found[-1]).parent


class PrivatePostgres:
    """initdb + pg_ctl. PostgreSQL will not run as root, so as root the cluster belongs to the
    `postgres` system user. fsync is off to make set-up quick: that only matters if the machine
    itself crashes; commits are still written before they are acknowledged
    (synchronous_commit stays on), so stopping or killing PostgreSQL loses nothing acknowledged."""

    def __init__(self) -> None:
        self.bin = _postgres_bin()
        self.root = Path(tempfile.mkdtemp(prefix="star-private-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self._owner = pwd.getpwnam("postgres") if os.geteuid() == 0 else None
        if self._owner is not None:
            os.chown(self.root, self._owner.pw_uid, self._owner.pw_gid)

    def _demote(self) -> None:
        if self._owner is not None:
            os.setgid(self._owner.pw_gid)
            os.setuid(self._owner.pw_uid)

    def _run(self, *args: str) -> None:
        subprocess.run(args, check=True, preexec_fn=self._demote, cwd=self.root, capture_output=True)  # noqa: S603

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def init(self) -> None:
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100"
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "postgres.log"), "-o", options, "-w", "start")

    def stop(self, mode: str = "fast") -> None:
        """fast: roll back open transactions and shut down cleanly; immediate: like a crash."""
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def init_as_replica_of(self, primary: PrivatePostgres) -> None:
        """A streaming replica: a base backup of the primary with `-R`, so it starts as a hot
        standby following the primary (initdb's trust rules already allow replication from
        127.0.0.1)."""
        self._run(
            str(self.bin / "pg_basebackup"),
            "-h",
            "127.0.0.1",
            "-p",
            str(primary.port),
            "-U",
            "postgres",
            "-D",
            str(self.data),
            "-R",
            "-X",
            "stream",
        )

    def create_database(self, name: str) -> None:
        self._run(str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name)

    def destroy(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


def app_environment(database_url: str) -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "star.settings.load"}
    env.pop("PYTEST_XDIST_WORKER", None)
    return env


def manage(database_url: str, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], check=True, cwd=ROOT, env=app_environment(database_url), capture_output=True)  # noqa: S603


class Gunicorn:
    def __init__(self, database_url: str, log: Path, workers: int = 2, threads: int = 4) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = log
        self._log_file = log.open("w")
        self.process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "star.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--threads",
                str(threads),
                "--access-logfile",
                "-",
                "--no-control-socket",
            ],
            cwd=ROOT,
            env=app_environment(database_url),
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
        )
        wait_until(lambda: requests.get(f"{self.base}/sign-in/", timeout=2).status_code == 200, seconds=30)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)
        self._log_file.close()


def wait_until(check: Callable[[], bool], *, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            if check():
                return
        except requests.RequestException:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError("gave up waiting")
        time.sleep(0.2)
