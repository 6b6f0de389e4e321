"""Schema, built only through migrations. A migration is never edited once released:
change the schema by adding m004_..., m005_... below, and raise SCHEMA_VERSION.

Migrations are literal SQL and never read live `models`: a database made today must
stay what it is when an enum changes later (tests/test_migrations.py compares the
enums in `models` with the CHECK constraints, so changing one forces a new migration).
CHECK constraints repeat the validation rules so that a bug past validation still
cannot store a date that does not exist, a severity of 11 or an unknown enum.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

MIGRATION_SET = "return_to_run"
migrations = Migrations(MIGRATION_SET)

# The schema this app writes; a database whose meta.schema_version is higher was made by a
# newer app and is refused (storage.connection.open_db), since this code would mis-write it.
SCHEMA_VERSION = 5

# A date column holds a real date: date(x, '+0 days') normalises, so an impossible date
# such as 2026-02-30 does not survive the round trip (plain date(x) would accept it).
M001_SQL = """
CREATE TABLE profile (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    birth_date TEXT NOT NULL CHECK (date(birth_date, '+0 days') IS birth_date),
    birth_type TEXT NOT NULL CHECK (birth_type IN ('vaginal', 'assisted_vaginal', 'planned_c_section', 'unplanned_c_section')),
    perineal_tear TEXT NOT NULL CHECK (perineal_tear IN ('none', 'first_second', 'third_fourth', 'unknown')),
    feeding TEXT NOT NULL CHECK (feeding IN ('breastfeeding', 'mixed', 'formula')),
    leaked_before_or_during_pregnancy INTEGER NOT NULL CHECK (leaked_before_or_during_pregnancy IN (0, 1)),
    running_background TEXT NOT NULL CHECK (running_background IN ('new', 'recreational', 'competitive')),
    previous_running_injury INTEGER NOT NULL CHECK (previous_running_injury IN (0, 1)),
    short_sleep_or_high_fatigue INTEGER NOT NULL DEFAULT 0 CHECK (short_sleep_or_high_fatigue IN (0, 1)),
    units TEXT NOT NULL DEFAULT 'km' CHECK (units IN ('km', 'mi')),
    weight_kg REAL CHECK (weight_kg IS NULL OR weight_kg BETWEEN 30 AND 250),
    updated_at TEXT NOT NULL
);

CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    run_date TEXT NOT NULL CHECK (date(run_date, '+0 days') IS run_date),
    duration_min REAL NOT NULL CHECK (duration_min > 0 AND duration_min <= 600),
    distance_km REAL CHECK (distance_km IS NULL OR (distance_km > 0 AND distance_km <= 100)),
    kind TEXT NOT NULL CHECK (kind IN ('walk', 'walk_run', 'continuous', 'hills_speed', 'buggy')),
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
    symptom_date TEXT NOT NULL CHECK (date(symptom_date, '+0 days') IS symptom_date),
    run_id INTEGER REFERENCES runs (id) ON DELETE SET NULL,
    timing TEXT NOT NULL CHECK (timing IN ('during_run', 'within_24h', 'not_linked')),
    leakage TEXT NOT NULL CHECK (leakage IN ('none', 'drops', 'more')),
    heaviness_0_10 INTEGER NOT NULL DEFAULT 0 CHECK (heaviness_0_10 BETWEEN 0 AND 10),
    pain_pelvis_0_10 INTEGER NOT NULL DEFAULT 0 CHECK (pain_pelvis_0_10 BETWEEN 0 AND 10),
    pain_low_back_0_10 INTEGER NOT NULL DEFAULT 0 CHECK (pain_low_back_0_10 BETWEEN 0 AND 10),
    pain_hip_0_10 INTEGER NOT NULL DEFAULT 0 CHECK (pain_hip_0_10 BETWEEN 0 AND 10),
    pain_knee_0_10 INTEGER NOT NULL DEFAULT 0 CHECK (pain_knee_0_10 BETWEEN 0 AND 10),
    pain_foot_ankle_0_10 INTEGER NOT NULL DEFAULT 0 CHECK (pain_foot_ankle_0_10 BETWEEN 0 AND 10),
    pain_abdomen_scar_0_10 INTEGER NOT NULL DEFAULT 0 CHECK (pain_abdomen_scar_0_10 BETWEEN 0 AND 10),
    pain_other_0_10 INTEGER NOT NULL DEFAULT 0 CHECK (pain_other_0_10 BETWEEN 0 AND 10),
    bleeding TEXT NOT NULL CHECK (bleeding IN ('none', 'spotting', 'more')),
    bowel_leakage INTEGER NOT NULL DEFAULT 0 CHECK (bowel_leakage IN (0, 1)),
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

