"""Make the audit table append-only in the database too, so no code path (raw SQL, a shell, a
bulk update) can rewrite history. PostgreSQL and SQLite each get a rejecting trigger."""

from django.db import migrations

from audit import triggers


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    triggers.install(schema_editor.connection)


def reverse(apps, schema_editor):  # type: ignore[no-untyped-def]
    triggers.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forward, reverse)]
