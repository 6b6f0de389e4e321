"""The validators' rules, each pinned with literal values (issue 17).

Every date window and every limit is tested on its exact value and one step either side, every
default is written out, and a missing or unreadable value has one meaning, tested once here:

- missing (absent, blank text, NaN, pandas NA or NaT): a required field is "is missing.", an
  optional number is None, a 0-10 score is 0 (never 1), a yes/no is no, a choice with a default
  is its default, text is "".
- unreadable (not a date, not a number, neither yes nor no, not one of the options): a problem
  naming the field, never a guess; the clean value is then None (a yes/no: no).
"""

from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd
import pytest

from return_to_run import models
from return_to_run.validation import (
    Checker,
    Problem,
    ValidationError,
    typed_run,
    validate_foundation,
    validate_lesson_progress,
    validate_mood,
    validate_profile,
    validate_readiness,
    validate_red_flag,
    validate_run,
    validate_run_fields,
    validate_symptom,
)

TODAY = date(2026, 11, 25)
BIRTH = date(2026, 7, 1)


def messages(problems):
    return [str(p) for p in problems]


PROFILE = {"birth_date": "2026-07-01", "birth_type": "vaginal", "feeding": "formula", "running_background": "new"}
RUN = {"run_date": "2026-11-20", "duration_min": "30", "kind": "continuous"}  # text: the field-by-field path
WALK_RUN = {**RUN, "kind": "walk_run", "run_interval_min": "1", "walk_interval_min": "1", "interval_repeats": "5"}
SYMPTOM = {"symptom_date": "2026-11-20"}
LOAD_TEST = {"test_date": "2026-11-20", "test_code": "hop_in_place"}
STRENGTH_TEST = {"test_date": "2026-11-20", "test_code": "calf_raise", "reps_left": "20", "reps_right": "20"}
SESSION = {"session_date": "2026-11-20", "activity": "pelvic_floor", "duration_min": "10"}
FLAG = {"flag_code": "fever", "flagged_date": "2026-11-20"}
MOOD = {"check_date": "2026-11-20", "low_mood": "no", "little_interest": "no"}
LESSON = {"slug": "pelvic-floor_basics2", "read_date": "2026-11-20"}


def red_flag(raw, known_codes=("fever",)):
    return validate_red_flag(raw, today=TODAY, known_codes=known_codes)


# ---------------------------------------------------------------- Problem and ValidationError


def test_a_problem_reads_field_then_message():
    assert str(Problem("Date", "is missing.")) == "Date: is missing."


def test_a_validation_error_keeps_and_names_every_problem():
    problems = [Problem("Date", "is missing."), Problem("Notes", "is 2001 characters long; the limit is 2000.")]
    error = ValidationError(problems)
    assert error.problems == problems
    assert str(error) == "Date: is missing.; Notes: is 2001 characters long; the limit is 2000."
    assert isinstance(error, ValueError)


# ---------------------------------------------------------------- every record, typed, in full


def test_a_full_profile_is_typed():
    birth = TODAY - timedelta(weeks=10)  # born in the last 20 weeks: the usual case
    raw = {
        "birth_date": birth.isoformat(),
        "birth_type": "planned_c_section",
        "perineal_tear": "first_second",
        "feeding": "mixed",
        "leaked_before_or_during_pregnancy": "yes",
        "running_background": "recreational",
        "previous_running_injury": "true",
        "short_sleep_or_high_fatigue": "1",
        "units": "mi",
        "weight_kg": " 64,5 ",
        "country": "uk",
    }
    clean, problems = validate_profile(raw, today=TODAY)
    assert problems == []
    assert clean == {
        "birth_date": date(2026, 9, 16),
        "birth_type": "planned_c_section",
        "perineal_tear": "first_second",
        "feeding": "mixed",
        "leaked_before_or_during_pregnancy": True,
        "running_background": "recreational",
        "previous_running_injury": True,
        "short_sleep_or_high_fatigue": True,
        "units": "mi",
        "weight_kg": 64.5,
        "country": "uk",
    }


def test_a_profile_with_only_the_required_answers_gets_the_defaults():
    clean, problems = validate_profile(PROFILE, today=TODAY)
    assert problems == []
    assert clean == {
        "birth_date": BIRTH,
        "birth_type": "vaginal",
        "perineal_tear": "unknown",
        "feeding": "formula",
        "leaked_before_or_during_pregnancy": False,
        "running_background": "new",
        "previous_running_injury": False,
        "short_sleep_or_high_fatigue": False,
        "units": "km",
        "weight_kg": None,
        "country": None,
    }


def test_a_profile_without_answers_names_each_required_one():
    clean, problems = validate_profile({}, today=TODAY)
    assert messages(problems) == [
        "Birth date: is missing.",
        "Birth type: is missing.",
        "Feeding: is missing.",
        "Running background: is missing.",
    ]
    assert (clean["birth_date"], clean["birth_type"], clean["feeding"], clean["running_background"]) == (
        None,
        None,
        None,
        None,
    )


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        (
            "birth_type",
            "caesarean",
            "Birth type: 'caesarean' is not one of: vaginal, assisted_vaginal, planned_c_section, unplanned_c_section.",
        ),
        ("perineal_tear", "big", "Perineal tear: 'big' is not one of: none, first_second, third_fourth, unknown."),
        ("feeding", "bottle", "Feeding: 'bottle' is not one of: breastfeeding, mixed, formula."),
        ("running_background", "elite", "Running background: 'elite' is not one of: new, recreational, competitive."),
        ("units", "miles", "Units: 'miles' is not one of: km, mi."),
        ("country", "fr", "Country: 'fr' is not one of: uk, ie, us, ca, au, other."),
    ],
)
def test_a_profile_answer_off_the_list_is_refused(field, value, expected):
    clean, problems = validate_profile({**PROFILE, field: value}, today=TODAY)
    assert messages(problems) == [expected]
    assert clean[field] is None


