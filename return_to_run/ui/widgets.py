"""Small widgets several pages share: refusals, date fields, confirmed delete with undo,
form reset."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta

import streamlit as st

from .. import services
from ..validation import EARLIEST_DATE, MAX_NOTES_CHARS, ValidationError
from . import state
from .shell import Context, flash
from .text import escape_markdown

NOTES_MAX_CHARS = MAX_NOTES_CHARS  # what a notes box lets her type: what validation accepts

UNDO = {
    "run": services.undo_delete_run,
    "symptom": services.undo_delete_symptom,
    "foundation": services.undo_delete_foundation_session,
}


def show_problems(error: ValidationError) -> None:
    """List every problem of a refused entry, each naming its field; nothing was saved.
    Field names and messages may carry her text or a file's, so both are escaped."""
    lines = "\n".join(f"- **{escape_markdown(p.field)}**: {escape_markdown(p.message)}" for p in error.problems)
    st.error(f"Nothing was saved. Please fix:\n\n{lines}", icon="✋")


def date_field(label: str, *, key: str, value: date, max_value: date | None = None, container=st) -> date:
    """A YYYY-MM-DD date picker from validation's earliest date."""
    return container.date_input(
        label, value=value, min_value=EARLIEST_DATE, max_value=max_value, key=key, format="YYYY-MM-DD"
    )


def date_range(ctx: Context, key: str, *, weeks_back: int = 8) -> tuple[date, date]:
    """From/To pickers for a log list, defaulting to the last `weeks_back` weeks."""
    cols = st.columns(2)
    start = date_field("From", key=f"{key}_from", value=ctx.today - timedelta(weeks=weeks_back), container=cols[0])
    end = date_field("To", key=f"{key}_to", value=ctx.today, container=cols[1])
    return start, end


def distance_label(units: str) -> str:
    return "Distance (mi)" if units == "mi" else "Distance (km)"


def reset_form(flag: str, keys: Iterable[str]) -> None:
    """Empty a form's widgets on the run after a save: the save sets `flag` in session state."""
    if st.session_state.pop(flag, False):
        for key in keys:
            st.session_state.pop(key, None)


def confirmed_delete(ctx: Context, kind: str, noun: str, choices: dict, delete: Callable) -> None:
    """Pick one of `choices` (id -> label), tick to confirm, delete; the snapshot goes to the
    undo bar of `kind`."""
    with st.expander(f"Delete {'an' if noun[0] in 'aeiou' else 'a'} {noun}"):
        record_id = st.selectbox(noun.capitalize(), list(choices), format_func=choices.get, key=f"delete_{kind}_id")
        confirm = st.checkbox(f"Yes, delete this {noun}", key=f"confirm_delete_{kind}_{record_id}")
        if st.button(f"Delete {noun}", disabled=not confirm, key=f"delete_{kind}_{record_id}"):
            state.remember(ctx, f"undo_{kind}", delete(ctx.db, record_id))
            flash(f"{noun.capitalize()} deleted.", icon="🗑️")
            st.rerun()


def undo_bar(ctx: Context, kind: str) -> None:
    """An Undo button for the last deletion of `kind` ("run", "symptom" or "foundation") in
    this database; nothing when there is none."""
    snapshot = state.recall(ctx, f"undo_{kind}")
    if snapshot is None:
        return
    if st.button(f"↩️ Undo delete of that {kind}", key=f"undo_{kind}_button"):
        UNDO[kind](ctx.db, snapshot)
        state.forget(f"undo_{kind}")
        flash(f"The {kind} is back.")
        st.rerun()
