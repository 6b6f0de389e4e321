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

from .migrations import MIGRATION_SET, SCHEMA_VERSION, migrations, released_names

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
    "mood_checks",
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

    The folder is made private (0700) when this app made it or it is the app's own data
    folder, and the database and its -wal/-shm files are 0600 whatever the umask: they hold
    health data. A file made by a newer app, or another program's SQLite file, is refused
    before anything is written to it. Raises StorageError with a plain explanation when the
    folder cannot be created, the file is read-only, locked, refused or not a database.
    """
    path = Path(path)
    _make_folder(path.parent)
    try:
        if not path.exists():
            # Created private from the start: sqlite3 would create it 0644 under a usual umask.
            os.close(os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE_MODE))
    except OSError as error:
        raise StorageError(explain(sqlite3.OperationalError("unable to open database file"), path)) from error
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        db = Database(conn)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        refusal = _refusal(db, path)
        if refusal:
            conn.close()
            raise StorageError(refusal)
        db.execute("PRAGMA foreign_keys = ON")
        if db.journal_mode != "wal":
            db.enable_wal()
        migrations.apply(db)
    except sqlite3.DatabaseError as error:
        raise StorageError(explain(error, path)) from error
    make_private(path)
    return db


PRIVATE_FOLDER_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def _make_folder(folder: Path) -> None:
    """Create the data folder (private); tighten the app's own data folder if it was made earlier."""
    existed = folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StorageError(
            f"The data folder {folder} could not be created ({error.strerror}). "
            f"Check that you may write there, or set {DB_ENV_VAR} to another file."
        ) from error
    # A folder she chose for $RETURN_TO_RUN_DB (her home, say) is hers to set; ours is made private.
    if not existed or folder == DEFAULT_DB_PATH.parent:
        with contextlib.suppress(OSError):
            folder.chmod(PRIVATE_FOLDER_MODE)


def make_private(path: Path | str) -> None:
    """chmod 0600 the database at `path` and its -wal/-shm files (those that exist).

    A file she cannot chmod (owned by another user, a read-only mount) is left as it is:
    opening it already said whether it can be written.
    """
    for suffix in ("", "-wal", "-shm"):
        side = Path(str(path) + suffix)
        with contextlib.suppress(OSError):
            if side.exists() and side.stat().st_mode & 0o777 != PRIVATE_FILE_MODE:
                side.chmod(PRIVATE_FILE_MODE)


def _refusal(db: Database, path: Path) -> str | None:
    """Why this file must not be opened for writing (None when it is new or ours and not newer).

    Reads only: nothing is written to a refused file, not even the WAL switch.
    """
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    tables = {name for name in tables if not name.startswith("sqlite_")}
    if not tables:
        return None  # a new, empty file
    applied: list[str] = []
    if "_sqlite_migrations" in tables:
        applied = [
            row[0] for row in db.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET])
        ]
    if not applied:
        return (
            f"The file {path} is an SQLite database made by another program, not by Return to Run, "
            f"so it was left untouched. Set {DB_ENV_VAR} to another file, or move this one aside."
        )
    known = set(released_names())
    stored_version = None
    if "meta" in tables:
        row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        stored_version = int(row[0]) if row and str(row[0]).isdigit() else None
    if set(applied) - known or (stored_version or 0) > SCHEMA_VERSION:
        return (
            f"The database {path} was saved by a newer version of Return to Run, so this version "
            "left it untouched (it could damage data it does not know). Update the app to use it, "
            f"or set {DB_ENV_VAR} to another file."
        )
    return None


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


def database_id(db: Database) -> str:
    """This file's random id (32 hex digits), made once when the file was created.

    A recreated file has a new id even if its data version is the same number, so a cache
    keyed on (database id, data version) never serves another file's history.
    """
    return db.execute("SELECT value FROM meta WHERE key = 'database_id'").fetchone()[0]


def remove_database(path: Path | str) -> None:
    """Delete a database file and its WAL side files (used for the example database)."""
    path = Path(path)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