@pytest.mark.parametrize(
    ("weight", "expected"),
    [
        ("29.9", "Weight (kg): must be at least 30 and at most 250 kg; got 29.9 kg."),
        ("30", 30.0),
        ("30.1", 30.1),
        ("249.9", 249.9),
        ("250", 250.0),
        ("250.1", "Weight (kg): must be at least 30 and at most 250 kg; got 250.1 kg."),
    ],
)
def test_profile_weight_is_30_to_250_kg(weight, expected):
    clean, problems = validate_profile({**PROFILE, "weight_kg": weight}, today=TODAY)
    if isinstance(expected, str):
        assert messages(problems) == [expected] and clean["weight_kg"] is None
    else:
        assert problems == [] and clean["weight_kg"] == expected


def test_a_full_run_is_typed():
    raw = {
        **WALK_RUN,
        "duration_min": "25.5",
        "distance_km": "3,2",
        "run_interval_min": "2",
        "walk_interval_min": "1.5",
        "interval_repeats": "6",
        "effort_1_10": " 6 ",
        "notes": " felt fine ",
        "title": " Park loop ",
        "start_time": "2026-11-20T07:15:00",
        "source": "strava",
        "source_id": 98765,
    }
    clean, problems = validate_run(raw, today=TODAY)
    assert problems == []
    assert clean == {
        "run_date": date(2026, 11, 20),
        "duration_min": 25.5,
        "distance_km": 3.2,
        "kind": "walk_run",
        "run_interval_min": 2.0,
        "walk_interval_min": 1.5,
        "interval_repeats": 6,
        "effort_1_10": 6,
        "notes": "felt fine",
        "title": "Park loop",
        "start_time": "2026-11-20T07:15:00",
        "source": "strava",
        "source_id": "98765",
    }
    assert type(clean["interval_repeats"]) is int and type(clean["effort_1_10"]) is int


def test_a_run_with_only_the_required_fields_gets_the_defaults():
    clean, problems = validate_run(
        {**RUN, "distance_km": "", "effort_1_10": " ", "title": "", "start_time": ""}, today=TODAY
    )
    assert problems == []
    assert clean == {
        "run_date": date(2026, 11, 20),
        "duration_min": 30.0,
        "distance_km": None,
        "kind": "continuous",
        "run_interval_min": None,
        "walk_interval_min": None,
        "interval_repeats": None,
        "effort_1_10": None,
        "notes": "",
        "source": "manual",
        "source_id": None,
    }


def test_a_full_symptom_entry_is_typed():
    raw = {
        "symptom_date": "2026-11-20",
        "run_id": "12",
        "timing": "during_run",
        "leakage": "drops",
        "heaviness_0_10": "4",
        **{column: str(number) for number, column in enumerate(models.PAIN_COLUMNS, start=1)},
        "bleeding": "spotting",
        "bleeding_heavier_with_activity": "yes",
        "bleeding_is_period": "yes",
        "bowel_leakage": "yes",
        "notes": " after the hill ",
    }
    clean, problems = validate_symptom(raw, today=TODAY, birth_date=BIRTH)
    assert problems == []
    assert clean == {
        "symptom_date": date(2026, 11, 20),
        "run_id": 12,
        "timing": "during_run",
        "leakage": "drops",
        "heaviness_0_10": 4,
        "pain_pelvis_0_10": 1,
        "pain_low_back_0_10": 2,
        "pain_hip_0_10": 3,
        "pain_knee_0_10": 4,
        "pain_foot_ankle_0_10": 5,
        "pain_abdomen_scar_0_10": 6,
        "pain_other_0_10": 7,
        "bleeding": "spotting",
        "bleeding_heavier_with_activity": True,
        "bleeding_is_period": True,
        "bowel_leakage": True,
        "notes": "after the hill",
    }
    assert all(type(clean[column]) is int for column in ("run_id", "heaviness_0_10", *models.PAIN_COLUMNS))


def test_a_symptom_entry_with_only_a_date_gets_the_defaults():
    clean, problems = validate_symptom(SYMPTOM, today=TODAY)
    assert problems == []
    assert clean == {
        "symptom_date": date(2026, 11, 20),
        "run_id": None,
        "timing": "not_linked",
        "leakage": "none",
        "heaviness_0_10": 0,
        **{column: 0 for column in models.PAIN_COLUMNS},
        "bleeding": "none",
        "bleeding_heavier_with_activity": False,
        "bleeding_is_period": False,
        "bowel_leakage": False,
        "notes": "",
    }


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("timing", "after", "When it came: 'after' is not one of: during_run, within_24h, not_linked."),
        ("leakage", "lots", "Leakage: 'lots' is not one of: none, drops, more."),
        ("bleeding", "more", "Bleeding: 'more' is not one of: none, spotting, like_period, heavy."),
    ],
)
def test_a_symptom_answer_off_the_list_is_refused(field, value, expected):
    clean, problems = validate_symptom({**SYMPTOM, field: value}, today=TODAY)
    assert messages(problems) == [expected] and clean[field] is None


def test_a_strength_test_is_typed_and_done_when_its_reps_are_given():
    raw = {
        **STRENGTH_TEST,
        "reps_left": "18",
        "reps_right": 22.0,
        "completed": "no",
        "had_symptoms": "yes",
        "notes": "x",
    }
    clean, problems = validate_readiness(raw, today=TODAY)
    assert problems == []
    assert clean == {
        "test_date": date(2026, 11, 20),
        "test_code": "calf_raise",
        "completed": True,
        "had_symptoms": True,
        "reps_left": 18,
        "reps_right": 22,
        "notes": "x",
    }
    assert type(clean["reps_left"]) is int and type(clean["reps_right"]) is int


def test_a_load_test_done_with_symptoms_keeps_both_answers():
    clean, problems = validate_readiness({**LOAD_TEST, "completed": "yes", "had_symptoms": "yes"}, today=TODAY)
    assert problems == []
    assert clean == {
        "test_date": date(2026, 11, 20),
        "test_code": "hop_in_place",
        "completed": True,
        "had_symptoms": True,
        "reps_left": None,
        "reps_right": None,
        "notes": "",
    }


def test_a_load_test_without_answers_is_not_done_and_without_symptoms():
    clean, problems = validate_readiness({**LOAD_TEST, "reps_left": "5"}, today=TODAY)
    assert problems == []
    assert (clean["completed"], clean["had_symptoms"], clean["reps_left"]) == (False, False, None)


