from datetime import date, datetime, timedelta

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from return_to_run import validation
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


@pytest.mark.parametrize(("duration", "refused"), [("11.5", True), ("12", False), ("12.5", False)])
def test_a_walk_run_with_a_shortened_last_round_fits(duration, refused):
    # 10/1 x 2 cut to 17 min of running (plan.Session): 10 + 1 + 7 + 1 = 19 min; the
    # shortest that pattern can be is the first round and both walks, 12 min.
    pattern = {"kind": "walk_run", "run_interval_min": "10", "walk_interval_min": "1", "interval_repeats": "2"}
    _, problems = validate_run({**GOOD_RUN, **pattern, "duration_min": duration, "distance_km": ""}, today=TODAY)
    expected = [
        f"Duration (min): is {duration} min, shorter than the 20 min of running in the walk-run pattern "
        "(at least 12 min with a shortened last round)."
    ]
    assert messages(problems) == (expected if refused else [])


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


# ---------------------------------------------------------------- yes/no, whole numbers, exact limits

YES_NO_PROFILE = {
    "birth_date": "2026-07-01",
    "birth_type": "vaginal",
    "feeding": "formula",
    "running_background": "new",
}


@pytest.mark.parametrize("value", ["yes", "YES", " Yes ", "true", "True", "1", "y", 1, 1.0, True])
def test_yes_is_always_read_as_yes(value):
    clean, problems = validate_readiness(
        {"test_date": "2026-11-20", "test_code": "hop_in_place", "completed": "yes", "had_symptoms": value},
        today=TODAY,
    )
    assert problems == [] and clean["had_symptoms"] is True


@pytest.mark.parametrize("value", ["no", "NO", "false", "0", "n", 0, 0.0, False])
def test_no_is_always_read_as_no(value):
    clean, problems = validate_readiness(
        {"test_date": "2026-11-20", "test_code": "hop_in_place", "completed": "yes", "had_symptoms": value},
        today=TODAY,
    )
    assert problems == [] and clean["had_symptoms"] is False


@pytest.mark.parametrize("value", [None, "", "  ", float("nan"), pd.NA])
def test_a_missing_yes_no_is_no_never_yes(value):
    clean, problems = validate_profile({**YES_NO_PROFILE, "previous_running_injury": value}, today=TODAY)
    assert problems == [] and clean["previous_running_injury"] is False
    clean, problems = validate_symptom({"symptom_date": "2026-11-20", "bowel_leakage": value}, today=TODAY)
    assert problems == [] and clean["bowel_leakage"] is False


@pytest.mark.parametrize("value", ["maybe", "2", 2, -1, "ja"])
def test_neither_yes_nor_no_is_a_problem_not_a_guess(value):
    _, problems = validate_symptom({"symptom_date": "2026-11-20", "bowel_leakage": value}, today=TODAY)
    assert messages(problems) == [f"Bowel leakage: '{value}' is not yes or no."]


@pytest.mark.parametrize(("value", "expected"), [("4", 4), (4.0, 4), ("4.5", None), (4.5, None)])
def test_heaviness_is_a_whole_number(value, expected):
    clean, problems = validate_symptom({"symptom_date": "2026-11-20", "heaviness_0_10": value}, today=TODAY)
    if expected is None:
        assert messages(problems) == ["Heaviness or pressure (0-10): must be a whole number, not 4.5."]
    else:
        assert problems == [] and clean["heaviness_0_10"] == expected


@pytest.mark.parametrize(
    ("distance_km", "duration_min", "refused"),
    [
        ("10", "25", False),  # 2.50 min/km: exactly the fastest pace accepted
        ("10", "24.99", True),
        ("1", "60", False),  # 60 min/km: exactly the slowest pace accepted
        ("1", "60.01", True),
    ],
)
def test_pace_limits_at_exactly_their_value(distance_km, duration_min, refused):
    _, problems = validate_run({**GOOD_RUN, "distance_km": distance_km, "duration_min": duration_min}, today=TODAY)
    assert [p.field for p in problems] == (["Distance"] if refused else [])


@pytest.mark.parametrize(
    ("days_from_today", "accepted"),
    [(-141, True), (-140, True), (-139, True), (0, True), (139, True), (140, True), (141, False)],
)
def test_profile_birth_within_20_weeks_either_side(days_from_today, accepted):
    birth = TODAY + timedelta(days=days_from_today)
    _, problems = validate_profile({**YES_NO_PROFILE, "birth_date": birth.isoformat()}, today=TODAY)
    if accepted:
        assert problems == []
    else:
        assert messages(problems) == [f"Birth date: {birth.isoformat()} is in the future."]


# ---------------------------------------------------------------- one text limit for every field


