"""AppTests for the home page (app.py) in each phase, with red flags, and the example data.

Every scenario is written into the real temp SQLite file through return_to_run.storage,
then the page is run through AppTest and read back exactly as she would see it.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from return_to_run import example, models, services, storage, symptoms
from return_to_run.guidance import has_training_words

from .helpers import PROFILE, TODAY, app_test, body_page_links, charts, markdown_shown, no_errors

DISCLAIMER_START = "Return to Run is for education and self-tracking."
STOP_AND_WALK = (
    "If leakage, heaviness, dragging or pain comes on during a run interval, stop and "
    "walk for the rest of the session, and log it (Deering 2024)."
)
# The lessons home offers for each phase (ui.reading.home_lessons): the one to do first, then
# the other lessons of the phase in content order, four in all. PROFILE breastfeeds.
LESSONS_EARLY = ["pelvic-floor-how-to", "six-week-check", "body-changes", "hormones-feeding"]
LESSONS_REBUILDING = ["pelvic-floor-how-to", "six-week-check", "impact-load", "pressure"]
LESSONS_READINESS = ["readiness-tests", "six-week-check", "impact-load", "pressure"]
LESSONS_RUNNING = ["progressing-running", "impact-load", "pressure", "hormones-feeding"]
LESSONS_BUILDING = ["progressing-running", "pressure", "hormones-feeding", "prolapse"]  # formula feeding
# No modifier applies: formula feeding, recreational runner, no injury, no leakage before.
NO_MODIFIERS = {"feeding": "formula"}


# ---------------------------------------------------------------- helpers


def subheader(at) -> str:
    [heading] = [s.value for s in at.main.subheader]
    return heading


def markdown(at) -> list[str]:
    return [m.value for m in at.main.markdown]


def headline(at) -> str:
    """The one answer at the top of home (its '### ' line)."""
    [line] = [m.value.removeprefix("### ") for m in at.main.markdown if m.value.startswith("### ")]
    return line


def main_button(at) -> str:
    return at.button(key="home_main_action").label


def captions(at) -> list[str]:
    return [c.value for c in at.main.caption]


def checklist(at) -> list[str]:
    """The checklist heading and its lines, as shown."""
    lines = markdown(at)
    heading = [i for i, line in enumerate(lines) if line.startswith("#### To unlock")]
    if not heading:
        return []
    start = heading[0]
    return [lines[start]] + [line for line in lines[start + 1 :] if line[:1] in ("✅", "⬜")]


def lesson_links(at) -> list[str]:
    """Slugs of the lesson links in the page body (not the sidebar menu), in order."""
    found = []
    for link in body_page_links(at):
        if link.proto.page == "learn" and link.proto.query_string.startswith("lesson="):
            found.append(link.proto.query_string.removeprefix("lesson="))
    return found


def body_order(at) -> list[tuple[str, str]]:
    """(element type, text) of the page body in reading order."""
    out = []
    for node in at.main:
        if node.type in ("subheader", "markdown", "caption", "error", "warning", "info", "success"):
            out.append((node.type, node.value))
    return out


def save_profile(db, **changes) -> None:
    services.save_profile(db, {**PROFILE, **changes}, today=TODAY)


def pass_all_load_tests(db, day: date, *, failing: tuple[str, ...] = ()) -> None:
    services.add_readiness_results(
        db,
        [
            {"test_date": day, "test_code": code, "completed": True, "had_symptoms": code in failing}
            for code in models.LOAD_IMPACT_TESTS
        ],
        today=TODAY,
    )


def walk_run(db, day: date, level: int = 1, *, check_in: bool = True, **symptom) -> int:
    """A walk-run session at plan level `level`; with check_in, a linked check-in (symptom-free
    unless symptom fields are given)."""
    from return_to_run import plan

    lv = plan.LEVELS[level - 1]
    run_id = services.add_run(
        db,
        {
            "run_date": day,
            "kind": "continuous" if lv.continuous else "walk_run",
            "duration_min": lv.total_min,
            "run_interval_min": None if lv.continuous else lv.run_interval_min,
            "walk_interval_min": None if lv.continuous else lv.walk_interval_min,
            "interval_repeats": None if lv.continuous else lv.repeats,
        },
        today=TODAY,
    )
    if check_in:
        services.add_symptom(
            db, {"symptom_date": day, "run_id": run_id, "timing": "during_run", **symptom}, today=TODAY
        )
    return run_id


def return_to_running_history(db) -> None:
    """16 weeks after birth (breastfeeding: 4 sessions a level), tests passed 14 days ago, then 6
    symptom-free walk-run sessions every other day: level 2 with 2 of 4 done, last run 4 days ago."""
    save_profile(db, birth_date=TODAY - timedelta(weeks=16))
    passed = TODAY - timedelta(days=14)
    pass_all_load_tests(db, passed)
    for i in range(6):
        walk_run(db, passed + timedelta(days=2 * i), level=1 if i < 4 else 2)


# ---------------------------------------------------------------- the phases


def test_early_recovery_three_weeks(db):
    save_profile(db, birth_date=TODAY - timedelta(weeks=3))
    at = app_test("app.py").run()
    no_errors(at)
    assert subheader(at) == "3 weeks since birth · Early recovery"
    assert headline(at) == "Not yet: running opens from 12 weeks (27 Jan)"
    assert main_button(at) == "🧘 Log pelvic floor exercises"
    text = markdown(at)
    start = text.index(
        "Your body is healing from pregnancy and birth. This is a time for rest, gentle walks, "
        "breathing and pelvic floor exercises, not for running."
    )
    assert text[start + 1 : start + 4] == [
        "- Pelvic floor exercises, every day",
        "- Breathing and core connection",
        "- Short, easy walks, a little longer each week",
    ]
    assert checklist(at) == [
        "#### To unlock *Rebuilding* (0 of 2)",
        "⬜ About 6 weeks since birth",
        "⬜ Pelvic floor exercises logged in the last 7 days",
    ]
    assert at.main.get("progress")[0].value == 0
    assert lesson_links(at) == LESSONS_EARLY
    assert any(c.startswith("Why wait 12 weeks?") for c in captions(at))
    assert not any("Walk-run" in line for line in text)
    assert not charts(at)
    assert "Your runs and symptoms will appear here week by week once you log them." in captions(at)


@pytest.mark.parametrize(
    ("birth", "expected"),
    [
        (
            {"birth_type": "unplanned_c_section", "perineal_tear": "none"},
            ["pelvic-floor-how-to", "after-c-section", "six-week-check", "body-changes"],
        ),
        (
            {"birth_type": "vaginal", "perineal_tear": "third_fourth"},
            ["pelvic-floor-how-to", "severe-tears", "six-week-check", "body-changes"],
        ),
        (
            {"birth_type": "assisted_vaginal", "perineal_tear": "third_fourth", "feeding": "formula"},
            ["pelvic-floor-how-to", "severe-tears", "six-week-check", "body-changes"],
        ),
    ],
)
def test_early_recovery_offers_the_lesson_for_her_birth(db, birth, expected):
    save_profile(db, birth_date=TODAY - timedelta(weeks=3), **birth)
    at = app_test("app.py").run()
    no_errors(at)
    assert lesson_links(at) == expected


def test_home_lessons_read_ones_go_last_and_all_lessons_is_one_tap_away(db):
    save_profile(db, birth_date=TODAY - timedelta(weeks=3))
    services.mark_lesson_read(db, "six-week-check", today=TODAY)
    at = app_test("app.py").run()
    assert lesson_links(at) == [
        "pelvic-floor-how-to",
        "body-changes",
        "hormones-feeding",
        "low-oestrogen-breastfeeding",
    ]
    assert ("All lessons", "learn") in [(link.proto.label, link.proto.page) for link in body_page_links(at)]


def test_early_recovery_pelvic_floor_logged_ticks_its_line(db):
    save_profile(db, birth_date=TODAY - timedelta(weeks=3))
    services.add_foundation_session(
        db, {"session_date": TODAY - timedelta(days=2), "activity": "pelvic_floor", "duration_min": 10}, today=TODAY
    )
    at = app_test("app.py").run()
    no_errors(at)
    assert checklist(at) == [
        "#### To unlock *Rebuilding* (1 of 2)",
        "⬜ About 6 weeks since birth",
        "✅ Pelvic floor exercises logged in the last 7 days",
    ]
    assert at.main.get("progress")[0].value == 50  # AppTest reports st.progress as 0-100
    assert not charts(at)  # foundation work alone does not draw the running chart


@pytest.mark.parametrize("birth_type", ["vaginal", "planned_c_section", "unplanned_c_section"])
def test_rebuilding_eight_weeks_with_the_c_section_note_only_after_a_c_section(db, birth_type):
    save_profile(db, birth_date=TODAY - timedelta(weeks=8), birth_type=birth_type, **NO_MODIFIERS)
    at = app_test("app.py").run()
    no_errors(at)
    assert subheader(at) == "8 weeks since birth · Rebuilding"
    assert checklist(at) == [
        "#### To unlock *Readiness testing* (0 of 3)",
        "⬜ 12 weeks since birth",
        "⬜ Strength session logged in the last 7 days",
        "⬜ Low-impact cardio logged in the last 7 days",
    ]
    assert "- Low-impact cardio (walk, bike, swim), building towards 150 minutes a week" in markdown(at)
    assert lesson_links(at) == LESSONS_REBUILDING
    c_section = [c for c in captions(at) if c.startswith("After a C-section")]
    if birth_type == "vaginal":
        assert c_section == []
    else:
        assert c_section == [
            "After a C-section your own clinician decides when you are ready for exercise (ACOG). Your "
            "scar and abdominal wall keep healing for months (tissue healing takes about 4-6 months, "
            "Donnelly 2020): tell them about any scar pain, bulging or a gap along the middle of your tummy."
        ]
    assert not at.main.expander  # no modifier: no "Why your plan moves gently"
    assert not charts(at)


def test_runs_before_twelve_weeks_draw_the_chart_and_a_caution(db):
    save_profile(db, birth_date=TODAY - timedelta(weeks=8), **NO_MODIFIERS)
    services.add_run(db, {"run_date": TODAY - timedelta(days=3), "duration_min": 20, "kind": "continuous"}, today=TODAY)
    at = app_test("app.py").run()
    no_errors(at)
    assert subheader(at) == "8 weeks since birth · Rebuilding"  # a run opens nothing early
    assert (
        "You have logged runs before 12 weeks. Running is not advised before 3 months after birth "
        "(Goom 2019); walking and strength work build the base."
    ) in captions(at)
    assert len(charts(at)) == 1
    assert [link.proto.page for link in body_page_links(at)][-1] == "trends"


def test_readiness_with_a_failed_hop_test(db):
    save_profile(db, birth_date=TODAY - timedelta(weeks=14))
    pass_all_load_tests(db, TODAY - timedelta(days=2), failing=("hop_in_place",))
    at = app_test("app.py").run()
    no_errors(at)
    assert subheader(at) == "14 weeks since birth · Readiness testing"
    assert checklist(at) == [
        # The hop test was done with symptoms: that counts as a pelvic floor symptom too.
        "#### To unlock *Return to running* (7 of 9)",
        "✅ 12 weeks since birth",
        "✅ Passed: Walk for 30 minutes",
        "✅ Passed: Single-leg balance, 10 seconds each side",
        "✅ Passed: Single-leg squat, 10 each side",
        "✅ Passed: Jog on the spot for 1 minute",
        "✅ Passed: Forward bounds, 10 in a row",
        "⬜ Passed: Hop in place, 10 on each leg",
        "✅ Passed: Single-leg 'running man', 10 each side",
        "⬜ No pelvic floor symptoms in the last 14 days",
    ]
    assert "- Tests to pass: Hop in place." in markdown(at)
    assert (
        "Not passed yet: hop in place. Any leakage, heaviness, dragging or pain during a test counts "
        "as not passed, even if you finished it (Goom 2019). Keep up your pelvic floor and strength "
        "work and try again; a pelvic health physiotherapist can help."
    ) in captions(at)
    assert not any(line.startswith("**Walk-run") for line in markdown(at))
    assert lesson_links(at) == LESSONS_READINESS
    assert [e.label for e in at.main.expander] == ["Why your plan moves gently (1 reason)"]


def test_return_to_running_shows_the_walk_run_level(db):
    return_to_running_history(db)
    at = app_test("app.py").run()
    no_errors(at)
    assert subheader(at) == "16 weeks since birth · Return to running"
    assert headline(at) == "Today: walk-run level 2 — run 1, walk 1.5, ×12"
    assert main_button(at) == "👟 Log a run"
    assert captions(at)[:2] == [
        "Level 2: you moved up after 4 symptom-free sessions. 2 of 4 symptom-free sessions done at this level.",
        STOP_AND_WALK,
    ]
    text = markdown(at)
    assert [line for line in text if line.startswith("- ")] == [
        "- Pelvic floor exercises, every day",
        "- Strength work, twice a week",
    ]
    assert checklist(at) == [
        "#### To unlock *Building running* (0 of 2)",
        "⬜ Reach level 10: 30 minutes continuous running",
        "⬜ 4 symptom-free sessions at level 10 (0 so far)",
    ]
    assert lesson_links(at) == LESSONS_RUNNING
    assert len(charts(at)) == 1
    assert [(link.proto.label, link.proto.page) for link in body_page_links(at)][-1] == (
        "See all your trends",
        "trends",
    )


def test_return_to_running_day_after_a_run_is_a_rest_day(db):
    return_to_running_history(db)
    walk_run(db, TODAY - timedelta(days=1), level=2)
    at = app_test("app.py").run()
    no_errors(at)
    assert subheader(at) == "16 weeks since birth · Return to running"
    assert headline(at) == "Rest day — next session tomorrow"
    assert main_button(at) == "👟 Log a run"
    assert "Rest day: on the walk-run levels, leave a day between runs." in captions(at)


def test_building_running_after_the_last_level(db):
    save_profile(db, birth_date=TODAY - timedelta(weeks=40), **NO_MODIFIERS)  # 3 sessions a level
    passed = TODAY - timedelta(days=70)
    pass_all_load_tests(db, passed)
    for i in range(30):  # 10 levels x 3 symptom-free sessions, every other day
        walk_run(db, passed + timedelta(days=2 + 2 * i), level=i // 3 + 1, check_in=i % 2 == 0)
    at = app_test("app.py").run()
    no_errors(at)
    assert subheader(at) == "40 weeks since birth · Building running"
    assert headline(at) == "Today: run 30 min continuously"
    # Her longest running in the last 30 days was level 8 (10 run / 1 walk x 3: 30 running
    # minutes; the cap counts running, not walk breaks): 110% of it is 33 min.
    assert captions(at)[1:5] == [
        STOP_AND_WALK,
        "Volume first: a run can grow to 33 min (110% of your longest in 30 days, Frandsen 2025).",
        "Then change one thing at a time: speed or hills (Deering 2024).",
        "Running with the buggy can be your one new thing (from about 6 months, Goom 2019).",
    ]
    assert "You have finished the walk-run levels: repeat your longest recent run (30 min)." in captions(at)
    assert checklist(at) == []  # the last phase: nothing left to unlock
    assert lesson_links(at) == LESSONS_BUILDING
    assert len(charts(at)) == 1


def test_five_years_after_birth_with_leakage_when_running(db):
    save_profile(db, birth_date=date(2021, 11, 25), **NO_MODIFIERS)
    for days_ago, leakage in ((12, "none"), (9, "drops"), (6, "none"), (3, "drops")):
        run_id = services.add_run(
            db, {"run_date": TODAY - timedelta(days=days_ago), "duration_min": 25, "kind": "continuous"}, today=TODAY
        )
        _, flags = services.add_symptom(
            db,
            {
                "symptom_date": TODAY - timedelta(days=days_ago),
                "run_id": run_id,
                "timing": "during_run",
                "leakage": leakage,
            },
            today=TODAY,
        )
        assert flags == []  # 2 of 4 runs: not yet "keeps coming back"
    at = app_test("app.py").run()
    no_errors(at)
    assert subheader(at) == "5 years (260 weeks) since birth · Readiness testing"
    assert checklist(at) == [
        "#### To unlock *Return to running* (1 of 9)",
        "✅ 12 weeks since birth",
        *(f"⬜ Passed: {label}" for label in models.LOAD_IMPACT_TESTS.values()),
        "⬜ No pelvic floor symptoms in the last 14 days",
    ]
    assert (
        "- Tests to pass: Walk for 30 minutes; Single-leg balance; Single-leg squat; Jog on the spot "
        "for 1 minute; Forward bounds; Hop in place; Single-leg 'running man'."
    ) in markdown(at)
    assert (
        "It is 5 years since the birth: the calendar steps are long past, so the load and impact tests "
        "and your symptoms decide when you run."
    ) in captions(at)
    assert (
        "You logged pelvic floor symptoms on 2 day(s) in the last 14 days (most recently 2026-11-22). "
        "Running waits until you are symptom-free; leaking, heaviness or pain are common but not "
        "normal, and a pelvic health physiotherapist can treat them (Goom 2019)."
    ) in captions(at)
    # Five years on: "it is not too late" comes right after the tests' lesson.
    assert lesson_links(at) == ["readiness-tests", "never-too-late", "six-week-check", "impact-load"]
    assert len(charts(at)) == 1


def test_five_years_after_birth_a_third_leaky_run_raises_the_recurrence_flag(db):
    save_profile(db, birth_date=date(2021, 11, 25), **NO_MODIFIERS)
    for days_ago in (9, 6, 3):
        run_id = services.add_run(
            db, {"run_date": TODAY - timedelta(days=days_ago), "duration_min": 25, "kind": "continuous"}, today=TODAY
        )
        _, flags = services.add_symptom(
            db,
            {
                "symptom_date": TODAY - timedelta(days=days_ago),
                "run_id": run_id,
                "timing": "during_run",
                "leakage": "drops",
            },
            today=TODAY,
        )
    assert flags == ["symptoms_recur_with_running"]
    at = app_test("app.py").run()
    assert not at.exception
    flag = symptoms.RED_FLAGS["symptoms_recur_with_running"]
    assert at.main.warning[0].value == (
        "**Pause high-impact exercise and see a pelvic health physiotherapist if you have:**\n"
        f"- **{flag.label}.** {flag.advice}"
    )
    assert at.main.warning[0].icon == "🩺"
    assert headline(at) == "Paused: a red flag is open"
    assert main_button(at) == "🚩 What to do"


# ---------------------------------------------------------------- red flags


def test_open_red_flag_comes_first_and_withholds_the_session_until_resolved(db):
    return_to_running_history(db)
    [flag_id] = services.add_red_flags(db, ["hot_swollen_calf"], flagged_date=TODAY - timedelta(days=1), today=TODAY)
    flag = symptoms.RED_FLAGS["hot_swollen_calf"]
    at = app_test("app.py").run()
    assert not at.exception
    order = body_order(at)
    assert order[:5] == [
        ("subheader", "16 weeks since birth"),
        ("error", f"**Contact your midwife or GP today if you have:**\n- **{flag.label}.** {flag.advice}"),
        ("markdown", "### Paused: a red flag is open"),
        ("caption", "When it is sorted, mark it resolved with the date on the Red flags page."),
        ("markdown", "**Your weekly check-in on how you feel**"),
    ]
    assert main_button(at) == "🚩 What to do"
    assert [b.label for b in at.main.button] == ["🚩 What to do", "📝 Log symptoms", "Save my answers"]
    # No training word anywhere the app wrote on home: no checklist, focus, phase text or
    # lessons on running (the quick links row and the menu are the shell's, on every page).
    words = "\n".join([*(s.value for s in at.main.subheader), markdown_shown(at)]).replace("Return to Run", "")
    assert not has_training_words(words), [line for line in words.splitlines() if has_training_words(line)]
    assert checklist(at) == []
    assert lesson_links(at) == ["when-to-see-someone"]
    assert len(charts(at)) == 1  # her history is still shown

    services.resolve_red_flag(db, flag_id, resolved_date=TODAY, note="scan clear", today=TODAY)
    at.run()
    no_errors(at)
    assert not at.main.warning
    assert subheader(at) == "16 weeks since birth · Return to running"
    assert headline(at) == "Today: walk-run level 2 — run 1, walk 1.5, ×12"
    assert main_button(at) == "👟 Log a run"


def test_emergency_flags_come_before_same_day_ones(db):
    return_to_running_history(db)
    services.add_red_flags(db, ["fever"], flagged_date=TODAY - timedelta(days=2), today=TODAY)
    services.add_red_flags(db, ["chest_pain"], flagged_date=TODAY, today=TODAY)
    at = app_test("app.py").run()
    assert not at.exception
    assert [e.value.split(".**")[0] for e in at.main.error] == [
        "**Call emergency services now if you have:**\n- **Chest pain",
        "**Contact your midwife or GP today if you have:**\n- **" + symptoms.RED_FLAGS["fever"].label,
    ]
    assert [e.icon for e in at.main.error] == ["🚨", "☎️"]


# ---------------------------------------------------------------- empty app and example data


def test_empty_app_loads_and_leaves_example_data(db_file):
    at = app_test("app.py").run()
    no_errors(at)
    assert not at.main.subheader
    assert [link.proto.label for link in body_page_links(at)] == [
        "1. Tell the app about your birth (1 minute)",
        "2. Log your first walk or run",
        "Start with why: read the lessons",
    ]
    example_path = storage.example_db_path(db_file)
    assert example_path == db_file.with_name("test.example.db")
    assert not example_path.exists()

    at.button(key="load_example").click().run()
    no_errors(at)
    assert example_path.exists()
    assert at.main.info[0].value == (
        f"You are exploring **example data**: {example.example_summary()} Nothing you do here touches your own log."
    )
    assert subheader(at) == f"{example.WEEKS_SINCE_BIRTH} weeks since birth · Return to running"
    assert len(charts(at)) == 1
    main = storage.open_db(db_file)
    try:
        assert storage.list_runs(main).empty
        assert storage.get_profile(main) is None
        assert storage.counts(main) == dict.fromkeys(
            ("runs", "symptoms", "readiness_results", "foundation_sessions", "red_flags"), 0
        )
    finally:
        main.close()
    example_db = storage.open_db(example_path)
    try:
        assert len(storage.list_runs(example_db)) > 30
    finally:
        example_db.close()

    at.button(key="leave_example_banner").click().run()
    no_errors(at)
    assert not example_path.exists()
    assert not at.main.info
    assert "#### Two first steps" in markdown(at)
    assert at.button(key="load_example").label == "🧪 Explore with example data"


def test_example_mode_survives_a_new_session(db_file):
    """The switch lives in her database, so a fresh browser session (a new AppTest) stays in it."""
    at = app_test("app.py").run()
    at.button(key="load_example").click().run()
    again = app_test("app.py").run()
    no_errors(again)
    assert again.main.info[0].value.startswith("You are exploring **example data**")
    again.button(key="leave_example_banner").click().run()
    assert not storage.example_db_path(db_file).exists()


# ---------------------------------------------------------------- readiness page


def readiness_status_rows(at) -> dict[str, str]:
    table = at.main.dataframe[0].value
    return dict(zip(table["Test"], table["Latest"], strict=True))


def test_readiness_overview_before_any_test(db_with_profile):
    at = app_test("pages/readiness.py").run()
    no_errors(at)
    assert [(m.label, m.value) for m in at.main.metric] == [("Load and impact tests passed", "0 of 7")]
    assert set(readiness_status_rows(at).values()) == {"⬜ not done"}
    assert len(readiness_status_rows(at)) == len(models.READINESS_TESTS)
    assert [link.proto.query_string for link in body_page_links(at)] == ["lesson=readiness-tests"]


def test_readiness_all_seven_passed_shows_seven_of_seven(db):
    save_profile(db, birth_date=TODAY - timedelta(weeks=14))
    at = app_test("pages/readiness.py").run()
    for code in models.LOAD_IMPACT_TESTS:
        at.radio(key=f"readiness_{code}").set_value("pass")
    at.button(key="save_readiness").click().run()
    no_errors(at)
    assert [s.value for s in at.main.success] == ["7 result(s) saved."]
    assert [(m.label, m.value) for m in at.main.metric] == [("Load and impact tests passed", "7 of 7")]
    status = readiness_status_rows(at)
    assert [status[label] for label in models.LOAD_IMPACT_TESTS.values()] == ["✅ passed"] * 7
    assert [status[label] for label in models.STRENGTH_TESTS.values()] == ["⬜ not done"] * 4
    assert [at.radio(key=f"readiness_{code}").value for code in models.LOAD_IMPACT_TESTS] == ["skip"] * 7
    results = storage.list_readiness(db)
    assert sorted(results["test_code"]) == sorted(models.LOAD_IMPACT_TESTS)
    assert set(results["test_date"]) == {TODAY}

    home = app_test("app.py").run()  # the running gate opens: tests done free of symptoms, 14 weeks
    assert subheader(home) == "14 weeks since birth · Return to running"
    assert headline(home) == "Today: walk-run level 1 — run 1, walk 2, ×10"


def test_readiness_retest_latest_result_counts(db_with_profile):
    db = db_with_profile
    pass_all_load_tests(db, TODAY - timedelta(days=10), failing=("hop_in_place", "running_man"))
    at = app_test("pages/readiness.py").run()
    assert at.main.metric[0].value == "5 of 7"
    assert readiness_status_rows(at)[models.LOAD_IMPACT_TESTS["hop_in_place"]] == "❌ not yet"
    at.radio(key="readiness_hop_in_place").set_value("pass")
    at.radio(key="readiness_running_man").set_value("incomplete")
    at.button(key="save_readiness").click().run()
    no_errors(at)
    assert at.main.metric[0].value == "6 of 7"
    status = readiness_status_rows(at)
    assert (status[models.LOAD_IMPACT_TESTS["hop_in_place"]], status[models.LOAD_IMPACT_TESTS["running_man"]]) == (
        "✅ passed",
        "❌ not yet",
    )


def test_readiness_nothing_marked_saves_nothing(db_with_profile):
    at = app_test("pages/readiness.py").run()
    at.button(key="save_readiness").click().run()
    assert [w.value for w in at.main.warning] == ["Nothing to save yet: mark at least one test."]
    assert storage.list_readiness(db_with_profile).empty
