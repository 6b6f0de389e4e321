"""Small builders for profiles and History DataFrames used by the guidance-engine tests.

Dates are datetime.date, booleans 0/1, columns exactly models.*_COLUMNS, like
storage.load_history() returns.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from return_to_run import models
from return_to_run.models import History, Profile

BIRTH = date(2024, 1, 1)


def on(weeks: int = 0, days: int = 0, *, birth: date = BIRTH) -> date:
    """The date `weeks` weeks and `days` days after the birth."""
    return birth + timedelta(weeks=weeks, days=days)


def profile(**changes) -> Profile:
    changes.setdefault("birth_date", BIRTH)
    return Profile(**changes)


def _frame(columns: tuple[str, ...], rows: list[dict]) -> pd.DataFrame:
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    return pd.DataFrame([{c: row.get(c) for c in columns} for row in rows], columns=list(columns))


def history(*, runs=(), symptoms=(), readiness=(), red_flags=(), foundation=()) -> History:
    return History(
        runs=_frame(models.RUN_COLUMNS, list(runs)),
        symptoms=_frame(models.SYMPTOM_COLUMNS, list(symptoms)),
        readiness=_frame(models.READINESS_COLUMNS, list(readiness)),
        red_flags=_frame(models.RED_FLAG_COLUMNS, list(red_flags)),
        foundation=_frame(models.FOUNDATION_COLUMNS, list(foundation)),
    )


def run(id: int, day: date, duration: float = 30, kind: str = "walk_run", **extra) -> dict:
    return {
        "id": id,
        "run_date": day,
        "duration_min": float(duration),
        "distance_km": None,
        "kind": kind,
        "run_interval_min": extra.get("run_interval_min"),
        "walk_interval_min": extra.get("walk_interval_min"),
        "interval_repeats": extra.get("interval_repeats"),
        "effort_1_10": None,
        "notes": "",
        "source": "manual",
        "source_id": None,
    }


def runs_every(
    first_id: int, start: date, count: int, *, every_days: int = 2, duration: float = 30, kind: str = "walk_run"
) -> list[dict]:
    """`count` running sessions starting on `start`, one every `every_days` days."""
    return [run(first_id + i, start + timedelta(days=i * every_days), duration, kind) for i in range(count)]


def entry(day: date, **fields) -> dict:
    """A symptom entry shaped like validation.validate_symptom's `clean` (plus id when given)."""
    base = {
        "symptom_date": day,
        "run_id": None,
        "timing": "not_linked",
        "leakage": "none",
        "heaviness_0_10": 0,
        **{c: 0 for c in models.PAIN_COLUMNS},
        "bleeding": "none",
        "bowel_leakage": False,
        "notes": "",
    }
    base.update(fields)
    return base


def symptom(id: int, day: date, **fields) -> dict:
    row = entry(day, **fields)
    row["id"] = id
    row["bowel_leakage"] = int(bool(row["bowel_leakage"]))
    return row


def result(
    id: int, day: date, code: str, *, completed: int = 1, had_symptoms: int = 0, reps: tuple[int, int] | None = None
) -> dict:
    left, right = reps if reps else (None, None)
    return {
        "id": id,
        "test_date": day,
        "test_code": code,
        "completed": completed,
        "had_symptoms": had_symptoms,
        "reps_left": left,
        "reps_right": right,
        "notes": "",
    }


def load_tests(day: date, *, first_id: int = 1, failing: dict[str, dict] | None = None) -> list[dict]:
    """One result for each of the 7 load and impact tests on `day`, all passed except those in
    `failing` (code -> result keyword overrides)."""
    failing = failing or {}
    return [result(first_id + i, day, code, **failing.get(code, {})) for i, code in enumerate(models.LOAD_IMPACT_TESTS)]


def flag(id: int, code: str, day: date, resolved: date | None = None) -> dict:
    return {
        "id": id,
        "flag_code": code,
        "flagged_date": day,
        "symptom_id": None,
        "resolved_date": resolved,
        "resolved_note": "seen GP" if resolved else "",
    }


def foundation(id: int, day: date, activity: str = "pelvic_floor", minutes: float = 10) -> dict:
    return {"id": id, "session_date": day, "activity": activity, "duration_min": float(minutes), "notes": ""}


def session_tuple(session) -> tuple | None:
    """(kind, level, run interval, walk interval, repeats, total, run minutes) or None."""
    if session is None:
        return None
    return (
        session.kind,
        session.level_number,
        session.run_interval_min,
        session.walk_interval_min,
        session.repeats,
        session.total_min,
        session.run_min,
    )


def three_a_week(first_id: int, start: date, count: int, *, duration: float = 30, kind: str = "walk_run") -> list[dict]:
    """`count` running sessions on days 0, 2 and 4 of each week from `start`."""
    days = [start + timedelta(days=7 * (i // 3) + 2 * (i % 3)) for i in range(count)]
    return [run(first_id + i, day, duration, kind) for i, day in enumerate(days)]
