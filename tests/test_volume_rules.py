"""Unit tests for volume.py: the weekly table's empty forms and column types, what a missing
or unreadable minute means there, the week-on-week change after a 1-minute week, and the
vectorised running minutes beside RunRecord.running_min."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

from return_to_run import volume
from return_to_run.ui import tables
from tests.scenario_helpers import foundation, history, run

BIRTH = date(2025, 10, 6)
MON = date(2026, 3, 2)

INT_COLUMNS = {
    "runs_without_distance", "run_count", "symptom_entries", "symptom_days", "leakage_days", "worst_heaviness_0_10",
    "worst_pelvic_pain_0_10", "worst_joint_pain_0_10", "worst_pain_0_10", "bleeding_days", "pelvic_floor_sessions",
    "strength_sessions",
}  # fmt: skip


def expected_dtypes(birth_known: bool) -> dict[str, str]:
    out = {}
    for name in volume.WEEKLY_COLUMNS:
        if name == "week_start":
            out[name] = "object"
        elif name in ("weeks_since_birth", "days_since_birth"):
            out[name] = "int64" if birth_known else "object"
        elif name in INT_COLUMNS:
            out[name] = "int64"
        elif name in ("red_flag", "over_10pct"):
            out[name] = "bool"
        else:
            out[name] = "float64"
    return out


def weekly(runs=(), *, birth_date=BIRTH, found=(), **window) -> pd.DataFrame:
    h = history(runs=list(runs), foundation=list(found))
    return volume.weekly_summary(
        h.runs, h.symptoms, birth_date=birth_date, red_flags=h.red_flags, foundation=h.foundation, **window
    )


@pytest.mark.parametrize("birth_date", [BIRTH, None])
def test_column_types_are_the_same_with_or_without_weeks(birth_date):
    known = birth_date is not None
    for table in (weekly(birth_date=birth_date), weekly([run(1, MON, 30)], birth_date=birth_date)):
        assert list(table.columns) == list(volume.WEEKLY_COLUMNS)
        assert {name: str(dtype) for name, dtype in table.dtypes.items()} == expected_dtypes(known)


def test_a_start_without_an_end_and_nothing_logged_is_empty():
    assert weekly(start=MON).empty
    assert weekly(end=MON).empty


def test_start_and_end_in_the_same_week_give_that_week():
    table = weekly(start=date(2026, 3, 3), end=date(2026, 3, 8))
    assert table["week_start"].tolist() == [MON]
    assert table["run_minutes"].tolist() == [0.0]
    for birth_date in (BIRTH, None):
        backwards = weekly(birth_date=birth_date, start=date(2026, 3, 9), end=date(2026, 3, 8))
        assert backwards.empty
        assert {name: str(dtype) for name, dtype in backwards.dtypes.items()} == expected_dtypes(birth_date is not None)


def test_without_a_birth_date_the_week_numbers_are_none():
    table = weekly([run(1, MON, 30), run(2, date(2026, 3, 9), 30)], birth_date=None)
    assert table[["weeks_since_birth", "days_since_birth"]].to_dict("list") == {
        "weeks_since_birth": [None, None],
        "days_since_birth": [None, None],
    }


def test_missing_or_unreadable_minutes_count_0():
    runs = [
        {**run(1, MON, 30, "walk"), "duration_min": None},
        {**run(2, MON, 30, "walk"), "duration_min": "abc"},
        run(3, MON, 20, "walk"),
        {**run(4, MON, 30, "continuous"), "duration_min": "n/a"},
    ]
    found = [
        {**foundation(1, MON), "duration_min": None},
        {**foundation(2, MON), "duration_min": "ten"},
        foundation(3, MON, "strength", 15),
    ]
    table = weekly(runs, found=found)
    row = table.iloc[0]
    assert (row["walk_minutes"], row["run_minutes"], row["run_count"]) == (20.0, 0.0, 1)
    assert (row["foundation_minutes"], row["pelvic_floor_sessions"], row["strength_sessions"]) == (15.0, 2, 1)


@pytest.mark.parametrize(("now", "change", "over"), [(1.1, 10.0, False), (6.0, 500.0, False), (6.5, 550.0, True)])
def test_a_week_after_a_1_minute_week_compares_with_it(now, change, over):
    table = weekly([run(1, MON, 1, "continuous"), run(2, date(2026, 3, 9), now, "continuous")])
    assert table["change_pct"].tolist()[1] == change
    assert table["over_10pct"].tolist() == [False, over]  # the limit after 1 minute: 1 + 5 = 6


@pytest.mark.parametrize(
    ("row", "running"),
    [
        (
            {
                "kind": "walk_run",
                "duration_min": 30,
                "run_interval_min": 2,
                "walk_interval_min": 1,
                "interval_repeats": 10,
            },
            20.0,
        ),
        # the last round's run cut short to 1 of 2 minutes: 29 - 10 walking
        (
            {
                "kind": "walk_run",
                "duration_min": 29,
                "run_interval_min": 2,
                "walk_interval_min": 1,
                "interval_repeats": 10,
            },
            19.0,
        ),
        # the full pattern and nothing more: 30 - 10
        (
            {
                "kind": "walk_run",
                "duration_min": 31,
                "run_interval_min": 2,
                "walk_interval_min": 1,
                "interval_repeats": 10,
            },
            20.0,
        ),
        # continuous running typed as a walk-run with no walk breaks
        (
            {
                "kind": "walk_run",
                "duration_min": 19.5,
                "run_interval_min": 2,
                "walk_interval_min": 0,
                "interval_repeats": 10,
            },
            19.5,
        ),
        (
            {
                "kind": "walk_run",
                "duration_min": 30,
                "run_interval_min": 0.5,
                "walk_interval_min": None,
                "interval_repeats": 4,
            },
            2.0,
        ),
        (
            {
                "kind": "walk_run",
                "duration_min": 30,
                "run_interval_min": None,
                "walk_interval_min": 1,
                "interval_repeats": 10,
            },
            30.0,
        ),
        # intervals of 1 running minute in all: 0.5 min x 2
        (
            {
                "kind": "walk_run",
                "duration_min": 3,
                "run_interval_min": 0.5,
                "walk_interval_min": 1,
                "interval_repeats": 2,
            },
            1.0,
        ),
        # walk interval not recorded: walk breaks unknown, so no round counts as shortened
        (
            {
                "kind": "walk_run",
                "duration_min": 20.5,
                "run_interval_min": 2,
                "walk_interval_min": None,
                "interval_repeats": 10,
            },
            20.0,
        ),
        # 1 minute of walk breaks in all (0.5 x 2): the last run cut to 1.5 of 2 minutes
        (
            {
                "kind": "walk_run",
                "duration_min": 4.5,
                "run_interval_min": 2,
                "walk_interval_min": 0.5,
                "interval_repeats": 2,
            },
            3.5,
        ),
        (
            {
                "kind": "walk_run",
                "duration_min": 30,
                "run_interval_min": 0,
                "walk_interval_min": 1,
                "interval_repeats": 10,
            },
            30.0,
        ),
        ({"kind": "continuous", "duration_min": None}, 0.0),
        ({"kind": "continuous", "duration_min": "abc"}, 0.0),
        ({"kind": "continuous", "duration_min": math.inf}, 0.0),
        ({"kind": "continuous", "duration_min": -math.inf}, 0.0),
        ({"kind": "walk", "duration_min": 30}, 0.0),
        ({"kind": None, "duration_min": 30}, 0.0),
    ],
)
def test_running_minutes_vectorised_match_the_record(row, running):
    frame = pd.DataFrame([{"id": 1, "run_date": MON, **row}])
    assert volume.running_minutes(frame).tolist() == [running]
    record = history(runs=[{**run(1, MON), **row}]).records.runs
    if record and row["kind"] in ("walk_run", "continuous") and isinstance(row["duration_min"], int | float):
        assert record[0].running_min == running


def test_running_minutes_without_the_interval_or_kind_columns():
    frame = pd.DataFrame([{"run_date": MON, "kind": "walk_run", "duration_min": 30.0}])
    assert volume.running_minutes(frame).tolist() == [30.0]
    assert volume.running_minutes(pd.DataFrame([{"run_date": MON, "duration_min": 30.0}])).tolist() == [0.0]


def test_acwr_needs_four_weeks_and_some_running():
    table = pd.DataFrame({"run_minutes": [0, 0, 0, 0, 2, 1, 1, 0]})
    values = [None if math.isnan(v) else v for v in volume.acwr(table).tolist()]
    assert values == [None, None, None, None, 4.0, 1.33, 1.0, 0.0]


def test_weekly_table_rounds_minutes_to_a_tenth_in_km_by_default():
    table = weekly([run(1, MON, 30.26, "continuous"), run(2, MON, 10.04, "walk")])
    shown = tables.weekly_table(table)
    assert shown[["Running (min)", "Longest run (min)", "Walking (min)"]].iloc[0].tolist() == [30.3, 30.3, 10.0]
    assert "Running distance (km)" in shown.columns


def test_an_unreadable_distance_is_a_run_without_distance():
    runs = [
        {**run(1, MON, 30, "continuous"), "distance_km": "far"},
        {**run(2, MON, 30, "continuous"), "distance_km": 5},
    ]
    row = weekly(runs).iloc[0]
    assert (row["run_distance_km"], row["runs_without_distance"], row["run_count"]) == (5.0, 1, 2)


# ---------------------------------------------------------------- a window reads only its rows

from tests.scenario_helpers import flag, symptom  # noqa: E402


def _long_log() -> tuple[list, list, list, list]:
    """Forty weeks of runs every 3rd day (durations that rise and fall), a check-in after
    every other run, a foundation session a week and two red flags."""
    runs, entries, sessions = [], [], []
    first = date(2025, 6, 2)
    for i in range(95):
        day = first + pd.Timedelta(days=3 * i).to_pytimedelta()
        runs.append(run(i + 1, day, 10 + (i * 7) % 23, "continuous" if i % 4 else "walk_run"))
        if i % 2:
            entries.append(
                symptom(i + 1, day, run_id=i + 1, heaviness_0_10=i % 4, leakage="drops" if i % 5 == 0 else "none")
            )
        if i % 3 == 0:
            sessions.append(foundation(i + 1, day, "strength" if i % 2 else "pelvic_floor", 10 + i % 5))
    flags = [flag(1, "heavy_bleeding", date(2025, 8, 12), date(2025, 8, 20)), flag(2, "chest_pain", date(2026, 1, 7))]
    return runs, entries, sessions, flags


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2025, 9, 1), date(2025, 11, 23)),  # Monday to Sunday
        (date(2025, 9, 3), date(2025, 11, 26)),  # mid-week to mid-week (the running week)
        (date(2025, 12, 28), date(2026, 3, 1)),  # a Sunday start: its week began on the Monday before
        (date(2025, 6, 1), date(2025, 6, 30)),  # starts before anything was logged
    ],
)
def test_a_window_gives_the_rows_of_the_whole_table_in_that_window(start, end):
    """Only the window's rows and the week before it are summed: the same weeks, values and
    week-on-week comparisons as the whole log's table sliced to the window."""
    runs, entries, sessions, flags = _long_log()
    h = history(runs=runs, symptoms=entries, foundation=sessions, red_flags=flags)
    common = dict(birth_date=BIRTH, red_flags=h.red_flags, foundation=h.foundation)
    windowed = volume.weekly_summary(h.runs, h.symptoms, start=start, end=end, **common)
    whole = volume.weekly_summary(h.runs, h.symptoms, start=date(2025, 1, 6), end=end, **common)
    first_monday = start - pd.Timedelta(days=start.weekday()).to_pytimedelta()
    sliced = whole[whole["week_start"] >= first_monday].reset_index(drop=True)
    pd.testing.assert_frame_equal(windowed, sliced)
    assert windowed["week_start"].iloc[0] == first_monday


