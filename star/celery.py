"""The Celery application, set up the standard Django way: settings named CELERY_* configure it
and each app's `tasks.py` is found automatically. With no broker set (STAR_CELERY_BROKER_URL)
tasks run at once in the process that sends them, so `make run` needs nothing more.

Production settings are the default here, as in `star.wsgi` and `star.asgi`: `star/__init__` imports
this module, so whatever default it sets is what `gunicorn star.wsgi` or `celery -A star worker`
gets when DJANGO_SETTINGS_MODULE is not set. Only `manage.py` defaults to the local settings (for
`make run`); `make worker` passes them explicitly."""

from __future__ import annotations

import os
from contextvars import Token
from typing import Any

from celery import Celery
from celery.signals import task_postrun, task_prerun

from core import where

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "star.settings.production")

app = Celery("star")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

_where_tokens: dict[str, Token[where.Where | None]] = {}


@task_prerun.connect  # type: ignore[untyped-decorator]  # celery has no type hints
def _task_starts(task_id: str | None = None, task: Any = None, **_: Any) -> None:
    """Audit rows written by a task name it (`task:interop.import_run`), unless it runs inside a
    request (no broker: tasks run at once), which keeps the page and address it came from."""
    if where.current() is None and task_id is not None:
        _where_tokens[task_id] = where.start(where.Where(path=f"task:{getattr(task, 'name', 'unknown')}"[:300]))


@task_postrun.connect  # type: ignore[untyped-decorator]  # celery has no type hints
def _task_ends(task_id: str | None = None, **_: Any) -> None:
    token = _where_tokens.pop(task_id, None) if task_id is not None else None
    if token is not None:
        where.finish(token)
