"""Unit tests for caps.py: the single-run and weekly caps on their exact days and values.

Dates: the week of Monday 2 March 2026 (Mon 2 .. Sun 8); the week before is Mon 23 Feb ..
Sun 1 March.
"""

from __future__ import annotations

from datetime import date, timedelta

from return_to_run import caps
from return_to_run.records import RunRecord
from tests.scenario_helpers import history, run

WED = date(2026, 3, 4)


def continuous(id: int, day: date, minutes: float) -> RunRecord:
    return RunRecord(id, day, "continuous", float(minutes))


def test_a_run_on_the_day_itself_counts_in_the_30_days_unless_left_out():
    sessions = [continuous(1, date(2026, 3, 2), 20), continuous(2, WED, 30)]
    assert caps.longest_in_window(sessions, WED) == 30.0
    assert caps.longest_in_window(sessions, WED, include_day=False) == 20.0
    # her history: today's run is part of "the last 30 days" the plan caps from
    assert caps.longest_recent_run(history(runs=[run(1, date(2026, 3, 2), 20, "continuous")]), WED) == 20.0
    h = history(runs=[run(1, date(2026, 3, 2), 20, "continuous"), run(2, WED, 30, "continuous")])
    assert caps.longest_recent_run(h, WED) == 30.0
    assert caps.single_run_cap(h, WED) == 33.0


def test_the_30_day_window_starts_on_day_minus_30():
    sessions = [continuous(1, date(2026, 2, 2), 50), continuous(2, date(2026, 2, 3), 40)]
    assert caps.longest_in_window(sessions, date(2026, 3, 4)) == 50.0  # 2 Feb is 30 days back
    assert caps.longest_in_window(sessions, date(2026, 3, 5)) == 40.0  # now 31 days back
    assert caps.longest_in_window(sessions, date(2026, 3, 6)) is None


def test_calendar_week_runs_monday_to_sunday():
    sessions = [
        continuous(1, date(2026, 2, 22), 1000),  # Sunday two weeks back: in neither week
        continuous(2, date(2026, 2, 23), 3),  # Monday of the week before
        continuous(3, date(2026, 3, 1), 10),  # Sunday of the week before
        continuous(4, date(2026, 3, 2), 10),  # Monday of this week
        continuous(5, date(2026, 3, 8), 7),  # Sunday of this week
        continuous(6, date(2026, 3, 9), 100),  # next Monday: not this week
    ]
    assert caps.week_running_min(sessions, WED) == (17.0, 13.0)
    assert caps.week_running_min(sessions, date(2026, 3, 8)) == (17.0, 13.0)
    assert caps.week_running_min(sessions, date(2026, 3, 9)) == (100.0, 17.0)


def test_weekly_allowance_counts_sunday_in_the_week_and_not_the_next_monday():
    h = history(
        runs=[
            run(1, date(2026, 2, 25), 40, "continuous"),
            run(2, date(2026, 3, 2), 10, "continuous"),
            run(3, date(2026, 3, 8), 7, "continuous"),
            run(4, date(2026, 3, 9), 30, "continuous"),
        ]
    )
    allowance = caps.weekly_allowance(h, WED)
    assert (allowance.this_week, allowance.previous_week, allowance.limit) == (17.0, 40.0, 45.0)
    assert allowance.week_start == date(2026, 3, 2)
    assert allowance.remaining == 28.0


def _week(this_week_min: float) -> object:
    """50 min the week before (limit 55) and `this_week_min` logged on Monday of this week."""
    return history(
        runs=[run(1, date(2026, 2, 25), 50, "continuous"), run(2, date(2026, 3, 2), this_week_min, "continuous")]
    )


def test_next_session_needs_exactly_5_running_minutes_left_in_the_week():
    assert caps.MIN_SESSION_RUN_MIN == 5
    assert caps.next_session_date(_week(49), WED, on_levels=False) == date(2026, 3, 5)  # 6 left
    assert caps.next_session_date(_week(50), WED, on_levels=False) == date(2026, 3, 5)  # exactly 5 left
    assert caps.next_session_date(_week(50.5), WED, on_levels=False) == date(2026, 3, 9)  # 4.5 left: next Monday


def test_next_session_skips_the_day_after_a_run_on_the_levels_only():
    h = history(runs=[run(1, date(2026, 2, 25), 50, "continuous"), run(2, WED, 20, "continuous")])
    assert caps.next_session_date(h, WED, on_levels=True) == date(2026, 3, 6)
    assert caps.next_session_date(h, WED, on_levels=False) == date(2026, 3, 5)
    assert caps.next_session_date(h, date(2026, 3, 5), on_levels=True) == date(2026, 3, 6)  # no run on the 5th


def test_next_session_ignores_runs_dated_after_today():
    # A run dated tomorrow (a wrong date in an import) does not use up the week's cap yet.
    h = history(
        runs=[
            run(1, date(2026, 2, 25), 50, "continuous"),
            run(2, date(2026, 3, 2), 40, "continuous"),
            run(3, date(2026, 3, 5), 12, "continuous"),
        ]
    )
    assert caps.next_session_date(h, WED, on_levels=False) == date(2026, 3, 5)


def test_planned_running_min_of_nothing_typed_is_0():
    assert caps.planned_running_min(None, "continuous") == 0.0
    assert caps.planned_running_min(0, None) == 0.0
    assert caps.planned_running_min(30, None) == 30.0  # no kind: a continuous run
    assert caps.planned_running_min(30, "walk") == 0.0
    assert (
        caps.planned_running_min(30, "walk_run", run_interval_min=2, walk_interval_min=1, interval_repeats=10) == 20.0
    )


def test_longest_before_each_is_the_longest_of_the_30_days_before_each_sessions_own_day():
    days_minutes = [(1, 45.0), (1, 30.0), (2, 20.0), (31, 10.0), (32, 25.0), (40, 5.0), (75, 50.0)]
    sessions = [
        RunRecord(i, date(2026, 3, 1) + timedelta(days=d - 1), "continuous", m) for i, (d, m) in enumerate(days_minutes)
    ]
    window = caps.RunWindow(sessions)
    assert window.longest_before_each() == [None, None, 45.0, 45.0, 20.0, 25.0, None]
    assert window.longest_before_each() == [window.longest(s.run_date, include_day=False) for s in sessions]
