"""The example persona, loaded into real SQLite files through storage."""

from datetime import date, timedelta

import pandas as pd
import pytest

from return_to_run import example, guidance, lessons, models, mood, phases, storage, volume
from return_to_run.records import run_records

TODAY = date(2026, 11, 25)  # a Wednesday
BIRTH = date(2026, 5, 25)  # the Monday 26 weeks and 2 days before
EXPECTED_COUNTS = {
    "profile": 1,
    "runs": 60,
    "symptoms": 44,
    "red_flags": 3,
    "readiness_results": 22,
    "foundation_sessions": 115,
    "lesson_progress": 9,
    "mood_checks": 21,
}
# Her running sessions: (day since birth, kind, run interval, walk interval, rounds,
# minutes in all, running minutes), as the engine suggested them on each day (the spike
# and the extra Sunday run aside). Days missing from Tue/Thu/Sat were rest days (weekly
# cap reached) or paused by the heaviness flag (open days 132-134).
SESSIONS = [
    (99, "walk_run", 1, 2, 10, 30, 10),
    (101, "walk_run", 1, 2, 10, 30, 10),
    (103, "walk_run", 1, 2, 10, 30, 10),
    (106, "walk_run", 1, 2, 10, 30, 10),
    (108, "walk_run", 1, 1.5, 11, 27.5, 11),  # level 2 cut to 110% of 10
    (110, "walk_run", 1, 1.5, 12, 30, 12),
    (113, "walk_run", 1, 1.5, 12, 30, 12),
    (115, "walk_run", 1, 1.5, 12, 30, 12),
    (117, "walk_run", 1, 1.5, 12, 30, 12),  # knee 2/10: does not count
    (120, "walk_run", 1, 1, 13, 26, 13),
    (122, "walk_run", 1, 1, 14, 28, 14),
    (124, "walk_run", 1, 1, 14, 28, 14),
    (127, "walk_run", 1, 1, 15, 30, 15),
    (129, "walk_run", 2, 1, 9, 25.5, 16.5),  # level 4, the last round cut to 0.5 min of running
    (131, "continuous", None, None, None, 30, 30),  # the spike: 182% of 16.5
    (136, "walk_run", 1, 1, 15, 30, 15),  # one level back, to 3
    (138, "walk_run", 1, 1, 15, 30, 15),
    (141, "walk_run", 1, 1, 15, 30, 15),
    (143, "walk_run", 1, 1, 15, 30, 15),
    (145, "walk_run", 2, 1, 3, 8, 5),  # level 4, only 5 min left under the weekly cap (35)
    (148, "walk_run", 2, 1, 10, 30, 20),
    (150, "walk_run", 2, 1, 10, 30, 20),
    (155, "walk_run", 2, 1, 10, 30, 20),
    (157, "walk_run", 3, 1, 8, 32, 24),
    (160, "walk_run", 3, 1, 8, 32, 24),  # Sunday, over the weekly cap: leakage, repeat level 5
    (162, "walk_run", 3, 1, 8, 32, 24),
    (164, "walk_run", 3, 1, 8, 32, 24),
    (166, "walk_run", 3, 1, 8, 32, 24),
    (169, "walk_run", 3, 1, 8, 32, 24),
    (171, "walk_run", 5, 1, 5, 30, 25),
    (173, "walk_run", 5, 1, 5, 30, 25),
    (176, "walk_run", 5, 1, 5, 30, 25),
    (178, "walk_run", 5, 1, 5, 30, 25),
    (180, "walk_run", 7, 1, 4, 31.5, 27.5),  # level 7, the last round cut to 6.5 min
]
# Running minutes per week since birth, from the first week she ran (Trends' bars).
WEEKLY_RUNNING = {
    14: (30.0, None),
    15: (33.0, 10.0),
    16: (36.0, 9.0),
    17: (41.0, 14.0),
    18: (61.5, 50.0),
    19: (30.0, -51.0),
    20: (35.0, 17.0),
    21: (40.0, 14.0),
    22: (68.0, 70.0),
    23: (72.0, 6.0),
    24: (74.0, 3.0),
    25: (77.5, 5.0),
}
TODAY_HEADLINE = "Today: walk-run level 7 — run 7, walk 1, ×4"
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
        country="uk",
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


