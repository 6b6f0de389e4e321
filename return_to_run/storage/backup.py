"""Backups out and in: the export zip (CSV per table, JSON of all, SQLite copy) and reading one back."""

from __future__ import annotations

import contextlib
import io
import json
import sqlite3
import tempfile
import uuid
import zipfile
from datetime import date
from pathlib import Path

from sqlite_utils import Database

from ..lazy_import import lazy_module
from .connection import USER_TABLES
from .queries import table_rows

pd = lazy_module("pandas")  # imported on first use: see lazy_import


class RestoreError(ValueError):
    """A backup that cannot be restored; the message says why. Nothing was changed."""


# Limits before reading a backup: far above a real export (ten years of daily logs make a
# JSON of a few MB), low enough that a zip bomb or a huge file stops at once with a message.
MAX_BACKUP_BYTES = 50 * 1024 * 1024
MAX_BACKUP_ROWS = 100_000  # per table
READ_CHUNK_BYTES = 1024 * 1024

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def backup_bytes(db: Database) -> bytes:
    """A consistent copy of the live (WAL) database as SQLite file bytes, via VACUUM INTO.

    The copy gets its own random database id: it is another file, and a cache keyed on
    (database id, data version) must not take one for the other.
    """
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "backup.db"
        db.execute("VACUUM INTO ?", [str(target)])
        with contextlib.closing(sqlite3.connect(target)) as copy:
            copy.execute("UPDATE meta SET value = ? WHERE key = 'database_id'", [uuid.uuid4().hex])
            copy.commit()
        return target.read_bytes()


def formula_safe(value):
    """A CSV cell that a spreadsheet shows as text: a leading apostrophe before = + - @ tab CR.

    Only the CSV copies are changed; the JSON and SQLite copies keep her exact text.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def export_zip(db: Database, *, today: date) -> bytes:
    """Everything in one zip: a CSV per table, a JSON of all tables, and a SQLite copy."""
    buffer = io.BytesIO()
    everything = {table: table_rows(db, table) for table in USER_TABLES}
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for table, rows in everything.items():
            columns = [c.name for c in db[table].columns]
            safe = [{key: formula_safe(value) for key, value in row.items()} for row in rows]
            # CRLF line ends (RFC 4180) also make the csv writer quote a cell holding a lone CR.
            text = pd.DataFrame(safe, columns=columns).to_csv(index=False, lineterminator="\r\n")
            archive.writestr(f"{table}.csv", text)
        archive.writestr(
            "return_to_run.json",
            json.dumps(
                {"format": "return-to-run-backup", "version": 1, "exported": today.isoformat(), "tables": everything}
            ),
        )
        archive.writestr("return_to_run.db", backup_bytes(db))
    return buffer.getvalue()


def read_backup(data: bytes) -> dict[str, list[dict]]:
    """Rows per table from an export zip (its JSON) or a bare JSON backup; raises RestoreError.

    The JSON is read in chunks and reading stops at MAX_BACKUP_BYTES (a zip member can
    inflate far beyond the zip's size); a table over MAX_BACKUP_ROWS is refused.
    """
    if len(data) > MAX_BACKUP_BYTES:
        raise RestoreError(_too_big())
    try:
        if data[:2] == b"PK":
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "return_to_run.json" not in archive.namelist():
                    raise RestoreError("This zip is not a Return to Run export: it has no return_to_run.json.")
                data = _read_limited(archive, "return_to_run.json")
        payload = json.loads(data.decode("utf-8"), parse_constant=_refuse_constant)
    except (zipfile.BadZipFile, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise RestoreError(f"This file is not a Return to Run backup ({type(error).__name__}).") from error
    except (OSError, EOFError, NotImplementedError, RuntimeError) as error:  # a damaged or encrypted member
        raise RestoreError("This zip is damaged, so the backup inside it could not be read.") from error
    if not isinstance(payload, dict) or payload.get("format") != "return-to-run-backup":
        raise RestoreError("This file is not a Return to Run backup (the format marker is missing).")
    tables = payload.get("tables")
    if not isinstance(tables, dict) or not all(isinstance(tables.get(t, []), list) for t in USER_TABLES):
        raise RestoreError("This backup is damaged: its tables are missing or malformed.")
    for table in USER_TABLES:
        if len(tables.get(table, [])) > MAX_BACKUP_ROWS:
            raise RestoreError(
                f"This backup has more than {MAX_BACKUP_ROWS:,} records in one table, far more than "
                "Return to Run makes; it was not read."
            )
    return {table: tables.get(table, []) for table in USER_TABLES}


def _refuse_constant(name: str):
    """NaN, Infinity and -Infinity: Python's JSON reader takes them, but they are not JSON and
    an export never holds them (a missing value is null). Read as numbers they would slip past
    the checks meant for text (a source "nan") or for a missing value."""
    raise RestoreError(f"This file is not a Return to Run backup: it holds {name}, which is not a JSON value.")


def _too_big() -> str:
    return (
        f"This backup is larger than {MAX_BACKUP_BYTES // (1024 * 1024)} MB once unpacked, far larger than "
        "any Return to Run export; it was not read."
    )


def _read_limited(archive: zipfile.ZipFile, name: str) -> bytes:
    """A zip member's bytes, read in chunks; RestoreError as soon as it passes MAX_BACKUP_BYTES."""
    chunks, size = [], 0
    with archive.open(name) as member:
        while chunk := member.read(READ_CHUNK_BYTES):
            size += len(chunk)
            if size > MAX_BACKUP_BYTES:
                raise RestoreError(_too_big())
            chunks.append(chunk)
    return b"".join(chunks)
