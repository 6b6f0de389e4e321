"""Her history read once, as typed records, and the value helpers every rule shares.

Each missing or unreadable value has ONE meaning, stated here and nowhere else:

- yes/no (bowel leakage, bleeding heavier with activity, "this is my period", test
  completed, test with symptoms, the mood answers): missing, empty or unreadable
  means NO. Only True, a non-zero number, or the words "1", "true", "yes", "y" (any case)
  mean yes. A red flag or a failed test never comes from a blank.
- 0-10 score, minutes, count: missing or unreadable means 0. A blank never makes a
  symptomatic session (a missing score is 0, never 1).
- a choice with a "none" code (leakage, bleeding) or timing: missing or blank means "none"
  (timing: "not_linked").
- a measurement that may be unknown (distance, effort, reps, run intervals): missing or
  unreadable stays None.
- a date: missing or unreadable means None, and a record without a date is left out of every
  rule (it cannot be placed in any window).
- an absent column means every value in it is missing: an absent bowel_leakage column means
  no bowel leakage.

`number`/`flag`/`text` are the scalar forms; `numbers`/`flags`/`texts` the same meanings over
a pandas Series (tests check that both agree). `from_history` turns the DataFrames of a
models.History into tuples of frozen records, sorted by date then id; `History.records`
caches it on the History object, so the rules read her logs once per data version.
"""

from __future__ import annotations

from bisect import bisect_left, insort_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from . import frame_cache, models, values
from .lazy_import import lazy_module
from .values import (
    NO_BLEEDING,
    NO_LEAKAGE,
    NOT_LINKED,
    column_of,
    flag,
    flags,
    number,
    number_or_none,
    numbers,
    optional_numbers,
    record_id,
    record_ids,
    text,
    texts,
    to_date,
)

pd = lazy_module("pandas")  # imported on first use: see lazy_import

# The value helpers live in values.py; these names stay here for their callers.
YES_WORDS = values.YES_WORDS
is_missing = values.is_missing

# ---------------------------------------------------------------- records


def walk_run_running_min(run_min: float, walk_min: float, repeats: float, duration_min: float) -> float:
    """Running minutes of a walk-run of `repeats` rounds (run then walk) lasting `duration_min`:
    run x repeats (at most the duration); when the duration falls short of the full pattern
    by less than one run interval, the last round's run was shortened (as plan.Session cuts
    it to a cap: every round keeps its walk) and the running is the duration less the walks.
    A full session typed without its last walk also falls there and reads at most one walk
    interval low: the pattern alone cannot tell the two apart."""
    full = run_min * repeats
    walks = walk_min * repeats
    if full - run_min + walks <= duration_min < full + walks:
        return duration_min - walks
    return min(full, duration_min)


@dataclass(frozen=True)
class RunRecord:
    """One logged run or walk. Minutes throughout; distance_km None when not recorded."""

    id: int | None
    run_date: date
    kind: str
    duration_min: float
    distance_km: float | None = None
    run_interval_min: float | None = None
    walk_interval_min: float | None = None
    interval_repeats: float | None = None
    effort_1_10: float | None = None

    @property
    def running(self) -> bool:
        """True for the kinds that count as running volume (models.RUNNING_KINDS)."""
        return self.kind in models.RUNNING_KINDS

    @property
    def running_min(self) -> float:
        """Minutes spent running: run interval x repeats for a walk-run (never more than the
        duration; less when its last round was shortened: walk_run_running_min), the whole
        duration for a continuous, hills or buggy run, 0 for a walk.
        A walk-run without its intervals counts its whole duration (walk breaks unknown).
        The volume caps count these minutes, not walk breaks (Deering 2024 Table 6 [V])."""
        if not self.running:
            return 0.0
        if self.kind == "walk_run" and self.run_interval_min and self.interval_repeats:
            return walk_run_running_min(
                self.run_interval_min, self.walk_interval_min or 0.0, self.interval_repeats, self.duration_min
            )
        return self.duration_min

    @property
    def longest_stretch_min(self) -> float | None:
        """The longest unbroken running: the run interval of a walk-run (None when not
        recorded), the whole duration of any other running kind, None for a walk."""
        if not self.running:
            return None
        if self.kind == "walk_run":
            return self.run_interval_min
        return self.duration_min