def test_red_flags_bleeding_mastitis_and_heaviness_all_resolved(loaded):
    db, _ = loaded
    flags = storage.list_red_flags(db).sort_values("flagged_date")
    assert flags[["flag_code", "flagged_date", "resolved_date"]].to_dict("records") == [
        {
            "flag_code": "bleeding_heavier_with_activity",
            "flagged_date": BIRTH + timedelta(days=36),
            "resolved_date": BIRTH + timedelta(days=39),
        },
        {
            "flag_code": "mastitis",
            "flagged_date": BIRTH + timedelta(days=66),
            "resolved_date": BIRTH + timedelta(days=69),
        },
        {
            "flag_code": "heaviness_new_or_worse",
            "flagged_date": BIRTH + timedelta(days=132),
            "resolved_date": BIRTH + timedelta(days=135),
        },
    ]
    assert all(note for note in flags["resolved_note"])
    assert models.weeks_since(BIRTH, flags["flagged_date"].iloc[0]) == 5


def test_bleeding_uses_the_new_levels_and_her_period_raises_nothing(loaded):
    db, _ = loaded
    symptoms = storage.list_symptoms(db)
    bleeding = symptoms.loc[symptoms["bleeding"] != "none"].sort_values("symptom_date")
    days = [(d - BIRTH).days for d in bleeding["symptom_date"]]
    assert list(zip(days, bleeding["bleeding"], strict=True)) == [
        (5, "like_period"),
        (12, "spotting"),
        (19, "spotting"),
        (26, "spotting"),
        (36, "like_period"),
        (37, "spotting"),
        (168, "like_period"),
    ]
    period = bleeding.iloc[-1]
    assert bool(period["bleeding_is_period"]) and period["notes"] == "My period is back."
    flagged = storage.list_red_flags(db)["flagged_date"]
    assert BIRTH + timedelta(days=168) not in set(flagged)  # beyond 8 weeks, but her period


def test_mood_checks_weekly_with_one_yes_and_support(loaded):
    db, _ = loaded
    history = storage.load_history(db)
    checks = history.records.mood
    assert [(c.check_date - BIRTH).days for c in checks] == list(range(42, 183, 7))
    assert [(c.check_date - BIRTH).days for c in checks if c.any_yes] == [112]
    assert mood.mood_summary(history, TODAY) == [
        "12 weekly mood checks in the last 12 weeks (NICE CG192 (two depression identification questions, "
        "Whooley) [V]).",
        "2026-09-14: yes to low mood.",
    ]
    assert not mood.low_mood_now(history, TODAY) and not mood.mood_due(history, TODAY)
    support = mood.mood_support(next(c for c in checks if c.any_yes), storage.get_profile(db))
    assert support.any_yes and support.slows_plan and support.helplines is not None


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


def test_her_running_sessions(loaded):
    db, _ = loaded
    running = [r for r in sorted(run_records(storage.list_runs(db)), key=lambda r: r.run_date) if r.running]
    assert [
        (
            (r.run_date - BIRTH).days,
            r.kind,
            r.run_interval_min,
            r.walk_interval_min,
            r.interval_repeats,
            r.duration_min,
            r.running_min,
        )
        for r in running
    ] == SESSIONS


def _before(history: models.History, day) -> models.History:
    """Her log as it stood before she ran on `day` (a flag resolved later was still open)."""

    def keep(frame: pd.DataFrame, column: str) -> pd.DataFrame:
        return frame.loc[frame[column].map(lambda d: d < day).astype(bool)]

    flags = keep(history.red_flags, "flagged_date").copy()
    later = flags["resolved_date"].map(lambda d: d is not None and not pd.isna(d) and d >= day).astype(bool)
    flags.loc[later, "resolved_date"] = None
    return models.History(
        runs=keep(history.runs, "run_date"),
        symptoms=keep(history.symptoms, "symptom_date"),
        readiness=keep(history.readiness, "test_date"),
        red_flags=flags,
        foundation=keep(history.foundation, "session_date"),
        mood=keep(history.mood, "check_date"),
    )


