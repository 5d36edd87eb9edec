"""Database sessions that wait out a busy SQLite database instead of failing the request.

Django saves the session after the view, in SessionMiddleware's response handling; if SQLite stays
locked past its busy timeout there, the save raises, Django turns it into `SessionInterrupted` and
the person gets a 400 for a contact that was in fact saved. A session write is small and can be
repeated safely, so it is tried again a few times (on PostgreSQL this never triggers)."""

from __future__ import annotations

import logging
import time

from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import OperationalError

from core.views import is_database_busy

log = logging.getLogger("star.database")

ATTEMPTS = 4


class SessionStore(DatabaseSessionStore):
    def save(self, must_create: bool = False) -> None:
        for attempt in range(1, ATTEMPTS + 1):
            try:
                super().save(must_create=must_create)
                return
            except (OperationalError, UpdateError) as error:
                # An update that failed is raised as UpdateError with the database error behind it;
                # one for a session deleted meanwhile (signed out elsewhere) has none, and stands.
                busy = is_database_busy(error) or is_database_busy(error.__context__)
                if not busy or attempt == ATTEMPTS:
                    raise
                log.warning("Database locked while saving a session; trying again (%s of %s)", attempt + 1, ATTEMPTS)
                time.sleep(0.05 * attempt)