def test_a_readiness_test_must_be_named():
    clean, problems = validate_readiness({"test_date": "2026-11-20"}, today=TODAY)
    assert messages(problems) == ["Test: is missing."] and clean["test_code"] is None
    _, problems = validate_readiness({**LOAD_TEST, "test_code": "plank"}, today=TODAY)
    assert messages(problems) == [
        "Test: 'plank' is not one of: walk_30min, single_leg_balance, single_leg_squat, jog_on_spot, "
        "forward_bounds, hop_in_place, running_man, calf_raise, single_leg_bridge, single_leg_sit_to_stand, "
        "side_lying_hip_abduction."
    ]


def test_a_foundation_session_is_typed():
    clean, problems = validate_foundation({**SESSION, "duration_min": "12.5", "notes": "slow"}, today=TODAY)
    assert problems == []
    assert clean == {
        "session_date": date(2026, 11, 20),
        "activity": "pelvic_floor",
        "duration_min": 12.5,
        "notes": "slow",
    }


def test_a_foundation_session_needs_an_activity_and_a_duration():
    clean, problems = validate_foundation({"session_date": "2026-11-20"}, today=TODAY)
    assert messages(problems) == ["Activity: is missing.", "Duration (min): is missing."]
    assert (clean["activity"], clean["duration_min"]) == (None, None)


def test_a_full_red_flag_is_typed():
    raw = {**FLAG, "symptom_id": "7", "resolved_date": "2026-11-22", "resolved_note": "seen by GP"}
    clean, problems = red_flag(raw)
    assert problems == []
    assert clean == {
        "flag_code": "fever",
        "flagged_date": date(2026, 11, 20),
        "symptom_id": 7,
        "resolved_date": date(2026, 11, 22),
        "resolved_note": "seen by GP",
    }
    assert type(clean["symptom_id"]) is int


def test_an_open_red_flag_has_no_resolution():
    clean, problems = red_flag(FLAG)
    assert problems == []
    assert clean == {
        "flag_code": "fever",
        "flagged_date": date(2026, 11, 20),
        "symptom_id": None,
        "resolved_date": None,
        "resolved_note": "",
    }


def test_a_red_flag_code_is_read_as_text_from_a_list_or_a_mapping():
    clean, problems = red_flag({**FLAG, "flag_code": 5}, known_codes={"5": "five"})
    assert problems == [] and clean["flag_code"] == "5"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (None, "Red flag: is missing."),
        ("  ", "Red flag: is missing."),
        ("chest", "Red flag: 'chest' is not a red flag this app knows."),
    ],
)
def test_a_red_flag_code_must_be_given_and_known(code, expected):
    clean, problems = red_flag({**FLAG, "flag_code": code})
    assert messages(problems) == [expected]
    assert clean["flag_code"] is None


def test_a_mood_check_is_typed():
    clean, problems = validate_mood({**MOOD, "low_mood": "yes"}, today=TODAY)
    assert problems == []
    assert clean == {"check_date": date(2026, 11, 20), "low_mood": True, "little_interest": False}


@pytest.mark.parametrize("value", [None, "", "  ", float("nan"), pd.NA])
def test_an_unanswered_mood_question_is_a_problem_never_no(value):
    clean, problems = validate_mood({**MOOD, "low_mood": value, "little_interest": value}, today=TODAY)
    assert messages(problems) == [
        "Feeling down, depressed or hopeless: needs a yes or a no.",
        "Little interest or pleasure in doing things: needs a yes or a no.",
    ]
    assert clean == {"check_date": date(2026, 11, 20), "low_mood": None, "little_interest": None}


def test_a_lesson_read_is_typed():
    clean, problems = validate_lesson_progress(LESSON, today=TODAY)
    assert problems == []
    assert clean == {"slug": "pelvic-floor_basics2", "read_date": date(2026, 11, 20)}


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("a" * 200, None),
        ("a" * 201, f"Lesson: '{'a' * 50}' is not a lesson name."),
        ("a" * 60 + "/", f"Lesson: '{'a' * 50}' is not a lesson name."),
        ("why running", "Lesson: 'why running' is not a lesson name."),
        ("../secrets", "Lesson: '../secrets' is not a lesson name."),
        ("a-b_c", None),
        (5, "Lesson: '5' is not a lesson name."),
        (None, "Lesson: is missing."),
        (" ", "Lesson: is missing."),
    ],
)
def test_a_lesson_name_is_letters_digits_and_dashes_up_to_200(slug, expected):
    clean, problems = validate_lesson_progress({**LESSON, "slug": slug}, today=TODAY)
    if expected is None:
        assert problems == [] and clean["slug"] == slug
    else:
        assert messages(problems) == [expected] and clean["slug"] is None


def test_a_lesson_read_needs_a_day_not_in_the_future():
    clean, problems = validate_lesson_progress({"slug": "x"}, today=TODAY)
    assert messages(problems) == ["Read on: is missing."] and clean["read_date"] is None
    _, problems = validate_lesson_progress({**LESSON, "read_date": "2026-11-26"}, today=TODAY)
    assert messages(problems) == ["Read on: 2026-11-26 is in the future."]


# ---------------------------------------------------------------- every date window, exact day and one either side

# (what, raw record, date field, its label, validate(raw) -> (clean, problems))
DATED = [
    ("run", RUN, "run_date", "Date", lambda raw: validate_run(raw, today=TODAY)),
    ("symptom", SYMPTOM, "symptom_date", "Date", lambda raw: validate_symptom(raw, today=TODAY)),
    ("readiness", LOAD_TEST, "test_date", "Date", lambda raw: validate_readiness(raw, today=TODAY)),
    ("foundation", SESSION, "session_date", "Date", lambda raw: validate_foundation(raw, today=TODAY)),
    ("red flag", FLAG, "flagged_date", "Flagged on", red_flag),
    ("mood", MOOD, "check_date", "Date", lambda raw: validate_mood(raw, today=TODAY)),
    ("lesson", LESSON, "read_date", "Read on", lambda raw: validate_lesson_progress(raw, today=TODAY)),
    ("profile", PROFILE, "birth_date", "Birth date", lambda raw: validate_profile(raw, today=TODAY)),
]
DATED_IDS = [d[0] for d in DATED]


