"""The only module with SQL. Every function takes `db` (a sqlite_utils.Database) first.

Open a fresh connection per script run with `open_db()`: a connection shared between
Streamlit threads fails when two tabs rerun at once (see design.md). Every write is
one transaction (`db.atomic()`): a record is validated first and written whole or not
at all; an import or a restore either lands completely or leaves the file as it was.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd
from sqlite_utils import Database

from . import models
from .migrations import migrations
from .validation import (
    Problem,
    ValidationError,
    validate_foundation,
    validate_profile,
    validate_readiness,
    validate_run,
    validate_symptom,
)

DB_ENV_VAR = "RETURN_TO_RUN_DB"
DEFAULT_DB_PATH = Path(__file__).resolve().parent.parent / "data" / "return_to_run.db"
BUSY_TIMEOUT_MS = 5000

# Tables a backup holds, in an order that satisfies foreign keys on restore.
USER_TABLES = (
    "profile",
    "runs",
    "symptoms",
    "red_flags",
    "readiness_results",
    "foundation_sessions",
    "lesson_progress",
    "settings",
)
DATE_COLUMNS = {
    "runs": ("run_date",),
    "symptoms": ("symptom_date",),
    "red_flags": ("flagged_date", "resolved_date"),
    "readiness_results": ("test_date",),
    "foundation_sessions": ("session_date",),
}


class StorageError(RuntimeError):
    """A database problem explained for her: what happened and what to do next."""


def db_path() -> Path:
    """Where her database lives: $RETURN_TO_RUN_DB, or data/return_to_run.db in the app folder."""
    configured = os.environ.get(DB_ENV_VAR)
    return Path(configured).expanduser() if configured else DEFAULT_DB_PATH


def example_db_path(main_path: Path) -> Path:
    """The example persona lives in its own file beside hers, never in her database."""
    return main_path.with_name(main_path.stem + ".example.db")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def open_db(path: Path | str) -> Database:
    """Open (creating if needed) and migrate the database at `path`.

    Raises StorageError with a plain explanation when the folder cannot be created,
    the file is read-only, locked by another program, or not a database.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StorageError(
            f"The data folder {path.parent} could not be created ({error.strerror}). "
            f"Check that you may write there, or set {DB_ENV_VAR} to another file."
        ) from error
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        db = Database(conn)
        db.execute("PRAGMA foreign_keys = ON")
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if db.journal_mode != "wal":
            db.enable_wal()
        migrations.apply(db)
    except sqlite3.DatabaseError as error:
        raise StorageError(_explain(error, path)) from error
    return db


