"""The Celery application, set up the standard Django way: settings named CELERY_* configure it
and each app's `tasks.py` is found automatically. With no broker set (STAR_CELERY_BROKER_URL)
tasks run at once in the process that sends them, so `make run` needs nothing more.

Production settings are the default here, as in `star.wsgi` and `star.asgi`: `star/__init__` imports
this module, so whatever default it sets is what `gunicorn star.wsgi` or `celery -A star worker`
gets when DJANGO_SETTINGS_MODULE is not set. Only `manage.py` defaults to the local settings (for
`make run`); `make worker` passes them explicitly."""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "star.settings.production")

app = Celery("star")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
