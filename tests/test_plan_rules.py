"""Issue 17: the rules of plan.py pinned at their boundaries, with literal expected values.

Birth is Monday 2024-01-01 (tests/scenario_helpers.on). Sessions are 30-minute walk-runs every other
day unless said; 3 symptom-free sessions move her up a level.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from return_to_run import plan
from return_to_run.plan import current_level, suggest_session
from tests.scenario_helpers import flag, history, on, profile, run, session_tuple, symptom

STOP = (
    "If leakage, heaviness, dragging or pain comes on during a run interval, stop and walk for the rest of the "
    "session, and log it (Deering 2024)."
)


def sessions(count: int, start=None, **extra) -> list[dict]:
    """`count` sessions every other day from `start` (default on(20)), ids 1.."""
    start = start or on(20)
    return [run(i + 1, start + timedelta(days=2 * i), **extra) for i in range(count)]


def day_of(n: int, start=None):
    """The date of the n-th session (1-based) of sessions()."""
    return (start or on(20)) + timedelta(days=2 * (n - 1))


def after(n: int, **fields) -> dict:
    """A symptom entry linked to the n-th session."""
    return symptom(100 + n, day_of(n), run_id=n, timing="during_run", **fields)


def status_after(count: int, symptoms=(), **kwargs):
    return current_level(profile(), history(runs=sessions(count), symptoms=list(symptoms)), day_of(count), **kwargs)


def summary(status) -> tuple:
    return (status.level.number, status.symptom_free_sessions_at_level, status.last_change)


# ---------------------------------------------------------------- what counts as a pelvic symptom, what is marked


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"heaviness_0_10": 1}, (2, 0, "repeat")),  # any heaviness is a pelvic symptom
        ({"pain_low_back_0_10": 1}, (2, 0, "repeat")),  # any pelvic-site pain too
        ({"pain_low_back_0_10": 3}, (2, 0, "repeat")),  # a first mild one repeats the level
        ({"pain_low_back_0_10": 4}, (1, 0, "stepped_back")),  # 4/10 is marked: one level back at once
        ({"heaviness_0_10": 3}, (2, 0, "repeat")),
        ({"heaviness_0_10": 4}, (1, 0, "stepped_back")),  # heaviness counts towards "marked" too
    ],
)
def test_a_pelvic_symptom_at_level_2(fields, expected):
    assert summary(status_after(4, [after(4, **fields)])) == expected


def test_a_second_pelvic_symptom_after_a_step_back_repeats_not_steps_again():
    # level 3 after 6 sessions; mild leakage after 7 and 8: back to 2; mild leakage after 9: repeat at 2
    leaks = [after(n, leakage="drops") for n in (7, 8, 9)]
    status = status_after(9, leaks)
    assert summary(status) == (2, 0, "repeat")
    assert (status.joint_site, status.stepped_back_from) == (None, None)


def test_after_a_placement_the_first_symptom_repeats():
    # two 2/1 x10 walk-runs cover level 4: placed there; mild leakage after the third
    runs = sessions(3, run_interval_min=2, walk_interval_min=1, interval_repeats=10)
    h = history(runs=runs, symptoms=[after(3, leakage="drops")])
    assert summary(current_level(profile(), h, day_of(3))) == (4, 0, "repeat")


def test_mild_joint_pain_keeps_that_session_from_counting_but_keeps_the_count():
    # 2 symptom-free, knee 3/10 after the 3rd (does not count, count stays 2), the 4th moves her up
    knee = [after(3, pain_knee_0_10=3)]
    assert summary(status_after(3, knee)) == (1, 2, "repeat")
    assert summary(status_after(4, knee)) == (2, 0, "moved_up")


# ---------------------------------------------------------------- joint pain: 3 of the last 4 runs


def test_joint_pain_in_3_of_the_last_4_right_after_moving_up():
    # level 2 after 3 sessions; knee 5/10 after 4, 5 and 6: the window is sessions 3-6 -> one level back
    knee = [after(n, pain_knee_0_10=5) for n in (4, 5, 6)]
    status = status_after(6, knee)
    assert (status.level.number, status.last_change, status.joint_site, status.stepped_back_from) == (
        1,
        "stepped_back",
        "knee",
        2,
    )


def test_after_a_joint_step_back_the_painful_runs_before_it_are_forgotten():
    # level 3 after 6; knee 5/10 after 7, 8 and 9: back to 2; knee 5/10 after 10 again: one run since, a repeat
    knee = [after(n, pain_knee_0_10=5) for n in (7, 8, 9, 10)]
    assert summary(status_after(9, knee[:3])) == (2, 0, "stepped_back")
    status = status_after(10, knee)
    assert (status.level.number, status.last_change, status.joint_site) == (2, "repeat", None)


def test_a_pelvic_step_back_keeps_the_joint_pain_before_it():
    # level 3 after 6; hip 5/10 after 7 and 8; marked leakage after 9 (back to 2); hip 5/10 after 10:
    # hip 5 after 3 of the last 4 (7, 8, 10) -> back to 1 for the hip
    symptoms = [after(7, pain_hip_0_10=5), after(8, pain_hip_0_10=5), after(9, leakage="more")]
    symptoms.append(after(10, pain_hip_0_10=5))
    status = status_after(10, symptoms)
    assert (status.level.number, status.last_change, status.joint_site, status.stepped_back_from) == (
        1,
        "stepped_back",
        "hip",
        2,
    )


# ---------------------------------------------------------------- placement and the window start


def test_two_sessions_at_her_own_level_are_not_a_placement():
    # walk-runs 1/2 x10 cover level 1: she is still at the start, 2 of 3 done
    status = current_level(
        profile(), history(runs=sessions(2, run_interval_min=1, walk_interval_min=2, interval_repeats=10)), day_of(2)
    )
    assert summary(status) == (1, 2, "start")


def test_two_sessions_one_level_up_place_her_there():
    runs = sessions(2, run_interval_min=1, walk_interval_min=1.5, interval_repeats=12)  # cover level 2
    assert summary(current_level(profile(), history(runs=runs), day_of(2))) == (2, 2, "placed")


def test_a_session_on_the_day_she_passed_the_tests_counts():
    status = current_level(profile(), history(runs=sessions(3)), day_of(3), since=on(20))
    assert summary(status) == (2, 0, "moved_up")
    assert (status.sessions_counted, status.last_session_date) == (3, day_of(3))


def test_start_where_i_am_looks_back_21_days_not_further():
    # 3 sessions on(20)..on(20, 4); tests passed on(24); confirmed on on(24, 1): from on(21, 1) only
    h = history(runs=sessions(3))
    status = current_level(profile(), h, on(24, 1), since=on(24), placement_confirmed=True)
    assert (summary(status), status.sessions_counted) == ((1, 0, "start"), 0)


# ---------------------------------------------------------------- restart after more than 30 days


def test_a_restart_today_leaves_nothing_done_at_level_1():
    status = current_level(profile(), history(runs=sessions(3)), day_of(3) + timedelta(days=31))
    assert summary(status) == (1, 0, "restart")
    assert (status.last_change_date, status.sessions_counted, status.last_session_date) == (None, 3, day_of(3))


def test_a_restart_undoes_a_finished_plan():
    # two 30-min runs place her at 10, the third finishes the levels; 31 days later one more run
    runs = [run(i + 1, on(20, 2 * i), 30, "continuous") for i in range(3)]
    finished = current_level(profile(), history(runs=runs), on(20, 4))
    assert (finished.level.number, finished.plan_complete) == (10, True)
    later = on(20, 4) + timedelta(days=31)
    status = current_level(profile(), history(runs=[*runs, run(9, later, 30, "continuous")]), later)
    assert (status.level.number, status.symptom_free_sessions_at_level, status.plan_complete) == (1, 1, False)
    assert (status.last_change, status.last_change_date) == ("restart", later)


# ---------------------------------------------------------------- the session's reason


def test_reason_after_a_pelvic_step_back():
    leaks = [after(n, leakage="drops") for n in (4, 5)]
    h = history(runs=sessions(5), symptoms=leaks)
    session = suggest_session(profile(), h, day_of(5) + timedelta(days=2))
    assert session.reason == "Level 1: one level back from 2, because symptoms came again or were strong."


def test_reason_after_a_restart():
    h = history(runs=sessions(3))
    session = suggest_session(profile(), h, day_of(3) + timedelta(days=31))
    assert session.reason == "Level 1: more than 30 days without running, so you start again from level 1."


def test_every_open_flag_is_named_mid_sentence_with_its_units_kept():
    # only the first letter goes to lower case: "38 °C", not "38 °c"
    h = history(runs=sessions(1), red_flags=[flag(1, "fever", on(20)), flag(2, "dizziness_or_fainting", on(20))])
    session = suggest_session(profile(), h, on(20, 1))
    assert session.reason == (
        "Training is paused while a red flag is open (a temperature of 38 °C (100.4 °F) or more, or "
        "foul-smelling discharge, feeling dizzy or faint, or fainting)."
    )


# ---------------------------------------------------------------- the caps on a session, on the boundary


def _level_1_with(longest: float):
    """Level 1 (nothing since the tests on on(20, 2)) after a `longest`-minute hills session on on(19, 1)."""
    return history(runs=[run(1, on(19, 1), longest, "hills_speed")])


def test_a_session_exactly_at_110_percent_of_her_longest_is_not_cut():
    session = suggest_session(profile(), _level_1_with(100 / 11), on(20, 2), since=on(20, 2))
    assert session_tuple(session) == ("walk_run", 1, 1, 2, 10, 30, 10)
    assert session.notes == (STOP,)


def test_a_session_just_over_110_percent_is_cut_to_a_shorter_last_round():
    # longest 9 min: at most 9.9 -> nine whole rounds and a last run of 0.5 (ten rounds, not eleven)
    session = suggest_session(profile(), _level_1_with(9), on(20, 2), since=on(20, 2))
    assert session == plan.Session(
        "walk_run",
        1,
        1,
        2,
        10,
        29.5,
        9.5,
        "Level 1: the first level of the walk-run plan.",
        (
            STOP,
            "Cut to 9.5 min of running: no run more than 110% of your longest in the last 30 days (9 min of "
            "running) (Frandsen 2025).",
            "The last round is shorter: run 0.5 min.",
        ),
        None,
        0.5,
    )


def _week_after_60(done: float):
    """Last week 60 min of running (limit 66 this week), `done` already this week; level 1 from on(20, 2)."""
    runs = [run(1, on(19, 1), 30, "hills_speed"), run(2, on(19, 3), 30, "hills_speed")]
    if done:
        runs.append(run(3, on(20), done, "hills_speed"))
    return history(runs=runs)


def test_a_session_that_fills_the_week_exactly_is_not_cut():
    session = suggest_session(profile(), _week_after_60(56), on(20, 2), since=on(20, 2))
    assert session_tuple(session) == ("walk_run", 1, 1, 2, 10, 30, 10)
    assert session.notes == (STOP,)


def test_a_session_half_a_minute_over_the_week_is_cut():
    session = suggest_session(profile(), _week_after_60(56.5), on(20, 2), since=on(20, 2))
    assert session_tuple(session) == ("walk_run", 1, 1, 2, 10, 29.5, 9.5)
    assert session.notes == (
        STOP,
        "Cut to 9.5 min of running to keep this week within 66 min (about 10% more than last week's 60, Deering 2024).",
        "The last round is shorter: run 0.5 min.",
    )
    assert session.last_run_interval_min == 0.5


def test_a_cut_to_whole_rounds_has_no_shorter_last_round():
    # 59 done: 7 left -> seven whole rounds of 1/2
    session = suggest_session(profile(), _week_after_60(59), on(20, 2), since=on(20, 2))
    assert (session.repeats, session.run_min, session.last_run_interval_min) == (7, 7, None)


def test_rest_when_the_week_is_used_up_says_how_much():
    session = suggest_session(profile(), _week_after_60(61.5), on(20, 2), since=on(20, 2))
    assert (session.kind, session.reason, session.next_date) == (
        "rest",
        "Rest: your running this week (61.5 min) has reached this week's 66 min, about 10% more than last week "
        "(Deering 2024).",
        on(21),
    )


# ---------------------------------------------------------------- checking what she types


@pytest.mark.parametrize(("minutes", "warned"), [(10, False), (10.5, True)])
def test_a_planned_run_that_fills_the_week_exactly_is_fine(minutes, warned):
    warnings = plan.check_planned_run(minutes, _week_after_60(56), on(20, 2))
    weekly = [w for w in warnings if w.startswith("That brings your running")]
    assert bool(weekly) is warned


@pytest.mark.parametrize(("minutes", "kind", "warned"), [(0, "walk", False), (1, "continuous", True)])
def test_a_walk_never_warns_but_a_minute_of_running_does(minutes, kind, warned):
    # this week already holds 70 min after 60 last week: over its 66
    warnings = plan.check_planned_run(minutes, _week_after_60(70), on(20, 2), kind=kind)
    assert bool(warnings) is warned


@pytest.mark.parametrize(("today", "warned"), [(on(25, 6), True), (on(26), False)])
def test_the_buggy_from_26_weeks_on_the_day(today, warned):
    runs = [run(i + 1, today - timedelta(days=6 - 2 * i), 30, "continuous") for i in range(3)]  # levels done
    warnings = plan.check_planned_run(20, history(runs=runs), today, kind="buggy", profile=profile())
    buggy = [w for w in warnings if w.startswith("Running with a buggy")]
    assert bool(buggy) is warned
    assert not any(w.startswith("Hills, speed and the buggy") for w in warnings)