def _explain(error: sqlite3.DatabaseError, path: Path) -> str:
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return (
            f"The database {path} is busy: another program (or another copy of Return to Run) "
            "is writing to it. Close the other program and reload this page."
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return (
            f"The database {path} cannot be written (it is read-only or the folder is). "
            f"Make the file writable, or set {DB_ENV_VAR} to a file you can write."
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return (
            f"The file {path} is damaged or is not a Return to Run database. Move it aside "
            "(keep it: it may be recoverable) and restore your last backup, or start fresh."
        )
    if "disk" in text and "full" in text:
        return "The disk is full, so nothing could be saved. Free some space and try again."
    return f"The database {path} could not be used: {error}."


def _check(problems: list[Problem]) -> None:
    if problems:
        raise ValidationError(problems)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _stored(clean: Mapping) -> dict:
    """Validated values -> SQLite values (dates as ISO text, booleans as 0/1)."""
    out = {}
    for key, value in clean.items():
        if isinstance(value, date):
            out[key] = value.isoformat()
        elif isinstance(value, bool):
            out[key] = int(value)
        else:
            out[key] = value
    return out


@contextlib.contextmanager
def _writing(db: Database) -> Iterator[None]:
    """One write transaction, all or nothing.

    BEGIN IMMEDIATE takes the write lock before anything is read: a deferred BEGIN that
    reads first (sqlite-utils looks up the table's columns) fails at once with "database
    is locked" when another tab wrote in between, instead of waiting busy_timeout.
    """
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if db.conn.in_transaction:
            db.execute("ROLLBACK")
        raise
    else:
        db.execute("COMMIT")


def _file_of(db: Database) -> Path:
    return Path(db.conn.execute("PRAGMA database_list").fetchone()[2] or ":memory:")


def _write_errors(fn):
    """Turn SQLite failures during a write into StorageError with a way forward."""

    def wrapper(db: Database, *args, **kwargs):
        try:
            return fn(db, *args, **kwargs)
        except sqlite3.IntegrityError:
            raise
        except sqlite3.DatabaseError as error:
            raise StorageError(_explain(error, _file_of(db))) from error

    wrapper.__name__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    return wrapper


# ---------------------------------------------------------------- profile


def get_profile(db: Database) -> models.Profile | None:
    """Her profile, or None before she has saved one."""
    rows = list(db.query("SELECT * FROM profile WHERE id = 1"))
    if not rows:
        return None
    row = rows[0]
    return models.Profile(
        birth_date=date.fromisoformat(row["birth_date"]),
        birth_type=row["birth_type"],
        perineal_tear=row["perineal_tear"],
        feeding=row["feeding"],
        leaked_before_or_during_pregnancy=bool(row["leaked_before_or_during_pregnancy"]),
        running_background=row["running_background"],
        previous_running_injury=bool(row["previous_running_injury"]),
        short_sleep_or_high_fatigue=bool(row["short_sleep_or_high_fatigue"]),
        units=row["units"],
        weight_kg=row["weight_kg"],
    )


@_write_errors
def save_profile(db: Database, raw: Mapping, *, today: date) -> models.Profile:
    """Validate and save her profile (insert or replace); returns the saved profile."""
    clean, problems = validate_profile(raw, today=today)
    _check(problems)
    with _writing(db):
        db["profile"].upsert({"id": 1, **_stored(clean), "updated_at": _now()}, pk="id")
    return get_profile(db)


# ---------------------------------------------------------------- runs


@_write_errors
def add_run(db: Database, raw: Mapping, *, today: date) -> int:
    """Validate and save one run; returns its id. Raises ValidationError, nothing written."""
    clean, problems = validate_run(raw, today=today)
    _check(problems)
    with _writing(db):
        return db["runs"].insert({**_stored(clean), "created_at": _now()}).last_pk


@_write_errors
def update_run(db: Database, run_id: int, raw: Mapping, *, today: date) -> None:
    """Validate and replace the editable fields of run `run_id` (source fields are kept)."""
    existing = get_run(db, run_id)
    clean, problems = validate_run(
        {**raw, "source": existing["source"], "source_id": existing["source_id"]}, today=today
    )
    _check(problems)
    with _writing(db):
        db["runs"].update(run_id, _stored(clean))


def get_run(db: Database, run_id: int) -> dict:
    """One run as a dict; raises KeyError when there is no such run."""
    rows = list(db.query("SELECT * FROM runs WHERE id = ?", [run_id]))
    if not rows:
        raise KeyError(f"No run with id {run_id}")
    return rows[0]


@_write_errors
def delete_run(db: Database, run_id: int) -> dict:
    """Delete a run; returns a snapshot that `undo_delete_run` puts back exactly.

    Symptoms logged against the run are kept (their link is cleared), because a
    symptom is her record even when the run entry was a mistake.
    """
    with _writing(db):
        run = get_run(db, run_id)
        linked = [r["id"] for r in db.query("SELECT id FROM symptoms WHERE run_id = ?", [run_id])]
        db.execute("DELETE FROM runs WHERE id = ?", [run_id])
    return {"run": run, "linked_symptom_ids": linked}


@_write_errors
def undo_delete_run(db: Database, snapshot: Mapping) -> None:
    """Put back a run removed by `delete_run`, with its links to symptoms."""
    run = snapshot["run"]
    with _writing(db):
        db["runs"].insert(dict(run))
        for symptom_id in snapshot["linked_symptom_ids"]:
            db.execute("UPDATE symptoms SET run_id = ? WHERE id = ?", [run["id"], symptom_id])


def list_runs(db: Database, *, start: date | None = None, end: date | None = None) -> pd.DataFrame:
    """Runs between start and end inclusive (all when None), newest first, RUN_COLUMNS + created_at."""
    where, params = _date_range("run_date", start, end)
    rows = db.query(f"SELECT * FROM runs {where} ORDER BY run_date DESC, id DESC", params)
    return _frame(rows, models.RUN_COLUMNS, ("run_date",))


def recent_runs_for_checkin(db: Database, *, limit: int = 10) -> list[dict]:
    """The latest runs, for linking a symptom entry to a run."""
    return list(
        db.query("SELECT id, run_date, kind, duration_min FROM runs ORDER BY run_date DESC, id DESC LIMIT ?", [limit])
    )


def _date_range(column: str, start: date | None, end: date | None) -> tuple[str, list]:
    clauses, params = [], []
    if start:
        clauses.append(f"{column} >= ?")
        params.append(start.isoformat())
    if end:
        clauses.append(f"{column} <= ?")
        params.append(end.isoformat())
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


def _frame(rows: Iterable[dict], columns: tuple[str, ...], date_columns: tuple[str, ...]) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows))
    if frame.empty:
        return pd.DataFrame({name: pd.Series(dtype="object") for name in columns})
    for column in date_columns:
        frame[column] = [date.fromisoformat(v) if isinstance(v, str) else None for v in frame[column]]
    ordered = [c for c in columns if c in frame.columns]
    rest = [c for c in frame.columns if c not in ordered]
    return frame[ordered + rest]


