"""Writing her records: profile, runs, symptoms, red flags, tests, sessions, lessons, settings, imports."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date

from sqlite_utils import Database

from .. import models
from ..validation import (
    Problem,
    ValidationError,
    validate_foundation,
    validate_profile,
    validate_readiness,
    validate_run,
    validate_symptom,
)
from .connection import now, to_sqlite, write_errors, writing
from .queries import get_profile, get_run, load_history


def _check(problems: list[Problem]) -> None:
    if problems:
        raise ValidationError(problems)


# ---------------------------------------------------------------- profile


@write_errors
def save_profile(db: Database, raw: Mapping, *, today: date) -> models.Profile:
    """Validate and save her profile (insert or replace); returns the saved profile."""
    clean, problems = validate_profile(raw, today=today)
    _check(problems)
    with writing(db):
        db["profile"].upsert({"id": 1, **to_sqlite(clean), "updated_at": now()}, pk="id")
    return get_profile(db)


# ---------------------------------------------------------------- runs


@write_errors
def add_run(db: Database, raw: Mapping, *, today: date) -> int:
    """Validate and save one run; returns its id. Raises ValidationError, nothing written."""
    clean, problems = validate_run(raw, today=today)
    _check(problems)
    with writing(db):
        return db["runs"].insert({**to_sqlite(clean), "created_at": now()}).last_pk


@write_errors
def update_run(db: Database, run_id: int, raw: Mapping, *, today: date) -> None:
    """Validate and replace the editable fields of run `run_id` (source fields are kept)."""
    existing = get_run(db, run_id)
    clean, problems = validate_run(
        {**raw, "source": existing["source"], "source_id": existing["source_id"]}, today=today
    )
    _check(problems)
    with writing(db):
        db["runs"].update(run_id, to_sqlite(clean))


@write_errors
def delete_run(db: Database, run_id: int) -> dict:
    """Delete a run; returns a snapshot that `undo_delete_run` puts back exactly.

    Symptoms logged against the run are kept (their link is cleared), because a
    symptom is her record even when the run entry was a mistake.
    """
    with writing(db):
        run = get_run(db, run_id)
        linked = [r["id"] for r in db.query("SELECT id FROM symptoms WHERE run_id = ?", [run_id])]
        db.execute("DELETE FROM runs WHERE id = ?", [run_id])
    return {"run": run, "linked_symptom_ids": linked}


@write_errors
def undo_delete_run(db: Database, snapshot: Mapping) -> None:
    """Put back a run removed by `delete_run`, with its links to symptoms."""
    run = snapshot["run"]
    with writing(db):
        db["runs"].insert(dict(run))
        for symptom_id in snapshot["linked_symptom_ids"]:
            db.execute("UPDATE symptoms SET run_id = ? WHERE id = ?", [run["id"], symptom_id])


# ---------------------------------------------------------------- symptoms


@write_errors
def add_symptom(db: Database, raw: Mapping, *, today: date) -> tuple[int, list[str]]:
    """Validate and save a symptom entry plus the red flags it raises, in one transaction.

    Returns (entry id, red flag codes raised). Red flags are checked on every entry,
    whatever page it came from (symptoms.red_flags_for_entry).
    """
    from .. import symptoms  # the pure red-flag rules; imported here to keep start-up light

    profile = get_profile(db)
    clean, problems = validate_symptom(raw, today=today, birth_date=profile.birth_date if profile else None)
    if clean.get("run_id") is not None and not list(db.query("SELECT 1 FROM runs WHERE id = ?", [clean["run_id"]])):
        problems.append(Problem("Run", f"run {clean['run_id']} does not exist (was it deleted?)."))
    _check(problems)
    codes = symptoms.red_flags_for_entry(clean, profile=profile, history=load_history(db), today=today)
    with writing(db):
        symptom_id = db["symptoms"].insert({**to_sqlite(clean), "created_at": now()}).last_pk
        for code in codes:
            _insert_red_flag(db, code, clean["symptom_date"], symptom_id)
    return symptom_id, list(codes)


@write_errors
def delete_symptom(db: Database, symptom_id: int) -> dict:
    """Delete a symptom entry; returns a snapshot for `undo_delete_symptom`.

    Red flags it raised stay in her history (their link is cleared).
    """
    with writing(db):
        rows = list(db.query("SELECT * FROM symptoms WHERE id = ?", [symptom_id]))
        if not rows:
            raise KeyError(f"No symptom entry with id {symptom_id}")
        flags = [r["id"] for r in db.query("SELECT id FROM red_flags WHERE symptom_id = ?", [symptom_id])]
        db.execute("DELETE FROM symptoms WHERE id = ?", [symptom_id])
    return {"symptom": rows[0], "red_flag_ids": flags}


@write_errors
def undo_delete_symptom(db: Database, snapshot: Mapping) -> None:
    """Put back a symptom entry removed by `delete_symptom`."""
    symptom = dict(snapshot["symptom"])
    with writing(db):
        if symptom.get("run_id") is not None and not list(
            db.query("SELECT 1 FROM runs WHERE id = ?", [symptom["run_id"]])
        ):
            symptom["run_id"] = None
        db["symptoms"].insert(symptom)
        for flag_id in snapshot["red_flag_ids"]:
            db.execute("UPDATE red_flags SET symptom_id = ? WHERE id = ?", [symptom["id"], flag_id])


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
                "created_at": now(),
            }
        )
        .last_pk
    )


@write_errors
def add_red_flags(db: Database, codes: Iterable[str], *, flagged_date: date, today: date) -> list[int]:
    """Record red flags from the short check-in (not tied to a symptom entry)."""
    if flagged_date > today:
        raise ValidationError([Problem("Date", f"{flagged_date.isoformat()} is in the future.")])
    with writing(db):
        return [_insert_red_flag(db, code, flagged_date, None) for code in codes]


@write_errors
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
    with writing(db):
        db["red_flags"].update(flag_id, {"resolved_date": resolved_date.isoformat(), "resolved_note": note})


# ---------------------------------------------------------------- readiness and foundation


@write_errors
def add_readiness_results(db: Database, raws: Iterable[Mapping], *, today: date) -> list[int]:
    """Save a set of readiness test results in one transaction (all or none)."""
    cleans, problems = [], []
    for raw in raws:
        clean, found = validate_readiness(raw, today=today)
        name = models.READINESS_TESTS.get(clean.get("test_code") or "", "Test")
        problems += [Problem(f"{name} - {p.field}", p.message) for p in found]
        cleans.append(clean)
    _check(problems)
    with writing(db):
        return [db["readiness_results"].insert({**to_sqlite(c), "created_at": now()}).last_pk for c in cleans]


@write_errors
def add_foundation_session(db: Database, raw: Mapping, *, today: date) -> int:
    """Validate and save a pelvic floor or strength session; returns its id."""
    clean, problems = validate_foundation(raw, today=today)
    _check(problems)
    with writing(db):
        return db["foundation_sessions"].insert({**to_sqlite(clean), "created_at": now()}).last_pk


@write_errors
def delete_foundation_session(db: Database, session_id: int) -> dict:
    """Delete a foundation session; returns the row so it can be put back."""
    with writing(db):
        rows = list(db.query("SELECT * FROM foundation_sessions WHERE id = ?", [session_id]))
        if not rows:
            raise KeyError(f"No session with id {session_id}")
        db.execute("DELETE FROM foundation_sessions WHERE id = ?", [session_id])
    return rows[0]


@write_errors
def undo_delete_foundation_session(db: Database, row: Mapping) -> None:
    """Put back a session removed by `delete_foundation_session`."""
    with writing(db):
        db["foundation_sessions"].insert(dict(row))


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


@write_errors
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
    created_at = now()
    with writing(db):
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
