"""Every page through streamlit.testing.v1.AppTest, and each form's save/refuse/edit/delete paths."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from return_to_run import lessons, models, services, storage

from .helpers import PROFILE, ROOT, TODAY, app_test, body_page_links, no_errors

PAGES = ["app.py", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))]


def test_every_page_is_in_the_menu():
    from return_to_run import ui

    assert sorted(path for path, _, _ in ui.MENU) == sorted(PAGES)


@pytest.mark.parametrize("page_file", PAGES)
def test_page_runs_on_an_empty_database(db_file, page_file):
    at = app_test(page_file).run()
    no_errors(at)
    assert Path(db_file).exists()


@pytest.mark.parametrize("page_file", PAGES)
def test_page_runs_with_a_profile_and_no_logs(db_with_profile, page_file):
    at = app_test(page_file).run()
    no_errors(at)


def test_empty_home_greets_with_two_first_steps(db_file):
    at = app_test("app.py").run()
    text = " ".join(m.value for m in at.markdown)
    assert "Two first steps" in text
    assert not at.get("vega_lite_chart") and not at.get("arrow_vega_lite_chart")
    assert at.button(key="load_example").label == "🧪 Explore with example data"


def _fill_profile(at, **answers):
    """Answer the profile's required questions (none is pre-chosen)."""
    values = {
        "profile_birth_date": date(2026, 8, 1),
        "profile_birth_type": "vaginal",
        "profile_feeding": "breastfeeding",
        "profile_background": "recreational",
        **answers,
    }
    for key, value in values.items():
        widget = at.date_input(key=key) if key == "profile_birth_date" else None
        if widget is None:
            widget = at.radio(key=key) if key in ("profile_feeding", "profile_background") else at.selectbox(key=key)
        widget.set_value(value)
    return at


def test_profile_form_saves(db_file):
    at = _fill_profile(app_test("pages/profile.py").run(), profile_birth_type="unplanned_c_section")
    at.radio(key="profile_units").set_value("mi")
    at.button(key="FormSubmitter:profile_form-Save profile").click().run()
    no_errors(at)
    saved = storage.get_profile(storage.open_db(db_file))
    assert (saved.birth_date, saved.birth_type, saved.units) == (date(2026, 8, 1), "unplanned_c_section", "mi")
    assert at.success[0].value == "Profile saved. You are 16 weeks since birth."


def test_new_profile_has_nothing_pre_chosen_and_names_what_is_missing(db_file):
    at = app_test("pages/profile.py").run()
    assert at.date_input(key="profile_birth_date").value is None
    assert at.selectbox(key="profile_birth_type").value is None
    assert at.radio(key="profile_feeding").value is None
    assert at.radio(key="profile_background").value is None
    at.button(key="FormSubmitter:profile_form-Save profile").click().run()
    [error] = [e.value for e in at.error]
    assert error.startswith("Nothing was saved.")
    for field in ("**Birth date**", "**Birth type**", "**Feeding**", "**Running background**"):
        assert field in error
    assert storage.get_profile(storage.open_db(db_file)) is None


def test_saved_profile_shows_her_answers_and_keeps_the_leak_question_about_running(db_with_profile):
    at = app_test("pages/profile.py").run()
    assert at.date_input(key="profile_birth_date").value == PROFILE["birth_date"]
    assert at.radio(key="profile_feeding").value == "breastfeeding"
    assert at.checkbox(key="profile_leaked").label == (
        "I leaked urine when coughing, sneezing, jumping or running, before or during pregnancy"
    )


def test_profile_refuses_a_far_future_birth(db_file):
    at = _fill_profile(app_test("pages/profile.py").run(), profile_birth_date=date(2027, 9, 1))
    at.button(key="FormSubmitter:profile_form-Save profile").click().run()
    assert "Birth date" in at.error[0].value and "in the future" in at.error[0].value
    assert storage.get_profile(storage.open_db(db_file)) is None


