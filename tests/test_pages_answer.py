"""AppTests for issue 11's one answer where she acts: home's headline and button, Log a run's
banner and warnings (before saving, past dates too), for the lives the issue names: imported
and manual runs, a continuous runner at 6 months, long walk breaks, a week of 60 -> 90 running
minutes, a flag opened and resolved."""

from __future__ import annotations

from datetime import date, timedelta

from return_to_run import models, mood, readiness, services, storage

from .helpers import PROFILE, TODAY, app_test, no_errors

LOG_RUN = "pages/log_run.py"
MONDAY = date(2026, 11, 23)  # TODAY (Wed 25 Nov 2026) is in the calendar week from this Monday


def save_profile(db, **changes) -> None:
    services.save_profile(db, {**PROFILE, **changes}, today=TODAY)


def pass_tests(db, day: date, *, failing: tuple[str, ...] = ()) -> None:
    services.add_readiness_results(
        db,
        [
            {"test_date": day, "test_code": code, "completed": True, "had_symptoms": code in failing}
            for code in models.LOAD_IMPACT_TESTS
        ],
        today=TODAY,
    )


def add_run(db, day: date, minutes: float, kind: str = "continuous", *, check_in: bool = True, **pattern) -> int:
    run_id = services.add_run(db, {"run_date": day, "kind": kind, "duration_min": minutes, **pattern}, today=TODAY)
    if check_in:
        services.add_symptom(db, {"symptom_date": day, "run_id": run_id, "timing": "during_run"}, today=TODAY)
    return run_id


def headline(at) -> str:
    [line] = [m.value.removeprefix("### ") for m in at.main.markdown if m.value.startswith("### ")]
    return line


def banner(at) -> str:
    [shown] = [a.value for a in (*at.main.info, *at.main.warning) if a.proto.icon in ("🚶‍♀️", "⏸️", "🛌", "👟")]
    return shown


def warnings(at) -> list[str]:
    return [w.value for w in at.main.warning if w.proto.icon == "⚠️"]


def type_run(at, *, kind: str, minutes: float, **pattern):
    at.radio(key="run_kind").set_value(kind).run()
    for key, value in pattern.items():
        at.number_input(key=key).set_value(value)
    at.number_input(key="run_duration").set_value(minutes)
    return at.run()


# ---------------------------------------------------------------- before the plan opens


def test_at_4_weeks_running_is_discouraged_while_she_types_and_for_a_past_date(db):
    save_profile(db, birth_date=TODAY - timedelta(weeks=4))
    at = app_test(LOG_RUN).run()
    no_errors(at)
    assert banner(at) == (
        "Not yet: you are 4 weeks after the birth, and running is not advised before 12 weeks "
        "(Goom 2019). A walk is a good choice; you can still save what you did."
    )
    assert at.radio(key="run_kind").value == "walk"
    at.date_input(key="run_date").set_value(TODAY - timedelta(days=10)).run()
    assert banner(at) == (
        "Not yet: on 15 Nov 2026 you were 2 weeks after the birth, and running is not advised before 12 weeks "
        "(Goom 2019). A walk is a good choice; you can still save what you did."
    )
    type_run(at, kind="continuous", minutes=20.0)
    assert warnings(at) == []  # the banner says it; no cap warning before the plan opens


def test_at_14_weeks_with_3_tests_to_pass_home_sends_her_to_the_tests(db):
    save_profile(db, birth_date=TODAY - timedelta(weeks=14))
    pass_tests(db, TODAY - timedelta(days=3), failing=("hop_in_place", "forward_bounds", "running_man"))
    home = app_test("app.py").run()
    no_errors(home)
    assert headline(home) == "Not yet: 3 tests to pass"
    assert home.button(key="home_main_action").label == "✅ Readiness tests"
    at = app_test(LOG_RUN).run()
    assert banner(at) == (
        "Not yet: 3 tests to pass before running (Goom 2019). You can still save a walk, or what you did."
    )
    at.radio(key="run_kind").set_value("walk_run").run()
    # No "plan's first level" pre-filled while the plan is not open.
    assert [at.number_input(key=k).value for k in ("run_interval", "walk_interval", "interval_repeats")] == [
        None,
        None,
        None,
    ]


# ---------------------------------------------------------------- running minutes