# ---------------------------------------------------------------- symptoms


@_write_errors
def add_symptom(db: Database, raw: Mapping, *, today: date) -> tuple[int, list[str]]:
    """Validate and save a symptom entry plus the red flags it raises, in one transaction.

    Returns (entry id, red flag codes raised). Red flags are checked on every entry,
    whatever page it came from (symptoms.red_flags_for_entry).
    """
    from . import symptoms  # the pure red-flag rules; imported here to keep start-up light

    profile = get_profile(db)
    clean, problems = validate_symptom(raw, today=today, birth_date=profile.birth_date if profile else None)
    if clean.get("run_id") is not None and not list(db.query("SELECT 1 FROM runs WHERE id = ?", [clean["run_id"]])):
        problems.append(Problem("Run", f"run {clean['run_id']} does not exist (was it deleted?)."))
    _check(problems)
    codes = symptoms.red_flags_for_entry(clean, profile=profile, history=load_history(db), today=today)
    with _writing(db):
        symptom_id = db["symptoms"].insert({**_stored(clean), "created_at": _now()}).last_pk
        for code in codes:
            _insert_red_flag(db, code, clean["symptom_date"], symptom_id)
    return symptom_id, list(codes)


@_write_errors
def update_symptom(db: Database, symptom_id: int, raw: Mapping, *, today: date) -> None:
    """Validate and replace a symptom entry's fields."""
    profile = get_profile(db)
    clean, problems = validate_symptom(raw, today=today, birth_date=profile.birth_date if profile else None)
    _check(problems)
    with _writing(db):
        db["symptoms"].update(symptom_id, _stored(clean))


@_write_errors
def delete_symptom(db: Database, symptom_id: int) -> dict:
    """Delete a symptom entry; returns a snapshot for `undo_delete_symptom`.

    Red flags it raised stay in her history (their link is cleared).
    """
    with _writing(db):
        rows = list(db.query("SELECT * FROM symptoms WHERE id = ?", [symptom_id]))
        if not rows:
            raise KeyError(f"No symptom entry with id {symptom_id}")
        flags = [r["id"] for r in db.query("SELECT id FROM red_flags WHERE symptom_id = ?", [symptom_id])]
        db.execute("DELETE FROM symptoms WHERE id = ?", [symptom_id])
    return {"symptom": rows[0], "red_flag_ids": flags}


