"""Unit tests for plan.py and the phase data / readiness rules of phases.py."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from return_to_run import models, phases, plan
from return_to_run.plan import LEVELS, check_planned_run, current_level, modifiers_for, sessions_needed
from tests.scenario_helpers import (
    flag,
    foundation,
    history,
    load_tests,
    on,
    profile,
    result,
    run,
    session_tuple,
    symptom,
    three_a_week,
)


def test_levels_table():
    assert [
        (lv.number, lv.run_interval_min, lv.walk_interval_min, lv.repeats, lv.total_min, lv.run_min) for lv in LEVELS
    ] == [
        (1, 1, 2, 10, 30, 10),
        (2, 1, 1.5, 12, 30, 12),
        (3, 1, 1, 15, 30, 15),
        (4, 2, 1, 10, 30, 20),
        (5, 3, 1, 8, 32, 24),
        (6, 5, 1, 5, 30, 25),
        (7, 7, 1, 4, 32, 28),
        (8, 10, 1, 3, 33, 30),
        (9, 15, 1, 2, 32, 30),
        (10, 30, 0, 1, 30, 30),
    ]
    assert all(lv.source for lv in LEVELS)


def test_each_step_changes_one_interval_and_running_never_drops():
    for before, after in zip(LEVELS, LEVELS[1:], strict=False):
        assert after.run_min >= before.run_min
        if not after.continuous:
            changed = (
                before.run_interval_min != after.run_interval_min,
                before.walk_interval_min != after.walk_interval_min,
            )
            assert sum(changed) == 1
        # no level is longer than 110% of the one before: the Frandsen cap never blocks progress
        assert after.total_min <= before.total_min * 1.1


def test_final_level_is_30_minutes_continuous():
    assert (plan.FINAL_LEVEL.total_min, plan.FINAL_LEVEL.walk_interval_min, plan.FINAL_LEVEL.repeats) == (30, 0, 1)
    assert plan.describe_level(LEVELS[2]) == "Level 3: run 1 min, walk 1 min, x15 (30 min)"
    assert plan.describe_level(LEVELS[-1]) == "Level 10: 30 min continuous easy running"


@pytest.mark.parametrize(
    ("changes", "codes", "needed"),
    [
        ({}, [], 3),
        ({"feeding": "mixed"}, ["breastfeeding"], 4),
        ({"feeding": "breastfeeding", "running_background": "new"}, ["breastfeeding", "new_to_running"], 5),
        (
            {
                "short_sleep_or_high_fatigue": True,
                "previous_running_injury": True,
                "leaked_before_or_during_pregnancy": True,
            },
            ["short_sleep_or_high_fatigue", "previous_running_injury", "leaked_before_or_during_pregnancy"],
            5,
        ),
        ({"birth_type": "assisted_vaginal"}, ["assisted_birth_or_severe_tear"], 4),
        ({"perineal_tear": "third_fourth"}, ["assisted_birth_or_severe_tear"], 4),
        ({"birth_type": "unplanned_c_section"}, [], 3),
    ],
)
def test_modifiers_and_sessions_needed(changes, codes, needed):
    p = profile(**changes)
    assert [m.code for m in modifiers_for(p)] == codes
    assert sessions_needed(p) == needed
    assert all(m.source and m.explanation for m in modifiers_for(p))


def test_current_level_with_no_runs_is_level_1_start():
    status = current_level(profile(), history(), on(12))
    assert (
        status.level.number,
        status.symptom_free_sessions_at_level,
        status.needed,
        status.last_change,
        status.plan_complete,
    ) == (1, 0, 3, "start", False)


def test_walks_do_not_count_toward_the_plan():
    h = history(runs=[run(i, on(12, 2 * i), 30, "walk") for i in range(1, 5)])
    assert current_level(profile(), h, on(14)).level.number == 1


def test_since_ignores_runs_before_the_tests():
    h = history(runs=three_a_week(1, on(10), 3))
    assert current_level(profile(), h, on(12)).level.number == 2
    assert current_level(profile(), h, on(12), since=on(11)).level.number == 1


def test_symptom_at_level_1_is_a_repeat_not_a_step_back():
    h = history(
        runs=three_a_week(1, on(12, 1), 2),
        symptoms=[symptom(1, on(12, 3), run_id=2, timing="during_run", leakage="more")],
    )
    status = current_level(profile(), h, on(12, 5))
    assert (
        status.level.number,
        status.symptom_free_sessions_at_level,
        status.last_change,
        status.last_change_date,
    ) == (1, 0, "repeat", on(12, 3))


def test_symptom_without_symptoms_does_not_count():
    h = history(
        runs=three_a_week(1, on(12, 1), 3), symptoms=[symptom(1, on(12, 3), run_id=2, timing="during_run")]
    )  # all zero
    assert current_level(profile(), h, on(13)).level.number == 2


def test_symptom_the_day_after_links_by_timing():
    h = history(
        runs=three_a_week(1, on(12, 1), 3), symptoms=[symptom(1, on(12, 6), timing="within_24h", pain_hip_0_10=2)]
    )  # day after run 3
    status = current_level(profile(), h, on(13))
    assert (status.level.number, status.last_change) == (1, "repeat")


def test_symptom_not_linked_to_a_run_does_not_move_the_level():
    h = history(
        runs=three_a_week(1, on(12, 1), 3), symptoms=[symptom(1, on(12, 6), timing="not_linked", pain_hip_0_10=2)]
    )
    assert current_level(profile(), h, on(13)).level.number == 2


def test_levels_and_caps_in_numbers():
    h = history(runs=[run(1, on(12, 1), 20), run(2, on(12, 3), 10, "continuous"), run(3, on(12, 4), 30, "walk")])
    assert plan.longest_recent_run(h, on(12, 5)) == 20
    assert plan.single_run_cap(h, on(12, 5)) == 22
    # the window is the 30 days before today, inclusive: 03-28 (10 min) is in on 04-27, out on 04-28
    assert plan.longest_recent_run(h, date(2024, 4, 27)) == 10
    assert plan.longest_recent_run(h, date(2024, 4, 28)) is None
    allowance = plan.weekly_allowance(h, on(12, 5))
    # the week before had no running: nothing to compare with, so no weekly limit
    assert (allowance.this_week, allowance.previous_week, allowance.limit, allowance.remaining) == (
        30,
        0,
        None,
        math.inf,
    )


def test_weekly_limit_is_110_percent_once_above_the_base():
    h = history(runs=[run(i, on(12, i), 40, "continuous") for i in range(0, 7)] + [run(10, on(13, 1), 30)])
    allowance = plan.weekly_allowance(h, on(13, 6))
    assert (allowance.previous_week, allowance.limit, allowance.this_week) == (280, 308, 30)


def test_suggest_session_rest_with_open_flag():
    h = history(red_flags=[flag(1, "fever", on(12))])
    s = plan.suggest_session(profile(), h, on(12, 1))
    assert session_tuple(s) == ("rest", 1, 0, 0, 0, 0, 0)
    assert "fever" in s.reason.lower() or "temperature" in s.reason.lower()


def test_suggest_session_cut_for_weekly_allowance_keeps_pattern():
    # last week 20 min of running (limit 25: +5 for a small week); 20 already this week: 5 left
    runs = [run(i + 1, day, 10, "continuous") for i, day in enumerate((on(12), on(12, 2), on(13), on(13, 2)))]
    s = plan.suggest_session(profile(), history(runs=runs), on(13, 4))
    assert session_tuple(s) == ("walk_run", 2, 1, 1.5, 5, 12.5, 5)
    assert s.notes[-1] == (
        "Cut to 5 min of running to keep this week within 25 min (about 10% more than last week's 20, Deering 2024)."
    )


def test_check_planned_run_no_warnings_inside_limits():
    h = history(runs=[run(1, on(12, 1), 30)])
    assert check_planned_run(33, h, on(12, 3)) == []


def test_check_planned_run_after_a_break():
    h = history(runs=[run(1, on(12, 1), 30)])
    assert check_planned_run(40, h, on(20)) == [
        "No runs in the last 30 days: start again at level 1 (run 1 min, walk 2 min, x10, 10 min of running)."
    ]
    level_1 = {"run_interval_min": 1, "walk_interval_min": 2, "interval_repeats": 10}
    assert check_planned_run(30, h, on(20), kind="walk_run", **level_1) == []  # 10 min of running
    assert check_planned_run(10, h, on(20)) == []
    assert len(check_planned_run(11, h, on(20))) == 1


def test_check_planned_run_exact_110_message():
    h = history(runs=[run(1, on(12, 1), 30)])
    assert check_planned_run(34, h, on(12, 3)) == [
        "34 min of running is more than 110% of your longest run in the last 30 days (30 min of running): keep "
        "it to 33 min or less. Runs more than 10% longer than that were linked to more injuries (Frandsen 2025)."
    ]


def test_check_planned_run_open_flag_and_hills_before_levels():
    h = history(runs=[run(1, on(30), 30)], red_flags=[flag(1, "bowel_leakage", on(30))])
    warnings = check_planned_run(30, h, on(30, 2), kind="hills_speed", profile=profile())
    # the open flag is the banner's to say (guidance.run_form_state), not a volume warning
    assert warnings == [
        "Hills, speed and the buggy come after the walk-run levels, one at a time: finish the levels first "
        "(Deering 2024).",
    ]


def test_buggy_is_fine_after_26_weeks_in_building():
    runs = three_a_week(1, on(20), 30)  # last session 2024-07-20 (on(29, 4))
    h = history(runs=runs)
    assert runs[-1]["run_date"] == on(29, 4)
    assert current_level(profile(), h, on(29, 4)).plan_complete is True
    assert check_planned_run(30, h, on(30), kind="buggy", profile=profile()) == []


# ---------------------------------------------------------------- phases data and readiness


def test_phases_are_data_in_model_order_with_sources():
    assert tuple(p.code for p in phases.PHASES) == tuple(models.PHASE_CODES)
    for phase in phases.PHASES:
        assert phase.source and phase.what_it_means and phase.focus and phase.entry_criteria
        assert phase.name == models.PHASE_CODES[phase.code]
    assert [p.about_weeks for p in phases.PHASES] == [(0, 6), (6, 12), (12, None), (12, None), (16, None)]


def test_readiness_status_latest_result_wins():
    h = history(
        readiness=[
            result(1, on(12), "hop_in_place", had_symptoms=1),
            result(2, on(13), "hop_in_place"),
            result(3, on(12), "forward_bounds"),
            result(4, on(13), "forward_bounds", completed=0),
            result(5, on(13), "calf_raise", reps=(20, 19)),
            result(6, on(13), "single_leg_bridge", reps=(25, 20)),
            result(7, on(13), "side_lying_hip_abduction", reps=(30, 30), had_symptoms=1),
        ]
    )
    status = phases.readiness_status(h, on(13, 1))
    assert status == {
        "walk_30min": "not_done",
        "single_leg_balance": "not_done",
        "single_leg_squat": "not_done",
        "jog_on_spot": "not_done",
        "forward_bounds": "failed",
        "hop_in_place": "passed",
        "running_man": "not_done",
        "calf_raise": "failed",
        "single_leg_bridge": "passed",
        "single_leg_sit_to_stand": "not_done",
        "side_lying_hip_abduction": "failed",
    }
    assert phases.strength_focus(h) == ("calf_raise", "side_lying_hip_abduction")
    # a result dated after `today` is ignored
    assert phases.readiness_status(h, on(12, 6))["hop_in_place"] == "failed"


def test_results_go_stale_after_56_days_without_running():
    h = history(readiness=load_tests(on(12)))
    assert phases.readiness_status(h, on(20))["walk_30min"] == "passed"  # 56 days
    assert phases.readiness_status(h, on(20, 1))["walk_30min"] == "not_done"
    with_running = history(readiness=load_tests(on(12)), runs=[run(1, on(19))])
    assert phases.readiness_status(with_running, on(20, 1))["walk_30min"] == "passed"


def test_tests_passed_date_is_the_last_of_the_seven():
    rows = load_tests(on(12)) + [result(20, on(12, 3), "jog_on_spot")]
    assert phases.tests_passed_date(history(readiness=rows), on(13)) == on(12, 3)
    assert phases.tests_passed_date(history(readiness=rows[:6]), on(13)) is None


def test_assess_before_birth_is_early_recovery_with_a_note():
    a = phases.assess(profile(birth_date=date(2024, 6, 1)), history(), date(2024, 5, 1))
    assert a.phase.code == "early_recovery"
    assert a.weeks_since_birth == -5
    assert "not born yet" in a.messages[0]


def test_assessment_withheld_still_computes_everything():
    h = history(
        readiness=load_tests(on(12)) + [result(8, on(12), "calf_raise", reps=(5, 5))],
        red_flags=[flag(1, "wound_not_healing", on(12)), flag(2, "seizure", on(12))],
    )
    a = phases.assess(profile(), h, on(12, 1))
    assert a.phase.code == "return_to_running"
    assert [f.code for f in a.open_red_flags] == ["seizure", "wound_not_healing"]
    assert (a.training_withheld, a.session, a.todays_focus) == (True, None, ())
    assert a.strength_focus == ("calf_raise",)
    assert a.level_status.level.number == 1
    assert a.next_phase.code == "building_running"
    assert a.messages[0].startswith("Red flag: A seizure or fit.")


# ---------------------------------------------------------------- properties


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 60), st.integers(5, 60), st.sampled_from(("walk_run", "continuous", "walk", "buggy"))),
        max_size=25,
    ),
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 6)), max_size=6),
)
def test_suggested_session_never_breaks_the_caps(run_specs, symptom_specs):
    runs = [run(i + 1, on(12, day), minutes, kind) for i, (day, minutes, kind) in enumerate(run_specs)]
    rows = [
        symptom(i + 1, on(12, day), timing="within_24h", pain_knee_0_10=score)
        for i, (day, score) in enumerate(symptom_specs)
    ]
    h = history(runs=runs, symptoms=rows)
    today = on(12, 61)
    s = plan.suggest_session(profile(), h, today)
    status = current_level(profile(), h, today)
    assert 1 <= s.level_number <= len(LEVELS)
    if s.kind == "rest":
        return
    cap = plan.single_run_cap(h, today)
    if cap is not None:
        assert s.run_min <= cap + 1e-9
    assert s.run_min <= plan.weekly_allowance(h, today).remaining + 1e-9
    assert s.run_min >= plan.MIN_SESSION_RUN_MIN
    assert s.run_min <= s.total_min
    if not status.plan_complete:
        assert s.run_min <= status.level.run_min


def test_phase_periods_calendar_part_only():
    periods = phases.phase_periods(profile(), on(13))
    assert periods.to_dict("records") == [
        {"start": date(2024, 1, 1), "end": date(2024, 2, 12), "phase": "Early recovery"},
        {"start": date(2024, 2, 12), "end": date(2024, 3, 25), "phase": "Rebuilding"},
        {"start": date(2024, 3, 25), "end": None, "phase": "From 12 weeks: tests and symptoms decide"},
    ]
    assert list(phases.phase_periods(profile(), on(3))["phase"]) == ["Early recovery"]


# ---------------------------------------------------------------- every boundary on its day


@pytest.mark.parametrize(
    ("today", "code"),
    [
        (on(5, 6), "early_recovery"),  # day 41
        (on(6), "rebuilding"),  # day 42: 6 weeks
        (on(11, 6), "rebuilding"),  # day 83
        (on(12), "return_to_running"),  # day 84: 12 weeks, tests passed
        (on(12, 1), "return_to_running"),
    ],
)
def test_phase_gates_on_the_day_itself(today, code):
    # a "no symptoms" check-in in the last 14 days shows she is symptom-free
    h = history(readiness=load_tests(on(5)), symptoms=[symptom(1, on(11, 6))])
    assert phases.assess(profile(), h, today).phase.code == code


def test_without_the_tests_day_84_is_readiness():
    assert phases.assess(profile(), history(), on(12)).phase.code == "readiness"


@pytest.mark.parametrize(("today", "status"), [(on(20), "passed"), (on(20, 1), "not_done")])
def test_a_result_is_valid_for_56_days(today, status):
    h = history(readiness=load_tests(on(12)))  # day 84; day 140 is 56 days later
    assert phases.readiness_status(h, today)["walk_30min"] == status


@pytest.mark.parametrize(
    ("run_day", "status"), [(on(25, 5), "passed"), (on(25, 4), "not_done"), (on(30, 1), "not_done")]
)
def test_an_old_result_stays_valid_with_a_run_in_the_last_30_days(run_day, status):
    # today = on(30) = day 210; the results (day 84) are stale; a run on day 180 (30 days back) keeps
    # them, day 179 does not, nor does a run after today.
    h = history(readiness=load_tests(on(12)), runs=[run(1, run_day)])
    assert phases.readiness_status(h, on(30))["walk_30min"] == status


@pytest.mark.parametrize(("session_day", "done"), [(on(3), True), (on(2, 1), True), (on(2), False), (on(3, 1), False)])
def test_foundation_checklist_counts_the_last_7_days_today_included(session_day, done):
    h = history(foundation=[foundation(1, session_day, "pelvic_floor")])
    item = phases.assess(profile(), h, on(3)).checklist[1]
    assert (item.label, item.done) == ("Pelvic floor exercises logged in the last 7 days", done)


@pytest.mark.parametrize(("symptom_day", "code"), [(on(14, 1), "readiness"), (on(14), "return_to_running")])
def test_pelvic_symptoms_in_the_last_14_days_keep_the_gate_shut(symptom_day, code):
    # today = on(16) = day 112; day 99 (13 days back) is in the window, day 98 is not.
    checkin = symptom(2, on(15, 6))  # a "no symptoms" check-in: something to judge the 14 days by
    h = history(readiness=load_tests(on(12)), symptoms=[symptom(1, symptom_day, leakage="drops"), checkin])
    assert phases.assess(profile(), h, on(16)).phase.code == code


@pytest.mark.parametrize(
    ("reps", "focus"),
    [
        ((19, 20), "Strength work for: single-leg calf raise (target 20 reps each side)"),
        ((20, 19), "Strength work for: single-leg calf raise (target 20 reps each side)"),
        ((20, 20), None),
    ],
)
def test_a_strength_test_under_20_reps_is_in_todays_focus(reps, focus):
    h = history(readiness=[result(1, on(12), "calf_raise", reps=reps)])
    a = phases.assess(profile(), h, on(13))
    strength = [line for line in a.todays_focus if line.startswith("Strength work for")]
    assert strength == ([focus] if focus else [])
    assert a.strength_focus == (("calf_raise",) if focus else ())


LEVEL_2_RUNS = [run(1, on(13)), run(2, on(13, 2)), run(3, on(13, 4))]  # 3 symptom-free: level 2 after day 95


@pytest.mark.parametrize(("gap_days", "level", "change"), [(30, 2, "moved_up"), (31, 1, "restart")])
def test_restart_after_more_than_30_days_without_running(gap_days, level, change):
    today = on(13, 4) + timedelta(days=gap_days)
    status = current_level(profile(), history(runs=LEVEL_2_RUNS), today)
    assert (status.level.number, status.last_change) == (level, change)


@pytest.mark.parametrize(("gap_days", "level", "count"), [(30, 2, 1), (31, 1, 1)])
def test_restart_between_two_runs(gap_days, level, count):
    later = on(13, 4) + timedelta(days=gap_days)
    status = current_level(profile(), history(runs=[*LEVEL_2_RUNS, run(4, later)]), later)
    assert (status.level.number, status.symptom_free_sessions_at_level) == (level, count)


@pytest.mark.parametrize(("runs_after", "level", "count", "change"), [(2, 1, 2, "restart"), (3, 2, 0, "moved_up")])
def test_after_a_restart_3_sessions_to_move_up(runs_after, level, count, change):
    back = on(13, 4) + timedelta(days=31)
    again = [run(10 + i, back + timedelta(days=2 * i)) for i in range(runs_after)]
    status = current_level(profile(), history(runs=[*LEVEL_2_RUNS, *again]), back + timedelta(days=6))
    assert (status.level.number, status.symptom_free_sessions_at_level, status.last_change) == (level, count, change)


@pytest.mark.parametrize(
    ("run_day", "this_week", "previous_week"),
    [(on(20), 50.0, 0.0), (on(19, 6), 0.0, 50.0), (on(19), 0.0, 50.0), (on(18, 6), 0.0, 0.0)],
)
def test_the_weeks_are_calendar_weeks_as_on_trends(run_day, this_week, previous_week):
    # today = Thursday on(20, 3): this week from Monday on(20), the week before from Monday on(19)
    allowance = plan.weekly_allowance(history(runs=[run(1, run_day, 50, "continuous")]), on(20, 3))
    assert (allowance.this_week, allowance.previous_week) == (this_week, previous_week)
    assert allowance.week_start == on(20)


@pytest.mark.parametrize(
    ("done_this_week", "expected"),
    [
        (60, ("walk_run", 1, 1, 2, 6, 18, 6)),  # 6 min left of 66: six rounds of level 1
        (60.5, ("walk_run", 1, 1, 2, 6, 17.5, 5.5)),  # 5.5 left: five rounds and a 0.5-minute one
        (61, ("walk_run", 1, 1, 2, 5, 15, 5)),  # exactly the 5-minute minimum
        (61.5, ("rest", 1, 0, 0, 0, 0, 0)),  # 4.5 min left: under the minimum, rest
    ],
)
def test_a_trimmed_session_and_the_minimum_length(done_this_week, expected):
    # last week 60 min of running (limit 66); this week `done_this_week` already, on Monday
    runs = [run(1, on(19, 1), 60, "walk"), run(2, on(19, 2), 60, "hills_speed"), run(3, on(20), done_this_week, "walk")]
    runs.append(run(4, on(20), done_this_week, "hills_speed"))
    session = plan.suggest_session(profile(), history(runs=runs), on(20, 2), since=on(20, 2))
    assert session_tuple(session) == expected


@pytest.mark.parametrize(
    ("longest_day", "minutes", "warned"), [(-30, 33, False), (-30, 34, True), (-31, 10, False), (-31, 11, True)]
)
def test_planned_run_against_the_longest_in_30_days(longest_day, minutes, warned):
    today = on(20)
    h = history(runs=[run(1, today + timedelta(days=longest_day), 30)])
    warnings = check_planned_run(minutes, h, today)
    # 31 days back the run is out of the window: then only more than level 1 (10 min of running) warns.
    assert bool(warnings) is warned


# ---------------------------------------------------------------- the whole session she is given

STOP = (
    "If leakage, heaviness, dragging or pain comes on during a run interval, stop and walk for the rest of the "
    "session, and log it (Deering 2024)."
)
# three symptom-free 32.7-min continuous runs after the tests, and a 40-min walk-run before them
AFTER_THE_LEVELS = [run(i + 1, on(24, 2 * i + 1), 32.7, "continuous") for i in range(3)] + [
    run(9, on(23, 5), 40, "walk_run")
]


@pytest.mark.parametrize(
    ("today", "buggy"),
    [
        (on(25, 6), "Running with the buggy waits until about 6 months (26 weeks; you are at 25) (Goom 2019)."),
        (on(26), "Running with the buggy can be your one new thing (from about 6 months, Goom 2019)."),
    ],
)
def test_after_the_levels_repeat_the_longest_continuous_run_then_volume_then_one_thing(today, buggy):
    h = history(readiness=load_tests(on(24)), runs=AFTER_THE_LEVELS)
    assert plan.suggest_session(profile(), h, today, since=on(24)) == plan.Session(
        "continuous",
        10,
        32.0,
        0.0,
        1,
        32.0,
        32.0,
        "You have finished the walk-run levels: repeat your longest recent run (32 min).",
        (
            STOP,
            "Volume first: a run can grow to 44 min (110% of your longest in 30 days, Frandsen 2025).",
            "Then change one thing at a time: speed or hills (Deering 2024).",
            buggy,
        ),
    )


def test_a_session_cut_to_the_single_run_cap_ends_with_a_shorter_round():
    # 1 min run / 1 min walk x 15 (15 running minutes) every other day: level 6 (5 min run / 1 min walk x 5) comes
    # next, but 110% of 15 minutes is 16.5: three whole rounds and a last run of 1.5 minutes
    runs = [
        run(i + 1, on(13, 1) + timedelta(days=2 * i), 30, run_interval_min=1, walk_interval_min=1, interval_repeats=15)
        for i in range(9)
    ]
    h = history(readiness=load_tests(on(13)), runs=runs)
    assert plan.suggest_session(profile(), h, on(13, 19), since=on(13)) == plan.Session(
        "walk_run",
        6,
        5,
        1,
        4,
        20.5,
        16.5,
        "Level 6: you moved up after 3 symptom-free sessions.",
        (
            STOP,
            "Cut to 16.5 min of running: no run more than 110% of your longest in the last 30 days (15 min of "
            "running) (Frandsen 2025).",
            "The last round is shorter: run 1.5 min.",
        ),
        None,
        1.5,
    )


def test_rest_after_a_run_today_or_yesterday_on_the_levels():
    h = history(readiness=load_tests(on(13)), runs=[run(1, on(13, 1), 30)])
    today = plan.suggest_session(profile(), h, on(13, 1), since=on(13))
    tomorrow = plan.suggest_session(profile(), h, on(13, 2), since=on(13))
    assert (today.kind, today.reason, today.next_date) == (
        "rest",
        "You have run today; the next session is after a rest day.",
        on(13, 3),
    )
    assert (tomorrow.kind, tomorrow.reason, tomorrow.next_date) == (
        "rest",
        "Rest day: on the walk-run levels, leave a day between runs.",
        on(13, 3),
    )
