"""Insert many rows at once, as `bulk_create` does but without building one huge statement per
few hundred rows: the same columns and values (each prepared by its own field's `pre_save` and
`get_db_prep_save`, as bulk_create does), sent with one `executemany` (one query). Values that
need no preparing (text for a text column, a whole number for a number column, a true/false for
a boolean, NULL) are passed as they are, which is what those fields' preparation returns.

For objects whose primary key is set beforehand (a UUID) or never needed back: the objects are
not given their new ids. Several times faster than bulk_create for tens of thousands of rows
(the old system's data import, the audit events of a long list)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import connections, router
from django.db.models import AutoField, BigAutoField, Field, Model, SmallAutoField

_AS_IS: dict[str, tuple[type, ...]] = {
    **dict.fromkeys(("CharField", "TextField", "EmailField", "SlugField"), (str,)),
    **dict.fromkeys(
        ("IntegerField", "SmallIntegerField", "BigIntegerField", "PositiveIntegerField", "PositiveSmallIntegerField", "PositiveBigIntegerField"),
        (int,),
    ),
    "BooleanField": (bool,),
}


def _preparer(field: Field[Any, Any], connection: Any) -> Callable[[Model], Any]:
    attname = field.attname
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return lambda obj: field.get_db_prep_save(field.pre_save(obj, True), connection)
    as_is = _AS_IS.get(field.get_internal_type(), ())

    def prepare(obj: Model) -> Any:
        value = obj.__dict__[attname]
        if value is None or type(value) in as_is:
            return value
        return field.get_db_prep_save(value, connection)

    return prepare


def insert_all(model: type[Model], objects: Sequence[Model]) -> None:
    if not objects:
        return
    connection = connections[router.db_for_write(model)]
    fields = [
        field
        for field in model._meta.concrete_fields
        if not (field.primary_key and isinstance(field, AutoField | BigAutoField | SmallAutoField))
    ]
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(field.column) for field in fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    preparers = [_preparer(field, connection) for field in fields]
    params = [tuple(prepare(obj) for prepare in preparers) for obj in objects]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
