"""Rows that are written once and never changed or removed: the audit trail and every status
history. Refused at the model and the queryset; the audit table is also guarded in the database."""

from __future__ import annotations

from typing import Any, NoReturn, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


class HistoryIsAppendOnly(Exception):
    """Raised on any attempt to change or remove a row of history."""


class AppendOnlyQuerySet(models.QuerySet[M]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise HistoryIsAppendOnly("History cannot be changed.")

    def delete(self) -> NoReturn:
        raise HistoryIsAppendOnly("History cannot be deleted.")


class AppendOnlyModel(models.Model):
    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise HistoryIsAppendOnly("History cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise HistoryIsAppendOnly("History cannot be deleted.")