@pytest.mark.parametrize(("what", "raw", "field", "name", "check"), DATED, ids=DATED_IDS)
@pytest.mark.parametrize(
    ("day", "refusal"),
    [
        (date(1949, 12, 31), "1949-12-31 is before 1950."),
        (date(1950, 1, 1), None),
        (date(1950, 1, 2), None),
    ],
)
def test_no_date_before_1950(what, raw, field, name, check, day, refusal):
    clean, problems = check({**raw, field: day.isoformat()})
    if refusal:
        assert messages(problems) == [f"{name}: {refusal}"] and clean[field] is None
    else:
        assert problems == [] and clean[field] == day


@pytest.mark.parametrize(("what", "raw", "field", "name", "check"), DATED[:-1], ids=DATED_IDS[:-1])
@pytest.mark.parametrize(("days_ahead", "accepted"), [(-1, True), (0, True), (1, False)])
def test_no_record_is_dated_after_today(what, raw, field, name, check, days_ahead, accepted):
    day = TODAY + timedelta(days=days_ahead)
    clean, problems = check({**raw, field: day.isoformat()})
    if accepted:
        assert problems == [] and clean[field] == day
    else:
        assert messages(problems) == [f"{name}: {day.isoformat()} is in the future."] and clean[field] is None


@pytest.mark.parametrize(
    ("days_ahead", "accepted"),
    [
        (-141, True),
        (-140, True),
        (-139, True),
        (-1, True),
        (0, True),
        (1, True),
        (139, True),
        (140, True),
        (141, False),
    ],
)
def test_the_birth_date_may_be_up_to_20_weeks_ahead(days_ahead, accepted):
    birth = TODAY + timedelta(days=days_ahead)
    clean, problems = validate_profile({**PROFILE, "birth_date": birth.isoformat()}, today=TODAY)
    if accepted:
        assert problems == [] and clean["birth_date"] == birth
    else:
        assert messages(problems) == ["Birth date: 2027-04-15 is in the future."] and clean["birth_date"] is None


@pytest.mark.parametrize(("what", "raw", "field", "name", "check"), DATED, ids=DATED_IDS)
@pytest.mark.parametrize("value", [None, "", "  ", float("nan"), pd.NA, pd.NaT])
def test_a_missing_date_is_missing(what, raw, field, name, check, value):
    clean, problems = check({**raw, field: value})
    assert messages(problems) == [f"{name}: is missing."] and clean[field] is None


@pytest.mark.parametrize(("what", "raw", "field", "name", "check"), DATED, ids=DATED_IDS)
@pytest.mark.parametrize("value", ["20/11/2026", "2026-02-30", "yesterday", "2026-11"])
def test_an_unreadable_date_is_named(what, raw, field, name, check, value):
    clean, problems = check({**raw, field: value})
    assert messages(problems) == [f"{name}: '{value}' is not a date (use YYYY-MM-DD)."] and clean[field] is None


@pytest.mark.parametrize(("what", "raw", "field", "name", "check"), DATED, ids=DATED_IDS)
@pytest.mark.parametrize(
    "value", [date(2026, 11, 20), datetime(2026, 11, 20, 23, 59), pd.Timestamp("2026-11-20 06:00"), " 2026-11-20 "]
)
def test_a_date_time_or_text_is_read_as_its_day(what, raw, field, name, check, value):
    clean, problems = check({**raw, field: value})
    assert problems == [] and clean[field] == date(2026, 11, 20) and type(clean[field]) is date


@pytest.mark.parametrize(
    ("symptom_day", "refused"),
    [
        (date(2025, 6, 29), True),  # 367 days before the birth
        (date(2025, 6, 30), False),  # 366 days before: the earliest pregnancy symptom kept
        (date(2025, 7, 1), False),
        (date(2026, 6, 30), False),
        (date(2026, 7, 1), False),
        (date(2026, 11, 25), False),  # after the birth: any day up to today
    ],
)
def test_a_symptom_may_predate_the_birth_by_up_to_366_days(symptom_day, refused):
    clean, problems = validate_symptom({"symptom_date": symptom_day.isoformat()}, today=TODAY, birth_date=BIRTH)
    if refused:
        assert messages(problems) == [
            "Date: 2025-06-29 is more than a year before the birth (2026-07-01); check the year."
        ]
    else:
        assert problems == []
    assert clean["symptom_date"] == symptom_day


def test_without_a_birth_date_an_old_symptom_is_only_held_to_1950():
    _, problems = validate_symptom({"symptom_date": "1990-01-01"}, today=TODAY)
    assert problems == []


@pytest.mark.parametrize(
    ("resolved", "expected"),
    [
        ("2026-11-19", ["Resolved on: 2026-11-19 is before the flag was raised (2026-11-20)."]),
        ("2026-11-20", []),  # resolved the day it was raised
        ("2026-11-21", []),
        ("2026-11-25", []),
        ("2026-11-26", ["Resolved on: 2026-11-26 is in the future."]),
        ("soon", ["Resolved on: 'soon' is not a date (use YYYY-MM-DD)."]),
    ],
)
def test_a_red_flag_is_resolved_between_its_raising_and_today(resolved, expected):
    _, problems = red_flag({**FLAG, "resolved_date": resolved})
    assert messages(problems) == expected


# ---------------------------------------------------------------- every number limit, exact value and one either side


def _run(**fields):
    return validate_run({**RUN, **fields}, today=TODAY)


def _walk_run(**fields):
    return validate_run({**WALK_RUN, "duration_min": "600", **fields}, today=TODAY)


def _symptom(**fields):
    return validate_symptom({**SYMPTOM, **fields}, today=TODAY)


def _strength(**fields):
    return validate_readiness({**STRENGTH_TEST, **fields}, today=TODAY)


def _session(**fields):
    return validate_foundation({**SESSION, **fields}, today=TODAY)


