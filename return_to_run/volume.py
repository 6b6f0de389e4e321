"""Weekly running volume beside her symptoms, and the progression checks.

Pure: pandas (and numpy, which pandas is built on) over the History DataFrames of
models.py; no clock, no SQL, no Streamlit. Everything is vectorised so that ten years
of daily runs and symptoms summarise in a few milliseconds.

Weeks start on Monday (ISO weeks), so a log from December into January has no break
at the year boundary. Running volume is running minutes (records.RunRecord.running_min):
the run intervals of a walk-run, the whole of a continuous, hills or buggy run; walk
breaks and walks are not running (Deering 2024 Table 6 [V]: the ~10%/week guide is
about running volume). Walks are reported separately as `walk_minutes`.

The two caps live in caps.py; volume checks her history against them, as Log a run and home do:
- weekly: a calendar week's running minutes over weekly_limit_min() of the week before
  (10% more, or TINY_WEEK_ALLOWANCE_MIN more for a tiny week; Deering 2024 [V]).
- single run: a run's running minutes over 110% of the longest in the 30 days before
  (Frandsen 2025 [V]).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from . import models
from .caps import RunWindow, over_single_run_cap, weekly_limit_min
from .frame_cache import built_for, row_wise
from .records import run_records
from .symptoms import symptom_flags

_TOLERANCE = 1e-9

# The single-run rule: a run more than 10% longer than her longest run in the 30 days
# before it (Frandsen et al. 2025, BJSM 59:1203, 5,205 runners). plan.py (the next session,
# a planned run) and single_run_spikes (her history) both call longest_in_window.
WEEKLY_CHANGE_SOURCE = (
    "About 10% a week (Deering 2024); note the 10% rule did not prevent injuries in "
    "novices (Buist et al. 2008), so this is a guide, not a gate."
)
ACWR_NOTE = (
    "Acute:chronic workload ratio, for information only. It is a contested measure "
    "(mathematical coupling: Lolli et al. 2019; Impellizzeri et al. 2020) and in "
    "Frandsen et al. 2025 it did not predict injury; it is never used as a gate here."
)
WEEKLY_CHANGE_LIMIT_PCT = 10.0
# Column order of weekly_summary(); the chart and the table read these names.
WEEKLY_COLUMNS = (
    "week_start",
    "weeks_since_birth",
    "days_since_birth",
    "run_minutes",
    "walk_minutes",
    "run_distance_km",
    "runs_without_distance",
    "run_count",
    "longest_run_min",
    "symptom_entries",
    "symptom_days",
    "leakage_days",
    "worst_heaviness_0_10",
    "worst_pelvic_pain_0_10",
    "worst_joint_pain_0_10",
    "worst_pain_0_10",
    "bleeding_days",
    "red_flag",
    "pelvic_floor_sessions",
    "strength_sessions",
    "foundation_minutes",
    "change_pct",
    "over_10pct",
)
_INT_COLUMNS = (
    "runs_without_distance",
    "run_count",
    "symptom_entries",
    "symptom_days",
    "leakage_days",
    "worst_heaviness_0_10",
    "worst_pelvic_pain_0_10",
    "worst_joint_pain_0_10",
    "worst_pain_0_10",
    "bleeding_days",
    "pelvic_floor_sessions",
    "strength_sessions",
)


# ---------------------------------------------------------------------------- helpers


def day_numbers(dates: pd.Series) -> np.ndarray:
    """datetime.date (or ISO text) column -> int64 days since 1970-01-01."""
    if len(dates) == 0:
        return np.empty(0, dtype=np.int64)
    stamps = pd.to_datetime(dates).to_numpy().astype("datetime64[D]")
    return stamps.astype(np.int64)


def monday_of(days: np.ndarray) -> np.ndarray:
    """Day numbers -> day number of that ISO week's Monday (1970-01-01 was a Thursday)."""
    return days - (days + 3) % 7


def _to_dates(days: np.ndarray) -> list[date]:
    return np.asarray(days, dtype=np.int64).astype("datetime64[D]").astype(object).tolist()


