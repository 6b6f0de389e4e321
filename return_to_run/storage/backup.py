"""Backups out and in: the export zip (CSV per table, JSON of all, SQLite copy) and reading one back."""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from datetime import date
from pathlib import Path

import pandas as pd
from sqlite_utils import Database

from .connection import USER_TABLES
from .queries import table_rows


class RestoreError(ValueError):
    """A backup that cannot be restored; the message says why. Nothing was changed."""


def backup_bytes(db: Database) -> bytes:
    """A consistent copy of the live (WAL) database as SQLite file bytes, via VACUUM INTO."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "backup.db"
        db.execute("VACUUM INTO ?", [str(target)])
        return target.read_bytes()


def export_zip(db: Database, *, today: date) -> bytes:
    """Everything in one zip: a CSV per table, a JSON of all tables, and a SQLite copy."""
    buffer = io.BytesIO()
    everything = {table: table_rows(db, table) for table in USER_TABLES}
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for table, rows in everything.items():
            columns = [c.name for c in db[table].columns]
            archive.writestr(f"{table}.csv", pd.DataFrame(rows, columns=columns).to_csv(index=False))
        archive.writestr(
            "return_to_run.json",
            json.dumps(
                {"format": "return-to-run-backup", "version": 1, "exported": today.isoformat(), "tables": everything}
            ),
        )
        archive.writestr("return_to_run.db", backup_bytes(db))
    return buffer.getvalue()


def read_backup(data: bytes) -> dict[str, list[dict]]:
    """Rows per table from an export zip (its JSON) or a bare JSON backup; raises RestoreError."""
    try:
        if data[:2] == b"PK":
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "return_to_run.json" not in archive.namelist():
                    raise RestoreError("This zip is not a Return to Run export: it has no return_to_run.json.")
                data = archive.read("return_to_run.json")
        payload = json.loads(data.decode("utf-8"))
    except (zipfile.BadZipFile, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise RestoreError(f"This file is not a Return to Run backup ({error}).") from error
    if not isinstance(payload, dict) or payload.get("format") != "return-to-run-backup":
        raise RestoreError("This file is not a Return to Run backup (the format marker is missing).")
    tables = payload.get("tables")
    if not isinstance(tables, dict) or not all(isinstance(tables.get(t, []), list) for t in USER_TABLES):
        raise RestoreError("This backup is damaged: its tables are missing or malformed.")
    return {table: tables.get(table, []) for table in USER_TABLES}