def test_the_plans_own_walk_run_pattern_is_not_counted_as_32_min_of_running(db_with_profile):
    # H13's bug: 7 run / 1 walk x 4 (32 min, 28 of them running) was checked as 32 min of
    # running against 110% of her longest. Her longest: a 26-min continuous run (110% = 28.6).
    pass_tests(db_with_profile, TODAY - timedelta(days=20))
    add_run(db_with_profile, MONDAY - timedelta(days=1), 26.0)
    at = type_run(
        app_test(LOG_RUN).run(),
        kind="walk_run",
        minutes=32.0,
        run_interval=7.0,
        walk_interval=1.0,
        interval_repeats=4,
    )
    no_errors(at)
    assert warnings(at) == []
    type_run(at, kind="continuous", minutes=32.0)
    assert warnings(at) == [
        "32 min of running is more than 110% of your longest run in the last 30 days (26 min of running): "
        "keep it to 28 min or less. Runs more than 10% longer than that were linked to more injuries "
        "(Frandsen 2025).",
        # the weekly cap in running minutes too: last week 26, so 31 this week (+5 for a small week)
        "That brings your running in the week of Mon 23 Nov to 32 min, over 31 min: about 10% more than "
        "the week before (26 min), or 5 min more for a small week (Deering 2024).",
    ]


def test_long_walk_breaks_count_only_their_running(db_with_profile):
    # 2 run / 5 walk x 6: 42 minutes out, 12 of them running. A 20-min continuous run is a jump.
    pass_tests(db_with_profile, TODAY - timedelta(days=20))
    add_run(
        db_with_profile,
        MONDAY - timedelta(days=2),
        42.0,
        "walk_run",
        run_interval_min=2.0,
        walk_interval_min=5.0,
        interval_repeats=6,
    )
    at = type_run(app_test(LOG_RUN).run(), kind="continuous", minutes=20.0)
    assert warnings(at)[0].startswith(
        "20 min of running is more than 110% of your longest run in the last 30 days (12 min of running)"
    )


def test_a_week_of_60_then_90_running_minutes_warns_before_saving(db_with_profile):
    pass_tests(db_with_profile, TODAY - timedelta(days=20))
    for day in (MONDAY - timedelta(days=7), MONDAY - timedelta(days=5)):  # last week: 60 min
        add_run(db_with_profile, day, 30.0)
    for day in (MONDAY, MONDAY + timedelta(days=1)):  # this week so far: 60 min
        add_run(db_with_profile, day, 30.0)
    at = type_run(app_test(LOG_RUN).run(), kind="continuous", minutes=30.0)
    assert warnings(at) == [
        "That brings your running in the week of Mon 23 Nov to 90 min, over 66 min: about 10% more than "
        "the week before (60 min), or 5 min more for a small week (Deering 2024)."
    ]
    at.button(key="save_run").click().run()  # a heads-up, not a refusal
    assert len(storage.list_runs(db_with_profile)) == 5


def test_the_cleared_form_after_a_save_warns_of_nothing(db_with_profile):
    pass_tests(db_with_profile, TODAY - timedelta(days=2))
    at = app_test(LOG_RUN).run()
    at.button(key="save_run").click().run()  # the pre-filled pattern, saved in one tap
    at.button(key="checkin_none").click().run()
    no_errors(at)
    assert warnings(at) == []
    assert len(storage.list_runs(db_with_profile)) == 1


# ---------------------------------------------------------------- lives


def test_a_continuous_runner_at_6_months_is_told_a_continuous_run(db):
    save_profile(db, birth_date=TODAY - timedelta(weeks=26), feeding="formula")
    pass_tests(db, TODAY - timedelta(weeks=2))
    start = TODAY - timedelta(weeks=2)
    for i, day in enumerate(start + timedelta(days=7 * w + d) for w in range(2) for d in (0, 2, 4)):
        services.import_runs(
            db,
            [{"run_date": day, "kind": "continuous", "duration_min": 30.0, "source": "strava", "source_id": f"s{i}"}],
            today=TODAY,
        )
    at = app_test("app.py").run()
    no_errors(at)
    assert headline(at) == "Today: run 30 min continuously"
    assert at.main.subheader[0].value == "26 weeks since birth · Building running"