def _day_number(day: date) -> int:
    return int(np.datetime64(day, "D").astype(np.int64))


def _sum(index: np.ndarray, n: int, values: np.ndarray) -> np.ndarray:
    """Sum of `values` per position of `index` (0..n-1)."""
    return np.bincount(index, weights=np.asarray(values, dtype=float), minlength=n)


def _max(index: np.ndarray, n: int, values: np.ndarray) -> np.ndarray:
    """Maximum of non-negative `values` per position of `index`; 0 where there are none."""
    out = np.zeros(n)
    np.maximum.at(out, index, np.asarray(values, dtype=float))
    return out


def running_minutes(runs: pd.DataFrame) -> np.ndarray:
    """RunRecord.running_min over a runs DataFrame (vectorised): run interval x repeats for
    a walk-run with both recorded (at most its duration; the duration less its walks when the
    last round was shortened), else the duration; 0 for a walk or an unknown kind."""

    def column(name: str) -> np.ndarray:
        if name not in runs.columns:
            return np.full(len(runs), np.nan)
        return pd.to_numeric(runs[name], errors="coerce").to_numpy(float)

    duration = np.nan_to_num(column("duration_min"), nan=0.0, posinf=0.0, neginf=0.0)
    intervals = column("run_interval_min") * column("interval_repeats")
    kind = runs["kind"].astype(object) if "kind" in runs.columns else pd.Series([None] * len(runs), dtype=object)
    running = kind.isin(models.RUNNING_KINDS).to_numpy(bool)
    walk_run = kind.eq("walk_run").to_numpy(bool) & np.isfinite(intervals) & (intervals > 0)
    full = np.where(np.isfinite(intervals), intervals, 0.0)
    walks = np.nan_to_num(column("walk_interval_min") * column("interval_repeats"), nan=0.0)
    run_interval = np.nan_to_num(column("run_interval_min"), nan=0.0)
    # The last round shortened to a cap (records.walk_run_running_min): the duration less the walks.
    shortened = (walks > 0) & (full - run_interval + walks <= duration) & (duration < full + walks)
    minutes = np.where(walk_run, np.where(shortened, duration - walks, np.minimum(full, duration)), duration)
    return np.where(running, minutes, 0.0)


def _within(arrays: dict[str, np.ndarray], start_week: int | None, end_week: int | None) -> dict:
    """The rows of `arrays` (per-row arrays, "day" among them) from the Monday before
    `start_week` to the Sunday of `end_week` (either end open when None)."""
    days = arrays["day"]
    keep = np.ones(len(days), dtype=bool)
    if start_week is not None:
        keep &= days >= start_week - 7
    if end_week is not None:
        keep &= days <= end_week + 6
    return arrays if keep.all() else {name: column[keep] for name, column in arrays.items()}


def _numbers(frame: pd.DataFrame, name: str) -> np.ndarray:
    return pd.to_numeric(frame[name], errors="coerce").to_numpy(float)


# What weekly_summary reads of each table, per row, kept per frame object (frame_cache, and
# extended with the new rows' after a save that only added some): a saved run does not make
# ten years of check-ins, or of runs, be read again.
@row_wise
def _run_rows(runs: pd.DataFrame) -> dict[str, np.ndarray]:
    kind = runs["kind"].astype(object)
    running = kind.isin(models.RUNNING_KINDS).to_numpy(bool)
    return {
        "day": day_numbers(runs["run_date"]),
        "running": running,
        "walking": kind.eq("walk").to_numpy(bool),
        "duration": np.nan_to_num(_numbers(runs, "duration_min"), nan=0.0),
        "distance": _numbers(runs, "distance_km"),
        "running_min": np.where(running, running_minutes(runs), 0.0),
    }


@row_wise
def _symptom_rows(symptoms: pd.DataFrame) -> dict[str, np.ndarray]:
    flags = symptom_flags(symptoms)
    names = ("any_symptom", "leakage", "bleeding", *_WORST_OF.values())
    return {"day": day_numbers(symptoms["symptom_date"])} | {name: flags[name].to_numpy(float) for name in names}


