"""Her patterns: which runs symptoms followed, as counts, and the sentences said about them."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from return_to_run import patterns
from tests.test_volume import runs_frame, symptoms_frame

RUNS = runs_frame(
    [
        {"run_date": date(2026, 3, 2), "duration_min": 15.0, "kind": "walk_run", "effort_1_10": 3},
        {"run_date": date(2026, 3, 3), "duration_min": 25.0, "kind": "continuous", "effort_1_10": 5},
        {"run_date": date(2026, 3, 6), "duration_min": 35.0, "kind": "hills_speed", "effort_1_10": 8},
        {"run_date": date(2026, 3, 6), "duration_min": 40.0, "kind": "walk", "effort_1_10": 2},
        {"run_date": date(2026, 3, 8), "duration_min": 31.0, "kind": "buggy", "effort_1_10": None},
    ]
)
SYMPTOMS = symptoms_frame(
    [
        # Linked to run 2 by id: counts for run 2 only (not for run 1 the day before).
        {"symptom_date": date(2026, 3, 3), "run_id": 2, "timing": "during_run", "leakage": "drops"},
        # Not linked, the day after run 3, within 24 h: counts for run 3.
        {"symptom_date": date(2026, 3, 7), "timing": "within_24h", "heaviness_0_10": 3},
        # Not linked to a run: counts for none.
        {"symptom_date": date(2026, 3, 8), "timing": "not_linked", "pain_knee_0_10": 4},
        # Linked to a walk: walks are not in the outcomes.
        {"symptom_date": date(2026, 3, 6), "run_id": 4, "timing": "during_run", "leakage": "more"},
        # Nothing felt.
        {"symptom_date": date(2026, 3, 2), "timing": "during_run"},
        # The day after run 5.
        {"symptom_date": date(2026, 3, 9), "timing": "within_24h", "pain_pelvis_0_10": 2},
    ]
)


def test_runs_with_outcomes_whole_result():
    outcomes = patterns.runs_with_outcomes(RUNS, SYMPTOMS)
    assert list(outcomes.columns) == list(patterns.OUTCOME_COLUMNS)
    rows = outcomes.astype(object).where(outcomes.notna(), None).to_dict("records")
    no = dict.fromkeys(patterns.OUTCOME_SYMPTOMS, False)
    assert rows == [
        {
            "run_id": 1,
            "run_date": date(2026, 3, 2),
            "duration_min": 15.0,
            "kind": "walk_run",
            "effort_1_10": 3.0,
            "days_since_previous_run": None,
            "length_band": "under 20 min",
            "effort_band": "easy (1-3)",
            "rest_band": "first run",
            **no,
        },
        {
            "run_id": 2,
            "run_date": date(2026, 3, 3),
            "duration_min": 25.0,
            "kind": "continuous",
            "effort_1_10": 5.0,
            "days_since_previous_run": 1.0,
            "length_band": "20-30 min",
            "effort_band": "moderate (4-6)",
            "rest_band": "0-1 days",
            **no,
            "any_symptom": True,
            "leakage": True,
        },
        {
            "run_id": 3,
            "run_date": date(2026, 3, 6),
            "duration_min": 35.0,
            "kind": "hills_speed",
            "effort_1_10": 8.0,
            "days_since_previous_run": 3.0,
            "length_band": "over 30 min",
            "effort_band": "hard (7-10)",
            "rest_band": "3+ days",
            **no,
            "any_symptom": True,
            "heaviness": True,
        },
        {
            "run_id": 5,
            "run_date": date(2026, 3, 8),
            "duration_min": 31.0,
            "kind": "buggy",
            "effort_1_10": None,
            "days_since_previous_run": 2.0,
            "length_band": "over 30 min",
            "effort_band": "effort not recorded",
            "rest_band": "2 days",
            **no,
            "any_symptom": True,
            "pain": True,
            "pelvic_pain": True,
        },
    ]


def test_runs_with_outcomes_of_an_empty_log():
    outcomes = patterns.runs_with_outcomes(runs_frame([]), symptoms_frame([]))
    assert outcomes.empty and list(outcomes.columns) == list(patterns.OUTCOME_COLUMNS)
    assert patterns.pattern_sentences(outcomes) == [
        "Not enough runs logged yet to see patterns: a comparison needs at least 5 runs in each group "
        "(for example 5 under 20 min and 5 over 30 min), and you have logged 0 runs so far."
    ]


def test_length_bands_edges():
    runs = runs_frame(
        [
            {"run_date": date(2026, 3, d), "duration_min": m, "kind": "continuous"}
            for d, m in [(1, 19.9), (2, 20.0), (3, 30.0), (4, 30.1)]
        ]
    )
    outcomes = patterns.runs_with_outcomes(runs, symptoms_frame([]))
    assert outcomes["length_band"].tolist() == ["under 20 min", "20-30 min", "20-30 min", "over 30 min"]


def outcome_rows(
    n: int, *, length="over 30 min", kind="continuous", rest="2 days", effort="moderate (4-6)", **symptoms_in_first
) -> list[dict]:
    """n runs alike; symptom=k marks the first k of them as followed by that symptom."""
    rows = []
    for i in range(n):
        flags = {s: i < symptoms_in_first.get(s, 0) for s in patterns.OUTCOME_SYMPTOMS}
        flags["any_symptom"] = any(flags.values())
        rows.append({"length_band": length, "kind": kind, "rest_band": rest, "effort_band": effort, **flags})
    return rows


def outcomes_of(*groups: list[dict]) -> pd.DataFrame:
    return pd.DataFrame([row for group in groups for row in group])


def test_pattern_table_counts_every_group():
    outcomes = outcomes_of(outcome_rows(5, leakage=4), outcome_rows(8, length="under 20 min"))
    table = patterns.pattern_table(outcomes, "length_band", "leakage")
    assert table.to_dict("records") == [
        {
            "group": "under 20 min",
            "label": "under 20 min",
            "runs": 8,
            "with_symptom": 0,
            "summary": "0 of 8",
            "enough_data": True,
        },
        {
            "group": "20-30 min",
            "label": "20-30 min",
            "runs": 0,
            "with_symptom": 0,
            "summary": "0 of 0",
            "enough_data": False,
        },
        {
            "group": "over 30 min",
            "label": "over 30 min",
            "runs": 5,
            "with_symptom": 4,
            "summary": "4 of 5",
            "enough_data": True,
        },
    ]
    by_kind = patterns.pattern_table(outcomes, "kind", "leakage")
    assert by_kind["label"].tolist() == ["Walk-run intervals", "Continuous run", "Hills or speed", "Run with buggy"]
    assert by_kind["summary"].tolist() == ["0 of 0", "4 of 13", "0 of 0", "0 of 0"]


def test_pattern_table_rejects_unknown_names():
    outcomes = outcomes_of(outcome_rows(1))
    with pytest.raises(ValueError, match="by must be one of"):
        patterns.pattern_table(outcomes, "weekday", "leakage")
    with pytest.raises(ValueError, match="symptom must be one of"):
        patterns.pattern_table(outcomes, "kind", "itching")


def test_sentence_in_counts_when_both_groups_have_enough_runs():
    outcomes = outcomes_of(outcome_rows(5, leakage=4), outcome_rows(8, length="under 20 min"))
    assert patterns.pattern_sentences(outcomes) == [
        "Leakage followed 4 of 5 runs over 30 min (80%), and 0 of 8 under 20 min (0%)."
    ]


def test_two_sentences_largest_difference_first_one_per_symptom():
    outcomes = outcomes_of(
        outcome_rows(5, leakage=4),
        outcome_rows(8, length="under 20 min", kind="buggy", heaviness=4),
    )
    # Leakage also differs by kind (4 of 5 continuous, 0 of 8 buggy): one sentence per symptom.
    assert patterns.pattern_sentences(outcomes) == [
        "Leakage followed 4 of 5 runs over 30 min (80%), and 0 of 8 under 20 min (0%).",
        "Heaviness or pressure followed 4 of 8 runs under 20 min (50%), and 0 of 5 over 30 min (0%).",
    ]


def test_sentences_by_kind_rest_and_effort_read_plainly():
    outcomes = outcomes_of(
        outcome_rows(6, kind="buggy", rest="0-1 days", effort="hard (7-10)", pelvic_pain=5),
        outcome_rows(6, kind="walk_run", rest="3+ days", effort="easy (1-3)", joint_pain=3),
    )
    assert patterns.pattern_sentences(outcomes) == [
        "Pelvic, low back or abdominal pain followed 5 of 6 runs with the buggy (83%), and 0 of 6 walk-run "
        "sessions (0%).",
        "Hip, knee, foot or ankle pain followed 3 of 6 walk-run sessions (50%), and 0 of 6 runs with the buggy (0%).",
    ]
    rest_only = outcomes_of(outcome_rows(6, rest="0-1 days", leakage=3), outcome_rows(5, rest="3+ days"))
    assert patterns.pattern_sentences(rest_only) == [
        "Leakage followed 3 of 6 runs within a day of another run (50%), and 0 of 5 after a gap of 3 or more days (0%)."
    ]


def test_nothing_claimed_below_the_minimum_and_said_so():
    outcomes = outcomes_of(outcome_rows(4, leakage=4), outcome_rows(8, length="under 20 min"))
    assert patterns.MIN_RUNS_FOR_PATTERN == 5
    assert patterns.pattern_sentences(outcomes) == [
        "Not enough runs logged yet to see patterns: a comparison needs at least 5 runs in each group "
        "(for example 5 under 20 min and 5 over 30 min), and you have logged 12 runs so far."
    ]


def test_first_runs_and_unrecorded_effort_are_not_compared():
    outcomes = outcomes_of(
        outcome_rows(5, rest="first run", effort="effort not recorded", leakage=5),
        outcome_rows(5, rest="2 days", effort="effort not recorded"),
    )
    # The only difference is in the 'first run' group, which is left out of comparisons.
    assert patterns.pattern_sentences(outcomes)[0].startswith("Not enough runs logged yet")


def test_small_differences_are_named_as_small_never_as_nothing():
    """A chart showing 1 of 5 against 0 of 5 is not 'nothing': the sentence says it, as small."""
    outcomes = outcomes_of(outcome_rows(5, leakage=1), outcome_rows(5, length="under 20 min"))
    assert patterns.pattern_sentences(outcomes) == [
        "No clear pattern yet: the biggest difference is small, leakage after 1 of 5 runs over 30 min (20%), "
        "and 0 of 5 under 20 min (0%)."
    ]


def test_equal_shares_are_said_to_be_equal():
    outcomes = outcomes_of(outcome_rows(5, leakage=1), outcome_rows(5, length="under 20 min", leakage=1))
    assert patterns.pattern_sentences(outcomes) == ["Symptoms followed each kind of run you can compare equally often."]


def test_the_issue_example_3_of_8_against_1_of_27_stands_out():
    """Issue 11: the chart showed symptoms after 3 of 8 runs over 30 min and 1 of 27 of 20-30 min."""
    outcomes = outcomes_of(outcome_rows(8, leakage=3), outcome_rows(27, length="20-30 min", leakage=1))
    assert patterns.pattern_sentences(outcomes) == [
        "Leakage followed 3 of 8 runs over 30 min (38%), and 1 of 27 of 20-30 min (4%)."
    ]


@pytest.mark.parametrize(("with_leak", "stands_out"), [(3, True), (2, False)])
def test_a_difference_of_25_points_stands_out(with_leak, stands_out):
    # 3 of 8 (37.5%) vs 1 of 8 (12.5%) is 25 points exactly; 2 of 8 vs 1 of 8 is 12.5
    outcomes = outcomes_of(outcome_rows(8, leakage=with_leak), outcome_rows(8, length="20-30 min", leakage=1))
    assert patterns.pattern_sentences(outcomes)[0].startswith("Leakage followed") is stands_out


def test_any_symptom_is_said_when_no_single_symptom_stands_out():
    longer = outcome_rows(6)
    for row, symptom in zip(longer, ("leakage", "heaviness", "pelvic_pain"), strict=False):
        row[symptom] = row["any_symptom"] = True  # one symptom each on three runs: 1 of 6 each, 3 of 6 in all
    outcomes = outcomes_of(longer, outcome_rows(6, length="under 20 min"))
    assert patterns.pattern_sentences(outcomes) == [
        "Symptoms followed 3 of 6 runs over 30 min (50%), and 0 of 6 under 20 min (0%)."
    ]


def test_no_symptoms_after_any_run():
    outcomes = outcomes_of(outcome_rows(5), outcome_rows(5, length="under 20 min"))
    assert patterns.pattern_sentences(outcomes) == [
        "No leakage, heaviness or pain was logged after any of your 10 runs."
    ]


def test_the_smallest_claim_is_2_of_5_against_0_of_5():
    outcomes = outcomes_of(outcome_rows(5, leakage=2), outcome_rows(5, length="under 20 min"))
    assert patterns.pattern_sentences(outcomes) == [
        "Leakage followed 2 of 5 runs over 30 min (40%), and 0 of 5 under 20 min (0%)."
    ]
    outcomes = outcomes_of(outcome_rows(5, leakage=1, heaviness=0), outcome_rows(6, length="under 20 min"))
    assert patterns.pattern_sentences(outcomes)[0].startswith("No clear pattern yet")


# ------------------------------------------------------------------ symptom rises

WEEKLY = pd.DataFrame(
    {
        "week_start": [date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 16), date(2026, 3, 23), date(2026, 3, 30)],
        "weeks_since_birth": [10, 11, 12, 13, 14],
        "symptom_days": [0, 1, 3, 0, 2],
        "run_minutes": [40.0, 60.0, 75.0, 0.0, 30.0],
        "change_pct": [float("nan"), 50.0, 25.0, -100.0, float("nan")],
        "worst_heaviness_0_10": [0, 1, 2, 0, 2],
        "worst_pain_0_10": [0, 0, 1, 0, 1],
    }
)


def test_symptom_rises_name_the_week_and_the_load_before():
    assert patterns.symptom_rises(WEEKLY) == [
        "Week 14 after birth (from 30 Mar 2026): symptoms on 2 days, up from 0 the week before. "
        "Running that week: 30 min (after a week with no running); the week before: no running.",
        "Week 12 after birth (from 16 Mar 2026): symptoms on 3 days, up from 1 the week before. "
        "Running that week: 75 min (up 25%); the week before: 60 min (up 50%).",
    ]
    assert len(patterns.symptom_rises(WEEKLY, limit=1)) == 1
    assert patterns.symptom_rises(WEEKLY, min_rise=3) == []


def test_a_jump_in_severity_counts_as_a_rise_even_on_one_day():
    # Week 11 had one day of heaviness 4 after a symptom-free week: days rose by only 1.
    weekly = WEEKLY.assign(worst_heaviness_0_10=[0, 4, 2, 0, 2])
    assert patterns.symptom_rises(weekly)[-1] == (
        "Week 11 after birth (from 9 Mar 2026): symptoms on 1 day, up from 0 the week before, worst "
        "heaviness or pain 4 of 10. Running that week: 60 min (up 50%); the week before: 40 min (after a "
        "week with no running)."
    )


def test_symptom_rises_without_birth_date_and_short_logs():
    weekly = WEEKLY.assign(weeks_since_birth=[None] * 5)
    assert patterns.symptom_rises(weekly, limit=1) == [
        "The week of 30 Mar 2026: symptoms on 2 days, up from 0 the week before. "
        "Running that week: 30 min (after a week with no running); the week before: no running."
    ]
    assert patterns.symptom_rises(WEEKLY.iloc[:1]) == []


@pytest.mark.parametrize(("jump", "rises"), [(2, 0), (3, 1), (4, 1)])
def test_a_severity_jump_of_exactly_3_points_is_a_rise(jump, rises):
    weekly = WEEKLY.iloc[:2].assign(symptom_days=[1, 1], worst_heaviness_0_10=[1, 1 + jump], worst_pain_0_10=[0, 0])
    assert len(patterns.symptom_rises(weekly)) == rises


@pytest.mark.parametrize(("days_before", "days_after", "rises"), [(1, 2, 0), (1, 3, 1)])
def test_symptom_days_rising_by_exactly_2_is_a_rise(days_before, days_after, rises):
    weekly = WEEKLY.iloc[:2].assign(
        symptom_days=[days_before, days_after], worst_heaviness_0_10=[0, 0], worst_pain_0_10=[0, 0]
    )
    assert len(patterns.symptom_rises(weekly)) == rises


def test_an_unlinked_entry_counts_for_one_run_only():
    # The walk-run plan's rule (symptoms.RunLinks): her latest run on the entry's date, else the day before.
    runs = runs_frame(
        [
            {"run_date": date(2026, 3, 2), "duration_min": 20.0, "kind": "walk_run"},
            {"run_date": date(2026, 3, 3), "duration_min": 20.0, "kind": "walk_run"},
            {"run_date": date(2026, 3, 3), "duration_min": 25.0, "kind": "walk_run"},
        ]
    )
    entries = symptoms_frame(
        [
            {"symptom_date": date(2026, 3, 3), "timing": "within_24h", "leakage": "drops"},
            {"symptom_date": date(2026, 3, 5), "timing": "within_24h", "heaviness_0_10": 2},  # 2 days after: none
        ]
    )
    outcomes = patterns.runs_with_outcomes(runs, entries)
    assert outcomes[["run_id", "leakage", "heaviness"]].to_dict("records") == [
        {"run_id": 1, "leakage": False, "heaviness": False},
        {"run_id": 2, "leakage": False, "heaviness": False},
        {"run_id": 3, "leakage": True, "heaviness": False},
    ]


def _comparisons_with_groupby(outcomes: pd.DataFrame, symptoms=patterns.SENTENCE_SYMPTOMS):
    """The straightforward pandas form of patterns._comparisons (before it was vectorised)."""
    found, comparable = [], False
    symptoms = list(symptoms)
    for by, (groups, excluded) in patterns.GROUPINGS.items():
        grouped = outcomes.groupby(by)
        runs = grouped.size().reindex(list(groups)).fillna(0).astype("int64")
        counts = grouped[symptoms].sum().reindex(list(groups)).fillna(0).astype("int64")
        keep = (runs >= patterns.MIN_RUNS_FOR_PATTERN) & ~runs.index.isin(excluded)
        if keep.sum() < 2:
            continue
        comparable = True
        runs, counts = runs[keep], counts[keep]
        for symptom in symptoms:
            share = counts[symptom] / runs
            hi, lo = share.idxmax(), share.idxmin()
            difference = share.max() - share.min()
            if difference > 0:
                notable = difference >= patterns.NOTABLE_DIFFERENCE and counts.at[hi, symptom] >= 2
                hi_row = {"group": hi, "runs": int(runs[hi]), "with_symptom": int(counts.at[hi, symptom])}
                lo_row = {"group": lo, "runs": int(runs[lo]), "with_symptom": int(counts.at[lo, symptom])}
                found.append((difference, symptom, hi_row, lo_row, notable))
    return found, comparable


def _random_outcomes(seed: int, rows: int) -> pd.DataFrame:
    """`rows` runs with random groups and symptoms (some groups more often followed by some)."""
    import random

    rng = random.Random(seed)
    data = {by: [rng.choice(groups) for _ in range(rows)] for by, (groups, _) in patterns.GROUPINGS.items()}
    bias = {s: rng.random() * 0.6 for s in patterns.OUTCOME_SYMPTOMS}
    for symptom in patterns.OUTCOME_SYMPTOMS:
        data[symptom] = [
            rng.random() < bias[symptom] * (1.5 if data["length_band"][i] == "over 30 min" else 0.5)
            for i in range(rows)
        ]
    return pd.DataFrame(data)


@pytest.mark.parametrize(("seed", "rows"), [(1, 0), (2, 4), (3, 12), (4, 40), (5, 400), (6, 3650), (7, 3650)])
def test_comparisons_equal_the_groupby_form(seed, rows):
    outcomes = _random_outcomes(seed, rows)
    for symptoms in (patterns.SENTENCE_SYMPTOMS, ("any_symptom",), patterns.OUTCOME_SYMPTOMS):
        assert patterns._comparisons(outcomes, symptoms) == _comparisons_with_groupby(outcomes, symptoms)


def _random_history(seed: int, days: int = 3650) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(runs, symptoms) of `days` days: a run of a random kind most days, a check-in after some."""
    import random
    from datetime import timedelta

    rng = random.Random(seed)
    first = date(2016, 1, 4)
    runs, checks = [], []
    for day in range(days):
        when = first + timedelta(days=day)
        if rng.random() < 0.7:
            kind = rng.choice(("walk_run", "continuous", "walk", "hills"))
            run = {"run_date": when, "duration_min": float(rng.randint(5, 70)), "kind": kind}
            if kind == "walk_run":
                run |= {"run_interval_min": 2.0, "walk_interval_min": 1.0, "interval_repeats": float(rng.randint(2, 9))}
            if rng.random() < 0.5:
                run["effort_1_10"] = float(rng.randint(1, 10))
            runs.append(run)
            if rng.random() < 0.3:
                checks.append({"symptom_date": when, "timing": "within_24h", "leakage": rng.choice(("none", "drops"))})
    return runs_frame(runs), symptoms_frame(checks)


def test_runs_with_outcomes_from_given_records_equals_from_the_frame():
    from return_to_run import records

    runs, symptoms = _random_history(16)
    given = patterns.runs_with_outcomes(runs, symptoms, run_recs=records.run_records(runs))
    pd.testing.assert_frame_equal(given, patterns.runs_with_outcomes(runs, symptoms))
    assert given["leakage"].any()
