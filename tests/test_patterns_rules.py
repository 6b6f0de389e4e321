"""Unit tests for patterns.py: the words for a week's change on its exact value, how many
rises are named, a score rise of exactly 3 named with its score, effort bands at their edges,
and the "not enough runs" sentence in the singular."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pandas as pd
import pytest

from return_to_run import patterns
from tests.test_patterns import WEEKLY
from tests.test_volume import runs_frame, symptoms_frame


@pytest.mark.parametrize(
    ("change", "words"), [(-1.0, "30 min (down 1%)"), (0.0, "30 min (no change)"), (1.0, "30 min (up 1%)")]
)
def test_the_change_in_words_on_each_side_of_0(change, words):
    weekly = WEEKLY.iloc[:2].assign(
        symptom_days=[0, 2], run_minutes=[30.0, 30.0], change_pct=[change, change], worst_heaviness_0_10=[0, 0]
    )
    assert patterns.symptom_rises(weekly) == [
        f"Week 11 after birth (from 9 Mar 2026): symptoms on 2 days, up from 0 the week before. "
        f"Running that week: {words}; the week before: {words}."
    ]


def test_at_most_3_rises_are_named_newest_first():
    start = date(2026, 3, 2)
    weekly = pd.DataFrame(
        {
            "week_start": [start + timedelta(weeks=i) for i in range(8)],
            "weeks_since_birth": [float(10 + i) for i in range(8)],
            "symptom_days": [0, 2, 0, 2, 0, 2, 0, 2],
            "run_minutes": [0.0] * 8,
            "change_pct": [math.nan] * 8,
            "worst_heaviness_0_10": [0, 0, 0, 0, 0, 0, 0, 3],
            "worst_pain_0_10": [0] * 8,
        }
    )
    rises = patterns.symptom_rises(weekly)
    assert [r.split(":")[0] for r in rises] == [
        "Week 17 after birth (from 20 Apr 2026)",
        "Week 15 after birth (from 6 Apr 2026)",
        "Week 13 after birth (from 23 Mar 2026)",
    ]
    assert ", worst heaviness or pain 3 of 10." in rises[0]  # a rise of exactly 3 points names the score
    assert "worst heaviness" not in rises[1]
    unknown = weekly.assign(weeks_since_birth=[math.nan] * 8)  # weeks not known (no birth date)
    assert patterns.symptom_rises(unknown, limit=1)[0].startswith("The week of 20 Apr 2026: symptoms on 2 days")


@pytest.mark.parametrize(
    ("effort", "band"),
    [
        (1, "easy (1-3)"),
        (3, "easy (1-3)"),
        (4, "moderate (4-6)"),
        (6, "moderate (4-6)"),
        (7, "hard (7-10)"),
        (10, "hard (7-10)"),
        (11, "effort not recorded"),
        (None, "effort not recorded"),
    ],
)
def test_effort_bands_at_their_edges(effort, band):
    runs = runs_frame(
        [{"run_date": date(2026, 3, 2), "duration_min": 30.0, "kind": "continuous", "effort_1_10": effort}]
    )
    assert patterns.runs_with_outcomes(runs, symptoms_frame([]))["effort_band"].tolist() == [band]


@pytest.mark.parametrize(("count", "noun"), [(1, "1 run"), (2, "2 runs")])
def test_not_enough_runs_counts_them(count, noun):
    runs = runs_frame(
        [{"run_date": date(2026, 3, 2 + i), "duration_min": 30.0, "kind": "continuous"} for i in range(count)]
    )
    outcomes = patterns.runs_with_outcomes(runs, symptoms_frame([]))
    assert patterns.pattern_sentences(outcomes) == [
        "Not enough runs logged yet to see patterns: a comparison needs at least 5 runs in each group (for "
        f"example 5 under 20 min and 5 over 30 min), and you have logged {noun} so far."
    ]


def test_percent_of_nothing_is_0():
    assert patterns.percent(0, 0) == 0
    assert patterns.percent(1, 3) == 33
    assert patterns.percent(1, 2) == 50