def test_the_one_text_limit_is_exported():
    assert validation.MAX_TEXT_CHARS == 2000
    assert validation.MAX_NOTES_CHARS == validation.MAX_TEXT_CHARS


TEXT_FIELDS = [
    ("run notes", lambda text: validate_run({**GOOD_RUN, "notes": text}, today=TODAY), "Notes"),
    ("run title", lambda text: validate_run({**GOOD_RUN, "title": text}, today=TODAY), "Title"),
    (
        "symptom notes",
        lambda text: validate_symptom({"symptom_date": "2026-11-20", "notes": text}, today=TODAY),
        "Notes",
    ),
    (
        "readiness notes",
        lambda text: validate_readiness(
            {"test_date": "2026-11-20", "test_code": "hop_in_place", "completed": "yes", "notes": text}, today=TODAY
        ),
        "Notes",
    ),
    (
        "foundation notes",
        lambda text: validate_foundation(
            {"session_date": "2026-11-20", "activity": "strength", "duration_min": "20", "notes": text}, today=TODAY
        ),
        "Notes",
    ),
    (
        "red flag resolve note",
        lambda text: validation.validate_red_flag(
            {"flag_code": "fever", "flagged_date": "2026-11-20", "resolved_date": "2026-11-21", "resolved_note": text},
            today=TODAY,
            known_codes={"fever"},
        ),
        "Note",
    ),
]


@pytest.mark.parametrize(("name", "check", "field"), TEXT_FIELDS, ids=[t[0] for t in TEXT_FIELDS])
def test_every_text_field_has_the_one_limit(name, check, field):
    assert check("x" * 2000)[1] == []
    assert messages(check("x" * 2001)[1]) == [f"{field}: is 2001 characters long; the limit is 2000."]


def test_red_flag_code_must_be_known_and_resolution_not_before_it():
    _, problems = validation.validate_red_flag(
        {"flag_code": "![t](http://203.0.113.5/p.png)", "flagged_date": "2026-11-20"},
        today=TODAY,
        known_codes={"fever"},
    )
    assert messages(problems) == ["Red flag: '![t](http://203.0.113.5/p.png)' is not a red flag this app knows."]
    _, problems = validation.validate_red_flag(
        {"flag_code": "fever", "flagged_date": "2026-11-20", "resolved_date": "2026-11-19"},
        today=TODAY,
        known_codes={"fever"},
    )
    assert messages(problems) == ["Resolved on: 2026-11-19 is before the flag was raised (2026-11-20)."]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-20T06:45:10", "2026-11-20T06:45:10"),
        ("2026-11-20T06:45:10.900", "2026-11-20T06:45:10"),
        ("2026-11-20 06:45", "2026-11-20T06:45:00"),
    ],
)
def test_run_start_time_is_local_iso_to_the_second(value, expected):
    clean, problems = validate_run({**GOOD_RUN, "start_time": value}, today=TODAY)
    assert problems == [] and clean["start_time"] == expected


def test_run_start_time_with_a_zone_or_garbage_is_refused():
    _, problems = validate_run({**GOOD_RUN, "start_time": "2026-11-20T06:45:10+02:00"}, today=TODAY)
    assert messages(problems) == [
        "Start time: '2026-11-20T06:45:10+02:00' must be her local time, without a time zone."
    ]
    _, problems = validate_run({**GOOD_RUN, "start_time": "morning"}, today=TODAY)
    assert messages(problems) == ["Start time: 'morning' is not a time (use YYYY-MM-DDTHH:MM:SS)."]


