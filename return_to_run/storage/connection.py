"""Where her database lives, opening it, and the one way to write: a transaction with errors explained.

Open a fresh connection per script run with `open_db()`: a connection shared between
Streamlit threads fails when two tabs rerun at once (see design.md). Every write is one
transaction (`writing(db)`): a record is written whole or not at all; an import or a
restore either lands completely or leaves the file as it was.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sqlite3
from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime
from pathlib import Path

from sqlite_utils import Database

from .migrations import migrations

DB_ENV_VAR = "RETURN_TO_RUN_DB"
DEFAULT_DB_PATH = Path(__file__).resolve().parent.parent.parent / "data" / "return_to_run.db"
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


class StorageError(RuntimeError):
    """A database problem explained for her: what happened and what to do next."""


def db_path() -> Path:
    """Where her database lives: $RETURN_TO_RUN_DB, or data/return_to_run.db in the app folder."""
    configured = os.environ.get(DB_ENV_VAR)
    return Path(configured).expanduser() if configured else DEFAULT_DB_PATH


def example_db_path(main_path: Path) -> Path:
    """The example persona lives in its own file beside hers, never in her database."""
    return main_path.with_name(main_path.stem + ".example.db")


def now() -> str:
    """The current UTC time as ISO text to the second, for created_at/updated_at columns."""
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
        raise StorageError(explain(error, path)) from error
    return db


def explain(error: sqlite3.DatabaseError, path: Path) -> str:
    """A sentence for her about a SQLite failure on the file at `path`, with what to do next."""
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


def to_sqlite(clean: Mapping) -> dict:
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
def writing(db: Database) -> Iterator[None]:
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


def file_of(db: Database) -> Path:
    """The file behind a connection (":memory:" for an in-memory database)."""
    return Path(db.conn.execute("PRAGMA database_list").fetchone()[2] or ":memory:")


def write_errors(fn):
    """Decorator: SQLite failures during a write become StorageError with a way forward."""

    @functools.wraps(fn)
    def wrapper(db: Database, *args, **kwargs):
        try:
            return fn(db, *args, **kwargs)
        except sqlite3.IntegrityError:
            raise
        except sqlite3.DatabaseError as error:
            raise StorageError(explain(error, file_of(db))) from error

    return wrapper


def data_version(db: Database) -> int:
    """A number that changes whenever her logs or profile change (bumped by triggers)."""
    return db.execute("SELECT version FROM data_version WHERE id = 1").fetchone()[0]


def remove_database(path: Path | str) -> None:
    """Delete a database file and its WAL side files (used for the example database)."""
    path = Path(path)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
