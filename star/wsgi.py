"""WSGI entry point for gunicorn: `gunicorn star.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "star.settings.production")

application = get_wsgi_application()