def test_pages_that_need_a_profile_point_to_it(db_file):
    at = app_test("pages/log_run.py").run()
    assert "tell the app about your birth" in at.info[0].value


# ---------------------------------------------------------------- runs


def _fill_run(at, *, kind="continuous", minutes=25.0, distance=None):
    at.radio(key="run_kind").set_value(kind)
    at.run()
    at.number_input(key="run_duration").set_value(minutes)
    if distance is not None:
        at.number_input(key="run_distance").set_value(distance)
    return at


def test_run_saved_then_no_symptoms_in_one_tap(db_with_profile):
    at = _fill_run(app_test("pages/log_run.py").run(), distance=4.0)
    at.text_area(key="run_notes").set_value("<img src=x onerror=alert(1)>")
    at.button(key="save_run").click().run()
    no_errors(at)
    runs = storage.list_runs(db_with_profile)
    assert runs[["duration_min", "distance_km", "kind", "notes"]].to_dict("records") == [
        {"duration_min": 25.0, "distance_km": 4.0, "kind": "continuous", "notes": "<img src=x onerror=alert(1)>"}
    ]
    # The check-in takes the form's place until she answers; the form comes back empty.
    assert [b.label for b in at.button if b.key and b.key.startswith("checkin_")] == [
        "✅ No symptoms",
        "💧 A few drops",
        "💦 More than drops",
        "Something else…",
        "Later",
    ]
    assert not [b for b in at.button if b.key == "save_run"]
    at.button(key="checkin_none").click().run()
    no_errors(at)
    entries = storage.list_symptoms(db_with_profile)
    assert entries[["run_id", "leakage", "heaviness_0_10"]].to_dict("records") == [
        {"run_id": int(runs["id"][0]), "leakage": "none", "heaviness_0_10": 0}
    ]
    assert at.number_input(key="run_duration").value is None  # form back, cleared for the next run


@pytest.mark.parametrize(("button", "leakage"), [("checkin_drops", "drops"), ("checkin_more", "more")])
def test_a_little_leak_is_one_tap_and_offers_the_lessons(db_with_profile, button, leakage):
    at = _fill_run(app_test("pages/log_run.py").run())
    at.button(key="save_run").click().run()
    at.button(key=button).click().run()
    no_errors(at)
    entries = storage.list_symptoms(db_with_profile)
    assert entries[["leakage", "timing"]].to_dict("records") == [{"leakage": leakage, "timing": "during_run"}]
    lessons = [link.proto.query_string for link in body_page_links(at) if link.proto.page == "learn"]
    assert lessons == ["lesson=pelvic-floor-how-to"]  # the one lesson, not a reading list
    # 21 weeks, no tests yet: what the check-in means next, in one sentence.
    assert [i.value for i in at.main.info if i.value.startswith("Saved.")] == [
        "Saved. Noted: running waits until you are free of symptoms; if it keeps happening, see a pelvic "
        "health physiotherapist."
    ]
    assert not [b for b in at.button if b.key == "checkin_none"]  # the check-in is done


def test_a_symptom_free_check_in_says_what_it_counts_towards(db_with_profile):
    _tests_passed(db_with_profile)
    at = app_test("pages/log_run.py").run()
    at.button(key="save_run").click().run()  # today's level 1, pre-filled
    at.button(key="checkin_none").click().run()
    no_errors(at)
    assert [s.value for s in at.main.success] == [
        "Saved. Symptom-free: that counts towards moving up (1 of 4 done at level 1)."
    ]
    assert [link.proto.query_string for link in body_page_links(at) if link.proto.page == "learn"] == [
        "lesson=progressing-running"
    ]


