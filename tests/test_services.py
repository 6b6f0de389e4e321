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


def test_no_module_of_the_app_is_over_450_lines():
    """The house rule of docs/architecture.md: a module that grows past it is split by what it does."""
    root = Path(__file__).resolve().parent.parent
    sources = [root / "app.py", *root.glob("pages/*.py"), *root.glob("return_to_run/**/*.py")]
    too_long = {
        str(path.relative_to(root)): lines
        for path in sources
        if (lines := len(path.read_text("utf-8").splitlines())) > 450
    }
    assert too_long == {}


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


def test_a_mood_check_is_validated_saved_and_read_back(db_with_profile):
    check_id = services.add_mood_check(
        db_with_profile, {"check_date": "2026-11-20", "low_mood": "yes", "little_interest": "no"}, today=TODAY
    )
    assert storage.list_mood_checks(db_with_profile)[["id", "low_mood", "little_interest"]].to_dict("records") == [
        {"id": check_id, "low_mood": 1, "little_interest": 0}
    ]
    assert storage.load_history(db_with_profile).records.mood[0].any_yes is True
    with pytest.raises(ValidationError, match="needs a yes or a no"):
        services.add_mood_check(db_with_profile, {"check_date": "2026-11-20", "low_mood": "no"}, today=TODAY)


def test_heavy_bleeding_on_an_entry_raises_the_urgent_flag(db_with_profile):
    _, codes = services.add_symptom(db_with_profile, {"symptom_date": "2026-11-20", "bleeding": "heavy"}, today=TODAY)
    assert codes == ["heavy_bleeding", "bleeding_beyond_8_weeks"]


def test_start_where_i_am_is_a_confirmed_setting_that_survives_a_restore(db_with_profile, tmp_path):
    assert storage.start_where_i_am(db_with_profile) is False
    services.set_start_where_i_am(db_with_profile, True)
    assert storage.start_where_i_am(db_with_profile) is True
    backup = storage.read_backup(storage.export_zip(db_with_profile, today=TODAY))
    services.set_start_where_i_am(db_with_profile, False)
    assert storage.start_where_i_am(db_with_profile) is False
    services.restore_backup(db_with_profile, backup, mode="replace", today=TODAY)
    assert storage.start_where_i_am(db_with_profile) is True


def test_country_is_saved_on_the_profile(db_with_profile):
    profile = storage.get_profile(db_with_profile)
    assert profile.country is None
    raw = {k: getattr(profile, k) for k in ("birth_date", "birth_type", "feeding", "running_background")}
    assert services.save_profile(db_with_profile, {**raw, "country": "au"}, today=TODAY).country == "au"


def _hop(day: str, *, had_symptoms: bool) -> dict:
    return {"test_date": day, "test_code": "hop_in_place", "completed": True, "had_symptoms": had_symptoms}


def _hops(db) -> list[tuple]:
    rows = storage.list_readiness(db)
    return [(r["test_date"].isoformat(), bool(r["had_symptoms"])) for _, r in rows.iterrows()]


def test_a_readiness_test_repeated_the_same_day_counts_once_the_latest_winning(db_with_profile):
    db = db_with_profile
    services.add_readiness_results(db, [_hop("2026-11-20", had_symptoms=True)], today=TODAY)
    services.add_readiness_results(db, [_hop("2026-11-19", had_symptoms=True)], today=TODAY)  # the day before
    services.add_readiness_results(db, [_hop("2026-11-20", had_symptoms=False)], today=TODAY)  # retried, passed
    assert _hops(db) == [("2026-11-20", False), ("2026-11-19", True)]
    # Two in one set: the later one is kept.
    ids = services.add_readiness_results(
        db, [_hop("2026-11-21", had_symptoms=False), _hop("2026-11-21", had_symptoms=True)], today=TODAY
    )
    assert len(ids) == 1
    assert _hops(db)[0] == ("2026-11-21", True)


def test_a_refused_set_leaves_the_same_day_result_in_place(db_with_profile):
    db = db_with_profile
    services.add_readiness_results(db, [_hop("2026-11-20", had_symptoms=False)], today=TODAY)
    with pytest.raises(ValidationError):
        services.add_readiness_results(
            db,
            [_hop("2026-11-20", had_symptoms=True), {**_hop("2026-11-20", had_symptoms=True), "test_code": "x"}],
            today=TODAY,
        )
    assert _hops(db) == [("2026-11-20", False)]
