"""Storage on real SQLite files: migrations, CHECKs, transactions, undo, backup/restore."""

import sqlite3
from datetime import date

import numpy as np
import pandas as pd
import pytest

from return_to_run import frame_cache, patterns, services, storage, volume
from return_to_run.storage import migrations
from return_to_run.validation import ValidationError

from .conftest import PROFILE, TODAY

RUN = {"run_date": "2026-11-20", "duration_min": 20, "kind": "continuous", "distance_km": 3.0}


def test_first_open_creates_file_folder_and_schema(tmp_path):
    path = tmp_path / "new" / "folder" / "rtr.db"
    db = storage.open_db(path)
    assert path.exists()
    assert db.journal_mode == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert set(storage.USER_TABLES) <= set(db.table_names())
    assert [m.name for m in migrations.migrations.applied(db)] == [
        "m001_initial",
        "m002_data_version",
        "m003_uids_run_titles_meta",
        "m004_bleeding_mood_country",
        "m005_table_versions",
    ]


def test_reopening_applies_nothing_twice(db_file):
    storage.open_db(db_file).close()
    db = storage.open_db(db_file)
    assert db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == 5
    assert migrations.migrations.pending(db) == []


def test_profile_round_trip(db):
    assert storage.get_profile(db) is None
    saved = services.save_profile(db, PROFILE, today=TODAY)
    assert saved.birth_date == date(2026, 7, 1)
    assert saved.feeding == "breastfeeding"
    services.save_profile(db, {**PROFILE, "units": "mi"}, today=TODAY)
    assert db.execute("SELECT count(*) FROM profile").fetchone()[0] == 1
    assert storage.get_profile(db).units == "mi"


def test_add_list_update_run(db):
    run_id = services.add_run(db, RUN, today=TODAY)
    runs = storage.list_runs(db)
    assert runs[["id", "run_date", "duration_min", "distance_km", "kind", "source"]].to_dict("records") == [
        {
            "id": run_id,
            "run_date": date(2026, 11, 20),
            "duration_min": 20.0,
            "distance_km": 3.0,
            "kind": "continuous",
            "source": "manual",
        }
    ]
    services.update_run(db, run_id, {**RUN, "duration_min": 25}, today=TODAY)
    assert storage.get_run(db, run_id)["duration_min"] == 25.0


def test_invalid_run_writes_nothing(db):
    with pytest.raises(ValidationError) as caught:
        services.add_run(db, {**RUN, "duration_min": 0, "run_date": "2026-12-01"}, today=TODAY)
    assert [p.field for p in caught.value.problems] == ["Date", "Duration (min)"]
    assert db.execute("SELECT count(*) FROM runs").fetchone()[0] == 0


@pytest.mark.parametrize(
    "sql",
    [
        "INSERT INTO runs (run_date, duration_min, kind, created_at) VALUES ('2026-02-30', 10, 'walk', 'x')",
        "INSERT INTO runs (run_date, duration_min, kind, created_at) VALUES ('2026-02-03', 0, 'walk', 'x')",
        "INSERT INTO runs (run_date, duration_min, kind, created_at) VALUES ('2026-02-03', 10, 'swim', 'x')",
        "INSERT INTO symptoms (symptom_date, timing, leakage, heaviness_0_10, bleeding, created_at)"
        " VALUES ('2026-02-03', 'during_run', 'none', 11, 'none', 'x')",
        "INSERT INTO symptoms (symptom_date, run_id, timing, leakage, bleeding, created_at)"
        " VALUES ('2026-02-03', 999, 'during_run', 'none', 'none', 'x')",
    ],
)
def test_checks_and_foreign_keys_guard_past_validation(db, sql):
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(sql)


def test_delete_run_keeps_symptoms_and_undo_restores_links(db_with_profile):
    db = db_with_profile
    run_id = services.add_run(db, RUN, today=TODAY)
    symptom_id, _ = services.add_symptom(
        db, {"symptom_date": "2026-11-20", "run_id": run_id, "timing": "during_run", "leakage": "drops"}, today=TODAY
    )
    before = storage.all_rows(db)
    snapshot = storage.delete_run(db, run_id)
    assert db.execute("SELECT run_id FROM symptoms WHERE id = ?", [symptom_id]).fetchone()[0] is None
    storage.undo_delete_run(db, snapshot)
    assert storage.all_rows(db) == before