@_write_errors
def undo_delete_symptom(db: Database, snapshot: Mapping) -> None:
    """Put back a symptom entry removed by `delete_symptom`."""
    symptom = dict(snapshot["symptom"])
    with _writing(db):
        if symptom.get("run_id") is not None and not list(
            db.query("SELECT 1 FROM runs WHERE id = ?", [symptom["run_id"]])
        ):
            symptom["run_id"] = None
        db["symptoms"].insert(symptom)
        for flag_id in snapshot["red_flag_ids"]:
            db.execute("UPDATE red_flags SET symptom_id = ? WHERE id = ?", [symptom["id"], flag_id])


def list_symptoms(db: Database, *, start: date | None = None, end: date | None = None) -> pd.DataFrame:
    """Symptom entries between start and end inclusive, newest first (SYMPTOM_COLUMNS)."""
    where, params = _date_range("symptom_date", start, end)
    rows = db.query(f"SELECT * FROM symptoms {where} ORDER BY symptom_date DESC, id DESC", params)
    return _frame(rows, models.SYMPTOM_COLUMNS, ("symptom_date",))


def symptom_logged_for_run(db: Database, run_id: int) -> bool:
    """Whether a check-in has already been saved for this run."""
    return bool(list(db.query("SELECT 1 FROM symptoms WHERE run_id = ? LIMIT 1", [run_id])))


# ---------------------------------------------------------------- red flags


def _insert_red_flag(db: Database, code: str, flagged_date: date, symptom_id: int | None) -> int:
    return (
        db["red_flags"]
        .insert(
            {
                "flag_code": code,
                "flagged_date": flagged_date.isoformat(),
                "symptom_id": symptom_id,
                "resolved_date": None,
                "resolved_note": "",
                "created_at": _now(),
            }
        )
        .last_pk
    )


@_write_errors
def add_red_flags(db: Database, codes: Iterable[str], *, flagged_date: date, today: date) -> list[int]:
    """Record red flags from the short check-in (not tied to a symptom entry)."""
    if flagged_date > today:
        raise ValidationError([Problem("Date", f"{flagged_date.isoformat()} is in the future.")])
    with _writing(db):
        return [_insert_red_flag(db, code, flagged_date, None) for code in codes]


@_write_errors
def resolve_red_flag(db: Database, flag_id: int, *, resolved_date: date, note: str = "", today: date) -> None:
    """Mark a red flag resolved on `resolved_date`; it stays in her history."""
    rows = list(db.query("SELECT flagged_date FROM red_flags WHERE id = ?", [flag_id]))
    if not rows:
        raise KeyError(f"No red flag with id {flag_id}")
    problems = []
    if resolved_date > today:
        problems.append(Problem("Resolved on", f"{resolved_date.isoformat()} is in the future."))
    if resolved_date.isoformat() < rows[0]["flagged_date"]:
        problems.append(
            Problem(
                "Resolved on", f"{resolved_date.isoformat()} is before the flag was raised ({rows[0]['flagged_date']})."
            )
        )
    _check(problems)
    with _writing(db):
        db["red_flags"].update(flag_id, {"resolved_date": resolved_date.isoformat(), "resolved_note": note})


def list_red_flags(db: Database) -> pd.DataFrame:
    """Every red flag ever raised, newest first (RED_FLAG_COLUMNS)."""
    rows = db.query("SELECT * FROM red_flags ORDER BY flagged_date DESC, id DESC")
    return _frame(rows, models.RED_FLAG_COLUMNS, ("flagged_date", "resolved_date"))


# ---------------------------------------------------------------- readiness and foundation


