"""The fast path for runs that arrive already typed (the importers' rows): `typed_run`
builds the clean dict without the field-by-field checker, by the same rules, or gives
None so the run goes through records.validate_run_fields."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from .. import models
from .checker import (
    EARLIEST_DATE,
    FASTEST_PACE_MIN_PER_KM,
    MAX_DISTANCE_KM,
    MAX_DURATION_MIN,
    MAX_TEXT_CHARS,
    SLOWEST_PACE_MIN_PER_KM,
)


def _plain_number(value: object) -> bool:
    """A Python int or float (not bool, not numpy, not text) that is finite."""
    kind = type(value)
    return (kind is float or kind is int) and value - value == 0  # nan - nan and inf - inf are nan


def _canonical_time(value: str) -> bool:
    """'YYYY-MM-DDTHH:MM:SS' exactly: the form `Checker.timestamp` would give back unchanged."""
    if len(value) != 19 or value[4] + value[7] + value[10] + value[13] + value[16] != "--T::":
        return False
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return False
    return moment.tzinfo is None and moment.date() >= EARLIEST_DATE


def typed_run(raw: Mapping, today: date) -> dict | None:
    """The clean dict `validate_run_fields` would return for a run that is already typed and has no
    problem (the importers' rows), built without the field-by-field checker; None for any
    other run, which then goes through `validate_run_fields`. The same rules, in the same terms."""
    get = raw.get
    kind, run_date, duration, distance = get("kind"), get("run_date"), get("duration_min"), get("distance_km")
    effort, notes, title, start_time = get("effort_1_10"), get("notes"), get("title"), get("start_time")
    if type(kind) is not str or kind == "walk_run" or kind not in models.RUN_KINDS:  # pd.NA == x raises
        return None
    if type(run_date) is not date or not EARLIEST_DATE <= run_date <= today:
        return None
    if not _plain_number(duration) or not 0 < duration <= MAX_DURATION_MIN:
        return None
    if distance is not None and (not _plain_number(distance) or not 0 < distance <= MAX_DISTANCE_KM):
        return None
    if effort is not None and (not _plain_number(effort) or effort != int(effort) or not 1 <= effort <= 10):
        return None
    if distance and not FASTEST_PACE_MIN_PER_KM <= duration / distance <= SLOWEST_PACE_MIN_PER_KM:
        return None
    if notes is None:
        notes = ""
    elif type(notes) is not str or len(notes := notes.strip()) > MAX_TEXT_CHARS:
        return None
    source, source_id = str(get("source") or "manual"), get("source_id") or None
    if source_id is not None:
        source_id = str(source_id)
        if len(source_id) > MAX_TEXT_CHARS:
            return None
    if len(source) > MAX_TEXT_CHARS:
        return None
    clean = {
        "run_date": run_date,
        "duration_min": float(duration),
        "distance_km": None if distance is None else float(distance),
        "kind": kind,
        "run_interval_min": None,
        "walk_interval_min": None,
        "interval_repeats": None,
        "effort_1_10": None if effort is None else int(effort),
        "notes": notes,
        "source": source,
        "source_id": source_id,
    }
    if title is not None and title != "":
        if type(title) is not str or len(title := title.strip()) > MAX_TEXT_CHARS:
            return None
        clean["title"] = title
    if start_time is not None and start_time != "":
        if type(start_time) is not str or not _canonical_time(start_time):
            return None
        clean["start_time"] = start_time
    return clean
