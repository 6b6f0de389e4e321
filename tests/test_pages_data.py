"""AppTests for the Your data page: export, restore (merge and replace), import, the clinician
summary PDF and the example data switch.

AppTest 1.67 drives st.file_uploader (`at.file_uploader(key=...).set_value((name, bytes, mime))`),
so restore and import are tested here too. A download button only carries a media URL; the
`downloads` fixture keeps what the page handed to Streamlit's media storage so the bytes can be
read back.
"""

from __future__ import annotations

import io
import time
import zipfile
from collections import OrderedDict
from datetime import date
from pathlib import Path

import pytest
import streamlit.testing.v1.app_test as app_test_module
from pypdf import PdfReader
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.media_file_storage import MediaFileKind
from streamlit.runtime.memory_media_file_storage import MemoryFile, MemoryMediaFileStorage

from return_to_run import phone_access, services, storage

from .helpers import PROFILE, ROOT, TODAY, app_test, metrics, no_errors

IMPORTS = ROOT / "tests" / "fixtures" / "imports"
STRAVA_CSV = IMPORTS / "strava_activities_en.csv"
# A Strava activities.csv of her last week: a note about leaks, a title about heaviness, a note
# about pain, and no effort anywhere.
RECENT_STRAVA_CSV = (
    b"Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Activity Description\n"
    b'201,"Nov 20, 2026, 7:00:00 AM",Morning Run,Run,1800,5.0,"Felt good, a few leaks near the end"\n'
    b'202,"Nov 22, 2026, 7:00:00 AM",Heavy legs,Run,1500,4.0,\n'
    b'203,"Nov 23, 2026, 7:00:00 AM",Easy,Run,1200,3.0,Knee pain after\n'
)


@pytest.fixture
def downloads(monkeypatch) -> dict[str, MemoryFile]:
    """Media URL -> file, for every download button the page draws (AppTest drops its media
    storage after each run)."""
    kept: dict[str, MemoryFile] = {}

    class KeptMediaStorage(MemoryMediaFileStorage):
        def load_and_get_id(self, path_or_data, mimetype, kind, filename=None):
            file_id = super().load_and_get_id(path_or_data, mimetype, kind, filename)
            kept[self.get_url(file_id)] = self._files_by_id[file_id]
            return file_id

    monkeypatch.setattr(app_test_module, "MemoryMediaFileStorage", KeptMediaStorage)
    # Downloads made on click (data passed as a callable) are kept by their file id; the
    # test "clicks" by calling the callable, as Streamlit does when she clicks.
    original_add_deferred = MediaFileManager.add_deferred

    def keep_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        file_id = original_add_deferred(self, data_callable, mimetype, coordinates, file_name, **kwargs)
        kept[file_id] = MemoryFile(
            content=data_callable(), mimetype=mimetype, kind=MediaFileKind.DOWNLOADABLE, filename=file_name
        )
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", keep_deferred)
    return kept


def downloaded(at, downloads, key: str) -> MemoryFile:
    proto = at.download_button(key=key).proto
    return downloads[proto.url or proto.deferred_file_id]


def fill(db) -> None:
    services.save_profile(db, PROFILE, today=TODAY)
    run_id = services.add_run(
        db,
        {
            "run_date": date(2026, 11, 20),
            "duration_min": 30,
            "distance_km": 4.0,
            "kind": "walk_run",
            "run_interval_min": 1,
            "walk_interval_min": 2,
            "interval_repeats": 10,
            "notes": "first one",
        },
        today=TODAY,
    )
    services.add_symptom(
        db,
        {"symptom_date": date(2026, 11, 20), "run_id": run_id, "timing": "during_run", "leakage": "drops"},
        today=TODAY,
    )
    storage.mark_lesson_read(db, "pressure", today=TODAY)


# ---------------------------------------------------------------- export and restore


