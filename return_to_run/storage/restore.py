"""Putting a backup back: replace everything, or merge it into what she has."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping

from sqlite_utils import Database

from .backup import RestoreError
from .connection import USER_TABLES, writing
from .queries import get_profile


def restore_backup(db: Database, tables: Mapping[str, list[dict]], *, mode: str) -> dict[str, int]:
    """Restore rows from `read_backup` in one transaction; returns rows written per table.

    mode "replace": her current data is removed first and the backup put in its place.
    mode "merge": backup rows are added; runs already present (same source and source id,
    or the same id and content) are skipped, and ids are renumbered to avoid clashes.
    Any failure (a CHECK or foreign key refusing a row) rolls everything back.
    """
    if mode not in ("replace", "merge"):
        raise ValueError("mode must be 'replace' or 'merge'")
    written = {table: 0 for table in USER_TABLES}
    try:
        with writing(db):
            if mode == "replace":
                for table in reversed(USER_TABLES):
                    db.execute(f"DELETE FROM [{table}]")
                for table in USER_TABLES:
                    for row in tables[table]:
                        db[table].insert(dict(row))
                        written[table] += 1
            else:
                written = _merge(db, tables)
    except (sqlite3.IntegrityError, sqlite3.OperationalError, KeyError, TypeError) as error:
        raise RestoreError(f"The backup could not be restored, and nothing was changed: {error}.") from error
    return written


def _merge(db: Database, tables: Mapping[str, list[dict]]) -> dict[str, int]:
    written = {table: 0 for table in USER_TABLES}
    if tables["profile"] and get_profile(db) is None:
        db["profile"].insert(dict(tables["profile"][0]))
        written["profile"] = 1
    run_ids: dict[int, int] = {}
    for row in tables["runs"]:
        row = dict(row)
        old_id = row.pop("id")
        same = _same_run(db, row)
        if same is not None:
            run_ids[old_id] = same
            continue
        run_ids[old_id] = db["runs"].insert(row).last_pk
        written["runs"] += 1
    symptom_ids: dict[int, int] = {}
    for row in tables["symptoms"]:
        row = dict(row)
        old_id = row.pop("id")
        row["run_id"] = run_ids.get(row.get("run_id"))
        same = _same_row(db, "symptoms", row)
        if same is not None:
            symptom_ids[old_id] = same
            continue
        symptom_ids[old_id] = db["symptoms"].insert(row).last_pk
        written["symptoms"] += 1
    for table in ("red_flags", "readiness_results", "foundation_sessions"):
        for row in tables[table]:
            row = dict(row)
            row.pop("id")
            if table == "red_flags":
                row["symptom_id"] = symptom_ids.get(row.get("symptom_id"))
            if _same_row(db, table, row) is not None:
                continue
            db[table].insert(row)
            written[table] += 1
    for row in tables["lesson_progress"]:
        db["lesson_progress"].insert(dict(row), ignore=True)
    for row in tables["settings"]:
        db["settings"].insert(dict(row), ignore=True)
    return written


# What makes a restored row "the same record" as one she already has: when it was
# first saved, and what it is about. Content may have changed since the backup (a
# red flag resolved, a run edited), and that newer content must win.
IDENTITY_COLUMNS = {
    "runs": ("run_date", "created_at"),
    "symptoms": ("symptom_date", "created_at"),
    "red_flags": ("flag_code", "flagged_date", "created_at"),
    "readiness_results": ("test_date", "test_code", "created_at"),
    "foundation_sessions": ("session_date", "activity", "created_at"),
}


def _same_row(db: Database, table: str, row: Mapping) -> int | None:
    """The id of her row that is the same record as `row`, if there is one."""
    columns = IDENTITY_COLUMNS[table]
    where = " AND ".join(f"[{c}] IS ?" for c in columns)
    found = list(db.query(f"SELECT id FROM [{table}] WHERE {where} LIMIT 1", [row.get(c) for c in columns]))
    return found[0]["id"] if found else None


def _same_run(db: Database, row: Mapping) -> int | None:
    if row.get("source_id") is not None:
        found = list(
            db.query("SELECT id FROM runs WHERE source = ? AND source_id = ?", [row["source"], row["source_id"]])
        )
        return found[0]["id"] if found else None
    return _same_row(db, "runs", row)