def test_imported_and_manual_runs_place_her_together(db_with_profile):
    pass_tests(db_with_profile, TODAY - timedelta(days=10))
    services.import_runs(
        db_with_profile,
        [{"run_date": TODAY - timedelta(days=8), "kind": "continuous", "duration_min": 20.0, "source": "garmin"}],
        today=TODAY,
    )
    add_run(
        db_with_profile,
        TODAY - timedelta(days=6),
        30.0,
        "walk_run",
        run_interval_min=2.0,
        walk_interval_min=1.0,
        interval_repeats=10,
    )
    at = app_test("app.py").run()
    no_errors(at)
    # Both cover level 4 (20 min of running in stretches of at least 2 min), last week: placed there.
    assert headline(at) == "Today: walk-run level 4 — run 2, walk 1, ×10"


def test_a_flag_opened_then_resolved_pauses_both_pages_then_brings_the_session_back(db_with_profile):
    pass_tests(db_with_profile, TODAY - timedelta(days=2))
    [flag_id] = services.add_red_flags(db_with_profile, ["mastitis"], flagged_date=TODAY, today=TODAY)
    home = app_test("app.py").run()
    assert headline(home) == "Paused: a red flag is open"
    assert home.button(key="home_main_action").label == "🚩 What to do"
    at = app_test(LOG_RUN).run()
    assert banner(at) == (
        "Paused: a red flag is open. You can still save a record of what you did; see Red flags for what to do."
    )
    at.radio(key="run_kind").set_value("walk_run").run()
    assert at.number_input(key="run_interval").value is None  # nothing suggested under a flag

    services.resolve_red_flag(db_with_profile, flag_id, resolved_date=TODAY, note="antibiotics", today=TODAY)
    home.run()
    assert headline(home) == "Today: walk-run level 1 — run 1, walk 2, ×10"
    at = app_test(LOG_RUN).run()
    assert banner(at) == "Today: walk-run level 1 — run 1, walk 2, ×10"


# ---------------------------------------------------------------- readiness tests

READINESS = "pages/readiness.py"


def test_impact_tests_before_12_weeks_ask_her_to_check_with_her_clinician_first(db):
    save_profile(db, birth_date=TODAY - timedelta(weeks=10))
    at = app_test(READINESS).run()
    no_errors(at)
    assert [w.value for w in at.main.warning] == [readiness.EARLY_IMPACT_NOTE] * 4
    assert [r.key for r in at.main.radio if r.key.startswith("readiness_")] == [
        f"readiness_{code}" for code in models.LOAD_IMPACT_TESTS
    ]
    save_profile(db, birth_date=TODAY - timedelta(weeks=12))  # from 12 weeks: no note
    assert not app_test(READINESS).run().main.warning


def test_impact_tests_are_not_offered_under_an_open_flag_strength_tests_are(db_with_profile):
    services.add_red_flags(db_with_profile, ["chest_pain"], flagged_date=TODAY, today=TODAY)
    at = app_test(READINESS).run()
    no_errors(at)
    offered = [r.key.removeprefix("readiness_") for r in at.main.radio if r.key.startswith("readiness_")]
    assert offered == ["walk_30min", "single_leg_balance", "single_leg_squat"]
    assert [c.value for c in at.main.caption].count(readiness.FLAG_OPEN_NOTE) == 4
    assert len([n for n in at.main.number_input if n.key.startswith("readiness_")]) == 8  # 4 strength x 2 sides


def test_a_test_failed_with_leakage_is_not_ticked_as_symptom_free(db):
    save_profile(db, birth_date=TODAY - timedelta(weeks=14))
    at = app_test(READINESS).run()
    for code in models.LOAD_IMPACT_TESTS:
        at.radio(key=f"readiness_{code}").set_value("symptoms" if code == "hop_in_place" else "pass")
    at.button(key="save_readiness").click().run()
    no_errors(at)
    home = app_test("app.py").run()
    assert headline(home) == "Not yet: 1 test to pass"
    lines = [m.value for m in home.main.markdown]
    assert "⬜ Passed: Hop in place, 10 on each leg" in lines
    assert "⬜ No pelvic floor symptoms in the last 14 days" in lines
    assert "✅ No pelvic floor symptoms in the last 14 days" not in lines


# ---------------------------------------------------------------- start me where I am