@row_wise
def _flag_rows(red_flags: pd.DataFrame) -> dict[str, np.ndarray]:
    return {"day": day_numbers(red_flags["flagged_date"])}


@row_wise
def _session_rows(foundation: pd.DataFrame) -> dict[str, np.ndarray]:
    activity = foundation["activity"].astype(object)
    return {
        "day": day_numbers(foundation["session_date"]),
        "pelvic_floor": activity.eq("pelvic_floor").to_numpy(bool),
        "strength": activity.eq("strength").to_numpy(bool),
        "minutes": np.nan_to_num(_numbers(foundation, "duration_min"), nan=0.0),
    }


_WORST_OF = {
    "worst_heaviness_0_10": "heaviness_0_10",
    "worst_pelvic_pain_0_10": "pelvic_pain_0_10",
    "worst_joint_pain_0_10": "joint_pain_0_10",
    "worst_pain_0_10": "pain_0_10",
}
_NO_ROWS = {"day": np.empty(0, dtype=np.int64)}
_NO_SESSIONS = _NO_ROWS | {"pelvic_floor": np.empty(0, bool), "strength": np.empty(0, bool), "minutes": np.empty(0)}


def _empty_weekly(birth_known: bool) -> pd.DataFrame:
    frame = pd.DataFrame({name: pd.Series(dtype="float64") for name in WEEKLY_COLUMNS})
    frame["week_start"] = pd.Series(dtype="object")
    for name in ("weeks_since_birth", "days_since_birth"):
        frame[name] = pd.Series(dtype="int64" if birth_known else "object")
    for name in _INT_COLUMNS:
        frame[name] = pd.Series(dtype="int64")
    frame["red_flag"] = pd.Series(dtype="bool")
    frame["over_10pct"] = pd.Series(dtype="bool")
    return frame


# ---------------------------------------------------------------------- weekly summary