def test_the_first_week_shown_compares_with_a_run_on_the_monday_before_it():
    """The week before the window starts on the Monday 7 days before: a run that day is what
    the first week is compared with; one on the Sunday before that is not."""
    start = date(2026, 3, 9)  # a Monday
    shown = [run(2, date(2026, 3, 10), 30, "continuous")]
    with_monday = weekly([run(1, date(2026, 3, 2), 20, "continuous"), *shown], start=start, end=date(2026, 3, 15))
    assert with_monday["change_pct"].tolist() == [50.0]
    assert with_monday["over_10pct"].tolist() == [True]
    with_sunday = weekly([run(1, date(2026, 3, 1), 20, "continuous"), *shown], start=start, end=date(2026, 3, 15))
    assert math.isnan(with_sunday["change_pct"].iloc[0])
    assert with_sunday["over_10pct"].tolist() == [False]


def test_a_run_on_the_sunday_of_the_last_week_shown_counts():
    table = weekly([run(1, date(2026, 3, 15), 25, "continuous")], start=date(2026, 3, 9), end=date(2026, 3, 15))
    assert table["run_minutes"].tolist() == [25.0]
    after = weekly([run(1, date(2026, 3, 16), 25, "continuous")], start=date(2026, 3, 9), end=date(2026, 3, 15))
    assert after["run_minutes"].tolist() == [0.0]