@dataclass(frozen=True)
class SymptomRecord:
    """One symptom entry with every value read once (see the module docstring).

    pain_0_10 holds one score per models.PAIN_SITES, in that order.
    """

    id: int | None
    symptom_date: date | None
    run_id: int | None = None
    timing: str = NOT_LINKED
    leakage: str = NO_LEAKAGE
    heaviness_0_10: float = 0.0
    pain_0_10: tuple[float, ...] = (0.0,) * len(models.PAIN_SITES)
    bleeding: str = NO_BLEEDING
    bowel_leakage: bool = False
    bleeding_heavier_with_activity: bool = False
    bleeding_is_period: bool = False

    def pain_at(self, site: str) -> float:
        """The 0-10 pain score at one of models.PAIN_SITES."""
        return self.pain_0_10[_SITE_INDEX[site]]

    @classmethod
    def from_mapping(cls, entry: Mapping) -> SymptomRecord:
        """A symptom entry (a validated `clean` dict or a row dict) as a record."""
        return cls(
            id=record_id(entry.get("id")),
            symptom_date=to_date(entry.get("symptom_date")),
            run_id=record_id(entry.get("run_id")),
            timing=text(entry.get("timing"), NOT_LINKED),
            leakage=text(entry.get("leakage"), NO_LEAKAGE),
            heaviness_0_10=number(entry.get("heaviness_0_10")),
            pain_0_10=tuple(number(entry.get(column)) for column in models.PAIN_COLUMNS),
            bleeding=text(entry.get("bleeding"), NO_BLEEDING),
            bowel_leakage=flag(entry.get("bowel_leakage")),
            bleeding_heavier_with_activity=flag(entry.get("bleeding_heavier_with_activity")),
            bleeding_is_period=flag(entry.get("bleeding_is_period")),
        )


_SITE_INDEX = {site: index for index, site in enumerate(models.PAIN_SITES)}


@dataclass(frozen=True)
class ReadinessRecord:
    """One readiness test result; reps None when not recorded (load and impact tests)."""

    id: int | None
    test_date: date | None
    test_code: str
    completed: bool
    had_symptoms: bool
    reps_left: float | None = None
    reps_right: float | None = None


@dataclass(frozen=True)
class RedFlagRecord:
    """One raised red flag; resolved_date None while it is open."""

    id: int | None
    flag_code: str
    flagged_date: date | None
    resolved_date: date | None = None

    @property
    def is_open(self) -> bool:
        return self.resolved_date is None


@dataclass(frozen=True)
class FoundationRecord:
    """One pelvic floor, strength, breathing or low-impact session."""

    id: int | None
    session_date: date
    activity: str
    duration_min: float


@dataclass(frozen=True)
class MoodRecord:
    """One weekly mood check: yes/no to the two NICE CG192 (Whooley) questions."""

    id: int | None
    check_date: date
    low_mood: bool
    little_interest: bool

    @property
    def any_yes(self) -> bool:
        """True when she answered yes to either question."""
        return self.low_mood or self.little_interest


@dataclass(frozen=True)
class Records:
    """Her whole history as records, each log sorted by date then id (records without a
    readable date are left out, except open red flags, which always count)."""

    runs: tuple[RunRecord, ...] = ()
    symptoms: tuple[SymptomRecord, ...] = ()
    readiness: tuple[ReadinessRecord, ...] = ()
    red_flags: tuple[RedFlagRecord, ...] = ()
    foundation: tuple[FoundationRecord, ...] = ()
    mood: tuple[MoodRecord, ...] = ()

    @cached_property
    def running(self) -> tuple[RunRecord, ...]:
        """Running sessions only (models.RUNNING_KINDS), sorted by date then id (worked out
        once per Records: the assessment asks several times)."""
        return tuple(run for run in self.runs if run.running)

    @property
    def open_red_flags(self) -> tuple[RedFlagRecord, ...]:
        """Red flags not yet resolved, oldest first."""
        return tuple(flag for flag in self.red_flags if flag.is_open)


def dated_between(items: Sequence, start: date, end: date, day: Callable[[Any], date]) -> bool:
    """Whether any of `items` (sorted by `day`, as every Records log is) falls on `start` to
    `end`, both included: a binary search, not a scan of ten years."""
    first = bisect_left(items, start, key=day)
    return first < len(items) and day(items[first]) <= end