def weekly_summary(
    runs: pd.DataFrame,
    symptoms: pd.DataFrame,
    *,
    birth_date: date | None,
    start: date | None = None,
    end: date | None = None,
    red_flags: pd.DataFrame | None = None,
    foundation: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per Monday-start week, with running volume beside symptoms.

    The weeks run from the first to the last week with anything logged (runs,
    symptoms, foundation sessions, red flags), or from the week of `start` to the week
    of `end` when given; weeks with nothing logged are included with zeros.

    Columns (see WEEKLY_COLUMNS):
    - week_start: datetime.date of the Monday.
    - weeks_since_birth / days_since_birth: of that Monday (int; may be negative for
      weeks before the birth); None for every row when birth_date is None.
    - run_minutes, longest_run_min: running minutes (RunRecord.running_min: walk
      breaks left out); run_count: running sessions; walk_minutes: kind "walk".
    - run_distance_km: sum of the known distances of running kinds (km);
      runs_without_distance counts the running runs with no distance.
    - symptom_entries: symptom entries logged; symptom_days / leakage_days /
      bleeding_days: days (each counted once) with any symptom / urine leakage /
      bleeding; worst_heaviness_0_10, worst_pelvic_pain_0_10 (pelvis, low back,
      abdomen/scar), worst_joint_pain_0_10 (hip, knee, foot/ankle), worst_pain_0_10
      (any site): the week's highest score, 0 when none was logged.
    - red_flag: a red flag was raised (flagged_date) that week, resolved or not.
    - pelvic_floor_sessions, strength_sessions: counts; foundation_minutes: all
      foundation activities.
    - change_pct: week-on-week change in run_minutes, %, rounded to a whole number; NaN
      when the previous week had no running (nothing to compare with) and for the first
      week.
    - over_10pct: run_minutes over weekly_limit_min() of the week before (the weekly cap
      Log a run warns about). WEEKLY_CHANGE_SOURCE.
    """
    run = built_for(runs, _run_rows)
    symptom = built_for(symptoms, _symptom_rows)
    flag = built_for(red_flags, _flag_rows) if red_flags is not None else _NO_ROWS
    session = built_for(foundation, _session_rows) if foundation is not None and len(foundation) else _NO_SESSIONS

    start_week = int(monday_of(np.int64(_day_number(start)))) if start else None
    end_week = int(monday_of(np.int64(_day_number(end)))) if end else None
    if start_week is not None or end_week is not None:
        # Only the rows of the weeks shown and of the week before them (what the first week
        # shown is compared with) count: 12 weeks on home do not sum ten years of rows. The
        # weeks are independent but for that comparison, so the rows are what slicing after
        # would show.
        run, symptom, flag, session = (_within(rows, start_week, end_week) for rows in (run, symptom, flag, session))

    logged = np.concatenate([run["day"], symptom["day"], flag["day"], session["day"]])
    lo_candidates = [int(monday_of(logged).min())] if len(logged) else []
    hi_candidates = [int(monday_of(logged).max())] if len(logged) else []
    lo_candidates += [start_week] if start_week is not None else []
    hi_candidates += [end_week] if end_week is not None else []
    if not lo_candidates or not hi_candidates:
        return _empty_weekly(birth_date is not None)
    # Compute over everything, then slice: the first week shown still compares with
    # the real week before it.
    first, last = min(lo_candidates), max(hi_candidates)
    if start_week is not None and end_week is not None and end_week < start_week:
        return _empty_weekly(birth_date is not None)
    weeks = np.arange(first, last + 1, 7, dtype=np.int64)
    n = len(weeks)
    columns: dict[str, np.ndarray] = {}

    def week_index(days: np.ndarray) -> np.ndarray:
        return (monday_of(days) - first) // 7

    # Runs: bincount sums and maximum.at maxima over the week index (no Python loop).
    running, distance = run["running"], run["distance"]
    idx = week_index(run["day"])
    columns["run_minutes"] = _sum(idx, n, run["running_min"])
    columns["walk_minutes"] = _sum(idx, n, np.where(run["walking"], run["duration"], 0.0))
    columns["run_distance_km"] = _sum(idx, n, np.where(running & ~np.isnan(distance), distance, 0.0))
    columns["runs_without_distance"] = _sum(idx, n, running & np.isnan(distance))
    columns["run_count"] = _sum(idx, n, running)
    columns["longest_run_min"] = _max(idx, n, run["running_min"])

    # Symptoms: first one value per day (a day counts once however many entries), then weeks.
    symptom_days = symptom["day"]
    unique_days, day_of_entry = np.unique(symptom_days, return_inverse=True)
    day_week = week_index(unique_days)
    columns["symptom_entries"] = _sum(week_index(symptom_days), n, np.ones(len(symptom_days)))
    for name, flag_name in (
        ("symptom_days", "any_symptom"),
        ("leakage_days", "leakage"),
        ("bleeding_days", "bleeding"),
    ):
        on_day = _max(day_of_entry, len(unique_days), symptom[flag_name])
        columns[name] = _sum(day_week, n, on_day)
    for name, score in _WORST_OF.items():
        columns[name] = _max(week_index(symptom_days), n, symptom[score])

    idx = week_index(session["day"])
    columns["pelvic_floor_sessions"] = _sum(idx, n, session["pelvic_floor"])
    columns["strength_sessions"] = _sum(idx, n, session["strength"])
    columns["foundation_minutes"] = _sum(idx, n, session["minutes"])

    columns = {
        name: values.astype(np.int64 if name in _INT_COLUMNS else np.float64) for name, values in columns.items()
    }
    minutes = columns["run_minutes"]
    previous = np.concatenate([[np.nan], minutes[:-1]])
    with np.errstate(divide="ignore", invalid="ignore"):
        change = np.where(previous > 0, (minutes - previous) / previous * 100, np.nan)
    over = np.array(
        [
            bool(prev > 0 and now > (weekly_limit_min(prev) or 0.0) + _TOLERANCE)
            for prev, now in zip(np.nan_to_num(previous).tolist(), minutes.tolist(), strict=True)
        ],
        dtype=bool,
    )
    if end is not None and end.weekday() < 6:
        # The week of `end` is still going: a drop so far means nothing yet, but a rise
        # already past the limit is real and worth showing.
        change = np.where((weeks != end_week) | over, change, np.nan)
    columns["change_pct"] = np.round(change, 0)
    columns["over_10pct"] = over
    columns["red_flag"] = np.isin(weeks, monday_of(flag["day"]))

    shown = np.ones(n, dtype=bool)
    if start_week is not None:
        shown &= weeks >= start_week
    if end_week is not None:
        shown &= weeks <= end_week
    mondays = weeks[shown]
    out = {name: column[shown] for name, column in columns.items()}
    out["week_start"] = _to_dates(mondays)
    if birth_date is not None:
        out["days_since_birth"] = mondays - _day_number(birth_date)
        out["weeks_since_birth"] = out["days_since_birth"] // 7
    else:
        out["weeks_since_birth"] = out["days_since_birth"] = [None] * len(mondays)  # unknown without a birth date
    # One DataFrame, in WEEKLY_COLUMNS order: column by column costs far more than the sums.
    return pd.DataFrame({name: out[name] for name in WEEKLY_COLUMNS})


def to_display_units(weekly: pd.DataFrame, units: str) -> pd.DataFrame:
    """A copy of `weekly` with `run_distance` in her units ("km" or "mi") and `distance_unit`.

    Data stay metric; this converts at the edge (models.from_km).
    """
    shown = weekly.copy()
    shown["run_distance"] = models.from_km(shown["run_distance_km"].astype(float), units)
    shown["distance_unit"] = units
    return shown


# ------------------------------------------------------------------ progression checks


def single_run_spikes(runs: pd.DataFrame, *, run_recs=None) -> pd.DataFrame:
    """Running runs whose running minutes are more than 110% of her longest in the 30 days before
    the run's date (runs on the same day are not "previous" because their order is unknown).

    Source: Frandsen et al. 2025, BJSM 59:1203 (5,205 runners): a single run more than
    10% longer than the longest run in the past 30 days raised the injury rate; weekly
    ratios did not. The first-ever run is not a spike, nor is a run with no running in
    the window before it (there is nothing to compare it with).

    Returns columns id, run_date, kind, duration_min, running_min, previous_longest_min
    (running minutes) and ratio (running minutes / previous longest, rounded to 0.01),
    oldest first. run_recs: records.run_records(runs) when the caller already has them.
    """
    columns = ["id", "run_date", "kind", "duration_min", "running_min", "previous_longest_min", "ratio"]
    sessions = [r for r in (run_records(runs) if run_recs is None else run_recs) if r.running]
    rows = []
    for run, previous in zip(sessions, RunWindow(sessions).longest_before_each(), strict=True):
        if over_single_run_cap(run.running_min, previous):
            ratio = round(run.running_min / previous, 2)
            rows.append((run.id, run.run_date, run.kind, run.duration_min, run.running_min, previous, ratio))
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    return pd.DataFrame(rows, columns=columns)


def acwr(weekly: pd.DataFrame) -> pd.Series:
    """Acute:chronic workload ratio of running minutes, per week. Information only.

    acute = this week's run_minutes; chronic = mean run_minutes of the four weeks ending
    with this week (the rolling-average form of Gabbett 2016). NaN for the first three
    weeks and when the chronic mean is 0. Rounded to 0.01, aligned with `weekly`.

    Contested (mathematical coupling: Lolli et al. 2019, BJSM 53:921; Impellizzeri et al.
    2020) and not predictive in Frandsen et al. 2025: show it labelled as information,
    never as a gate. The label is in ACWR_NOTE and in the Series' attrs["note"].
    """
    minutes = weekly["run_minutes"].astype(float)
    chronic = minutes.rolling(4, min_periods=4).mean()
    ratio = (minutes / chronic).where(chronic > 0).round(2)
    ratio.name = "acwr"
    ratio.attrs["note"] = ACWR_NOTE
    return ratio
