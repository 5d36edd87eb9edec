"""Insert many rows at once, as `bulk_create` does but without building one huge statement per
few hundred rows: the same columns and values (each prepared by its field's `get_db_prep_save`,
defaults from the field, as bulk_create does), sent with one `executemany` (one query).

`insert_rows` takes plain dicts (field attname -> value; a missing field gets its default), which
skips building a model object per row: for 100,000 rows that object is most of the cost.
`insert_all` takes model objects. Neither gives the objects ids, so use them for rows whose
primary key is set beforehand (a UUID) or never needed back. Values that need no preparing (text
for a text column, a whole number, a true/false, NULL) are passed as they are, which is what
those fields' preparation returns; values that repeat (timestamps, dates, one JSON detail for a
whole list) are prepared once."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import connections, router
from django.db.models import AutoField, BigAutoField, Field, Model, SmallAutoField
from django.utils import timezone

_AS_IS: dict[str, tuple[type, ...]] = {
    **dict.fromkeys(("CharField", "TextField", "EmailField", "SlugField"), (str,)),
    **dict.fromkeys(
        (
            "IntegerField",
            "SmallIntegerField",
            "BigIntegerField",
            "PositiveIntegerField",
            "PositiveSmallIntegerField",
            "PositiveBigIntegerField",
        ),
        (int,),
    ),
    "BooleanField": (bool,),
}
_MEMO = {"DateTimeField", "DateField", "TimeField", "JSONField"}
_MISSING = object()


def _raw(field: Field[Any, Any], rows: Sequence[Mapping[str, Any]]) -> list[Any]:
    attname = field.attname
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        now = timezone.now()
        return [now] * len(rows)
    raw = [row.get(attname, _MISSING) for row in rows]
    if any(value is _MISSING for value in raw):
        if field.has_default() and callable(field.default):
            raw = [field.get_default() if value is _MISSING else value for value in raw]
        else:
            default = field.get_default()
            raw = [default if value is _MISSING else value for value in raw]
    return raw


def _column(field: Field[Any, Any], rows: Sequence[Mapping[str, Any]], connection: Any) -> list[Any]:
    """One column's values for every row, prepared as bulk_create prepares them."""
    raw = _raw(field, rows)
    kind = field.get_internal_type()
    as_is = _AS_IS.get(kind)
    if as_is is not None:
        return [value if value is None or type(value) in as_is else field.get_db_prep_save(value, connection) for value in raw]
    if kind in _MEMO:
        prepared: dict[Any, Any] = {}
        alive = []  # a dict or list is keyed by id(), so it must outlive the loop
        column = []
        for value in raw:
            key = id(value) if isinstance(value, dict | list) else value
            if key not in prepared:
                prepared[key] = field.get_db_prep_save(value, connection)
                alive.append(value)
            column.append(prepared[key])
        return column
    return [field.get_db_prep_save(value, connection) for value in raw]


def insert_rows(model: type[Model], rows: Sequence[Mapping[str, Any]]) -> None:
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    fields = [
        field
        for field in model._meta.concrete_fields
        if not (field.primary_key and isinstance(field, AutoField | BigAutoField | SmallAutoField)) and not field.generated
    ]
    quote = connection.ops.quote_name
    # Table and column names come from the model's own definition, quoted; the values are parameters.
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(str(field.column)) for field in fields)}) "  # noqa: S608  # nosec B608: table and column names from the models or fixed lists, values as parameters
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    params = list(zip(*(_column(field, rows, connection) for field in fields), strict=True))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # PostgreSQL's COPY takes the same prepared values several times faster than INSERTs.
            columns = ", ".join(quote(str(field.column)) for field in fields)
            with cursor.cursor.copy(f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN") as copy:
                for values in params:
                    copy.write_row(values)
        else:
            cursor.executemany(sql, params)


def insert_all(model: type[Model], objects: Sequence[Model]) -> None:
    insert_rows(model, [obj.__dict__ for obj in objects])