def _order(day: date | None, row_id: int | None) -> tuple:
    return (day or date.min, -1 if row_id is None else row_id)


def _rows(frame: pd.DataFrame | None, columns: tuple[str, ...]) -> list[dict]:
    """The frame's rows as dicts with exactly `columns` (absent columns as None)."""
    if frame is None or len(frame) == 0:
        return []
    present = [c for c in columns if c in frame.columns]
    rows = frame[present].to_dict("records")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        for row in rows:
            row.update(dict.fromkeys(missing))
    return rows


def run_records(runs: pd.DataFrame | None) -> tuple[RunRecord, ...]:
    """Rows of History.runs as RunRecords, sorted by date then id; undated rows left out."""
    if runs is None or len(runs) == 0:
        return ()
    column = {name: column_of(runs, name) for name in models.RUN_COLUMNS}
    out = [
        RunRecord(*values)
        for values in zip(
            record_ids(column["id"]),
            column["run_date"].map(to_date).tolist(),
            texts(column["kind"], "").tolist(),
            numbers(column["duration_min"]).tolist(),
            optional_numbers(column["distance_km"]),
            optional_numbers(column["run_interval_min"]),
            optional_numbers(column["walk_interval_min"]),
            optional_numbers(column["interval_repeats"]),
            optional_numbers(column["effort_1_10"]),
            strict=True,
        )
        if values[1] is not None
    ]
    out.sort(key=lambda r: _order(r.run_date, r.id))
    return tuple(out)


def symptom_records(symptoms: pd.DataFrame | None) -> tuple[SymptomRecord, ...]:
    """Rows of History.symptoms as SymptomRecords, sorted by date then id; undated rows
    left out. Read with symptom_columns, the same meanings as SymptomRecord.from_mapping."""
    if symptoms is None or len(symptoms) == 0:
        return ()
    column = symptom_columns(symptoms)
    pains = zip(*(column[name].tolist() for name in models.PAIN_COLUMNS), strict=True)
    out = [
        SymptomRecord(*values)
        for values in zip(
            record_ids(column_of(symptoms, "id")),
            column_of(symptoms, "symptom_date").map(to_date).tolist(),
            record_ids(column_of(symptoms, "run_id")),
            column["timing"].tolist(),
            column["leakage"].tolist(),
            column["heaviness_0_10"].tolist(),
            pains,
            column["bleeding"].tolist(),
            column["bowel_leakage"].tolist(),
            column["bleeding_heavier_with_activity"].tolist(),
            column["bleeding_is_period"].tolist(),
            strict=True,
        )
        if values[1] is not None
    ]
    out.sort(key=lambda r: _order(r.symptom_date, r.id))
    return tuple(out)


def readiness_record(row: Mapping) -> ReadinessRecord:
    """One readiness result (a row dict) as a record; test_date None when unreadable."""
    return ReadinessRecord(
        id=record_id(row.get("id")),
        test_date=to_date(row.get("test_date")),
        test_code=text(row.get("test_code"), ""),
        completed=flag(row.get("completed")),
        had_symptoms=flag(row.get("had_symptoms")),
        reps_left=number_or_none(row.get("reps_left")),
        reps_right=number_or_none(row.get("reps_right")),
    )


def readiness_records(readiness: pd.DataFrame | None) -> tuple[ReadinessRecord, ...]:
    """Rows of History.readiness as ReadinessRecords, sorted by date then id; undated rows
    left out."""
    out = [readiness_record(row) for row in _rows(readiness, models.READINESS_COLUMNS)]
    out = [r for r in out if r.test_date is not None]
    out.sort(key=lambda r: _order(r.test_date, r.id))
    return tuple(out)


def red_flag_records(red_flags: pd.DataFrame | None) -> tuple[RedFlagRecord, ...]:
    """Rows of History.red_flags as RedFlagRecords, oldest first. A flag with an unreadable
    raised date is kept (it still withholds training) and sorts first."""
    out = [
        RedFlagRecord(
            id=record_id(row["id"]),
            flag_code=text(row["flag_code"], ""),
            flagged_date=to_date(row["flagged_date"]),
            resolved_date=to_date(row["resolved_date"]),
        )
        for row in _rows(red_flags, models.RED_FLAG_COLUMNS)
    ]
    out.sort(key=lambda r: _order(r.flagged_date, r.id))
    return tuple(out)


