"""The step and impact calculator shown under the impact lesson.

Pure: standard library only. It counts landings and adds up *peak ground reaction
forces*, i.e. forces measured under the foot by a force plate. Nobody has measured
the force on the pelvic floor itself, so every figure here describes the ground,
and the cumulative figure is an index of how much impact a session contains, not
a force on the pelvic floor. The page must say so next to the numbers.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass

# Peak vertical ground reaction force in bodyweights (BW). Keller et al. 1996,
# Clin Biomech 11:253: about 1.2 BW when walking and about 2.5 BW when running at
# 6 m/s. Slow jogging did not load less: its peak force and loading rate were more
# than 50% higher than walking or fast running. So 2.5 BW is a typical figure for
# running, not an upper bound, and a slow first jog may well land harder.
PEAK_FORCE_WALK_BW = 1.2
PEAK_FORCE_RUN_BW = 2.5

# Illustrative cadences, not from a study: many recreational runners land 160-170
# times a minute, and a brisk walk is around 110 steps a minute. Both are inputs so
# she can type the figure her own watch shows.
DEFAULT_CADENCE_RUN_SPM = 165.0
DEFAULT_CADENCE_WALK_SPM = 110.0

# Standard gravity, to turn bodyweights into newtons for a given body mass.
GRAVITY_M_PER_S2 = 9.81
KG_PER_TONNE = 1000.0

SOURCE_KELLER_1996 = (
    "Keller TS, et al. Relationship between vertical ground reaction force and speed "
    "during walking, slow jogging, and running. Clin Biomech 1996;11(5):253-259."
)


@dataclass(frozen=True)
class ImpactEstimate:
    """What one session adds up to, measured at the ground.

    Step counts are whole steps (rounded half up). Forces in newtons are rounded to
    whole newtons; cumulative loads to one decimal. Values that need her weight are
    None when no weight was given.
    """

    run_steps: int
    walk_steps: int
    total_steps: int
    # Landings on the busier leg: steps alternate legs, so half the steps, rounded up.
    landings_per_leg: int
    peak_force_run_bw: float
    peak_force_walk_bw: float
    peak_force_run_n: int | None
    peak_force_walk_n: int | None
    # Sum of peak ground forces over every landing, in bodyweights: an index of how
    # much impact the session holds, not a force on the pelvic floor.
    cumulative_load_bw: float
    # The same sum expressed as tonnes-force (the weight of that many tonnes).
    cumulative_load_tonnes: float | None
    assumptions: tuple[str, ...]


def _round_half_up(value: float, digits: int = 0) -> float:
    """Round half away from zero (values here are never negative), unlike round()'s
    banker's rounding, so 412.5 steps shows as 413 as a reader would expect."""
    scale = 10**digits
    # The tiny nudge absorbs binary noise such as 1471.4999999999998.
    return math.floor(value * scale + 0.5 + 1e-9) / scale


def _check_number(name: str, value: float, *, allow_zero: bool) -> float:
    """Return `value` as a float, or raise ValueError naming the field."""
    # numbers.Real also admits numpy scalars, which pandas rows can carry.
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be a number, got {value!r}")
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    if value < 0 or (value == 0 and not allow_zero):
        bound = "zero or more" if allow_zero else "more than zero"
        raise ValueError(f"{name} must be {bound}, got {value!r}")
    return float(value)


def estimate_impact(
    *,
    run_min: float,
    walk_min: float = 0,
    cadence_run_spm: float = DEFAULT_CADENCE_RUN_SPM,
    cadence_walk_spm: float = DEFAULT_CADENCE_WALK_SPM,
    weight_kg: float | None = None,
) -> ImpactEstimate:
    """Count the landings in a session and add up their peak ground forces.

    `run_min` and `walk_min` are minutes spent running and walking; cadences are
    steps per minute (both feet counted). With `weight_kg`, peak forces are also
    given in newtons and the cumulative sum in tonnes-force.

    Raises ValueError, naming the field, for negative or non-finite minutes,
    and for cadences or a weight that are not above zero.
    """
    run_min = _check_number("run_min", run_min, allow_zero=True)
    walk_min = _check_number("walk_min", walk_min, allow_zero=True)
    cadence_run_spm = _check_number("cadence_run_spm", cadence_run_spm, allow_zero=False)
    cadence_walk_spm = _check_number("cadence_walk_spm", cadence_walk_spm, allow_zero=False)
    if weight_kg is not None:
        weight_kg = _check_number("weight_kg", weight_kg, allow_zero=False)

    run_steps = int(_round_half_up(run_min * cadence_run_spm))
    walk_steps = int(_round_half_up(walk_min * cadence_walk_spm))
    total_steps = run_steps + walk_steps
    cumulative_load_bw = _round_half_up(run_steps * PEAK_FORCE_RUN_BW + walk_steps * PEAK_FORCE_WALK_BW, 1)

    if weight_kg is None:
        peak_force_run_n = peak_force_walk_n = None
        cumulative_load_tonnes = None
    else:
        bodyweight_n = weight_kg * GRAVITY_M_PER_S2
        peak_force_run_n = int(_round_half_up(bodyweight_n * PEAK_FORCE_RUN_BW))
        peak_force_walk_n = int(_round_half_up(bodyweight_n * PEAK_FORCE_WALK_BW))
        cumulative_load_tonnes = _round_half_up(cumulative_load_bw * weight_kg / KG_PER_TONNE, 1)

    return ImpactEstimate(
        run_steps=run_steps,
        walk_steps=walk_steps,
        total_steps=total_steps,
        landings_per_leg=math.ceil(total_steps / 2),
        peak_force_run_bw=PEAK_FORCE_RUN_BW,
        peak_force_walk_bw=PEAK_FORCE_WALK_BW,
        peak_force_run_n=peak_force_run_n,
        peak_force_walk_n=peak_force_walk_n,
        cumulative_load_bw=cumulative_load_bw,
        cumulative_load_tonnes=cumulative_load_tonnes,
        assumptions=_assumptions(cadence_run_spm, cadence_walk_spm, weight_kg),
    )