def test_a_leaky_check_in_on_the_levels_says_repeat_and_who_to_see(db_with_profile):
    _tests_passed(db_with_profile)
    at = app_test("pages/log_run.py").run()
    at.button(key="save_run").click().run()
    at.button(key="checkin_drops").click().run()
    no_errors(at)
    assert [i.value for i in at.main.info if i.value.startswith("Saved.")] == [
        "Saved. Repeat level 1 next time; if it comes back, see a pelvic health physiotherapist."
    ]
    assert [link.proto.query_string for link in body_page_links(at) if link.proto.page == "learn"] == [
        "lesson=pelvic-floor-how-to"
    ]


def test_something_else_stays_open_while_she_fills_it(db_with_profile):
    at = _fill_run(app_test("pages/log_run.py").run())
    at.button(key="save_run").click().run()
    at.button(key="checkin_other").click().run()
    # Each answer reruns the page; the panel must still be there (no expander to fold shut).
    at.radio(key="checkin_leakage").set_value("drops").run()
    at.slider(key="checkin_heaviness").set_value(3).run()
    at.multiselect(key="checkin_pain_sites").set_value(["pelvis"]).run()
    at.slider(key="checkin_pain_pelvis").set_value(4).run()
    assert at.radio(key="checkin_leakage").value == "drops"
    at.button(key="checkin_save").click().run()
    no_errors(at)
    entries = storage.list_symptoms(db_with_profile)
    assert entries[["leakage", "heaviness_0_10", "pain_pelvis_0_10"]].to_dict("records") == [
        {"leakage": "drops", "heaviness_0_10": 3, "pain_pelvis_0_10": 4}
    ]
    assert not [b for b in at.button if b.key == "checkin_save"]


def test_later_closes_the_check_in_and_brings_the_form_back(db_with_profile):
    at = _fill_run(app_test("pages/log_run.py").run())
    at.button(key="save_run").click().run()
    at.button(key="checkin_later").click().run()
    no_errors(at)
    assert storage.list_symptoms(db_with_profile).empty
    assert at.button(key="save_run").label == "Save run"


def test_walk_run_needs_its_pattern_and_saves_it(db_with_profile):
    at = _fill_run(app_test("pages/log_run.py").run(), kind="walk_run", minutes=15.0)
    # Before the plan opens (21 weeks, no tests yet) nothing is pre-filled: she types her pattern.
    at.number_input(key="run_interval").set_value(1.0)
    at.number_input(key="walk_interval").set_value(2.0)
    at.number_input(key="interval_repeats").set_value(0)
    at.button(key="save_run").click().run()
    assert "Repeats" in at.error[0].value
    assert storage.list_runs(db_with_profile).empty
    at.number_input(key="interval_repeats").set_value(5)
    at.button(key="save_run").click().run()
    no_errors(at)
    run = storage.list_runs(db_with_profile).iloc[0]
    assert (run["run_interval_min"], run["walk_interval_min"], run["interval_repeats"]) == (1.0, 2.0, 5)


@pytest.mark.parametrize(
    ("minutes", "distance", "field"),
    [
        # Field names are shown escaped (they can come from a file): "(" is "\(".
        (0.0, None, r"Duration \(min\)"),
        (700.0, None, r"Duration \(min\)"),
        (20.0, 150.0, "Distance"),
        (10.0, 9.0, "Distance"),  # 1:07 min/km: no human runs that
    ],
)
def test_bad_runs_are_refused_with_the_field_named(db_with_profile, minutes, distance, field):
    at = _fill_run(app_test("pages/log_run.py").run(), minutes=minutes, distance=distance)
    at.button(key="save_run").click().run()
    assert f"**{field}**" in at.error[0].value
    assert at.error[0].value.startswith("Nothing was saved.")
    assert storage.list_runs(db_with_profile).empty
    assert at.number_input(key="run_duration").value == minutes  # her input is kept