# (validate(field=value), field, label, clean value or None when refused, value, message when refused)
LIMITS = [
    (_run, "duration_min", "0", "Duration (min): must be more than 0 and at most 600 min; got 0 min."),
    (_run, "duration_min", "0.01", 0.01),
    (_run, "duration_min", "600", 600.0),
    (_run, "duration_min", "600.01", "Duration (min): must be more than 0 and at most 600 min; got 600.01 min."),
    (_run, "effort_1_10", "0", "Effort (1-10): must be at least 1 and at most 10; got 0."),
    (_run, "effort_1_10", "1", 1),
    (_run, "effort_1_10", "2", 2),
    (_run, "effort_1_10", "9", 9),
    (_run, "effort_1_10", "10", 10),
    (_run, "effort_1_10", "11", "Effort (1-10): must be at least 1 and at most 10; got 11."),
    (_run, "effort_1_10", "4.5", "Effort (1-10): must be a whole number, not 4.5."),
    (_walk_run, "run_interval_min", "0", "Run interval (min): must be more than 0 and at most 60 min; got 0 min."),
    (_walk_run, "run_interval_min", "0.5", 0.5),
    (_walk_run, "run_interval_min", "60", 60.0),
    (
        _walk_run,
        "run_interval_min",
        "60.5",
        "Run interval (min): must be more than 0 and at most 60 min; got 60.5 min.",
    ),
    (_walk_run, "walk_interval_min", "0", "Walk interval (min): must be more than 0 and at most 60 min; got 0 min."),
    (_walk_run, "walk_interval_min", "0.5", 0.5),
    (_walk_run, "walk_interval_min", "60", 60.0),
    (
        _walk_run,
        "walk_interval_min",
        "60.5",
        "Walk interval (min): must be more than 0 and at most 60 min; got 60.5 min.",
    ),
    (_walk_run, "interval_repeats", "0", "Repeats: must be at least 1 and at most 60; got 0."),
    (_walk_run, "interval_repeats", "1", 1),
    (_walk_run, "interval_repeats", "60", 60),
    (_walk_run, "interval_repeats", "61", "Repeats: must be at least 1 and at most 60; got 61."),
    (_walk_run, "interval_repeats", "4.5", "Repeats: must be a whole number, not 4.5."),
    (_symptom, "heaviness_0_10", "-1", "Heaviness or pressure (0-10): must be at least 0 and at most 10; got -1."),
    (_symptom, "heaviness_0_10", "0", 0),
    (_symptom, "heaviness_0_10", "1", 1),
    (_symptom, "heaviness_0_10", "10", 10),
    (_symptom, "heaviness_0_10", "11", "Heaviness or pressure (0-10): must be at least 0 and at most 10; got 11."),
    (_symptom, "heaviness_0_10", "4.5", "Heaviness or pressure (0-10): must be a whole number, not 4.5."),
    (_symptom, "heaviness_0_10", 4.5, "Heaviness or pressure (0-10): must be a whole number, not 4.5."),
    (_symptom, "run_id", "0", "Run id: must be at least 1 and at most 4.61169e+18; got 0."),
    (_symptom, "run_id", "1", 1),
    (_symptom, "run_id", "125", 125),
    (_symptom, "run_id", 2**62, 2**62),
    (_symptom, "run_id", 2**62 + 1024, "Run id: must be at least 1 and at most 4.61169e+18; got 4.61169e+18."),
    (_symptom, "run_id", 2**63, "Run id: must be at least 1 and at most 4.61169e+18; got 9.22337e+18."),
    (_symptom, "run_id", "1.5", "Run id: must be a whole number, not 1.5."),
    (_strength, "reps_left", "-1", "Reps, left side: must be at least 0 and at most 500; got -1."),
    (_strength, "reps_left", "0", 0),
    (_strength, "reps_left", "500", 500),
    (_strength, "reps_left", "501", "Reps, left side: must be at least 0 and at most 500; got 501."),
    (_strength, "reps_left", "4.5", "Reps, left side: must be a whole number, not 4.5."),
    (_strength, "reps_right", "-1", "Reps, right side: must be at least 0 and at most 500; got -1."),
    (_strength, "reps_right", "0", 0),
    (_strength, "reps_right", "500", 500),
    (_strength, "reps_right", "501", "Reps, right side: must be at least 0 and at most 500; got 501."),
    (_strength, "reps_right", "4.5", "Reps, right side: must be a whole number, not 4.5."),
    (_session, "duration_min", "0", "Duration (min): must be more than 0 and at most 600 min; got 0 min."),
    (_session, "duration_min", "0.5", 0.5),
    (_session, "duration_min", "600", 600.0),
    (_session, "duration_min", "600.5", "Duration (min): must be more than 0 and at most 600 min; got 600.5 min."),
]


@pytest.mark.parametrize(("check", "field", "value", "expected"), LIMITS, ids=[f"{t[1]}={t[2]}" for t in LIMITS])
def test_each_number_is_held_to_its_limits(check, field, value, expected):
    clean, problems = check(**{field: value})
    if isinstance(expected, str):
        assert messages(problems) == [expected]
    else:
        assert problems == [] and clean[field] == expected and type(clean[field]) is type(expected)


@pytest.mark.parametrize("column", models.PAIN_COLUMNS)
@pytest.mark.parametrize(
    ("value", "refusal"),
    [
        ("-1", "must be at least 0 and at most 10; got -1."),
        ("0", None),
        ("10", None),
        ("11", "must be at least 0 and at most 10; got 11."),
        ("4.5", "must be a whole number, not 4.5."),
    ],
)
def test_each_pain_score_is_a_whole_number_0_to_10(column, value, refusal):
    clean, problems = _symptom(**{column: value})
    if refusal:
        site = models.PAIN_SITES[column.removeprefix("pain_").removesuffix("_0_10")]
        assert messages(problems) == [f"Pain: {site[:1].lower()}{site[1:]} (0-10): {refusal}"]
    else:
        assert problems == [] and clean[column] == int(value) and type(clean[column]) is int


