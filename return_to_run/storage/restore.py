"""Putting a backup back: every record checked by the validators the forms use, then
written in one transaction, replacing her data or merged into it."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from datetime import date

from sqlite_utils import Database

from .. import validation
from ..validation import MAX_RECORD_ID, Problem
from .backup import RestoreError
from .connection import USER_TABLES, now, to_sqlite, writing
from .queries import get_profile
from .records import new_uid

# Preferences a backup may bring back. Keys not listed are ignored; `example_mode` never
# is restored (it belongs to the file it was set in). Add a key here with its preference.
RESTORABLE_SETTINGS: frozenset[str] = frozenset({"start_where_i_am"})

# Tables of dated records, in an order that satisfies foreign keys.
RECORD_TABLES = ("runs", "symptoms", "red_flags", "readiness_results", "foundation_sessions", "mood_checks")
# Columns a record has besides what its validator returns (filled in when a backup lacks them).
BOOKKEEPING = ("id", "uid", "created_at")
EXTRA_COLUMNS = {
    "profile": ("id", "updated_at"),
    "runs": (*BOOKKEEPING, "import_batch"),
    "symptoms": BOOKKEEPING,
    "red_flags": BOOKKEEPING,
    "readiness_results": BOOKKEEPING,
    "foundation_sessions": BOOKKEEPING,
    "mood_checks": BOOKKEEPING,
    "lesson_progress": (),
    "settings": ("key", "value"),
}
# Fields a validator returns only when given (an import's title and start time).
OPTIONAL_FIELDS = {"runs": ("title", "start_time")}
UID_PATTERN = re.compile(r"[0-9a-f]{32}")
MAX_STAMP_CHARS = 40  # created_at/updated_at: ISO text, a few characters more for odd zones

TABLE_NAMES = {
    "profile": "Profile",
    "runs": "Runs",
    "symptoms": "Symptom entries",
    "red_flags": "Red flags",
    "readiness_results": "Readiness tests",
    "foundation_sessions": "Foundation sessions",
    "mood_checks": "Mood checks",
    "lesson_progress": "Lessons read",
    "settings": "Settings",
}


def _refused(table: str, number: int, problem: Problem | str) -> RestoreError:
    where = f"{TABLE_NAMES[table]}, record {number}"
    return RestoreError(f"The backup could not be restored, and nothing was changed. {where}: {problem}")


def _short(text: object) -> str:
    text = str(text)
    return text if len(text) <= 40 else text[:39] + "…"


def _bookkeeping(table: str, number: int, row: Mapping) -> dict:
    """id, uid, created_at (and import_batch) of a backup row, checked; missing ones filled."""
    out: dict = {}
    if "id" in EXTRA_COLUMNS[table]:
        record_id = row.get("id")
        if record_id is not None and (
            isinstance(record_id, bool) or not isinstance(record_id, int) or not 1 <= record_id <= MAX_RECORD_ID
        ):
            raise _refused(table, number, f"id: '{_short(record_id)}' is not a record id.")
        out["id"] = record_id
    if "uid" in EXTRA_COLUMNS[table]:
        uid = row.get("uid")
        if uid is not None and not (isinstance(uid, str) and UID_PATTERN.fullmatch(uid)):
            raise _refused(table, number, f"uid: '{_short(uid)}' is not a record uid.")
        out["uid"] = uid  # None in a backup made before records had uids: given one when written
    for stamp in ("created_at", "updated_at"):
        if stamp in EXTRA_COLUMNS[table]:
            value = row.get(stamp)
            if value is not None and not (isinstance(value, str) and 0 < len(value) <= MAX_STAMP_CHARS):
                raise _refused(table, number, f"{stamp}: '{_short(value)}' is not a time.")
            out[stamp] = value or now()
    if "import_batch" in EXTRA_COLUMNS[table]:
        batch = row.get("import_batch")
        if batch is not None and not (isinstance(batch, str) and 0 < len(batch) <= 64):
            raise _refused(table, number, f"import_batch: '{_short(batch)}' is not an import id.")
        out["import_batch"] = batch
    return out


def checked_backup(tables: Mapping[str, list], *, today: date, known_codes: Iterable[str]) -> dict[str, list[dict]]:
    """Every record of a backup passed through its validator; returns clean rows per table
    (SQLite values, ids as in the backup). Raises RestoreError naming table, record and field.

    Unknown fields are refused; settings keep only RESTORABLE_SETTINGS; links between
    records (a symptom's run, a red flag's symptom) must point inside the backup.
    """
    known_codes = set(known_codes)
    validators: dict[str, Callable[[Mapping], tuple[dict, list[Problem]]]] = {
        "profile": lambda raw: validation.validate_profile(raw, today=today),
        "runs": lambda raw: validation.validate_run(raw, today=today),
        "symptoms": lambda raw: validation.validate_symptom(raw, today=today, birth_date=birth),
        "red_flags": lambda raw: validation.validate_red_flag(raw, today=today, known_codes=known_codes),
        "readiness_results": lambda raw: validation.validate_readiness(raw, today=today),
        "foundation_sessions": lambda raw: validation.validate_foundation(raw, today=today),
        "mood_checks": lambda raw: validation.validate_mood(raw, today=today),
        "lesson_progress": lambda raw: validation.validate_lesson_progress(raw, today=today),
    }
    birth = None
    out: dict[str, list[dict]] = {}
    for table in USER_TABLES:
        rows = tables.get(table) or []
        if not isinstance(rows, list):
            raise RestoreError(f"This backup is damaged: {TABLE_NAMES[table]} is not a list of records.")
        out[table] = []
        for number, row in enumerate(rows, start=1):
            if not isinstance(row, dict):
                raise _refused(table, number, "is not a record.")
            if table == "settings":
                key, value = row.get("key"), row.get("value")
                if key in RESTORABLE_SETTINGS and isinstance(value, str) and len(value) <= 200:
                    out[table].append({"key": key, "value": value})
                continue
            if table == "symptoms" and row.get("bleeding") == "more":
                # A backup made before m004: "more than spotting" is "like a period" now (as the migration).
                row = {**row, "bleeding": "like_period"}
            clean, problems = validators[table](row)
            if problems:
                raise _refused(table, number, problems[0])
            allowed = set(clean) | set(EXTRA_COLUMNS[table]) | set(OPTIONAL_FIELDS.get(table, ()))
            unknown = [name for name in row if name not in allowed]
            if unknown:
                raise _refused(table, number, f"'{_short(unknown[0])}' is not a field this app knows.")
            if table == "profile":
                if number > 1:
                    raise _refused(table, number, "a backup holds one profile.")
                if row.get("id") not in (None, 1):
                    raise _refused(table, number, f"id: '{_short(row.get('id'))}' is not the profile's id (1).")
                birth = clean["birth_date"]
                out[table].append({"id": 1, **to_sqlite(clean), "updated_at": row.get("updated_at") or now()})
                continue
            out[table].append({**_bookkeeping(table, number, row), **to_sqlite(clean)})
    _check_links(out)
    return out


def _check_links(tables: Mapping[str, list[dict]]) -> None:
    for table, link, target in (("symptoms", "run_id", "runs"), ("red_flags", "symptom_id", "symptoms")):
        ids = {row["id"] for row in tables[target]}
        for number, row in enumerate(tables[table], start=1):
            if row.get(link) is not None and row[link] not in ids:
                raise _refused(
                    table, number, f"{link}: {TABLE_NAMES[target].lower()} {row[link]} is not in the backup."
                )
    for table in RECORD_TABLES:
        seen_ids: set[int] = set()
        seen_uids: set[str] = set()
        for number, row in enumerate(tables[table], start=1):
            if row["id"] is not None and row["id"] in seen_ids:
                raise _refused(table, number, f"id: {row['id']} appears twice.")
            if row["uid"] is not None and row["uid"] in seen_uids:
                raise _refused(table, number, "uid: appears twice.")
            seen_ids.add(row["id"])
            seen_uids.add(row["uid"])


def write_backup(db: Database, tables: Mapping[str, list[dict]], *, mode: str) -> dict[str, int]:
    """Write checked rows (from `checked_backup`) in one transaction; returns rows written per table.

    mode "replace": her current data is removed first and the backup put in its place.
    mode "merge": rows she already has are kept as she has them (her newer edits win),
    the rest are added under new ids. Any failure rolls everything back (RestoreError).
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
                        if "uid" in row:
                            row = {**row, "uid": row["uid"] or new_uid()}
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
    new_ids: dict[str, dict[int, int]] = {"runs": {}, "symptoms": {}}
    links = {"symptoms": ("run_id", "runs"), "red_flags": ("symptom_id", "symptoms")}
    for table in RECORD_TABLES:
        for row in tables.get(table, []):
            row = dict(row)
            old_id = row.pop("id")
            if table in links:
                column, target = links[table]
                row[column] = new_ids[target].get(row.get(column))
            same = _same_record(db, table, row)
            if same is None:
                same = db[table].insert({**row, "uid": row["uid"] or new_uid()}).last_pk
                written[table] += 1
            if table in new_ids:
                new_ids[table][old_id] = same
    for row in tables["lesson_progress"]:
        db["lesson_progress"].insert(dict(row), ignore=True)
    for row in tables["settings"]:
        db["settings"].insert(dict(row), ignore=True)
    return written


