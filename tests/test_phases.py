"""Unit tests for phases.py and phase_notes.py: the checklist and the messages she reads in
each phase, on the exact day each item turns."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from return_to_run import phases
from return_to_run.phase_notes import ChecklistItem
from tests.scenario_helpers import (
    BIRTH,
    flag,
    foundation,
    history,
    load_tests,
    on,
    profile,
    result,
    run,
    symptom,
)

GOOM = "Goom, Donnelly & Brockwell 2019"
TESTS = "Goom, Donnelly & Brockwell 2019 load and impact assessment [V2]"
WHY_WAIT = (
    "Why wait 12 weeks? An expert panel (Christopher 2024) said an individual return can be considered after at "
    "least 3 weeks of rest and recovery, with a clinician's assessment. This app cannot assess you, so it follows "
    "the more cautious guideline: no running before 12 weeks, and only after the load and impact tests (Goom 2019)."
)
EARLY_RUNS = (
    "You have logged runs before 12 weeks. Running is not advised before 3 months after birth (Goom 2019); "
    "walking and strength work build the base."
)
C_SECTION = (
    "After a C-section your own clinician decides when you are ready for exercise (ACOG). Your scar and abdominal "
    "wall keep healing for months (tissue healing takes about 4-6 months, Donnelly 2020): tell them about any scar "
    "pain, bulging or a gap along the middle of your tummy."
)


def day(n: int) -> date:
    return BIRTH + timedelta(days=n)


@pytest.mark.parametrize(
    ("days", "code"), [(-1, "early_recovery"), (0, "early_recovery"), (41, "early_recovery"), (42, "rebuilding")]
)
def test_early_recovery_until_day_42(days, code):
    assert phases.assess(profile(), history(), day(days)).phase.code == code


@pytest.mark.parametrize(("days", "code"), [(83, "rebuilding"), (84, "return_to_running")])
def test_running_opens_on_day_84_with_the_tests_passed(days, code):
    h = history(readiness=load_tests(day(80)))
    assert phases.assess(profile(), h, day(days)).phase.code == code


@pytest.mark.parametrize(("session_days_ago", "done"), [(0, True), (6, True), (7, False), (-1, False)])
def test_rebuilding_checklist_counts_the_last_7_days(session_days_ago, done):
    today = day(60)
    logged = today - timedelta(days=session_days_ago)
    h = history(foundation=[foundation(1, logged, "strength"), foundation(2, logged, "low_impact_cardio")])
    assert phases.assess(profile(), h, today).checklist == (
        ChecklistItem("12 weeks since birth", False, f"{GOOM} rec. 2 [V]"),
        ChecklistItem(
            "Strength session logged in the last 7 days",
            done,
            "UK CMO 2019 (strength twice a week) [V]",
            required=False,
        ),
        ChecklistItem(
            "Low-impact cardio logged in the last 7 days",
            done,
            "UK CMO 2019 (150 min/week moderate activity) [V]; Canada 2025 [V]",
            required=False,
        ),
    )


def test_each_foundation_item_counts_only_its_own_activity():
    h = history(foundation=[foundation(1, day(20), "strength")])
    assert [c.done for c in phases.assess(profile(), h, day(20)).checklist] == [False, False]
    h = history(foundation=[foundation(1, day(20), "pelvic_floor")])
    assert phases.assess(profile(), h, day(20)).checklist == (
        ChecklistItem("About 6 weeks since birth", False, "IOC / Bo 2017 [V]"),
        ChecklistItem(
            "Pelvic floor exercises logged in the last 7 days",
            True,
            "UK CMO 2019 [V]; Canada 2025 [V]",
            required=False,
        ),
    )
    assert [c.done for c in phases.assess(profile(), h, day(60)).checklist] == [False, False, False]


def _readiness_checklist(passed: dict[str, bool], symptom_free: bool) -> tuple[ChecklistItem, ...]:
    labels = {
        "walk_30min": "Walk for 30 minutes",
        "single_leg_balance": "Single-leg balance, 10 seconds each side",
        "single_leg_squat": "Single-leg squat, 10 each side",
        "jog_on_spot": "Jog on the spot for 1 minute",
        "forward_bounds": "Forward bounds, 10 in a row",
        "hop_in_place": "Hop in place, 10 on each leg",
        "running_man": "Single-leg 'running man', 10 each side",
    }
    return (
        ChecklistItem("12 weeks since birth", True, f"{GOOM} rec. 2 [V]"),
        *(ChecklistItem(f"Passed: {label}", passed.get(code, True), TESTS) for code, label in labels.items()),
        ChecklistItem(
            "No pelvic floor symptoms in the last 14 days", symptom_free, f"{GOOM} rec. 2 [V]; CSP summary [V]"
        ),
    )


def test_readiness_checklist_ticks_each_test_and_the_14_symptom_free_days():
    failing = {"hop_in_place": {"had_symptoms": 1}, "running_man": {"completed": 0}}
    h = history(readiness=load_tests(on(13), failing=failing))
    a = phases.assess(profile(), h, on(14))
    assert a.checklist == _readiness_checklist({"hop_in_place": False, "running_man": False}, False)
    assert a.level_status is None  # no level while the gate is shut
    h = history(readiness=load_tests(on(13), failing={"running_man": {"completed": 0}}))
    assert phases.assess(profile(), h, on(14)).checklist == _readiness_checklist({"running_man": False}, True)
    # nothing logged in the 14 days: the symptom item stays unticked
    assert phases.assess(profile(), history(), on(14)).checklist == _readiness_checklist(
        dict.fromkeys(
            (
                "walk_30min",
                "single_leg_balance",
                "single_leg_squat",
                "jog_on_spot",
                "forward_bounds",
                "hop_in_place",
                "running_man",
            ),
            False,
        ),
        False,
    )


def test_readiness_focus_names_the_tests_left_then_the_symptom_free_days():
    h = history(
        readiness=load_tests(on(13), failing={"single_leg_balance": {"completed": 0}, "hop_in_place": {"completed": 0}})
    )
    assert phases.assess(profile(), h, on(14)).todays_focus == (
        "Pelvic floor exercises, every day",
        "Strength work, twice a week",
        "Tests to pass: Single-leg balance; Hop in place.",
    )
    h = history(readiness=load_tests(on(13)), symptoms=[symptom(1, on(13, 2), leakage="drops")])
    assert phases.assess(profile(), h, on(14)).todays_focus == (
        "Pelvic floor exercises, every day",
        "Strength work, twice a week",
        "Tests passed: running opens after 14 days free of pelvic floor symptoms.",
    )


STRENGTH_FOCUS = "Strength work for: single-leg calf raise, side-lying hip abduction (target 20 reps each side)"


def _weak(first_id: int, on_day: date) -> list[dict]:
    return [
        result(first_id, on_day, "calf_raise", reps=(19, 25)),
        result(first_id + 1, on_day, "side_lying_hip_abduction", reps=(20, None)),
    ]


BASE_FOCUS = ("Pelvic floor exercises, every day", "Strength work, twice a week")
THREE_RUNS = [run(i + 1, on(24, 2 * i + 1), 30, "continuous") for i in range(3)]


@pytest.mark.parametrize(
    ("today", "runs", "code", "focus"),
    [
        (
            on(10),
            [],
            "rebuilding",
            (*BASE_FOCUS, "Low-impact cardio (walk, bike, swim), building towards 150 minutes a week"),
        ),
        (on(13, 1), [], "return_to_running", (*BASE_FOCUS, STRENGTH_FOCUS)),
        (on(26), THREE_RUNS, "building_running", (*BASE_FOCUS, STRENGTH_FOCUS)),
    ],
)
def test_strength_under_20_reps_is_focus_once_running_opens(today, runs, code, focus):
    h = history(readiness=[*load_tests(on(13)), *_weak(20, on(9))], runs=runs)
    a = phases.assess(profile(), h, today)
    assert (a.phase.code, a.todays_focus) == (code, focus)


def test_strength_under_20_reps_is_focus_in_readiness_too():
    h = history(readiness=[*load_tests(on(13), failing={"hop_in_place": {"completed": 0}}), *_weak(20, on(9))])
    assert phases.assess(profile(), h, on(13, 1)).todays_focus == (
        *BASE_FOCUS,
        "Tests to pass: Hop in place.",
        STRENGTH_FOCUS,
    )


def test_return_to_running_checklist_counts_sessions_at_level_10():
    h = history(readiness=load_tests(on(13)), runs=[run(1, on(13, 1), 30)])
    assert phases.assess(profile(), h, on(13, 2)).checklist == (
        ChecklistItem(
            "Reach level 10: 30 minutes continuous running", False, "Deering 2024 (walk-run progression) [V]"
        ),
        ChecklistItem(
            "3 symptom-free sessions at level 10 (0 so far)", False, "Deering 2024 [V]; app rule (symptom-gated levels)"
        ),
    )
    placed = history(
        readiness=load_tests(on(24)), runs=[run(1, on(23), 30, "continuous"), run(2, on(23, 2), 30, "continuous")]
    )
    assert phases.assess(profile(), placed, on(24, 1)).level_status.level.number == 1  # runs before the tests
    a = phases.assess(profile(), placed, on(24, 1), placement_confirmed=True)
    assert (a.phase.code, a.level_status.level.number) == ("return_to_running", 10)
    assert a.checklist == (
        ChecklistItem("Reach level 10: 30 minutes continuous running", True, "Deering 2024 (walk-run progression) [V]"),
        ChecklistItem(
            "3 symptom-free sessions at level 10 (2 so far)", False, "Deering 2024 [V]; app rule (symptom-gated levels)"
        ),
    )


@pytest.mark.parametrize(("days", "done"), [(181, False), (182, True)])
def test_buggy_item_ticks_at_26_weeks(days, done):
    a = phases.assess(profile(), history(readiness=load_tests(on(24)), runs=THREE_RUNS), day(days))
    assert a.phase.code == "building_running"
    assert a.checklist == (
        ChecklistItem("Buggy running: 26 weeks (about 6 months) since birth", done, f"{GOOM} [V2]", required=False),
    )
    assert (a.today, a.source) == (day(days), phases.SOURCES)
    assert phases.SOURCES == (
        "Goom 2019; UK CMO 2019; IOC/Bo 2017; Deering 2024; Frandsen 2025; Christopher 2024; "
        "Canada 2025 (Davenport); ACOG 2020; AWHONN POST-BIRTH"
    )


@pytest.mark.parametrize(("run_days_ago", "noted"), [(0, True), (13, True), (14, False)])
def test_early_runs_note_looks_at_the_last_14_days(run_days_ago, noted):
    today = day(20)
    h = history(runs=[run(1, today - timedelta(days=run_days_ago), 10, "continuous")])
    messages = phases.assess(profile(birth_type="planned_c_section"), h, today).messages
    assert messages == ((C_SECTION, WHY_WAIT, EARLY_RUNS) if noted else (C_SECTION, WHY_WAIT))


def test_readiness_messages_flag_first_then_tests_symptoms_and_strength():
    failing = {"hop_in_place": {"had_symptoms": 1}, "running_man": {"completed": 0}}
    h = history(
        readiness=load_tests(on(13), failing=failing) + [result(20, on(13), "calf_raise", reps=(12, 25))],
        red_flags=[flag(1, "fever", on(14))],
        symptoms=[symptom(1, on(14, 1), leakage="drops")],
    )
    a = phases.assess(profile(), h, on(14, 2))
    assert a.todays_focus == ()
    assert a.messages == (
        "Red flag: A temperature of 38 °C (100.4 °F) or more, or foul-smelling discharge. Contact your midwife, GP or "
        "maternity unit today. If you cannot reach them, go to urgent care. All training suggestions are paused until "
        "you mark it resolved (with the date); it stays in your history.",
        "Not passed yet: hop in place, single-leg 'running man'. Any leakage, heaviness, dragging or pain during a "
        "test counts as not passed, even if you finished it (Goom 2019). Keep up your pelvic floor and strength work "
        "and try again; a pelvic health physiotherapist can help.",
        "You logged pelvic floor symptoms on 2 day(s) in the last 14 days (most recently 2024-04-09). Running waits "
        "until you are symptom-free; leaking, heaviness or pain are common but not normal, and a pelvic health "
        "physiotherapist can treat them (Goom 2019).",
        "Strength under 20 reps a side shows where to build strength; it does not stop you running (Goom 2019).",
    )


@pytest.mark.parametrize(
    ("days", "note"),
    [
        (364, None),
        (365, "It is 1 year since the birth"),
        (729, "It is 1 year since the birth"),
        (730, "It is 2 years since the birth"),
    ],
)
def test_a_year_after_birth_the_tests_decide(days, note):
    messages = phases.assess(profile(), history(), day(days)).messages
    expected = (
        ()
        if note is None
        else (
            f"{note}: the calendar steps are long past, so the load and impact tests and your symptoms decide when you run.",
        )
    )
    assert messages == expected


@pytest.mark.parametrize(("days", "not_born"), [(-1, True), (0, False)])
def test_before_the_birth_a_note_says_so(days, not_born):
    messages = phases.assess(profile(), history(), day(days)).messages
    assert messages == (
        (("Your baby is not born yet: the phases start counting from the birth date.",) if not_born else ())
        + (WHY_WAIT,)
    )


@pytest.mark.parametrize(("days", "rows"), [(-1, 0), (0, 1), (41, 1), (42, 2), (83, 2), (84, 3)])
def test_phase_periods_start_on_their_day(days, rows):
    periods = phases.phase_periods(profile(), day(days))
    assert periods.to_dict("list") == {
        "start": [day(0), day(42), day(84)][:rows],
        "end": [day(42), day(84), None][:rows],
        "phase": ["Early recovery", "Rebuilding", "From 12 weeks: tests and symptoms decide"][:rows],
    }


def test_a_step_back_is_explained_as_the_plan_working():
    runs = [run(i + 1, on(13, 1 + 2 * i), 30) for i in range(5)]
    more = symptom(1, on(13, 9), run_id=5, leakage="more")
    a = phases.assess(profile(), history(readiness=load_tests(on(13)), runs=runs, symptoms=[more]), on(13, 10))
    assert (a.phase.code, a.level_status.last_change) == ("return_to_running", "stepped_back")
    assert a.messages == (
        "You stepped back a level after symptoms. That is the plan working, not a failure: symptoms tell you what "
        "your body can take today (Deering 2024).",
    )
