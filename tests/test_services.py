"""The service step: every save goes through validation and the rules before storage writes."""

import re
from datetime import date
from pathlib import Path

import pytest

from return_to_run import services, storage
from return_to_run.validation import ValidationError, validate_symptom

from .conftest import TODAY

RUN = {"run_date": "2026-11-20", "duration_min": 20, "kind": "continuous", "distance_km": 3.0}


SAVES = (
    "save_profile",
    "add_run",
    "update_run",
    "add_symptom",
    "add_red_flags",
    "resolve_red_flag",
    "add_readiness_results",
    "add_foundation_session",
    "import_runs",
    "restore_backup",
)


@pytest.mark.parametrize("name", SAVES)
def test_saves_that_validate_live_only_in_services(name):
    """Storage writes clean rows; a save that validates and applies rules has one door, the service."""
    assert callable(getattr(services, name))
    assert not hasattr(storage, name)


def test_no_page_or_ui_module_writes_through_storage():
    """Every door (form, import, restore) goes through services: no page calls a storage write."""
    root = Path(__file__).resolve().parent.parent
    writes = re.compile(r"\bstorage\.(insert_|replace_|write_|delete_|undo_|set_setting|mark_lesson)")
    offenders = [
        f"{path.relative_to(root)}:{number}"
        for path in [root / "app.py", *root.glob("pages/*.py"), *root.glob("return_to_run/ui/*.py")]
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if writes.search(line)
    ]
    assert offenders == []


def test_red_flags_are_computed_by_the_service_not_by_storage(db_with_profile):
    raw = {"symptom_date": "2026-11-20", "bleeding": "like_period"}
    symptom_id, codes = services.add_symptom(db_with_profile, raw, today=TODAY)
    assert codes == ["bleeding_beyond_8_weeks"]  # 20 weeks after the birth in conftest
    assert storage.list_red_flags(db_with_profile)[["flag_code", "symptom_id"]].to_dict("records") == [
        {"flag_code": "bleeding_beyond_8_weeks", "symptom_id": symptom_id}
    ]
    clean, _ = validate_symptom(raw, today=TODAY)
    storage.insert_symptom(db_with_profile, clean, [])  # storage writes what it is given, no rule inside
    assert storage.counts(db_with_profile)["red_flags"] == 1


def test_an_import_is_one_batch_that_can_be_taken_back(db_with_profile):
    rows = [
        {**RUN, "source": "strava", "source_id": "1", "title": "Morning Run", "start_time": "2026-11-20T06:45:10"},
        {**RUN, "source": "strava", "source_id": "2"},
    ]
    services.add_run(db_with_profile, RUN, today=TODAY)
    assert services.import_runs(db_with_profile, rows, today=TODAY, import_batch="b1") == {"added": 2, "duplicates": 0}
    stored = storage.all_rows(db_with_profile)["runs"]
    assert [(r["title"], r["start_time"], r["import_batch"], r["notes"]) for r in stored] == [
        ("", None, None, ""),
        ("Morning Run", "2026-11-20T06:45:10", "b1", ""),
        ("", None, "b1", ""),
    ]
    assert services.delete_import_batch(db_with_profile, "b1") == 2
    assert storage.counts(db_with_profile)["runs"] == 1


def test_an_import_without_a_batch_id_gets_a_fresh_one(db_with_profile):
    services.import_runs(db_with_profile, [{**RUN, "source": "garmin", "source_id": "g"}], today=TODAY)
    [batch] = [r["import_batch"] for r in storage.all_rows(db_with_profile)["runs"]]
    assert len(batch) == 32


def test_a_red_flag_in_the_future_is_refused(db_with_profile):
    with pytest.raises(ValidationError) as caught:
        services.add_red_flags(db_with_profile, ["fever"], flagged_date=date(2026, 11, 26), today=TODAY)
    assert str(caught.value) == "Flagged on: 2026-11-26 is in the future."
