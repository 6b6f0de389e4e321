"""Writing her records. Every function here takes CLEAN rows (from validation, via services)
and writes them in one transaction; the rules and the validators live in services.

Updates and deletes take an optional `expected` row (the record as the caller read it):
when the stored record differs or is gone, StaleRecordError is raised and nothing is
written, so a second window cannot silently drop or overwrite her edit.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Callable, Iterable, Mapping
from datetime import date

from sqlite_utils import Database

from .connection import StorageError, database_id, now, to_sqlite, write_errors, writing
from .queries import get_row

NOUNS = {
    "runs": "run",
    "symptoms": "symptom entry",
    "red_flags": "red flag",
    "readiness_results": "test result",
    "foundation_sessions": "session",
}


class StaleRecordError(StorageError):
    """The record was changed or deleted elsewhere (another window) since the caller read it."""


class UndoError(StorageError):
    """An undo that cannot be applied; the message says why. Nothing was changed."""


def new_uid() -> str:
    """A fresh record uid: 32 random hex digits (uuid4)."""
    return uuid.uuid4().hex


def _comparable(value):
    if isinstance(value, float) and math.isnan(value):
        return None
    if type(value).__name__ in ("NAType", "NaTType"):
        return None
    value = to_sqlite({"v": value})["v"]
    if isinstance(value, int | float) or type(value).__name__.startswith(("int", "float")):
        return float(value)
    return value


def same_values(stored: Mapping, expected: Mapping) -> bool:
    """Whether every column of `expected` that the stored row has holds the same value
    (dates, booleans and numbers compared as stored; NaN and None alike)."""
    return all(_comparable(stored[key]) == _comparable(value) for key, value in expected.items() if key in stored)


def current_row(db: Database, table: str, record_id: int, expected: Mapping | None) -> dict:
    """The stored row, checked against `expected`; raises StaleRecordError when it is gone or changed."""
    row = get_row(db, table, record_id)
    if row is None or (expected is not None and not same_values(row, expected)):
        raise StaleRecordError(
            f"This {NOUNS[table]} was changed or deleted in another window, so nothing was saved. "
            "Your typing is still in the form: reload the page to see the record as it is now."
        )
    return row


def _check_database(db: Database, snapshot: Mapping, noun: str) -> None:
    made_in = snapshot.get("database_id")
    if made_in is not None and made_in != database_id(db):
        raise UndoError(
            f"That {noun} was deleted from other data (the example data, or data since replaced by a "
            "restore), so it was not put back here."
        )


def _uid_taken(db: Database, table: str, uid: str | None) -> int | None:
    if not uid:
        return None
    found = db.execute(f"SELECT id FROM [{table}] WHERE uid = ?", [uid]).fetchone()
    return found[0] if found else None


def _put_back(db: Database, table: str, row: Mapping) -> int:
    """Insert a deleted row again: under its old id when free, else a new one; returns the id."""
    row = dict(row)
    if get_row(db, table, row["id"]) is not None:
        row.pop("id")  # the id was reused by a newer record: keep both, under a new id
    return db[table].insert(row).last_pk


# ---------------------------------------------------------------- profile


@write_errors
def write_profile(db: Database, clean: Mapping) -> None:
    """Insert or replace her (one) profile."""
    with writing(db):
        db["profile"].upsert({"id": 1, **to_sqlite(clean), "updated_at": now()}, pk="id")


# ---------------------------------------------------------------- runs


@write_errors
def insert_run(db: Database, clean: Mapping) -> int:
    """Write one run; returns its id."""
    with writing(db):
        return db["runs"].insert({**to_sqlite(clean), "uid": new_uid(), "created_at": now()}).last_pk


@write_errors
def replace_run(db: Database, run_id: int, clean: Mapping, *, expected: Mapping | None = None) -> None:
    """Replace the fields in `clean` of run `run_id`; StaleRecordError when it changed or went."""
    with writing(db):
        current_row(db, "runs", run_id, expected)
        db["runs"].update(run_id, to_sqlite(clean))


@write_errors
def delete_run(db: Database, run_id: int, *, expected: Mapping | None = None) -> dict:
    """Delete a run; returns a snapshot that `undo_delete_run` puts back.

    Symptoms logged against the run are kept (their link is cleared), because a
    symptom is her record even when the run entry was a mistake.
    """
    with writing(db):
        run = current_row(db, "runs", run_id, expected)
        linked = list(db.query("SELECT id, uid FROM symptoms WHERE run_id = ?", [run_id]))
        db.execute("DELETE FROM runs WHERE id = ?", [run_id])
        return {
            "run": run,
            "linked_symptom_ids": [r["id"] for r in linked],
            "linked_symptom_uids": [r["uid"] for r in linked],
            "database_id": database_id(db),
        }


@write_errors
def undo_delete_run(db: Database, snapshot: Mapping) -> int:
    """Put back a run removed by `delete_run`, with its links to symptoms; returns its id.

    Under its old id when free, else under a new one (a run saved since took the id).
    Putting back a run that is already back does nothing. Raises UndoError when the
    snapshot came from another database or the run was imported again since.
    """
    _check_database(db, snapshot, "run")
    run = dict(snapshot["run"])
    with writing(db):
        back = _uid_taken(db, "runs", run.get("uid"))
        if back is not None:
            return back
        if run.get("source_id") is not None:
            found = db.execute(
                "SELECT id FROM runs WHERE source = ? AND source_id = ?", [run["source"], run["source_id"]]
            ).fetchone()
            if found:
                raise UndoError("That run was imported again after it was deleted, so it is already in your log.")
        run_id = _put_back(db, "runs", run)
        uids = snapshot.get("linked_symptom_uids")
        if uids:
            marks = ", ".join("?" for _ in uids)
            db.execute(f"UPDATE symptoms SET run_id = ? WHERE run_id IS NULL AND uid IN ({marks})", [run_id, *uids])
        else:
            for symptom_id in snapshot.get("linked_symptom_ids", []):
                db.execute("UPDATE symptoms SET run_id = ? WHERE id = ? AND run_id IS NULL", [run_id, symptom_id])
        return run_id


# ---------------------------------------------------------------- mood checks


@write_errors
def insert_mood_check(db: Database, clean: Mapping) -> int:
    """Write one weekly mood check; returns its id."""
    with writing(db):
        return db["mood_checks"].insert({**to_sqlite(clean), "uid": new_uid(), "created_at": now()}).last_pk


# ---------------------------------------------------------------- symptoms


@write_errors
def insert_symptom(db: Database, clean: Mapping, red_flag_codes: Iterable[str]) -> int:
    """Write a symptom entry and the red flags it raised, in one transaction; returns its id."""
    with writing(db):
        symptom_id = db["symptoms"].insert({**to_sqlite(clean), "uid": new_uid(), "created_at": now()}).last_pk
        for code in red_flag_codes:
            _insert_red_flag(db, code, clean["symptom_date"], symptom_id)
    return symptom_id


@write_errors
def delete_symptom(db: Database, symptom_id: int, *, expected: Mapping | None = None) -> dict:
    """Delete a symptom entry; returns a snapshot for `undo_delete_symptom`.

    Red flags it raised stay in her history (their link is cleared).
    """
    with writing(db):
        row = current_row(db, "symptoms", symptom_id, expected)
        flags = list(db.query("SELECT id, uid FROM red_flags WHERE symptom_id = ?", [symptom_id]))
        db.execute("DELETE FROM symptoms WHERE id = ?", [symptom_id])
        return {
            "symptom": row,
            "red_flag_ids": [r["id"] for r in flags],
            "red_flag_uids": [r["uid"] for r in flags],
            "database_id": database_id(db),
        }


@write_errors
def undo_delete_symptom(db: Database, snapshot: Mapping) -> int:
    """Put back a symptom entry removed by `delete_symptom` (under a new id if its id was
    reused); returns its id. A run deleted since is not linked again."""
    _check_database(db, snapshot, "symptom entry")
    symptom = dict(snapshot["symptom"])
    with writing(db):
        back = _uid_taken(db, "symptoms", symptom.get("uid"))
        if back is not None:
            return back
        if symptom.get("run_id") is not None and get_row(db, "runs", symptom["run_id"]) is None:
            symptom["run_id"] = None
        symptom_id = _put_back(db, "symptoms", symptom)
        uids = snapshot.get("red_flag_uids")
        if uids:
            marks = ", ".join("?" for _ in uids)
            db.execute(
                f"UPDATE red_flags SET symptom_id = ? WHERE symptom_id IS NULL AND uid IN ({marks})",
                [symptom_id, *uids],
            )
        else:
            for flag_id in snapshot.get("red_flag_ids", []):
                db.execute(
                    "UPDATE red_flags SET symptom_id = ? WHERE id = ? AND symptom_id IS NULL", [symptom_id, flag_id]
                )
        return symptom_id


# ---------------------------------------------------------------- red flags


def _insert_red_flag(db: Database, code: str, flagged_date: date, symptom_id: int | None) -> int:
    row = {
        "flag_code": code,
        "flagged_date": flagged_date.isoformat(),
        "symptom_id": symptom_id,
        "resolved_date": None,
        "resolved_note": "",
        "uid": new_uid(),
        "created_at": now(),
    }
    return db["red_flags"].insert(row).last_pk


@write_errors
def insert_red_flags(db: Database, codes: Iterable[str], *, flagged_date: date) -> list[int]:
    """Write red flags not tied to a symptom entry (the short check-in); returns their ids."""
    with writing(db):
        return [_insert_red_flag(db, code, flagged_date, None) for code in codes]


@write_errors
def write_resolution(
    db: Database, flag_id: int, *, resolved_date: date, note: str, expected: Mapping | None = None
) -> None:
    """Mark red flag `flag_id` resolved on `resolved_date` with `note`; it stays in her history."""
    with writing(db):
        current_row(db, "red_flags", flag_id, expected)
        db["red_flags"].update(flag_id, {"resolved_date": resolved_date.isoformat(), "resolved_note": note})


# ---------------------------------------------------------------- readiness and foundation


@write_errors
def insert_readiness_results(db: Database, cleans: Iterable[Mapping], *, replace_same_day: bool = False) -> list[int]:
    """Write a set of readiness test results in one transaction; returns their ids. With
    replace_same_day, a stored result of the same test on the same date is removed first
    (a repeat the same day replaces the earlier one: the latest wins)."""
    cleans = list(cleans)
    with writing(db):
        if replace_same_day:
            for c in cleans:
                db.execute(
                    "DELETE FROM readiness_results WHERE test_date = ? AND test_code = ?",
                    [to_sqlite(c)["test_date"], c["test_code"]],
                )
        return [
            db["readiness_results"].insert({**to_sqlite(c), "uid": new_uid(), "created_at": now()}).last_pk
            for c in cleans
        ]


@write_errors
def insert_foundation_session(db: Database, clean: Mapping) -> int:
    """Write a pelvic floor or strength session; returns its id."""
    with writing(db):
        row = {**to_sqlite(clean), "uid": new_uid(), "created_at": now()}
        return db["foundation_sessions"].insert(row).last_pk


@write_errors
def delete_foundation_session(db: Database, session_id: int, *, expected: Mapping | None = None) -> dict:
    """Delete a foundation session; returns a snapshot for `undo_delete_foundation_session`."""
    with writing(db):
        row = current_row(db, "foundation_sessions", session_id, expected)
        db.execute("DELETE FROM foundation_sessions WHERE id = ?", [session_id])
        return {"session": row, "database_id": database_id(db)}


@write_errors
def undo_delete_foundation_session(db: Database, snapshot: Mapping) -> int:
    """Put back a session removed by `delete_foundation_session`; returns its id."""
    _check_database(db, snapshot, "session")
    row = dict(snapshot["session"]) if "session" in snapshot else dict(snapshot)
    with writing(db):
        back = _uid_taken(db, "foundation_sessions", row.get("uid"))
        return back if back is not None else _put_back(db, "foundation_sessions", row)


# ---------------------------------------------------------------- lessons and settings


@write_errors
def mark_lesson_read(db: Database, slug: str, *, today: date) -> None:
    """Record that she has read a lesson."""
    with writing(db):
        db["lesson_progress"].upsert({"slug": slug, "read_date": today.isoformat()}, pk="slug")


@write_errors
def mark_lesson_unread(db: Database, slug: str) -> None:
    """Forget that a lesson was read."""
    with writing(db):
        db.execute("DELETE FROM lesson_progress WHERE slug = ?", [slug])


@write_errors
def set_setting(db: Database, key: str, value: str | None) -> None:
    """Store a preference; None removes it."""
    with writing(db):
        if value is None:
            db.execute("DELETE FROM settings WHERE key = ?", [key])
        else:
            db["settings"].upsert({"key": key, "value": value}, pk="key")


# ---------------------------------------------------------------- imports

IMPORTED_RUN_COLUMNS = (
    "run_date",
    "duration_min",
    "distance_km",
    "kind",
    "run_interval_min",
    "walk_interval_min",
    "interval_repeats",
    "effort_1_10",
    "notes",
    "source",
    "source_id",
    "title",
    "start_time",
)


@write_errors
def insert_imported_runs(
    db: Database,
    cleans: list[Mapping],
    *,
    import_batch: str,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, int]:
    """Write imported runs in ONE transaction; returns {"added": n, "duplicates": n}.

    Rows whose (source, source_id) is already stored are skipped. Every row carries
    `import_batch`, so `delete_import_batch` can take the whole import back.
    """
    added = duplicates = 0
    created_at = now()
    names = ", ".join(IMPORTED_RUN_COLUMNS)
    marks = ", ".join("?" for _ in range(len(IMPORTED_RUN_COLUMNS) + 3))
    sql = f"INSERT OR IGNORE INTO runs ({names}, import_batch, uid, created_at) VALUES ({marks})"
    with writing(db):
        for done, clean in enumerate(cleans, start=1):
            row = to_sqlite({"title": "", "start_time": None, **clean})
            values = [row[name] for name in IMPORTED_RUN_COLUMNS]
            cursor = db.execute(sql, [*values, import_batch, new_uid(), created_at])
            if cursor.rowcount:
                added += 1
            else:
                duplicates += 1
            if progress and (done % 200 == 0 or done == len(cleans)):
                progress(done, len(cleans))
    return {"added": added, "duplicates": duplicates}


@write_errors
def delete_import_batch(db: Database, import_batch: str) -> int:
    """Delete every run of one import (symptoms linked to them are kept); returns how many."""
    with writing(db):
        return db.execute("DELETE FROM runs WHERE import_batch = ?", [import_batch]).rowcount
