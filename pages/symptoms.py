"""Log symptoms: leakage, heaviness, pain by site, bleeding; red flags checked on save."""

from datetime import date

import streamlit as st

from return_to_run import models, storage, ui

FORM_KEYS = (
    "symptom_date",
    "symptom_run",
    "symptom_pain_sites",
    "symptom_timing",
    "symptom_leakage",
    "symptom_heaviness",
    "symptom_bleeding",
    "symptom_bowel",
    "symptom_notes",
    *(f"symptom_pain_{site}" for site in models.PAIN_SITES),
)

with ui.page("Log symptoms", "📝") as ctx:
    st.title("📝 Log symptoms")
    ui.require_profile(ctx)
    st.caption(
        f"{ui.weeks_label(ctx)} · Not a validated questionnaire: your own 0-10 ratings, "
        "to spot patterns. If a clinician gave you a questionnaire score, add it in the notes."
    )
    ui.show_flash()
    if "last_symptom" in st.session_state:
        for key in FORM_KEYS:
            st.session_state.pop(key, None)
    ui.show_last_symptom_result()

    symptom_date = st.date_input(
        "Date",
        value=ctx.today,
        max_value=ctx.today,
        min_value=date(1950, 1, 1),
        key="symptom_date",
        format="YYYY-MM-DD",
    )
    recent = storage.recent_runs_for_checkin(ctx.db)
    run_labels = {
        None: "Not linked to a run",
        **{r["id"]: f"{r['run_date']} · {models.RUN_KINDS[r['kind']]} · {r['duration_min']:g} min" for r in recent},
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
    leakage = st.radio(
        "Leakage of urine",
        list(models.LEAKAGE_LEVELS),
        format_func=models.LEAKAGE_LEVELS.get,
        horizontal=True,
        key="symptom_leakage",
    )
    heaviness = st.slider("Heaviness, pressure or bulging (0 = none, 10 = worst)", 0, 10, 0, key="symptom_heaviness")
    sites = st.multiselect(
        "Pain? Where",
        list(models.PAIN_SITES),
        format_func=models.PAIN_SITES.get,
        key="symptom_pain_sites",
        placeholder="No pain",
    )
    pains = {
        f"pain_{site}_0_10": st.slider(
            f"Pain: {models.PAIN_SITES[site].lower()} (0 = none, 10 = worst)", 0, 10, 3, key=f"symptom_pain_{site}"
        )
        for site in sites
    }
    bleeding = st.radio(
        "Bleeding",
        list(models.BLEEDING_LEVELS),
        format_func=models.BLEEDING_LEVELS.get,
        horizontal=True,
        key="symptom_bleeding",
        help="Not counting your period.",
    )
    bowel = st.checkbox("Leaking from the bowel (wind or stool) or urgency I could not hold", key="symptom_bowel")
    notes = st.text_area("Notes (optional)", key="symptom_notes", max_chars=2000)

    if st.button("Save symptoms", type="primary", width="stretch", key="save_symptom"):
        ui.save_symptom_entry(
            ctx,
            {
                "symptom_date": symptom_date,
                "run_id": run_id,
                "timing": timing,
                "leakage": leakage,
                "heaviness_0_10": heaviness,
                **pains,
                "bleeding": bleeding,
                "bowel_leakage": bowel,
                "notes": notes,
            },
        )
    st.page_link("pages/red_flags.py", label="Something else worrying you? Check the red flags", icon="🚩")

    st.divider()
    st.subheader("Your symptom log")
    ui.undo_bar(ctx, "symptom")
    start, end = ui.date_range(ctx, "symptoms")
    entries = storage.list_symptoms(ctx.db, start=start, end=end)
    if entries.empty:
        st.info("No symptom entries in these dates.")
    else:
        st.dataframe(ui.symptoms_table(entries), hide_index=True, width="stretch", key="symptoms_table")
        ui.delete_symptom_control(ctx, entries)
