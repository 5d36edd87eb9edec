# Load the Celery app with Django so tasks bind to it (`celery -A star worker` uses it too).
from star.celery import app as celery_app

__all__ = ["celery_app"]
