"""Reading her records: one row, a table as a DataFrame, the whole history, counts, settings."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlite_utils import Database

from .. import frame_cache, models, records
from ..lazy_import import lazy_module
from .connection import USER_TABLES

pd = lazy_module("pandas")  # imported on first use: see lazy_import

# ---------------------------------------------------------------- one record


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
        country=row.get("country"),
    )


def get_row(db: Database, table: str, record_id: int) -> dict | None:
    """One row of a record table as stored (ISO dates, 0/1 flags), or None when it is gone."""
    rows = list(db.query(f"SELECT * FROM [{table}] WHERE id = ?", [record_id]))
    return rows[0] if rows else None


def get_run(db: Database, run_id: int) -> dict:
    """One run as a dict; raises KeyError when there is no such run."""
    row = get_row(db, "runs", run_id)
    if row is None:
        raise KeyError(f"No run with id {run_id}")
    return row


def run_exists(db: Database, run_id: int) -> bool:
    """Whether a run with this id is stored."""
    return bool(list(db.query("SELECT 1 FROM runs WHERE id = ?", [run_id])))


# ---------------------------------------------------------------- tables as frames


def date_range(column: str, start: date | None, end: date | None) -> tuple[str, list]:
    """A WHERE clause (or '') and its parameters for start <= column <= end."""
    clauses, params = [], []
    if start:
        clauses.append(f"{column} >= ?")
        params.append(start.isoformat())
    if end:
        clauses.append(f"{column} <= ?")
        params.append(end.isoformat())
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


def frame(rows: Iterable[dict], columns: tuple[str, ...], date_columns: tuple[str, ...]) -> pd.DataFrame:
    """Rows as a DataFrame with `columns` first and ISO dates turned into dates."""
    rows = list(rows)
    names = list(rows[0]) if rows else []
    return _frame([tuple(row.values()) for row in rows], names, columns, date_columns)


def _frame(
    rows: list[tuple], names: list[str], columns: tuple[str, ...], date_columns: tuple[str, ...]
) -> pd.DataFrame:
    """frame() from rows as tuples in the order of `names` (a cursor's rows: no dict per row,
    which halves the time for ten years of runs; the same DataFrame as from dicts)."""
    if not rows:
        return pd.DataFrame({name: pd.Series(dtype="object") for name in columns})
    table = pd.DataFrame.from_records(rows, columns=names)
    for column in date_columns:
        table[column] = [date.fromisoformat(v) if isinstance(v, str) else None for v in table[column]]
    ordered = [c for c in columns if c in table.columns]
    rest = [c for c in table.columns if c not in ordered]
    return table[ordered + rest]


def _read(db: Database, sql: str, params: list | tuple = ()) -> tuple[list[tuple], list[str]]:
    """(rows as tuples, column names) of a query."""
    cursor = db.conn.execute(sql, params)
    return cursor.fetchall(), [d[0] for d in cursor.description]


# (History field, table, ORDER BY, columns first, date columns): what load_history reads.
HISTORY_TABLES = (
    ("runs", "runs", "run_date DESC, id DESC", models.RUN_COLUMNS, ("run_date",)),
    ("symptoms", "symptoms", "symptom_date DESC, id DESC", models.SYMPTOM_COLUMNS, ("symptom_date",)),
    ("readiness", "readiness_results", "test_date DESC, id DESC", models.READINESS_COLUMNS, ("test_date",)),
    (
        "red_flags",
        "red_flags",
        "flagged_date DESC, id DESC",
        models.RED_FLAG_COLUMNS,
        ("flagged_date", "resolved_date"),
    ),
    ("foundation", "foundation_sessions", "session_date DESC, id DESC", models.FOUNDATION_COLUMNS, ("session_date",)),
    ("mood", "mood_checks", "check_date DESC, id DESC", models.MOOD_COLUMNS, ("check_date",)),
)


def list_runs(db: Database, *, start: date | None = None, end: date | None = None) -> pd.DataFrame:
    """Runs between start and end inclusive (all when None), newest first, RUN_COLUMNS + created_at."""
    where, params = date_range("run_date", start, end)
    rows, names = _read(db, f"SELECT * FROM runs {where} ORDER BY run_date DESC, id DESC", params)
    return _frame(rows, names, models.RUN_COLUMNS, ("run_date",))


def latest_run(db: Database) -> dict | None:
    """Her latest run (RUN_COLUMNS, typed as list_runs types them), or None: one row read,
    not ten years."""
    rows, names = _read(db, "SELECT * FROM runs ORDER BY run_date DESC, id DESC LIMIT 1")
    frame = _frame(rows, names, models.RUN_COLUMNS, ("run_date",))
    return None if frame.empty else frame.iloc[0].to_dict()


def recent_runs_for_checkin(db: Database, *, limit: int = 10) -> list[dict]:
    """The latest runs, for linking a symptom entry to a run."""
    return list(
        db.query("SELECT id, run_date, kind, duration_min FROM runs ORDER BY run_date DESC, id DESC LIMIT ?", [limit])
    )


def list_symptoms(db: Database, *, start: date | None = None, end: date | None = None) -> pd.DataFrame:
    """Symptom entries between start and end inclusive, newest first (SYMPTOM_COLUMNS)."""
    where, params = date_range("symptom_date", start, end)
    rows, names = _read(db, f"SELECT * FROM symptoms {where} ORDER BY symptom_date DESC, id DESC", params)
    return _frame(rows, names, models.SYMPTOM_COLUMNS, ("symptom_date",))


def list_red_flags(db: Database) -> pd.DataFrame:
    """Every red flag ever raised, newest first (RED_FLAG_COLUMNS)."""
    rows, names = _read(db, "SELECT * FROM red_flags ORDER BY flagged_date DESC, id DESC")
    return _frame(rows, names, models.RED_FLAG_COLUMNS, ("flagged_date", "resolved_date"))


def list_readiness(db: Database) -> pd.DataFrame:
    """Readiness results, newest first (READINESS_COLUMNS)."""
    rows, names = _read(db, "SELECT * FROM readiness_results ORDER BY test_date DESC, id DESC")
    return _frame(rows, names, models.READINESS_COLUMNS, ("test_date",))


def list_foundation(db: Database, *, start: date | None = None, end: date | None = None) -> pd.DataFrame:
    """Foundation sessions, newest first (FOUNDATION_COLUMNS)."""
    where, params = date_range("session_date", start, end)
    rows, names = _read(db, f"SELECT * FROM foundation_sessions {where} ORDER BY session_date DESC, id DESC", params)
    return _frame(rows, names, models.FOUNDATION_COLUMNS, ("session_date",))


def list_mood_checks(db: Database) -> pd.DataFrame:
    """Her weekly mood checks, newest first (MOOD_COLUMNS; yes/no as 0/1)."""
    rows, names = _read(db, "SELECT * FROM mood_checks ORDER BY check_date DESC, id DESC")
    return _frame(rows, names, models.MOOD_COLUMNS, ("check_date",))


# ---------------------------------------------------------------- whole history


def load_history(db: Database) -> models.History:
    """Everything she has logged, as the DataFrames the pure modules take."""
    return read_history(db)[0]


def read_history(db: Database, previous: dict | None = None) -> tuple[models.History, dict]:
    """(load_history(db), what was read): `previous` is what an earlier call on the same file
    returned. Per table, by its change counter (m005's table_versions, bumped by trigger for
    every row inserted, updated or deleted):
    - the same counter as then: that call's DataFrame is kept (the same object, unread), and
      whatever was built from it (records.from_history's parts) too;
    - moved only by rows added since (see _only_added): the earlier frame plus the new rows,
      and the earlier records plus theirs (records.extend_built), not ten years again;
    - anything else: the table is read in full.
    Only pass what a call on the same file (same database id) returned: counters are per file.
    """
    previous = previous or {}
    read: dict = {}
    frames = {}
    # One read transaction: the counters and the rows are of the same moment (WAL snapshot).
    own_snapshot = not db.conn.in_transaction
    if own_snapshot:
        db.execute("BEGIN")
    try:
        versions = dict(db.execute("SELECT name, version FROM table_versions").fetchall())
        for field_name, table, order, columns, date_columns in HISTORY_TABLES:
            version = versions[table]
            earlier = previous.get(field_name)
            if earlier is not None and earlier[0] == version:
                frames[field_name] = earlier[1]
            else:
                frame = _only_added(db, table, order, version, earlier, columns, date_columns) if earlier else None
                if frame is None:
                    rows, names = _read(db, f"SELECT * FROM [{table}] ORDER BY {order}")
                    frame = _frame(rows, names, columns, date_columns)
                frames[field_name] = frame
            read[field_name] = (version, frames[field_name])
    finally:
        if own_snapshot:
            db.execute("COMMIT")
    return models.History(**frames), read


def _only_added(
    db: Database, table: str, order: str, version: int, earlier: tuple, columns, date_columns
) -> pd.DataFrame | None:
    """The table's frame as a full read would give it, from the earlier frame plus the rows
    added since, or None when something else may have changed (then it is read in full).

    Every row inserted, updated or deleted bumps the counter by one, so when the counter
    moved by N, the row count grew by N and exactly N rows have an id above the earlier
    highest, those N inserts are all that happened (an update or a delete needs a bump of
    its own, and an update that moved a row's id past the highest leaves the count short).
    The new rows must also read into the same column types, or the full read's could differ.
    """
    earlier_version, earlier_frame = earlier
    if earlier_frame.empty or "id" not in earlier_frame:
        return None
    moved = version - earlier_version
    highest = int(earlier_frame["id"].max())
    count = db.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0]
    if moved <= 0 or count != len(earlier_frame) + moved:
        return None
    rows, names = _read(db, f"SELECT * FROM [{table}] WHERE id > ? ORDER BY {order}", [highest])
    if len(rows) != moved:
        return None
    added = _conformed(_frame(rows, names, columns, date_columns), earlier_frame)
    if added is None:
        return None
    day = date_columns[0]
    if added[day].iloc[-1] >= earlier_frame[day].iloc[0]:
        # The usual save: nothing added is older than the newest earlier row, and its ids are
        # higher, so newest first it all goes before the earlier rows (no sort of ten years).
        frame = pd.concat([added, earlier_frame], ignore_index=True)
        frame_cache.extend_row_wise(frame, earlier_frame, added)
    else:
        combined = pd.concat([earlier_frame, added], ignore_index=True)
        frame = combined.sort_values([day, "id"], ascending=False, kind="stable").reset_index(drop=True)
    records.extend_built(frame, earlier_frame, added)
    return frame


def _conformed(added: pd.DataFrame, earlier: pd.DataFrame) -> pd.DataFrame | None:
    """`added` with the column types a full read of both frames' rows would give, or None
    when that is not simply `earlier`'s. A column of `added` with nothing in it (a new run
    without a distance or a title) takes `earlier`'s type when that type holds a missing
    value as the full read would: NaN in numbers and text, None in objects; whole numbers
    take `earlier`'s floats. Any other difference (numbers where `earlier` had none, a
    missing value in whole numbers) could change the whole column's type, so the table is
    read in full."""
    if list(added.columns) != list(earlier.columns):
        return None
    casts = {}
    for name, earlier_type in earlier.dtypes.items():
        added_type = added[name].dtype
        if added_type == earlier_type:
            continue
        holds_missing = str(earlier_type) in ("float64", "object", "str")
        # Whole numbers added to a column of floats (a walk-run's repeats beside runs without
        # any) read as floats in the full read too.
        widened = str(earlier_type) == "float64" and added_type.kind in "iu"
        if not (widened or (holds_missing and added[name].isna().all())):
            return None
        casts[name] = earlier_type
    return added.astype(casts) if casts else added


def first_log_date(db: Database) -> date | None:
    """The date of her earliest run or symptom entry, or None when both logs are empty."""
    value = db.execute(
        "SELECT min(day) FROM (SELECT min(run_date) AS day FROM runs UNION ALL SELECT min(symptom_date) FROM symptoms)"
    ).fetchone()[0]
    return date.fromisoformat(value) if value else None


def counts(db: Database) -> dict[str, int]:
    """How many records each log holds (for the empty-app greeting and the export page)."""
    return {
        table: db.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0]
        for table in ("runs", "symptoms", "readiness_results", "foundation_sessions", "red_flags")
    }


def table_rows(db: Database, table: str) -> list[dict]:
    """Every row of `table` as stored, in insertion order."""
    return list(db.query(f"SELECT * FROM [{table}] ORDER BY rowid"))


def all_rows(db: Database) -> dict[str, list[dict]]:
    """Every row of every user table, for tests and comparisons."""
    return {table: table_rows(db, table) for table in USER_TABLES}


# ---------------------------------------------------------------- lessons, settings, imports


def lessons_read(db: Database) -> dict[str, date]:
    """Slug -> date read."""
    return {r["slug"]: date.fromisoformat(r["read_date"]) for r in db.query("SELECT * FROM lesson_progress")}


def get_setting(db: Database, key: str, default: str | None = None) -> str | None:
    """A stored preference, or `default`."""
    rows = list(db.query("SELECT value FROM settings WHERE key = ?", [key]))
    return rows[0]["value"] if rows else default


# She said "I already run, start me where I am" and confirmed it (services.set_start_where_i_am).
START_WHERE_I_AM = "start_where_i_am"


def start_where_i_am(db: Database) -> bool:
    """Whether she confirmed "I already run, start me where I am" (guidance's placement_confirmed)."""
    return get_setting(db, START_WHERE_I_AM) == "confirmed"


def existing_source_ids(db: Database, source: str) -> set[str]:
    """source_ids already imported from `source`, to skip duplicates in a preview."""
    return {
        r["source_id"]
        for r in db.query("SELECT source_id FROM runs WHERE source = ? AND source_id IS NOT NULL", [source])
    }


def runs_for_matching(db: Database) -> list[dict]:
    """Every run's id, source, source_id, run_date, start_time, duration_min and distance_km:
    what an import preview compares new rows with (importers.find_same_runs), and how it
    finds the runs an import just added."""
    return list(
        db.query("SELECT id, source, source_id, run_date, start_time, duration_min, distance_km FROM runs ORDER BY id")
    )