@pytest.mark.parametrize(
    ("symptom_id", "expected"),
    [
        ("0", "Symptom id: must be at least 1 and at most 4.61169e+18; got 0."),
        ("1", 1),
        (2**62, 2**62),
        (2**62 + 1024, "Symptom id: must be at least 1 and at most 4.61169e+18; got 4.61169e+18."),
        ("2.5", "Symptom id: must be a whole number, not 2.5."),
    ],
)
def test_a_red_flags_symptom_id_is_a_record_id(symptom_id, expected):
    clean, problems = red_flag({**FLAG, "symptom_id": symptom_id})
    if isinstance(expected, str):
        assert messages(problems) == [expected] and clean["symptom_id"] is None
    else:
        assert problems == [] and clean["symptom_id"] == expected


@pytest.mark.parametrize(
    ("distance", "duration", "expected"),
    [
        ("0", "30", "Distance: must be more than 0 and at most 100 km; got 0 km."),
        ("0.01", "0.5", 0.01),  # 50 min/km
        ("100", "600", 100.0),  # 6 min/km
        ("100.01", "600", "Distance: must be more than 0 and at most 100 km; got 100.01 km."),
        # pace: 2.5 min/km is the fastest accepted, 60 min/km the slowest
        (
            "10",
            "24.9",
            "Distance: 10 km in 24.9 min is 2.49 min/km, faster than anyone runs; check the distance, "
            "the duration and the units.",
        ),
        ("10", "25", 10.0),
        ("10", "25.1", 10.0),
        ("1", "59.9", 1.0),
        ("1", "60", 1.0),
        (
            "1",
            "60.1",
            "Distance: 1 km in 60.1 min is 60 min/km, slower than walking; check the distance, "
            "the duration and the units.",
        ),
    ],
)
def test_run_distance_and_pace_limits(distance, duration, expected):
    clean, problems = _run(distance_km=distance, duration_min=duration)
    if isinstance(expected, str):
        assert messages(problems) == [expected]
    else:
        assert problems == [] and clean["distance_km"] == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("inf", "Duration (min): 'inf' is not a number."),
        ("-inf", "Duration (min): '-inf' is not a number."),
        ("nan", "Duration (min): 'nan' is not a number."),
        (float("inf"), "Duration (min): 'inf' is not a number."),
        ("twenty", "Duration (min): 'twenty' is not a number."),
        ([20], "Duration (min): '[20]' is not a number."),
        # An int too big for a float (a damaged backup's JSON): a problem, not a crash.
        (10**400, f"Duration (min): '{10**400}' is not a number."),
    ],
)
def test_a_number_that_is_not_a_finite_number_is_named(value, expected):
    clean, problems = _run(duration_min=value)
    assert messages(problems) == [expected] and clean["duration_min"] is None


def test_a_number_may_have_a_decimal_comma_and_spaces():
    clean, problems = _run(duration_min=" 22,5 ", distance_km="3,75")
    assert problems == [] and (clean["duration_min"], clean["distance_km"]) == (22.5, 3.75)


# ---------------------------------------------------------------- the one meaning of missing

MISSING = [None, "", "   ", float("nan"), pd.NA, pd.NaT]
MISSING_IDS = ["None", "empty", "blank", "nan", "pd.NA", "pd.NaT"]


@pytest.mark.parametrize("value", MISSING, ids=MISSING_IDS)
def test_a_missing_required_number_is_missing(value):
    clean, problems = _run(duration_min=value)
    assert messages(problems) == ["Duration (min): is missing."] and clean["duration_min"] is None
    _, problems = _session(duration_min=value)
    assert messages(problems) == ["Duration (min): is missing."]
    _, problems = _strength(reps_left=value, reps_right=value)
    assert messages(problems) == ["Reps, left side: is missing.", "Reps, right side: is missing."]


@pytest.mark.parametrize("value", MISSING, ids=MISSING_IDS)
def test_a_missing_optional_number_is_none(value):
    clean, problems = _run(distance_km=value, effort_1_10=value)
    assert problems == [] and (clean["distance_km"], clean["effort_1_10"]) == (None, None)
    clean, problems = validate_profile({**PROFILE, "weight_kg": value}, today=TODAY)
    assert problems == [] and clean["weight_kg"] is None
    clean, problems = _symptom(run_id=value)
    assert problems == [] and clean["run_id"] is None
    clean, problems = red_flag({**FLAG, "symptom_id": value})
    assert problems == [] and clean["symptom_id"] is None


@pytest.mark.parametrize("value", MISSING, ids=MISSING_IDS)
def test_a_missing_0_to_10_score_is_0_never_1(value):
    clean, problems = _symptom(heaviness_0_10=value, **{column: value for column in models.PAIN_COLUMNS})
    assert problems == []
    assert [clean[column] for column in ("heaviness_0_10", *models.PAIN_COLUMNS)] == [0] * 8


@pytest.mark.parametrize("value", MISSING, ids=MISSING_IDS)
def test_a_missing_choice_is_its_default_or_missing(value):
    clean, problems = _symptom(timing=value, leakage=value, bleeding=value)
    assert problems == [] and (clean["timing"], clean["leakage"], clean["bleeding"]) == ("not_linked", "none", "none")
    clean, problems = validate_profile(
        {**PROFILE, "perineal_tear": value, "units": value, "country": value}, today=TODAY
    )
    assert problems == [] and (clean["perineal_tear"], clean["units"], clean["country"]) == ("unknown", "km", None)
    clean, problems = _run(kind=value)
    assert messages(problems) == ["Kind: is missing."] and clean["kind"] is None
    clean, problems = _session(activity=value)
    assert messages(problems) == ["Activity: is missing."] and clean["activity"] is None


@pytest.mark.parametrize("value", MISSING, ids=MISSING_IDS)
def test_missing_text_is_empty(value):
    clean, problems = _run(notes=value)
    assert problems == [] and clean["notes"] == ""
    clean, problems = red_flag({**FLAG, "resolved_note": value})
    assert problems == [] and clean["resolved_note"] == ""


