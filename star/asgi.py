"""ASGI entry point (`uvicorn star.asgi:application`): production settings unless told otherwise."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "star.settings.production")

application = get_asgi_application()
