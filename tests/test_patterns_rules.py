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


# ---------------------------------------------------------------- pinned by mutation testing
# (proposed by the guidance/plan helper: the symptoms frame's index, boolean outcome columns,
# at most two sentences, and which small difference is named)

PINNED_DAY = date(2024, 6, 3)


def _pinned_runs(n):
    return runs_frame(
        [{"run_date": PINNED_DAY + timedelta(days=2 * i), "duration_min": 25.0, "kind": "continuous"} for i in range(n)]
    )


def test_outcome_columns_are_booleans_with_and_without_runs():
    symptoms = symptoms_frame([{"symptom_date": PINNED_DAY, "run_id": 1, "timing": "during_run", "leakage": "drops"}])
    out = patterns.runs_with_outcomes(_pinned_runs(2), symptoms)
    assert out["leakage"].tolist() == [True, False]
    assert {str(out[name].dtype) for name in patterns.OUTCOME_SYMPTOMS} == {"bool"}
    empty = patterns.runs_with_outcomes(_pinned_runs(0), symptoms)
    assert {str(empty[name].dtype) for name in patterns.OUTCOME_SYMPTOMS} == {"bool"}


def test_a_symptoms_frame_with_any_index_links_the_same():
    symptoms = symptoms_frame(
        [
            {"symptom_date": PINNED_DAY, "run_id": 1, "timing": "during_run", "leakage": "none"},
            {"symptom_date": PINNED_DAY + timedelta(days=2), "run_id": 2, "timing": "during_run", "leakage": "drops"},
        ]
    )
    assert patterns.runs_with_outcomes(_pinned_runs(2), symptoms.set_axis([10, 11]))["leakage"].tolist() == [
        False,
        True,
    ]
    assert patterns.runs_with_outcomes(_pinned_runs(2), symptoms.iloc[1:])["leakage"].tolist() == [False, True]


def _band_outcomes(groups: dict[str, dict[str, int]], runs_per_group: int = 10) -> pd.DataFrame:
    """Runs in length bands: {band: {symptom: runs followed by it}}; other groupings all one group."""
    rows = []
    for band, counts in groups.items():
        for i in range(runs_per_group):
            row = {"length_band": band, "kind": "continuous", "rest_band": "2 days", "effort_band": "easy (1-3)"}
            row |= {s: i < counts.get(s, 0) for s in patterns.OUTCOME_SYMPTOMS if s != "any_symptom"}
            row["any_symptom"] = any(row[s] for s in patterns.OUTCOME_SYMPTOMS if s != "any_symptom")
            rows.append(row)
    return pd.DataFrame(rows)


def test_at_most_two_sentences_even_when_three_symptoms_stand_out():
    out = _band_outcomes({"over 30 min": {"leakage": 8, "heaviness": 7, "pelvic_pain": 6}, "under 20 min": {}})
    assert len(patterns.pattern_sentences(out)) == 2


def test_no_clear_pattern_names_the_biggest_small_difference_and_the_first_of_a_tie():
    # leakage 2 of 10 against 0 of 10 (20 points), pelvic pain 1 of 10 against 0 (10 points): leakage named
    bigger = _band_outcomes({"over 30 min": {"leakage": 2, "pelvic_pain": 1}, "under 20 min": {}})
    assert patterns.pattern_sentences(bigger)[0].startswith(
        "No clear pattern yet: the biggest difference is small, leakage"
    )
    # leakage and pelvic pain tie at 20 points: the first in the list (leakage) is named
    tie = _band_outcomes({"over 30 min": {"leakage": 2}, "under 20 min": {"pelvic_pain": 2}})
    assert patterns.pattern_sentences(tie)[0].startswith(
        "No clear pattern yet: the biggest difference is small, leakage"
    )
