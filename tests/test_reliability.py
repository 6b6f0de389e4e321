"""Reliability, measured: a write killed with SIGKILL, two sessions saving at once, schema
upgrades of every released version, and a damaged, read-only, locked, missing or full
database, each met with a clear message instead of a traceback."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from return_to_run import services, storage
from return_to_run.storage import migrations

from .children.saving_session import fill_and_save_run
from .conftest import PROFILE, ROOT, TODAY, app_test

MIGRATION_FIXTURES = ROOT / "tests" / "fixtures" / "migrations"
BIG = 20_000


def no_exception(at) -> None:
    assert not at.exception, [e.value for e in at.exception]


# ---------------------------------------------------------------- killed mid-write

# The child (tests/children/killed_mid_write.py) writes a big import or restore and parks
# itself part way through the one transaction, so the SIGKILL lands mid-write every time.


def _run_child_and_kill(action: str, path: Path, *, pause: bool) -> str:
    """Start the child, SIGKILL it once it reports progress; return its last line."""
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.children.killed_mid_write",
            action,
            str(path),
            "pause" if pause else "free",
            str(BIG),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    last = ""
    try:
        for line in child.stdout:
            last = line.strip()
            done, total = (int(x) for x in last.split()[1:3]) if last.startswith("progress") else (0, 1)
            if last == "done" or (pause and done >= total // 2) or (not pause and done > 0):
                break
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=10)
        errors = child.stderr.read()
        child.stdout.close()
        child.stderr.close()
    assert "Traceback" not in errors, errors
    return last


def _seed(path: Path) -> None:
    db = storage.open_db(path)
    services.save_profile(db, PROFILE, today=TODAY)
    services.add_run(db, {"run_date": "2026-11-20", "duration_min": 20, "kind": "walk", "notes": "before"}, today=TODAY)
    db.close()


def _reopen_and_check(path: Path) -> sqlite3.Connection:
    storage.open_db(path).close()  # the app's own open: recovers the WAL, migrates
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    return conn


@pytest.mark.parametrize("pause", [True, False], ids=["killed-half-way", "killed-at-first-progress"])
def test_import_killed_mid_transaction_leaves_all_or_none(tmp_path, pause):
    path = tmp_path / "killed.db"
    _seed(path)
    last = _run_child_and_kill("import", path, pause=pause)
    conn = _reopen_and_check(path)
    imported = conn.execute("SELECT count(*) FROM runs WHERE source = 'strava'").fetchone()[0]
    assert imported in (0, BIG), f"partial import: {imported} rows (child's last line: {last})"
    if pause:
        assert imported == 0  # killed before the COMMIT: nothing of it may remain
    assert conn.execute("SELECT notes FROM runs WHERE source = 'manual'").fetchall() == [("before",)]
    assert conn.execute("SELECT count(*) FROM profile").fetchone()[0] == 1


@pytest.mark.parametrize("pause", [True, False], ids=["killed-half-way", "killed-at-first-progress"])
def test_replace_restore_killed_mid_transaction_leaves_old_or_new(tmp_path, pause):
    path = tmp_path / "killed.db"
    _seed(path)
    last = _run_child_and_kill("restore", path, pause=pause)
    conn = _reopen_and_check(path)
    old = conn.execute("SELECT count(*) FROM runs WHERE source = 'manual'").fetchone()[0]
    new = conn.execute("SELECT count(*) FROM runs WHERE source = 'backup'").fetchone()[0]
    profiles = conn.execute("SELECT count(*) FROM profile").fetchone()[0]
    assert (old, new, profiles) in ((1, 0, 1), (0, BIG, 0)), f"mixed state {(old, new, profiles)} ({last})"
    if pause:
        assert (old, new, profiles) == (1, 0, 1)


# ---------------------------------------------------------------- two sessions at once

SAVES_PER_SESSION = 50
# One session per process (tests/children/saving_session.py): two browser tabs of one server
# are two sessions, and AppTests in threads of one process would share Streamlit's global state.


def test_two_sessions_saving_at_once_lose_nothing_and_show_no_error(db_with_profile, db_file):
    """Two sessions (two processes, each its own AppTest and connections) save 50 runs each at once."""
    env = {**os.environ, "RETURN_TO_RUN_DEBUG": ""}
    children = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.children.saving_session", str(n), str(SAVES_PER_SESSION)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(2)
    ]
    reports = [child.communicate(timeout=240) for child in children]
    problems = [json.loads(out.strip().splitlines()[-1]) if out.strip() else err[-2000:] for out, err in reports]
    assert problems == [[], []]
    notes = [r["notes"] for r in db_with_profile.query("SELECT notes FROM runs")]
    assert len(notes) == 2 * SAVES_PER_SESSION
    assert sorted(notes) == sorted(f"session {s} save {n}" for s in range(2) for n in range(SAVES_PER_SESSION))
    assert db_with_profile.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@contextmanager
def _writer_holding_the_lock(path: Path, seconds: float):
    """Another connection (its own thread) holds the write lock for `seconds`, then commits."""
    holding = threading.Event()

    def hold() -> None:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO settings (key, value) VALUES ('other_writer', 'was here')")
        holding.set()
        time.sleep(seconds)
        conn.execute("COMMIT")
        conn.close()

    thread = threading.Thread(target=hold)
    thread.start()
    holding.wait(5)
    try:
        yield
    finally:
        thread.join()


def test_a_save_waits_for_a_short_write_by_another_session(db_with_profile, db_file):
    """busy_timeout is 5 s, so a write blocked for 0.5 s by another tab must wait, not fail.

    Fails today: storage writes inside `db.atomic()`, a DEFERRED transaction (plain BEGIN)
    whose first statement reads (sqlite-utils inspects the table before inserting). A read
    transaction that must upgrade to a write while another connection writes gets
    SQLITE_BUSY at once: SQLite skips the busy handler there to avoid deadlock. So two tabs
    saving in the same instant show "The database ... is busy" instead of waiting 1 ms.
    Fix: begin write transactions with BEGIN IMMEDIATE (see the report).
    """
    with _writer_holding_the_lock(db_file, 0.5):
        began = time.monotonic()
        services.add_run(db_with_profile, {"run_date": "2026-11-20", "duration_min": 20, "kind": "walk"}, today=TODAY)
    assert time.monotonic() - began >= 0.3
    assert storage.counts(db_with_profile)["runs"] == 1


# ---------------------------------------------------------------- migrations


def _fixture_module():
    spec = importlib.util.spec_from_file_location("make_fixtures", MIGRATION_FIXTURES / "make_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FIXTURES = _fixture_module()


def test_every_migration_has_a_schema_fixture():
    """A new migration without a fixture of the schema before it fails here: add one line to VERSIONS."""
    released = [upto for _, upto in FIXTURES.VERSIONS]
    assert released == [m.name for m in migrations.migrations._migrations]
    for name, _ in FIXTURES.VERSIONS:
        assert (MIGRATION_FIXTURES / name).exists(), f"run make_fixtures.py and commit {name}"


@pytest.mark.parametrize(("name", "upto"), FIXTURES.VERSIONS)
def test_released_schema_is_upgraded_with_every_row_intact(tmp_path, name, upto):
    path = tmp_path / name
    shutil.copy(MIGRATION_FIXTURES / name, path)
    with sqlite3.connect(path) as before:
        had = {table: FIXTURES.columns_of(before, table) for table in FIXTURES.SAMPLE_ROWS}
    db = storage.open_db(path)
    assert migrations.migrations.pending(db) == []
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    stored = storage.all_rows(db)
    for table, rows in FIXTURES.SAMPLE_ROWS.items():
        assert len(stored[table]) == len(rows), table
        for expected, got in zip(rows, stored[table], strict=True):
            kept = {k: v for k, v in FIXTURES.upgraded(table, expected).items() if k in had[table]}  # as stored now
            assert {k: got.get(k) for k in kept} == kept, table
    # every record has a uid after the upgrade (filled by m003 for older rows), each unique
    for table in migrations.RECORD_TABLES:
        uids = [row["uid"] for row in stored[table]]
        assert all(len(uid) == 32 and set(uid) <= set("0123456789abcdef") for uid in uids), table
        assert len(set(uids)) == len(uids), table
    assert len(storage.database_id(db)) == 32
    # and the upgraded file reads through the app's own functions
    assert storage.get_profile(db).units == "mi"
    assert storage.load_history(db).runs["notes"].iloc[-1].startswith("first one! <b>bold</b>")
    db.close()


# ---------------------------------------------------------------- damaged, read-only, locked, missing, full

PAGES = [path for path, _, _ in __import__("return_to_run.ui", fromlist=["MENU"]).MENU]


@pytest.mark.parametrize("page_file", PAGES)
def test_a_damaged_database_file_is_explained_on_every_page(db_file, page_file):
    db_file.parent.mkdir(parents=True)
    db_file.write_bytes(b"this is not a database, it is a shopping list\n" * 200)
    at = app_test(page_file).run()
    no_exception(at)
    assert len(at.error) == 1 and "damaged" in at.error[0].value
    assert "restore your last backup" in at.error[0].value
    assert db_file.read_bytes().startswith(b"this is not a database")  # her file left as it was


def test_a_missing_data_folder_is_created(db_file):
    assert not db_file.parent.exists()
    at = app_test("app.py").run()
    no_exception(at)
    assert not at.error
    assert db_file.exists()


def test_a_data_folder_that_cannot_be_created_is_explained(tmp_path, monkeypatch):
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be")
    monkeypatch.setenv(storage.DB_ENV_VAR, str(blocker / "return_to_run.db"))
    at = app_test("app.py").run()
    no_exception(at)
    assert "could not be created" in at.error[0].value and storage.DB_ENV_VAR in at.error[0].value


def _immutable(path: Path):
    """A read-only file or folder that even root cannot write: chattr +i (undone afterwards)."""
    if os.geteuid() != 0:
        path.chmod(0o555 if path.is_dir() else 0o444)
        return lambda: path.chmod(0o755 if path.is_dir() else 0o644)
    if not shutil.which("chattr") or subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
        pytest.skip("running as root without a working chattr: a read-only file cannot be simulated")
    return lambda: subprocess.run(["chattr", "-i", str(path)], check=True)


def test_a_read_only_database_file_gives_a_clear_message_on_save(db_with_profile, db_file):
    db_with_profile.close()
    undo = _immutable(db_file)
    try:
        at = app_test("pages/log_run.py").run()
        no_exception(at)
        fill_and_save_run(at)
        no_exception(at)
        assert any("cannot be written" in e.value for e in at.error), [e.value for e in at.error]
    finally:
        undo()
    assert storage.counts(storage.open_db(db_file))["runs"] == 0


def test_a_read_only_data_folder_gives_a_clear_message(db_file):
    db_file.parent.mkdir(parents=True)
    undo = _immutable(db_file.parent)
    try:
        at = app_test("app.py").run()
        no_exception(at)
        assert "cannot be written" in at.error[0].value
    finally:
        undo()


def test_a_database_locked_by_another_program_gives_the_busy_message(db_with_profile, db_file):
    """Another program keeps the write lock longer than busy_timeout (5 s): a calm "busy"."""
    at = app_test("pages/log_run.py").run()
    with _writer_holding_the_lock(db_file, storage.BUSY_TIMEOUT_MS / 1000 + 1.5):
        fill_and_save_run(at)
    no_exception(at)
    assert any("is busy" in e.value for e in at.error), [e.value for e in at.error]
    assert storage.counts(db_with_profile)["runs"] == 0


@pytest.fixture
def full_disk(monkeypatch):
    """Every connection the app opens can grow by no page at all: SQLITE_FULL on the next write."""
    real_open = storage.open_db

    def open_full(path):
        db = real_open(path)
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages}")
        return db

    monkeypatch.setattr(storage, "open_db", open_full)


def test_a_full_disk_on_save_gives_a_clear_message(db_with_profile, full_disk):
    at = app_test("pages/log_run.py").run()
    for minutes in (20.0, 21.0, 22.0, 23.0, 24.0):  # the first may still fit in a free page
        fill_and_save_run(at, minutes=minutes, notes="long note " * 195)
        no_exception(at)
        if at.error:
            break
    assert any("disk is full" in e.value for e in at.error), [e.value for e in at.error]


def test_a_full_disk_during_import_writes_nothing_and_says_so(db_with_profile, full_disk):
    rows = [
        {
            "run_date": "2026-10-01",
            "duration_min": 30,
            "kind": "continuous",
            "notes": "y" * 500,
            "source": "strava",
            "source_id": str(n),
        }
        for n in range(500)
    ]
    db = storage.open_db(storage.db_path())
    with pytest.raises(storage.StorageError, match="disk is full"):
        services.import_runs(db, rows, today=TODAY)
    assert storage.counts(db)["runs"] == 0


def test_a_full_disk_during_restore_changes_nothing_and_says_so(db_with_profile, full_disk):
    services.add_run(db_with_profile, {"run_date": "2026-11-20", "duration_min": 20, "kind": "walk"}, today=TODAY)
    backup = json.loads(json.dumps(storage.all_rows(db_with_profile)))
    backup["runs"] = [{**backup["runs"][0], "id": n + 1, "uid": None, "notes": "z" * 500} for n in range(500)]
    db = storage.open_db(storage.db_path())
    with pytest.raises(storage.RestoreError, match="nothing was changed"):
        services.restore_backup(db, backup, mode="replace")
    assert storage.counts(db)["runs"] == 1