def test_delete_and_undo_symptom(db_with_profile):
    db = db_with_profile
    symptom_id, _ = services.add_symptom(db, {"symptom_date": "2026-11-20", "heaviness_0_10": 2}, today=TODAY)
    before = storage.all_rows(db)
    snapshot = storage.delete_symptom(db, symptom_id)
    assert storage.list_symptoms(db).empty
    storage.undo_delete_symptom(db, snapshot)
    assert storage.all_rows(db) == before


def test_symptom_for_missing_run_is_refused(db_with_profile):
    with pytest.raises(ValidationError) as caught:
        services.add_symptom(db_with_profile, {"symptom_date": "2026-11-20", "run_id": 42}, today=TODAY)
    assert str(caught.value) == "Run: run 42 does not exist (was it deleted?)."


def test_list_runs_filters_by_date(db):
    for day in ("2026-10-01", "2026-11-01", "2026-11-20"):
        services.add_run(db, {**RUN, "run_date": day}, today=TODAY)
    runs = storage.list_runs(db, start=date(2026, 10, 15), end=date(2026, 11, 15))
    assert list(runs["run_date"]) == [date(2026, 11, 1)]


def test_latest_run_is_the_newest_by_date_then_id_typed_like_the_list(db):
    assert storage.latest_run(db) is None
    for day, minutes in (("2026-11-20", 25), ("2026-11-01", 40), ("2026-11-20", 30)):
        services.add_run(db, {**RUN, "run_date": day, "duration_min": minutes}, today=TODAY)
    latest = storage.latest_run(db)
    assert (latest["run_date"], latest["duration_min"]) == (date(2026, 11, 20), 30.0)  # the same day: higher id
    assert latest == storage.list_runs(db).iloc[0].to_dict()


def test_red_flag_resolution_is_dated_and_kept(db):
    [flag_id] = services.add_red_flags(db, ["hot_swollen_calf"], flagged_date=date(2026, 11, 20), today=TODAY)
    with pytest.raises(ValidationError) as caught:
        services.resolve_red_flag(db, flag_id, resolved_date=date(2026, 11, 19), today=TODAY)
    assert str(caught.value) == "Resolved on: 2026-11-19 is before the flag was raised (2026-11-20)."
    services.resolve_red_flag(db, flag_id, resolved_date=date(2026, 11, 22), note="GP: no clot", today=TODAY)
    flags = storage.list_red_flags(db).to_dict("records")
    assert [(f["flag_code"], f["resolved_date"], f["resolved_note"]) for f in flags] == [
        ("hot_swollen_calf", date(2026, 11, 22), "GP: no clot")
    ]


def test_readiness_set_is_all_or_nothing(db):
    good = {"test_date": "2026-11-20", "test_code": "hop_in_place", "completed": True, "had_symptoms": False}
    bad = {"test_date": "2026-11-20", "test_code": "calf_raise", "reps_left": 20}
    with pytest.raises(ValidationError) as caught:
        services.add_readiness_results(db, [good, bad], today=TODAY)
    assert str(caught.value) == "Single-leg calf raise - Reps, right side: is missing."
    assert storage.list_readiness(db).empty
    services.add_readiness_results(db, [good], today=TODAY)
    assert list(storage.list_readiness(db)["test_code"]) == ["hop_in_place"]


def test_foundation_delete_and_undo(db):
    session_id = services.add_foundation_session(
        db, {"session_date": "2026-11-20", "activity": "pelvic_floor", "duration_min": 10}, today=TODAY
    )
    row = storage.delete_foundation_session(db, session_id)
    assert storage.list_foundation(db).empty
    storage.undo_delete_foundation_session(db, row)
    assert list(storage.list_foundation(db)["activity"]) == ["pelvic_floor"]


