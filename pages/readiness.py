"""Readiness tests: the load and impact battery and the strength tests, guided and dated."""

import streamlit as st

from return_to_run import models, services
from return_to_run.ui import answer, cached, fields, grid, learn, shell, tables, widgets
from return_to_run.validation import ValidationError

OUTCOMES = {
    "skip": "Not today",
    "pass": "Done, no symptoms",
    "symptoms": "Done, but with leakage, heaviness, dragging or pain",
    "incomplete": "Could not complete it",
}
DRAWING_WIDTH_PX = 96


with shell.page("Readiness tests", "✅") as ctx:
    st.title("✅ Readiness tests")
    shell.require_profile(ctx)
    st.write(
        "Before running, check that your body copes with load and impact, from about 12 weeks after "
        "the birth. Do each test and note honestly how it went: **any leakage, heaviness, dragging or "
        f"pain counts as not passed yet, even if you finished it** ({models.GOOM_2019})."
    )
    lesson = learn.lesson_by_slug("readiness-tests")
    if lesson:
        learn.lesson_link(lesson)
    shell.show_flash()

    status = cached.readiness_status(ctx)
    passed, load_tests = tables.load_tests_passed(status)
    st.metric("Load and impact tests passed", f"{passed} of {load_tests}")
    grid.show(tables.readiness_table(status), key="readiness_status_table")

    st.subheader("Log a test session")
    test_date = fields.past_date("Date of the tests", key="readiness_date", today=ctx.today)
    results = []
    st.markdown("##### Load and impact (all seven must pass before running)")
    offers = answer.tests_offered(ctx)
    for code, label in models.LOAD_IMPACT_TESTS.items():
        offer = offers[code]
        with st.container(border=True):
            cols = st.columns([1, 3], vertical_alignment="center")
            learn.drawing(code, width_px=DRAWING_WIDTH_PX, container=cols[0])
            if not offer.offered:  # an impact test while a red flag is open: not offered at all
                cols[1].markdown(f"**{label}**")
                cols[1].caption(offer.note)
                continue
            if offer.note:  # an impact test before 12 weeks: only after asking her clinician
                cols[1].warning(offer.note, icon="🩺")
            outcome = cols[1].radio(label, list(OUTCOMES), format_func=OUTCOMES.get, key=f"readiness_{code}")
        if outcome != "skip":
            results.append(
                {
                    "test_date": test_date,
                    "test_code": code,
                    "completed": outcome != "incomplete",
                    "had_symptoms": outcome == "symptoms",
                }
            )
    st.markdown(f"##### Strength (aim for {models.STRENGTH_TARGET_REPS} on each side, counted to fatigue)")
    st.caption("These steer your strength work. They never hold back your running.")
    for code, label in models.STRENGTH_TESTS.items():
        with st.container(border=True):
            cols = st.columns([1, 3], vertical_alignment="center")
            learn.drawing(code, width_px=DRAWING_WIDTH_PX, container=cols[0])
            with cols[1]:
                st.markdown(f"**{label}**")
                sides = st.columns(2)
                # The label names the test: a screen reader hears "Single-leg calf raise, left
                # side, reps", not only "Left".
                left = sides[0].number_input(
                    f"{label}, left side (reps)",
                    min_value=0,
                    max_value=500,
                    step=1,
                    value=None,
                    key=f"readiness_{code}_left",
                )
                right = sides[1].number_input(
                    f"{label}, right side (reps)",
                    min_value=0,
                    max_value=500,
                    step=1,
                    value=None,
                    key=f"readiness_{code}_right",
                )
        if left is not None or right is not None:
            results.append({"test_date": test_date, "test_code": code, "reps_left": left, "reps_right": right})

    if st.button("Save results", type="primary", width="stretch", key="save_readiness"):
        if not results:
            st.warning("Nothing to save yet: mark at least one test.")
        else:
            try:
                services.add_readiness_results(ctx.db, results, today=ctx.today)
            except ValidationError as error:
                widgets.show_problems(error)
            else:
                # The form empties after a save, so a second tap cannot save the same results again.
                for key in list(st.session_state):
                    if key.startswith("readiness_") and key != "readiness_date":
                        del st.session_state[key]
                shell.flash(f"{len(results)} result(s) saved.")
                st.rerun()
