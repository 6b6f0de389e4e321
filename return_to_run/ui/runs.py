"""The run form's helpers: changing or deleting a run (the pattern to pre-fill comes from
guidance.run_form_state, through ui.answer)."""

from __future__ import annotations

from datetime import date

import streamlit as st

from .. import models, services
from ..storage import StaleRecordError
from ..validation import ValidationError
from . import state, tables
from .shell import Context, flash
from .widgets import (
    NOTES_MAX_CHARS,
    as_read,
    date_field,
    distance_label,
    read_again,
    show_problems,
    show_stale,
    with_shown,
)

# The edit form's slot for the run as this window showed it (widgets.as_read).
SLOT = "edit_run"


def edit_or_delete_run(ctx: Context, runs) -> None:
    """Pick one of the listed runs to change or delete (delete asks first, then offers undo).

    Both pass the run as this window showed it: when another window changed or deleted it
    since, nothing is written, she is told, and her typing stays in the form."""
    choices = with_shown(ctx, SLOT, "runs", tables.run_choices(runs), "edit_run_id", tables.run_label)
    if not choices:  # nothing listed, and no run this window was editing
        return
    with st.expander("Change or delete a run"):
        run_id = st.selectbox("Run", list(choices), format_func=choices.get, key="edit_run_id")
        run = as_read(ctx, SLOT, "runs", run_id)
        if run is None:  # gone before this window ever showed it
            st.info("That run is no longer in your log.")
            return
        with st.form(f"edit_run_{run_id}"):
            raw = _run_fields(ctx, run, run_id)
            saved = st.form_submit_button("Save changes", type="primary")
        if saved:
            try:
                services.update_run(ctx.db, run_id, raw, today=ctx.today, expected=run)
            except ValidationError as error:
                show_problems(error)
            except StaleRecordError as error:
                show_stale(error)  # the slot keeps the run as she saw it: her typing stays
            else:
                read_again(ctx, SLOT)
                flash("Run updated.")
                st.rerun()
        confirm = st.checkbox("Yes, delete this run", key=f"confirm_delete_run_{run_id}")
        if st.button("Delete run", disabled=not confirm, key=f"delete_run_{run_id}"):
            try:
                snapshot = services.delete_run(ctx.db, run_id, expected=run)
            except StaleRecordError as error:
                show_stale(error)  # the slot keeps the run as she saw it: her typing stays
            else:
                read_again(ctx, SLOT)
                state.remember(ctx, "undo_run", snapshot)
                flash(f"Run of {run['run_date']} deleted.", icon="🗑️")  # a stored date: YYYY-MM-DD
                st.rerun()


def _run_fields(ctx: Context, run: dict, run_id: int) -> dict:
    """The edit form's fields, filled with `run`; returns the raw values to validate."""
    raw = {
        "run_date": date_field(
            "Date", value=date.fromisoformat(run["run_date"]), max_value=ctx.today, key=f"edit_date_{run_id}"
        ),
        "kind": st.selectbox(
            "Kind",
            list(models.RUN_KINDS),
            format_func=models.RUN_KINDS.get,
            index=list(models.RUN_KINDS).index(run["kind"]),
            key=f"edit_kind_{run_id}",
        ),
        "duration_min": st.number_input(
            "Duration (min)", min_value=0.0, value=float(run["duration_min"]), key=f"edit_duration_{run_id}"
        ),
        "run_interval_min": st.number_input(
            "Run interval (min, walk-run only)", min_value=0.0, value=run["run_interval_min"], key=f"edit_ri_{run_id}"
        ),
        "walk_interval_min": st.number_input(
            "Walk interval (min, walk-run only)",
            min_value=0.0,
            value=run["walk_interval_min"],
            key=f"edit_wi_{run_id}",
        ),
        "interval_repeats": st.number_input(
            "Repeats (walk-run only)", min_value=0, step=1, value=run["interval_repeats"], key=f"edit_rep_{run_id}"
        ),
        "effort_1_10": st.slider("Effort", 1, 10, run["effort_1_10"] or 4, key=f"edit_effort_{run_id}"),
        "notes": st.text_area("Notes", value=run["notes"], max_chars=NOTES_MAX_CHARS, key=f"edit_notes_{run_id}"),
    }
    distance = st.number_input(
        distance_label(ctx.units),
        min_value=0.0,
        value=(round(models.from_km(run["distance_km"], ctx.units), 3) if run["distance_km"] else None),
        key=f"edit_distance_{run_id}",
    )
    raw["distance_km"] = models.to_km(distance, ctx.units) if distance else None
    return raw
