"""`gunicorn star.wsgi`, an ASGI server and `celery -A star` get the production settings unless told
otherwise (issue 14, item 10), and production settings fail loudly, naming what is missing, rather
than run with DEBUG on."""

from __future__ import annotations

import json
import os
import subprocess  # nosec B404: runs this project's own interpreter on fixed code
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
LEAKED = ("STAR_", "DJANGO_", "SECRET_KEY", "ALLOWED_HOSTS", "DEBUG")


def _run(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(LEAKED)}
    environment.update(env)
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, check=False)  # noqa: S603


REPORT = (
    "from django.conf import settings; import json, os; "
    "print(json.dumps([os.environ['DJANGO_SETTINGS_MODULE'], settings.DEBUG, settings.STAR_DEMO_ACCOUNTS_SKIP_TWO_FACTOR]))"
)


@pytest.mark.parametrize("entry_point", ["import star.wsgi", "import star.asgi", "import star, django; django.setup()"])
def test_entry_points_default_to_production_settings(entry_point: str) -> None:
    result = _run(f"{entry_point}; {REPORT}", SECRET_KEY="k" * 60, ALLOWED_HOSTS="star.example.org")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == ["star.settings.production", False, False]


@pytest.mark.parametrize("entry_point", ["import star.wsgi", "import star.asgi"])
def test_without_a_secret_key_the_server_refuses_to_start_and_says_why(entry_point: str) -> None:
    result = _run(entry_point, ALLOWED_HOSTS="star.example.org")
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_without_allowed_hosts_the_server_refuses_to_start_and_says_why() -> None:
    result = _run("import star.wsgi", SECRET_KEY="k" * 60)
    assert result.returncode != 0
    assert "Set the ALLOWED_HOSTS environment variable" in result.stderr


def test_manage_py_still_defaults_to_local_settings_for_make_run() -> None:
    result = _run("import runpy, sys; sys.argv = ['manage.py', 'diffsettings']; runpy.run_path('manage.py', run_name='__main__')")
    assert result.returncode == 0, result.stderr
    assert "STAR_DEMO_ACCOUNTS_SKIP_TWO_FACTOR = True" in result.stdout


def test_a_gunicorn_worker_starts_with_its_views_imported_and_frozen_out_of_the_collectors_sight() -> None:
    """star.wsgi imports every view through the URL patterns, then `gc.freeze()`: a full collection
    in a request no longer walks what start-up made (100 ms on `large` for the request that met it)."""
    code = "import gc, sys, star.wsgi; print(gc.get_freeze_count(), 'people.views.search' in sys.modules)"
    result = _run(code, SECRET_KEY="k" * 60, ALLOWED_HOSTS="star.example.org")
    assert result.returncode == 0, result.stderr
    frozen, views = result.stdout.split()[-2:]
    assert int(frozen) > 100_000 and views == "True"
