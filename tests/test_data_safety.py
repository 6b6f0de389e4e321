"""Her data kept safe at the storage and service layer (issue 13): private files, formula-safe
CSV, merge by uid, undo after id reuse, stale windows refused, a database id per file, every
restored record validated, foreign or newer files refused, and limits before reading."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import sqlite3
import stat
import zipfile
from datetime import date

import pytest

from return_to_run import services, storage
from return_to_run.storage import backup, migrations, records
from return_to_run.validation import ValidationError

from .conftest import TODAY

RUN = {"run_date": "2026-11-20", "duration_min": 20, "kind": "continuous", "distance_km": 3.0}
STALE = "This run was changed or deleted in another window"


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


# ---------------------------------------------------------------- 3: private files


@pytest.fixture
def open_umask():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_new_folder_and_database_files_are_private_whatever_the_umask(tmp_path, open_umask):
    path = tmp_path / "data" / "rtr.db"
    db = storage.open_db(path)
    services.add_run(db, RUN, today=TODAY)  # a write: the -wal and -shm exist now
    assert _mode(path.parent) == 0o700
    for suffix in ("", "-wal", "-shm"):
        assert _mode(f"{path}{suffix}") == 0o600, suffix
    example = storage.example_db_path(path)
    storage.open_db(example)
    assert _mode(example) == 0o600


def test_an_existing_readable_database_is_made_private_on_open(tmp_path, open_umask):
    path = tmp_path / "rtr.db"
    storage.open_db(path).close()
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(f"{path}{suffix}"):
            os.chmod(f"{path}{suffix}", 0o644)
    storage.open_db(path)
    assert _mode(path) == 0o600


def test_her_own_folder_for_the_database_is_left_as_she_set_it(tmp_path, open_umask):
    folder = tmp_path / "mine"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    storage.open_db(folder / "rtr.db")
    assert _mode(folder) == 0o755 and _mode(folder / "rtr.db") == 0o600


# ---------------------------------------------------------------- 4: formula-safe CSV


FORMULAS = ['=HYPERLINK("http://203.0.113.5")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "plain", ""]


def test_export_csv_neutralises_formulas_while_json_and_sqlite_keep_her_text(db_with_profile):
    for note in FORMULAS:
        services.add_foundation_session(
            db_with_profile,
            {"session_date": "2026-11-20", "activity": "strength", "duration_min": 10, "notes": note},
            today=TODAY,
        )
    # validation strips leading/trailing whitespace, so the tab/CR notes arrive as "x": write them directly
    db_with_profile.execute("UPDATE foundation_sessions SET notes = ? WHERE id = 5", ["\tx"])
    db_with_profile.execute("UPDATE foundation_sessions SET notes = ? WHERE id = 6", ["\rx"])
    stored = [r["notes"] for r in db_with_profile.query("SELECT notes FROM foundation_sessions ORDER BY id")]
    assert stored == FORMULAS
    archive = zipfile.ZipFile(io.BytesIO(storage.export_zip(db_with_profile, today=TODAY)))
    rows = list(csv.DictReader(io.StringIO(archive.read("foundation_sessions.csv").decode("utf-8"), newline="")))
    assert [r["notes"] for r in rows] == [
        '\'=HYPERLINK("http://203.0.113.5")',
        "'+1+1",
        "'-2+3",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "plain",
        "",
    ]
    tables = json.loads(archive.read("return_to_run.json"))["tables"]
    assert [r["notes"] for r in tables["foundation_sessions"]] == FORMULAS


def test_the_sqlite_copy_keeps_exact_text_and_has_its_own_database_id(db_with_profile, tmp_path):
    services.add_run(db_with_profile, {**RUN, "notes": "=1+1"}, today=TODAY)
    archive = zipfile.ZipFile(io.BytesIO(storage.export_zip(db_with_profile, today=TODAY)))
    copy = tmp_path / "copy.db"
    copy.write_bytes(archive.read("return_to_run.db"))
    conn = sqlite3.connect(copy)
    assert conn.execute("SELECT notes FROM runs").fetchall() == [("=1+1",)]
    copy_id = conn.execute("SELECT value FROM meta WHERE key = 'database_id'").fetchone()[0]
    assert copy_id != storage.database_id(db_with_profile)


# ---------------------------------------------------------------- 6: merge by uid


def test_two_runs_saved_in_the_same_second_both_survive_a_merge(db_with_profile, tmp_path, monkeypatch):
    monkeypatch.setattr(records, "now", lambda: "2026-11-20T10:00:00+00:00")
    services.add_run(db_with_profile, {**RUN, "notes": "first"}, today=TODAY)
    services.add_run(db_with_profile, {**RUN, "notes": "second"}, today=TODAY)
    services.add_symptom(db_with_profile, {"symptom_date": "2026-11-20", "notes": "a"}, today=TODAY)
    services.add_symptom(db_with_profile, {"symptom_date": "2026-11-20", "notes": "b"}, today=TODAY)
    tables = storage.read_backup(storage.export_zip(db_with_profile, today=TODAY))
    fresh = storage.open_db(tmp_path / "fresh.db")
    written = services.restore_backup(fresh, tables, mode="merge", today=TODAY)
    assert (written["runs"], written["symptoms"]) == (2, 2)
    assert sorted(r["notes"] for r in storage.all_rows(fresh)["runs"]) == ["first", "second"]
    # merging the same backup again adds nothing
    assert set(services.restore_backup(fresh, tables, mode="merge", today=TODAY).values()) == {0}


def test_an_old_backup_without_uids_restores_in_both_modes(db_with_profile, tmp_path):
    services.add_run(db_with_profile, RUN, today=TODAY)
    services.add_symptom(db_with_profile, {"symptom_date": "2026-11-20", "run_id": 1}, today=TODAY)
    tables = storage.read_backup(storage.export_zip(db_with_profile, today=TODAY))
    for table in ("runs", "symptoms", "red_flags", "readiness_results", "foundation_sessions"):
        for row in tables[table]:
            del row["uid"]
    for row in tables["runs"]:
        for column in ("title", "start_time", "import_batch"):
            del row[column]
    fresh = storage.open_db(tmp_path / "fresh.db")
    assert services.restore_backup(fresh, tables, mode="replace", today=TODAY)["runs"] == 1
    assert len(storage.all_rows(fresh)["runs"][0]["uid"]) == 32
    # merged into the database it came from: matched by date and time saved, nothing added
    assert set(services.restore_backup(db_with_profile, tables, mode="merge", today=TODAY).values()) == {0}


# ---------------------------------------------------------------- 7: undo after id reuse


def test_undo_after_the_id_was_reused_puts_the_run_back_under_a_new_id(db_with_profile):
    db = db_with_profile
    services.add_run(db, {**RUN, "notes": "kept"}, today=TODAY)
    deleted_id = services.add_run(db, {**RUN, "notes": "deleted"}, today=TODAY)
    symptom_id, _ = services.add_symptom(db, {"symptom_date": "2026-11-20", "run_id": deleted_id}, today=TODAY)
    snapshot = services.delete_run(db, deleted_id)
    reused = services.add_run(db, {**RUN, "notes": "new one"}, today=TODAY)
    assert reused == deleted_id  # SQLite gave the new run the deleted run's id
    back = services.undo_delete_run(db, snapshot)
    assert back != deleted_id
    assert sorted(r["notes"] for r in storage.all_rows(db)["runs"]) == ["deleted", "kept", "new one"]
    assert storage.get_run(db, back)["notes"] == "deleted"
    assert db.execute("SELECT run_id FROM symptoms WHERE id = ?", [symptom_id]).fetchone()[0] == back
    # a second undo of the same snapshot does not add it twice
    assert services.undo_delete_run(db, snapshot) == back
    assert storage.counts(db)["runs"] == 3


def test_undo_of_a_symptom_and_a_session_after_id_reuse(db_with_profile):
    db = db_with_profile
    symptom_id, _ = services.add_symptom(db, {"symptom_date": "2026-11-20", "notes": "old"}, today=TODAY)
    snapshot = services.delete_symptom(db, symptom_id)
    assert services.add_symptom(db, {"symptom_date": "2026-11-21", "notes": "new"}, today=TODAY)[0] == symptom_id
    services.undo_delete_symptom(db, snapshot)
    assert sorted(r["notes"] for r in storage.all_rows(db)["symptoms"]) == ["new", "old"]
    session = {"session_date": "2026-11-20", "activity": "strength", "duration_min": 10}
    session_id = services.add_foundation_session(db, {**session, "notes": "old"}, today=TODAY)
    snapshot = services.delete_foundation_session(db, session_id)
    services.add_foundation_session(db, {**session, "notes": "new"}, today=TODAY)
    services.undo_delete_foundation_session(db, snapshot)
    assert sorted(r["notes"] for r in storage.all_rows(db)["foundation_sessions"]) == ["new", "old"]


def test_undo_into_another_database_is_refused_with_a_reason(db_with_profile, tmp_path):
    run_id = services.add_run(db_with_profile, RUN, today=TODAY)
    snapshot = services.delete_run(db_with_profile, run_id)
    other = storage.open_db(tmp_path / "other.db")
    with pytest.raises(storage.UndoError, match="deleted from other data"):
        services.undo_delete_run(other, snapshot)
    assert storage.counts(other)["runs"] == 0


def test_undo_of_a_run_imported_again_says_so(db_with_profile):
    services.import_runs(db_with_profile, [{**RUN, "source": "strava", "source_id": "9"}], today=TODAY)
    [run_id] = storage.list_runs(db_with_profile)["id"].tolist()
    snapshot = services.delete_run(db_with_profile, int(run_id))
    services.import_runs(db_with_profile, [{**RUN, "source": "strava", "source_id": "9"}], today=TODAY)
    with pytest.raises(storage.UndoError, match="imported again"):
        services.undo_delete_run(db_with_profile, snapshot)


# ---------------------------------------------------------------- 9: stale windows


def test_an_edit_of_a_run_changed_in_another_window_is_refused(db_with_profile):
    db = db_with_profile
    run_id = services.add_run(db, RUN, today=TODAY)
    as_read = storage.get_run(db, run_id)
    services.update_run(db, run_id, {**RUN, "duration_min": 30}, today=TODAY, expected=as_read)  # the other window
    with pytest.raises(storage.StaleRecordError, match=STALE):
        services.update_run(db, run_id, {**RUN, "duration_min": 45}, today=TODAY, expected=as_read)
    assert storage.get_run(db, run_id)["duration_min"] == 30.0
    with pytest.raises(storage.StaleRecordError, match=STALE):
        services.delete_run(db, run_id, expected=as_read)
    assert storage.counts(db)["runs"] == 1


def test_an_edit_of_a_run_deleted_in_another_window_is_refused_not_dropped(db_with_profile):
    db = db_with_profile
    run_id = services.add_run(db, RUN, today=TODAY)
    services.delete_run(db, run_id)
    with pytest.raises(storage.StaleRecordError, match=STALE):
        services.update_run(db, run_id, {**RUN, "duration_min": 45}, today=TODAY)
    with pytest.raises(storage.StaleRecordError, match=STALE):
        services.delete_run(db, run_id)


def test_the_row_of_a_listed_frame_works_as_the_expected_version(db_with_profile):
    db = db_with_profile
    run_id = services.add_run(db, {**RUN, "effort_1_10": None}, today=TODAY)
    row = storage.list_runs(db).iloc[0].to_dict()  # dates as dates, NaN for missing numbers
    services.update_run(db, run_id, {**RUN, "duration_min": 22}, today=TODAY, expected=row)
    assert storage.get_run(db, run_id)["duration_min"] == 22.0


def test_resolving_a_red_flag_changed_elsewhere_is_refused(db_with_profile):
    db = db_with_profile
    [flag_id] = services.add_red_flags(db, ["fever"], flagged_date=date(2026, 11, 20), today=TODAY)
    as_read = storage.get_row(db, "red_flags", flag_id)
    services.resolve_red_flag(db, flag_id, resolved_date=date(2026, 11, 21), note="GP", today=TODAY)
    with pytest.raises(storage.StaleRecordError, match="This red flag was changed or deleted in another window"):
        services.resolve_red_flag(
            db, flag_id, resolved_date=date(2026, 11, 22), note="later", today=TODAY, expected=as_read
        )


def test_a_resolve_note_over_the_limit_is_refused(db_with_profile):
    [flag_id] = services.add_red_flags(db_with_profile, ["fever"], flagged_date=date(2026, 11, 20), today=TODAY)
    with pytest.raises(ValidationError) as caught:
        services.resolve_red_flag(db_with_profile, flag_id, resolved_date=TODAY, note="x" * 5000, today=TODAY)
    assert str(caught.value) == "Note: is 5000 characters long; the limit is 2000."
    assert storage.get_row(db_with_profile, "red_flags", flag_id)["resolved_date"] is None


def test_unknown_red_flag_codes_are_refused_on_save(db_with_profile):
    with pytest.raises(ValidationError, match="is not a red flag this app knows"):
        services.add_red_flags(db_with_profile, ["made_up"], flagged_date=TODAY, today=TODAY)
    assert storage.counts(db_with_profile)["red_flags"] == 0


# ---------------------------------------------------------------- 10: a database id per file


def test_a_recreated_file_has_a_new_database_id(tmp_path):
    path = tmp_path / "rtr.db"
    db = storage.open_db(path)
    first = storage.database_id(db)
    assert storage.database_id(storage.open_db(path)) == first  # stable while the file lives
    db.close()
    storage.remove_database(path)
    recreated = storage.open_db(path)
    assert storage.data_version(recreated) == 0
    assert storage.database_id(recreated) != first


# ---------------------------------------------------------------- 11: restore validates every record


def _backup(db) -> dict:
    services.add_run(db, RUN, today=TODAY)
    services.add_symptom(db, {"symptom_date": "2026-11-20", "run_id": 1, "leakage": "drops"}, today=TODAY)
    services.add_red_flags(db, ["fever"], flagged_date=date(2026, 11, 21), today=TODAY)
    return json.loads(json.dumps(storage.read_backup(storage.export_zip(db, today=TODAY))))


def _set(tables: dict, table: str, **values) -> dict:
    tables[table][0].update(values)
    return tables


BAD_BACKUPS = {
    "text in a walk-run interval": (
        lambda t: _set(t, "runs", kind="walk_run", run_interval_min="abc", walk_interval_min=1, interval_repeats=2),
        "Runs, record 1: Run interval (min): 'abc' is not a number.",
    ),
    "birth date in 9999": (
        lambda t: _set(t, "profile", birth_date="9999-01-01"),
        "Profile, record 1: Birth date: 9999-01-01 is in the future.",
    ),
    "run dated 0001-01-01": (
        lambda t: _set(t, "runs", run_date="0001-01-01"),
        "Runs, record 1: Date: 0001-01-01 is before 1950.",
    ),
    "1 minute for 90 km": (
        lambda t: _set(t, "runs", duration_min=1, distance_km=90),
        "Runs, record 1: Distance: 90 km in 1 min is 0.01 min/km, faster than anyone runs;",
    ),
    "unknown red-flag code": (
        lambda t: _set(t, "red_flags", flag_code="![t](http://203.0.113.5/p.png)"),
        "Red flags, record 1: Red flag: '![t](http://203.0.113.5/p.png)' is not a red flag this app knows.",
    ),
    "id of 2**70": (
        lambda t: _set(t, "runs", id=2**70),
        "Runs, record 1: id: '1180591620717411303424' is not a record id.",
    ),
    "unknown column": (
        lambda t: _set(t, "runs", **{"![t](http://203.0.113.5/p.png)": 1}),
        "Runs, record 1: '![t](http://203.0.113.5/p.png)' is not a field this app knows.",
    ),
    "severity of 11": (
        lambda t: _set(t, "symptoms", heaviness_0_10=11),
        "Symptom entries, record 1: Heaviness or pressure (0-10): must be at least 0 and at most 10; got 11.",
    ),
    "symptom linked to a run not in the backup": (
        lambda t: _set(t, "symptoms", run_id=77),
        "Symptom entries, record 1: run_id: runs 77 is not in the backup.",
    ),
    "not a uid": (
        lambda t: _set(t, "runs", uid="x"),
        "Runs, record 1: uid: 'x' is not a record uid.",
    ),
    "a resolve note of 5000 characters": (
        lambda t: _set(t, "red_flags", resolved_date="2026-11-22", resolved_note="n" * 5000),
        "Red flags, record 1: Note: is 5000 characters long; the limit is 2000.",
    ),
}


@pytest.mark.parametrize("mode", ["replace", "merge"])
@pytest.mark.parametrize("case", list(BAD_BACKUPS))
def test_a_restore_with_a_bad_record_names_it_and_changes_nothing(db_with_profile, case, mode):
    spoil, message = BAD_BACKUPS[case]
    tables = spoil(_backup(db_with_profile))
    before = storage.all_rows(db_with_profile)
    with pytest.raises(storage.RestoreError) as caught:
        services.restore_backup(db_with_profile, tables, mode=mode, today=TODAY)
    assert str(caught.value).startswith("The backup could not be restored, and nothing was changed. " + message)
    assert storage.all_rows(db_with_profile) == before


def test_settings_are_not_restored_unless_known_and_example_mode_never(db_with_profile, tmp_path):
    tables = _backup(db_with_profile)
    tables["settings"] = [{"key": "example_mode", "value": "on"}, {"key": "![x](http://203.0.113.5)", "value": "1"}]
    fresh = storage.open_db(tmp_path / "fresh.db")
    written = services.restore_backup(fresh, tables, mode="replace", today=TODAY)
    assert written["settings"] == 0
    assert storage.all_rows(fresh)["settings"] == []
    assert storage.get_setting(fresh, "example_mode") is None


def test_the_old_storage_name_restores_through_the_validators(db_with_profile):
    tables = _set(_backup(db_with_profile), "profile", birth_date="9999-01-01")
    with pytest.raises(storage.RestoreError, match="Birth date"):
        services.restore_backup(db_with_profile, tables, mode="replace")


# ---------------------------------------------------------------- 12: foreign and newer files refused


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_another_programs_sqlite_file_is_refused_untouched(tmp_path):
    path = tmp_path / "contacts.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Ann', '123')")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(storage.StorageError, match="made by another program"):
        storage.open_db(path)
    assert _digest(path) == before
    assert not os.path.exists(f"{path}-wal")
    assert [r[0] for r in sqlite3.connect(path).execute("SELECT name FROM sqlite_master")] == ["contacts"]


@pytest.mark.parametrize("newer", ["schema_version", "migration"])
def test_a_database_from_a_newer_app_is_refused_untouched(tmp_path, newer):
    path = tmp_path / "newer.db"
    storage.open_db(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")  # a self-contained file, to compare byte for byte
    if newer == "schema_version":
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(migrations.SCHEMA_VERSION + 1)])
    else:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('return_to_run', 'm099_from_the_future', '2030-01-01')"
        )
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(storage.StorageError, match="saved by a newer version of Return to Run"):
        storage.open_db(path)
    assert _digest(path) == before
    assert not os.path.exists(f"{path}-wal")


# ---------------------------------------------------------------- 14: limits before reading


def _zip_with_json(payload: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("return_to_run.json", payload)
    return buffer.getvalue()


def _padded_backup(size: int) -> bytes:
    body = json.dumps({"format": "return-to-run-backup", "version": 1, "tables": {}})
    return (body + " " * (size - len(body))).encode("utf-8")


def test_a_zip_member_is_read_up_to_the_limit_and_no_further(monkeypatch):
    monkeypatch.setattr(backup, "MAX_BACKUP_BYTES", 10_000)
    monkeypatch.setattr(backup, "READ_CHUNK_BYTES", 1_000)
    assert storage.read_backup(_zip_with_json(_padded_backup(10_000)))["runs"] == []
    with pytest.raises(storage.RestoreError, match="larger than"):
        storage.read_backup(_zip_with_json(_padded_backup(10_001)))


def test_a_zip_bomb_stops_at_50_mb_with_a_message():
    """A member that inflates to 200 MB (a 200 kB zip) is refused after reading 50 MB."""
    assert backup.MAX_BACKUP_BYTES == 50 * 1024 * 1024
    bomb = _zip_with_json(_padded_backup(200 * 1024 * 1024))
    assert len(bomb) < 1024 * 1024
    with pytest.raises(storage.RestoreError, match="larger than 50 MB"):
        storage.read_backup(bomb)


def test_rows_are_capped_per_table(monkeypatch):
    monkeypatch.setattr(backup, "MAX_BACKUP_ROWS", 3)
    payload = {"format": "return-to-run-backup", "version": 1, "tables": {"runs": [{}] * 3}}
    assert len(storage.read_backup(json.dumps(payload).encode())["runs"]) == 3
    payload["tables"]["runs"] = [{}] * 4
    with pytest.raises(storage.RestoreError, match="more than 3 records in one table"):
        storage.read_backup(json.dumps(payload).encode())


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_a_backup_with_nan_or_infinity_is_refused_whole(constant):
    """Python's JSON reader takes NaN and Infinity; an export never writes them. A run whose
    source or duration is NaN must not reach the validator as a number or the text 'nan'."""
    text = (
        '{"format": "return-to-run-backup", "version": 1, "tables": {"runs": [{"run_date": "2026-11-20", '
        f'"kind": "continuous", "duration_min": 20, "source": {constant}}}]}}}}'
    )
    with pytest.raises(storage.RestoreError, match=f"it holds {constant}, which is not a JSON value"):
        storage.read_backup(text.encode())
    assert storage.read_backup(text.replace(constant, "null").encode())["runs"][0]["source"] is None
