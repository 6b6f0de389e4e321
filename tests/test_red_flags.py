"""Unit tests for red_flags.py: an unknown flag still withholds training, and the order
flags are shown in."""

from __future__ import annotations

from return_to_run import red_flags
from return_to_run.red_flags import RED_FLAGS, SAME_DAY_ADVICE, RedFlag


def test_an_unknown_flag_code_is_a_same_day_flag_with_a_readable_label():
    # e.g. a flag saved by a newer version of the app
    assert red_flags.red_flag("calf_pain_at_night") == RedFlag(
        "calf_pain_at_night",
        "Calf pain at night",
        "same_day",
        SAME_DAY_ADVICE,
        "Unknown flag code; treated as same day to stay safe",
    )
    assert red_flags.red_flag("fever") is RED_FLAGS["fever"]


def flag(code: str, urgency: str) -> RedFlag:
    return RedFlag(code, code, urgency, "", "")


def test_most_urgent_first_puts_an_unknown_urgency_with_same_day():
    ordered = red_flags.most_urgent_first(
        [
            flag("physio", "pelvic_physio"),
            flag("gp", "gp"),
            flag("odd", "someday"),
            flag("today", "same_day"),
            flag("odd", "emergency"),  # a repeat of a code: the first one stays
            flag("now", "emergency"),
        ]
    )
    assert [f.code for f in ordered] == ["now", "odd", "today", "gp", "physio"]