def test_export_zip_is_a_backup_read_backup_accepts(db, downloads):
    fill(db)
    at = app_test("pages/data.py").run()
    no_errors(at)
    assert [t.label for t in at.main.tabs] == [
        "Import runs",
        "Clinician summary",
        "Export and restore",
        "Example data",
        "Use from your phone",
    ]
    assert at.download_button(key="download_export").label == "⬇️ Download everything (zip)"
    file = downloaded(at, downloads, "download_export")
    assert (file.mimetype, file.filename) == ("application/zip", "return-to-run-2026-11-25.zip")
    assert zipfile.ZipFile(io.BytesIO(file.content)).testzip() is None
    tables = storage.read_backup(file.content)
    assert [(r["run_date"], r["duration_min"], r["notes"]) for r in tables["runs"]] == [
        ("2026-11-20", 30.0, "first one")
    ]
    assert [r["leakage"] for r in tables["symptoms"]] == ["drops"]
    assert [r["slug"] for r in tables["lesson_progress"]] == ["pressure"]
    assert tables["profile"][0]["birth_date"] == PROFILE["birth_date"].isoformat()


def test_restore_merge_then_replace(db, downloads):
    fill(db)
    backup = downloaded(app_test("pages/data.py").run(), downloads, "download_export").content
    # What she did after the backup: one more run; and the backup is restored on top.
    services.add_run(db, {"run_date": date(2026, 11, 23), "duration_min": 20, "kind": "continuous"}, today=TODAY)

    at = app_test("pages/data.py").run()
    at.file_uploader(key="restore_file").set_value(("return-to-run-2026-11-25.zip", backup, "application/zip"))
    at.run()
    no_errors(at)
    assert "This backup holds: 1 profile, 1 run, 1 symptom entry, 1 lesson read." in [m.value for m in at.main.markdown]
    assert at.radio(key="restore_mode").value == "merge"
    assert not at.button(key="restore_button").disabled
    at.button(key="restore_button").click().run()
    no_errors(at)
    assert at.main.success[0].value.startswith("Restored:")
    assert sorted(storage.list_runs(db)["run_date"]) == [date(2026, 11, 20), date(2026, 11, 23)]  # merged

    at.file_uploader(key="restore_file").set_value(("return-to-run-2026-11-25.zip", backup, "application/zip"))
    at.run()
    at.radio(key="restore_mode").set_value("replace").run()
    assert at.button(key="restore_button").disabled  # replace asks first
    [confirm] = [c for c in at.main.checkbox if c.label == "Yes, replace everything I have now"]
    confirm.check().run()
    at.button(key="restore_button").click().run()
    no_errors(at)
    assert list(storage.list_runs(db)["run_date"]) == [date(2026, 11, 20)]  # the later run is gone


def test_restore_merge_of_her_own_backup_adds_nothing_twice(db, downloads):
    """ "Merge: add what is missing to my current data". Restoring the backup she just made
    must leave every log as it was: no symptom entry, red flag, readiness result or foundation
    session added a second time (an earlier merge skipped only runs already present)."""
    fill(db)
    services.add_readiness_results(
        db,
        [{"test_date": date(2026, 11, 18), "test_code": "walk_30min", "completed": True, "had_symptoms": False}],
        today=TODAY,
    )
    services.add_foundation_session(
        db, {"session_date": date(2026, 11, 19), "activity": "pelvic_floor", "duration_min": 10}, today=TODAY
    )
    services.add_red_flags(db, ["fever"], flagged_date=date(2026, 11, 21), today=TODAY)
    before = storage.counts(db)
    backup = downloaded(app_test("pages/data.py").run(), downloads, "download_export").content

    at = app_test("pages/data.py").run()
    at.file_uploader(key="restore_file").set_value(("return-to-run-2026-11-25.zip", backup, "application/zip"))
    at.run()
    at.button(key="restore_button").click().run()
    no_errors(at)
    assert storage.counts(db) == before


def test_restore_refuses_a_file_that_is_not_a_backup(db_with_profile):
    at = app_test("pages/data.py").run()
    at.file_uploader(key="restore_file").set_value(("holiday.zip", b"PK\x03\x04 not really", "application/zip"))
    at.run()
    assert not at.exception
    assert len(at.main.error) == 1
    assert at.main.error[0].icon == "📄"
    assert not [r for r in at.main.radio if r.key == "restore_mode"]
    assert len(storage.list_runs(db_with_profile)) == 0


# ---------------------------------------------------------------- import


