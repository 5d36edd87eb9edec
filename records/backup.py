"""Backups and restores of the whole database, for SQLite and PostgreSQL, with a manifest that
proves a restore gave back identical data.

SQLite uses its online backup API (a consistent copy while the service runs); PostgreSQL uses
pg_dump's custom format and pg_restore. Each backup is written with a manifest: a row count and a
SHA-256 fingerprint of every table's contents, and the backup file's own checksum.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess  # nosec B404  # fixed tools only: pg_dump and pg_restore
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper


class BackupError(Exception):
    """Something stopped a backup or restore; the message says what to do."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    manifest: Path
    tables: int
    rows: int


def table_fingerprints(connection: BaseDatabaseWrapper) -> dict[str, dict[str, Any]]:
    """Row count and a SHA-256 of every row (ordered by every column) for each table."""
    fingerprints: dict[str, dict[str, Any]] = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            quoted = connection.ops.quote_name(table)
            columns = [column.name for column in connection.introspection.get_table_description(cursor, table)]
            order = ", ".join(connection.ops.quote_name(column) for column in columns)
            cursor.execute(f"SELECT * FROM {quoted} ORDER BY {order}")  # noqa: S608  (names come from introspection)  # nosec B608
            digest = hashlib.sha256()
            count = 0
            for row in cursor.fetchall():
                digest.update(repr(tuple(_stable(value) for value in row)).encode())
                count += 1
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


def backup(connection: BaseDatabaseWrapper, destination: Path) -> BackupResult:
    """Write a consistent copy of the database to `destination`, with a manifest beside it."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        source: sqlite3.Connection = connection.connection
        with sqlite3.connect(destination) as target:
            source.backup(target)
        target.close()
    elif connection.vendor == "postgresql":
        settings_dict = connection.settings_dict
        subprocess.run(  # noqa: S603  (fixed tool, arguments from settings)  # nosec B603
            [_require("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--file={destination}", settings_dict["NAME"]],
            env=_postgres_environment(settings_dict),
            check=True,
            capture_output=True,
        )
    else:
        raise BackupError(f"Backups are not supported for the {connection.vendor} database.")
    fingerprints = table_fingerprints(connection)
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


def read_manifest(path: Path) -> dict[str, Any]:
    manifest = path.with_suffix(path.suffix + ".manifest.json")
    if not manifest.exists():
        raise BackupError(f"No manifest beside {path.name}: expected {manifest.name}.")
    data: dict[str, Any] = json.loads(manifest.read_text(encoding="utf-8"))
    if file_sha256(path) != data["file_sha256"]:
        raise BackupError(f"{path.name} does not match its manifest: the file is damaged or was changed.")
    return data


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
        subprocess.run(  # noqa: S603  # nosec B603
            [_require("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error", f"--dbname={settings_dict['NAME']}", str(source)],
            env=_postgres_environment(settings_dict),
            check=True,
            capture_output=True,
        )
    restored = table_fingerprints(connection)
    differences = [table for table, expected in manifest["tables"].items() if restored.get(table) != expected]
    if differences:
        raise BackupError(f"The restored data differs from the backup in: {', '.join(differences)}.")
    return manifest
