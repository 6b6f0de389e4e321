"""The example persona, loaded into real SQLite files through storage."""

from datetime import date, timedelta

import pytest

from return_to_run import example, lessons, models, phases, plan, storage, volume

TODAY = date(2026, 11, 25)  # a Wednesday
BIRTH = date(2026, 5, 25)  # the Monday 26 weeks and 2 days before
EXPECTED_COUNTS = {
    "profile": 1,
    "runs": 61,
    "symptoms": 45,
    "red_flags": 3,
    "readiness_results": 22,
    "foundation_sessions": 118,
    "lesson_progress": 6,
}
# storage stamps these with the wall clock, so two loads differ there and nowhere else.
CLOCK_COLUMNS = ("created_at", "updated_at", "uid")  # uid: random per record, by design


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """One example database for the read-only tests (loading takes a moment)."""
    db = storage.open_db(tmp_path_factory.mktemp("example") / "x.db")
    written = example.load_example(db, today=TODAY)
    yield db, written
    db.close()


def _without_clock(rows: dict[str, list[dict]]) -> dict[str, list[dict]]:
    return {
        table: [{k: v for k, v in row.items() if k not in CLOCK_COLUMNS} for row in table_rows]
        for table, table_rows in rows.items()
    }


def test_counts_written_match_the_database(loaded):
    db, written = loaded
    assert written == EXPECTED_COUNTS
    in_db = storage.counts(db)
    assert {table: in_db[table] for table in in_db} == {table: EXPECTED_COUNTS[table] for table in in_db}
    assert len(storage.lessons_read(db)) == EXPECTED_COUNTS["lesson_progress"]


def test_profile_is_the_persona(loaded):
    db, _ = loaded
    assert storage.get_profile(db) == models.Profile(
        birth_date=BIRTH,
        birth_type="vaginal",
        perineal_tear="first_second",
        feeding="breastfeeding",
        leaked_before_or_during_pregnancy=False,
        running_background="recreational",
        previous_running_injury=False,
        short_sleep_or_high_fatigue=False,
        units="km",
        weight_kg=64.0,
    )


@pytest.mark.parametrize("days_later", range(7))
def test_birth_is_a_monday_26_weeks_before_today(days_later):
    today = TODAY + timedelta(days=days_later)
    birth = example.birth_date_for(today)
    assert birth.weekday() == 0
    assert 182 <= (today - birth).days <= 188
    assert models.weeks_since(birth, today) == 26


def test_first_and_last_runs(loaded):
    db, _ = loaded
    runs = storage.list_runs(db)
    assert min(runs["run_date"]) == BIRTH + timedelta(days=4) == date(2026, 5, 29)
    assert max(runs["run_date"]) == BIRTH + timedelta(days=180) == date(2026, 11, 21)
    first_walk_run = min(runs.loc[runs["kind"] == "walk_run", "run_date"])
    assert first_walk_run == BIRTH + timedelta(days=99)  # week 14, after the retest


def test_nothing_is_dated_after_today(loaded):
    db, _ = loaded
    history = storage.load_history(db)
    for frame, column in (
        (history.runs, "run_date"),
        (history.symptoms, "symptom_date"),
        (history.readiness, "test_date"),
        (history.foundation, "session_date"),
        (history.red_flags, "flagged_date"),
        (history.red_flags, "resolved_date"),
    ):
        assert max(frame[column]) <= TODAY, column


def test_loading_twice_into_fresh_files_gives_the_same_rows(tmp_path):
    first = storage.open_db(tmp_path / "a.db")
    second = storage.open_db(tmp_path / "b.db")
    example.load_example(first, today=TODAY)
    example.load_example(second, today=TODAY)
    assert _without_clock(storage.all_rows(first)) == _without_clock(storage.all_rows(second))