def test_import_is_one_transaction_and_skips_duplicates(db):
    rows = [{**RUN, "source": "strava", "source_id": "1"}, {**RUN, "source": "strava", "source_id": "2"}]
    assert services.import_runs(db, rows, today=TODAY) == {"added": 2, "duplicates": 0}
    assert services.import_runs(db, rows, today=TODAY) == {"added": 0, "duplicates": 2}
    broken = [{**RUN, "source": "strava", "source_id": "3"}, {**RUN, "duration_min": -5}]
    with pytest.raises(ValidationError) as caught:
        services.import_runs(db, broken, today=TODAY)
    assert str(caught.value) == "Run 2 - Duration (min): must be more than 0 and at most 600 min; got -5 min."
    assert db.execute("SELECT count(*) FROM runs").fetchone()[0] == 2
    assert storage.existing_source_ids(db, "strava") == {"1", "2"}


def _fill(db):
    services.save_profile(db, PROFILE, today=TODAY)
    run_id = services.add_run(db, RUN, today=TODAY)
    services.add_run(db, {**RUN, "run_date": "2026-11-21", "source": "strava", "source_id": "77"}, today=TODAY)
    services.add_symptom(
        db,
        {
            "symptom_date": "2026-11-20",
            "run_id": run_id,
            "leakage": "drops",
            "timing": "during_run",
            "notes": "<b>not bold</b>",
        },
        today=TODAY,
    )
    services.add_red_flags(db, ["fever"], flagged_date=date(2026, 11, 21), today=TODAY)
    services.add_readiness_results(
        db, [{"test_date": "2026-11-20", "test_code": "calf_raise", "reps_left": 18, "reps_right": 21}], today=TODAY
    )
    services.add_foundation_session(
        db, {"session_date": "2026-11-20", "activity": "strength", "duration_min": 25}, today=TODAY
    )
    storage.mark_lesson_read(db, "six-week-check", today=TODAY)


def test_export_then_replace_restore_gives_back_every_row(db, tmp_path):
    _fill(db)
    before = storage.all_rows(db)
    archive = storage.export_zip(db, today=TODAY)
    fresh = storage.open_db(tmp_path / "other.db")
    written = services.restore_backup(fresh, storage.read_backup(archive), mode="replace")
    assert written["runs"] == 2 and written["symptoms"] == 1
    assert storage.all_rows(fresh) == before


def test_merge_restore_adds_nothing_twice(db, tmp_path):
    _fill(db)
    tables = storage.read_backup(storage.export_zip(db, today=TODAY))
    before = storage.all_rows(db)
    written = services.restore_backup(db, tables, mode="merge")
    assert set(written.values()) == {0}
    assert storage.all_rows(db) == before


def test_bad_backup_changes_nothing(db):
    _fill(db)
    before = storage.all_rows(db)
    tables = storage.read_backup(storage.export_zip(db, today=TODAY))
    tables["runs"].append({**tables["runs"][0], "id": 99, "duration_min": -1})
    with pytest.raises(storage.RestoreError):
        services.restore_backup(db, tables, mode="replace")
    assert storage.all_rows(db) == before
    with pytest.raises(storage.RestoreError, match="not a Return to Run backup"):
        storage.read_backup(b"hello")


def test_backup_bytes_is_a_readable_database(db, tmp_path):
    _fill(db)
    copy = tmp_path / "copy.db"
    copy.write_bytes(storage.backup_bytes(db))
    assert sqlite3.connect(copy).execute("SELECT count(*) FROM runs").fetchone()[0] == 2


