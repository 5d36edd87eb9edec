"""Indexes for the name search on PostgreSQL: `istartswith` compares UPPER(name) LIKE 'SMI%', which
plain column indexes cannot serve (a full scan of a million people). text_pattern_ops makes LIKE
prefixes use the index whatever the database collation. SQLite has no such operator class, and its
tables are small: nothing to do there. docs/performance.md has the measurements."""

from __future__ import annotations

from typing import Any

from django.db import migrations

NAMES = ("given_name", "family_name", "preferred_name")


def create(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in NAMES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS person_{name}_upper_prefix ON people_person ((UPPER({name}::text)) text_pattern_ops)"
        )


def drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in NAMES:
        schema_editor.execute(f"DROP INDEX IF EXISTS person_{name}_upper_prefix")


class Migration(migrations.Migration):
    dependencies = [("people", "0002_date_of_death")]

    operations = [migrations.RunPython(create, drop)]