# For a backup made before records had uids: what makes a restored row "the same record"
# as one she already has is when it was first saved and what it is about. Content may
# have changed since the backup (a red flag resolved, a run edited): her content wins.
IDENTITY_COLUMNS = {
    "runs": ("run_date", "created_at"),
    "symptoms": ("symptom_date", "created_at"),
    "red_flags": ("flag_code", "flagged_date", "created_at"),
    "readiness_results": ("test_date", "test_code", "created_at"),
    "foundation_sessions": ("session_date", "activity", "created_at"),
    "mood_checks": ("check_date", "created_at"),
}


def _same_record(db: Database, table: str, row: Mapping) -> int | None:
    """The id of her record that is the same record as `row`, if there is one: the same uid,
    the same import (source and source id), or, for a row of an old backup without uids,
    the same identity columns."""
    if row["uid"] is not None:
        found = db.execute(f"SELECT id FROM [{table}] WHERE uid = ?", [row["uid"]]).fetchone()
        if found:
            return found[0]
    if table == "runs" and row.get("source_id") is not None:
        found = db.execute(
            "SELECT id FROM runs WHERE source = ? AND source_id = ?", [row["source"], row["source_id"]]
        ).fetchone()
        return found[0] if found else None
    if row["uid"] is None:
        columns = IDENTITY_COLUMNS[table]
        where = " AND ".join(f"[{c}] IS ?" for c in columns)
        found = db.execute(f"SELECT id FROM [{table}] WHERE {where} LIMIT 1", [row.get(c) for c in columns]).fetchone()
        return found[0] if found else None
    return None
