"""The schema: the first migration is frozen SQL, and the enums in `models` match the CHECKs."""

import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from return_to_run import models, storage
from return_to_run.storage import migrations

FIXTURES = Path(__file__).parent / "fixtures" / "migrations"
V003_TABLES = (
    "profile",
    "runs",
    "symptoms",
    "red_flags",
    "readiness_results",
    "foundation_sessions",
    "lesson_progress",
    "settings",
)

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
    ("profile", "country"): models.COUNTRIES,
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


def test_m003_gives_each_file_a_database_id_and_m005_the_schema_version(tmp_path):
    first = storage.open_db(tmp_path / "a.db")
    second = storage.open_db(tmp_path / "b.db")
    assert dict(first.execute("SELECT key, value FROM meta").fetchall())["schema_version"] == "5"
    assert migrations.SCHEMA_VERSION == 5 == len(migrations.released_names())
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


# ---------------------------------------------------------------- m004


def _v003_copy(tmp_path) -> Path:
    path = tmp_path / "v003.db"
    shutil.copy(FIXTURES / "v003.db", path)
    return path


def test_m004_on_a_v003_database_keeps_every_row_and_maps_more_to_like_period(tmp_path):
    path = _v003_copy(tmp_path)
    with sqlite3.connect(path) as before:
        before.row_factory = sqlite3.Row
        old = {t: [dict(r) for r in before.execute(f"SELECT * FROM [{t}] ORDER BY rowid")] for t in V003_TABLES}
    db = storage.open_db(path)
    assert migrations.migrations.pending(db) == []
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1  # switched back on after the rebuild
    new = storage.all_rows(db)
    for table, rows in old.items():
        assert len(new[table]) == len(rows), table
        for was, now in zip(rows, new[table], strict=True):
            expected = dict(was)
            if table == "symptoms":
                expected["bleeding"] = {"more": "like_period"}.get(was["bleeding"], was["bleeding"])
                assert now["bleeding_heavier_with_activity"] == 0 and now["bleeding_is_period"] == 0
            if table == "profile":
                assert now["country"] is None
            assert {k: now[k] for k in expected} == expected, table
    assert [r["bleeding"] for r in new["symptoms"]] == ["spotting", "like_period"]
    # the red flag that pointed at symptom 2 still does (foreign keys were off for the rebuild)
    assert [r["symptom_id"] for r in new["red_flags"]] == [2, None]
    assert new["mood_checks"] == []
    assert dict(db.execute("SELECT key, value FROM meta").fetchall())["schema_version"] == "5"  # m005 ran after


def test_m004_keeps_the_symptom_table_s_indexes_and_triggers(tmp_path):
    db = storage.open_db(_v003_copy(tmp_path))
    names = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE tbl_name = 'symptoms'")}
    assert names >= {
        "symptoms_by_date",
        "symptoms_by_run",
        "symptoms_by_uid",
        "fill_uid_symptoms",
        "bump_version_symptoms_insert",
        "bump_version_symptoms_update",
        "bump_version_symptoms_delete",
    }
    version = storage.data_version(db)
    db.execute("DELETE FROM symptoms WHERE id = 1")
    assert storage.data_version(db) == version + 1
    db.execute(
        "INSERT INTO mood_checks (check_date, low_mood, little_interest, created_at) VALUES ('2024-06-01', 1, 0, 'x')"
    )
    assert storage.data_version(db) == version + 3  # the insert, and the trigger filling its uid
    assert len(db.execute("SELECT uid FROM mood_checks").fetchone()[0]) == 32


def test_m004_schema_of_a_fresh_database_equals_an_upgraded_one(tmp_path):
    query = "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
    fresh = storage.open_db(tmp_path / "fresh.db").execute(query).fetchall()
    upgraded = storage.open_db(_v003_copy(tmp_path)).execute(query).fetchall()
    assert fresh == upgraded


@pytest.mark.parametrize(
    ("bleeding", "accepted"),
    [("none", True), ("spotting", True), ("like_period", True), ("heavy", True), ("more", False)],
)
def test_m004_bleeding_check(db, bleeding, accepted):
    sql = "INSERT INTO symptoms (symptom_date, timing, leakage, bleeding, created_at) VALUES ('2026-11-20', 'not_linked', 'none', ?, 'x')"
    if accepted:
        db.execute(sql, [bleeding])
    else:
        with pytest.raises(sqlite3.IntegrityError):
            db.execute(sql, [bleeding])


@pytest.mark.parametrize(("country", "accepted"), [(None, True), ("uk", True), ("other", True), ("fr", False)])
def test_m004_country_check(db, country, accepted):
    sql = (
        "INSERT INTO profile (id, birth_date, birth_type, perineal_tear, feeding, leaked_before_or_during_pregnancy, "
        "running_background, previous_running_injury, updated_at, country) "
        "VALUES (1, '2026-01-01', 'vaginal', 'none', 'formula', 0, 'new', 0, 'x', ?)"
    )
    if accepted:
        db.execute(sql, [country])
    else:
        with pytest.raises(sqlite3.IntegrityError):
            db.execute(sql, [country])


def test_m004_reruns_harmlessly_when_its_record_was_lost(tmp_path):
    """A crash after m004's own commit but before sqlite-utils recorded it: the rerun skips what is done."""
    path = _v003_copy(tmp_path)
    storage.open_db(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm004_bleeding_mood_country'")
    db = storage.open_db(path)
    assert migrations.migrations.pending(db) == []
    assert len(storage.all_rows(db)["symptoms"]) == 2


# ---------------------------------------------------------------- m005


def _table_versions(db) -> dict[str, int]:
    return dict(db.execute("SELECT name, version FROM table_versions").fetchall())


def test_m005_counts_the_changes_of_each_logged_table_apart(tmp_path):
    path = tmp_path / "v004.db"
    shutil.copy(FIXTURES / "v004.db", path)
    db = storage.open_db(path)
    assert dict(db.execute("SELECT key, value FROM meta").fetchall())["schema_version"] == "5"
    start = {
        "runs": 0,
        "symptoms": 0,
        "readiness_results": 0,
        "red_flags": 0,
        "foundation_sessions": 0,
        "mood_checks": 0,
    }
    assert _table_versions(db) == start
    db.execute("UPDATE symptoms SET notes = 'changed' WHERE id = 1")
    assert _table_versions(db) == {**start, "symptoms": 1}
    db.execute("DELETE FROM foundation_sessions")
    db.execute(
        "INSERT INTO runs (run_date, duration_min, kind, created_at, uid) VALUES ('2026-11-20', 10, 'walk', 'x', 'u1')"
    )
    db.execute(
        "INSERT INTO mood_checks (check_date, low_mood, little_interest, created_at) VALUES ('2024-06-01', 1, 0, 'x')"
    )
    after = _table_versions(db)
    assert after["symptoms"] == 1 and after["runs"] == 1 and after["readiness_results"] == 0
    assert after["red_flags"] == 0
    assert after["foundation_sessions"] >= 1  # one bump per deleted row
    assert after["mood_checks"] == 2  # the insert, and the trigger filling its uid


def test_m005_schema_of_a_fresh_database_equals_an_upgraded_one(tmp_path):
    query = "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
    fresh = storage.open_db(tmp_path / "fresh.db").execute(query).fetchall()
    path = tmp_path / "v004.db"
    shutil.copy(FIXTURES / "v004.db", path)
    assert storage.open_db(path).execute(query).fetchall() == fresh