def test_a_future_date_is_refused_in_words_and_the_form_kept(db_with_profile):
    at = _fill_run(app_test("pages/log_run.py").run(), minutes=31.0)
    at.date_input(key="run_date").set_value(date(2026, 11, 26))
    at.run()
    # Said under the field before she saves, and the date she typed stays.
    assert at.error[0].value == (
        "2026-11-26 is in the future. Pick today (2026-11-25) or an earlier day; the rest of the form is kept."
    )
    at.button(key="save_run").click().run()
    assert storage.list_runs(db_with_profile).empty  # never silently today
    assert r"**Date**: 2026\-11\-26 is in the future\." in at.error[1].value
    assert at.date_input(key="run_date").value == date(2026, 11, 26)
    assert at.number_input(key="run_duration").value == 31.0
    at.date_input(key="run_date").set_value(TODAY)
    at.button(key="save_run").click().run()
    no_errors(at)
    assert list(storage.list_runs(db_with_profile)["run_date"]) == [TODAY]


def test_yesterday_gets_no_message_under_the_date(db_with_profile):
    at = _fill_run(app_test("pages/log_run.py").run())
    at.date_input(key="run_date").set_value(date(2026, 11, 24)).run()
    no_errors(at)


def test_distance_in_miles_is_stored_in_km(db_file):
    db = storage.open_db(db_file)
    services.save_profile(db, {**PROFILE, "units": "mi"}, today=TODAY)
    at = _fill_run(app_test("pages/log_run.py").run(), minutes=30.0, distance=2.0)
    at.button(key="save_run").click().run()
    assert storage.list_runs(db)["distance_km"][0] == pytest.approx(3.218688)


def test_edit_and_delete_with_undo(db_with_profile):
    db = db_with_profile
    run_id = services.add_run(db, {"run_date": "2026-11-20", "duration_min": 20, "kind": "continuous"}, today=TODAY)
    at = app_test("pages/log_run.py").run()
    at.number_input(key=f"edit_duration_{run_id}").set_value(22.0)
    at.button(key=f"FormSubmitter:edit_run_{run_id}-Save changes").click().run()
    no_errors(at)
    assert storage.get_run(db, run_id)["duration_min"] == 22.0
    assert at.button(key=f"delete_run_{run_id}").disabled
    at.checkbox(key=f"confirm_delete_run_{run_id}").check().run()
    at.button(key=f"delete_run_{run_id}").click().run()
    assert storage.list_runs(db).empty
    at.button(key="undo_run_button").click().run()
    no_errors(at)
    assert storage.get_run(db, run_id)["duration_min"] == 22.0


# ---------------------------------------------------------------- symptoms


def test_full_symptom_entry_saved(db_with_profile):
    at = app_test("pages/symptoms.py").run()
    at.radio(key="symptom_leakage").set_value("more")
    at.slider(key="symptom_heaviness").set_value(3)
    at.multiselect(key="symptom_pain_sites").set_value(["knee"]).run()
    at.slider(key="symptom_pain_knee").set_value(4)
    at.text_area(key="symptom_notes").set_value("**not bold** <script>x</script>")
    at.button(key="save_symptom").click().run()
    no_errors(at)
    entry = storage.list_symptoms(db_with_profile).iloc[0]
    assert (entry["leakage"], entry["heaviness_0_10"], entry["pain_knee_0_10"]) == ("more", 3, 4)
    assert entry["notes"] == "**not bold** <script>x</script>"