def _assumptions(cadence_run_spm: float, cadence_walk_spm: float, weight_kg: float | None) -> tuple[str, ...]:
    """Every assumption behind an estimate, in plain words, with its source."""
    lines = [
        f"Running steps = running minutes x {cadence_run_spm:g} steps per minute, and walking "
        f"steps = walking minutes x {cadence_walk_spm:g} steps per minute. These cadences are "
        "typical figures, not taken from a study; use your own watch's cadence if you know it.",
        "Each step is one landing on one foot, so each leg takes about half of the landings.",
        f"Each running landing peaks at {PEAK_FORCE_RUN_BW:g} times bodyweight, a typical figure "
        "(measured at 6 metres per second). It is not an upper bound: slow jogging peaked more "
        "than half as high again as walking or fast running. Source: " + SOURCE_KELLER_1996,
        f"Each walking landing peaks at {PEAK_FORCE_WALK_BW:g} times bodyweight. Source: " + SOURCE_KELLER_1996,
        "These are ground reaction forces, measured under the foot. No study has measured the "
        "force on the pelvic floor itself, so none of these numbers is a pelvic floor force.",
        "The cumulative figure adds up the peak of every landing. It is an index of how much "
        "impact a session holds, useful for comparing sessions, not a force anything feels at "
        "once.",
    ]
    if weight_kg is not None:
        lines.append(
            f"Newtons = bodyweights x {weight_kg:g} kg x {GRAVITY_M_PER_S2:g} m/s\u00b2 (standard "
            "gravity). Tonnes = the cumulative sum in bodyweights x your weight, divided by 1,000."
        )
    return tuple(lines)


def _minutes(run: Mapping, key: str) -> float | None:
    """A minutes (or count) value from a logged run; None when missing or NaN."""
    value = run.get(key)
    if value is None:
        return None
    # pandas marks a missing value as NaN, or as pd.NA in nullable columns.
    if type(value).__name__ == "NAType":
        return None
    if isinstance(value, numbers.Real) and math.isnan(value):
        return None
    return value


def impact_from_run(
    run: Mapping,
    *,
    weight_kg: float | None = None,
    cadence_run_spm: float = DEFAULT_CADENCE_RUN_SPM,
    cadence_walk_spm: float = DEFAULT_CADENCE_WALK_SPM,
) -> ImpactEstimate:
    """Estimate the impact of one logged run (a dict with the RUN_COLUMNS keys).

    - kind "walk": every minute is walking.
    - kind "walk_run": run_interval_min x interval_repeats minutes of running, the rest
      of duration_min walking. If the intervals add up to more than the duration (the
      form does not forbid it), running is capped at the duration.
    - any other kind: every minute is running.

    Raises ValueError naming the field when duration_min, or for a walk-run an
    interval field, is missing or invalid.
    """
    duration_min = _minutes(run, "duration_min")
    if duration_min is None:
        raise ValueError("duration_min is missing")
    duration_min = _check_number("duration_min", duration_min, allow_zero=True)
    kind = run.get("kind")
    if kind == "walk":
        run_min, walk_min = 0.0, duration_min
    elif kind == "walk_run":
        interval_min = _minutes(run, "run_interval_min")
        repeats = _minutes(run, "interval_repeats")
        if interval_min is None:
            raise ValueError("run_interval_min is missing for a walk-run")
        if repeats is None:
            raise ValueError("interval_repeats is missing for a walk-run")
        interval_min = _check_number("run_interval_min", interval_min, allow_zero=True)
        repeats = _check_number("interval_repeats", repeats, allow_zero=True)
        run_min = min(interval_min * repeats, duration_min)
        walk_min = duration_min - run_min
    else:
        run_min, walk_min = duration_min, 0.0
    return estimate_impact(
        run_min=run_min,
        walk_min=walk_min,
        cadence_run_spm=cadence_run_spm,
        cadence_walk_spm=cadence_walk_spm,
        weight_kg=weight_kg,
    )
