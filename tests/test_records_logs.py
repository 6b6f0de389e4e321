"""Unit tests for records.py: each log read into records, sorted by date then id, undated rows
left out (open red flags kept), absent columns read as missing."""

from __future__ import annotations

from datetime import date

import pandas as pd

from return_to_run import models, readiness, records
from return_to_run.records import (
    FoundationRecord,
    MoodRecord,
    ReadinessRecord,
    RedFlagRecord,
    RunRecord,
    SymptomRecord,
)
from tests.scenario_helpers import history

D1, D2 = date(2026, 3, 1), date(2026, 3, 2)


def test_no_log_reads_as_no_records():
    for read in (
        records.run_records,
        records.symptom_records,
        records.readiness_records,
        records.red_flag_records,
        records.foundation_records,
        records.mood_records,
    ):
        assert read(None) == ()
        assert read(pd.DataFrame()) == ()


def test_foundation_sessions_sorted_with_missing_values_and_an_absent_column():
    frame = pd.DataFrame(
        [
            {"id": 3, "session_date": D2, "activity": "strength"},
            {"id": 9, "session_date": "soon", "activity": "strength"},  # unreadable date: left out
            {"id": 1, "session_date": D2, "activity": None},
            {"id": 2, "session_date": D1, "activity": " pelvic_floor "},
        ]
    )  # no duration_min column: every duration missing, read as 0
    assert records.foundation_records(frame) == (
        FoundationRecord(2, D1, "pelvic_floor", 0.0),
        FoundationRecord(1, D2, "", 0.0),
        FoundationRecord(3, D2, "strength", 0.0),
    )
    frame["duration_min"] = ["20", 5, None, 10.5]
    assert [r.duration_min for r in records.foundation_records(frame)] == [10.5, 0.0, 20.0]


def test_mood_checks_sorted_and_undated_left_out():
    frame = pd.DataFrame(
        [
            {"id": 2, "check_date": D2, "low_mood": 1, "little_interest": 0},
            {"id": 5, "check_date": None, "low_mood": 1, "little_interest": 1},
            {"id": 1, "check_date": D2, "low_mood": 0, "little_interest": None},
            {"id": 3, "check_date": D1, "low_mood": "no", "little_interest": "yes"},
        ]
    )
    assert records.mood_records(frame) == (
        MoodRecord(3, D1, False, True),
        MoodRecord(1, D2, False, False),
        MoodRecord(2, D2, True, False),
    )


def test_readiness_results_sorted_with_missing_code_and_id():
    frame = pd.DataFrame(
        [
            {"id": 4, "test_date": D2, "test_code": "hop_in_place", "completed": 1, "had_symptoms": 0},
            {"id": 7, "test_date": "", "test_code": "hop_in_place", "completed": 1, "had_symptoms": 0},
            {"id": 2, "test_date": D2, "test_code": None, "completed": 1, "had_symptoms": 1},
            {"id": 1, "test_date": D1, "test_code": "walk_30min", "completed": None, "had_symptoms": None},
            {"id": 9, "test_date": D1, "test_code": "calf_raise", "completed": 1, "had_symptoms": 0},
        ]
    )
    assert records.readiness_records(frame) == (
        ReadinessRecord(1, D1, "walk_30min", False, False),
        ReadinessRecord(9, D1, "calf_raise", True, False),
        ReadinessRecord(2, D2, "", True, True),
        ReadinessRecord(4, D2, "hop_in_place", True, False),
    )


def test_a_result_without_a_readable_id_counts_before_the_numbered_ones_of_its_day():
    rows = [
        {"id": 1, "test_date": D2, "test_code": "walk_30min", "completed": 1, "had_symptoms": 0},
        {"id": "x", "test_date": D2, "test_code": "walk_30min", "completed": 0, "had_symptoms": 0},
    ]
    h = history()
    h.readiness = pd.DataFrame(rows, columns=list(models.READINESS_COLUMNS))
    assert [r.id for r in h.records.readiness] == [None, 1]
    assert readiness.readiness_status(h, D2)["walk_30min"] == "passed"  # the numbered one is the latest


def test_red_flags_oldest_first_and_an_undated_one_kept_first():
    frame = pd.DataFrame(
        [
            {"id": 2, "flag_code": "fever", "flagged_date": D2, "resolved_date": None},
            {"id": 3, "flag_code": "mastitis", "flagged_date": "not a date", "resolved_date": None},
            {"id": 1, "flag_code": None, "flagged_date": D2, "resolved_date": "2026-03-05"},
        ]
    )
    assert records.red_flag_records(frame) == (
        RedFlagRecord(3, "mastitis", None, None),
        RedFlagRecord(1, "", D2, date(2026, 3, 5)),
        RedFlagRecord(2, "fever", D2, None),
    )


def test_runs_sorted_with_missing_kind_and_undated_left_out():
    frame = pd.DataFrame(
        [
            {"id": 2, "run_date": D2, "kind": None, "duration_min": "30"},
            {"id": 1, "run_date": D2, "kind": "walk", "duration_min": 20},
            {"id": 4, "run_date": None, "kind": "continuous", "duration_min": 20},
            {"id": 3, "run_date": D1, "kind": " continuous ", "duration_min": None},
        ]
    )
    assert records.run_records(frame) == (
        RunRecord(3, D1, "continuous", 0.0),
        RunRecord(1, D2, "walk", 20.0),
        RunRecord(2, D2, "", 30.0),
    )


def test_symptom_entries_sorted_with_run_link_timing_and_bleeding_answers():
    frame = pd.DataFrame(
        [
            {"id": 5, "symptom_date": D2, "run_id": "7", "bleeding_heavier_with_activity": 1, "bleeding_is_period": 0},
            {"id": 6, "symptom_date": None, "run_id": None},
            {"id": 4, "symptom_date": D2, "run_id": None, "timing": "during_run", "bleeding_is_period": "yes"},
            {"id": 8, "symptom_date": D1, "run_id": 2.0, "timing": None, "bleeding_heavier_with_activity": None},
        ]
    )
    assert records.symptom_records(frame) == (
        SymptomRecord(8, D1, run_id=2, timing="not_linked"),
        SymptomRecord(4, D2, run_id=None, timing="during_run", bleeding_is_period=True),
        SymptomRecord(5, D2, run_id=7, timing="not_linked", bleeding_heavier_with_activity=True),
    )
    entry = SymptomRecord.from_mapping({"id": "5", "symptom_date": "2026-03-02", "run_id": 7})
    assert (entry.id, entry.symptom_date, entry.run_id) == (5, D2, 7)