def test_corrupt_file_is_explained(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(storage.StorageError, match="damaged or is not a Return to Run database"):
        storage.open_db(path)


def test_unwritable_folder_is_explained(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(storage.StorageError, match="could not be created"):
        storage.open_db(blocker / "sub" / "rtr.db")


def test_settings_and_lessons(db):
    assert storage.get_setting(db, "example_mode") is None
    storage.set_setting(db, "example_mode", "on")
    assert storage.get_setting(db, "example_mode") == "on"
    storage.set_setting(db, "example_mode", None)
    assert storage.get_setting(db, "example_mode", "off") == "off"
    storage.mark_lesson_read(db, "impact-load", today=TODAY)
    assert storage.lessons_read(db) == {"impact-load": TODAY}
    storage.mark_lesson_unread(db, "impact-load")
    assert storage.lessons_read(db) == {}


def test_every_write_to_her_logs_bumps_the_data_version(db):
    assert storage.data_version(db) == 0
    services.save_profile(db, PROFILE, today=TODAY)
    run_id = services.add_run(db, RUN, today=TODAY)
    assert storage.data_version(db) == 2
    services.update_run(db, run_id, {**RUN, "duration_min": 30}, today=TODAY)
    storage.delete_run(db, run_id)
    assert storage.data_version(db) == 4
    storage.mark_lesson_read(db, "impact-load", today=TODAY)  # not her log: no new version
    assert storage.data_version(db) == 4


def test_merge_keeps_her_newer_edits(db):
    _fill(db)
    tables = storage.read_backup(storage.export_zip(db, today=TODAY))
    [flag_id] = storage.list_red_flags(db)["id"].tolist()
    services.resolve_red_flag(db, flag_id, resolved_date=date(2026, 11, 23), today=TODAY)
    run_id = int(storage.list_runs(db).query("source == 'manual'")["id"].iloc[0])
    services.update_run(db, run_id, {**RUN, "duration_min": 31}, today=TODAY)
    after_edits = storage.all_rows(db)
    assert set(services.restore_backup(db, tables, mode="merge").values()) == {0}
    assert storage.all_rows(db) == after_edits


def test_first_log_date_spans_runs_and_symptoms(db_with_profile):
    db = db_with_profile
    assert storage.first_log_date(db) is None
    services.add_run(db, {**RUN, "run_date": "2026-10-02"}, today=TODAY)
    assert storage.first_log_date(db) == date(2026, 10, 2)
    services.add_symptom(db, {"symptom_date": "2026-09-30", "heaviness_0_10": 1}, today=TODAY)
    assert storage.first_log_date(db) == date(2026, 9, 30)


def test_read_history_reads_again_only_the_tables_a_save_changed(db_with_profile):
    """m005's per-table counters: after a save, the frames of untouched tables are the very
    same objects (not read again), and the changed table holds the change."""
    db = db_with_profile
    run_id = services.add_run(db, RUN, today=TODAY)
    services.add_symptom(db, {"symptom_date": "2026-11-20", "run_id": run_id, "heaviness_0_10": 2}, today=TODAY)
    first, read = storage.queries.read_history(db)
    second, read = storage.queries.read_history(db, read)
    assert all(getattr(second, name) is getattr(first, name) for name in ("runs", "symptoms", "readiness", "mood"))

    services.add_run(db, {**RUN, "run_date": "2026-11-21", "duration_min": 24}, today=TODAY)
    third, read = storage.queries.read_history(db, read)
    assert third.runs is not second.runs and third.symptoms is second.symptoms
    assert third.runs["duration_min"].tolist() == [24.0, 20.0]

    services.update_run(db, run_id, {**RUN, "duration_min": 21}, today=TODAY)
    fourth, read = storage.queries.read_history(db, read)
    assert fourth.runs["duration_min"].tolist() == [24.0, 21.0]


def test_deleting_a_run_reads_its_unlinked_symptom_entry_again(db_with_profile):
    """The foreign key clears the entry's run link (ON DELETE SET NULL): that update bumps the
    symptoms counter too, so the history never keeps a link to a deleted run."""
    db = db_with_profile
    run_id = services.add_run(db, RUN, today=TODAY)
    services.add_symptom(db, {"symptom_date": "2026-11-20", "run_id": run_id, "heaviness_0_10": 2}, today=TODAY)
    before, read = storage.queries.read_history(db)
    assert before.symptoms["run_id"].tolist() == [run_id]
    services.delete_run(db, run_id)
    after, _ = storage.queries.read_history(db, read)
    assert after.runs.empty
    assert after.symptoms["run_id"].isna().tolist() == [True]


def test_read_history_after_a_replace_restore_reads_the_restored_rows(db_with_profile):
    db = db_with_profile
    services.add_run(db, RUN, today=TODAY)
    backup = storage.read_backup(storage.export_zip(db, today=TODAY))
    services.add_run(db, {**RUN, "run_date": "2026-11-21"}, today=TODAY)
    _, read = storage.queries.read_history(db)
    services.restore_backup(db, backup, mode="replace")
    restored, _ = storage.queries.read_history(db, read)
    assert restored.runs["run_date"].tolist() == [date(2026, 11, 20)]


def _full_read(db):
    return storage.queries.read_history(db)[0]


def _same_as_a_full_read(history, db) -> None:
    full = _full_read(db)
    for name in ("runs", "symptoms", "readiness", "red_flags", "foundation", "mood"):
        pd.testing.assert_frame_equal(getattr(history, name), getattr(full, name))
        # What was kept for the frame (extended after a save, or built before) is what
        # building it from the full read's frame gives.
        for builder in frame_cache._ROW_WISE:
            kept = frame_cache.kept(getattr(history, name), builder)
            if kept is not None:
                fresh = builder(getattr(full, name))
                assert kept.keys() == fresh.keys()
                for column, values in fresh.items():
                    np.testing.assert_array_equal(kept[column], values, err_msg=f"{name} {column}")
    assert history.records == full.records
    birth = date(2026, 7, 1)
    pd.testing.assert_frame_equal(_weekly(history, birth), _weekly(full, birth))


def _weekly(history, birth):
    return volume.weekly_summary(
        history.runs,
        history.symptoms,
        birth_date=birth,
        red_flags=history.red_flags,
        foundation=history.foundation,
    )


def test_weekly_rows_kept_for_a_frame_grow_with_the_rows_a_save_added(db_with_profile):
    """The weekly summary's per-row arrays, built for the last read, are extended with the new
    rows' (not built again for ten years) and equal building the grown frame whole: a run with
    walk breaks and no distance, a check-in with a period, a red flag, a foundation session."""
    db = db_with_profile
    walk_run = {"kind": "walk_run", "duration_min": 30, "run_interval_min": 2, "walk_interval_min": 1}
    walk_run |= {"interval_repeats": 10, "distance_km": None}
    services.add_run(db, {**RUN, "run_date": "2026-11-10"}, today=TODAY)
    services.add_run(db, {**RUN, **walk_run, "run_date": "2026-11-11"}, today=TODAY)
    services.add_symptom(db, {"symptom_date": "2026-11-10", "heaviness_0_10": 2}, today=TODAY)
    services.add_foundation_session(
        db, {"session_date": "2026-11-10", "activity": "strength", "duration_min": 15}, today=TODAY
    )
    first, read = storage.queries.read_history(db)
    before = _weekly(first, date(2026, 7, 1))  # builds and keeps the per-row arrays
    assert frame_cache.kept(first.runs, volume._run_rows) is not None
    services.add_run(db, {**RUN, **walk_run, "run_date": "2026-11-18"}, today=TODAY)
    services.add_symptom(
        db, {"symptom_date": "2026-11-18", "bleeding": "like_period", "bleeding_is_period": True}, today=TODAY
    )
    services.add_symptom(db, {"symptom_date": "2026-11-19", "leakage": "drops", "pain_knee_0_10": 3}, today=TODAY)
    services.add_symptom(db, {"symptom_date": "2026-11-19", "bleeding": "like_period"}, today=TODAY)  # a red flag
    services.add_foundation_session(
        db, {"session_date": "2026-11-19", "activity": "pelvic_floor", "duration_min": 10}, today=TODAY
    )
    second, _ = storage.queries.read_history(db, read)
    extended = frame_cache.kept(second.runs, volume._run_rows)
    assert extended is not None  # grown from the earlier arrays, not built by weekly_summary
    assert extended["running_min"].tolist() == [20.0, 20.0, 20.0]
    assert extended["day"].tolist() == [20775, 20768, 20767]  # 2026-11-18, -11, -10: newest first
    _same_as_a_full_read(second, db)
    after = _weekly(second, date(2026, 7, 1))
    assert before["run_minutes"].tolist() == [40.0] and after["run_minutes"].tolist() == [40.0, 20.0]
    assert after[["leakage_days", "bleeding_days", "worst_joint_pain_0_10", "strength_sessions"]].values.tolist() == [
        [0, 0, 0, 1],
        [1, 1, 3, 0],
    ]
    assert after["pelvic_floor_sessions"].tolist() == [0, 1]
    assert after["red_flag"].tolist() == [True, True]  # new heaviness, then the bleeding
    assert after["runs_without_distance"].tolist() == [1, 1]


def test_rows_added_since_the_last_read_extend_its_frame_and_records(db_with_profile):
    """Only inserts since the last read: the earlier frame plus the new rows, sorted like the
    full read (newest first), and the earlier records reused; equal to reading it all again."""
    db = db_with_profile
    for day in ("2026-11-10", "2026-11-14", "2026-11-12"):
        services.add_run(db, {**RUN, "run_date": day}, today=TODAY)
    first, read = storage.queries.read_history(db)
    earlier_records = first.records.runs
    services.add_run(db, {**RUN, "run_date": "2026-11-13", "duration_min": 27}, today=TODAY)
    services.add_run(db, {**RUN, "run_date": "2026-11-14", "duration_min": 28}, today=TODAY)
    second, read = storage.queries.read_history(db, read)
    _same_as_a_full_read(second, db)
    assert second.runs["run_date"].tolist() == [
        date(2026, 11, 14),
        date(2026, 11, 14),
        date(2026, 11, 13),
        date(2026, 11, 12),
        date(2026, 11, 10),
    ]
    assert second.runs["duration_min"].tolist()[:3] == [28.0, 20.0, 27.0]  # the same day: the higher id first
    assert [r.run_date for r in second.records.runs] == sorted(second.runs["run_date"])
    assert earlier_records[0] in second.records.runs and any(r is earlier_records[0] for r in second.records.runs)


def test_run_links_kept_for_the_check_ins_grow_with_a_saved_check_in(db_with_profile):
    """What the patterns read of each check-in (its run link and outcome flags), built for the
    last read, is extended with a new check-in's, and the outcomes equal a full read's."""
    db = db_with_profile
    first_run = services.add_run(db, {**RUN, "run_date": "2026-11-18"}, today=TODAY)
    services.add_symptom(
        db, {"symptom_date": "2026-11-18", "leakage": "drops", "heaviness_0_10": 0, "run_id": first_run}, today=TODAY
    )
    services.add_symptom(db, {"symptom_date": "2026-11-17", "heaviness_0_10": 0}, today=TODAY)  # not linked
    first, read = storage.queries.read_history(db)
    assert patterns.runs_with_outcomes(first.runs, first.symptoms)["leakage"].tolist() == [True]
    second_run = services.add_run(db, {**RUN, "run_date": "2026-11-19"}, today=TODAY)
    services.add_symptom(db, {"symptom_date": "2026-11-19", "heaviness_0_10": 3, "timing": "within_24h"}, today=TODAY)
    second, _ = storage.queries.read_history(db, read)
    kept = frame_cache.kept(second.symptoms, patterns._link_rows)
    assert kept is not None and kept["run_id"].tolist() == [None, first_run, None]  # newest first
    assert kept["heaviness"].tolist() == [True, False, False]
    _same_as_a_full_read(second, db)
    outcomes = patterns.runs_with_outcomes(second.runs, second.symptoms)
    assert outcomes["run_id"].tolist() == [first_run, second_run]
    assert outcomes[["leakage", "heaviness"]].values.tolist() == [[True, False], [False, True]]


def test_an_edit_or_a_delete_after_the_last_read_reads_the_table_again(db_with_profile):
    db = db_with_profile
    ids = [services.add_run(db, {**RUN, "run_date": day}, today=TODAY) for day in ("2026-11-10", "2026-11-11")]
    _, read = storage.queries.read_history(db)
    services.update_run(db, ids[0], {**RUN, "run_date": "2026-11-10", "duration_min": 33}, today=TODAY)
    services.add_run(db, {**RUN, "run_date": "2026-11-12"}, today=TODAY)  # an add on top of the edit
    after_edit, read = storage.queries.read_history(db, read)
    _same_as_a_full_read(after_edit, db)
    assert after_edit.runs["duration_min"].tolist() == [20.0, 20.0, 33.0]
    services.delete_run(db, ids[1])
    services.add_run(db, {**RUN, "run_date": "2026-11-13"}, today=TODAY)  # the count is back where it was
    after_delete, _ = storage.queries.read_history(db, read)
    _same_as_a_full_read(after_delete, db)
    assert after_delete.runs["run_date"].tolist() == [date(2026, 11, 13), date(2026, 11, 12), date(2026, 11, 10)]


def test_added_rows_of_another_column_type_read_the_table_again(db_with_profile):
    """Every earlier run without a distance (a column of None) and a new one with one: the
    full read's column is numbers, so the frame is read again rather than pieced together."""
    db = db_with_profile
    services.add_run(db, {**RUN, "distance_km": None}, today=TODAY)
    _, read = storage.queries.read_history(db)
    services.add_run(db, {**RUN, "run_date": "2026-11-21", "distance_km": 4.2}, today=TODAY)
    after, _ = storage.queries.read_history(db, read)
    _same_as_a_full_read(after, db)
    assert after.runs["distance_km"].tolist()[0] == 4.2


def test_an_import_of_many_runs_after_the_last_read_equals_a_full_read(db_with_profile):
    db = db_with_profile
    services.add_run(db, RUN, today=TODAY)
    services.add_symptom(db, {"symptom_date": "2026-11-20", "heaviness_0_10": 1}, today=TODAY)
    first, read = storage.queries.read_history(db)
    assert len(first.records.runs) == 1  # built, so the new history's records extend them
    for day in range(1, 19):
        services.add_run(db, {**RUN, "run_date": f"2026-10-{day:02d}", "duration_min": 10 + day}, today=TODAY)
    services.add_symptom(db, {"symptom_date": "2026-10-05", "leakage": "drops"}, today=TODAY)
    after, _ = storage.queries.read_history(db, read)
    _same_as_a_full_read(after, db)
    assert len(after.runs) == 19 and len(after.records.runs) == 19 and len(after.records.symptoms) == 2


def test_a_replacing_insert_after_the_last_read_reads_the_table_again(db_with_profile):
    """INSERT OR REPLACE removes the clashing row (a delete of its own) and adds one with a new
    id: not only rows added, so the table is read in full (the old row gone)."""
    db = db_with_profile
    sql = (
        "INSERT OR REPLACE INTO runs (run_date, duration_min, kind, created_at, source, source_id, uid) "
        "VALUES (?, ?, 'continuous', 'x', 'strava', '42', ?)"
    )
    db.execute(sql, ["2026-11-18", 20, "a" * 32])
    _, read = storage.queries.read_history(db)
    db.execute(sql, ["2026-11-19", 25, "b" * 32])
    after, _ = storage.queries.read_history(db, read)
    _same_as_a_full_read(after, db)
    assert after.runs["duration_min"].tolist() == [25.0]


def test_an_update_that_moves_a_row_past_the_highest_id_reads_the_table_again(db_with_profile):
    """One bump and one row above the earlier highest id, yet nothing was added: the row
    count gives it away, and the table is read in full."""
    db = db_with_profile
    run_id = services.add_run(db, RUN, today=TODAY)
    _, read = storage.queries.read_history(db)
    db.execute("UPDATE runs SET id = 99 WHERE id = ?", [run_id])
    after, _ = storage.queries.read_history(db, read)
    _same_as_a_full_read(after, db)
    assert after.runs["id"].tolist() == [99]


def test_a_run_added_without_the_optional_fields_extends_the_earlier_frame(db_with_profile):
    """The everyday case: earlier runs with a distance and notes, a new one with neither: its
    empty columns take the earlier types (NaN as a full read gives), and the frame is pieced
    together, equal to a full read."""
    db = db_with_profile
    services.add_run(db, {**RUN, "notes": "easy", "run_interval_min": 2, "walk_interval_min": 1}, today=TODAY)
    first, read = storage.queries.read_history(db)
    earlier_record = first.records.runs[0]
    services.add_run(db, {"run_date": "2026-11-21", "kind": "continuous", "duration_min": 15}, today=TODAY)
    after, _ = storage.queries.read_history(db, read)
    _same_as_a_full_read(after, db)
    assert any(r is earlier_record for r in after.records.runs)  # extended, not rebuilt
    assert after.runs["distance_km"].isna().tolist() == [True, False]


def test_a_missing_whole_number_after_the_last_read_reads_the_table_again(db_with_profile):
    """Whole numbers and a missing one read as decimals in a full read: no piecing together."""
    db = db_with_profile
    services.add_run(db, {**RUN, "effort_1_10": 4}, today=TODAY)
    _, read = storage.queries.read_history(db)
    services.add_run(db, {**RUN, "run_date": "2026-11-21"}, today=TODAY)
    after, _ = storage.queries.read_history(db, read)
    _same_as_a_full_read(after, db)
    assert str(after.runs["effort_1_10"].dtype) == "float64"