@settings(max_examples=1000, deadline=None)
@given(
    st.fixed_dictionaries(
        # Mostly typed and plausible (the short path's domain), with every kind of exception mixed in.
        {
            "kind": st.sampled_from(
                ["walk", "continuous", "buggy", "hills_speed", "walk_run", " walk", "", "run", None, 3]
            ),
            "run_date": st.one_of(
                st.dates(min_value=date(2020, 1, 1), max_value=TODAY),
                st.dates(min_value=date(1949, 12, 30), max_value=date(2027, 1, 1)),
                st.sampled_from([None, "2026-11-20", datetime(2026, 11, 20, 7, 0), float("nan")]),
            ),
            "duration_min": st.one_of(
                st.floats(min_value=10, max_value=90),
                st.floats(min_value=-1, max_value=700),
                st.integers(-1, 700),
                st.sampled_from([None, "20", True, 0, 600, 600.0000001, float("inf"), float("nan")]),
            ),
        },
        optional={
            "distance_km": st.one_of(
                st.floats(min_value=0.5, max_value=12),
                st.floats(min_value=-1, max_value=120),
                st.integers(-1, 120),
                st.sampled_from([None, "", "3.1", False, 0.0, 100, 100.001, float("nan"), float("inf")]),
            ),
            "effort_1_10": st.one_of(
                st.floats(min_value=0, max_value=11), st.integers(0, 11), st.sampled_from([None, "5", float("nan")])
            ),
            "notes": st.one_of(st.text(max_size=30), st.sampled_from([None, " x ", "x" * 2001, " " + "x" * 2000, 7])),
            "title": st.one_of(st.text(max_size=10), st.sampled_from([None, "", "  ", "x" * 2001, 1.5])),
            "start_time": st.one_of(
                st.sampled_from(
                    [
                        None,
                        "",
                        " ",
                        "2026-11-20T07:00:00",
                        "2026-11-20 07:00:00",
                        "2026-11-20T07:00:00Z",
                        "2026-11-20T07:00:00.5",
                        "1949-12-31T23:59:59",
                        "1950-01-01T00:00:00",
                        "2026-02-30T07:00:00",
                        "2026-11-20T24:00:00",
                        "2026-W47-5T07:00:00",
                        "20261120T070000",
                        " 2026-11-20T07:00:00",
                        "2026-11-20T07:00",
                        datetime(2026, 11, 20, 7, 0, 1, 5),
                    ]
                ),
                st.text(alphabet="0123456789-T: ", min_size=19, max_size=19),
                st.datetimes(min_value=datetime(1949, 12, 31), max_value=datetime(2030, 1, 1)).map(
                    lambda moment: moment.isoformat(timespec="seconds")
                ),
            ),
            "source": st.sampled_from([None, "", "strava", "x" * 2001]),
            "source_id": st.sampled_from([None, "", 0, 123, "abc", "x" * 2001]),
        },
    )
)
def test_validate_run_fast_path_gives_what_the_field_checker_gives(raw):
    """validate_run takes a short path for already typed rows (the importers'); it must return
    exactly what the field-by-field check returns, for every run, good or bad."""
    assert validate_run(raw, today=TODAY) == validation.validate_run_fields(raw, TODAY)


# ---------------------------------------------------------------- issue 11: bleeding, country, mood


def test_bleeding_levels_and_their_two_questions():
    clean, problems = validation.validate_symptom(
        {"symptom_date": "2026-11-20", "bleeding": "heavy", "bleeding_heavier_with_activity": "yes"}, today=TODAY
    )
    assert problems == []
    assert (clean["bleeding"], clean["bleeding_heavier_with_activity"], clean["bleeding_is_period"]) == (
        "heavy",
        True,
        False,
    )
    _, problems = validation.validate_symptom({"symptom_date": "2026-11-20", "bleeding": "more"}, today=TODAY)
    assert [str(p) for p in problems] == ["Bleeding: 'more' is not one of: none, spotting, like_period, heavy."]


def test_no_bleeding_is_never_heavier_with_activity_or_a_period():
    clean, _ = validation.validate_symptom(
        {"symptom_date": "2026-11-20", "bleeding_heavier_with_activity": True, "bleeding_is_period": True}, today=TODAY
    )
    assert (clean["bleeding_heavier_with_activity"], clean["bleeding_is_period"]) == (False, False)


PROFILE_RAW = {
    "birth_date": "2026-07-01",
    "birth_type": "vaginal",
    "feeding": "formula",
    "running_background": "new",
}


@pytest.mark.parametrize(
    ("country", "clean", "problem"),
    [(None, None, None), ("", None, None), ("ie", "ie", None), ("other", "other", None), ("fr", None, "Country")],
)
def test_profile_country_is_optional_and_from_the_list(country, clean, problem):
    got, problems = validation.validate_profile({**PROFILE_RAW, "country": country}, today=TODAY)
    assert got["country"] == clean
    assert [p.field for p in problems] == ([problem] if problem else [])


@pytest.mark.parametrize(
    ("raw", "clean", "fields"),
    [
        ({"low_mood": "yes", "little_interest": "no"}, (True, False), []),
        ({"low_mood": False, "little_interest": 1}, (False, True), []),
        ({"low_mood": "no"}, None, ["Little interest or pleasure in doing things"]),  # never read as no
        ({"low_mood": "maybe", "little_interest": "no"}, None, ["Feeling down, depressed or hopeless"]),
    ],
)
def test_mood_check_needs_a_yes_or_a_no_to_each_question(raw, clean, fields):
    got, problems = validation.validate_mood({"check_date": "2026-11-20", **raw}, today=TODAY)
    assert [p.field for p in problems] == fields
    if clean is not None:
        assert (got["low_mood"], got["little_interest"]) == clean
        assert got["check_date"] == date(2026, 11, 20)


def test_mood_check_date_not_in_the_future():
    _, problems = validation.validate_mood(
        {"check_date": "2026-11-26", "low_mood": "no", "little_interest": "no"}, today=TODAY
    )
    assert [p.field for p in problems] == ["Date"]