def test_bleeding_levels_and_their_questions_on_log_symptoms(db_with_profile):
    at = app_test("pages/symptoms.py").run()
    assert at.radio(key="symptom_bleeding").options == [
        "None",
        "Spotting",
        "Like a period",
        "Heavy: soaking a pad in an hour or less, or clots bigger than a plum",
    ]
    assert not [c for c in at.checkbox if c.key.startswith("symptom_bleeding_")]  # only once she bleeds
    at.radio(key="symptom_bleeding").set_value("heavy").run()
    assert [c.label for c in at.checkbox if c.key.startswith("symptom_bleeding_")] == [
        "It gets heavier when I am active",
        "I think this is my period",
    ]
    at.checkbox(key="symptom_bleeding_activity").check()
    at.button(key="save_symptom").click().run()
    entry = storage.list_symptoms(db_with_profile).iloc[0]
    assert (entry["bleeding"], entry["bleeding_heavier_with_activity"]) == ("heavy", 1)
    # The red flags come first, most urgent first, under their urgency's heading and icon.
    assert [(e.icon, e.value.split("\n")[0]) for e in at.main.error] == [
        ("☎️", "**Contact your midwife or GP today if you have:**")
    ]
    assert [(w.icon, w.value.split("\n")[0]) for w in at.main.warning] == [
        ("👩‍⚕️", "**Pause high-impact exercise and see your GP or midwife soon if you have:**")
    ]
    assert [i.value for i in at.main.info] == [
        "Saved. Paused: a red flag is open (heavy bleeding: soaking a pad in an hour or less, or clots bigger "
        "than a plum); see Red flags for what to do."
    ]


def test_her_period_raises_no_flag(db_with_profile):
    at = app_test("pages/symptoms.py").run()
    at.radio(key="symptom_bleeding").set_value("like_period").run()
    at.checkbox(key="symptom_bleeding_period").check()
    at.button(key="save_symptom").click().run()
    no_errors(at)
    assert storage.list_red_flags(db_with_profile).empty
    assert not at.main.warning


def test_bowel_leakage_raises_a_red_flag(db_with_profile):
    at = app_test("pages/symptoms.py").run()
    at.checkbox(key="symptom_bowel").check()
    at.button(key="save_symptom").click().run()
    assert list(storage.list_red_flags(db_with_profile)["flag_code"]) == ["bowel_leakage"]
    assert at.warning or at.error


def test_delete_symptom_asks_first_and_can_be_undone(db_with_profile):
    db = db_with_profile
    symptom_id, _ = services.add_symptom(db, {"symptom_date": "2026-11-20", "heaviness_0_10": 2}, today=TODAY)
    at = app_test("pages/symptoms.py").run()
    at.checkbox(key=f"confirm_delete_symptom_{symptom_id}").check().run()
    at.button(key=f"delete_symptom_{symptom_id}").click().run()
    assert storage.list_symptoms(db).empty
    at.button(key="undo_symptom_button").click().run()
    assert len(storage.list_symptoms(db)) == 1


# ---------------------------------------------------------------- foundation, readiness, red flags


def test_foundation_session_saved_and_refused(db_with_profile):
    at = app_test("pages/foundation.py").run()
    at.radio(key="foundation_activity").set_value("strength")
    at.number_input(key="foundation_minutes").set_value(0.0)
    at.button(key="save_foundation").click().run()
    assert r"**Duration \(min\)**" in at.error[0].value
    at.number_input(key="foundation_minutes").set_value(30.0)
    at.button(key="save_foundation").click().run()
    no_errors(at)
    assert storage.list_foundation(db_with_profile)[["activity", "duration_min"]].to_dict("records") == [
        {"activity": "strength", "duration_min": 30.0}
    ]


def test_readiness_results_logged(db_with_profile):
    at = app_test("pages/readiness.py").run()
    at.radio(key="readiness_hop_in_place").set_value("symptoms")
    at.radio(key="readiness_walk_30min").set_value("pass")
    at.number_input(key="readiness_calf_raise_left").set_value(15)
    at.number_input(key="readiness_calf_raise_right").set_value(22)
    at.button(key="save_readiness").click().run()
    no_errors(at)
    results = db_with_profile.query(
        "SELECT test_code, completed, had_symptoms, reps_left, reps_right FROM readiness_results ORDER BY test_code"
    )
    assert list(results) == [
        {"test_code": "calf_raise", "completed": 1, "had_symptoms": 0, "reps_left": 15, "reps_right": 22},
        {"test_code": "hop_in_place", "completed": 1, "had_symptoms": 1, "reps_left": None, "reps_right": None},
        {"test_code": "walk_30min", "completed": 1, "had_symptoms": 0, "reps_left": None, "reps_right": None},
    ]