@_write_errors
def add_readiness_results(db: Database, raws: Iterable[Mapping], *, today: date) -> list[int]:
    """Save a set of readiness test results in one transaction (all or none)."""
    cleans, problems = [], []
    for raw in raws:
        clean, found = validate_readiness(raw, today=today)
        name = models.READINESS_TESTS.get(clean.get("test_code") or "", "Test")
        problems += [Problem(f"{name} - {p.field}", p.message) for p in found]
        cleans.append(clean)
    _check(problems)
    with _writing(db):
        return [db["readiness_results"].insert({**_stored(c), "created_at": _now()}).last_pk for c in cleans]


def list_readiness(db: Database) -> pd.DataFrame:
    """Readiness results, newest first (READINESS_COLUMNS)."""
    rows = db.query("SELECT * FROM readiness_results ORDER BY test_date DESC, id DESC")
    return _frame(rows, models.READINESS_COLUMNS, ("test_date",))


@_write_errors
def add_foundation_session(db: Database, raw: Mapping, *, today: date) -> int:
    """Validate and save a pelvic floor or strength session; returns its id."""
    clean, problems = validate_foundation(raw, today=today)
    _check(problems)
    with _writing(db):
        return db["foundation_sessions"].insert({**_stored(clean), "created_at": _now()}).last_pk


@_write_errors
def delete_foundation_session(db: Database, session_id: int) -> dict:
    """Delete a foundation session; returns the row so it can be put back."""
    with _writing(db):
        rows = list(db.query("SELECT * FROM foundation_sessions WHERE id = ?", [session_id]))
        if not rows:
            raise KeyError(f"No session with id {session_id}")
        db.execute("DELETE FROM foundation_sessions WHERE id = ?", [session_id])
    return rows[0]


@_write_errors
def undo_delete_foundation_session(db: Database, row: Mapping) -> None:
    """Put back a session removed by `delete_foundation_session`."""
    with _writing(db):
        db["foundation_sessions"].insert(dict(row))


def list_foundation(db: Database, *, start: date | None = None, end: date | None = None) -> pd.DataFrame:
    """Foundation sessions, newest first (FOUNDATION_COLUMNS)."""
    where, params = _date_range("session_date", start, end)
    rows = db.query(f"SELECT * FROM foundation_sessions {where} ORDER BY session_date DESC, id DESC", params)
    return _frame(rows, models.FOUNDATION_COLUMNS, ("session_date",))


# ---------------------------------------------------------------- whole history


def load_history(db: Database) -> models.History:
    """Everything she has logged, as the DataFrames the pure modules take."""
    return models.History(
        runs=list_runs(db),
        symptoms=list_symptoms(db),
        readiness=list_readiness(db),
        red_flags=list_red_flags(db),
        foundation=list_foundation(db),
    )


def first_log_date(db: Database) -> date | None:
    """The date of her earliest run or symptom entry, or None when both logs are empty."""
    value = db.execute(
        "SELECT min(day) FROM (SELECT min(run_date) AS day FROM runs UNION ALL SELECT min(symptom_date) FROM symptoms)"
    ).fetchone()[0]
    return date.fromisoformat(value) if value else None


def data_version(db: Database) -> int:
    """A number that changes whenever her logs or profile change (bumped by triggers)."""
    return db.execute("SELECT version FROM data_version WHERE id = 1").fetchone()[0]


def counts(db: Database) -> dict[str, int]:
    """How many records each log holds (for the empty-app greeting and the export page)."""
    return {
        table: db.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0]
        for table in ("runs", "symptoms", "readiness_results", "foundation_sessions", "red_flags")
    }


# ---------------------------------------------------------------- lessons and settings


@_write_errors
def mark_lesson_read(db: Database, slug: str, *, today: date) -> None:
    """Record that she has read a lesson."""
    with _writing(db):
        db["lesson_progress"].upsert({"slug": slug, "read_date": today.isoformat()}, pk="slug")


@_write_errors
def mark_lesson_unread(db: Database, slug: str) -> None:
    """Forget that a lesson was read."""
    with _writing(db):
        db.execute("DELETE FROM lesson_progress WHERE slug = ?", [slug])


