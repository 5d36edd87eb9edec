"""Sessions longer than a day, indexed on PostgreSQL (`Session.objects.in_progress`): the others in
progress at a moment are found by their start, within the day before it. The predicate is the
query's own (`ends_at - starts_at > '1 day'`), so PostgreSQL can prove a query may use it; and
statistics on a session's length, so that it knows such sessions are few (without them it takes
a third of all sessions to be long, and reads them all). SQLite's tables are small: nothing to
do there."""

from __future__ import annotations

from typing import Any

from django.db import migrations


def create(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS session_longer_than_a_day ON community_session (ends_at) WHERE (ends_at - starts_at) > interval '1 day'"
    )
    schema_editor.execute("CREATE STATISTICS IF NOT EXISTS session_length ON (ends_at - starts_at) FROM community_session")


def drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP STATISTICS IF EXISTS session_length")
    schema_editor.execute("DROP INDEX IF EXISTS session_longer_than_a_day")


class Migration(migrations.Migration):
    dependencies = [("community", "0008_project_active_by_name")]

    operations = [migrations.RunPython(create, drop)]