def test_readiness_form_empties_after_a_save_so_a_second_tap_saves_nothing(db_with_profile):
    at = app_test("pages/readiness.py").run()
    at.radio(key="readiness_walk_30min").set_value("pass")
    at.number_input(key="readiness_calf_raise_left").set_value(20)
    at.number_input(key="readiness_calf_raise_right").set_value(20)
    at.button(key="save_readiness").click().run()
    no_errors(at)
    assert at.radio(key="readiness_walk_30min").value == "skip"
    assert at.number_input(key="readiness_calf_raise_left").value is None
    at.button(key="save_readiness").click().run()
    assert at.warning[0].value == "Nothing to save yet: mark at least one test."
    assert len(storage.list_readiness(db_with_profile)) == 2


def test_readiness_labels_name_the_test_and_each_test_has_its_drawing(db_with_profile):
    at = app_test("pages/readiness.py").run()
    assert at.number_input(key="readiness_calf_raise_left").label == "Single-leg calf raise, left side (reps)"
    assert at.number_input(key="readiness_calf_raise_right").label == "Single-leg calf raise, right side (reps)"
    # Inline SVG, so its <title> is the alt text; each drawing's title is also its caption.
    svgs = [h.proto.body for h in at.main.get("html")]
    assert [re.search(r'<title id="title-(\w+)">', svg).group(1) for svg in svgs] == list(models.READINESS_TESTS)
    captions = [c.value for c in at.main.caption]
    assert all(lessons.drawing_title(code) in captions for code in models.READINESS_TESTS)
    assert any(link.proto.query_string == "lesson=readiness-tests" for link in body_page_links(at))


def test_readiness_strength_with_one_side_is_refused(db_with_profile):
    at = app_test("pages/readiness.py").run()
    at.number_input(key="readiness_calf_raise_left").set_value(15)
    at.button(key="save_readiness").click().run()
    assert "Reps, right side" in at.error[0].value
    assert storage.list_readiness(db_with_profile).empty


def test_red_flag_checkin_then_resolve(db_with_profile):
    from return_to_run import symptoms

    code = symptoms.CHECKIN_FLAG_CODES[0]
    at = app_test("pages/red_flags.py").run()
    at.checkbox(key=f"flag_{code}").check()
    at.button(key="save_red_flags").click().run()
    assert not at.exception
    assert symptoms.RED_FLAGS[code].advice in at.error[0].value  # the advice comes first, loudly
    flags = storage.list_red_flags(db_with_profile)
    assert list(flags["flag_code"]) == [code]
    flag_id = int(flags["id"][0])
    at.text_input(key=f"resolve_note_{flag_id}").set_value("seen by GP")
    at.button(key=f"resolve_{flag_id}").click().run()
    no_errors(at)
    flags = storage.list_red_flags(db_with_profile)
    assert (flags["resolved_date"][0], flags["resolved_note"][0]) == (TODAY, "seen by GP")


def _tests_passed(db) -> None:
    """All seven load and impact tests passed, free of symptoms, 2 days ago: at 21 weeks the
    plan opens at level 1 (run 1, walk 2, x10)."""
    services.add_readiness_results(
        db,
        [
            {"test_date": date(2026, 11, 23), "test_code": code, "completed": True, "had_symptoms": False}
            for code in models.LOAD_IMPACT_TESTS
        ],
        today=TODAY,
    )


