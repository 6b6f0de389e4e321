"""The two volume caps, in running minutes, so home, Log a run, Trends and the PDF agree.

Pure: standard library; `today` is an argument. Running minutes are
records.RunRecord.running_min: the run intervals of a walk-run, the whole of a continuous,
hills or buggy run; walk breaks and walks are not running.
- Single run: at most 110% of her longest run in the 30 days before (Frandsen 2025 [V]:
  a run more than 10% longer than the longest in the past 30 days raised the injury rate).
- Weekly: a calendar week (Monday to Sunday, as on Trends) at most 10% over the week
  before (Deering 2024 Table 6 [V]: not more than 10% a week "in most cases", about
  running volume), or TINY_WEEK_ALLOWANCE_MIN more for a tiny week, said on screen. The
  10% rule did not prevent injury in novices (Buist 2008 [V]): a guide, not a gate.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from .models import History
from .records import RunRecord
from .symptoms import running_sessions

# Minutes are floats: exactly 110% (33 after 30) must not count as over.
_TOLERANCE = 1e-9
MIN_SESSION_RUN_MIN = 5  # less running than this left under a cap: rest instead (app rule)

SPIKE_SOURCE = (
    "Frandsen et al. 2025, BJSM 59:1203: a run more than 10% longer than the longest run "
    "in the past 30 days raised the injury rate. The cohort was 78% men, mean age 46, not "
    "postpartum; it measured distance per run."
)
LONGEST_RUN_WINDOW_DAYS = 30
SINGLE_RUN_CAP = 1.10

WEEKLY_RISE_CAP = 1.10  # Deering 2024 [V]: not more than 10% a week "in most cases"
# A tiny week (say 10 minutes of running) may grow by this many running minutes even when
# that is more than 10%: the "in most cases" exception, small and said on screen.
TINY_WEEK_ALLOWANCE_MIN = 5.0


def weekly_limit_min(previous_week_min: float) -> float | None:
    """The most running minutes a week may hold after a week of `previous_week_min`:
    110% of it, or TINY_WEEK_ALLOWANCE_MIN more when that is larger; None when the week
    before had no running (nothing to compare with: a start or a restart, where the plan
    starts her at level 1)."""
    if previous_week_min <= _TOLERANCE:
        return None
    return max(round(previous_week_min * WEEKLY_RISE_CAP, 6), previous_week_min + TINY_WEEK_ALLOWANCE_MIN)


def monday(day: date) -> date:
    """The Monday of the calendar week holding `day` (weeks as on Trends)."""
    return day - timedelta(days=day.weekday())


def week_running_min(sessions: Sequence[RunRecord], day: date) -> tuple[float, float]:
    """(running minutes of the calendar week holding `day`, of the week before), from
    running sessions (records.RunRecord.running_min)."""
    start = monday(day)
    before = start - timedelta(days=7)
    this_week = sum(s.running_min for s in sessions if start <= s.run_date <= start + timedelta(days=6))
    previous = sum(s.running_min for s in sessions if before <= s.run_date < start)
    return float(this_week), float(previous)


class RunWindow:
    """Her running sessions (sorted by date then id) ready for window look-ups."""

    def __init__(self, sessions: Sequence[RunRecord]):
        self.days = [s.run_date for s in sessions]
        self.minutes = [s.running_min for s in sessions]

    def _bounds(self, day: date, include_day: bool) -> tuple[int, int]:
        """The sessions dated from `day` - 30 days to `day` (inclusive when include_day, else
        up to the day before), as the slice [lo, hi) of the date-sorted sessions."""
        lo = bisect_left(self.days, day - timedelta(days=LONGEST_RUN_WINDOW_DAYS))
        hi = bisect_right(self.days, day) if include_day else bisect_left(self.days, day)
        return lo, hi

    def longest(self, day: date, *, include_day: bool) -> float | None:
        """Longest running minutes of one run in the window of `day` (_bounds), or None when
        there is none."""
        lo, hi = self._bounds(day, include_day)
        return max(self.minutes[lo:hi]) if hi > lo else None

    def longest_before_each(self) -> list[float | None]:
        """longest(day, include_day=False) at every session's own day, in order: a sliding
        maximum (both ends of the window only move forward over date-sorted sessions), so
        ten years of runs are one pass, not a slice and a max per run."""
        queue: deque[int] = deque()  # indices in the window, their minutes decreasing
        added = 0
        found: list[float | None] = []
        for day in self.days:
            lo, hi = self._bounds(day, False)
            while added < hi:
                while queue and self.minutes[queue[-1]] <= self.minutes[added]:
                    queue.pop()
                queue.append(added)
                added += 1
            while queue and queue[0] < lo:
                queue.popleft()
            found.append(self.minutes[queue[0]] if queue else None)
        return found


def longest_in_window(sessions: Sequence[RunRecord], day: date, *, include_day: bool = True) -> float | None:
    """Her longest run in running minutes in the 30 days up to `day` (from `day` - 30 days;
    `day` itself included unless include_day=False), or None. `sessions` are running
    sessions sorted by date (symptoms.running_sessions)."""
    return RunWindow(sessions).longest(day, include_day=include_day)


def single_run_limit_min(longest_min: float) -> float:
    """The most a run may last: 110% of her longest in the window (SPIKE_SOURCE)."""
    return round(longest_min * SINGLE_RUN_CAP, 6)


def over_single_run_cap(duration_min: float, longest_min: float | None) -> bool:
    """True when `duration_min` is more than 110% of `longest_min` (nothing to compare with
    when longest_min is None or 0)."""
    return bool(longest_min) and duration_min > single_run_limit_min(longest_min) + _TOLERANCE


# ---------------------------------------------------------------- over her history


def longest_recent_run(history: History, today: date) -> float | None:
    """Her longest run in running minutes dated in the 30 days up to and including `today`,
    or None if there is none (longest_in_window)."""
    return longest_in_window(running_sessions(history.records), today)


def single_run_cap(history: History, today: date) -> float | None:
    """110% of her longest run in the past 30 days, in running minutes, or None."""
    longest = longest_recent_run(history, today)
    return None if longest is None else single_run_limit_min(longest)


@dataclass(frozen=True)
class WeeklyAllowance:
    """Running minutes of the calendar week holding the day (this_week) and of the week
    before (previous_week), and the most this week may hold (limit; None when the week
    before had no running, so there is nothing to compare with)."""

    this_week: float
    previous_week: float
    limit: float | None
    week_start: date | None = None

    @property
    def remaining(self) -> float:
        return math.inf if self.limit is None else max(self.limit - self.this_week, 0.0)


def weekly_allowance(history: History, today: date) -> WeeklyAllowance:
    """The weekly cap for the week holding `today` (weekly_limit_min; Deering 2024 [V])."""
    this_week, previous = week_running_min(running_sessions(history.records), today)
    return WeeklyAllowance(this_week, previous, weekly_limit_min(previous), monday(today))


def planned_running_min(duration_min: float, kind: str | None, **pattern) -> float:
    """Running minutes of a run she is about to save (RunRecord.running_min); `pattern`
    holds run_interval_min, walk_interval_min, interval_repeats for a walk-run."""
    record = RunRecord(None, date.min, kind or "continuous", float(duration_min or 0), **pattern)
    return record.running_min


def _ran_on(history: History, day: date) -> bool:
    return any(s.run_date == day for s in running_sessions(history.records))


def next_session_date(history: History, today: date, *, on_levels: bool) -> date:
    """The first day after `today` with a session: not the day after a run while on the
    levels, and with at least MIN_SESSION_RUN_MIN of the weekly cap left."""
    sessions = running_sessions(history.records, until=today)
    for ahead in range(1, 15):
        day = today + timedelta(days=ahead)
        if on_levels and ahead == 1 and _ran_on(history, today):
            continue
        this_week, previous = week_running_min(sessions, day)
        limit = weekly_limit_min(previous)
        if limit is None or limit - this_week >= MIN_SESSION_RUN_MIN:
            return day
    return today + timedelta(days=15)
