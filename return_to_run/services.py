"""The one door for every save: validate -> apply the rules -> write.

A form, an import and a restore all come through here, so none can skip a validator or a
rule (a symptom entry always gets its red flags checked, whatever page it came from).
Storage below takes clean rows and writes them; pages and ui call these functions.
Every function takes `db` first; `today` is her local date, passed in.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping
from datetime import date

from sqlite_utils import Database

from . import models, storage, symptoms
from .storage import records, restore
from .storage.backup import RestoreError, read_backup
from .storage.records import StaleRecordError, UndoError
from .validation import (
    Problem,
    ValidationError,
    validate_foundation,
    validate_mood,
    validate_profile,
    validate_readiness,
    validate_red_flag,
    validate_run,
    validate_symptom,
)

__all__ = [
    "RestoreError",
    "StaleRecordError",
    "UndoError",
    "ValidationError",
    "add_foundation_session",
    "add_mood_check",
    "add_readiness_results",
    "add_red_flags",
    "add_run",
    "add_symptom",
    "delete_foundation_session",
    "delete_import_batch",
    "delete_run",
    "delete_symptom",
    "import_runs",
    "mark_lesson_read",
    "mark_lesson_unread",
    "read_backup",
    "resolve_red_flag",
    "restore_backup",
    "save_profile",
    "set_setting",
    "set_start_where_i_am",
    "undo_delete_foundation_session",
    "undo_delete_run",
    "undo_delete_symptom",
    "update_run",
]


def _refuse(problems: list[Problem]) -> None:
    if problems:
        raise ValidationError(problems)


# ---------------------------------------------------------------- profile


def save_profile(db: Database, raw: Mapping, *, today: date) -> models.Profile:
    """Validate and save her profile (insert or replace); returns the saved profile."""
    clean, problems = validate_profile(raw, today=today)
    _refuse(problems)
    records.write_profile(db, clean)
    return storage.get_profile(db)


# ---------------------------------------------------------------- runs


def add_run(db: Database, raw: Mapping, *, today: date) -> int:
    """Validate and save one run; returns its id. Raises ValidationError, nothing written."""
    clean, problems = validate_run(raw, today=today)
    _refuse(problems)
    return records.insert_run(db, clean)


def update_run(db: Database, run_id: int, raw: Mapping, *, today: date, expected: Mapping | None = None) -> None:
    """Validate and replace the editable fields of run `run_id` (its source fields are kept).

    `expected` is the run as the caller read it (storage.get_run): when it was changed or
    deleted in another window since, StaleRecordError is raised and nothing is written.
    Without `expected`, a run deleted elsewhere still raises StaleRecordError.
    """
    existing = storage.get_row(db, "runs", run_id)
    if existing is None:
        records.current_row(db, "runs", run_id, expected)  # raises StaleRecordError
    clean, problems = validate_run(
        {**raw, "source": existing["source"], "source_id": existing["source_id"]}, today=today
    )
    _refuse(problems)
    records.replace_run(db, run_id, clean, expected=expected)


def delete_run(db: Database, run_id: int, *, expected: Mapping | None = None) -> dict:
    """Delete a run (its symptoms are kept); returns the snapshot `undo_delete_run` takes."""
    return records.delete_run(db, run_id, expected=expected)


def undo_delete_run(db: Database, snapshot: Mapping) -> int:
    """Put a deleted run back (under a new id if its id was reused); returns its id or raises UndoError."""
    return records.undo_delete_run(db, snapshot)


def delete_import_batch(db: Database, import_batch: str) -> int:
    """Take back a whole import in one step; returns how many runs were removed."""
    return records.delete_import_batch(db, import_batch)


# ---------------------------------------------------------------- symptoms


def add_symptom(db: Database, raw: Mapping, *, today: date) -> tuple[int, list[str]]:
    """Validate and save a symptom entry plus the red flags it raises, in one transaction.

    Returns (entry id, red flag codes raised). Red flags are checked on every entry,
    whatever page it came from (symptoms.red_flags_for_entry).
    """
    profile = storage.get_profile(db)
    clean, problems = validate_symptom(raw, today=today, birth_date=profile.birth_date if profile else None)
    if clean.get("run_id") is not None and not storage.run_exists(db, clean["run_id"]):
        problems.append(Problem("Run", f"run {clean['run_id']} does not exist (was it deleted?)."))
    _refuse(problems)
    codes = symptoms.red_flags_for_entry(clean, profile=profile, history=storage.load_history(db), today=today)
    return records.insert_symptom(db, clean, codes), list(codes)


def delete_symptom(db: Database, symptom_id: int, *, expected: Mapping | None = None) -> dict:
    """Delete a symptom entry (its red flags stay); returns the snapshot for undo."""
    return records.delete_symptom(db, symptom_id, expected=expected)


def undo_delete_symptom(db: Database, snapshot: Mapping) -> int:
    """Put a deleted symptom entry back; returns its id or raises UndoError."""
    return records.undo_delete_symptom(db, snapshot)


# ---------------------------------------------------------------- red flags


def add_red_flags(db: Database, codes: Iterable[str], *, flagged_date: date, today: date) -> list[int]:
    """Record red flags from the short check-in (not tied to a symptom entry); returns their ids."""
    codes = list(codes)
    problems: list[Problem] = []
    for code in codes:
        _, found = validate_red_flag(
            {"flag_code": code, "flagged_date": flagged_date}, today=today, known_codes=symptoms.RED_FLAGS
        )
        problems += [p for p in found if p not in problems]
    _refuse(problems)
    return records.insert_red_flags(db, codes, flagged_date=flagged_date)


def resolve_red_flag(
    db: Database,
    flag_id: int,
    *,
    resolved_date: date,
    note: str = "",
    today: date,
    expected: Mapping | None = None,
) -> None:
    """Mark a red flag resolved on `resolved_date` (not before it was raised, not in the
    future; the note within the text limit); it stays in her history."""
    row = storage.get_row(db, "red_flags", flag_id)
    if row is None:
        records.current_row(db, "red_flags", flag_id, expected)  # raises StaleRecordError
    clean, problems = validate_red_flag(
        {**row, "resolved_date": resolved_date, "resolved_note": note},
        today=today,
        # A code stored before the app stopped knowing it can still be resolved.
        known_codes={*symptoms.RED_FLAGS, row["flag_code"]},
    )
    _refuse([p for p in problems if p.field in ("Resolved on", "Note")])
    records.write_resolution(
        db, flag_id, resolved_date=clean["resolved_date"], note=clean["resolved_note"], expected=expected
    )


# ---------------------------------------------------------------- readiness and foundation


def add_readiness_results(db: Database, raws: Iterable[Mapping], *, today: date) -> list[int]:
    """Validate and save a set of readiness test results in one transaction (all or none);
    returns the ids saved. Same-day repeats of a test are merged, the latest winning: one in
    this set replaces an earlier one in the set and any stored for that test and date, so a
    retry the same day counts once, as she last did it."""
    latest: dict[tuple, dict] = {}
    problems = []
    for raw in raws:
        clean, found = validate_readiness(raw, today=today)
        name = models.READINESS_TESTS.get(clean.get("test_code") or "", "Test")
        problems += [Problem(f"{name} - {p.field}", p.message) for p in found]
        key = (clean.get("test_date"), clean.get("test_code"))
        latest.pop(key, None)  # re-inserted last: the set keeps the order she did them in
        latest[key] = clean
    _refuse(problems)
    return records.insert_readiness_results(db, list(latest.values()), replace_same_day=True)


def add_foundation_session(db: Database, raw: Mapping, *, today: date) -> int:
    """Validate and save a pelvic floor or strength session; returns its id."""
    clean, problems = validate_foundation(raw, today=today)
    _refuse(problems)
    return records.insert_foundation_session(db, clean)


def delete_foundation_session(db: Database, session_id: int, *, expected: Mapping | None = None) -> dict:
    """Delete a foundation session; returns the snapshot for undo."""
    return records.delete_foundation_session(db, session_id, expected=expected)


def undo_delete_foundation_session(db: Database, snapshot: Mapping) -> int:
    """Put a deleted session back; returns its id or raises UndoError."""
    return records.undo_delete_foundation_session(db, snapshot)


# ---------------------------------------------------------------- mood


def add_mood_check(db: Database, raw: Mapping, *, today: date) -> int:
    """Validate and save the weekly mood check (check_date, low_mood, little_interest: each
    yes or no, neither left blank); returns its id. What it means: mood.mood_support."""
    clean, problems = validate_mood(raw, today=today)
    _refuse(problems)
    return records.insert_mood_check(db, clean)


# ---------------------------------------------------------------- lessons and settings


def mark_lesson_read(db: Database, slug: str, *, today: date) -> None:
    """Record that she has read a lesson."""
    records.mark_lesson_read(db, slug, today=today)


def mark_lesson_unread(db: Database, slug: str) -> None:
    """Forget that a lesson was read."""
    records.mark_lesson_unread(db, slug)


def set_setting(db: Database, key: str, value: str | None) -> None:
    """Store a preference; None removes it."""
    records.set_setting(db, key, value)


def set_start_where_i_am(db: Database, confirmed: bool) -> None:
    """Store (or clear) her confirmed "I already run, start me where I am": her symptom-free
    running of the last 3 weeks, before the tests too, then places her on the levels
    (guidance.today_answer(..., placement_confirmed=storage.start_where_i_am(db)))."""
    records.set_setting(db, storage.START_WHERE_I_AM, "confirmed" if confirmed else None)


# ---------------------------------------------------------------- imports and restore


def import_runs(
    db: Database,
    rows: Iterable[Mapping],
    *,
    today: date,
    progress: Callable[[int, int], None] | None = None,
    import_batch: str | None = None,
) -> dict[str, int]:
    """Validate and save imported runs in ONE transaction; returns {"added": n, "duplicates": n}.

    Each row is re-validated; a single bad row aborts the whole import and nothing is
    written. Rows whose (source, source_id) is already stored are skipped. Every row is
    stamped with `import_batch` (a new id when not given), for undoing the whole import.
    """
    prepared, problems = [], []
    for number, raw in enumerate(rows, start=1):
        clean, found = validate_run(raw, today=today)
        problems += [Problem(f"Run {number} - {p.field}", p.message) for p in found]
        prepared.append(clean)
    _refuse(problems)
    batch = import_batch or uuid.uuid4().hex
    return records.insert_imported_runs(db, prepared, import_batch=batch, progress=progress)


def restore_backup(
    db: Database, tables: Mapping[str, list[dict]], *, mode: str, today: date | None = None
) -> dict[str, int]:
    """Check every record of a backup (from `read_backup`) with the validators the forms use,
    then restore it in one transaction; returns rows written per table.

    mode "replace": her current data is removed first and the backup put in its place.
    mode "merge": records she already has (same uid; for old backups, same date and time
    saved) are kept as she has them, the rest are added. A refused record raises
    RestoreError naming the table, record number and field, and nothing is changed.
    """
    if mode not in ("replace", "merge"):
        raise ValueError("mode must be 'replace' or 'merge'")
    clean = restore.checked_backup(tables, today=today or date.today(), known_codes=symptoms.RED_FLAGS)
    return restore.write_backup(db, clean, mode=mode)
