"""AppTests for the Your data page: export, restore (merge and replace), import, the clinician
summary PDF and the example data switch.

AppTest 1.67 drives st.file_uploader (`at.file_uploader(key=...).set_value((name, bytes, mime))`),
so restore and import are tested here too. A download button only carries a media URL; the
`downloads` fixture keeps what the page handed to Streamlit's media storage so the bytes can be
read back.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
import streamlit.testing.v1.app_test as app_test_module
from pypdf import PdfReader
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.media_file_storage import MediaFileKind
from streamlit.runtime.memory_media_file_storage import MemoryFile, MemoryMediaFileStorage

from return_to_run import services, storage

from .helpers import PROFILE, ROOT, TODAY, app_test, no_errors

STRAVA_CSV = ROOT / "tests" / "fixtures" / "imports" / "strava_activities_en.csv"


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
    assert [t.label for t in at.main.tabs] == ["Import runs", "Clinician summary", "Export and restore", "Example data"]
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
    at.checkbox(key="restore_confirm").check().run()
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
