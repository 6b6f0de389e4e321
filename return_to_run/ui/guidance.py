"""The guidance panels of home: red-flag alerts, today's plan, what unlocks the next phase,
why the plan moves gently, and the two buttons she needs most."""

from __future__ import annotations

import streamlit as st

from .. import symptoms
from .text import escape_markdown

# Emergency and same-day flags are errors (red); the others are warnings (amber).
ERROR_URGENCIES = ("emergency", "same_day")


def show_red_flag_alerts(flags) -> None:
    """Red flags, most urgent first (symptoms.most_urgent_first), each with its urgency's
    icon and what to do. Shown above everything else.

    The label of an unknown flag is made from a code read from the database (a restored
    backup, another version), so it is shown escaped; everything else is the app's own text.
    """
    for flag in symptoms.most_urgent_first(flags):
        label = flag.label if flag.code in symptoms.RED_FLAGS else escape_markdown(flag.label)
        message = f"**{label}.** {flag.advice}"
        icon = symptoms.URGENCY_ICONS.get(flag.urgency, "☎️")
        if flag.urgency in ERROR_URGENCIES or flag.urgency not in symptoms.URGENCY_ICONS:
            st.error(message, icon=icon)
        else:
            st.warning(message, icon=icon)


def quick_actions() -> None:
    """The two things she does most, first on the home page and easy to hit one-handed."""
    cols = st.columns(2)
    if cols[0].button("👟 Log a run", type="primary", width="stretch", key="home_log_run"):
        st.switch_page("pages/log_run.py")
    if cols[1].button("📝 Log symptoms", width="stretch", key="home_log_symptoms"):
        st.switch_page("pages/symptoms.py")


def todays_plan(assessment) -> None:
    """Today's suggested session, or the foundation focus when she is not running yet."""
    with st.container(border=True):
        st.markdown("#### Today")
        if assessment.training_withheld:
            st.markdown("No training suggestion while a red flag is open. Rest, and follow the advice above.")
            return
        session = assessment.session
        if session is not None:
            if session.walk_interval_min:
                st.markdown(
                    f"**Walk-run, level {session.level_number}:** run {session.run_interval_min:g} min, "
                    f"walk {session.walk_interval_min:g} min, × {session.repeats} "
                    f"({session.total_min:g} minutes in all, {session.run_min:g} of them running)."
                )
            else:
                st.markdown(f"**Run {session.total_min:g} minutes continuously** (level {session.level_number}).")
            st.caption(session.reason)
            for note in session.notes:
                st.markdown(f"- {note}")
        for item in assessment.todays_focus:
            st.markdown(f"- {item}")
        for message in assessment.messages:
            st.caption(message)


def next_phase_checklist(assessment) -> None:
    """What unlocks the next phase, ticked as she gets there."""
    if assessment.next_phase is None or not assessment.checklist:
        return
    done = sum(item.done for item in assessment.checklist)
    st.markdown(f"#### To unlock *{assessment.next_phase.name}* ({done} of {len(assessment.checklist)})")
    st.progress(done / len(assessment.checklist))
    for item in assessment.checklist:
        st.markdown(f"{'✅' if item.done else '⬜'} {item.label}")


def modifiers_note(assessment) -> None:
    """Why her plan moves more gently, if it does."""
    if not assessment.modifiers:
        return
    count = len(assessment.modifiers)
    with st.expander(f"Why your plan moves gently ({count} reason{'s' if count != 1 else ''})"):
        for modifier in assessment.modifiers:
            st.markdown(f"**{modifier.label}.** {modifier.explanation}")
            st.caption(f"Source: {modifier.source}")
