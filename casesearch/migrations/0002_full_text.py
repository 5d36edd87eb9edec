"""The full-text half of the index, kept by the database itself.

PostgreSQL: a stored generated `tsvector` (the `english` configuration: stemming and stop words)
with a GIN index, queried with `websearch_to_tsquery` and highlighted with `ts_headline`.
SQLite: an FTS5 table over the entries' text (external content, `porter` stemming), kept in step
by triggers, so bulk inserts and deletes are indexed too; queried with MATCH and `snippet()`."""

from typing import Any

from django.db import migrations

POSTGRESQL = (
    "ALTER TABLE casesearch_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, text)) STORED",
    "CREATE INDEX search_entry_document ON casesearch_searchentry USING gin (document)",
)
POSTGRESQL_UNDO = ("DROP INDEX IF EXISTS search_entry_document", "ALTER TABLE casesearch_searchentry DROP COLUMN IF EXISTS document")

SQLITE = (
    "CREATE VIRTUAL TABLE casesearch_fts USING fts5("
    "text, content='casesearch_searchentry', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER casesearch_fts_insert AFTER INSERT ON casesearch_searchentry BEGIN"
    " INSERT INTO casesearch_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER casesearch_fts_delete AFTER DELETE ON casesearch_searchentry BEGIN"
    " INSERT INTO casesearch_fts(casesearch_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER casesearch_fts_update AFTER UPDATE ON casesearch_searchentry BEGIN"
    " INSERT INTO casesearch_fts(casesearch_fts, rowid, text) VALUES ('delete', old.id, old.text);"
    " INSERT INTO casesearch_fts(rowid, text) VALUES (new.id, new.text); END",
    "INSERT INTO casesearch_fts(casesearch_fts) VALUES ('rebuild')",
)
SQLITE_UNDO = (
    "DROP TRIGGER IF EXISTS casesearch_fts_insert",
    "DROP TRIGGER IF EXISTS casesearch_fts_delete",
    "DROP TRIGGER IF EXISTS casesearch_fts_update",
    "DROP TABLE IF EXISTS casesearch_fts",
)


def _run(schema_editor: Any, *, postgresql: tuple[str, ...], sqlite: tuple[str, ...]) -> None:
    statements = {"postgresql": postgresql, "sqlite": sqlite}.get(schema_editor.connection.vendor)
    if statements is None:
        raise RuntimeError("Search in notes needs PostgreSQL or SQLite")
    for statement in statements:
        schema_editor.execute(statement)


def add_full_text(apps: Any, schema_editor: Any) -> None:
    _run(schema_editor, postgresql=POSTGRESQL, sqlite=SQLITE)


def remove_full_text(apps: Any, schema_editor: Any) -> None:
    _run(schema_editor, postgresql=POSTGRESQL_UNDO, sqlite=SQLITE_UNDO)


class Migration(migrations.Migration):
    dependencies = [("casesearch", "0001_search_entries")]

    operations = [migrations.RunPython(add_full_text, remove_full_text)]
