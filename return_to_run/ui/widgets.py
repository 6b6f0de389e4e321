"""Small widgets several pages share: refusals, date fields, confirmed delete with undo,
form reset, and the record "as read" that a save or delete checks against."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta

import streamlit as st

from .. import services, storage
from ..storage import StaleRecordError, UndoError
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


# ---------------------------------------------------------------- the record as read
#
# A save or a delete passes the record as this window showed it (`expected`) to services:
# when another window changed or deleted it since, services refuses with StaleRecordError
# instead of silently overwriting or dropping. The row must be the one read when the form was
# drawn, not re-read on the click's run (that would always match), so it is kept in session
# state, one slot per form, tagged with the database. A record deleted elsewhere stays
# selectable (from the slot) so her click and her typing are answered, not dropped.

AS_READ_KEY = "records_as_read"
GONE_LABEL = " (changed or deleted in another window)"


def as_read(ctx: Context, slot: str, table: str, record_id: int | None) -> dict | None:
    """The record `record_id` of `table` as this window showed it in form `slot`: read now
    when the slot held another record (or none), kept from an earlier run otherwise. None
    when it is gone and was never shown here."""
    if record_id is None:
        return None
    slots = state.recall(ctx, AS_READ_KEY) or {}
    kept = slots.get(slot)
    if kept is not None and kept[0] == (table, record_id):
        return kept[1]
    row = storage.get_row(ctx.db, table, record_id)
    if row is not None:
        state.remember(ctx, AS_READ_KEY, {**slots, slot: ((table, record_id), row)})
    return row


def read_again(ctx: Context, slot: str) -> None:
    """Forget the row kept for `slot`: the next run reads the record as it is now (after her
    own save, or after she was told another window changed it)."""
    slots = dict(state.recall(ctx, AS_READ_KEY) or {})
    if slots.pop(slot, None) is not None:
        state.remember(ctx, AS_READ_KEY, slots)


def with_shown(ctx: Context, slot: str, table: str, choices: dict, selection_key: str, label) -> dict:
    """`choices` (id -> label) plus the record this window has selected in `selection_key`
    when another window deleted it meanwhile (labelled so), so that a click on its form is
    refused with a message rather than lost. `label` makes a label from a stored row."""
    selected = st.session_state.get(selection_key)
    if selected is None or selected in choices:
        return choices
    slots = state.recall(ctx, AS_READ_KEY) or {}
    kept = slots.get(slot)
    if kept is None or kept[0] != (table, selected):
        return choices
    return {**choices, selected: label(kept[1]) + GONE_LABEL}


def show_stale(error: StaleRecordError) -> None:
    """The refusal of a save or delete of a record changed or deleted in another window (the
    app's own sentence, naming the kind of record)."""
    st.error(str(error), icon="🪟")


# kind of an undo bar or confirmed delete -> (table, date column)
RECORD_TABLES = {
    "run": ("runs", "run_date"),
    "symptom": ("symptoms", "symptom_date"),
    "foundation": ("foundation_sessions", "session_date"),
}


def confirmed_delete(ctx: Context, kind: str, noun: str, choices: dict, delete: Callable) -> None:
    """Pick one of `choices` (id -> label), tick to confirm, delete; the snapshot goes to the
    undo bar of `kind`. The delete passes the record as this window showed it; when another
    window changed or deleted it, nothing is deleted and she is told."""
    slot = f"delete_{kind}"
    table, date_column = RECORD_TABLES[kind]
    with st.expander(f"Delete {'an' if noun[0] in 'aeiou' else 'a'} {noun}"):
        choices = with_shown(ctx, slot, table, choices, f"delete_{kind}_id", lambda row: f"{row[date_column]} · {noun}")
        record_id = st.selectbox(noun.capitalize(), list(choices), format_func=choices.get, key=f"delete_{kind}_id")
        expected = as_read(ctx, slot, table, record_id)
        confirm = st.checkbox(f"Yes, delete this {noun}", key=f"confirm_delete_{kind}_{record_id}")
        if st.button(f"Delete {noun}", disabled=not confirm, key=f"delete_{kind}_{record_id}"):
            try:
                snapshot = delete(ctx.db, record_id, expected=expected)
            except StaleRecordError as error:
                show_stale(error)
                read_again(ctx, slot)
            else:
                read_again(ctx, slot)
                state.remember(ctx, f"undo_{kind}", snapshot)
                flash(f"{noun.capitalize()} deleted.", icon="🗑️")
                st.rerun()


def undo_bar(ctx: Context, kind: str) -> None:
    """An Undo button for the last deletion of `kind` ("run", "symptom" or "foundation") in
    this database; nothing when there is none. When the undo cannot be applied, the snapshot
    is dropped and the reason shown."""
    snapshot = state.recall(ctx, f"undo_{kind}")
    if snapshot is None:
        return
    if st.button(f"↩️ Undo delete of that {kind}", key=f"undo_{kind}_button"):
        try:
            UNDO[kind](ctx.db, snapshot)
        except UndoError as error:
            state.forget(f"undo_{kind}")
            st.error(str(error), icon="↩️")  # the app's own sentence: why it cannot come back
        else:
            state.forget(f"undo_{kind}")
            flash(f"The {kind} is back.")
            st.rerun()
