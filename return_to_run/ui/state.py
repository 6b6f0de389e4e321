"""Session state that refers to records belongs to the database it came from.

An undo snapshot, the check-in's run id, the symptom just saved, the made PDF and the files
picked for an import or a restore all name records of one database. Each is stored tagged with
that database's id and read back only while the page has the same database open; when she
switches (example data on or off, a restore) they are dropped, so an Undo can never put an
example run into her own log.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

# Values stored through remember(): read back through recall().
TAGGED_KEYS = ("undo_run", "undo_symptom", "undo_foundation", "checkin_run_id", "last_symptom", "report_pdf")
# Widgets whose value names records or holds a file meant for one database; widget state
# cannot carry a tag, so these are only dropped on a switch.
RECORD_WIDGET_KEYS = ("import_file", "restore_file", "edit_run_id", "delete_symptom_id", "delete_foundation_id")
DATABASE_KEY = "records_database"


def follow_database(database_id: str) -> None:
    """Called once per page run with the database the page opened: a different one than last
    time drops every record state of the old one."""
    if st.session_state.get(DATABASE_KEY) != database_id:
        forget_records()
        st.session_state[DATABASE_KEY] = database_id


def forget_records() -> None:
    """Drop every state that refers to records (after a switch or a restore)."""
    for key in (*TAGGED_KEYS, *RECORD_WIDGET_KEYS):
        st.session_state.pop(key, None)


def remember(ctx, key: str, value: Any) -> None:
    """Keep `value` under `key` for the database of `ctx` (anything with a .database_id)."""
    st.session_state[key] = (ctx.database_id, value)


def recall(ctx, key: str) -> Any:
    """The value remembered under `key` for the database of `ctx`, or None (also when it came
    from another database: then it is dropped)."""
    tagged = st.session_state.get(key)
    if tagged is None:
        return None
    database_id, value = tagged
    if database_id != ctx.database_id:
        del st.session_state[key]
        return None
    return value


def pop(ctx, key: str) -> Any:
    """recall(ctx, key), and forget it."""
    value = recall(ctx, key)
    st.session_state.pop(key, None)
    return value


def forget(key: str) -> None:
    st.session_state.pop(key, None)
