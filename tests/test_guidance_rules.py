"""Issue 17: the rules of guidance.py pinned at their boundaries, with literal expected values.

What she is told (headline, button, banner, the sentence after a check-in) is the contract, so
the exact words are asserted. Birth is Monday 2024-01-01: day 42 (6 weeks) is on(6) = 12 Feb,
day 84 (12 weeks) is on(12) = Monday 25 Mar. Sessions every other day from on(12, 1): level 2
after the 3rd (on(12, 5)).
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from return_to_run import guidance
from return_to_run.guidance import Action
from return_to_run.plan import Session
from return_to_run.records import SymptomRecord
from tests.scenario_helpers import entry, flag, history, load_tests, on, profile, result, run, symptom

PASSED_12W = load_tests(on(12))
FOUNDATION = "pages/foundation.py"
LOG_RUN = Action("Log a run", "pages/log_run.py")
LOG_SYMPTOMS = Action("Log symptoms", "pages/symptoms.py")
STOP_AND_WALK = (
    "If leakage, heaviness, dragging or pain comes on during a run interval, stop and walk for the rest of "
    "the session, and log it (Deering 2024)."
)
WHY_12_WEEKS = (
    "Why wait 12 weeks? An expert panel (Christopher 2024) said an individual return can be considered after "
    "at least 3 weeks of rest and recovery, with a clinician's assessment. This app cannot assess you, so it "
    "follows the more cautious guideline: no running before 12 weeks, and only after the load and impact "
    "tests (Goom 2019)."
)
DIZZY = "Feeling dizzy or faint, or fainting"
DIZZY_ADVICE = (
    "Stop, sit or lie down, and contact your midwife or GP today. Call emergency services if you faint, or "
    "feel faint with chest pain, breathlessness or heavy bleeding."
)
LEVEL_1_PREFILL = {
    "run_interval_min": 1.0,
    "walk_interval_min": 2.0,
    "interval_repeats": 10,
    "why": "Today's plan: level 1.",
}


def answer(h, today, **kwargs):
    return guidance.today_answer(profile(), h, today, **kwargs)


def every_other_day(count: int, **extra) -> list[dict]:
    """`count` walk-run sessions of 30 min, every other day from on(12, 1)."""
    return [run(i + 1, on(12, 1) + timedelta(days=2 * i), **extra) for i in range(count)]


def mood_row(day) -> dict:
    return {"id": 1, "check_date": day, "low_mood": 0, "little_interest": 0}


def with_mood(h, day):
    """`h` (not used yet: its records are read once) with a mood check on `day`."""
    import pandas as pd

    h.mood = pd.DataFrame([mood_row(day)], columns=["id", "check_date", "low_mood", "little_interest"])
    return h


# ---------------------------------------------------------------- words


@pytest.mark.parametrize(
    ("days", "label"),
    [
        (-1, "Before the birth"),
        (0, "0 weeks since birth"),
        (6, "0 weeks since birth"),
        (7, "1 week since birth"),
        (13, "1 week since birth"),
        (14, "2 weeks since birth"),
    ],
)
def test_weeks_label_counts_whole_weeks_and_says_1_week(days, label):
    assert guidance.weeks_label(days) == label


@pytest.mark.parametrize(
    ("ahead", "words"), [(0, "today"), (1, "tomorrow"), (2, "on Thursday 28 Mar"), (7, "on Tuesday 2 Apr")]
)
def test_day_words(ahead, words):
    assert guidance.day_words(on(12, 1) + timedelta(days=ahead), on(12, 1)) == words


def test_a_shortened_last_round_is_named_after_the_pattern():
    cut = Session("walk_run", 4, 2, 1, 6, 17, 11, "", last_run_interval_min=1)
    assert guidance.session_line(cut) == "walk-run level 4 — run 2, walk 1, ×6 (last run 1)"
    full = Session("walk_run", 4, 2, 1, 10, 30, 20, "")
    assert guidance.session_line(full) == "walk-run level 4 — run 2, walk 1, ×10"


def test_a_continuous_session_names_level_10_until_the_levels_are_done():
    final = Session("continuous", 10, 30, 0, 1, 30, 30, "")
    assert guidance.session_line(final) == "run 30 min continuously (level 10)"
    assert guidance.session_line(final, levels_done=True) == "run 30 min continuously"
    # placed at level 10 by two 30-minute runs, one session short of finishing the levels
    runs = [run(1, on(20), 30, "continuous"), run(2, on(20, 2), 30, "continuous")]
    assert answer(history(readiness=load_tests(on(20)), runs=runs), on(20, 4)).headline == (
        "Today: run 30 min continuously (level 10)"
    )


# ---------------------------------------------------------------- not yet: the gates on the day itself


@pytest.mark.parametrize(
    ("today", "action"),
    [
        (on(5, 6), Action("Log pelvic floor exercises", FOUNDATION)),  # day 41
        (on(6), Action("Log pelvic floor and strength work", FOUNDATION)),  # day 42: strength work from 6 weeks
        (on(11, 6), Action("Log pelvic floor and strength work", FOUNDATION)),  # day 83
    ],
)
def test_before_12_weeks_the_button_and_the_date_running_opens(today, action):
    a = answer(history(), today)
    assert (a.state, a.headline, a.action, a.next_date) == (
        "not_yet",
        "Not yet: running opens from 12 weeks (25 Mar)",
        action,
        on(12),
    )
    assert (a.details, a.flags, a.session, a.prefill) == ((WHY_12_WEEKS,), (), None, None)


def test_on_the_day_of_12_weeks_the_tests_are_next():
    a = answer(history(), on(12))
    assert (a.state, a.headline, a.action, a.next_date) == (
        "not_yet",
        "Not yet: 7 tests to pass",
        Action("Readiness tests", "pages/readiness.py"),
        None,
    )


@pytest.mark.parametrize(
    ("failing", "headline"),
    [
        (["hop_in_place"], "Not yet: 1 test to pass"),
        (["hop_in_place", "running_man"], "Not yet: 2 tests to pass"),
    ],
)
def test_tests_to_pass_counts_one_test_and_two_tests(failing, headline):
    h = history(readiness=load_tests(on(12), failing={c: {"completed": 0} for c in failing}))
    assert answer(h, on(12, 1)).headline == headline


def test_tests_passed_but_nothing_logged_for_14_days_asks_how_she_feels():
    a = answer(history(readiness=PASSED_12W), on(14, 1))
    assert (a.state, a.headline, a.action, a.next_date) == (
        "not_yet",
        "Not yet: log how you feel (nothing logged in the last 14 days)",
        LOG_SYMPTOMS,
        None,
    )


def test_tests_passed_with_symptoms_in_the_14_days_sends_her_to_log_symptoms():
    failed = load_tests(on(12), failing={"hop_in_place": {"had_symptoms": 1}})
    h = history(readiness=[*failed, result(8, on(12, 3), "hop_in_place")])
    a = answer(h, on(12, 4))
    assert (a.state, a.headline, a.action) == (
        "not_yet",
        "Not yet: 14 days free of pelvic floor symptoms first",
        LOG_SYMPTOMS,
    )


# ---------------------------------------------------------------- the four states, every field


def test_paused_lists_each_flag_with_its_advice_then_how_to_resolve_it():
    def h():
        return history(readiness=PASSED_12W, red_flags=[flag(1, "dizziness_or_fainting", on(12, 1))])

    a = answer(h(), on(12, 2))
    assert a.details == (
        f"{DIZZY}. {DIZZY_ADVICE}",
        "When it is sorted, mark it resolved with the date on the Red flags page.",
    )
    assert [f.code for f in a.flags] == ["dizziness_or_fainting"]
    assert [f.code for f in a.assessment.open_red_flags] == ["dizziness_or_fainting"]
    assert a.mood_due is True
    assert answer(with_mood(h(), on(12, 2)), on(12, 2)).mood_due is False


def test_not_yet_carries_the_mood_check_and_no_flags():
    assert answer(history(), on(4)).mood_due is True
    assert answer(with_mood(history(), on(4)), on(4)).mood_due is False


def test_run_day_details_are_the_reason_then_the_notes():
    def h():
        return history(readiness=PASSED_12W, runs=[run(1, on(12, 1))])

    a = answer(h(), on(12, 3))
    assert (a.state, a.action, a.flags, a.next_date) == ("run", LOG_RUN, (), None)
    assert a.details == (
        "Level 1: the first level of the walk-run plan. 1 of 3 symptom-free sessions done at this level.",
        STOP_AND_WALK,
    )
    assert (a.session.kind, a.session.level_number, a.session.repeats) == ("walk_run", 1, 10)
    assert a.mood_due is True
    assert answer(with_mood(h(), on(12, 3)), on(12, 3)).mood_due is False


def test_rest_day_keeps_her_level_pattern_ready_in_the_form():
    def h():
        return history(readiness=PASSED_12W, runs=[run(1, on(12, 1))])

    a = answer(h(), on(12, 2))
    assert (a.state, a.action, a.flags, a.next_date) == ("rest", LOG_RUN, (), on(12, 3))
    assert a.details == ("Rest day: on the walk-run levels, leave a day between runs.",)
    assert (a.session.kind, a.session.next_date) == ("rest", on(12, 3))
    assert a.prefill == LEVEL_1_PREFILL
    assert a.mood_due is True
    assert answer(with_mood(h(), on(12, 2)), on(12, 2)).mood_due is False


def test_rest_day_at_level_2_prefills_level_2():
    a = answer(history(readiness=PASSED_12W, runs=every_other_day(3)), on(12, 6))
    assert a.state == "rest"
    assert a.prefill == {
        "run_interval_min": 1.0,
        "walk_interval_min": 1.5,
        "interval_repeats": 12,
        "why": "Today's plan: level 2.",
    }


def _continuous(first_id: int, start, weeks: int, minutes: float = 30) -> list[dict]:
    days = [start + timedelta(days=7 * w + d) for w in range(weeks) for d in (0, 2, 4)]
    return [run(first_id + i, day, minutes, "continuous") for i, day in enumerate(days)]


def test_rest_day_on_the_continuous_level_prefills_nothing():
    # two 30-minute runs: placed at level 10 (continuous), 2 of 3 sessions done, the levels not yet done
    runs = [run(1, on(20), 30, "continuous"), run(2, on(20, 2), 30, "continuous")]
    a = answer(history(readiness=load_tests(on(20)), runs=runs), on(20, 3))
    assert a.state == "rest"
    status = a.assessment.level_status
    assert (status.level.number, status.level.continuous, status.plan_complete) == (10, True, False)
    assert a.prefill is None


def test_rest_day_once_the_levels_are_done_prefills_nothing():
    h = history(readiness=load_tests(on(24)), runs=_continuous(1, on(24), 2))
    a = answer(h, on(25, 4))
    assert (a.state, a.assessment.level_status.plan_complete, a.prefill) == ("rest", True, None)


# ---------------------------------------------------------------- Log a run


def test_paused_banner_while_she_types():
    h = history(readiness=PASSED_12W, red_flags=[flag(1, "fever", on(12, 1))])
    form = guidance.run_form_state(profile(), h, on(12, 2), kind="continuous", duration_min=10)
    assert form == guidance.RunFormState(
        "paused",
        "Paused: a red flag is open. You can still save a record of what you did; see Red flags for what to do.",
        (),
        None,
        None,
    )


def test_on_the_day_of_12_weeks_the_banner_names_the_tests_not_the_weeks():
    form = guidance.run_form_state(profile(), history(), on(12), kind="continuous", duration_min=10)
    assert form == guidance.RunFormState(
        "not_yet",
        "Not yet: 7 tests to pass before running (Goom 2019). You can still save a walk, or what you did.",
        (),
        None,
        "walk",
    )


def test_the_form_of_a_run_day_is_the_headline_and_her_pattern():
    h = history(readiness=PASSED_12W, runs=[run(1, on(12, 1))])
    form = guidance.run_form_state(profile(), h, on(12, 3), kind="walk_run")
    assert form == guidance.RunFormState(
        "run", "Today: walk-run level 1 — run 1, walk 2, ×10", (), LEVEL_1_PREFILL, "walk_run"
    )


def test_a_past_run_date_says_it_counts_towards_her_level():
    h = history(readiness=PASSED_12W, runs=[run(1, on(12, 1))])
    form = guidance.run_form_state(profile(), h, on(12, 3), run_date=on(12, 2), kind="walk_run")
    assert (form.state, form.banner) == ("rest", "Logging a run of 27 Mar: it counts towards your level.")
    assert (form.prefill, form.suggested_kind) == (LEVEL_1_PREFILL, "walk_run")


def test_start_where_i_am_reaches_the_form():
    before_tests = _continuous(1, on(22), 2)
    h = history(readiness=load_tests(on(24)), runs=before_tests)
    default = guidance.run_form_state(profile(), h, on(24, 1), kind="continuous")
    assert (default.banner, default.prefill, default.suggested_kind) == (
        "Today: walk-run level 1 — run 1, walk 2, ×10",
        LEVEL_1_PREFILL,
        "walk_run",
    )
    confirmed = guidance.run_form_state(profile(), h, on(24, 1), kind="continuous", placement_confirmed=True)
    assert confirmed == guidance.RunFormState("run", "Today: run 30 min continuously", (), None, None)


def test_the_form_checks_the_buggy_against_her_weeks():
    h = history(readiness=PASSED_12W, runs=[run(1, on(12, 1))])
    form = guidance.run_form_state(profile(), h, on(13, 3), kind="buggy", duration_min=5)
    assert form.warnings == (
        "Running with a buggy is not advised before about 6 months (26 weeks); you are at 13 weeks (Goom 2019).",
        "Hills, speed and the buggy come after the walk-run levels, one at a time: finish the levels first "
        "(Deering 2024).",
    )


@pytest.mark.parametrize(("duration", "warned"), [(29, False), (30, True)])
def test_the_form_counts_a_shortened_last_round_with_its_walk_breaks(duration, warned):
    # longest run 8.5 min: up to 9.35 min of running. 1/2 x10 in 29 min is 9 min of running (the last
    # run cut to 0 of 1... every walk kept: 29 - 20); in 30 min it is the full 10.
    h = history(readiness=PASSED_12W, runs=[run(1, on(12, 1), 8.5, "continuous")])
    form = guidance.run_form_state(
        profile(), h, on(12, 3), kind="walk_run", duration_min=duration,
        run_interval_min=1, walk_interval_min=2, interval_repeats=10,
    )  # fmt: skip
    assert bool(form.warnings) is warned


# ---------------------------------------------------------------- after a check-in

PHYSIO_SOON = "if it comes back, see a pelvic health physiotherapist."


def _level_2_after_a_leaky_run() -> dict:
    """5 sessions: level 2 after the 3rd, leakage with the 4th (on(13)), the 5th on on(13, 2)."""
    return {
        "readiness": PASSED_12W,
        "runs": every_other_day(5),
        "symptoms": [symptom(1, on(13), run_id=4, timing="during_run", leakage="drops")],
    }


def test_a_second_symptomatic_session_at_a_level_steps_back():
    h = history(**_level_2_after_a_leaky_run())
    new = entry(on(13, 2), run_id=5, timing="during_run", leakage="drops")
    assert guidance.after_checkin(new, profile(), h, on(13, 2)) == (
        f"Step back to level 1 next time; {PHYSIO_SOON}",
        "pelvic-floor-how-to",
    )
    with_id = {**new, "id": 9}  # saved already, but not in this history yet: still counts
    assert (
        guidance.after_checkin(with_id, profile(), h, on(13, 2))[0] == f"Step back to level 1 next time; {PHYSIO_SOON}"
    )


def test_the_first_symptomatic_session_at_a_level_repeats_it():
    h = history(readiness=PASSED_12W, runs=every_other_day(5))
    new = entry(on(13, 2), run_id=5, timing="during_run", leakage="drops")
    assert guidance.after_checkin(new, profile(), h, on(13, 2)) == (
        f"Repeat level 2 next time; {PHYSIO_SOON}",
        "pelvic-floor-how-to",
    )


def test_a_marked_symptom_steps_back_at_once_with_no_earlier_entries():
    h = history(readiness=PASSED_12W, runs=every_other_day(4))
    new = entry(on(13), run_id=4, timing="during_run", leakage="more")
    assert guidance.after_checkin(new, profile(), h, on(13))[0] == f"Step back to level 1 next time; {PHYSIO_SOON}"


def test_a_record_and_a_dict_get_the_same_answer():
    h = history(**_level_2_after_a_leaky_run())
    by_date = entry(on(13, 2), timing="during_run", leakage="drops")  # linked by its date to session 5
    assert guidance.after_checkin(SymptomRecord.from_mapping(by_date), profile(), h, on(13, 2)) == (
        f"Step back to level 1 next time; {PHYSIO_SOON}",
        "pelvic-floor-how-to",
    )
    # named session 4 (already symptomatic): session 5 stays symptom-free, no step back
    to_4 = entry(on(13, 2), run_id=4, timing="within_24h", leakage="drops")
    assert guidance.after_checkin(SymptomRecord.from_mapping(to_4), profile(), h, on(13, 2)) == (
        f"Repeat level 2 next time; {PHYSIO_SOON}",
        "pelvic-floor-how-to",
    )
    assert guidance.after_checkin(to_4, profile(), h, on(13, 2))[0] == f"Repeat level 2 next time; {PHYSIO_SOON}"


@pytest.mark.parametrize(
    ("fields", "today", "sentence"),
    [
        (
            {"heaviness_0_10": 1},
            on(12, 1),
            "Paused: a red flag is open (new or worsening heaviness, dragging or bulge); see Red flags for what to do.",
        ),
        (
            {"bowel_leakage": True},
            on(12, 1),
            "Paused: a red flag is open (leaking from the bowel, or urgency you cannot hold); see Red flags for "
            "what to do.",
        ),
        (
            {"bleeding": "spotting"},
            on(12, 1),
            "Paused: a red flag is open (bleeding beyond 8 weeks after birth that is not a period); see Red flags "
            "for what to do.",
        ),
        (
            {"bleeding": "like_period", "bleeding_is_period": True},
            on(12, 1),
            "Symptom-free: that counts towards moving up (1 of 3 done at level 1).",
        ),
        (
            {"bleeding": "spotting", "bleeding_heavier_with_activity": True},
            on(7),
            "Paused: a red flag is open (bleeding that gets heavier with activity, in the first 8 weeks); see Red "
            "flags for what to do.",
        ),
        (
            {"pain_knee_0_10": 3},
            on(12, 1),
            "Repeat level 1 next time; if it comes back, see a physiotherapist about your knee.",
        ),
    ],
)
def test_every_field_of_a_record_reaches_the_flags(fields, today, sentence):
    h = history(readiness=PASSED_12W, runs=[run(1, on(12, 1))])
    record = SymptomRecord.from_mapping(entry(today, run_id=1, timing="during_run", **fields))
    assert guidance.after_checkin(record, profile(), h, today)[0] == sentence
    as_dict = entry(today, run_id=1, timing="during_run", **fields)
    assert guidance.after_checkin(as_dict, profile(), h, today)[0] == sentence


def test_a_saved_entry_is_not_compared_with_itself_for_new_heaviness():
    # the check-in is saved before the sentence is made: its own heaviness 2 is not an "earlier" score
    saved = symptom(5, on(12, 1), run_id=1, timing="during_run", heaviness_0_10=2)
    h = history(readiness=PASSED_12W, runs=[run(1, on(12, 1))], symptoms=[saved])
    expected = (
        "Paused: a red flag is open (new or worsening heaviness, dragging or bulge); see Red flags for what to do.",
        "prolapse",
    )
    assert guidance.after_checkin(saved, profile(), h, on(12, 1)) == expected
    assert guidance.after_checkin(SymptomRecord.from_mapping(saved), profile(), h, on(12, 1)) == expected


def test_an_open_flag_pauses_even_a_symptom_free_checkin():
    h = history(readiness=PASSED_12W, runs=[run(1, on(12, 1))], red_flags=[flag(1, "dizziness_or_fainting", on(12, 1))])
    got = guidance.after_checkin(entry(on(12, 1), run_id=1, timing="during_run"), profile(), h, on(12, 1))
    assert got == (
        "Paused: a red flag is open (feeling dizzy or faint, or fainting); see Red flags for what to do.",
        "when-to-see-someone",
    )


@pytest.mark.parametrize(
    ("code", "named"),
    [
        ("fever", "a temperature of 38 °C (100.4 °F) or more, or foul-smelling discharge"),
        ("wound_not_healing", "a C-section or perineal wound that is red, hot, oozing or opening"),
    ],
)
def test_the_flag_is_named_mid_sentence_with_its_capitals_kept(code, named):
    h = history(readiness=PASSED_12W, runs=[run(1, on(12, 1))], red_flags=[flag(1, code, on(12, 1))])
    got = guidance.after_checkin(entry(on(12, 1), run_id=1, timing="during_run"), profile(), h, on(12, 1))
    assert got[0] == f"Paused: a red flag is open ({named}); see Red flags for what to do."


def test_a_flag_she_logs_again_is_named_before_a_new_one_of_the_same_urgency():
    # bowel leakage is open already; she logs it again with new heaviness (both for a pelvic health
    # physiotherapist): the check-in raised both, in the entry's order, so bowel leakage is named
    h = history(readiness=PASSED_12W, runs=[run(1, on(12, 1))], red_flags=[flag(1, "bowel_leakage", on(12, 1))])
    again = entry(on(12, 1), run_id=1, timing="during_run", bowel_leakage=True, heaviness_0_10=2)
    assert guidance.after_checkin(again, profile(), h, on(12, 1))[0] == (
        "Paused: a red flag is open (leaking from the bowel, or urgency you cannot hold); see Red flags for what to do."
    )


def test_under_an_urgent_open_flag_the_lesson_is_when_to_see_someone_whatever_she_logged():
    h = history(readiness=PASSED_12W, runs=[run(1, on(12, 1))], red_flags=[flag(1, "dizziness_or_fainting", on(12, 1))])
    leaky = entry(on(12, 1), run_id=1, timing="during_run", leakage="drops")
    assert guidance.after_checkin(leaky, profile(), h, on(12, 1))[1] == "when-to-see-someone"


def test_under_a_physio_flag_the_lesson_follows_what_she_logged():
    h = history(readiness=PASSED_12W, runs=[run(1, on(12, 1))], red_flags=[flag(1, "bowel_leakage", on(12, 1))])
    leaky = entry(on(12, 1), run_id=1, timing="during_run", leakage="drops")
    assert guidance.after_checkin(leaky, profile(), h, on(12, 1)) == (
        "Paused: a red flag is open (leaking from the bowel, or urgency you cannot hold); see Red flags for what "
        "to do.",
        "pelvic-floor-how-to",
    )


def test_symptom_free_before_the_running_phases_counts_towards_the_14_days():
    got = guidance.after_checkin(entry(on(10)), profile(), history(), on(10))
    assert got == (
        "Symptom-free: noted. It counts towards your 14 days free of pelvic floor symptoms.",
        "progressing-running",
    )


def test_symptoms_before_the_running_phases_wait():
    got = guidance.after_checkin(entry(on(10), leakage="drops"), profile(), history(), on(10))
    assert got == (
        "Noted: running waits until you are free of symptoms; if it keeps happening, see a pelvic health "
        "physiotherapist.",
        "pelvic-floor-how-to",
    )


def test_symptom_free_once_the_levels_are_done():
    h = history(readiness=load_tests(on(24)), runs=_continuous(1, on(24), 2))
    got = guidance.after_checkin(entry(on(25, 4)), profile(), h, on(25, 4))
    assert got == ("Symptom-free: keep building one thing at a time.", "progressing-running")


def test_symptom_free_on_the_day_she_moved_up_undated_entry_means_today():
    h = history(readiness=PASSED_12W, runs=every_other_day(3))  # level 2 after the 3rd, on(12, 5)
    undated = {**entry(on(12, 5), run_id=3, timing="during_run"), "symptom_date": None}
    assert guidance.after_checkin(undated, profile(), h, on(12, 5)) == (
        "Symptom-free: next time, move up to level 2.",
        "progressing-running",
    )


def test_a_checkin_for_yesterdays_move_up_is_dated_yesterday():
    h = history(readiness=PASSED_12W, runs=every_other_day(3))
    late = entry(on(12, 5), run_id=3, timing="within_24h")
    assert guidance.after_checkin(late, profile(), h, on(12, 6))[0] == "Symptom-free: next time, move up to level 2."


def test_symptom_free_after_moving_up_on_an_earlier_day_counts_at_the_new_level():
    h = history(readiness=PASSED_12W, runs=every_other_day(4))  # moved up on(12, 5); the 4th on(13)
    got = guidance.after_checkin(entry(on(13), run_id=4, timing="during_run"), profile(), h, on(13))
    assert got[0] == "Symptom-free: that counts towards moving up (1 of 3 done at level 2)."


def test_symptom_free_on_the_day_of_a_repeat_is_not_a_move_up():
    h = history(**_level_2_after_a_leaky_run())  # repeat decided on on(13)
    got = guidance.after_checkin(entry(on(13), timing="not_linked"), profile(), h, on(13))
    assert got[0] == "Symptom-free: that counts towards moving up (0 of 3 done at level 2)."


def test_start_where_i_am_reaches_the_checkin_sentence():
    h = history(readiness=load_tests(on(24)), runs=_continuous(1, on(22), 2))
    checkin = entry(on(24, 1))
    assert guidance.after_checkin(checkin, profile(), h, on(24, 1))[0] == (
        "Symptom-free: that counts towards moving up (0 of 3 done at level 1)."
    )
    confirmed = guidance.after_checkin(checkin, profile(), h, on(24, 1), placement_confirmed=True)
    assert confirmed[0] == "Symptom-free: keep building one thing at a time."


@pytest.mark.parametrize(
    ("fields", "who"),
    [
        ({"pain_knee_0_10": 1}, "see a physiotherapist about your knee"),  # any joint pain names the joint
        ({"pain_knee_0_10": 3, "leakage": "drops"}, "see a pelvic health physiotherapist"),  # not joint pain alone
    ],
)
def test_the_physiotherapist_named_after_joint_pain(fields, who):
    h = history(readiness=PASSED_12W, runs=[run(1, on(12, 1))])
    got = guidance.after_checkin(entry(on(12, 1), run_id=1, timing="during_run", **fields), profile(), h, on(12, 1))
    assert got[0] == f"Repeat level 1 next time; if it comes back, {who}."


def test_after_a_joint_step_back_the_joint_is_named_whatever_she_logs_next():
    # 10 sessions; hip 7/10 after the 10th: one level back from 4 to 3
    runs = [run(i + 1, on(12, 1) + timedelta(days=2 * i)) for i in range(10)]
    hip = symptom(1, on(12, 1) + timedelta(days=18), run_id=10, timing="within_24h", pain_hip_0_10=7)
    h = history(readiness=PASSED_12W, runs=runs, symptoms=[hip])
    today = on(12, 1) + timedelta(days=18)
    leaky = entry(today, run_id=10, timing="within_24h", leakage="drops")
    got = guidance.after_checkin(leaky, profile(), h, today)
    assert got == (
        "Step back to level 3 next time; if it comes back, see a physiotherapist about your hip.",
        "pelvic-floor-how-to",
    )


def test_scar_pain_of_1_is_scar_pain():
    assert guidance.checkin_lesson(entry(on(12), pain_abdomen_scar_0_10=1)) == "after-c-section"
    assert guidance.checkin_lesson(entry(on(12))) == "progressing-running"


# ---------------------------------------------------------------- start where I am


def test_placement_offer_for_a_higher_walk_run_level():
    # before the tests: 20 min of running as 2/1 x10 walk-runs, covering level 4
    before = [
        run(i + 1, on(23) + timedelta(days=2 * i), 30, run_interval_min=2, walk_interval_min=1, interval_repeats=10)
        for i in range(2)
    ]
    h = history(readiness=load_tests(on(24)), runs=before)
    assert guidance.placement_offer(profile(), h, on(24, 1)) == 4


def test_no_placement_offer_under_an_open_flag():
    h = history(readiness=load_tests(on(24)), runs=_continuous(1, on(22), 2), red_flags=[flag(1, "fever", on(24))])
    assert guidance.placement_offer(profile(), h, on(24, 1)) is None


def test_no_placement_offer_once_the_levels_are_done():
    h = history(readiness=load_tests(on(24)), runs=_continuous(1, on(24), 2))
    assert guidance.placement_offer(profile(), h, on(25, 4)) is None