@pytest.mark.parametrize("value", [None, "", "   ", float("nan"), pd.NA])
def test_a_missing_yes_no_is_no_never_yes(value):
    fields = ("leaked_before_or_during_pregnancy", "previous_running_injury", "short_sleep_or_high_fatigue")
    clean, problems = validate_profile({**PROFILE, **dict.fromkeys(fields, value)}, today=TODAY)
    assert problems == [] and [clean[f] for f in fields] == [False, False, False]
    clean, problems = validate_readiness({**LOAD_TEST, "completed": value, "had_symptoms": value}, today=TODAY)
    assert problems == [] and (clean["completed"], clean["had_symptoms"]) == (False, False)


@pytest.mark.parametrize("value", [[1], {"kind": "walk"}, 3])
def test_a_choice_that_is_not_a_word_is_named_not_a_crash(value):
    # A damaged backup's JSON can hold a list where a word belongs.
    clean, problems = _run(kind=value)
    assert messages(problems) == [f"Kind: '{value}' is not one of: walk, walk_run, continuous, hills_speed, buggy."]
    assert clean["kind"] is None


# ---------------------------------------------------------------- yes or no, never guessed

YES = ["yes", "YES", " Yes ", "y", "Y", "true", "True", "1", 1, 1.0, True, np.True_, np.int64(1), np.float64(1.0)]
NO = ["no", "NO", " No ", "n", "N", "false", "False", "0", 0, 0.0, False, np.False_, np.int64(0), np.float64(0.0)]


@pytest.mark.parametrize("value", YES, ids=[repr(v) for v in YES])
def test_yes_is_read_as_yes(value):
    # A readiness test done with symptoms: "had symptoms" must read as yes whatever the spelling.
    clean, problems = validate_readiness({**LOAD_TEST, "completed": value, "had_symptoms": value}, today=TODAY)
    assert problems == [] and (clean["completed"], clean["had_symptoms"]) == (True, True)


@pytest.mark.parametrize("value", NO, ids=[repr(v) for v in NO])
def test_no_is_read_as_no(value):
    clean, problems = validate_readiness({**LOAD_TEST, "completed": "yes", "had_symptoms": value}, today=TODAY)
    assert problems == [] and clean["had_symptoms"] is False


@pytest.mark.parametrize(
    "value", ["maybe", "2", "yes!", "-1", 2, -1, 0.5, np.int64(2), np.float64(0.5), date(2026, 11, 20)]
)
def test_neither_yes_nor_no_is_a_problem_and_never_yes(value):
    clean, problems = validate_readiness({**LOAD_TEST, "completed": "yes", "had_symptoms": value}, today=TODAY)
    assert messages(problems) == [f"Had symptoms: '{value}' is not yes or no."]
    assert clean["had_symptoms"] is False


def test_the_checker_reads_every_kind_of_yes_no_the_same():
    raw = {"a": "yes", "b": np.True_, "c": "no", "d": None, "e": "perhaps"}
    checker = Checker(raw)
    assert [checker.flag(name) for name in "abcde"] == [True, True, False, False, False]
    assert messages(checker.problems) == ["E: 'perhaps' is not yes or no."]


# ---------------------------------------------------------------- walk-run patterns


PATTERN_LABELS = {
    "run_interval_min": "Run interval (min)",
    "walk_interval_min": "Walk interval (min)",
    "interval_repeats": "Repeats",
}


@pytest.mark.parametrize(
    ("missing", "pattern", "duration"),
    [
        # A missing part of the pattern is only reported missing: it is not filled in as 1 to
        # find the pattern too long for the session as well.
        ("run_interval_min", {"walk_interval_min": "1", "interval_repeats": "5"}, "2"),
        ("walk_interval_min", {"run_interval_min": "3", "interval_repeats": "2"}, "4"),
        ("interval_repeats", {"run_interval_min": "3", "walk_interval_min": "1"}, "0.5"),
    ],
)
def test_a_walk_run_pattern_with_a_part_missing_names_only_that_part(missing, pattern, duration):
    raw = {**RUN, "kind": "walk_run", "duration_min": duration, **pattern}
    clean, problems = validate_run(raw, today=TODAY)
    assert messages(problems) == [f"{PATTERN_LABELS[missing]}: is missing."]
    assert clean[missing] is None


@pytest.mark.parametrize(("duration", "refused"), [("14.5", True), ("15", False), ("15.5", False)])
def test_a_walk_run_fits_when_its_running_fits(duration, refused):
    # 3 min run / 1 min walk x 5: 15 min of running; cut short, the shortest is 12 + 5 = 17 min,
    # so the running alone decides.
    _, problems = validate_run(
        {
            **RUN,
            "kind": "walk_run",
            "duration_min": duration,
            "run_interval_min": "3",
            "walk_interval_min": "1",
            "interval_repeats": "5",
        },
        today=TODAY,
    )
    expected = [f"Duration (min): is {duration} min, shorter than the 15 min of running in the walk-run pattern."]
    assert messages(problems) == (expected if refused else [])


def test_a_run_that_is_not_walk_run_keeps_no_pattern():
    clean, problems = _run(run_interval_min="3", walk_interval_min="1", interval_repeats="5")
    assert problems == []
    assert (clean["run_interval_min"], clean["walk_interval_min"], clean["interval_repeats"]) == (None, None, None)


# ---------------------------------------------------------------- a run's source, title and start time


@pytest.mark.parametrize(
    ("field", "label"), [("source", "Source"), ("source_id", "Source id"), ("title", "Title"), ("notes", "Notes")]
)
def test_a_runs_texts_have_the_one_limit(field, label):
    clean, problems = _run(**{field: "x" * 2000})
    assert problems == [] and clean[field] == "x" * 2000
    _, problems = _run(**{field: "x" * 2001})
    assert messages(problems) == [f"{label}: is 2001 characters long; the limit is 2000."]


def test_a_run_without_a_source_was_entered_by_hand():
    clean, _ = _run(source="", source_id="")
    assert (clean["source"], clean["source_id"]) == ("manual", None)
    clean, _ = _run(source="garmin", source_id=0)
    assert (clean["source"], clean["source_id"]) == ("garmin", None)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1950-01-01T00:00:00", "1950-01-01T00:00:00"),
        ("1949-12-31T23:59:59", "Start time: 1949-12-31 is before 1950."),
        (datetime(2026, 11, 20, 6, 45, 10, 999999), "2026-11-20T06:45:10"),
        ("  ", None),
    ],
)
def test_a_run_start_time_is_from_1950_to_the_second(value, expected):
    clean, problems = _run(start_time=value)
    if isinstance(expected, str) and expected.startswith("Start"):
        assert messages(problems) == [expected] and clean["start_time"] is None
    else:
        assert problems == [] and clean["start_time"] == expected