def test_strava_import_previews_then_imports_once(db_with_profile):
    db = db_with_profile
    at = app_test("pages/data.py").run()
    at.file_uploader(key="import_file").set_value(("activities.csv", STRAVA_CSV.read_bytes(), "text/csv"))
    at.run()
    no_errors(at)
    assert {m.label: m.value for m in at.main.metric} == {
        "New runs and walks": "5",
        "Already imported": "0",
        "Skipped": "6",
    }
    assert storage.list_runs(db).empty  # a preview writes nothing
    assert at.button(key="confirm_import").label == "Import 5 activities"
    at.button(key="confirm_import").click().run()
    no_errors(at)
    assert [s.value for s in at.main.success] == ["Imported 5 activities from `activities.csv`."]
    runs = storage.list_runs(db)
    assert len(runs) == 5 and set(runs["source"]) == {"strava"}
    assert at.file_uploader(key="import_file").value is None  # cleared for the next file

    at.file_uploader(key="import_file").set_value(("activities.csv", STRAVA_CSV.read_bytes(), "text/csv"))
    at.run()
    no_errors(at)
    assert {m.label: m.value for m in at.main.metric} == {
        "New runs and walks": "0",
        "Already imported": "5",
        "Skipped": "6",
    }
    assert "Nothing new to import from this file." in [i.value for i in at.main.info]
    assert not [b for b in at.main.button if b.key == "confirm_import"]
    assert len(storage.list_runs(db)) == 5


def test_import_of_an_unknown_file_explains(db_with_profile):
    at = app_test("pages/data.py").run()
    at.file_uploader(key="import_file").set_value(("notes.csv", b"a,b\n1,2\n", "text/csv"))
    at.run()
    assert not at.exception
    assert len(at.main.error) == 1 and at.main.error[0].icon == "📄"
    assert storage.list_runs(db_with_profile).empty


# ---------------------------------------------------------------- clinician summary


def test_clinician_summary_pdf(db, downloads):
    fill(db)
    at = app_test("pages/data.py").run()
    assert at.date_input(key="report_from").value == date(2026, 7, 1)  # the birth: under 26 weeks ago
    assert at.date_input(key="report_to").value == TODAY
    assert not [b for b in at.main.download_button if b.key == "download_report"]
    at.date_input(key="report_from").set_value(date(2026, 11, 1))
    at.button(key="make_report").click().run()
    no_errors(at)
    file = downloaded(at, downloads, "download_report")
    assert (file.mimetype, file.filename) == ("application/pdf", "return-to-run-summary-2026-11-25.pdf")
    assert file.content.startswith(b"%PDF")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(file.content)).pages)
    assert "2026-11-01" in text and "2026-11-25" in text


def test_clinician_summary_refuses_a_reversed_period(db_with_profile):
    at = app_test("pages/data.py").run()
    at.date_input(key="report_from").set_value(date(2026, 11, 20))
    at.date_input(key="report_to").set_value(date(2026, 11, 10)).run()
    assert [e.value for e in at.main.error] == ["**From** must be on or before **To**."]
    assert not [b for b in at.main.button if b.key == "make_report"]


def test_clinician_summary_needs_a_profile(db_file):
    at = app_test("pages/data.py").run()
    no_errors(at)
    assert "Set up your profile first: the summary starts from your birth date." in [i.value for i in at.main.info]
    assert not [b for b in at.main.button if b.key == "make_report"]


# ---------------------------------------------------------------- example data


def test_example_data_tab_loads_and_leaves(db_file):
    at = app_test("pages/data.py").run()
    example_path = storage.example_db_path(db_file)
    at.button(key="load_example_data").click().run()
    no_errors(at)
    assert example_path.exists()
    assert at.main.info[0].value.startswith("You are exploring **example data**")
    assert f"`{example_path}`" in at.main.markdown[0].value  # the page names the file in use
    main = storage.open_db(db_file)
    try:
        assert storage.list_runs(main).empty and storage.get_profile(main) is None
    finally:
        main.close()
    assert at.button(key="leave_example").label == "Leave and remove example data"
    at.button(key="leave_example").click().run()
    no_errors(at)
    assert not example_path.exists()
    assert not [i for i in at.main.info if i.value.startswith("You are exploring")]
    assert at.button(key="load_example_data").label == "🧪 Explore with example data"
    assert f"`{db_file}`" in at.main.markdown[0].value


