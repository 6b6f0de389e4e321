"""Unit tests for records.py: one meaning for every missing or unreadable value."""

from __future__ import annotations

import math
from datetime import date, datetime

import pandas as pd
import pytest

from return_to_run import frame_cache, models, phases, records, symptoms
from return_to_run.records import ReadinessRecord, SymptomRecord
from tests.scenario_helpers import history, on, result, run, symptom

NO_VALUES = [None, math.nan, pd.NA, "", "  ", "no", "No", "false", "0", "maybe", 0, 0.0, False]
YES_VALUES = [True, 1, 1.0, 2, "1", "yes", "YES", " y ", "true", "True"]


@pytest.mark.parametrize("value", NO_VALUES)
def test_a_missing_or_unreadable_yes_no_is_no(value):
    assert records.flag(value) is False


@pytest.mark.parametrize("value", YES_VALUES)
def test_yes_only_from_a_yes(value):
    assert records.flag(value) is True


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, 0.0),
        (math.nan, 0.0),
        (pd.NA, 0.0),
        ("", 0.0),
        ("abc", 0.0),
        (math.inf, 0.0),
        ("3", 3.0),
        (" 4 ", 4.0),
        (4.5, 4.5),
        (0, 0.0),
        (True, 1.0),
    ],
)
def test_a_missing_score_is_0_never_1(value, expected):
    assert records.number(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, None), (math.nan, None), ("", None), ("x", None), (True, None), ("2.5", 2.5), (7, 7.0)],
)
def test_an_unknown_measurement_stays_none(value, expected):
    assert records.number_or_none(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, "none"), (math.nan, "none"), ("", "none"), ("  ", "none"), ("drops", "drops"), (" more ", "more")],
)
def test_a_missing_choice_is_its_none_code(value, expected):
    assert records.text(value, "none") == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2026, 3, 1), date(2026, 3, 1)),
        (datetime(2026, 3, 1, 23, 59), date(2026, 3, 1)),
        (pd.Timestamp("2026-03-01"), date(2026, 3, 1)),
        ("2026-03-01", date(2026, 3, 1)),
        ("2026-03-01T08:00:00", date(2026, 3, 1)),
        ("2026-02-30", None),
        ("soon", None),
        (None, None),
        (pd.NaT, None),
    ],
)
def test_to_date(value, expected):
    assert records.to_date(value) == expected


def test_the_series_forms_agree_with_the_scalar_forms():
    mixed = pd.Series([*NO_VALUES, *YES_VALUES, "3", "abc", 4.5], dtype=object)
    assert records.flags(mixed).tolist() == [records.flag(v) for v in mixed]
    assert records.numbers(mixed).tolist() == [records.number(v) for v in mixed]
    assert records.texts(mixed, "none").tolist() == [records.text(v, "none") for v in mixed]
    numeric = pd.Series([0, 1, 2, math.nan, -1], dtype=float)
    assert records.flags(numeric).tolist() == [records.flag(v) for v in numeric]
    assert records.numbers(numeric).tolist() == [records.number(v) for v in numeric]
    nullable = pd.Series([1, None, 0], dtype="Int64")
    assert records.flags(nullable).tolist() == [True, False, False]
    assert records.numbers(nullable).tolist() == [1.0, 0.0, 0.0]


def test_an_empty_symptom_entry_records_nothing():
    record = SymptomRecord.from_mapping({})
    assert record == SymptomRecord(id=None, symptom_date=None)
    assert symptoms.symptom_kinds(record) == []
    assert symptoms.has_symptoms(record) is False
    assert symptoms.worst_severity_0_10(record) == 0


def test_missing_scores_and_flags_make_no_symptom():
    blank = {"symptom_date": on(14), "heaviness_0_10": None, "bowel_leakage": None, "leakage": None}
    assert symptoms.symptom_kinds(blank) == []
    assert symptoms.red_flags_for_entry(blank, profile=None, history=history(), today=on(14)) == []
    frame = pd.DataFrame([{**blank, "heaviness_0_10": math.nan, "bowel_leakage": math.nan}])
    flags = symptoms.symptom_flags(frame)
    assert flags.loc[0, ["any_symptom", "heaviness", "bowel_leakage"]].tolist() == [False, False, False]
    assert int(flags.loc[0, "heaviness_0_10"]) == 0