def test_an_empty_title_or_start_time_is_not_kept():
    clean, problems = _run(title="", start_time="")
    assert problems == [] and "title" not in clean and "start_time" not in clean


# ---------------------------------------------------------------- typed_run: the short path for typed rows

TYPED = {"run_date": date(2026, 11, 20), "duration_min": 30.0, "kind": "continuous"}


def test_a_typed_run_is_cleaned_without_the_field_checker():
    raw = {
        **TYPED,
        "duration_min": 31,
        "distance_km": 5,
        "effort_1_10": 4.0,
        "notes": " steady ",
        "title": " Park ",
        "start_time": "2026-11-20T07:00:00",
        "source": "strava",
        "source_id": 123,
    }
    clean = typed_run(raw, TODAY)
    assert clean == {
        "run_date": date(2026, 11, 20),
        "duration_min": 31.0,
        "distance_km": 5.0,
        "kind": "continuous",
        "run_interval_min": None,
        "walk_interval_min": None,
        "interval_repeats": None,
        "effort_1_10": 4,
        "notes": "steady",
        "source": "strava",
        "source_id": "123",
        "title": "Park",
        "start_time": "2026-11-20T07:00:00",
    }
    assert type(clean["duration_min"]) is float and type(clean["effort_1_10"]) is int
    assert clean == validate_run_fields(raw, TODAY)[0]


def test_a_typed_run_with_only_the_required_fields():
    assert typed_run({**TYPED, "title": "", "start_time": ""}, TODAY) == {
        "run_date": date(2026, 11, 20),
        "duration_min": 30.0,
        "distance_km": None,
        "kind": "continuous",
        "run_interval_min": None,
        "walk_interval_min": None,
        "interval_repeats": None,
        "effort_1_10": None,
        "notes": "",
        "source": "manual",
        "source_id": None,
    }


# Each limit on its exact value (typed_run takes it) and one step past it, and every value that is
# not already typed and canonical: typed_run leaves those to the field checker (None).
TYPED_EDGES = [
    ({"run_date": TODAY}, True),
    ({"run_date": TODAY + timedelta(days=1)}, False),
    ({"run_date": date(1950, 1, 1)}, True),
    ({"run_date": date(1949, 12, 31)}, False),
    ({"duration_min": 0.01}, True),
    ({"duration_min": 0}, False),
    ({"duration_min": 600}, True),
    ({"duration_min": 600.01}, False),
    ({"distance_km": 0.01, "duration_min": 0.5}, True),
    ({"distance_km": 0}, False),
    ({"distance_km": 100, "duration_min": 600}, True),
    ({"distance_km": 100.01, "duration_min": 600}, False),
    ({"effort_1_10": 1}, True),
    ({"effort_1_10": 0}, False),
    ({"effort_1_10": 10}, True),
    ({"effort_1_10": 11}, False),
    ({"effort_1_10": 4.5}, False),
    ({"distance_km": 10.0, "duration_min": 25.0}, True),  # 2.5 min/km exactly
    ({"distance_km": 10.0, "duration_min": 24.99}, False),
    ({"distance_km": 1.0, "duration_min": 60.0}, True),  # 60 min/km exactly
    ({"distance_km": 1.0, "duration_min": 60.01}, False),
    ({"notes": "x" * 2000}, True),
    ({"notes": "x" * 2001}, False),
    ({"title": "x" * 2000}, True),
    ({"title": "x" * 2001}, False),
    ({"source": "x" * 2000}, True),
    ({"source": "x" * 2001}, False),
    ({"source_id": "x" * 2000}, True),
    ({"source_id": "x" * 2001}, False),
    ({"start_time": "1950-01-01T00:00:00"}, True),
    ({"start_time": "1949-12-31T23:59:59"}, False),
    ({"start_time": "2026-11-20 07:00:00"}, False),  # not the stored form: the checker rewrites it
    ({"start_time": "2026-11-20T07:00"}, False),
    ({"start_time": "2026-11-20T07:00:00Z"}, False),
    ({"start_time": "2026-11-20T25:00:00"}, False),
    ({"start_time": datetime(2026, 11, 20, 7)}, False),
    ({"kind": "walk_run"}, False),
    ({"kind": "run"}, False),
    ({"kind": 3}, False),
    ({"run_date": "2026-11-20"}, False),
    ({"run_date": datetime(2026, 11, 20, 7)}, False),
    ({"duration_min": "30"}, False),
    ({"duration_min": True}, False),
    ({"duration_min": float("nan")}, False),
    ({"duration_min": float("inf")}, False),
    ({"distance_km": float("nan")}, False),
    ({"notes": 7}, False),
    ({"title": 1.5}, False),
]


@pytest.mark.parametrize(("change", "taken"), TYPED_EDGES, ids=[repr(c)[:60] for c, _ in TYPED_EDGES])
def test_typed_run_takes_exactly_the_runs_with_no_problem(change, taken):
    raw = {**TYPED, **change}
    clean = typed_run(raw, TODAY)
    if taken:
        assert clean is not None and clean == validate_run_fields(raw, TODAY)[0]
        assert validate_run_fields(raw, TODAY)[1] == []
    else:
        assert clean is None


@pytest.mark.parametrize("answer", [True, False, np.True_, np.False_])
def test_a_yes_or_no_where_a_number_belongs_is_refused_not_read_as_1_or_0(answer):
    """A backup or a form that sends true for a run's minutes did not run for 1 minute."""
    _, problems = validate_run(
        {"run_date": "2026-11-20", "kind": "continuous", "duration_min": answer}, today=date(2026, 11, 22)
    )
    assert [f"{p.field}: {p.message}" for p in problems] == [f"Duration (min): '{answer}' is not a number."]
