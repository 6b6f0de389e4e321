"""The same run from two sources: a pure matcher for the import preview.

A run she recorded once can reach the app twice: a Strava activities.csv and the GPX or FIT
file of the same activity, or Garmin's CSV and Strava's (a watch syncs to both). Their
`source_id`s differ, so storage's (source, source_id) check does not see it; counted twice,
it doubles that week's volume. Two rows are the same run when:

- both have a start time: they start within `minutes` of each other (clocks and UTC
  conversions of two services disagree by seconds, a late "start" press by a minute or two)
  and their durations are within `DURATION_TOLERANCE` of the longer one (moving time in one
  service, timer time in another);
- either has no start time (rows saved before start times were kept, manual entries): the
  same date, durations within the tolerance, and, when both have a distance, distances
  within the tolerance too. This is stricter than the start-time rule because a date is a
  weaker clue than a time of day; a second run of the same length on the same day is rare,
  and the preview shows the match so she can still import it.

Each existing run matches at most one new row (the closest), so two real runs are never
hidden behind one. The kind is not compared: Strava's "Hike" and Garmin's "Walking" are the
same walk, and a run logged as a walk in one app is still the same outing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime

__all__ = ["DURATION_TOLERANCE", "find_same_runs", "same_run"]

DURATION_TOLERANCE = 0.10


def _date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _start(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if not value:
        return None
    try:
        return datetime.fromisoformat(str(value)).replace(tzinfo=None)
    except ValueError:
        return None


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value or value <= 0:
        return None
    return float(value)


def _close(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) <= DURATION_TOLERANCE * max(a, b)


def same_run(new: Mapping, existing: Mapping, *, minutes: float = 5) -> float | None:
    """How far apart two matching runs are (minutes between starts, or 0 on the date rule),
    or None when they are not the same run (see the module docstring)."""
    if not _close(_number(new.get("duration_min")), _number(existing.get("duration_min"))):
        return None
    start_new, start_old = _start(new.get("start_time")), _start(existing.get("start_time"))
    if start_new is not None and start_old is not None:
        apart = abs((start_new - start_old).total_seconds()) / 60
        return apart if apart <= minutes else None
    day_new = _date(new.get("run_date")) or (start_new.date() if start_new else None)
    day_old = _date(existing.get("run_date")) or (start_old.date() if start_old else None)
    if day_new is None or day_new != day_old:
        return None
    km_new, km_old = _number(new.get("distance_km")), _number(existing.get("distance_km"))
    if km_new is not None and km_old is not None and not _close(km_new, km_old):
        return None
    return 0.0


def find_same_runs(
    new_rows: Sequence[Mapping], existing_rows: Sequence[Mapping], *, minutes: float = 5
) -> dict[int, int]:
    """{index in new_rows: index in existing_rows} for each new row she already has.

    Rows are dicts with `run_date` (date or ISO text), `start_time` (local ISO text or None)
    and `duration_min`; `distance_km` is used when present. Pairs are taken closest first,
    each row on either side in at most one pair.
    """
    by_day: dict[date | None, list[int]] = {}
    for j, old in enumerate(existing_rows):
        day = _date(old.get("run_date"))
        by_day.setdefault(day, []).append(j)
    candidates: list[tuple[float, int, int]] = []
    for i, new in enumerate(new_rows):
        day = _date(new.get("run_date"))
        if day is None:
            continue
        # Starts a few minutes apart can straddle midnight: look at the neighbouring days too.
        nearby = [j for d in (day.toordinal() - 1, day.toordinal(), day.toordinal() + 1) for j in _day(by_day, d)]
        for j in nearby:
            apart = same_run(new, existing_rows[j], minutes=minutes)
            if apart is not None:
                candidates.append((apart, i, j))
    matched: dict[int, int] = {}
    taken: set[int] = set()
    for _apart, i, j in sorted(candidates):
        if i not in matched and j not in taken:
            matched[i] = j
            taken.add(j)
    return dict(sorted(matched.items()))


def _day(by_day: dict[date | None, list[int]], ordinal: int) -> list[int]:
    try:
        return by_day.get(date.fromordinal(ordinal), [])
    except (ValueError, OverflowError):
        return []
