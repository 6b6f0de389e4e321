"""Foundation work: pelvic floor training and strength sessions, beside the runs."""

from datetime import date, timedelta

import streamlit as st

from return_to_run import models, storage, ui
from return_to_run.validation import ValidationError

FORM_KEYS = ("foundation_date", "foundation_activity", "foundation_minutes", "foundation_notes")

with ui.page("Foundation work", "🧘") as ctx:
    st.title("🧘 Foundation work")
    ui.require_profile(ctx)
    st.write(
        "Pelvic floor training most days and strength work twice a week are what make a return "
        "to running hold up (UK Chief Medical Officers 2019; Canadian postpartum guideline 2025). "
        "Logging it keeps you honest with yourself, and shows beside your runs on Trends."
    )
    ui.show_flash()
    if st.session_state.pop("reset_foundation_form", False):
        for key in FORM_KEYS:
            st.session_state.pop(key, None)

    session_date = st.date_input(
        "Date",
        value=ctx.today,
        max_value=ctx.today,
        min_value=date(1950, 1, 1),
        key="foundation_date",
        format="YYYY-MM-DD",
    )
    activity = st.radio(
        "What",
        list(models.FOUNDATION_ACTIVITIES),
        format_func=models.FOUNDATION_ACTIVITIES.get,
        key="foundation_activity",
    )
    minutes = st.number_input("Minutes", min_value=0.0, step=1.0, value=10.0, key="foundation_minutes")
    notes = st.text_input("Notes (optional)", key="foundation_notes", max_chars=2000)
    if st.button("Save session", type="primary", width="stretch", key="save_foundation"):
        try:
            storage.add_foundation_session(
                ctx.db,
                {"session_date": session_date, "activity": activity, "duration_min": minutes, "notes": notes},
                today=ctx.today,
            )
        except ValidationError as error:
            ui.show_problems(error)
        else:
            st.session_state["reset_foundation_form"] = True
            ui.flash(f"{models.FOUNDATION_ACTIVITIES[activity]} saved.")
            st.rerun()

    st.divider()
    st.subheader("The last four weeks")
    ui.undo_bar(ctx, "foundation")
    sessions = storage.list_foundation(ctx.db, start=ctx.today - timedelta(weeks=4), end=ctx.today)
    if sessions.empty:
        st.info("No sessions logged in the last four weeks.")
    else:
        ui.foundation_summary(sessions)
        ui.delete_foundation_control(ctx, sessions)
