"""Issue 11: one answer to "can I run today?" (guidance.py), with literal expected values.

Birth is Monday 2024-01-01; 12 weeks is Monday 2024-03-25 (on(12)).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from return_to_run import guidance, helplines, levels, mood, phases, plan, readiness, symptoms
from return_to_run.records import RunRecord
from tests.scenario_helpers import entry, flag, history, load_tests, on, profile, result, run, symptom

PASSED_12W = load_tests(on(12))


def answer(h, today, **kwargs):
    return guidance.today_answer(kwargs.pop("p", profile()), h, today, **kwargs)


def texts_of(a: guidance.TodayAnswer) -> list[str]:
    return [a.headline, a.action.label, a.title, *a.details, *a.focus, *(i.label for i in a.checklist)]


# ---------------------------------------------------------------- the four states


def test_not_yet_tests_to_pass_sends_her_to_the_readiness_tests():
    failing = {"hop_in_place": {"had_symptoms": 1}, "forward_bounds": {"completed": 0}, "running_man": {"completed": 0}}
    a = answer(history(readiness=load_tests(on(13, 5), failing=failing)), on(14))
    assert (a.state, a.headline, a.action) == (
        "not_yet",
        "Not yet: 3 tests to pass",
        guidance.Action("Readiness tests", "pages/readiness.py"),
    )
    assert a.session is None and a.prefill is None


def test_not_yet_before_12_weeks():
    a = answer(history(), on(4))
    assert (a.state, a.headline, a.action.page) == (
        "not_yet",
        "Not yet: running opens from 12 weeks (25 Mar)",
        "pages/foundation.py",
    )


def test_run_today_is_one_line():
    a = answer(history(readiness=PASSED_12W), on(12, 1))
    assert (a.state, a.headline, a.action) == (
        "run",
        "Today: walk-run level 1 — run 1, walk 2, ×10",
        guidance.Action("Log a run", "pages/log_run.py"),
    )
    assert a.title == "12 weeks since birth · Return to running"
    assert a.prefill == {
        "run_interval_min": 1.0,
        "walk_interval_min": 2.0,
        "interval_repeats": 10,
        "why": "Today's plan: level 1.",
    }


@pytest.mark.parametrize(
    ("runs", "today", "headline", "next_date"),
    [
        ([run(1, on(12, 1))], on(12, 2), "Rest day — next session tomorrow", on(12, 3)),  # ran yesterday
        ([run(1, on(12, 1))], on(12, 1), "Rest day — next session on Thursday 28 Mar", on(12, 3)),  # ran today
    ],
)
def test_rest_day_says_when_the_next_session_is_and_never_run_0_minutes(runs, today, headline, next_date):
    a = answer(history(readiness=PASSED_12W, runs=runs), today)
    assert (a.state, a.headline, a.next_date) == ("rest", headline, next_date)
    assert not any(re.search(r"\b0 min", text) for text in texts_of(a))


def test_rest_when_the_weekly_cap_is_used_up_points_to_next_monday():
    # last week 20 min of running, this week 25 already (the +5 allowance): nothing left until Monday
    runs = [run(1, on(12, 1), 10, "continuous"), run(2, on(12, 3), 10, "continuous")]
    runs += [run(3, on(13), 12.5, "continuous"), run(4, on(13, 2), 12.5, "continuous")]
    a = answer(history(readiness=PASSED_12W, runs=runs, symptoms=[symptom(1, on(13, 2))]), on(13, 4))
    assert (a.state, a.headline, a.next_date) == ("rest", "Rest day — next session on Monday 8 Apr", on(14))


@pytest.mark.parametrize("code", list(symptoms.RED_FLAGS))
def test_paused_under_any_open_flag_with_no_training_word_anywhere(code):
    h = history(readiness=PASSED_12W, runs=[run(1, on(12, 1))], red_flags=[flag(1, code, on(12, 2))])
    a = answer(h, on(12, 3))
    assert (a.state, a.headline, a.action) == (
        "paused",
        "Paused: a red flag is open",
        guidance.Action("What to do", "pages/red_flags.py"),
    )
    assert (a.checklist, a.focus, a.modifiers, a.session, a.prefill) == ((), (), (), None, None)
    assert a.title == "12 weeks since birth"
    for text in texts_of(a):
        assert not guidance.has_training_words(text), text
    form = guidance.run_form_state(profile(), h, on(12, 3), kind="walk_run", duration_min=30)
    assert (form.state, form.warnings, form.prefill, form.suggested_kind) == ("paused", (), None, None)
    assert not guidance.has_training_words(form.banner)


def test_a_flag_opened_then_resolved():
    opened = history(readiness=PASSED_12W, red_flags=[flag(1, "dizziness_or_fainting", on(12, 1))])
    assert answer(opened, on(12, 1)).state == "paused"
    resolved = history(readiness=PASSED_12W, red_flags=[flag(1, "dizziness_or_fainting", on(12, 1), on(12, 2))])
    assert answer(resolved, on(12, 2)).headline == "Today: walk-run level 1 — run 1, walk 2, ×10"


def test_training_words_are_caught():
    assert guidance.has_training_words("Walk-run level 4")
    assert guidance.has_training_words("Stop running")
    assert not guidance.has_training_words("Contact your midwife or GP today.")


# ---------------------------------------------------------------- Log a run


@pytest.mark.parametrize(
    ("p", "today", "weeks"),
    [(profile(), on(4), 4), (profile(birth_type="planned_c_section"), on(8), 8), (profile(), on(11, 6), 11)],
)
def test_before_the_plan_opens_running_is_discouraged_while_she_types(p, today, weeks):
    form = guidance.run_form_state(p, history(), today, kind="continuous", duration_min=20)
    assert form.state == "not_yet"
    assert form.banner == (
        f"Not yet: you are {weeks} weeks after the birth, and running is not advised before 12 weeks "
        "(Goom 2019). A walk is a good choice; you can still save what you did."
    )
    assert (form.prefill, form.suggested_kind, form.warnings) == (None, "walk", ())


def test_a_past_date_before_12_weeks_gets_the_banner_of_that_day():
    form = guidance.run_form_state(profile(), history(readiness=PASSED_12W), on(20), run_date=on(8), kind="continuous")
    assert form.banner.startswith("Not yet: on 26 Feb 2024 you were 8 weeks after the birth")


def test_at_14_weeks_with_tests_to_pass_the_form_says_so_and_prefills_nothing():
    h = history(readiness=load_tests(on(13, 5), failing={c: {"completed": 0} for c in readiness.IMPACT_TESTS[:3]}))
    form = guidance.run_form_state(profile(), h, on(14), kind="walk_run")
    assert (form.state, form.prefill, form.suggested_kind) == ("not_yet", None, "walk")
    assert (
        form.banner
        == "Not yet: 3 tests to pass before running (Goom 2019). You can still save a walk, or what you did."
    )


def test_no_warning_for_a_prefilled_pattern_she_has_not_entered():
    # 33 min already this week after 30 last week: any more running would be over the cap
    runs = [run(1, on(12, 1), 30, "continuous"), run(2, on(13), 33, "continuous")]
    h = history(readiness=PASSED_12W, runs=runs, symptoms=[symptom(1, on(13))])
    level = {"run_interval_min": 1.0, "walk_interval_min": 2.0, "interval_repeats": 10}
    form = guidance.run_form_state(profile(), h, on(13, 2), kind="walk_run", **level)
    assert form.warnings == ()
    typed = guidance.run_form_state(profile(), h, on(13, 2), kind="walk_run", duration_min=30, **level)
    assert typed.warnings == (
        "That brings your running in the week of Mon 1 Apr to 43 min, over 35 min: about 10% more than the "
        "week before (30 min), or 5 min more for a small week (Deering 2024).",
    )


def test_a_week_of_60_then_90_minutes_warns():
    runs = [run(i, on(20, 2 * i), 20, "continuous") for i in range(3)]  # 60 min in week 20
    runs += [run(10, on(21), 30, "continuous"), run(11, on(21, 2), 30, "continuous")]
    h = history(readiness=load_tests(on(12)), runs=runs, symptoms=[symptom(1, on(21, 2))])
    form = guidance.run_form_state(profile(), h, on(21, 4), kind="continuous", duration_min=30)
    assert any(
        w.startswith("That brings your running in the week of Mon 27 May to 90 min, over 66 min") for w in form.warnings
    )


def test_walk_run_with_long_walk_breaks_counts_only_the_running():
    long_breaks = run(1, on(20), 40, "walk_run", run_interval_min=1, walk_interval_min=4, interval_repeats=8)
    assert RunRecord(1, on(20), "walk_run", 40.0, None, 1.0, 4.0, 8.0).running_min == 8.0
    h = history(readiness=load_tests(on(12)), runs=[long_breaks])
    # 8 min of running: a 9-minute continuous run is over 110% (8.8), 8 is not
    assert plan.check_planned_run(8, h, on(20, 2)) == []
    assert plan.check_planned_run(9, h, on(20, 2))[0].startswith("9 min of running is more than 110%")


# ---------------------------------------------------------------- placement from what she ran


def _continuous_3_a_week(first_id: int, start: date, weeks: int, minutes: float = 30, **extra) -> list[dict]:
    days = [start + timedelta(days=7 * w + d) for w in range(weeks) for d in (0, 2, 4)]
    return [{**run(first_id + i, day, minutes, "continuous"), **extra} for i, day in enumerate(days)]


def test_a_continuous_runner_at_6_months_is_not_sent_back_to_walk_run():
    imported = _continuous_3_a_week(1, on(24), 2, source="strava")
    for i, row in enumerate(imported):
        row["source_id"] = f"s{i}"
    h = history(readiness=load_tests(on(24)), runs=imported)
    a = answer(h, on(26))
    assert a.assessment.phase.code == "building_running"
    assert a.headline == "Today: run 30 min continuously"  # her longest recent run, within both caps
    status = a.assessment.level_status
    assert (status.level.number, status.last_change, status.plan_complete) == (10, "placed", True)


def test_imported_and_manual_runs_place_her_together():
    imported = {**run(1, on(20), 20, "continuous"), "source": "garmin", "source_id": "g1"}
    manual = run(2, on(20, 2), 30, "walk_run", run_interval_min=2, walk_interval_min=1, interval_repeats=10)
    status = plan.current_level(profile(), history(runs=[imported, manual]), on(20, 3))
    # both cover level 4 (20 min of running in stretches of at least 2 min): placed there
    assert (status.level.number, status.last_change, status.symptom_free_sessions_at_level) == (4, "placed", 2)


@pytest.mark.parametrize(("days_apart", "placed"), [(20, 10), (21, 1)])
def test_placement_looks_at_the_last_3_weeks(days_apart, placed):
    runs = [run(1, on(20), 30, "continuous"), run(2, on(20) + timedelta(days=days_apart), 30, "continuous")]
    status = plan.current_level(profile(), history(runs=runs), on(20) + timedelta(days=days_apart))
    assert status.level.number == placed


def test_start_where_i_am_counts_running_before_the_tests_only_when_confirmed():
    before_tests = _continuous_3_a_week(1, on(22), 2)  # 30 min continuous, 2 weeks before the tests
    h = history(readiness=load_tests(on(24)), runs=before_tests)
    assert answer(h, on(24, 1)).headline == "Today: walk-run level 1 — run 1, walk 2, ×10"
    confirmed = answer(h, on(24, 1), placement_confirmed=True)
    assert confirmed.headline == "Today: run 30 min continuously"
    assert confirmed.assessment.phase.code == "building_running"


def test_a_walk_run_without_intervals_covers_nothing():
    assert levels.level_covered(RunRecord(1, on(20), "walk_run", 30.0)) == 0
    assert levels.level_covered(RunRecord(1, on(20), "continuous", 30.0)) == 10
    assert levels.level_covered(RunRecord(1, on(20), "continuous", 29.9)) == 7  # 28 min of running
    assert levels.level_covered(RunRecord(1, on(20), "walk", 60.0)) == 0
    assert levels.level_covered(RunRecord(1, on(20), "walk_run", 30.0, None, 2.0, 1.0, 10.0)) == 4


# ---------------------------------------------------------------- joint pain


def _painful(run_ids: list[int], site: str, score: int) -> list[dict]:
    return [
        symptom(
            i + 1,
            on(12, 1) + timedelta(days=2 * (rid - 1)),
            run_id=rid,
            timing="within_24h",
            **{f"pain_{site}_0_10": score},
        )
        for i, rid in enumerate(run_ids)
    ]


def _level_3_then(extra_runs: int) -> list[dict]:
    """6 symptom-free sessions (level 3 after them), then `extra_runs` more, one every other day."""
    return [run(i + 1, on(12, 1) + timedelta(days=2 * i)) for i in range(6 + extra_runs)]


@pytest.mark.parametrize(
    ("painful", "score", "level", "change", "from_level"),
    [
        ([7, 8, 9], 6, 2, "stepped_back", 3),  # >= 5 after 3 runs in a row: one level back, not three
        ([7, 9, 10], 5, 2, "stepped_back", 3),  # 5 exactly, 3 of the last 4 (painful runs do not count up)
        ([7, 9, 10], 4, 3, "repeat", None),  # 4: under the threshold; painful runs do not count towards moving up
        ([7, 10], 6, 3, "repeat", None),  # 2 of the last 4 only
        ([10], 7, 3, "stepped_back", 4),  # 7 once
        ([10], 6, 4, "repeat", None),
    ],
)
def test_joint_pain_steps_back_one_level_and_names_the_site(painful, score, level, change, from_level):
    # 10 sessions every other day from on(12, 1): levels 2 after run 3, 3 after run 6, 4 after run 9
    h = history(readiness=PASSED_12W, runs=_level_3_then(4), symptoms=_painful(painful, "hip", score))
    status = plan.current_level(profile(), h, on(12, 1) + timedelta(days=19), since=on(12))
    assert (status.level.number, status.last_change, status.stepped_back_from) == (level, change, from_level)
    if change == "stepped_back":
        assert status.joint_site == "hip"
        session = plan.suggest_session(profile(), h, on(12, 1) + timedelta(days=20), since=on(12))
        assert session.reason.startswith(
            f"Level {level}: one level back from {from_level}, because hip pain came back after your runs. "
            "See a physiotherapist about your hip."
        )


def test_three_painful_runs_in_a_row_step_back_once_not_three_times():
    h = history(readiness=PASSED_12W, runs=_level_3_then(3), symptoms=_painful([7, 8, 9], "knee", 6))
    assert plan.current_level(profile(), h, on(12, 1) + timedelta(days=16), since=on(12)).level.number == 2


# ---------------------------------------------------------------- symptoms wherever she reported them


def test_a_readiness_test_failed_with_leakage_keeps_the_14_day_item_unticked():
    h = history(
        readiness=[
            *load_tests(on(12), failing={"hop_in_place": {"had_symptoms": 1}}),
            result(8, on(12, 3), "hop_in_place"),
        ]
    )
    a = answer(h, on(12, 4))
    assert a.assessment.readiness["hop_in_place"] == "passed"  # retested and passed
    assert a.checklist[-1].label == "No pelvic floor symptoms in the last 14 days"
    assert a.checklist[-1].done is False
    assert (a.state, a.headline) == ("not_yet", "Not yet: 14 days free of pelvic floor symptoms first")
    assert readiness.recent_pelvic_symptom_dates(h, on(12, 4), passed_on=on(12, 3)) == [on(12)]


@pytest.mark.parametrize(("logged_on", "judged"), [(None, False), (on(12), True), (on(11, 6), False)])
def test_nothing_logged_in_the_14_days_is_not_a_tick(logged_on, judged):
    # today on(13, 6): the window is on(12)..on(13, 6); a check-in on on(11, 6) is one day too old
    rows = [symptom(1, logged_on)] if logged_on else []
    h = history(symptoms=rows)
    a = phases.assess(profile(), h, on(13, 6))
    assert a.checklist[-1].done is judged
    assert readiness.symptoms_judged(h, on(13, 6)) is judged


# ---------------------------------------------------------------- impact tests


@pytest.mark.parametrize(("today", "note"), [(on(11, 6), readiness.EARLY_IMPACT_NOTE), (on(12), "")])
def test_impact_tests_from_12_weeks_earlier_with_a_note(today, note):
    offers = {o.code: o for o in readiness.tests_offered(profile(), history(), today)}
    assert [c for c, o in offers.items() if o.impact] == [
        "jog_on_spot",
        "forward_bounds",
        "hop_in_place",
        "running_man",
    ]
    assert all(o.offered and o.note == note for o in offers.values() if o.impact)
    assert all(o.offered and o.note == "" for o in offers.values() if not o.impact)
    assert len(offers) == 11


def test_no_impact_test_under_an_open_flag_but_strength_tests_any_time():
    offers = readiness.tests_offered(profile(), history(red_flags=[flag(1, "fever", on(13))]), on(14))
    assert [o.code for o in offers if o.offered] == [
        "walk_30min",
        "single_leg_balance",
        "single_leg_squat",
        "calf_raise",
        "single_leg_bridge",
        "single_leg_sit_to_stand",
        "side_lying_hip_abduction",
    ]


# ---------------------------------------------------------------- after a check-in

LINKED = {"run_id": 1, "timing": "during_run"}


@pytest.mark.parametrize(
    ("fields", "sentence", "lesson"),
    [
        ({}, "Symptom-free: that counts towards moving up (1 of 3 done at level 1).", "progressing-running"),
        (
            {"leakage": "drops"},
            "Repeat level 1 next time; if it comes back, see a pelvic health physiotherapist.",
            "pelvic-floor-how-to",
        ),
        (
            {"heaviness_0_10": 1},  # new heaviness: a red flag for a pelvic health physiotherapist
            "Paused: a red flag is open (new or worsening heaviness, dragging or bulge); see Red flags for what to do.",
            "prolapse",
        ),
        (
            {"pain_abdomen_scar_0_10": 2},
            "Repeat level 1 next time; if it comes back, see a pelvic health physiotherapist.",
            "after-c-section",
        ),
        (
            {"pain_knee_0_10": 3},
            "Repeat level 1 next time; if it comes back, see a physiotherapist about your knee.",
            "when-to-see-someone",
        ),
        (
            {"bowel_leakage": True},
            "Paused: a red flag is open (leaking from the bowel, or urgency you cannot hold); see Red flags for what to do.",
            "severe-tears",
        ),
    ],
)
def test_after_a_checkin_one_sentence_and_one_lesson(fields, sentence, lesson):
    h = history(readiness=PASSED_12W, runs=[run(1, on(12, 1))])
    got = guidance.after_checkin(entry(on(12, 1), **LINKED, **fields), profile(), h, on(12, 1))
    assert got == (sentence, lesson)


def test_after_a_checkin_at_level_4_with_leakage_the_issue_example():
    runs = [run(i + 1, on(12, 1) + timedelta(days=2 * i)) for i in range(10)]  # 9 sessions: level 4; the 10th today
    h = history(readiness=PASSED_12W, runs=runs)
    today = on(12, 1) + timedelta(days=18)
    got = guidance.after_checkin(entry(today, run_id=10, timing="during_run", leakage="drops"), profile(), h, today)
    assert got == (
        "Repeat level 4 next time; if it comes back, see a pelvic health physiotherapist.",
        "pelvic-floor-how-to",
    )


def test_after_a_checkin_the_entry_counts_once_when_already_saved():
    h = history(readiness=PASSED_12W, runs=[run(1, on(12, 1))], symptoms=[symptom(5, on(12, 1), **LINKED)])
    got = guidance.after_checkin(symptom(5, on(12, 1), **LINKED), profile(), h, on(12, 1))
    assert got[0] == "Symptom-free: that counts towards moving up (1 of 3 done at level 1)."


# ---------------------------------------------------------------- mood


def _mood(id_: int, day: date, low: bool, interest: bool) -> dict:
    return {"id": id_, "check_date": day, "low_mood": int(low), "little_interest": int(interest)}


def _with_mood(rows, **kwargs):
    h = history(**kwargs)
    import pandas as pd

    h.mood = pd.DataFrame(rows, columns=["id", "check_date", "low_mood", "little_interest"])
    return h


@pytest.mark.parametrize(("days_ago", "due"), [(None, True), (0, False), (6, False), (7, True)])
def test_mood_check_is_due_weekly(days_ago, due):
    rows = [] if days_ago is None else [_mood(1, on(20) - timedelta(days=days_ago), False, False)]
    assert mood.mood_due(_with_mood(rows), on(20)) is due


@pytest.mark.parametrize(("days_ago", "low"), [(0, True), (27, True), (28, False)])
def test_a_yes_slows_the_plan_for_28_days(days_ago, low):
    h = _with_mood([_mood(1, on(20) - timedelta(days=days_ago), False, True)])
    assert mood.low_mood_now(h, on(20)) is low
    assert plan.current_level(profile(), h, on(20)).needed == (4 if low else 3)
    codes = [m.code for m in phases.assess(profile(), h, on(20)).modifiers]
    assert ("low_mood" in codes) is low


def test_a_later_no_to_both_lifts_the_modifier():
    h = _with_mood([_mood(1, on(19), True, False), _mood(2, on(20), False, False)])
    assert mood.low_mood_now(h, on(20)) is False


def test_a_yes_brings_a_kind_message_and_her_countrys_helplines():
    countries = helplines.load_helplines()
    support = mood.mood_support(
        {"low_mood": True, "little_interest": False}, profile(country="ie"), countries=countries
    )
    assert support.any_yes and support.slows_plan
    assert support.message.startswith("Thank you for answering honestly.")
    assert "GP, midwife or health visitor" in support.message
    assert support.helplines.code == "ie"
    assert mood.mood_support({"low_mood": True}, profile(), countries=countries).helplines.code == "other"
    no = mood.mood_support({"low_mood": False, "little_interest": False}, profile(country="uk"), countries=countries)
    assert (no.any_yes, no.helplines, no.slows_plan) == (False, None, False)
    assert "thoughts_of_harm" in symptoms.RED_FLAGS and symptoms.RED_FLAGS["thoughts_of_harm"].urgency == "emergency"


def test_after_a_checkin_with_heavy_bleeding_the_urgent_flag_and_when_to_see_someone():
    h = history(readiness=PASSED_12W, runs=[run(1, on(12, 1))])
    got = guidance.after_checkin(entry(on(12, 1), bleeding="heavy"), profile(), h, on(12, 1))
    assert got == (
        "Paused: a red flag is open (heavy bleeding: soaking a pad in an hour or less, or clots bigger than a plum); "
        "see Red flags for what to do.",
        "when-to-see-someone",
    )


def test_placement_offer_names_the_level_she_would_start_at():
    before_tests = _continuous_3_a_week(1, on(22), 2)
    h = history(readiness=load_tests(on(24)), runs=before_tests)
    assert guidance.placement_offer(profile(), h, on(24, 1)) == 10
    assert guidance.placement_offer(profile(), history(readiness=load_tests(on(24))), on(24, 1)) is None
    assert guidance.placement_offer(profile(), history(), on(24, 1)) is None  # not in the running phases


def test_mood_summary_for_the_pdf():
    h = _with_mood([_mood(1, on(18), False, False), _mood(2, on(19), True, True), _mood(3, on(8), True, False)])
    assert mood.mood_summary(h, on(20)) == [
        "2 weekly mood checks in the last 12 weeks (NICE CG192 (two depression identification questions, Whooley) [V]).",
        "2024-05-13: yes to low mood and little interest or pleasure.",
    ]
    assert mood.mood_summary(_with_mood([]), on(20)) == []