def test_each_session_is_the_one_the_app_suggested_that_day(loaded):
    db, _ = loaded
    profile, history = storage.get_profile(db), storage.load_history(db)
    for day, _kind, run, walk, rounds, total, running in SESSIONS:
        if day in (example.SPIKE_RUN_DAY, example.EXTRA_RUN_DAY):
            continue
        answer = guidance.today_answer(
            profile, _before(history, BIRTH + timedelta(days=day)), BIRTH + timedelta(days=day)
        )
        session = answer.session
        assert answer.state == "run", f"day {day}"
        assert (session.run_interval_min, session.walk_interval_min, session.repeats) == (run, walk, rounds), day
        assert (session.total_min, session.run_min) == (total, running), f"day {day}"


def test_she_did_not_run_on_rest_or_paused_days(loaded):
    db, _ = loaded
    profile, history = storage.get_profile(db), storage.load_history(db)
    ran = {day for day, *_ in SESSIONS}
    skipped = [day for day in example.RUN_DAYS if day not in ran]
    assert skipped == [134, 152, 159]
    states = {
        day: guidance.today_answer(profile, _before(history, BIRTH + timedelta(days=day)), BIRTH + timedelta(days=day))
        for day in skipped
    }
    assert {day: answer.state for day, answer in states.items()} == {
        134: "paused",
        152: "rest",
        159: "rest",
    }


def test_volume_jumps_and_caps_are_in_the_data(loaded):
    db, _ = loaded
    history = storage.load_history(db)
    spikes = volume.single_run_spikes(history.runs)
    assert spikes[["run_date", "kind", "running_min", "previous_longest_min", "ratio"]].to_dict("records") == [
        {
            "run_date": BIRTH + timedelta(days=example.SPIKE_RUN_DAY),
            "kind": "continuous",
            "running_min": 30.0,
            "previous_longest_min": 16.5,
            "ratio": 1.82,
        }
    ]
    weekly = volume.weekly_summary(history.runs, history.symptoms, birth_date=BIRTH)
    ran = weekly.loc[weekly["weeks_since_birth"] >= 14]
    assert {
        int(row["weeks_since_birth"]): (
            float(row["run_minutes"]),
            None if pd.isna(row["change_pct"]) else float(row["change_pct"]),
        )
        for row in ran.to_dict("records")
        if row["weeks_since_birth"] <= 25
    } == WEEKLY_RUNNING
    over = set(ran.loc[ran["over_10pct"].astype(bool), "weeks_since_birth"])
    assert over == {18, 22}  # the spike's week and the Sunday run's
    # Heaviness 4 the day after the spike, in the same week.
    assert weekly.loc[weekly["weeks_since_birth"] == 18, "worst_heaviness_0_10"].item() == 4


def test_most_check_ins_say_no_symptoms(loaded):
    db, _ = loaded
    symptoms = storage.list_symptoms(db)
    after_runs = symptoms.loc[symptoms["run_id"].notna()]
    quiet = after_runs.loc[
        (after_runs["leakage"] == "none")
        & (after_runs["heaviness_0_10"] == 0)
        & (after_runs[list(models.PAIN_COLUMNS)].sum(axis=1) == 0)
    ]
    assert (len(quiet), len(after_runs)) == (31, 34)


@pytest.mark.parametrize("days_later", range(-2, 5))  # Monday to Sunday of week 26
def test_today_she_runs_walk_run_level_7(loaded, days_later):
    db, _ = loaded
    today = TODAY + timedelta(days=days_later)
    answer = guidance.today_answer(storage.get_profile(db), storage.load_history(db), today)
    assert answer.state == "run"
    assert answer.headline == TODAY_HEADLINE
    assessment = answer.assessment
    assert assessment.phase.code == "return_to_running"
    assert not assessment.training_withheld and assessment.open_red_flags == ()
    status = assessment.level_status
    assert (status.level.number, status.last_change, status.symptom_free_sessions_at_level, status.needed) == (
        7,
        "moved_up",
        1,
        4,
    )
    assert answer.session.run_min == 28  # 110% of 27.5 is 30.25: the full level fits


def test_lessons_she_read_exist():
    slugs = {lesson.slug for lesson in lessons.load_lessons()}
    assert {slug for slug, _ in example.LESSONS_READ} <= slugs


def test_summary_is_one_line():
    summary = example.example_summary()
    assert "\n" not in summary and 40 < len(summary) < 200
    assert "vaginal birth" in summary and "breastfeeding" in summary
