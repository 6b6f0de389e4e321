"""The impact calculator: literal step counts and sums, rounding, and input errors."""

import dataclasses
import math

import pytest

from return_to_run.impact import ImpactEstimate, estimate_impact, impact_from_run


def test_ten_minutes_of_running_without_weight():
    estimate = estimate_impact(run_min=10)
    assert dataclasses.replace(estimate, assumptions=()) == ImpactEstimate(
        run_steps=1650,
        walk_steps=0,
        total_steps=1650,
        landings_per_leg=825,
        peak_force_run_bw=2.5,
        peak_force_walk_bw=1.2,
        peak_force_run_n=None,
        peak_force_walk_n=None,
        cumulative_load_bw=4125.0,
        cumulative_load_tonnes=None,
        assumptions=(),
    )
    assert len(estimate.assumptions) == 6


def test_weight_gives_newtons_and_tonnes():
    estimate = estimate_impact(run_min=10, weight_kg=60)
    # 60 kg x 9.81 m/s2 x 2.5 = 1471.5 N, rounded half up.
    assert estimate.peak_force_run_n == 1472
    # 60 x 9.81 x 1.2 = 706.32 N.
    assert estimate.peak_force_walk_n == 706
    # 4125 bodyweights x 60 kg = 247,500 kg-force.
    assert estimate.cumulative_load_tonnes == 247.5
    assert len(estimate.assumptions) == 7
    assert "60 kg" in estimate.assumptions[-1]


def test_walking_and_running_mixed():
    estimate = estimate_impact(run_min=5, walk_min=10)
    assert (estimate.run_steps, estimate.walk_steps, estimate.total_steps) == (825, 1100, 1925)
    assert estimate.landings_per_leg == 963  # 962.5 rounded up: the busier leg
    assert estimate.cumulative_load_bw == 3382.5  # 825 x 2.5 + 1100 x 1.2


def test_own_cadences_are_used():
    estimate = estimate_impact(run_min=10, walk_min=10, cadence_run_spm=170, cadence_walk_spm=100)
    assert (estimate.run_steps, estimate.walk_steps) == (1700, 1000)
    assert estimate.cumulative_load_bw == 5450.0  # 1700 x 2.5 + 1000 x 1.2
    assert "170 steps per minute" in estimate.assumptions[0]
    assert "100 steps per minute" in estimate.assumptions[0]


def test_half_steps_round_up_not_to_even():
    # 2.5 min x 165 = 412.5; round() would give 412.
    assert estimate_impact(run_min=2.5).run_steps == 413


def test_zero_minutes_gives_zero():
    estimate = estimate_impact(run_min=0)
    assert (estimate.total_steps, estimate.landings_per_leg, estimate.cumulative_load_bw) == (0, 0, 0.0)


def test_assumptions_name_the_source_and_the_ground_caveat():
    text = " ".join(estimate_impact(run_min=1).assumptions)
    assert "Keller" in text
    assert "ground reaction forces" in text
    assert "No study has measured the force on the pelvic floor" in text


def test_estimate_is_frozen():
    estimate = estimate_impact(run_min=1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        estimate.run_steps = 0


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"run_min": -1}, "run_min"),
        ({"run_min": 10, "walk_min": -0.5}, "walk_min"),
        ({"run_min": math.nan}, "run_min"),
        ({"run_min": math.inf}, "run_min"),
        ({"run_min": "10"}, "run_min"),
        ({"run_min": 10, "cadence_run_spm": 0}, "cadence_run_spm"),
        ({"run_min": 10, "cadence_walk_spm": -110}, "cadence_walk_spm"),
        ({"run_min": 10, "weight_kg": 0}, "weight_kg"),
    ],
)
def test_invalid_inputs_name_the_field(kwargs, field):
    with pytest.raises(ValueError, match=field):
        estimate_impact(**kwargs)


def _run(**changes):
    run = {
        "kind": "continuous",
        "duration_min": 20,
        "run_interval_min": None,
        "walk_interval_min": None,
        "interval_repeats": None,
    }
    run.update(changes)
    return run


def test_walk_run_splits_running_and_walking():
    run = _run(kind="walk_run", duration_min=15, run_interval_min=1, walk_interval_min=2, interval_repeats=5)
    estimate = impact_from_run(run)
    assert (estimate.run_steps, estimate.walk_steps, estimate.total_steps) == (825, 1100, 1925)
    assert estimate.cumulative_load_bw == 3382.5
    assert estimate == estimate_impact(run_min=5, walk_min=10)


def test_walk_is_all_walking():
    estimate = impact_from_run(_run(kind="walk", duration_min=30))
    assert (estimate.run_steps, estimate.walk_steps) == (0, 3300)
    assert estimate.cumulative_load_bw == 3960.0


@pytest.mark.parametrize("kind", ["continuous", "hills_speed", "buggy"])
def test_other_kinds_are_all_running(kind):
    estimate = impact_from_run(_run(kind=kind, duration_min=20))
    assert (estimate.run_steps, estimate.walk_steps) == (3300, 0)
    assert estimate.cumulative_load_bw == 8250.0


def test_weight_is_passed_through():
    assert impact_from_run(_run(duration_min=10), weight_kg=60).peak_force_run_n == 1472


def test_intervals_longer_than_duration_are_capped():
    run = _run(kind="walk_run", duration_min=20, run_interval_min=5, walk_interval_min=1, interval_repeats=5)
    estimate = impact_from_run(run)
    assert (estimate.run_steps, estimate.walk_steps) == (3300, 0)


def test_nan_from_pandas_counts_as_missing():
    run = _run(kind="walk_run", duration_min=15, run_interval_min=1, walk_interval_min=2, interval_repeats=math.nan)
    with pytest.raises(ValueError, match="interval_repeats"):
        impact_from_run(run)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"duration_min": None}, "duration_min"),
        ({"duration_min": -5}, "duration_min"),
        ({"kind": "walk_run", "interval_repeats": 3}, "run_interval_min"),
        ({"kind": "walk_run", "run_interval_min": 1}, "interval_repeats"),
        ({"kind": "walk_run", "run_interval_min": -1, "interval_repeats": 3}, "run_interval_min"),
    ],
)
def test_bad_logged_runs_name_the_field(changes, field):
    with pytest.raises(ValueError, match=field):
        impact_from_run(_run(**changes))


def test_running_figure_is_called_typical_not_an_upper_bound():
    # Keller 1996: slow jogging peaked more than 50% above walking or fast running,
    # so 2.5 bodyweights is typical for running, not a figure that errs high.
    running_line = estimate_impact(run_min=1).assumptions[2]
    assert "typical figure" in running_line
    assert "not an upper bound" in running_line
    assert "errs on the high side" not in " ".join(estimate_impact(run_min=1).assumptions)