def test_restore_merge_of_an_older_backup_does_not_reopen_a_resolved_red_flag(db, downloads):
    """A red flag open when she made the backup and resolved since is the same flag (same code,
    date and created_at), not a missing one: merging the older backup must not raise it again,
    which would pause her training once more."""
    fill(db)
    [flag_id] = services.add_red_flags(db, ["fever"], flagged_date=date(2026, 11, 21), today=TODAY)
    backup = downloaded(app_test("pages/data.py").run(), downloads, "download_export").content
    services.resolve_red_flag(db, flag_id, resolved_date=date(2026, 11, 23), note="GP: a cold", today=TODAY)

    at = app_test("pages/data.py").run()
    at.file_uploader(key="restore_file").set_value(("return-to-run-2026-11-25.zip", backup, "application/zip"))
    at.run()
    at.button(key="restore_button").click().run()
    no_errors(at)
    flags = storage.list_red_flags(db)
    assert flags[["flag_code", "resolved_note"]].to_dict("records") == [
        {"flag_code": "fever", "resolved_note": "GP: a cold"}
    ]


# ---------------------------------------------------------------- issue 13 item 5: never into the example data


def _example_mode_on(db_file) -> Path:
    """Example mode as another window leaves it: the switch in her database, and an example
    database (with a profile, so pages run) beside it. Returns the example file."""
    example_path = storage.example_db_path(db_file)
    example_db = storage.open_db(example_path)
    services.save_profile(example_db, PROFILE, today=TODAY)
    example_db.close()
    main = storage.open_db(db_file)
    services.set_setting(main, "example_mode", "on")
    main.close()
    return example_path


def _runs_in(path) -> int:
    db = storage.open_db(path)
    try:
        return len(storage.list_runs(db))
    finally:
        db.close()


def test_import_and_restore_are_refused_while_exploring_the_example_data(db_with_profile, db_file):
    example_path = _example_mode_on(db_file)
    at = app_test("pages/data.py").run()
    no_errors(at)
    refusals = [i.value for i in at.main.info if i.value.startswith("You are exploring the example data.")]
    assert refusals == [
        "You are exploring the example data. Importing always goes into your own log, never into the example "
        "file: leave the example data first (the button at the top of the page), then come back here.",
        "You are exploring the example data. Restoring always goes into your own log, never into the example "
        "file: leave the example data first (the button at the top of the page), then come back here.",
    ]
    assert not at.get("file_uploader")  # nothing to pick a file with
    assert _runs_in(example_path) == 0 and _runs_in(db_file) == 0


def test_a_restore_clicked_after_another_window_opened_the_example_data_writes_nowhere(
    db_with_profile, db_file, downloads
):
    fill(db_with_profile)
    backup = downloaded(app_test("pages/data.py").run(), downloads, "download_export").content
    services.restore_backup(db_with_profile, {"runs": []}, mode="replace", today=TODAY)  # her log emptied
    at = app_test("pages/data.py").run()
    at.file_uploader(key="restore_file").set_value(("return-to-run-2026-11-25.zip", backup, "application/zip"))
    at.run()
    assert not at.button(key="restore_button").disabled
    example_path = _example_mode_on(db_file)  # the other window
    at.button(key="restore_button").click().run()
    assert not at.exception
    assert not [b for b in at.main.button if b.key == "restore_button"]
    assert any(i.value.startswith("You are exploring the example data. Restoring") for i in at.main.info)
    assert not [s for s in at.main.success if s.value.startswith("Restored")]
    assert _runs_in(example_path) == 0 and _runs_in(db_file) == 0


def test_an_import_clicked_after_another_window_opened_the_example_data_writes_nowhere(db_with_profile, db_file):
    at = app_test("pages/data.py").run()
    at.file_uploader(key="import_file").set_value(("activities.csv", RECENT_STRAVA_CSV, "text/csv"))
    at.run()
    example_path = _example_mode_on(db_file)
    at.button(key="confirm_import").click().run()
    assert not at.exception
    assert not [s for s in at.main.success if s.value.startswith("Imported")]
    assert _runs_in(example_path) == 0 and _runs_in(db_file) == 0