def foundation_records(foundation: pd.DataFrame | None) -> tuple[FoundationRecord, ...]:
    """Rows of History.foundation as FoundationRecords, sorted by date then id."""
    out = []
    for row in _rows(foundation, models.FOUNDATION_COLUMNS):
        day = to_date(row["session_date"])
        if day is None:
            continue
        out.append(
            FoundationRecord(
                id=record_id(row["id"]),
                session_date=day,
                activity=text(row["activity"], ""),
                duration_min=number(row["duration_min"]),
            )
        )
    out.sort(key=lambda r: _order(r.session_date, r.id))
    return tuple(out)


def mood_records(mood: pd.DataFrame | None) -> tuple[MoodRecord, ...]:
    """Rows of History.mood as MoodRecords, sorted by date then id; undated rows left out."""
    out = []
    for row in _rows(mood, models.MOOD_COLUMNS):
        day = to_date(row["check_date"])
        if day is None:
            continue
        out.append(MoodRecord(record_id(row["id"]), day, flag(row["low_mood"]), flag(row["little_interest"])))
    out.sort(key=lambda r: _order(r.check_date, r.id))
    return tuple(out)


def from_history(history: models.History) -> Records:
    """Every log of `history` as records (use `history.records`, which caches this).

    A log whose DataFrame is the very object an earlier call turned into records (a new
    History that kept the frames of the tables a save did not change: storage.read_history)
    reuses those records: after a run is saved, only the runs are read again.
    """
    return Records(
        runs=frame_cache.built_for(history.runs, run_records),
        symptoms=frame_cache.built_for(history.symptoms, symptom_records),
        readiness=frame_cache.built_for(history.readiness, readiness_records),
        red_flags=frame_cache.built_for(history.red_flags, red_flag_records),
        foundation=frame_cache.built_for(history.foundation, foundation_records),
        mood=frame_cache.built_for(getattr(history, "mood", None), mood_records),
    )


# How each builder sorts its records (the same key it sorts with).
_SORT_KEYS = {
    run_records: lambda r: _order(r.run_date, r.id),
    symptom_records: lambda r: _order(r.symptom_date, r.id),
    readiness_records: lambda r: _order(r.test_date, r.id),
    red_flag_records: lambda r: _order(r.flagged_date, r.id),
    foundation_records: lambda r: _order(r.session_date, r.id),
    mood_records: lambda r: _order(r.check_date, r.id),
}


def extend_built(frame: pd.DataFrame, earlier: pd.DataFrame, added: pd.DataFrame) -> None:
    """`frame` is `earlier`'s rows plus `added`'s (storage.read_history after a save that only
    added rows): when `earlier` was turned into records, `frame`'s are those plus the added
    rows' records, in the builder's order, instead of every row built again. Each row's
    record depends on that row alone, so this equals building `frame` whole."""
    for builder, key in _SORT_KEYS.items():
        earlier_records = frame_cache.kept(earlier, builder)
        if earlier_records is not None:
            # Each new record goes after the earlier ones of the same key, as a stable sort of
            # the earlier records followed by the added ones would put it.
            grown = list(earlier_records)
            for record in sorted(builder(added), key=key):
                insort_right(grown, record, key=key)
            frame_cache.keep(frame, builder, tuple(grown))


def symptom_columns(symptoms: pd.DataFrame) -> dict[str, pd.Series]:
    """The symptom columns of a DataFrame read with the meanings above, vectorised:
    leakage, bleeding, timing (text), heaviness_0_10 and every pain column (floats),
    bowel_leakage, bleeding_heavier_with_activity, bleeding_is_period (bools). An absent
    column reads as all missing."""
    out: dict[str, pd.Series] = {
        "leakage": texts(column_of(symptoms, "leakage"), NO_LEAKAGE),
        "bleeding": texts(column_of(symptoms, "bleeding"), NO_BLEEDING),
        "timing": texts(column_of(symptoms, "timing"), NOT_LINKED),
        "bowel_leakage": flags(column_of(symptoms, "bowel_leakage")),
        "bleeding_heavier_with_activity": flags(column_of(symptoms, "bleeding_heavier_with_activity")),
        "bleeding_is_period": flags(column_of(symptoms, "bleeding_is_period")),
    }
    for name in ("heaviness_0_10", *models.PAIN_COLUMNS):
        out[name] = numbers(column_of(symptoms, name))
    return out
