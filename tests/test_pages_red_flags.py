"""AppTests for the Red flags page: the issue 11 flags under their urgency headings (most
urgent first, the "gp" heading included), what to do first while a flag is open, and no
training words from the app while one is."""

from datetime import date

from return_to_run import red_flags, services, storage
from return_to_run.guidance import has_training_words

from .helpers import IMAGE_MARKUP, TODAY, app_test, markdown_shown, no_errors

PAGE = "pages/red_flags.py"
HEADINGS = {
    "emergency": "**🚨 Call emergency services now if you have:**",
    "same_day": "**☎️ Contact your midwife or GP today if you have:**",
    "gp": "**👩‍⚕️ Pause high-impact exercise and see your GP or midwife soon if you have:**",
    "pelvic_physio": "**🩺 Pause high-impact exercise and see a pelvic health physiotherapist if you have:**",
}
NEW_CHECKIN_FLAGS = {
    "dizziness_or_fainting": "Feeling dizzy or faint, or fainting",
    "mastitis": "A red, painful, hot area of a breast, with a fever or feeling unwell",
    "urine_infection": "Burning or stinging when you pass urine",
    "severe_headache_or_vision": "A severe headache that medicine does not relieve, changes in your vision, or pain "
    "high on the right of your belly, below the ribs",
}


def _headings(at) -> list[str]:
    return [m.value for m in at.main.markdown if m.value in HEADINGS.values()]


def _app_words(at) -> str:
    """Everything the app wrote in the page body: title, subheaders, Markdown, captions,
    alerts, labels (the quick links row and the sidebar are the shell's)."""
    parts = [t.value for t in at.main.title] + [s.value for s in at.main.subheader]
    # The app's own name (the shell's header and disclaimer) is not a suggestion to run.
    return "\n".join([*parts, markdown_shown(at)]).replace("Return to Run", "the app")


def test_the_check_in_offers_every_check_in_flag_under_its_urgency_most_urgent_first(db_with_profile):
    at = app_test(PAGE).run()
    no_errors(at)
    # Check-in flags are emergency or same day (the gp and physio flags come from symptom entries).
    assert _headings(at) == [HEADINGS["emergency"], HEADINGS["same_day"]]
    labels = [c.label for c in at.main.checkbox]
    assert labels == [red_flags.RED_FLAGS[code].label for code in red_flags.CHECKIN_FLAG_CODES]
    for code, label in NEW_CHECKIN_FLAGS.items():
        assert at.checkbox(key=f"flag_{code}").label == label
    # With nothing open: the plain introduction, and "Open red flags (0)" below the check-in.
    assert at.main.subheader[0].value == "Open red flags (0)"
    assert "Tick anything you have now." in markdown_shown(at)


def test_ticking_the_new_flags_saves_them_and_says_what_to_do_first(db_with_profile):
    at = app_test(PAGE).run()
    for code in NEW_CHECKIN_FLAGS:
        at.checkbox(key=f"flag_{code}").check()
    at.button(key="save_red_flags").click().run()
    assert not at.exception  # the alerts below are st.error on purpose
    stored = storage.list_red_flags(db_with_profile)
    assert sorted(stored["flag_code"]) == sorted(NEW_CHECKIN_FLAGS)
    assert set(stored["flagged_date"]) == {TODAY}
    # Each one's advice, loudly, at the top (all four are same day).
    alerts = [e.value for e in at.main.error]
    for code in NEW_CHECKIN_FLAGS:
        assert any(red_flags.RED_FLAGS[code].advice in alert for alert in alerts), code
    # The open flags come first, under the same-day heading, before the check-in's headings.
    assert at.main.subheader[0].value == "Open red flags (4)"
    assert _headings(at) == [HEADINGS["same_day"], HEADINGS["emergency"], HEADINGS["same_day"]]
    cards = [m.value for m in at.main.markdown if m.value.endswith("· raised 2026\\-11\\-25")]
    assert cards == [f"**{label}** · raised 2026\\-11\\-25" for label in NEW_CHECKIN_FLAGS.values()]


