"""Foundation work: pelvic floor training and strength sessions, beside the runs."""

from datetime import timedelta

import streamlit as st

from return_to_run import models, services, storage
from return_to_run.ui import fields, grid, guided, shell, tables, widgets
from return_to_run.validation import ValidationError

FORM_KEYS = ("foundation_date", "foundation_activity", "foundation_minutes", "foundation_notes")

with shell.page("Foundation work", "🧘") as ctx:
    st.title("🧘 Foundation work")
    shell.require_profile(ctx)
    st.write(
        "Pelvic floor training most days and strength work twice a week are what make a return "
        "to running hold up (UK Chief Medical Officers 2019; Canadian postpartum guideline 2025). "
        "Logging it shows how much foundation you have built, beside your runs on Trends."
    )
    shell.show_flash()
    guided.guided_session(ctx)

    st.subheader("Log a session")
    widgets.reset_form("reset_foundation_form", FORM_KEYS)

    session_date = fields.past_date("Date", key="foundation_date", today=ctx.today)
    activity = st.radio(
        "What",
        list(models.FOUNDATION_ACTIVITIES),
        format_func=models.FOUNDATION_ACTIVITIES.get,
        key="foundation_activity",
    )
    minutes = st.number_input("Minutes", min_value=0.0, step=1.0, value=10.0, key="foundation_minutes")
    notes = st.text_input("Notes (optional)", key="foundation_notes", max_chars=widgets.NOTES_MAX_CHARS)
    if st.button("Save session", type="primary", width="stretch", key="save_foundation"):
        try:
            services.add_foundation_session(
                ctx.db,
                {"session_date": session_date, "activity": activity, "duration_min": minutes, "notes": notes},
                today=ctx.today,
            )
        except ValidationError as error:
            widgets.show_problems(error)
        else:
            st.session_state["reset_foundation_form"] = True
            shell.flash(f"{models.FOUNDATION_ACTIVITIES[activity]} saved.")
            st.rerun()

    st.divider()
    st.subheader("The last four weeks")
    widgets.undo_bar(ctx, "foundation")
    sessions = storage.list_foundation(ctx.db, start=ctx.today - timedelta(weeks=4), end=ctx.today)
    if sessions.empty:
        st.info("No sessions logged in the last four weeks.")
    else:
        cols = st.columns(len(models.FOUNDATION_ACTIVITIES))
        for col, (label, count) in zip(cols, tables.foundation_counts(sessions).items(), strict=True):
            col.metric(label, count)
        grid.show(tables.foundation_table(sessions), key="foundation_table")
        widgets.confirmed_delete(
            ctx, "foundation", "session", tables.foundation_choices(sessions), services.delete_foundation_session
        )
