"""The schema: the first migration is frozen SQL, and the enums in `models` match the CHECKs."""

import re
import sqlite3
from pathlib import Path

import pytest

from return_to_run import models, storage
from return_to_run.storage import migrations

FIXTURES = Path(__file__).parent / "fixtures" / "migrations"

# (table, column) -> the vocabulary in models that its CHECK must list, in the same order.
ENUM_COLUMNS = {
    ("profile", "birth_type"): models.BIRTH_TYPES,
    ("profile", "perineal_tear"): models.PERINEAL_TEARS,
    ("profile", "feeding"): models.FEEDING,
    ("profile", "running_background"): models.RUNNING_BACKGROUNDS,
    ("profile", "units"): models.UNITS,
    ("runs", "kind"): models.RUN_KINDS,
    ("symptoms", "timing"): models.SYMPTOM_TIMINGS,
    ("symptoms", "leakage"): models.LEAKAGE_LEVELS,
    ("symptoms", "bleeding"): models.BLEEDING_LEVELS,
    ("readiness_results", "test_code"): models.READINESS_TESTS,
    ("foundation_sessions", "activity"): models.FOUNDATION_ACTIVITIES,
}


def _check_values(db, table: str, column: str) -> list[str]:
    sql = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
    found = re.search(rf"\b{column} IN \(([^)]*)\)", sql)
    assert found, f"no CHECK ({column} IN (...)) on {table}"
    return re.findall(r"'([^']*)'", found.group(1))


@pytest.mark.parametrize(("table", "column"), list(ENUM_COLUMNS), ids=[f"{t}.{c}" for t, c in ENUM_COLUMNS])
def test_every_enum_in_models_matches_the_check_of_a_fresh_database(tmp_path, table, column):
    """Changing an enum in models without a new migration fails here."""
    db = storage.open_db(tmp_path / "fresh.db")
    assert _check_values(db, table, column) == list(ENUM_COLUMNS[(table, column)])


def test_pain_columns_in_models_are_the_symptom_table_columns(tmp_path):
    db = storage.open_db(tmp_path / "fresh.db")
    columns = [c.name for c in db["symptoms"].columns if c.name.startswith("pain_")]
    assert tuple(columns) == models.PAIN_COLUMNS


def test_the_first_migration_is_literal_sql_that_gives_the_released_schema(tmp_path):
    """m001 is the SQL the released app ran: its schema equals the v001 fixture, byte for byte."""
    db = sqlite3.connect(tmp_path / "m001.db")
    for statement in migrations.M001_SQL.split(";"):
        if statement.strip():
            db.execute(statement)
    query = "SELECT type, name, sql FROM sqlite_master WHERE tbl_name != '_sqlite_migrations' ORDER BY name"
    released = sqlite3.connect(FIXTURES / "v001.db").execute(query).fetchall()
    assert db.execute(query).fetchall() == released


def test_migrations_never_import_models():
    source = Path(migrations.__file__).read_text("utf-8")
    assert not re.search(r"^\s*(from|import)\s.*\bmodels\b", source, re.MULTILINE)


def test_m003_gives_each_file_a_database_id_and_the_schema_version(tmp_path):
    first = storage.open_db(tmp_path / "a.db")
    second = storage.open_db(tmp_path / "b.db")
    assert dict(first.execute("SELECT key, value FROM meta").fetchall())["schema_version"] == "3"
    assert migrations.SCHEMA_VERSION == 3 == len(migrations.released_names())
    assert storage.database_id(first) != storage.database_id(second)
    assert re.fullmatch(r"[0-9a-f]{32}", storage.database_id(first))


def test_a_row_written_without_uid_gets_one_from_the_trigger(db):
    db.execute("INSERT INTO runs (run_date, duration_min, kind, created_at) VALUES ('2026-11-20', 10, 'walk', 'x')")
    db.execute("INSERT INTO runs (run_date, duration_min, kind, created_at) VALUES ('2026-11-20', 10, 'walk', 'x')")
    uids = [row[0] for row in db.execute("SELECT uid FROM runs")]
    assert len(set(uids)) == 2 and all(re.fullmatch(r"[0-9a-f]{32}", uid) for uid in uids)


@pytest.mark.parametrize(
    ("value", "accepted"),
    [("2026-11-20T06:45:10", True), (None, True), ("2026-11-20 06:45:10", False), ("2026-02-30T06:45:10", False)],
)
def test_run_start_time_check(db, value, accepted):
    sql = "INSERT INTO runs (run_date, duration_min, kind, created_at, start_time) VALUES ('2026-11-20', 10, 'walk', 'x', ?)"
    if accepted:
        db.execute(sql, [value])
    else:
        with pytest.raises(sqlite3.IntegrityError):
            db.execute(sql, [value])
