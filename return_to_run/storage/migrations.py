"""Schema, built only through migrations. A migration is never edited once released:
change the schema by adding m002_..., m003_... below.

CHECK constraints repeat the validation rules so that a bug past validation still
cannot store a date that does not exist, a severity of 11 or an unknown enum.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

from .. import models

migrations = Migrations("return_to_run")


def _valid_date(column: str, *, nullable: bool = False) -> str:
    # date(x, '+0 days') normalises; an impossible date such as 2026-02-30 does not
    # survive the round trip, while plain date(x) would accept it.
    check = f"date({column}, '+0 days') IS {column}"
    return f"({column} IS NULL OR {check})" if nullable else check


def _one_of(column: str, options) -> str:
    values = ", ".join(f"'{code}'" for code in options)
    return f"{column} IN ({values})"


def _score(column: str) -> str:
    return f"{column} BETWEEN 0 AND 10"


@migrations()
def m001_initial(db: Database) -> None:
    pain_columns = "\n".join(
        f"    {col} INTEGER NOT NULL DEFAULT 0 CHECK ({_score(col)})," for col in models.PAIN_COLUMNS
    )
    schema = f"""
CREATE TABLE profile (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    birth_date TEXT NOT NULL CHECK ({_valid_date("birth_date")}),
    birth_type TEXT NOT NULL CHECK ({_one_of("birth_type", models.BIRTH_TYPES)}),
    perineal_tear TEXT NOT NULL CHECK ({_one_of("perineal_tear", models.PERINEAL_TEARS)}),
    feeding TEXT NOT NULL CHECK ({_one_of("feeding", models.FEEDING)}),
    leaked_before_or_during_pregnancy INTEGER NOT NULL CHECK (leaked_before_or_during_pregnancy IN (0, 1)),
    running_background TEXT NOT NULL CHECK ({_one_of("running_background", models.RUNNING_BACKGROUNDS)}),
    previous_running_injury INTEGER NOT NULL CHECK (previous_running_injury IN (0, 1)),
    short_sleep_or_high_fatigue INTEGER NOT NULL DEFAULT 0 CHECK (short_sleep_or_high_fatigue IN (0, 1)),
    units TEXT NOT NULL DEFAULT 'km' CHECK ({_one_of("units", models.UNITS)}),
    weight_kg REAL CHECK (weight_kg IS NULL OR weight_kg BETWEEN 30 AND 250),
    updated_at TEXT NOT NULL
);

CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    run_date TEXT NOT NULL CHECK ({_valid_date("run_date")}),
    duration_min REAL NOT NULL CHECK (duration_min > 0 AND duration_min <= 600),
    distance_km REAL CHECK (distance_km IS NULL OR (distance_km > 0 AND distance_km <= 100)),
    kind TEXT NOT NULL CHECK ({_one_of("kind", models.RUN_KINDS)}),
    run_interval_min REAL CHECK (run_interval_min IS NULL OR run_interval_min > 0),
    walk_interval_min REAL CHECK (walk_interval_min IS NULL OR walk_interval_min > 0),
    interval_repeats INTEGER CHECK (interval_repeats IS NULL OR interval_repeats >= 1),
    effort_1_10 INTEGER CHECK (effort_1_10 IS NULL OR effort_1_10 BETWEEN 1 AND 10),
    notes TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT 'manual',
    source_id TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (source, source_id)
);
CREATE INDEX runs_by_date ON runs (run_date);

CREATE TABLE symptoms (
    id INTEGER PRIMARY KEY,
    symptom_date TEXT NOT NULL CHECK ({_valid_date("symptom_date")}),
    run_id INTEGER REFERENCES runs (id) ON DELETE SET NULL,
    timing TEXT NOT NULL CHECK ({_one_of("timing", models.SYMPTOM_TIMINGS)}),
    leakage TEXT NOT NULL CHECK ({_one_of("leakage", models.LEAKAGE_LEVELS)}),
    heaviness_0_10 INTEGER NOT NULL DEFAULT 0 CHECK ({_score("heaviness_0_10")}),
{pain_columns}
    bleeding TEXT NOT NULL CHECK ({_one_of("bleeding", models.BLEEDING_LEVELS)}),
    bowel_leakage INTEGER NOT NULL DEFAULT 0 CHECK (bowel_leakage IN (0, 1)),
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX symptoms_by_date ON symptoms (symptom_date);
CREATE INDEX symptoms_by_run ON symptoms (run_id);

CREATE TABLE red_flags (
    id INTEGER PRIMARY KEY,
    flag_code TEXT NOT NULL CHECK (length(flag_code) > 0),
    flagged_date TEXT NOT NULL CHECK ({_valid_date("flagged_date")}),
    symptom_id INTEGER REFERENCES symptoms (id) ON DELETE SET NULL,
    resolved_date TEXT CHECK ({_valid_date("resolved_date", nullable=True)}
                             AND (resolved_date IS NULL OR resolved_date >= flagged_date)),
    resolved_note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

CREATE TABLE readiness_results (
    id INTEGER PRIMARY KEY,
    test_date TEXT NOT NULL CHECK ({_valid_date("test_date")}),
    test_code TEXT NOT NULL CHECK ({_one_of("test_code", models.READINESS_TESTS)}),
    completed INTEGER NOT NULL CHECK (completed IN (0, 1)),
    had_symptoms INTEGER NOT NULL CHECK (had_symptoms IN (0, 1)),
    reps_left INTEGER CHECK (reps_left IS NULL OR reps_left >= 0),
    reps_right INTEGER CHECK (reps_right IS NULL OR reps_right >= 0),
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX readiness_by_date ON readiness_results (test_date);

CREATE TABLE foundation_sessions (
    id INTEGER PRIMARY KEY,
    session_date TEXT NOT NULL CHECK ({_valid_date("session_date")}),
    activity TEXT NOT NULL CHECK ({_one_of("activity", models.FOUNDATION_ACTIVITIES)}),
    duration_min REAL NOT NULL CHECK (duration_min > 0 AND duration_min <= 600),
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX foundation_by_date ON foundation_sessions (session_date);

CREATE TABLE lesson_progress (
    slug TEXT PRIMARY KEY,
    read_date TEXT NOT NULL CHECK ({_valid_date("read_date")})
);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""
    # One statement at a time: executescript() would COMMIT the migration's transaction.
    for statement in schema.split(";"):
        if statement.strip():
            db.execute(statement)


# Tables whose changes alter what the guidance and charts show.
VERSIONED_TABLES = ("profile", "runs", "symptoms", "red_flags", "readiness_results", "foundation_sessions")


@migrations()
def m002_data_version(db: Database) -> None:
    """A counter that every write to her logs bumps (by trigger, so no code path can
    forget), letting the app cache what it computes from a given version of her data."""
    db.execute("CREATE TABLE data_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)")
    db.execute("INSERT INTO data_version (id, version) VALUES (1, 0)")
    for table in VERSIONED_TABLES:
        for event in ("INSERT", "UPDATE", "DELETE"):
            db.execute(
                f"CREATE TRIGGER bump_version_{table}_{event.lower()} AFTER {event} ON {table} "
                "BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END"
            )