def test_an_absent_bowel_leakage_column_means_no_bowel_leakage():
    frame = history(symptoms=[symptom(1, on(14)), symptom(2, on(15), leakage="drops")]).symptoms
    frame = frame.drop(columns="bowel_leakage")
    flags = symptoms.symptom_flags(frame)
    assert flags["bowel_leakage"].tolist() == [False, False]
    assert flags["any_symptom"].tolist() == [False, True]
    assert [r.bowel_leakage for r in records.symptom_records(frame)] == [False, False]


def test_bowel_leakage_as_text_reads_the_same_everywhere():
    frame = pd.DataFrame([{"symptom_date": on(14), "bowel_leakage": "yes"}, {"symptom_date": on(14)}])
    assert symptoms.symptom_flags(frame)["bowel_leakage"].tolist() == [True, False]
    assert [r.bowel_leakage for r in records.symptom_records(frame)] == [True, False]


def test_a_missing_yes_no_in_a_test_result_is_no():
    missing_completed = records.readiness_record({"test_date": on(12), "test_code": "hop_in_place"})
    assert missing_completed.completed is False
    assert phases.readiness_outcome(missing_completed) == "not_completed"
    missing_symptoms = records.readiness_record(
        {"test_date": on(12), "test_code": "hop_in_place", "completed": 1, "had_symptoms": None}
    )
    assert phases.readiness_outcome(missing_symptoms) == "passed"


def test_missing_reps_count_as_0_for_the_strength_target():
    record = ReadinessRecord(id=1, test_date=on(12), test_code="calf_raise", completed=True, had_symptoms=False)
    assert phases.readiness_outcome(record) == "under_target"


def test_records_are_built_once_sorted_and_undated_rows_left_out():
    h = history(
        runs=[run(2, on(14)), run(1, on(14)), run(3, on(13))],
        symptoms=[symptom(1, on(14)), {**symptom(2, on(14)), "symptom_date": None}],
        readiness=[result(1, None, "hop_in_place")],
    )
    assert h.records is h.records
    assert [r.id for r in h.records.runs] == [3, 1, 2]
    assert [s.id for s in h.records.symptoms] == [1]
    assert h.records.readiness == ()


def test_running_leaves_out_walks():
    h = history(runs=[run(1, on(14), kind="walk"), run(2, on(14), kind="buggy")])
    assert [r.id for r in h.records.running] == [2]
    assert set(models.RUNNING_KINDS) == {"walk_run", "continuous", "hills_speed", "buggy"}


# ---------------------------------------------------------------- issue 11: running minutes, bleeding, mood


@pytest.mark.parametrize(
    ("kind", "duration", "pattern", "running"),
    [
        ("walk_run", 30.0, (1.0, 2.0, 10.0), 10.0),  # run interval x repeats
        ("walk_run", 40.0, (1.0, 4.0, 8.0), 8.0),  # long walk breaks
        ("walk_run", 10.0, (2.0, 1.0, 10.0), 10.0),  # never more than the duration
        # The last round shortened to a cap (plan.Session: 2/1 x 9, last run 1.5): 26.5 min in
        # all, the walks (9) off; the window is full - one run + walks (25) to full + walks (27).
        ("walk_run", 26.5, (2.0, 1.0, 9.0), 17.5),
        ("walk_run", 25.0, (2.0, 1.0, 9.0), 16.0),
        ("walk_run", 27.0, (2.0, 1.0, 9.0), 18.0),
        ("walk_run", 24.5, (2.0, 1.0, 9.0), 18.0),  # below the window: walks not in the duration
        ("walk_run", 30.0, (None, None, None), 30.0),  # intervals unknown: the whole duration
        ("continuous", 33.0, (None, None, None), 33.0),
        ("hills_speed", 25.0, (None, None, None), 25.0),
        ("buggy", 20.0, (None, None, None), 20.0),
        ("walk", 60.0, (None, None, None), 0.0),
    ],
)
def test_running_minutes_of_a_run(kind, duration, pattern, running):
    record = records.RunRecord(1, date(2026, 3, 2), kind, duration, None, *pattern)
    assert record.running_min == running
    frame = pd.DataFrame(
        [
            {
                "id": 1,
                "run_date": date(2026, 3, 2),
                "kind": kind,
                "duration_min": duration,
                "run_interval_min": pattern[0],
                "walk_interval_min": pattern[1],
                "interval_repeats": pattern[2],
            }
        ]
    )
    from return_to_run import volume

    assert volume.running_minutes(frame).tolist() == [running]  # the vectorised form agrees


