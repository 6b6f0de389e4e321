"""The only package with SQL. Every function takes `db` (a sqlite_utils.Database) first.

Rooms: `connection` (paths, opening, the write transaction, errors), `queries` (reading),
`records` (writing one kind of record), `backup` (export, reading a backup), `restore`
(replace or merge a backup) and `migrations` (the schema). This module re-exports their
public names, so callers write `storage.list_runs(db)`. Storage takes clean rows and
writes them: validation and the rules are applied before, in `services`.
"""

from .backup import RestoreError, backup_bytes, export_zip, read_backup
from .connection import (
    BUSY_TIMEOUT_MS,
    DB_ENV_VAR,
    DEFAULT_DB_PATH,
    USER_TABLES,
    StorageError,
    data_version,
    database_id,
    db_path,
    example_db_path,
    open_db,
    remove_database,
)
from .queries import (
    all_rows,
    counts,
    existing_source_ids,
    first_log_date,
    get_profile,
    get_row,
    get_run,
    get_setting,
    lessons_read,
    list_foundation,
    list_readiness,
    list_red_flags,
    list_runs,
    list_symptoms,
    load_history,
    recent_runs_for_checkin,
    run_exists,
)
from .records import (
    StaleRecordError,
    UndoError,
    delete_foundation_session,
    delete_import_batch,
    delete_run,
    delete_symptom,
    insert_foundation_session,
    insert_imported_runs,
    insert_readiness_results,
    insert_red_flags,
    insert_run,
    insert_symptom,
    mark_lesson_read,
    mark_lesson_unread,
    replace_run,
    set_setting,
    undo_delete_foundation_session,
    undo_delete_run,
    undo_delete_symptom,
    write_profile,
    write_resolution,
)
from .restore import write_backup

# Saves that validate and apply rules moved to `services` (the one door for every save).
# Until every caller says services.add_run, storage.add_run still answers, with the
# service itself, so no caller can write an unvalidated row through the old name.
MOVED_TO_SERVICES = (
    "add_foundation_session",
    "add_readiness_results",
    "add_red_flags",
    "add_run",
    "add_symptom",
    "import_runs",
    "resolve_red_flag",
    "restore_backup",
    "save_profile",
    "update_run",
)


def __getattr__(name: str):
    if name in MOVED_TO_SERVICES:
        from .. import services  # services imports storage: imported on first use, not at load

        return getattr(services, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "BUSY_TIMEOUT_MS",
    "DB_ENV_VAR",
    "DEFAULT_DB_PATH",
    "MOVED_TO_SERVICES",
    "USER_TABLES",
    "RestoreError",
    "StaleRecordError",
    "StorageError",
    "UndoError",
    "all_rows",
    "backup_bytes",
    "counts",
    "data_version",
    "database_id",
    "db_path",
    "delete_foundation_session",
    "delete_import_batch",
    "delete_run",
    "delete_symptom",
    "example_db_path",
    "existing_source_ids",
    "export_zip",
    "first_log_date",
    "get_profile",
    "get_row",
    "get_run",
    "get_setting",
    "insert_foundation_session",
    "insert_imported_runs",
    "insert_readiness_results",
    "insert_red_flags",
    "insert_run",
    "insert_symptom",
    "lessons_read",
    "list_foundation",
    "list_readiness",
    "list_red_flags",
    "list_runs",
    "list_symptoms",
    "load_history",
    "mark_lesson_read",
    "mark_lesson_unread",
    "open_db",
    "read_backup",
    "recent_runs_for_checkin",
    "remove_database",
    "replace_run",
    "run_exists",
    "set_setting",
    "undo_delete_foundation_session",
    "undo_delete_run",
    "undo_delete_symptom",
    "write_backup",
    "write_profile",
    "write_resolution",
]