def test_walk_run_prefills_todays_plan_and_its_duration(db_with_profile):
    _tests_passed(db_with_profile)
    at = app_test("pages/log_run.py").run()
    assert at.info[0].value == "Today: walk-run level 1 — run 1, walk 2, ×10"
    assert at.radio(key="run_kind").value == "walk_run"
    assert (
        at.number_input(key="run_interval").value,
        at.number_input(key="walk_interval").value,
        at.number_input(key="interval_repeats").value,
    ) == (1.0, 2.0, 10)
    assert "Today's plan: level 1. That pattern takes 30 minutes." in [c.value for c in at.main.caption]
    assert not at.warning  # nothing typed yet: no warning about a run she has not entered
    at.button(key="save_run").click().run()
    no_errors(at)
    run = storage.list_runs(db_with_profile).iloc[0]
    assert (run["duration_min"], run["interval_repeats"]) == (30.0, 10)


def test_home_buttons_go_to_the_logs(db_with_profile):
    at = app_test("app.py").run()
    assert at.button(key="home_main_action").label == "✅ Readiness tests"  # 21 weeks, no tests yet
    at.button(key="home_main_action").click().run()
    no_errors(at)
    assert at.title[0].value == "✅ Readiness tests"
    at = app_test("app.py").run()
    at.button(key="home_log_symptoms").click().run()
    assert at.title[0].value == "📝 Log symptoms"


def test_a_run_past_110_percent_of_the_longest_gets_a_heads_up(db_with_profile):
    _tests_passed(db_with_profile)
    services.add_run(db_with_profile, {"run_date": "2026-11-20", "duration_min": 20, "kind": "continuous"}, today=TODAY)
    at = _fill_run(app_test("pages/log_run.py").run(), minutes=30.0).run()
    assert any(
        "more than 110% of your longest run in the last 30 days (20 min of running)" in w.value for w in at.warning
    )
    at.button(key="save_run").click().run()  # a heads-up, not a refusal: what she ran is logged
    assert len(storage.list_runs(db_with_profile)) == 2


def test_an_unexpected_error_is_calm_and_shows_no_traceback(db_with_profile, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret note text")

    monkeypatch.setattr(storage, "list_runs", broken)
    at = app_test("pages/log_run.py").run()
    assert not at.exception
    assert at.error[0].value.startswith("Something went wrong on this page")
    assert "secret note text" not in " ".join(e.value for e in at.error)


def test_the_check_in_asks_the_bleeding_questions_too_and_raises_the_same_flag(db):
    """The check-in after a run is where bleeding that gets heavier with activity shows: its
    "Something else" panel asks what Log symptoms asks, and before 8 weeks it is the same
    same-day red flag (ui/symptom_fields.py serves both doors)."""
    services.save_profile(db, {**PROFILE, "birth_date": TODAY - timedelta(weeks=5)}, today=TODAY)
    at = app_test("pages/log_run.py").run()
    at.radio(key="run_kind").set_value("walk").run()
    at.number_input(key="run_duration").set_value(30.0).run()
    at.button(key="save_run").click().run()
    at.button(key="checkin_other").click().run()
    assert not [c for c in at.checkbox if c.key.startswith("checkin_bleeding_")]  # only once she bleeds
    at.radio(key="checkin_bleeding").set_value("spotting").run()
    at.checkbox(key="checkin_bleeding_activity").check()
    at.button(key="checkin_save").click().run()
    assert not at.exception
    assert [e.value.split("\n")[:2] for e in at.main.error] == [
        [
            "**Contact your midwife or GP today if you have:**",
            "- **Bleeding that gets heavier with activity, in the first 8 weeks.** Stop exercising and contact "
            "your midwife or GP today. Build activity up again only once the bleeding no longer increases with it.",
        ]
    ]
    assert storage.list_red_flags(db)["flag_code"].tolist() == ["bleeding_heavier_with_activity"]
    entry = storage.list_symptoms(db).iloc[0]
    assert (entry["bleeding"], entry["bleeding_heavier_with_activity"], entry["run_id"] is not None) == (
        "spotting",
        1,
        True,
    )