def test_bleeding_answers_and_mood_read_with_their_meanings():
    rows = pd.DataFrame([{"id": 1, "symptom_date": "2026-03-02", "bleeding": "like_period", "bleeding_is_period": "1"}])
    record = records.symptom_records(rows)[0]
    assert (record.bleeding, record.bleeding_is_period, record.bleeding_heavier_with_activity) == (
        "like_period",
        True,
        False,  # absent column: no
    )
    mood_rows = pd.DataFrame(
        [
            {"id": 2, "check_date": "2026-03-09", "low_mood": 0, "little_interest": 1},
            {"id": 1, "check_date": "2026-03-02", "low_mood": None, "little_interest": 0},
            {"id": 3, "check_date": None, "low_mood": 1, "little_interest": 1},
        ]
    )
    assert records.mood_records(mood_rows) == (
        records.MoodRecord(1, date(2026, 3, 2), False, False),
        records.MoodRecord(2, date(2026, 3, 9), False, True),
    )


def test_built_for_keeps_each_builders_result_per_frame_apart():
    """Records and symptom flags of the same check-in frame are kept side by side: asking for
    one never throws the other away (they were once keyed on the frame alone)."""
    symptom_flags = symptoms.symptom_flags
    frame = pd.DataFrame(
        [{"id": 1, "symptom_date": date(2026, 3, 2), "timing": "not_linked", "leakage": "drops", "heaviness_0_10": 0}]
    )
    first_records = frame_cache.built_for(frame, records.symptom_records)
    first_flags = frame_cache.built_for(frame, symptom_flags)
    assert frame_cache.built_for(frame, records.symptom_records) is first_records
    assert frame_cache.built_for(frame, symptom_flags) is first_flags
    assert first_flags["leakage"].tolist() == [True] and first_records[0].leakage == "drops"
    copy = frame.copy()  # another frame, even with the same rows, is built again
    assert frame_cache.built_for(copy, symptom_flags) is not first_flags


@pytest.mark.parametrize(
    ("start", "end", "found"),
    [
        (date(2026, 3, 10), date(2026, 3, 10), True),  # exactly on a day, both ends included
        (date(2026, 3, 11), date(2026, 3, 19), False),  # between two days
        (date(2026, 3, 11), date(2026, 3, 20), True),  # the end on the next day
        (date(2026, 3, 20), date(2026, 3, 25), True),  # the start on the last day
        (date(2026, 3, 21), date(2026, 3, 30), False),  # after the last
        (date(2026, 3, 1), date(2026, 3, 9), False),  # before the first
        (date(2026, 3, 1), date(2026, 3, 10), True),
        (date(2026, 3, 15), date(2026, 3, 12), False),  # an empty window
    ],
)
def test_dated_between_finds_an_item_in_the_window_both_ends_included(start, end, found):
    items = [date(2026, 3, 10), date(2026, 3, 10), date(2026, 3, 20)]  # sorted, a day twice
    assert records.dated_between(items, start, end, lambda day: day) is found


def test_dated_between_reads_the_day_through_its_key_and_of_nothing_is_false():
    runs = [run(1, date(2026, 3, 10)), run(2, date(2026, 3, 20))]
    sessions = records.run_records(history(runs=runs).runs)
    assert records.dated_between(sessions, date(2026, 3, 19), date(2026, 3, 20), lambda r: r.run_date)
    assert not records.dated_between(sessions, date(2026, 3, 11), date(2026, 3, 19), lambda r: r.run_date)
    assert not records.dated_between([], date(2026, 3, 1), date(2026, 3, 31), lambda r: r.run_date)
