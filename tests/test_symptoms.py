"""Unit tests for symptoms.py: scoring, run linking and red flags."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from return_to_run import models, symptoms
from return_to_run.symptoms import (
    CHECKIN_FLAG_CODES,
    ENTRY_FLAG_CODES,
    RED_FLAGS,
    has_pelvic_symptoms,
    has_symptoms,
    open_red_flags,
    red_flags_for_entry,
    symptom_kinds,
    worst_severity_0_10,
)
from tests.scenario_helpers import entry, flag, history, on, profile, run, symptom

DAY = on(14)


def test_red_flags_are_data_with_sources_and_valid_urgency():
    assert len(RED_FLAGS) == 17
    for code, red in RED_FLAGS.items():
        assert red.code == code
        assert red.urgency in symptoms.URGENCIES
        assert red.source and red.advice and red.label
    by_urgency = {u: [c for c in RED_FLAGS if RED_FLAGS[c].urgency == u] for u in symptoms.URGENCIES}
    assert by_urgency == {
        "emergency": ["chest_pain", "breathlessness", "seizure", "thoughts_of_harm"],
        "same_day": [
            "heavy_bleeding",
            "bleeding_heavier_with_activity",
            "dizziness_or_fainting",
            "wound_not_healing",
            "mastitis",
            "urine_infection",
            "hot_swollen_calf",
            "fever",
            "severe_headache_or_vision",
        ],
        "gp": ["bleeding_beyond_8_weeks"],
        "pelvic_physio": ["heaviness_new_or_worse", "bowel_leakage", "symptoms_recur_with_running"],
    }


def test_checkin_and_entry_codes_cover_the_flags_and_share_only_heavy_bleeding():
    """Heavy bleeding is both a tick box and a bleeding level on a symptom entry: one flag."""
    assert set(CHECKIN_FLAG_CODES) | set(ENTRY_FLAG_CODES) == set(RED_FLAGS)
    assert set(CHECKIN_FLAG_CODES) & set(ENTRY_FLAG_CODES) == {"heavy_bleeding"}


def test_empty_entry_has_no_symptoms():
    e = entry(DAY)
    assert has_symptoms(e) is False
    assert symptom_kinds(e) == []
    assert worst_severity_0_10(e) == 0


@pytest.mark.parametrize(
    ("fields", "kinds", "pelvic"),
    [
        ({"leakage": "drops"}, ["leakage"], True),
        ({"heaviness_0_10": 2}, ["heaviness"], True),
        ({"pain_pelvis_0_10": 1}, ["pelvic_pain"], True),
        ({"pain_low_back_0_10": 3}, ["pelvic_pain"], True),
        ({"pain_abdomen_scar_0_10": 3}, ["pelvic_pain"], True),
        ({"pain_knee_0_10": 4}, ["joint_pain"], False),
        ({"pain_foot_ankle_0_10": 1, "pain_hip_0_10": 2}, ["joint_pain"], False),
        ({"bleeding": "spotting"}, ["bleeding"], False),
        ({"bowel_leakage": True}, ["bowel_leakage"], True),
        (
            {"leakage": "more", "heaviness_0_10": 1, "pain_knee_0_10": 2, "bleeding": "more", "bowel_leakage": 1},
            ["leakage", "heaviness", "joint_pain", "bleeding", "bowel_leakage"],
            True,
        ),
    ],
)
def test_symptom_kinds(fields, kinds, pelvic):
    e = entry(DAY, **fields)
    assert symptom_kinds(e) == kinds
    assert has_symptoms(e) is True
    assert has_pelvic_symptoms(e) is pelvic


def test_other_pain_counts_as_a_symptom_but_no_kind():
    e = entry(DAY, pain_other_0_10=2)
    assert has_symptoms(e) is True
    assert symptom_kinds(e) == []


def test_worst_severity_takes_the_highest_score():
    assert worst_severity_0_10(entry(DAY, heaviness_0_10=3, pain_knee_0_10=6, leakage="more")) == 6


def test_symptom_rows_from_a_dataframe_with_nan_work():
    row = history(symptoms=[symptom(1, DAY, leakage="drops")]).symptoms.to_dict("records")[0]
    row["run_id"] = float("nan")
    assert symptom_kinds(row) == ["leakage"]


def test_open_red_flags_keeps_unresolved_oldest_first():
    flags = history(
        red_flags=[
            flag(1, "fever", date(2024, 3, 5)),
            flag(2, "chest_pain", date(2024, 3, 1), resolved=date(2024, 3, 2)),
            flag(3, "bowel_leakage", date(2024, 3, 3)),
        ]
    ).red_flags
    assert list(open_red_flags(flags)["id"]) == [3, 1]


def test_open_red_flags_treats_nan_and_nat_as_unresolved():
    df = pd.DataFrame(
        [
            {
                "id": 1,
                "flag_code": "fever",
                "flagged_date": date(2024, 3, 5),
                "symptom_id": None,
                "resolved_date": float("nan"),
                "resolved_note": "",
            }
        ]
    )
    assert list(open_red_flags(df)["flag_code"]) == ["fever"]
    assert len(open_red_flags(models.History().red_flags)) == 0


def test_unknown_flag_code_still_withholds_as_same_day():
    assert symptoms.red_flag("something_new").urgency == "same_day"


def test_most_urgent_first():
    ordered = symptoms.most_urgent_first(
        [RED_FLAGS["bowel_leakage"], RED_FLAGS["fever"], RED_FLAGS["seizure"], RED_FLAGS["fever"]]
    )
    assert [f.code for f in ordered] == ["seizure", "fever", "bowel_leakage"]


class TestBleeding:
    def test_day_55_no_flag_day_56_flag(self):
        p = profile()
        h = history()
        assert red_flags_for_entry(entry(on(7, 6), bleeding="spotting"), profile=p, history=h, today=on(7, 6)) == []
        assert red_flags_for_entry(entry(on(8), bleeding="spotting"), profile=p, history=h, today=on(8)) == [
            "bleeding_beyond_8_weeks"
        ]

    def test_without_profile_the_bleeding_rule_is_skipped(self):
        assert red_flags_for_entry(entry(on(20), bleeding="more"), profile=None, history=history(), today=on(20)) == []


class TestHeaviness:
    def test_first_heaviness_is_new(self):
        assert red_flags_for_entry(entry(DAY, heaviness_0_10=1), profile=profile(), history=history(), today=DAY) == [
            "heaviness_new_or_worse"
        ]

    def test_higher_than_recent_is_worse(self):
        h = history(symptoms=[symptom(1, on(13), heaviness_0_10=2)])
        assert red_flags_for_entry(entry(DAY, heaviness_0_10=3), profile=profile(), history=h, today=DAY) == [
            "heaviness_new_or_worse"
        ]
        assert red_flags_for_entry(entry(DAY, heaviness_0_10=2), profile=profile(), history=h, today=DAY) == []

    def test_older_than_28_days_does_not_count(self):
        h = history(symptoms=[symptom(1, on(10), heaviness_0_10=5)])
        assert red_flags_for_entry(
            entry(on(14, 1), heaviness_0_10=2), profile=profile(), history=h, today=on(14, 1)
        ) == ["heaviness_new_or_worse"]
        # exactly 28 days before still counts
        assert red_flags_for_entry(entry(on(14), heaviness_0_10=2), profile=profile(), history=h, today=on(14)) == []

    def test_an_open_flag_is_not_raised_twice_unless_asked(self):
        h = history(red_flags=[flag(1, "heaviness_new_or_worse", on(13))])
        e = entry(DAY, heaviness_0_10=4)
        assert red_flags_for_entry(e, profile=profile(), history=h, today=DAY) == []
        assert red_flags_for_entry(e, profile=profile(), history=h, today=DAY, include_open=True) == [
            "heaviness_new_or_worse"
        ]


class TestRecurWithRunning:
    runs = [run(i, on(13, 2 * i), 30) for i in range(1, 6)]  # days 93, 95, 97, 99, 101

    def _flags(self, symptom_rows, new_entry, today):
        h = history(runs=self.runs, symptoms=symptom_rows)
        return red_flags_for_entry(new_entry, profile=profile(), history=h, today=today)

    def test_third_of_last_five_raises(self):
        rows = [
            symptom(1, on(13, 2), run_id=1, timing="during_run", leakage="drops"),
            symptom(2, on(13, 4), run_id=2, timing="during_run", leakage="drops"),
        ]
        new = entry(on(13, 10), timing="within_24h", leakage="drops")  # day after run 5 (day 101)
        assert self._flags(rows, new, on(13, 10)) == ["symptoms_recur_with_running"]

    def test_two_of_last_five_does_not(self):
        rows = [symptom(1, on(13, 2), run_id=1, timing="during_run", leakage="drops")]
        new = entry(on(13, 10), run_id=5, timing="during_run", leakage="drops")
        assert self._flags(rows, new, on(13, 10)) == []

    def test_joint_pain_is_not_a_pelvic_recurrence(self):
        rows = [
            symptom(1, on(13, 2), run_id=1, timing="during_run", pain_knee_0_10=3),
            symptom(2, on(13, 4), run_id=2, timing="during_run", pain_knee_0_10=3),
        ]
        new = entry(on(13, 10), run_id=5, timing="during_run", pain_knee_0_10=3)
        assert self._flags(rows, new, on(13, 10)) == []

    def test_entry_not_linked_to_a_run_does_not_raise(self):
        rows = [symptom(i, on(13, 2 * i), run_id=i, timing="during_run", leakage="drops") for i in (1, 2, 3)]
        new = entry(on(13, 10), timing="not_linked", leakage="drops")
        assert self._flags(rows, new, on(13, 10)) == []

    def test_walks_do_not_count_as_runs(self):
        h = history(runs=[run(1, on(13), 30, "walk")])
        new = entry(on(13), run_id=1, timing="during_run", leakage="drops")
        assert symptoms.linked_run_key(new, symptoms.running_sessions(h.runs)) is None


def test_linking_by_timing_picks_the_latest_run_within_a_day():
    sessions = symptoms.running_sessions(history(runs=[run(1, on(13)), run(2, on(13, 1)), run(3, on(13, 5))]).runs)
    assert symptoms.linked_run_key(entry(on(13, 1), timing="within_24h"), sessions) == 2
    assert symptoms.linked_run_key(entry(on(13, 2), timing="within_24h"), sessions) == 2
    assert symptoms.linked_run_key(entry(on(13, 3), timing="within_24h"), sessions) is None
    assert symptoms.linked_run_key(entry(on(13, 1), timing="not_linked"), sessions) is None
    assert symptoms.linked_run_key(entry(on(13, 4), run_id=1), sessions) == 1


class TestRecurCountsOnlyTheLastFiveRuns:
    runs = [run(i, on(13, 2 * i), 30) for i in range(1, 7)]  # 6 runs, days 93 to 103

    def _flags(self, symptomatic_runs):
        rows = [symptom(i, on(13, 2 * i), run_id=i, timing="during_run", leakage="drops") for i in symptomatic_runs]
        h = history(runs=self.runs, symptoms=rows)
        new = entry(on(13, 12), run_id=6, timing="during_run", leakage="drops")
        return red_flags_for_entry(new, profile=profile(), history=h, today=on(13, 12))

    def test_run_1_is_the_sixth_from_last_and_does_not_count(self):
        assert self._flags([1, 4]) == []

    def test_3_of_the_last_5_raise(self):
        assert self._flags([2, 4]) == ["symptoms_recur_with_running"]

    def test_the_new_entry_must_belong_to_one_of_the_last_5(self):
        rows = [symptom(i, on(13, 2 * i), run_id=i, timing="during_run", leakage="drops") for i in (3, 4, 5)]
        h = history(runs=self.runs, symptoms=rows)
        old = entry(on(13, 2), run_id=1, timing="during_run", leakage="drops")
        assert red_flags_for_entry(old, profile=profile(), history=h, today=on(13, 12)) == []


class TestHeavinessComparedWithEveryEarlierScore:
    earlier = [symptom(1, on(13), heaviness_0_10=2), symptom(2, on(13, 2), heaviness_0_10=5)]

    @pytest.mark.parametrize(("score", "codes"), [(4, []), (5, []), (6, ["heaviness_new_or_worse"])])
    def test_above_the_highest_earlier_score_only(self, score, codes):
        h = history(symptoms=self.earlier)
        assert red_flags_for_entry(entry(DAY, heaviness_0_10=score), profile=profile(), history=h, today=DAY) == codes

    def test_a_same_day_earlier_entry_counts(self):
        h = history(symptoms=[symptom(1, DAY, heaviness_0_10=3)])
        assert red_flags_for_entry(entry(DAY, heaviness_0_10=3), profile=profile(), history=h, today=DAY) == []

    @pytest.mark.parametrize(("score", "codes"), [(0, []), (0.5, []), (1, ["heaviness_new_or_worse"])])
    def test_heaviness_1_is_the_least_that_counts(self, score, codes):
        assert (
            red_flags_for_entry(entry(DAY, heaviness_0_10=score), profile=profile(), history=history(), today=DAY)
            == codes
        )


@pytest.mark.parametrize(("offset_days", "linked"), [(0, 3), (1, 3), (2, None)])
def test_a_within_24h_entry_links_on_the_day_or_the_day_after_only(offset_days, linked):
    sessions = symptoms.running_sessions(history(runs=[run(3, on(13))]).runs)
    assert symptoms.linked_run_key(entry(on(13, offset_days), timing="within_24h"), sessions) == linked


def test_urgency_headings_and_icons_cover_every_urgency():
    assert tuple(symptoms.URGENCY_HEADINGS) == symptoms.URGENCIES
    assert tuple(symptoms.URGENCY_ICONS) == symptoms.URGENCIES


def test_run_label_is_one_format():
    assert models.run_label(date(2026, 3, 1), "walk_run", 30.0) == "2026-03-01 · Walk-run intervals · 30 min"
    assert models.run_label("2026-03-01", "continuous", 32.5) == "2026-03-01 · Continuous run · 32.5 min"


# ---------------------------------------------------------------- bleeding (issue 11)


@pytest.mark.parametrize(
    ("day", "fields", "codes"),
    [
        (on(2), {"bleeding": "heavy"}, ["heavy_bleeding"]),  # the tick box's urgent flag, at any week
        (on(20), {"bleeding": "heavy"}, ["heavy_bleeding", "bleeding_beyond_8_weeks"]),
        (on(5), {"bleeding": "like_period"}, []),  # lochia in the first weeks
        (
            on(7, 6),
            {"bleeding": "spotting", "bleeding_heavier_with_activity": True},
            ["bleeding_heavier_with_activity"],
        ),
        (on(8), {"bleeding": "spotting", "bleeding_heavier_with_activity": True}, ["bleeding_beyond_8_weeks"]),
        (on(7, 6), {"bleeding": "like_period"}, []),  # day 55
        (on(8), {"bleeding": "like_period"}, ["bleeding_beyond_8_weeks"]),  # day 56
        (on(8, 1), {"bleeding": "like_period", "bleeding_is_period": True}, []),  # her period
        (on(8, 1), {"bleeding": "none", "bleeding_heavier_with_activity": True}, []),
    ],
)
def test_bleeding_levels_raise_the_flags_a_clinician_would(day, fields, codes):
    assert red_flags_for_entry(entry(day, **fields), profile=profile(), history=history(), today=day) == codes


def test_heavy_bleeding_from_an_entry_is_the_same_urgent_flag_as_the_tick_box():
    flag = RED_FLAGS["heavy_bleeding"]
    assert flag.urgency == "same_day"
    assert flag.advice == (
        "Contact your midwife or GP today. Call emergency services if you feel faint or are soaking pads."
    )
    assert "heavy_bleeding" in CHECKIN_FLAG_CODES and "heavy_bleeding" in ENTRY_FLAG_CODES


def test_bleeding_beyond_8_weeks_is_for_a_gp_or_midwife_not_the_physio():
    flag = RED_FLAGS["bleeding_beyond_8_weeks"]
    assert flag.urgency == "gp"
    assert "GP or midwife" in flag.advice and "physiotherapist" not in flag.advice


def test_her_period_is_not_a_symptom():
    period = entry(on(20), bleeding="like_period", bleeding_is_period=True)
    assert has_symptoms(period) is False
    assert has_symptoms(entry(on(20), bleeding="like_period")) is True


@pytest.mark.parametrize(
    "code", ["dizziness_or_fainting", "mastitis", "urine_infection", "fever", "severe_headache_or_vision"]
)
def test_the_new_checkin_flags_are_same_day_with_sources(code):
    flag = RED_FLAGS[code]
    assert (flag.urgency, code in CHECKIN_FLAG_CODES) == ("same_day", True)
    assert flag.source


def test_pre_eclampsia_signs_are_named():
    assert "pain high on the right of your belly" in RED_FLAGS["severe_headache_or_vision"].label
    assert "pre-eclampsia" in RED_FLAGS["severe_headache_or_vision"].advice
    assert RED_FLAGS["breathlessness"].label == "Short of breath at rest, or struggling to breathe"