# ---------------------------------------------------------------- issue 13 items 15, 17, 18: imports that are right


def test_the_preview_names_the_assumed_unit_and_one_tap_reads_the_file_in_the_other(db_with_profile):
    db = db_with_profile
    at = app_test("pages/data.py").run()
    at.file_uploader(key="import_file").set_value(
        ("Activities.csv", (IMPORTS / "garmin_miles.csv").read_bytes(), "text/csv")
    )
    at.run()
    no_errors(at)
    [unit] = [i.value for i in at.main.info if i.icon == "📏"]
    assert unit.startswith("Distances in this file are read as **kilometres**. Read as km")
    assert at.main.dataframe[0].value["Distance (km)"].tolist() == ["3.12"]
    assert at.button(key="import_unit_switch").label == "Read them as miles instead"

    at.button(key="import_unit_switch").click().run()
    no_errors(at)
    [unit] = [i.value for i in at.main.info if i.icon == "📏"]
    assert unit == "Distances in this file are read as **miles**. Read as miles\u2060\\: your choice\\."
    assert at.main.dataframe[0].value["Distance (km)"].tolist() == ["5.02"]
    assert storage.list_runs(db).empty  # a switch writes nothing
    at.button(key="confirm_import").click().run()
    no_errors(at)
    assert storage.list_runs(db)["distance_km"].tolist() == [5.021]


def test_the_preview_keeps_titles_apart_and_shows_missing_effort_blank(db_with_profile):
    at = app_test("pages/data.py").run()
    at.file_uploader(key="import_file").set_value(("activities.csv", RECENT_STRAVA_CSV, "text/csv"))
    at.run()
    no_errors(at)
    table = at.main.dataframe[0].value
    assert table[["Date", "Start", "Title", "Effort", "Notes"]].values.tolist() == [
        ["2026-11-20", "07:00", "Morning Run", "", "Felt good, a few leaks near the end"],
        ["2026-11-22", "07:00", "Heavy legs", "", ""],
        ["2026-11-23", "07:00", "Easy", "", "Knee pain after"],
    ]


def test_the_same_run_from_another_source_is_previewed_as_already_imported(db_with_profile):
    db = db_with_profile
    # Her Strava copy of Garmin's first run: started 75 s later, 20 s longer.
    strava_copy = {
        "run_date": "2024-03-10",
        "start_time": "2024-03-10T07:14:00",
        "duration_min": 31.0,
        "distance_km": 5.0,
        "kind": "continuous",
        "source": "strava",
        "source_id": "999",
    }
    services.import_runs(db, [strava_copy], today=TODAY)
    at = app_test("pages/data.py").run()
    at.file_uploader(key="import_file").set_value(
        ("Activities.csv", (IMPORTS / "garmin_activities.csv").read_bytes(), "text/csv")
    )
    at.run()
    no_errors(at)
    assert metrics(at) == {"New runs and walks": "3", "Already imported": "1", "Skipped": "3"}
    same = at.main.dataframe[1].value  # after the new rows' table
    assert same.values.tolist() == [["2024-03-10", "07:12", "Easy run", 30.7, "strava", "07:14", 31.0]]
    assert at.button(key="confirm_import").label == "Import 3 activities"
    at.button(key="confirm_import").click().run()
    no_errors(at)
    assert sorted(storage.list_runs(db)["source"]) == ["garmin", "garmin", "garmin", "strava"]


def test_the_same_run_can_still_be_imported_when_she_says_they_differ(db_with_profile):
    db = db_with_profile
    services.import_runs(
        db,
        [
            {
                "run_date": "2024-03-10",
                "start_time": "2024-03-10T07:12:00",
                "duration_min": 30.0,
                "kind": "continuous",
                "source": "strava",
                "source_id": "1",
            }
        ],
        today=TODAY,
    )
    at = app_test("pages/data.py").run()
    at.file_uploader(key="import_file").set_value(
        ("Activities.csv", (IMPORTS / "garmin_activities.csv").read_bytes(), "text/csv")
    )
    at.run()
    [anyway] = [c for c in at.main.checkbox if c.label == "They are different runs: import them too"]
    anyway.check().run()
    assert at.button(key="confirm_import").label == "Import 4 activities"


