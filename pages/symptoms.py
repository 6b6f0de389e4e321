"""Log symptoms: leakage, heaviness, pain by site, bleeding; red flags checked on save."""

import streamlit as st

from return_to_run import models, services, storage
from return_to_run.ui import checkin, fields, grid, shell, symptom_fields, tables, text, widgets

FORM_KEYS = (
    "symptom_date",
    "symptom_run",
    "symptom_timing",
    "symptom_bowel",
    "symptom_notes",
    *symptom_fields.field_keys("symptom"),
)

with shell.page("Log symptoms", "📝") as ctx:
    st.title("📝 Log symptoms")
    shell.require_profile(ctx)
    st.caption(
        f"{text.weeks_label(ctx.weeks_since_birth)} · Not a validated questionnaire: your own 0-10 ratings, "
        "to spot patterns. If a clinician gave you a questionnaire score, add it in the notes."
    )
    shell.show_flash()
    if checkin.just_saved(ctx):
        for key in FORM_KEYS:
            st.session_state.pop(key, None)
    checkin.show_last_symptom_result(ctx)

    symptom_date = fields.past_date("Date", key="symptom_date", today=ctx.today)
    recent = storage.recent_runs_for_checkin(ctx.db)
    run_labels = {
        None: "Not linked to a run",
        **{r["id"]: tables.run_label(r) for r in recent},
    }
    run_id = st.selectbox("Linked run (optional)", list(run_labels), format_func=run_labels.get, key="symptom_run")
    timing = st.radio(
        "When did it come?",
        list(models.SYMPTOM_TIMINGS),
        format_func=models.SYMPTOM_TIMINGS.get,
        horizontal=True,
        key="symptom_timing",
        index=0 if run_id else 2,
    )
    entry = symptom_fields.symptom_fields("symptom")
    bowel = st.checkbox("Leaking from the bowel (wind or stool) or urgency I could not hold", key="symptom_bowel")
    notes = st.text_area("Notes (optional)", key="symptom_notes", max_chars=widgets.NOTES_MAX_CHARS)

    if st.button("Save symptoms", type="primary", width="stretch", key="save_symptom"):
        checkin.save_symptom_entry(
            ctx,
            {
                "symptom_date": symptom_date,
                "run_id": run_id,
                "timing": timing,
                **entry,
                "bowel_leakage": bowel,
                "notes": notes,
            },
        )
    st.page_link("pages/red_flags.py", label="Something else worrying you? Check the red flags", icon="🚩")

    st.divider()
    st.subheader("Your symptom log")
    widgets.undo_bar(ctx, "symptom")
    start, end = widgets.date_range(ctx, "symptoms")
    entries = storage.list_symptoms(ctx.db, start=start, end=end)
    if entries.empty:
        st.info("No symptom entries in these dates.")
    else:
        grid.show(tables.symptoms_table(entries), key="symptoms_table")
        widgets.confirmed_delete(ctx, "symptom", "entry", tables.symptom_choices(entries), services.delete_symptom)