def lessons_read(db: Database) -> dict[str, date]:
    """Slug -> date read."""
    return {r["slug"]: date.fromisoformat(r["read_date"]) for r in db.query("SELECT * FROM lesson_progress")}


def get_setting(db: Database, key: str, default: str | None = None) -> str | None:
    """A stored preference, or `default`."""
    rows = list(db.query("SELECT value FROM settings WHERE key = ?", [key]))
    return rows[0]["value"] if rows else default


@_write_errors
def set_setting(db: Database, key: str, value: str | None) -> None:
    """Store a preference; None removes it."""
    with _writing(db):
        if value is None:
            db.execute("DELETE FROM settings WHERE key = ?", [key])
        else:
            db["settings"].upsert({"key": key, "value": value}, pk="key")


# ---------------------------------------------------------------- imports


def existing_source_ids(db: Database, source: str) -> set[str]:
    """source_ids already imported from `source`, to skip duplicates in a preview."""
    return {
        r["source_id"]
        for r in db.query("SELECT source_id FROM runs WHERE source = ? AND source_id IS NOT NULL", [source])
    }


@_write_errors
def import_runs(
    db: Database, rows: Iterable[Mapping], *, today: date, progress: Callable[[int, int], None] | None = None
) -> dict[str, int]:
    """Save imported runs in ONE transaction; returns {"added": n, "duplicates": n}.

    Each row is re-validated; a single bad row aborts the whole import and nothing is
    written. Rows whose (source, source_id) is already stored are skipped.
    """
    rows = list(rows)
    prepared, problems = [], []
    for number, raw in enumerate(rows, start=1):
        clean, found = validate_run(raw, today=today)
        problems += [Problem(f"Run {number} - {p.field}", p.message) for p in found]
        prepared.append(clean)
    _check(problems)
    added = duplicates = 0
    created_at = _now()
    with _writing(db):
        for done, clean in enumerate(prepared, start=1):
            cursor = db.execute(
                "INSERT OR IGNORE INTO runs (run_date, duration_min, distance_km, kind, run_interval_min,"
                " walk_interval_min, interval_repeats, effort_1_10, notes, source, source_id, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    clean["run_date"].isoformat(),
                    clean["duration_min"],
                    clean["distance_km"],
                    clean["kind"],
                    clean["run_interval_min"],
                    clean["walk_interval_min"],
                    clean["interval_repeats"],
                    clean["effort_1_10"],
                    clean["notes"],
                    clean["source"],
                    clean["source_id"],
                    created_at,
                ],
            )
            if cursor.rowcount:
                added += 1
            else:
                duplicates += 1
            if progress and (done % 200 == 0 or done == len(prepared)):
                progress(done, len(prepared))
    return {"added": added, "duplicates": duplicates}


# ---------------------------------------------------------------- backup, export, restore


def backup_bytes(db: Database) -> bytes:
    """A consistent copy of the live (WAL) database as SQLite file bytes, via VACUUM INTO."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "backup.db"
        db.execute("VACUUM INTO ?", [str(target)])
        return target.read_bytes()


def _table_rows(db: Database, table: str) -> list[dict]:
    return list(db.query(f"SELECT * FROM [{table}] ORDER BY rowid"))


def export_zip(db: Database, *, today: date) -> bytes:
    """Everything in one zip: a CSV per table, a JSON of all tables, and a SQLite copy."""
    buffer = io.BytesIO()
    everything = {table: _table_rows(db, table) for table in USER_TABLES}
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


class RestoreError(ValueError):
    """A backup that cannot be restored; the message says why. Nothing was changed."""


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
        with _writing(db):
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


def all_rows(db: Database) -> dict[str, list[dict]]:
    """Every row of every user table, for tests and comparisons."""
    return {table: _table_rows(db, table) for table in USER_TABLES}


def remove_database(path: Path | str) -> None:
    """Delete a database file and its WAL side files (used for the example database)."""
    path = Path(path)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