CREATE INDEX symptoms_by_date ON symptoms (symptom_date);

CREATE INDEX symptoms_by_run ON symptoms (run_id);

CREATE TABLE red_flags (
    id INTEGER PRIMARY KEY,
    flag_code TEXT NOT NULL CHECK (length(flag_code) > 0),
    flagged_date TEXT NOT NULL CHECK (date(flagged_date, '+0 days') IS flagged_date),
    symptom_id INTEGER REFERENCES symptoms (id) ON DELETE SET NULL,
    resolved_date TEXT CHECK ((resolved_date IS NULL OR date(resolved_date, '+0 days') IS resolved_date)
                             AND (resolved_date IS NULL OR resolved_date >= flagged_date)),
    resolved_note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

CREATE TABLE readiness_results (
    id INTEGER PRIMARY KEY,
    test_date TEXT NOT NULL CHECK (date(test_date, '+0 days') IS test_date),
    test_code TEXT NOT NULL CHECK (test_code IN ('walk_30min', 'single_leg_balance', 'single_leg_squat', 'jog_on_spot', 'forward_bounds', 'hop_in_place', 'running_man', 'calf_raise', 'single_leg_bridge', 'single_leg_sit_to_stand', 'side_lying_hip_abduction')),
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
    session_date TEXT NOT NULL CHECK (date(session_date, '+0 days') IS session_date),
    activity TEXT NOT NULL CHECK (activity IN ('pelvic_floor', 'strength', 'breathing', 'low_impact_cardio')),
    duration_min REAL NOT NULL CHECK (duration_min > 0 AND duration_min <= 600),
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

CREATE INDEX foundation_by_date ON foundation_sessions (session_date);

CREATE TABLE lesson_progress (
    slug TEXT PRIMARY KEY,
    read_date TEXT NOT NULL CHECK (date(read_date, '+0 days') IS read_date)
);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""


def released_names() -> list[str]:
    """Names of every migration this app knows, in order."""
    return [migration.name for migration in migrations._migrations]  # sqlite-utils keeps them there


def _statements(sql: str) -> list[str]:
    """One statement at a time: executescript() would COMMIT the migration's transaction."""
    return [statement.strip() for statement in sql.split(";") if statement.strip()]


@migrations()
def m001_initial(db: Database) -> None:
    for statement in _statements(M001_SQL):
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


# Tables of dated records she logs; each record gets a uid from m003 on.
RECORD_TABLES = ("runs", "symptoms", "red_flags", "readiness_results", "foundation_sessions")
RANDOM_UID_SQL = "lower(hex(randomblob(16)))"  # 32 hex digits, the shape of uuid4().hex


@migrations()
def m003_uids_run_titles_meta(db: Database) -> None:
    """A stable unique id per record (merge-restore matches on it, so two records saved in the
    same second both survive); runs keep an import's title apart from her notes, their start
    time (cross-source duplicates) and the import batch they came in; and a meta table holds
    this file's random database id (caches key on it) and the schema version."""
    for table in RECORD_TABLES:
        db.execute(f"ALTER TABLE {table} ADD COLUMN uid TEXT")
        db.execute(f"UPDATE {table} SET uid = {RANDOM_UID_SQL} WHERE uid IS NULL")
        db.execute(f"CREATE UNIQUE INDEX {table}_by_uid ON {table} (uid)")
        # Storage always writes a uid; this only catches a row written some other way.
        db.execute(
            f"CREATE TRIGGER fill_uid_{table} AFTER INSERT ON {table} WHEN NEW.uid IS NULL "
            f"BEGIN UPDATE {table} SET uid = {RANDOM_UID_SQL} WHERE rowid = NEW.rowid; END"
        )
    db.execute("ALTER TABLE runs ADD COLUMN title TEXT NOT NULL DEFAULT ''")
    db.execute(
        "ALTER TABLE runs ADD COLUMN start_time TEXT CHECK (start_time IS NULL OR "
        "strftime('%Y-%m-%dT%H:%M:%S', start_time, '+0 days') IS start_time)"
    )
    db.execute("ALTER TABLE runs ADD COLUMN import_batch TEXT")
    db.execute("CREATE INDEX runs_by_import_batch ON runs (import_batch)")
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute(
        "INSERT INTO meta (key, value) VALUES ('app', 'return_to_run'), "
        f"('database_id', {RANDOM_UID_SQL}), ('schema_version', '3')"
    )


# m004: the symptoms table is rebuilt (SQLite cannot change a CHECK in place). Its columns
# are those of m001 + m003 in the same order, with the new bleeding levels and two yes/no
# columns at the end.
M004_SYMPTOMS_SQL = """
CREATE TABLE symptoms_m004 (
    id INTEGER PRIMARY KEY,
    symptom_date TEXT NOT NULL CHECK (date(symptom_date, '+0 days') IS symptom_date),
    run_id INTEGER REFERENCES runs (id) ON DELETE SET NULL,
    timing TEXT NOT NULL CHECK (timing IN ('during_run', 'within_24h', 'not_linked')),
    leakage TEXT NOT NULL CHECK (leakage IN ('none', 'drops', 'more')),
    heaviness_0_10 INTEGER NOT NULL DEFAULT 0 CHECK (heaviness_0_10 BETWEEN 0 AND 10),
    pain_pelvis_0_10 INTEGER NOT NULL DEFAULT 0 CHECK (pain_pelvis_0_10 BETWEEN 0 AND 10),
    pain_low_back_0_10 INTEGER NOT NULL DEFAULT 0 CHECK (pain_low_back_0_10 BETWEEN 0 AND 10),
    pain_hip_0_10 INTEGER NOT NULL DEFAULT 0 CHECK (pain_hip_0_10 BETWEEN 0 AND 10),
    pain_knee_0_10 INTEGER NOT NULL DEFAULT 0 CHECK (pain_knee_0_10 BETWEEN 0 AND 10),
    pain_foot_ankle_0_10 INTEGER NOT NULL DEFAULT 0 CHECK (pain_foot_ankle_0_10 BETWEEN 0 AND 10),
    pain_abdomen_scar_0_10 INTEGER NOT NULL DEFAULT 0 CHECK (pain_abdomen_scar_0_10 BETWEEN 0 AND 10),
    pain_other_0_10 INTEGER NOT NULL DEFAULT 0 CHECK (pain_other_0_10 BETWEEN 0 AND 10),
    bleeding TEXT NOT NULL CHECK (bleeding IN ('none', 'spotting', 'like_period', 'heavy')),
    bowel_leakage INTEGER NOT NULL DEFAULT 0 CHECK (bowel_leakage IN (0, 1)),
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    uid TEXT,
    bleeding_heavier_with_activity INTEGER NOT NULL DEFAULT 0 CHECK (bleeding_heavier_with_activity IN (0, 1)),
    bleeding_is_period INTEGER NOT NULL DEFAULT 0 CHECK (bleeding_is_period IN (0, 1))
)
"""
M004_SYMPTOM_COLUMNS = (
    "id, symptom_date, run_id, timing, leakage, heaviness_0_10, pain_pelvis_0_10, pain_low_back_0_10, "
    "pain_hip_0_10, pain_knee_0_10, pain_foot_ankle_0_10, pain_abdomen_scar_0_10, pain_other_0_10, "
    "bleeding, bowel_leakage, notes, created_at, uid"
)
# The same columns read from the old table: "more" (more than spotting) becomes "like_period".
M004_SYMPTOM_VALUES = (
    "id, symptom_date, run_id, timing, leakage, heaviness_0_10, pain_pelvis_0_10, pain_low_back_0_10, "
    "pain_hip_0_10, pain_knee_0_10, pain_foot_ankle_0_10, pain_abdomen_scar_0_10, pain_other_0_10, "
    "CASE bleeding WHEN 'more' THEN 'like_period' ELSE bleeding END, bowel_leakage, notes, created_at, uid"
)
M004_MOOD_SQL = """
CREATE TABLE mood_checks (
    id INTEGER PRIMARY KEY,
    check_date TEXT NOT NULL CHECK (date(check_date, '+0 days') IS check_date),
    low_mood INTEGER NOT NULL CHECK (low_mood IN (0, 1)),
    little_interest INTEGER NOT NULL CHECK (little_interest IN (0, 1)),
    created_at TEXT NOT NULL,
    uid TEXT
)
"""
M004_COUNTRY_SQL = (
    "ALTER TABLE profile ADD COLUMN country TEXT "
    "CHECK (country IS NULL OR country IN ('uk', 'ie', 'us', 'ca', 'au', 'other'))"
)


def _record_table_extras(db: Database, table: str) -> None:
    """The indexes and triggers every record table carries: by date, unique uid, a uid for a
    row written without one (m003), and the data-version bump on every change (m002)."""
    db.execute(f"CREATE UNIQUE INDEX {table}_by_uid ON {table} (uid)")
    db.execute(
        f"CREATE TRIGGER fill_uid_{table} AFTER INSERT ON {table} WHEN NEW.uid IS NULL "
        f"BEGIN UPDATE {table} SET uid = {RANDOM_UID_SQL} WHERE rowid = NEW.rowid; END"
    )
    for event in ("INSERT", "UPDATE", "DELETE"):
        db.execute(
            f"CREATE TRIGGER bump_version_{table}_{event.lower()} AFTER {event} ON {table} "
            "BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END"
        )


def _columns(db: Database, table: str) -> list[str]:
    return [row[1] for row in db.execute(f"PRAGMA table_info([{table}])").fetchall()]


@migrations(transactional=False)
def m004_bleeding_mood_country(db: Database) -> None:
    """Bleeding levels a midwife asks about: none, spotting, like a period, heavy (soaking a
    pad in an hour or less, or clots bigger than a plum), plus "heavier with activity" and
    "I think this is my period" yes/no. Stored "more" (more than spotting) becomes
    "like_period": the old level could not tell heavy bleeding apart, and heavy bleeding
    was always also offered as the urgent red-flag tick box. A weekly mood check table
    (the two NICE CG192 questions, yes/no) and her country (for helplines) on the profile.

    Not one transaction of sqlite-utils: rebuilding the symptoms table needs foreign keys
    OFF (with them on, dropping the old table would clear every red flag's link to its
    entry), and that pragma cannot change inside a transaction. So the work runs in its own
    transaction here, and each step is skipped when already done (a crash between this
    commit and sqlite-utils recording the migration then reruns harmlessly).
    """
    if db.conn.in_transaction:
        raise RuntimeError("m004 must start outside a transaction")
    foreign_keys = db.execute("PRAGMA foreign_keys").fetchone()[0]
    db.execute("PRAGMA foreign_keys = OFF")
    try:
        db.execute("BEGIN IMMEDIATE")
        try:
            if "bleeding_is_period" not in _columns(db, "symptoms"):
                db.execute(M004_SYMPTOMS_SQL)
                db.execute(
                    f"INSERT INTO symptoms_m004 ({M004_SYMPTOM_COLUMNS}) SELECT {M004_SYMPTOM_VALUES} FROM symptoms"
                )
                db.execute("DROP TABLE symptoms")
                db.execute("ALTER TABLE symptoms_m004 RENAME TO symptoms")
                db.execute("CREATE INDEX symptoms_by_date ON symptoms (symptom_date)")
                db.execute("CREATE INDEX symptoms_by_run ON symptoms (run_id)")
                _record_table_extras(db, "symptoms")
            if "country" not in _columns(db, "profile"):
                db.execute(M004_COUNTRY_SQL)
            if not _columns(db, "mood_checks"):
                db.execute(M004_MOOD_SQL)
                db.execute("CREATE INDEX mood_checks_by_date ON mood_checks (check_date)")
                _record_table_extras(db, "mood_checks")
            db.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
            broken = db.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError(f"m004 would leave broken links: {broken[:3]}")
            db.execute("COMMIT")
        except BaseException:
            if db.conn.in_transaction:
                db.execute("ROLLBACK")
            raise
    finally:
        db.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")


# Every table read_history turns into a frame: m005 counts the changes of each.
TABLE_VERSIONED = ("runs", "symptoms", "readiness_results", "red_flags", "foundation_sessions", "mood_checks")


@migrations()
def m005_table_versions(db: Database) -> None:
    """A change counter per logged table, bumped by trigger like data_version (m002): after a
    save, only the tables whose counter moved are read again (storage.queries.read_history),
    instead of every table being read in full to find out which one changed. Counters only
    grow within a file (restores write rows, so they bump them too), and a copy made by
    backup_bytes gets its own database id, so a counter seen before always means the same rows.
    """
    db.execute("CREATE TABLE table_versions (name TEXT PRIMARY KEY, version INTEGER NOT NULL) WITHOUT ROWID")
    for table in TABLE_VERSIONED:
        db.execute("INSERT INTO table_versions (name, version) VALUES (?, 0)", [table])
        for event in ("INSERT", "UPDATE", "DELETE"):
            db.execute(
                f"CREATE TRIGGER bump_table_version_{table}_{event.lower()} AFTER {event} ON {table} "
                f"BEGIN UPDATE table_versions SET version = version + 1 WHERE name = '{table}'; END"
            )
    db.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")