def test_open_flags_are_grouped_most_urgent_first_with_the_gp_heading(db_with_profile):
    db = db_with_profile
    services.add_red_flags(db, ["heaviness_new_or_worse"], flagged_date=date(2026, 11, 20), today=TODAY)
    services.add_red_flags(db, ["bleeding_beyond_8_weeks"], flagged_date=date(2026, 11, 21), today=TODAY)
    services.add_red_flags(db, ["urine_infection"], flagged_date=date(2026, 11, 22), today=TODAY)
    services.add_red_flags(db, ["dizziness_or_fainting"], flagged_date=date(2026, 11, 19), today=TODAY)
    services.add_red_flags(db, ["thoughts_of_harm"], flagged_date=date(2026, 11, 23), today=TODAY)
    at = app_test(PAGE).run()
    no_errors(at)
    assert at.main.subheader[0].value == "Open red flags (5)"
    open_part = [m.value for m in at.main.markdown]
    open_part = open_part[: open_part.index(HEADINGS["emergency"], open_part.index(HEADINGS["pelvic_physio"]))]
    shown = [m for m in open_part if m in HEADINGS.values() or "· raised" in m]
    assert shown == [
        HEADINGS["emergency"],
        "**Thoughts of harming yourself or your baby** · raised 2026\\-11\\-23",
        HEADINGS["same_day"],
        "**Feeling dizzy or faint, or fainting** · raised 2026\\-11\\-19",  # oldest first within
        "**Burning or stinging when you pass urine** · raised 2026\\-11\\-22",
        HEADINGS["gp"],
        "**Bleeding beyond 8 weeks after birth that is not a period** · raised 2026\\-11\\-21",
        HEADINGS["pelvic_physio"],
        "**New or worsening heaviness, dragging or bulge** · raised 2026\\-11\\-20",
    ]
    captions = [c.value for c in at.main.caption]
    for code in ("thoughts_of_harm", "dizziness_or_fainting", "urine_infection", "bleeding_beyond_8_weeks"):
        assert red_flags.RED_FLAGS[code].advice in captions, code


def test_under_an_open_flag_the_page_has_no_training_words(db_with_profile):
    for code in (*red_flags.CHECKIN_FLAG_CODES, "bleeding_beyond_8_weeks", "heaviness_new_or_worse"):
        services.add_red_flags(db_with_profile, [code], flagged_date=date(2026, 11, 24), today=TODAY)
    at = app_test(PAGE).run()
    no_errors(at)
    words = _app_words(at)
    assert "Below is what to do about each open red flag" in words
    assert not has_training_words(words), [line for line in words.splitlines() if has_training_words(line)]


def test_with_nothing_open_the_introduction_may_speak_of_training(db_with_profile):
    # The control for the test above: the words are found when they are there.
    at = app_test(PAGE).run()
    assert has_training_words(_app_words(at))


def test_resolving_a_grouped_flag_keeps_it_in_history(db_with_profile):
    db = db_with_profile
    [gp_flag] = services.add_red_flags(db, ["bleeding_beyond_8_weeks"], flagged_date=date(2026, 11, 21), today=TODAY)
    services.add_red_flags(db, ["mastitis"], flagged_date=date(2026, 11, 22), today=TODAY)
    at = app_test(PAGE).run()
    at.text_input(key=f"resolve_note_{gp_flag}").input("GP: it was my period")
    at.button(key=f"resolve_{gp_flag}").click().run()
    no_errors(at)
    flags = storage.list_red_flags(db).set_index("flag_code")
    assert flags.loc["bleeding_beyond_8_weeks", "resolved_note"] == "GP: it was my period"
    assert flags.loc["bleeding_beyond_8_weeks", "resolved_date"] == TODAY
    assert at.main.subheader[0].value == "Open red flags (1)"
    assert HEADINGS["gp"] not in [m.value for m in at.main.markdown]


def test_an_unknown_code_sits_with_the_same_day_flags_as_escaped_text(db_with_profile):
    db_with_profile["red_flags"].insert(
        {"flag_code": IMAGE_MARKUP, "flagged_date": "2026-11-20", "resolved_note": "", "created_at": "2026-11-20T08:00"}
    )
    services.add_red_flags(db_with_profile, ["chest_pain"], flagged_date=date(2026, 11, 21), today=TODAY)
    at = app_test(PAGE).run()
    no_errors(at)
    markdown = [m.value for m in at.main.markdown]
    unknown = next(m for m in markdown if "· raised 2026\\-11\\-20" in m)
    assert markdown.index(HEADINGS["emergency"]) < markdown.index(HEADINGS["same_day"]) < markdown.index(unknown)
    assert "![" not in markdown_shown(at)
    assert red_flags.SAME_DAY_ADVICE in [c.value for c in at.main.caption]
