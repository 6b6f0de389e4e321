"""Unit tests for symptoms.py: the red-flag rules on the entry's own date, a re-checked entry
never compared with itself, which runs count for "recur with running", and the vectorised
symptom table's columns."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from return_to_run import models, plan, symptoms
from return_to_run.records import RunRecord
from tests.scenario_helpers import BIRTH, entry, flag, history, load_tests, on, profile, run, symptom


def flags_for(new: dict, h, today: date) -> list[str]:
    return symptoms.red_flags_for_entry(new, profile=profile(), history=h, today=today)


@pytest.mark.parametrize(("entry_day", "flagged"), [(55, False), (56, True)])
def test_bleeding_beyond_8_weeks_is_judged_on_the_entrys_date_not_today(entry_day, flagged):
    new = entry(BIRTH + timedelta(days=entry_day), bleeding="spotting")
    assert flags_for(new, history(), today=BIRTH + timedelta(days=60)) == (
        ["bleeding_beyond_8_weeks"] if flagged else []
    )


def test_an_entry_without_a_date_is_dated_today():
    h = history(
        runs=[run(1, on(20), 30), run(2, on(20, 2), 30), run(3, on(20, 4), 30)],
        symptoms=[symptom(1, on(20), run_id=1, leakage="drops"), symptom(2, on(20, 2), run_id=2, leakage="drops")],
    )
    undated = {**entry(on(20, 4), timing="during_run", leakage="drops"), "symptom_date": None}
    # today is the day of run 3: the entry is run 3's, the third run of three with symptoms
    assert flags_for(undated, h, today=on(20, 4)) == ["symptoms_recur_with_running"]
    # today is the day after run 2: the entry is run 2's, still two runs with symptoms
    assert flags_for(undated, h, today=on(20, 3)) == []


def test_re_checking_a_saved_entry_does_not_compare_its_heaviness_with_itself():
    saved = symptom(5, on(20), heaviness_0_10=3)
    h = history(symptoms=[saved])
    assert flags_for({**entry(on(20), heaviness_0_10=3), "id": 5}, h, on(20)) == ["heaviness_new_or_worse"]
    # another entry of 3 that day: 3 is not above it
    h = history(symptoms=[symptom(4, on(20), heaviness_0_10=3), saved])
    assert flags_for({**entry(on(20), heaviness_0_10=3), "id": 5}, h, on(20)) == []
    assert flags_for({**entry(on(20), heaviness_0_10=2), "id": 5}, h, on(20)) == []
    assert flags_for({**entry(on(20), heaviness_0_10=4), "id": 5}, h, on(20)) == ["heaviness_new_or_worse"]


def _runs(days: list[int]) -> list[dict]:
    return [run(i + 1, on(20, d), 30) for i, d in enumerate(days)]


def test_recur_counts_the_last_5_runs_up_to_the_entrys_date():
    # symptoms after runs 1 and 2; the new entry is for run 3; runs 4-6 came later, symptom-free
    h = history(
        runs=_runs([0, 1, 2, 3, 4, 5]),
        symptoms=[symptom(1, on(20, 0), run_id=1, leakage="drops"), symptom(2, on(20, 1), run_id=2, leakage="drops")],
    )
    new = entry(on(20, 2), run_id=3, leakage="drops")
    assert flags_for(new, h, today=on(20, 6)) == ["symptoms_recur_with_running"]


def test_recur_counts_only_pelvic_symptoms_after_runs():
    h = history(
        runs=_runs([0, 1, 2]),
        symptoms=[symptom(1, on(20, 0), run_id=1, pain_knee_0_10=4), symptom(2, on(20, 1), run_id=2, pain_knee_0_10=4)],
    )
    assert flags_for(entry(on(20, 2), run_id=3, leakage="drops"), h, today=on(20, 2)) == []


def test_symptomatic_runs_look_at_every_entry():
    sessions = [RunRecord(1, on(20), "continuous", 30.0), RunRecord(2, on(20, 1), "continuous", 30.0)]
    entries = [entry(on(20), run_id=1), entry(on(20, 1), run_id=2, leakage="drops")]
    assert symptoms.symptomatic_run_ids(sessions, entries) == {2}


def test_worst_severity_includes_heaviness():
    assert symptoms.worst_severity_0_10(entry(on(20), heaviness_0_10=6, pain_knee_0_10=2)) == 6
    assert symptoms.worst_severity_0_10(entry(on(20), heaviness_0_10=1, pain_knee_0_10=2)) == 2


def test_joint_pain_of_1_is_a_symptom():
    assert symptoms.symptom_kinds(entry(on(20), pain_knee_0_10=1)) == ["joint_pain"]
    frame = history(symptoms=[symptom(1, on(20), pain_knee_0_10=1), symptom(2, on(20))]).symptoms
    flags = symptoms.symptom_flags(frame)
    assert flags[["any_symptom", "pain", "joint_pain"]].to_dict("list") == {
        "any_symptom": [True, False],
        "pain": [True, False],
        "joint_pain": [True, False],
    }


def test_symptom_table_columns_are_bools_and_whole_scores():
    frame = history(
        symptoms=[symptom(1, on(20), leakage="drops", heaviness_0_10=2.6), symptom(2, on(20), bowel_leakage=True)]
    ).symptoms
    frame["bowel_leakage"] = frame["bowel_leakage"].astype("Int64")
    for table in (symptoms.symptom_flags(frame), symptoms.symptom_flags(frame.iloc[0:0])):
        assert {name: str(dtype) for name, dtype in table.dtypes.items()} == {
            **dict.fromkeys(
                (
                    "any_symptom",
                    "leakage",
                    "heaviness",
                    "pain",
                    "pelvic_pain",
                    "joint_pain",
                    "bleeding",
                    "bowel_leakage",
                ),
                "bool",
            ),
            **dict.fromkeys(("heaviness_0_10", "pelvic_pain_0_10", "joint_pain_0_10", "pain_0_10"), "int64"),
        }
    table = symptoms.symptom_flags(frame)
    assert table[["bowel_leakage", "any_symptom", "heaviness_0_10"]].to_dict("list") == {
        "bowel_leakage": [False, True],
        "any_symptom": [True, True],
        "heaviness_0_10": [2, 0],
    }


def test_her_period_is_not_bleeding_in_the_symptom_table():
    frame = history(
        symptoms=[
            symptom(1, on(20), bleeding="like_period", bleeding_is_period=1),
            symptom(2, on(20), bleeding="spotting"),
        ]
    ).symptoms
    assert symptoms.symptom_flags(frame)[["bleeding", "any_symptom"]].to_dict("list") == {
        "bleeding": [False, True],
        "any_symptom": [False, True],
    }


def test_bleeding_after_a_run_steps_back_unless_it_is_her_period():
    runs = [run(i + 1, on(20, 2 * i), 30) for i in range(4)]  # 3 symptom-free sessions at level 1, then one more
    tests = load_tests(on(19))
    period = symptom(1, on(20, 6), run_id=4, bleeding="like_period", bleeding_is_period=1)
    status = plan.current_level(
        profile(), history(readiness=tests, runs=runs, symptoms=[period]), on(20, 7), since=on(19)
    )
    assert (status.level.number, status.last_change) == (2, "moved_up")
    spotting = symptom(1, on(20, 6), run_id=4, bleeding="spotting")
    status = plan.current_level(
        profile(), history(readiness=tests, runs=runs, symptoms=[spotting]), on(20, 7), since=on(19)
    )
    assert (status.level.number, status.last_change) == (1, "stepped_back")


def test_open_red_flags_oldest_first_in_the_order_raised():
    rows = [flag(i + 1, "fever", date(2026, 3, 2 - i % 2)) for i in range(20)]  # 10 on each of 2 days
    rows.append(flag(21, "mastitis", date(2026, 3, 1), resolved=date(2026, 3, 3)))
    table = symptoms.open_red_flags(pd.DataFrame(rows))
    assert table["id"].tolist() == [2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19]
    assert list(symptoms.open_red_flags(None).columns) == list(models.RED_FLAG_COLUMNS)
    assert len(symptoms.open_red_flags(history().red_flags)) == 0