def test_notes_about_symptoms_become_entries_only_when_ticked(db_with_profile):
    db = db_with_profile
    at = app_test("pages/data.py").run()
    at.file_uploader(key="import_file").set_value(("activities.csv", RECENT_STRAVA_CSV, "text/csv"))
    at.run()
    no_errors(at)
    assert "**Notes that mention a symptom (3)**" in [m.value for m in at.main.markdown]
    ticks = [c for c in at.main.checkbox if c.key.startswith("note_")]
    assert [c.label for c in ticks] == [
        "Make a symptom entry for 2026-11-20 · Morning Run",
        "Make a symptom entry for 2026-11-22 · Heavy legs",
        "Make a symptom entry for 2026-11-23 · Easy",
    ]
    assert [t.value for t in at.main.text] == ["Felt good, a few leaks near the end", "Heavy legs", "Knee pain after"]
    ticks[0].check().run()
    ticks = [c for c in at.main.checkbox if c.key.startswith("note_")]
    ticks[2].check().run()
    leakage = [s for s in at.main.selectbox if s.label == "Leakage"]
    assert [s.value for s in leakage] == ["drops"]  # the mildest, shown
    pain_site = [s for s in at.main.selectbox if s.label == "Pain where"]
    pain_site[0].set_value("knee")
    [pain] = [n for n in at.main.number_input if n.label == "Pain (0-10)"]
    pain.set_value(3).run()
    assert at.button(key="confirm_import").label == "Import 3 activities and make 2 symptom entries"
    at.button(key="confirm_import").click().run()
    no_errors(at)
    assert [s.value for s in at.main.success] == [
        "Imported 3 activities from `activities.csv`. Made 2 symptom entries from their notes."
    ]
    entries = storage.list_symptoms(db)
    runs = storage.list_runs(db).set_index("source_id")
    got = entries.sort_values("symptom_date")[
        ["symptom_date", "run_id", "timing", "leakage", "heaviness_0_10", "pain_knee_0_10", "notes"]
    ].values.tolist()
    assert got == [
        [date(2026, 11, 20), runs.loc["201", "id"], "during_run", "drops", 0, 0, "Felt good, a few leaks near the end"],
        [date(2026, 11, 23), runs.loc["203", "id"], "during_run", "none", 0, 3, "Knee pain after"],
    ]


def test_undo_this_import_takes_back_the_whole_batch_in_one_click(db_with_profile):
    db = db_with_profile
    services.add_run(db, {"run_date": date(2026, 11, 24), "duration_min": 20, "kind": "continuous"}, today=TODAY)
    at = app_test("pages/data.py").run()
    at.file_uploader(key="import_file").set_value(("activities.csv", RECENT_STRAVA_CSV, "text/csv"))
    at.run()
    [c for c in at.main.checkbox if c.key.startswith("note_")][0].check().run()
    at.button(key="confirm_import").click().run()
    assert len(storage.list_runs(db)) == 4 and len(storage.list_symptoms(db)) == 1
    assert "Your last import: 3 activities from `activities.csv` and 1 symptom entry made from their notes." in [
        m.value for m in at.main.markdown
    ]
    at.button(key="undo_import").click().run()
    no_errors(at)
    assert [s.value for s in at.main.success] == ["Import taken back: 3 activities removed from your log."]
    assert storage.list_runs(db)["source"].tolist() == ["manual"]  # hers stays
    assert storage.list_symptoms(db).empty
    assert not [b for b in at.main.button if b.key == "undo_import"]


def test_undo_this_import_belongs_to_the_database_it_was_made_in(db_with_profile, db_file):
    at = app_test("pages/data.py").run()
    at.file_uploader(key="import_file").set_value(("activities.csv", RECENT_STRAVA_CSV, "text/csv"))
    at.run()
    at.button(key="confirm_import").click().run()
    assert at.button(key="undo_import")
    _example_mode_on(db_file)
    at.run()
    no_errors(at)
    assert not [b for b in at.main.button if b.key == "undo_import"]


