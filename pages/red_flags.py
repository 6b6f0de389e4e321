"""Red flags: a short safety check-in, open flags to resolve, and her history of them."""

import streamlit as st

from return_to_run import services, storage, symptoms
from return_to_run.ui import guidance, learn, shell, state, tables, widgets
from return_to_run.validation import ValidationError

FLAGS_AS_READ = "red_flags_as_read"  # {flag id: row as this window showed it}

URGENCY_HEADINGS = {
    "emergency": "🚨 Call emergency services now if you have",
    "same_day": "☎️ Contact your doctor or midwife today if you have",
    "pelvic_physio": "🩺 Stop running and see a pelvic health physiotherapist if you have",
}

with shell.page("Red flags", "🚩") as ctx:
    st.title("🚩 Red flags")
    shell.require_profile(ctx)
    st.write(
        "Some symptoms need a clinician, not a training plan. Tick anything you have now. "
        "While a red flag is open, the app suggests no training."
    )
    shell.show_flash()
    if "red_flags_saved" in st.session_state:
        guidance.show_red_flag_alerts([symptoms.RED_FLAGS[c] for c in st.session_state.pop("red_flags_saved")])

    flagged = []
    for urgency, heading in URGENCY_HEADINGS.items():
        codes = [c for c in symptoms.CHECKIN_FLAG_CODES if symptoms.RED_FLAGS[c].urgency == urgency]
        if not codes:
            continue
        st.markdown(f"**{heading}:**")
        for code in codes:
            if st.checkbox(symptoms.RED_FLAGS[code].label, key=f"flag_{code}"):
                flagged.append(code)
    st.caption(
        "Leakage, heaviness, bleeding and bowel symptoms you log on the symptoms page are "
        "checked against the red flags automatically."
    )
    if st.button("Save check-in", type="primary", width="stretch", key="save_red_flags"):
        if not flagged:
            shell.flash("Nothing ticked: no red flags today.")
        else:
            services.add_red_flags(ctx.db, flagged, flagged_date=ctx.today, today=ctx.today)
            st.session_state["red_flags_saved"] = flagged
        for code in symptoms.CHECKIN_FLAG_CODES:
            st.session_state.pop(f"flag_{code}", None)
        st.rerun()

    st.divider()
    all_flags = storage.list_red_flags(ctx.db)
    open_flags = symptoms.open_red_flags(all_flags)
    st.subheader(f"Open red flags ({len(open_flags)})")
    if open_flags.empty:
        st.success("None open.", icon="✅")
    # Each flag as this window showed it (widgets.as_read explains why it is kept): a flag
    # resolved in another window since is drawn once more when she clicks its button here,
    # so the click is answered ("changed or deleted in another window") and her note kept.
    seen = state.recall(ctx, FLAGS_AS_READ) or {}
    shown = {int(i): seen.get(int(i)) or storage.get_row(ctx.db, "red_flags", int(i)) for i in open_flags["id"]}
    shown = {i: row for i, row in shown.items() if row is not None}
    clicked_gone = [i for i in seen if i not in shown and st.session_state.get(f"resolve_{i}")]
    shown.update({i: seen[i] for i in clicked_gone})
    state.remember(ctx, FLAGS_AS_READ, {i: row for i, row in shown.items() if i not in clicked_gone})
    for flag_id, flag in shown.items():
        info = symptoms.RED_FLAGS.get(flag["flag_code"])
        with st.container(border=True):
            # An unknown code (from a restored backup) is shown as the text it is.
            label = info.label if info else widgets.as_text(flag["flag_code"])
            st.markdown(f"**{label}** · raised {widgets.as_text(flag['flagged_date'])}")
            if info:
                st.caption(info.advice)
            cols = st.columns([1, 2])
            resolved_on = widgets.date_field(
                "Resolved on", value=ctx.today, max_value=ctx.today, key=f"resolve_date_{flag_id}", container=cols[0]
            )
            note = cols[1].text_input("Note (e.g. what the clinician said)", key=f"resolve_note_{flag_id}")
            if st.button("Mark resolved", key=f"resolve_{flag_id}"):
                try:
                    services.resolve_red_flag(
                        ctx.db, flag_id, resolved_date=resolved_on, note=note, today=ctx.today, expected=flag
                    )
                except ValidationError as error:
                    widgets.show_problems(error)
                except services.StaleRecordError as error:
                    widgets.show_stale(error)
                else:
                    shell.flash("Marked resolved. It stays in your history.")
                    st.rerun()

    resolved = all_flags[all_flags["resolved_date"].notna()] if not all_flags.empty else all_flags
    if not resolved.empty:
        st.subheader("History")
        st.dataframe(tables.red_flag_history_table(resolved), hide_index=True, width="stretch", key="red_flag_history")
    lesson = learn.lesson_by_slug("when-to-see-someone")
    if lesson:
        learn.lesson_link(lesson)
