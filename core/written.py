"""Bulk writes (bulk_create, a QuerySet's update) send no model signals. The code that makes one
says so here, and the apps that keep figures from raw rows (the reports' figures store) listen.
It lives in core so that a domain app can say it without importing the apps that read across it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import models
from django.dispatch import Signal

# sender: the model; rows: the list of rows written.
bulk_written = Signal()
# spans: (first, last) days whose raw rows changed; None at either end leaves it open.
days_changed = Signal()


def rows_written(model: type[models.Model], rows: Iterable[models.Model]) -> None:
    """Say that these rows of `model` were written in bulk (in the caller's transaction)."""
    bulk_written.send(sender=model, rows=list(rows))


def dates_changed(*spans: tuple[date | None, date | None]) -> None:
    """Say that raw rows dated in these spans changed, where no row says it itself."""
    if spans:
        days_changed.send(sender=None, spans=spans)
