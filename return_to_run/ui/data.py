"""The Your data page's widgets: the export made on click, and the previews of an import and
of a restore before anything is written."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from .. import services, storage
from . import state, tables
from .shell import Context, flash
from .text import escape_markdown, table_counts


def export_later(ctx: Context) -> Callable[[], bytes]:
    """The export, made only when she clicks (it takes a few hundred ms for ten years).

    The click comes after this script run has closed ctx.db, so it opens its own.
    """
    path, day = ctx.db_path, ctx.today

    def make() -> bytes:
        db = storage.open_db(path)
        try:
            return storage.export_zip(db, today=day)
        finally:
            db.close()

    return make


def import_preview(ctx: Context, result) -> dict:
    """What an import would add and what it skips, and why; returns {"new_rows": rows to add,
    "duplicates": how many were imported before}."""
    known = storage.existing_source_ids(ctx.db, result.source)
    new_rows = [r for r in result.rows if r["source_id"] not in known]
    duplicates = len(result.rows) - len(new_rows)
    cols = st.columns(3)
    cols[0].metric("New runs and walks", len(new_rows))
    cols[1].metric("Already imported", duplicates)
    cols[2].metric("Skipped", len(result.skipped))
    if new_rows:
        st.dataframe(
            tables.runs_table(pd.DataFrame(new_rows), ctx.units),
            hide_index=True,
            width="stretch",
            key="import_preview_table",
        )
    if result.skipped:
        with st.expander(f"Skipped rows ({len(result.skipped)}) and why"):
            st.dataframe(
                tables.skipped_table(result.skipped), hide_index=True, width="stretch", key="import_skipped_table"
            )
    if not new_rows:
        st.info("Nothing new to import from this file.")
    return {"new_rows": new_rows, "duplicates": duplicates}


RESTORE_MODES = {
    "merge": "Merge: add what is missing to my current data",
    "replace": "Replace: delete my current data and put the backup in its place",
}


def restore_preview(ctx: Context, tables_in_backup: dict) -> None:
    """Show what the backup holds; restore only after she picks merge or replace."""
    st.markdown("This backup holds: " + table_counts({t: len(rows) for t, rows in tables_in_backup.items()}) + ".")
    mode = st.radio("How to restore", list(RESTORE_MODES), key="restore_mode", format_func=RESTORE_MODES.get)
    confirm = mode == "merge" or st.checkbox("Yes, replace everything I have now", key="restore_confirm")
    if st.button("Restore", type="primary", disabled=not confirm, key="restore_button"):
        try:
            written = services.restore_backup(ctx.db, tables_in_backup, mode=mode)
        except storage.RestoreError as error:
            st.error(escape_markdown(error), icon="📄")
        else:
            # Undo snapshots, the check-in and the PDF named records the restore replaced.
            state.forget_records()
            flash("Restored: " + table_counts(written) + ".")
            st.rerun()
