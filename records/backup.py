"""Backups and restores of the whole database, for SQLite and PostgreSQL, with a manifest that
proves a restore gave back identical data.

SQLite uses its online backup API (a consistent copy while the service runs) and fingerprints the
copy; PostgreSQL uses pg_dump's custom format on a snapshot exported by the transaction that
fingerprints the tables, and pg_restore. Each backup is written with a manifest: a row count and a
SHA-256 fingerprint of every table's contents (streamed, never a whole table in memory), and the
backup file's own checksum. The manifest therefore describes exactly what was copied, however many
people saved meanwhile (docs/load-and-failure.md).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess  # nosec B404  # fixed tools only: pg_dump and pg_restore
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper

Fingerprints = dict[str, dict[str, Any]]
# Rows read from the database at a time: a fingerprint never holds a table in memory.
FETCH_ROWS = 2000
# How Django opens SQLite (the same type converters), so a copy is read as the live database is.
_SQLITE_DETECT_TYPES = sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES


class BackupError(Exception):
    """Something stopped a backup or restore; the message says what to do."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    manifest: Path
    tables: int
    rows: int


def table_fingerprints(connection: BaseDatabaseWrapper) -> Fingerprints:
    """Row count and a SHA-256 of every row (ordered by every column) for each table, all read in
    one transaction so that they describe one moment of the database."""
    if connection.vendor == "postgresql":
        raw = connection.get_new_connection(connection.get_connection_params())
        try:
            _repeatable_read(raw)
            try:
                return _postgres_fingerprints(raw)
            finally:
                raw.rollback()
        finally:
            raw.close()
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        return _sqlite_fingerprints(connection.connection)
    raise BackupError(f"Backups are not supported for the {connection.vendor} database.")


def _repeatable_read(raw: Any) -> None:
    import psycopg

    raw.autocommit = False
    raw.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sqlite_fingerprints(raw: sqlite3.Connection) -> Fingerprints:
    began = not raw.in_transaction
    if began:
        raw.execute("BEGIN")  # one read snapshot for every table
    try:
        names = [row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'")]
        tables = {name: [column[1] for column in raw.execute(f"PRAGMA table_info({_quote(name)})")] for name in names}
        return _fingerprints(raw.cursor, tables)
    finally:
        if began:
            raw.execute("COMMIT")


def _postgres_fingerprints(raw: Any) -> Fingerprints:
    """Inside the caller's REPEATABLE READ transaction; each table read through a server-side cursor."""
    with raw.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, array_agg(a.attname::text ORDER BY a.attnum) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
            "WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema() GROUP BY c.relname"
        )
        tables = {name: list(columns) for name, columns in cursor.fetchall()}
    numbers = iter(range(len(tables) + 1))
    return _fingerprints(lambda: raw.cursor(name=f"star_fingerprint_{next(numbers)}"), tables)


def _fingerprints(open_cursor: Callable[[], Any], tables: dict[str, list[str]]) -> Fingerprints:
    fingerprints: Fingerprints = {}
    for table in sorted(tables):
        columns = ", ".join(_quote(column) for column in tables[table])
        cursor = open_cursor()
        try:
            # Names come from the database's own catalogue, quoted.
            cursor.execute(f"SELECT {columns} FROM {_quote(table)} ORDER BY {columns}")  # noqa: S608  # nosec B608
            digest = hashlib.sha256()
            count = 0
            while rows := cursor.fetchmany(FETCH_ROWS):
                for row in rows:
                    digest.update(repr(tuple(_stable(value) for value in row)).encode())
                count += len(rows)
        finally:
            cursor.close()
        fingerprints[table] = {"rows": count, "sha256": digest.hexdigest()}
    return fingerprints


def _stable(value: Any) -> Any:
    """Render values the same way whichever database driver returned them."""
    if isinstance(value, memoryview | bytes):
        return bytes(value).hex()
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat() if value.tzinfo else value.isoformat()
    return str(value) if value is not None else None


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _postgres_environment(settings_dict: dict[str, Any]) -> dict[str, str]:
    environment = dict(os.environ)
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if settings_dict.get(key):
            environment[variable] = str(settings_dict[key])
    return environment


