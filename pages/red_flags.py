"""Red flags: open flags with what to do (most urgent first), a short safety check-in, and
her history of them.

The flags, their urgencies, headings and icons are data in return_to_run.red_flags. While a
flag is open the page says only what to do: none of the app's words here suggest training
(guidance.TRAINING_WORDS). Text read from the database (an unknown code, dates, her notes)
is shown through text.escape_markdown or in a table, never as Markdown of its own.
"""

import streamlit as st

from return_to_run import red_flags, services, storage, symptoms
from return_to_run.ui import guidance, learn, shell, state, tables, text, widgets
from return_to_run.validation import ValidationError

FLAGS_AS_READ = "red_flags_as_read"  # {flag id: row as this window showed it}

INTRO = (
    "Some symptoms need a clinician, not a training plan. Tick anything you have now. "
    "While a red flag is open, the app suggests no training."
)
INTRO_WHILE_OPEN = (
    "Some symptoms need a clinician first. Below is what to do about each open red flag, the most "
    "urgent first; when it is sorted, mark it resolved with the date. Tick anything new further down."
)
CHECKIN_NOTE = (
    "Leakage, heaviness, bleeding and bowel symptoms you log on the symptoms page are "
    "checked against the red flags automatically."
)


def urgency_heading(urgency: str) -> str:
    """'🚨 Call emergency services now if you have' (red_flags.URGENCY_ICONS / URGENCY_HEADINGS)."""
    return f"{red_flags.URGENCY_ICONS[urgency]} {red_flags.URGENCY_HEADINGS[urgency]}"


def urgency_of(code: str) -> str:
    """The flag's urgency; an unknown code (a restored backup, another version) is same-day,
    as red_flags.red_flag treats it."""
    return red_flags.red_flag(code).urgency


def checkin() -> list[str]:
    """The check-in tick boxes grouped by urgency, most urgent first; returns the codes ticked."""
    ticked = []
    for urgency in red_flags.URGENCIES:
        codes = [c for c in red_flags.CHECKIN_FLAG_CODES if red_flags.RED_FLAGS[c].urgency == urgency]
        if not codes:
            continue
        st.markdown(f"**{urgency_heading(urgency)}:**")
        for code in codes:
            if st.checkbox(red_flags.RED_FLAGS[code].label, key=f"flag_{code}"):
                ticked.append(code)
    st.caption(CHECKIN_NOTE)
    return ticked


def flag_card(ctx, flag_id: int, flag: dict) -> None:
    """One open flag: its label and date, what to do, and the form that resolves it."""
    info = red_flags.RED_FLAGS.get(flag["flag_code"])
    with st.container(border=True):
        # An unknown code (from a restored backup) is shown as the text it is.
        label = info.label if info else text.escape_markdown(flag["flag_code"])
        st.markdown(f"**{label}** · raised {text.escape_markdown(flag['flagged_date'])}")
        st.caption(red_flags.red_flag(flag["flag_code"]).advice)
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


def open_section(ctx, open_flags) -> None:
    """The open flags under their urgency headings, most urgent first (oldest first within)."""
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
    for urgency in red_flags.URGENCIES:
        here = [(i, row) for i, row in shown.items() if urgency_of(row["flag_code"]) == urgency]
        if not here:
            continue
        st.markdown(f"**{urgency_heading(urgency)}:**")
        for flag_id, flag in sorted(here, key=lambda item: (str(item[1]["flagged_date"]), item[0])):
            flag_card(ctx, flag_id, flag)


with shell.page("Red flags", "🚩") as ctx:
    st.title("🚩 Red flags")
    shell.require_profile(ctx)
    all_flags = storage.list_red_flags(ctx.db)
    open_flags = symptoms.open_red_flags(all_flags)
    st.write(INTRO_WHILE_OPEN if len(open_flags) else INTRO)
    shell.show_flash()
    if "red_flags_saved" in st.session_state:
        guidance.show_red_flag_alerts([red_flags.RED_FLAGS[c] for c in st.session_state.pop("red_flags_saved")])

    if len(open_flags):
        open_section(ctx, open_flags)  # what to do comes first
        st.divider()
    flagged = checkin()
    if st.button("Save check-in", type="primary", width="stretch", key="save_red_flags"):
        if not flagged:
            shell.flash("Nothing ticked: no red flags today.")
        else:
            services.add_red_flags(ctx.db, flagged, flagged_date=ctx.today, today=ctx.today)
            st.session_state["red_flags_saved"] = flagged
        for code in red_flags.CHECKIN_FLAG_CODES:
            st.session_state.pop(f"flag_{code}", None)
        st.rerun()
    if not len(open_flags):
        st.divider()
        open_section(ctx, open_flags)

    resolved = all_flags[all_flags["resolved_date"].notna()] if not all_flags.empty else all_flags
    if not resolved.empty:
        st.subheader("History")
        st.dataframe(tables.red_flag_history_table(resolved), hide_index=True, width="stretch", key="red_flag_history")
    lesson = learn.lesson_by_slug("when-to-see-someone")
    if lesson:
        learn.lesson_link(lesson)