def test_red_flags_early_bleeding_and_two_heaviness_episodes_all_resolved(loaded):
    db, _ = loaded
    flags = storage.list_red_flags(db).sort_values("flagged_date")
    assert flags[["flag_code", "flagged_date", "resolved_date"]].to_dict("records") == [
        {
            "flag_code": "heavy_bleeding",
            "flagged_date": BIRTH + timedelta(days=36),
            "resolved_date": BIRTH + timedelta(days=39),
        },
        {
            "flag_code": "heaviness_new_or_worse",
            "flagged_date": BIRTH + timedelta(days=125),
            "resolved_date": BIRTH + timedelta(days=128),
        },
        {
            "flag_code": "heaviness_new_or_worse",
            "flagged_date": BIRTH + timedelta(days=161),
            "resolved_date": BIRTH + timedelta(days=163),
        },
    ]
    assert all(note for note in flags["resolved_note"])
    assert models.weeks_since(BIRTH, flags["flagged_date"].iloc[0]) == 5


def test_readiness_first_attempt_failed_hop_then_retest_passed(loaded):
    db, _ = loaded
    readiness = storage.list_readiness(db)
    first = readiness.loc[readiness["test_date"] == BIRTH + timedelta(weeks=12)]
    retest = readiness.loc[readiness["test_date"] == BIRTH + timedelta(weeks=14)]
    assert len(first) == len(retest) == len(models.READINESS_TESTS)
    assert list(first.loc[first["had_symptoms"] == 1, "test_code"]) == ["hop_in_place"]
    assert not retest["had_symptoms"].any()
    bridge = first.loc[first["test_code"] == "single_leg_bridge"].iloc[0]
    assert (bridge["reps_left"], bridge["reps_right"]) == (14, 16)
    status = phases.readiness_status(storage.load_history(db), TODAY)
    assert all(status[code] == "passed" for code in models.LOAD_IMPACT_TESTS)
    assert "failed" in {status[code] for code in models.STRENGTH_TESTS}  # strength gaps remain


def test_volume_jumps_are_in_the_data(loaded):
    db, _ = loaded
    history = storage.load_history(db)
    spikes = volume.single_run_spikes(history.runs)
    assert list(spikes["run_date"]) == [BIRTH + timedelta(days=example.SPIKE_RUN_DAY)]
    weekly = volume.weekly_summary(history.runs, history.symptoms, birth_date=BIRTH)
    week_22 = weekly.loc[weekly["weeks_since_birth"] == 22].iloc[0]
    assert week_22["change_pct"] == 40.0
    # Symptoms follow each jump within 24 hours: heaviness 3 then 4.
    assert weekly.loc[weekly["weeks_since_birth"] == 17, "worst_heaviness_0_10"].item() == 3
    assert weekly.loc[weekly["weeks_since_birth"] == 23, "worst_heaviness_0_10"].item() == 4


def test_most_check_ins_say_no_symptoms(loaded):
    db, _ = loaded
    symptoms = storage.list_symptoms(db)
    after_runs = symptoms.loc[symptoms["run_id"].notna()]
    quiet = after_runs.loc[
        (after_runs["leakage"] == "none")
        & (after_runs["heaviness_0_10"] == 0)
        & (after_runs[list(models.PAIN_COLUMNS)].sum(axis=1) == 0)
    ]
    assert len(quiet) / len(after_runs) > 0.8


def test_she_follows_the_plan_levels(loaded):
    db, _ = loaded
    profile, history = storage.get_profile(db), storage.load_history(db)
    passed_on = phases.tests_passed_date(history, TODAY)
    for day, level, _ in example.SESSIONS:
        if level is None:
            continue
        status = plan.current_level(profile, history, BIRTH + timedelta(days=day - 1), since=passed_on)
        assert status.level.number == level, f"day {day}"


def test_today_she_is_returning_to_running_with_no_open_flags(loaded):
    db, _ = loaded
    assessment = phases.assess(storage.get_profile(db), storage.load_history(db), TODAY)
    assert assessment.phase.code == "return_to_running"
    assert not assessment.training_withheld
    assert assessment.open_red_flags == ()


def test_lessons_she_read_exist():
    slugs = {lesson.slug for lesson in lessons.load_lessons()}
    assert {slug for slug, _ in example.LESSONS_READ} <= slugs


def test_summary_is_one_line():
    summary = example.example_summary()
    assert "\n" not in summary and 40 < len(summary) < 200
    assert "vaginal birth" in summary and "breastfeeding" in summary
