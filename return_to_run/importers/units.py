"""Which unit a file's distances are in, when the file does not say (a pure function).

Garmin Connect's activities CSV writes `Distance` in her Garmin unit without naming it, and
a Strava activities.csv with a single `Distance` column writes it in the account's unit.
Read in the wrong unit, a file in miles is stored 1.609x too short and 10-13 min/mile passes
as a plausible min/km pace, so the pace alone seldom decides. The clues, strongest first:

1. Steps x step length against distance. Garmin's `Avg Stride Length` is the length of one
   step (its cadence counts both feet), so cadence x moving minutes x stride (or `Steps` x
   stride) is the distance walked or run. In metres it is ~1000x a distance in km and
   ~1609x one in miles (in feet, as an imperial account may write stride: ~3281x and ~5280x).
   One row within 15% of one of those is one vote.
2. Step length alone (steps or cadence x time, no stride): a running step is 0.5-1.6 m and a
   walking step 0.35-1.0 m; a distance that gives a step outside that in one unit and inside
   it in the other is a vote for the other. Pace at the extremes is a vote too: a run faster
   than 3:00 min/km or a walk faster than 5:00 min/km cannot be right in the unit that
   gives it, and a "run" slower than 16 min/km or a walk slower than 30 min/km in km reads as
   an ordinary pace in miles.
3. Her profile's unit, when the clues above are missing or disagree.

A unit wins when it has at least one vote and the other unit has at most a quarter as many
(a GPS glitch on one row does not decide a whole file).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..models import KM_PER_MILE

__all__ = ["KM_PER_MILE", "UnitClue", "detect_distance_unit"]

UNIT_WORDS = {"km": "km", "mi": "miles"}

# metres per distance unit, and which unit it means, for the step-length sums (stride in
# metres or in feet).
_STRIDE_RATIOS = ((1000.0, "km"), (1609.344, "mi"), (3280.84, "km"), (5280.0, "mi"))
_STRIDE_TOLERANCE = 0.15
# Plausible step lengths (metres), by kind: a slow postpartum jog shortens the step, a brisk
# walk lengthens it; outside these the distance is in the other unit.
_STEP_M = {"continuous": (0.5, 1.6), "walk": (0.35, 1.0)}
# (fastest, slowest) plausible pace in min/km by kind, at the extremes only (see docstring):
# faster than the first is impossible, slower than the second is not that activity.
_PACE_LIMITS = {"continuous": (3.0, 16.0), "walk": (5.0, 30.0)}


@dataclass(frozen=True)
class UnitClue:
    """One activity's numbers as the file gives them (distance in the unknown unit)."""

    kind: str
    distance: float
    minutes: float | None = None
    cadence_spm: float | None = None
    stride: float | None = None
    steps: float | None = None


def _stride_vote(clue: UnitClue) -> str | None:
    if not clue.stride or clue.stride <= 0:
        return None
    steps = clue.steps or (clue.cadence_spm * clue.minutes if clue.cadence_spm and clue.minutes else None)
    if not steps:
        return None
    ratio = steps * clue.stride / clue.distance
    votes = {unit for per_unit, unit in _STRIDE_RATIOS if abs(ratio - per_unit) <= _STRIDE_TOLERANCE * per_unit}
    return votes.pop() if len(votes) == 1 else None


def _weak_votes(clue: UnitClue) -> list[str]:
    votes: list[str] = []
    steps = clue.steps or (clue.cadence_spm * clue.minutes if clue.cadence_spm and clue.minutes else None)
    low, high = _STEP_M.get(clue.kind, _STEP_M["continuous"])
    if steps:
        fits = {
            unit
            for unit, km in (("km", clue.distance), ("mi", clue.distance * KM_PER_MILE))
            if low <= km * 1000 / steps <= high
        }
        if len(fits) == 1:
            votes.append(fits.pop())
    if clue.minutes:
        fastest, slowest = _PACE_LIMITS.get(clue.kind, _PACE_LIMITS["continuous"])
        pace_if_km = clue.minutes / clue.distance
        pace_if_mi = pace_if_km / KM_PER_MILE
        if pace_if_mi < fastest <= pace_if_km <= slowest:
            votes.append("km")
        elif pace_if_km > slowest and fastest <= pace_if_mi <= slowest:
            votes.append("mi")
    return votes


def _winner(km: int, mi: int) -> str | None:
    if km and mi * 4 <= km:
        return "km"
    if mi and km * 4 <= mi:
        return "mi"
    return None


def detect_distance_unit(clues: Iterable[UnitClue], *, setting: str | None) -> tuple[str, str]:
    """(unit, reason): "km" or "mi" for the file's distances, and one sentence saying why.

    `setting` is her profile's unit (None when she has no profile: then km).
    """
    clues = [c for c in clues if c.distance and c.distance > 0]
    strong = [v for v in (_stride_vote(c) for c in clues) if v]
    unit = _winner(strong.count("km"), strong.count("mi"))
    if unit is not None:
        return unit, (
            f"Read as {UNIT_WORDS[unit]}: steps \u00d7 stride length match distances in {UNIT_WORDS[unit]} "
            f"for {strong.count(unit)} of {len(strong)} activities that have them."
        )
    weak = [v for c in clues for v in _weak_votes(c)]
    unit = _winner(weak.count("km"), weak.count("mi"))
    if unit is not None:
        other = "miles" if unit == "km" else "km"
        return unit, (
            f"Read as {UNIT_WORDS[unit]}: in {other}, {weak.count(unit)} "
            f"{'activity' if weak.count(unit) == 1 else 'activities'} would have an impossible pace or step length."
        )
    if setting in UNIT_WORDS:
        return setting, (
            f"Read as {UNIT_WORDS[setting]}, the unit in your profile: the file does not name its unit "
            "and its paces fit either."
        )
    return "km", (
        "Read as km: the file does not name its unit, its paces fit either, and there is no unit in your profile yet."
    )