def test_start_me_where_i_am_asks_to_confirm_then_places_her(db):
    save_profile(db, birth_date=TODAY - timedelta(weeks=26), feeding="formula")
    for days_ago in (15, 13, 11, 8, 6, 4):  # 30 min continuous, 3 a week, before her tests
        add_run(db, TODAY - timedelta(days=days_ago), 30.0)
    pass_tests(db, TODAY - timedelta(days=1))
    at = app_test("app.py").run()
    no_errors(at)
    assert headline(at) == "Today: walk-run level 1 — run 1, walk 2, ×10"
    assert "**Already running?** Your symptom-free running of the last 3 weeks would start you at level 10." in [
        m.value for m in at.main.markdown
    ]
    assert at.button(key="placement_save").disabled  # nothing changes until she confirms
    at.checkbox(key="placement_confirm").check().run()
    at.button(key="placement_save").click().run()
    no_errors(at)
    assert storage.start_where_i_am(db)
    assert headline(at) == "Today: run 30 min continuously"
    assert [s.value for s in at.main.success] == ["Started where you are: level 10."]
    assert not [c for c in at.main.checkbox if c.key == "placement_confirm"]  # asked once


# ---------------------------------------------------------------- the weekly mood check

UK_LINES = [
    "- **Samaritans**: call 116 123 (24 hours, every day). Someone to talk to about anything that is troubling "
    "you, free from any phone.",
    "- **NHS 111, mental health option**: call 111 (24 hours, every day). Urgent mental health help in England "
    "from NHS mental health staff: call 111 and choose option 2. Wales and Scotland have similar services.",
    "- **PANDAS Foundation text service**: text 85258 (Any time of day or night). Support for parents with "
    "mental health problems in pregnancy and after birth: text the word PANDAS.",
]


def answer_mood(at, *, low_mood: bool, little_interest: bool):
    at.radio(key="mood_low_mood").set_value(low_mood)
    at.radio(key="mood_little_interest").set_value(little_interest)
    return at.button(key="mood_save").click().run()


def test_the_weekly_mood_check_asks_the_two_questions_and_a_yes_names_her_countrys_helplines(db):
    save_profile(db, country="uk")
    at = app_test("app.py").run()
    assert [r.label for r in at.main.radio if r.key.startswith("mood_")] == list(mood.QUESTIONS.values())
    answer_mood(at, low_mood=True, little_interest=False)
    no_errors(at)
    [saved] = storage.list_mood_checks(db).to_dict("records")
    assert (saved["check_date"], saved["low_mood"], saved["little_interest"]) == (TODAY, 1, 0)
    [shown] = [i.value for i in at.main.info if i.icon == "💛"]
    assert shown.split("\n\n") == [mood.KIND_MESSAGE, *UK_LINES, "Emergency: 999.", mood.HARM_NOTE]
    assert not [r for r in at.main.radio if r.key.startswith("mood_")]  # done for this week
    at.run()
    assert not [i for i in at.main.info if i.icon == "💛"]  # said once


def test_a_yes_with_no_country_chosen_gives_the_other_text_and_asks_her_country(db_with_profile):
    at = answer_mood(app_test("app.py").run(), low_mood=False, little_interest=True)
    [shown] = [i.value for i in at.main.info if i.icon == "💛"]
    assert shown.split("\n\n") == [
        mood.KIND_MESSAGE,
        "Talk to your family doctor, midwife, health visitor or local health service, who know the help near "
        "you. If you might harm yourself or your baby, call your local emergency number now.",
        mood.HARM_NOTE,
    ]
    assert "Choose your country for its helplines" in [link.proto.label for link in at.main.get("page_link")]


def test_no_to_both_is_thanked_in_one_line(db_with_profile):
    at = answer_mood(app_test("app.py").run(), low_mood=False, little_interest=False)
    assert [s.value for s in at.main.success] == [mood.NO_MESSAGE]


def test_a_mood_check_needs_both_answers(db_with_profile):
    at = app_test("app.py").run()
    at.radio(key="mood_low_mood").set_value(True)
    at.button(key="mood_save").click().run()
    assert storage.list_mood_checks(db_with_profile).empty
    assert at.main.error  # the unanswered question is named, never read as a no


# ---------------------------------------------------------------- profile country


def test_the_profile_saves_and_shows_her_country(db_with_profile):
    at = app_test("pages/profile.py").run()
    at.selectbox(key="profile_country").set_value("ie")
    at.button(key="FormSubmitter:profile_form-Save profile").click().run()
    no_errors(at)
    assert storage.get_profile(db_with_profile).country == "ie"
    assert app_test("pages/profile.py").run().selectbox(key="profile_country").value == "ie"
