"""The name search's order held in an index on PostgreSQL (people/name_order.py): family name, then
given name, case ignored, in code point order ("C"), then id. A manager's search by the first
letters of a family name walks it from the first match and stops after a page, rather than
finding and sorting every match. SQLite's tables are small: nothing to do there."""

from __future__ import annotations

from typing import Any

from django.db import migrations


def create(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS person_family_name_order ON people_person "
        '((UPPER(family_name::text) COLLATE "C"), (UPPER(given_name::text) COLLATE "C"), id)'
    )


def drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS person_family_name_order")


class Migration(migrations.Migration):
    dependencies = [("people", "0008_person_service")]

    operations = [migrations.RunPython(create, drop)]
