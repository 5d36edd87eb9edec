"""`star.settings.load` lets scripted users skip two-factor, so it must only ever run on loopback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from star.load_guard import LoopbackOnlyMiddleware

ROOT = Path(__file__).resolve().parent.parent.parent


def _import_settings(**env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/star_load", **env}
    if "ALLOWED_HOSTS" not in env:
        environment.pop("ALLOWED_HOSTS", None)
    return subprocess.run(
        [sys.executable, "-c", "import star.settings.load as s; print(s.STAR_DEMO_ACCOUNTS_SKIP_TWO_FACTOR, s.DEBUG)"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_on_loopback_demo_accounts_skip_two_factor_with_debug_off() -> None:
    result = _import_settings()
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "False"]


@pytest.mark.parametrize(
    "env",
    [
        {"ALLOWED_HOSTS": "star.example.org"},
        {"DATABASE_URL": "postgres://postgres@db.example.org:5432/star"},
        {"DATABASE_URL": "sqlite:///load.sqlite3"},
    ],
)
def test_anywhere_else_it_refuses_to_start(env: dict[str, str]) -> None:
    result = _import_settings(**env)
    assert result.returncode != 0 and "ImproperlyConfigured" in result.stderr


@pytest.mark.parametrize(("address", "status"), [("127.0.0.1", 200), ("::1", 200), ("192.0.2.10", 403)])
def test_the_server_answers_only_this_machine(address: str, status: int) -> None:
    middleware = LoopbackOnlyMiddleware(lambda request: HttpResponse("ok"))
    assert middleware(RequestFactory().get("/", REMOTE_ADDR=address)).status_code == status