# ---------------------------------------------------------------- issue 15: the in-app switch


def test_phone_mode_is_explained_and_off_by_default(db_with_profile, monkeypatch):
    monkeypatch.delenv(phone_access.PHONE_ENV_VAR, raising=False)
    at = app_test("pages/data.py").run()
    no_errors(at)
    text = "\n".join(m.value for m in at.main.markdown)
    assert "**Anyone on the same Wi-Fi who has the link can see your data**" in text
    assert "`python3 tasks.py start --phone`" in text
    assert "Phone mode is off: only this computer can open the app." in [i.value for i in at.main.info]
    assert not [b for b in at.main.button if b.key == "new_phone_link"]


def test_a_new_phone_link_locks_out_the_old_one_and_keeps_this_window_in(db_with_profile, monkeypatch, tmp_path):
    key_file = tmp_path / "data" / phone_access.KEY_FILE_NAME
    old_key = phone_access.new_key(key_file)
    monkeypatch.setenv(phone_access.PHONE_ENV_VAR, str(key_file))
    at = app_test("pages/data.py")
    at.query_params[phone_access.QUERY_PARAM] = old_key
    at.run()
    no_errors(at)
    assert at.button(key="new_phone_link").label == "Make a new phone link"
    at.button(key="new_phone_link").click().run()
    no_errors(at)
    record = phone_access.load_record(key_file)
    assert not phone_access.verify_key(old_key, record)
    [link] = [m.value for m in at.main.markdown if m.value.startswith("Or open this link on the phone: ")]
    new_key = link.split("key=")[1].rstrip("`")
    assert phone_access.verify_key(new_key, record)
    assert len(at.get("image")) == 1  # the QR code, made here
    assert (key_file.parent / phone_access.QR_FILE_NAME).stat().st_mode & 0o777 == 0o600
    at.run()  # this window stays in
    no_errors(at)
    assert at.button(key="new_phone_link")


def test_a_restore_drops_the_undo_of_an_import_it_replaced(db_with_profile, downloads):
    backup = downloaded(app_test("pages/data.py").run(), downloads, "download_export").content
    at = app_test("pages/data.py").run()
    at.file_uploader(key="import_file").set_value(("activities.csv", RECENT_STRAVA_CSV, "text/csv"))
    at.run()
    at.button(key="confirm_import").click().run()
    assert at.button(key="undo_import")
    at.file_uploader(key="restore_file").set_value(("return-to-run-2026-11-25.zip", backup, "application/zip"))
    at.run()
    at.radio(key="restore_mode").set_value("replace").run()
    [confirm] = [c for c in at.main.checkbox if c.label == "Yes, replace everything I have now"]
    confirm.check().run()
    at.button(key="restore_button").click().run()
    no_errors(at)
    assert storage.list_runs(db_with_profile).empty
    assert not [b for b in at.main.button if b.key == "undo_import"]
    # A next backup is never pre-confirmed for "replace".
    at.file_uploader(key="restore_file").set_value(("again.zip", backup, "application/zip"))
    at.run()
    at.radio(key="restore_mode").set_value("replace").run()
    assert at.button(key="restore_button").disabled


# ---------------------------------------------------------------- issue 16: the file read once


@pytest.fixture
def parses(monkeypatch) -> list[tuple[str, bytes, str | None]]:
    """(name, bytes, picked unit) of every importers.parse_upload call, starting from an empty
    cache of read files, so a test counts its own reads."""
    from return_to_run import importers
    from return_to_run.ui import imports

    calls: list[tuple[str, bytes, str | None]] = []
    real = importers.parse_upload

    def counting(name, data, **settings):
        calls.append((name, data, settings.get("distance_unit")))
        return real(name, data, **settings)

    monkeypatch.setattr(importers, "parse_upload", counting)
    monkeypatch.setattr(imports, "_parsed_uploads", OrderedDict())
    return calls


