from datetime import date

import pytest

from return_to_run.models import from_km, to_km, weeks_since
from return_to_run.validation import (
    validate_foundation,
    validate_profile,
    validate_readiness,
    validate_run,
    validate_symptom,
)

TODAY = date(2026, 11, 25)
GOOD_RUN = {"run_date": "2026-11-20", "duration_min": "20", "kind": "continuous", "distance_km": "3.1"}


def messages(problems):
    return [str(p) for p in problems]


def test_valid_run_is_typed():
    clean, problems = validate_run({**GOOD_RUN, "effort_1_10": "5", "notes": " easy "}, today=TODAY)
    assert problems == []
    assert clean == {
        "run_date": date(2026, 11, 20),
        "duration_min": 20.0,
        "distance_km": 3.1,
        "kind": "continuous",
        "run_interval_min": None,
        "walk_interval_min": None,
        "interval_repeats": None,
        "effort_1_10": 5,
        "notes": "easy",
        "source": "manual",
        "source_id": None,
    }


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"run_date": "2026-11-26"}, "Date: 2026-11-26 is in the future."),
        ({"run_date": "2026-02-30"}, "Date: '2026-02-30' is not a date (use YYYY-MM-DD)."),
        ({"duration_min": "0"}, "Duration (min): must be more than 0 and at most 600 min; got 0 min."),
        ({"duration_min": "601"}, "Duration (min): must be more than 0 and at most 600 min; got 601 min."),
        ({"duration_min": "abc"}, "Duration (min): 'abc' is not a number."),
        ({"duration_min": None}, "Duration (min): is missing."),
        (
            {"distance_km": "120", "duration_min": "600"},
            "Distance: must be more than 0 and at most 100 km; got 120 km.",
        ),
        (
            {"distance_km": "10", "duration_min": "15"},
            "Distance: 10 km in 15 min is 1.50 min/km, faster than anyone runs; check the distance, the duration and the units.",
        ),
        (
            {"distance_km": "0.5", "duration_min": "60"},
            "Distance: 0.5 km in 60 min is 120 min/km, slower than walking; check the distance, the duration and the units.",
        ),
        ({"kind": "swim"}, "Kind: 'swim' is not one of: walk, walk_run, continuous, hills_speed, buggy."),
        ({"effort_1_10": "11"}, "Effort (1-10): must be at least 1 and at most 10; got 11."),
        ({"effort_1_10": "2.5"}, "Effort (1-10): must be a whole number, not 2.5."),
    ],
)
def test_each_bad_run_field_is_named(change, expected):
    _, problems = validate_run({**GOOD_RUN, **change}, today=TODAY)
    assert messages(problems) == [expected]


def test_all_problems_come_at_once():
    _, problems = validate_run({"run_date": "", "duration_min": "-1", "kind": ""}, today=TODAY)
    assert [p.field for p in problems] == ["Kind", "Date", "Duration (min)"]


def test_walk_run_needs_its_pattern():
    _, problems = validate_run({**GOOD_RUN, "kind": "walk_run", "run_interval_min": "1"}, today=TODAY)
    assert messages(problems) == ["Walk interval (min): is missing.", "Repeats: is missing."]
    clean, problems = validate_run(
        {**GOOD_RUN, "kind": "walk_run", "run_interval_min": "1", "walk_interval_min": "2", "interval_repeats": "5"},
        today=TODAY,
    )
    assert problems == []
    assert (clean["run_interval_min"], clean["walk_interval_min"], clean["interval_repeats"]) == (1.0, 2.0, 5)


def test_walk_run_pattern_must_fit_in_the_duration():
    _, problems = validate_run(
        {
            **GOOD_RUN,
            "duration_min": "10",
            "kind": "walk_run",
            "run_interval_min": "3",
            "walk_interval_min": "1",
            "interval_repeats": "4",
        },
        today=TODAY,
    )
    assert messages(problems) == [
        "Duration (min): is 10 min, shorter than the 12 min of running in the walk-run pattern."
    ]


def test_decimal_comma_is_read():
    clean, problems = validate_run({**GOOD_RUN, "distance_km": "3,5"}, today=TODAY)
    assert problems == [] and clean["distance_km"] == 3.5


def test_symptom_years_before_birth_is_refused():
    _, problems = validate_symptom({"symptom_date": "2020-01-01"}, today=TODAY, birth_date=date(2026, 7, 1))
    assert messages(problems) == ["Date: 2020-01-01 is more than a year before the birth (2026-07-01); check the year."]


def test_symptom_defaults_and_ranges():
    clean, problems = validate_symptom(
        {"symptom_date": "2026-11-24", "heaviness_0_10": 3, "pain_knee_0_10": "12", "leakage": "lots"}, today=TODAY
    )
    assert messages(problems) == [
        "Leakage: 'lots' is not one of: none, drops, more.",
        "Pain: knee (0-10): must be at least 0 and at most 10; got 12.",
    ]
    assert clean["timing"] == "not_linked" and clean["bleeding"] == "none" and clean["heaviness_0_10"] == 3


def test_profile_birth_date_may_be_soon_but_not_far_ahead():
    _, problems = validate_profile(
        {"birth_date": "2027-06-01", "birth_type": "vaginal", "feeding": "formula", "running_background": "new"},
        today=TODAY,
    )
    assert messages(problems) == ["Birth date: 2027-06-01 is in the future."]


def test_readiness_strength_needs_reps():
    _, problems = validate_readiness({"test_date": "2026-11-20", "test_code": "calf_raise"}, today=TODAY)
    assert messages(problems) == ["Reps, left side: is missing.", "Reps, right side: is missing."]


def test_foundation_activity_must_be_known():
    _, problems = validate_foundation(
        {"session_date": "2026-11-20", "activity": "yoga", "duration_min": 10}, today=TODAY
    )
    assert messages(problems) == [
        "Activity: 'yoga' is not one of: pelvic_floor, strength, breathing, low_impact_cardio."
    ]


def test_units_and_weeks():
    assert to_km(10, "mi") == pytest.approx(16.09344)
    assert from_km(16.09344, "mi") == pytest.approx(10)
    assert to_km(5, "km") == 5
    assert weeks_since(date(2026, 7, 1), date(2026, 11, 25)) == 21
    assert weeks_since(date(2026, 7, 1), date(2026, 7, 7)) == 0
