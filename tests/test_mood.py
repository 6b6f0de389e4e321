"""Unit tests for mood.py: what a yes on either question means, and the PDF's mood lines."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from return_to_run import helplines, mood
from return_to_run.mood import KIND_MESSAGE, NO_MESSAGE, MoodSupport
from return_to_run.records import MoodRecord
from tests.scenario_helpers import history, on, profile

TODAY = on(20)
SOURCE = "NICE CG192 (two depression identification questions, Whooley) [V]"


def with_mood(*checks: tuple[date, bool, bool]):
    h = history()
    h.mood = pd.DataFrame(
        [
            {"id": i + 1, "check_date": d, "low_mood": int(low), "little_interest": int(interest)}
            for i, (d, low, interest) in enumerate(checks)
        ],
        columns=["id", "check_date", "low_mood", "little_interest"],
    )
    return h


def one_country(code: str) -> dict[str, helplines.Country]:
    """A helpline list of its own, to tell it apart from the one on disk."""
    return {
        helplines.OTHER: helplines.Country(helplines.OTHER, "Elsewhere", "112", (), "Ask your GP."),
        code: helplines.Country(code, "Testland", "999", (), ""),
    }


@pytest.mark.parametrize(
    ("low", "interest", "any_yes"),
    [(False, False, False), (True, False, True), (False, True, True), (True, True, True)],
)
def test_a_yes_to_either_question_slows_the_plan(low, interest, any_yes):
    countries = one_country("uk")
    from_dict = mood.mood_support(
        {"low_mood": low, "little_interest": interest}, profile(country="uk"), countries=countries
    )
    from_record = mood.mood_support(MoodRecord(1, TODAY, low, interest), profile(country="uk"), countries=countries)
    expected = (
        MoodSupport(True, KIND_MESSAGE, countries["uk"], True)
        if any_yes
        else MoodSupport(False, NO_MESSAGE, None, False)
    )
    assert from_dict == expected
    assert from_record == expected


def test_helplines_come_from_the_list_given_else_the_one_on_disk():
    assert mood.mood_support({"little_interest": True}, None, countries=one_country("uk")).helplines.name == "Elsewhere"
    on_disk = mood.mood_support({"low_mood": True}, profile(country="uk"))
    assert on_disk.helplines == helplines.load_helplines()["uk"]
    assert mood.mood_support({"low_mood": True}, None).helplines.code == helplines.OTHER  # no profile: "other"


def test_mood_summary_counts_the_12_weeks_up_to_today():
    since = TODAY - timedelta(weeks=12)
    assert mood.mood_summary(with_mood((since, True, True), (TODAY + timedelta(days=1), True, True)), TODAY) == []
    assert mood.mood_summary(with_mood((since + timedelta(days=1), False, False)), TODAY) == [
        f"1 weekly mood check in the last 12 weeks ({SOURCE}).",
        "No to both questions each time.",
    ]
    assert mood.mood_summary(with_mood((since, True, False), (TODAY, False, True), (TODAY, False, False)), TODAY) == [
        f"2 weekly mood checks in the last 12 weeks ({SOURCE}).",
        f"{TODAY.isoformat()}: yes to little interest or pleasure.",
    ]