def test_the_preview_reads_the_file_once_while_she_ticks_notes_and_imports(db_with_profile, parses):
    at = app_test("pages/data.py").run()
    at.file_uploader(key="import_file").set_value(("activities.csv", RECENT_STRAVA_CSV, "text/csv"))
    at.run()
    no_errors(at)
    assert len(parses) == 1
    [tick, *_] = [c for c in at.main.checkbox if c.key.startswith("note_")]
    tick.check().run()
    at.run()
    no_errors(at)
    assert len(parses) == 1  # two more runs of the page, the file not read again
    assert at.button(key="confirm_import").label == "Import 3 activities and make 1 symptom entry"
    at.button(key="confirm_import").click().run()
    no_errors(at)
    assert len(parses) == 1
    assert len(storage.list_runs(db_with_profile)) == 3 and len(storage.list_symptoms(db_with_profile)) == 1


def test_the_preview_reads_the_file_again_in_the_other_unit_and_a_new_file_of_the_same_name(db_with_profile, parses):
    at = app_test("pages/data.py").run()
    at.file_uploader(key="import_file").set_value(("activities.csv", RECENT_STRAVA_CSV, "text/csv"))
    at.run()
    assert at.main.dataframe[0].value["Distance (km)"].tolist() == ["5.00", "4.00", "3.00"]
    at.button(key="import_unit_switch").click().run()
    no_errors(at)
    assert at.main.dataframe[0].value["Distance (km)"].tolist() == ["8.05", "6.44", "4.83"]
    assert [unit for _, _, unit in parses] == [None, "mi"]
    renamed = RECENT_STRAVA_CSV.replace(b"Morning Run", b"Sunrise Run")
    at.file_uploader(key="import_file").set_value(("activities.csv", renamed, "text/csv"))
    at.run()
    no_errors(at)
    assert at.main.dataframe[0].value["Title"].tolist() == ["Sunrise Run", "Heavy legs", "Easy"]
    assert at.main.dataframe[0].value["Distance (km)"].tolist() == [
        "5.00",
        "4.00",
        "3.00",
    ]  # her pick was for the other file
    assert [(data, unit) for _, data, unit in parses][2:] == [(renamed, None)]


def test_a_read_file_is_kept_per_day_and_unit_bounded_and_its_rows_are_each_callers_own(parses, monkeypatch):
    from return_to_run.importers import ImportFileError
    from return_to_run.ui.imports import PARSED_UPLOADS_KEPT, parsed_upload

    settings = {"today": TODAY, "distance_units": "km", "distance_unit": None}
    first = parsed_upload("activities.csv", RECENT_STRAVA_CSV, **settings)
    first.rows[0]["duration_min"] = 999.0  # a caller changing its rows
    assert parsed_upload("activities.csv", RECENT_STRAVA_CSV, **settings).rows[0]["duration_min"] == 30.0
    assert len(parses) == 1
    # Read again for another day (runs after it are refused), profile unit or picked unit.
    assert (
        len(parsed_upload("activities.csv", RECENT_STRAVA_CSV, **{**settings, "today": date(2026, 11, 21)}).rows) == 1
    )
    parsed_upload("activities.csv", RECENT_STRAVA_CSV, **{**settings, "distance_units": "mi"})
    parsed_upload("activities.csv", RECENT_STRAVA_CSV, **{**settings, "distance_unit": "mi"})
    assert len(parses) == 4
    # And after this computer's time zone changed (UTC times are read in it).
    with monkeypatch.context() as zone:
        zone.setattr(time, "timezone", time.timezone + 3600)
        parsed_upload("activities.csv", RECENT_STRAVA_CSV, **{**settings, "distance_unit": "mi"})
    assert len(parses) == 5
    parsed_upload("activities.csv", RECENT_STRAVA_CSV, **{**settings, "distance_unit": "mi"})
    assert len(parses) == 5
    # A refusal is kept too, and raised anew each time.
    for _ in range(2):
        with pytest.raises(ImportFileError, match="not a Strava activities.csv"):
            parsed_upload("notes.csv", b"a,b\n1,2\n", **settings)
    assert len(parses) == 6
    # Only the last few files are kept: the first one, pushed out, is read again.
    assert PARSED_UPLOADS_KEPT < 5
    parsed_upload("activities.csv", RECENT_STRAVA_CSV, **settings)
    assert len(parses) == 7