def _require(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        raise BackupError(f"{tool} is not installed. Install the PostgreSQL client tools (Debian: postgresql-client).")
    return found


def _run(command: list[str], settings_dict: dict[str, Any], tool: str) -> None:
    try:
        subprocess.run(command, env=_postgres_environment(settings_dict), check=True, capture_output=True)  # noqa: S603  # nosec B603
    except subprocess.CalledProcessError as error:
        said = (error.stderr or b"").decode(errors="replace").strip().splitlines()
        raise BackupError(f"{tool} failed: {said[0][:300] if said else f'exit status {error.returncode}'}") from error


def backup(connection: BaseDatabaseWrapper, destination: Path) -> BackupResult:
    """Write a consistent copy of the database to `destination`, with a manifest beside it that
    describes the same moment as the copy, however many people are saving meanwhile."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "sqlite":
        fingerprints = _backup_sqlite(connection, destination)
    elif connection.vendor == "postgresql":
        fingerprints = _backup_postgres(connection, destination)
    else:
        raise BackupError(f"Backups are not supported for the {connection.vendor} database.")
    manifest = destination.with_suffix(destination.suffix + ".manifest.json")
    manifest.write_text(
        json.dumps(
            {
                "made_at": datetime.now(tz=UTC).isoformat(),
                "vendor": connection.vendor,
                "file": destination.name,
                "file_sha256": file_sha256(destination),
                "tables": fingerprints,
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    return BackupResult(destination, manifest, len(fingerprints), sum(t["rows"] for t in fingerprints.values()))


def _backup_sqlite(connection: BaseDatabaseWrapper, destination: Path) -> Fingerprints:
    """SQLite's online backup API copies pages, not rows (nothing held in memory), as one
    snapshot; the manifest is then made from the copy, never from the live database."""
    destination.unlink(missing_ok=True)
    connection.ensure_connection()
    source: sqlite3.Connection = connection.connection
    target = sqlite3.connect(destination)
    try:
        source.backup(target)
        target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, whatever the live database uses
    finally:
        target.close()
    copy = sqlite3.connect(f"{destination.resolve().as_uri()}?mode=ro", uri=True, detect_types=_SQLITE_DETECT_TYPES)
    try:
        return _sqlite_fingerprints(copy)
    finally:
        copy.close()


def _backup_postgres(connection: BaseDatabaseWrapper, destination: Path) -> Fingerprints:
    """pg_dump reads the snapshot exported by a REPEATABLE READ transaction, and the manifest is
    computed in that same transaction: both describe one moment."""
    settings_dict = connection.settings_dict
    pg_dump = _require("pg_dump")
    raw = connection.get_new_connection(connection.get_connection_params())
    try:
        _repeatable_read(raw)
        with raw.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        command = [pg_dump, "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}", f"--file={destination}"]
        _run([*command, settings_dict["NAME"]], settings_dict, "pg_dump")
        fingerprints = _postgres_fingerprints(raw)
        raw.rollback()
        return fingerprints
    finally:
        raw.close()


def read_manifest(path: Path) -> dict[str, Any]:
    """The manifest beside a backup, checked for shape before anything relies on it."""
    manifest = path.with_suffix(path.suffix + ".manifest.json")
    if not manifest.exists():
        raise BackupError(f"No manifest beside {path.name}: expected {manifest.name}.")
    damaged = f"The manifest {manifest.name} is damaged"
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise BackupError(f"{damaged} (it is not readable JSON). Use another backup, or take a new one.") from error
    if problem := _manifest_problem(data):
        raise BackupError(f"{damaged} ({problem}). Use another backup, or take a new one.")
    if file_sha256(path) != data["file_sha256"]:
        raise BackupError(f"{path.name} does not match its manifest: the file is damaged or was changed.")
    return dict(data)


def _manifest_problem(data: Any) -> str:
    if not isinstance(data, dict):
        return "it is not a manifest"
    for key, kind in (("vendor", str), ("file_sha256", str), ("tables", dict)):
        if not isinstance(data.get(key), kind):
            return f"its {key!r} is missing or wrong"
    for table, entry in data["tables"].items():
        if not (isinstance(entry, dict) and isinstance(entry.get("rows"), int) and isinstance(entry.get("sha256"), str)):
            return f"the entry for table {table!r} is missing or wrong"
    return ""


def is_empty(connection: BaseDatabaseWrapper) -> bool:
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def restore(connection: BaseDatabaseWrapper, source: Path) -> dict[str, Any]:
    """Restore a backup into an EMPTY database, then check every table against the manifest."""
    manifest = read_manifest(source)
    if manifest["vendor"] != connection.vendor:
        raise BackupError(f"This is a {manifest['vendor']} backup; the database is {connection.vendor}.")
    if not is_empty(connection):
        raise BackupError("The database is not empty. Restore into a new, empty database so nothing is mixed or lost.")
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target: sqlite3.Connection = connection.connection
        with sqlite3.connect(source) as backup_file:
            backup_file.backup(target)
        backup_file.close()
    else:
        settings_dict = connection.settings_dict
        command = [_require("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error", f"--dbname={settings_dict['NAME']}"]
        _run([*command, str(source)], settings_dict, "pg_restore")
    restored = table_fingerprints(connection)
    differences = [table for table, expected in manifest["tables"].items() if restored.get(table) != expected]
    if differences:
        raise BackupError(f"The restored data differs from the backup in: {', '.join(differences)}.")
    return manifest
