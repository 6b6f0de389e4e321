"""The Your data page's import: preview (what it would add, the same run from another source,
rows worth a look), the unit switch, notes that mention symptoms made into entries only when
she ticks them, writing it as one batch, and "Undo this import".

Every message that carries text from a file (file names, values, titles, notes) shows it
escaped with bare links defused (text.escape_markdown), or as a code span.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import threading
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date

import pandas as pd
import streamlit as st

from .. import models, services, storage
from ..storage.queries import runs_for_matching
from ..validation import ValidationError
from . import state, tables
from .data import EXAMPLE_REFUSAL, IMPORT_UNIT, LAST_IMPORT, UNIT_WORDS, refused_in_example_mode
from .shell import Context, flash
from .text import code_span, escape_markdown, plural
from .widgets import show_problems

# ---------------------------------------------------------------- import: what it would add


@dataclass
class ImportPlan:
    """What an import would do with each row of an ImportResult (indexes into result.rows)."""

    new: list[int] = field(default_factory=list)  # not in her log yet
    same_source: list[int] = field(default_factory=list)  # this (source, id) is already stored
    other_source: dict[int, dict] = field(default_factory=dict)  # the same run, stored from another source


def plan_import(result, known_source_ids: set[str], stored_runs: list[dict]) -> ImportPlan:
    """Sort the rows of `result` into new, imported before from this source, and the same run
    already stored from another source (importers.find_same_runs: start time and duration)."""
    from .. import importers  # see import_section

    plan = ImportPlan()
    fresh = []
    for index, row in enumerate(result.rows):
        (plan.same_source if row["source_id"] in known_source_ids else fresh).append(index)
    others = [r for r in stored_runs if r["source"] != result.source]
    matches = importers.find_same_runs([result.rows[i] for i in fresh], others)
    for position, index in enumerate(fresh):
        if position in matches:
            plan.other_source[index] = others[matches[position]]
        else:
            plan.new.append(index)
    return plan


def preview_table(rows: list[dict], units: str) -> pd.DataFrame:
    """Date, Start, Title, Kind, Minutes, Distance (units), Effort, Notes for imported rows.
    A missing start, distance or effort is blank (never "None"); titles apart from notes."""
    return pd.DataFrame(
        {
            "Date": [r["run_date"].isoformat() for r in rows],
            "Start": [(r.get("start_time") or "")[11:16] for r in rows],
            "Title": [r.get("title") or "" for r in rows],
            "Kind": [models.RUN_KINDS.get(r["kind"], r["kind"]) for r in rows],
            "Minutes": [round(float(r["duration_min"]), 1) for r in rows],
            f"Distance ({units})": [
                f"{models.from_km(r['distance_km'], units):.2f}" if r.get("distance_km") else "" for r in rows
            ],
            "Effort": ["" if r.get("effort_1_10") is None else str(r["effort_1_10"]) for r in rows],
            "Notes": [r.get("notes") or "" for r in rows],
        },
        dtype=object,
    )


def same_run_table(result, plan: ImportPlan, units: str) -> pd.DataFrame:
    """For each row already stored from another source: the row, and the stored run it matches."""
    indexes = list(plan.other_source)
    table = preview_table([result.rows[i] for i in indexes], units)[["Date", "Start", "Title", "Minutes"]]
    stored = [plan.other_source[i] for i in indexes]
    table["In your log from"] = [r["source"] for r in stored]
    table["Stored start"] = [(r.get("start_time") or "")[11:16] for r in stored]
    table["Stored minutes"] = [round(float(r["duration_min"]), 1) for r in stored]
    return table


def import_section(ctx: Context) -> None:
    """The Import runs tab: the last import (with its undo), then a file, its preview and the
    button that imports it."""
    last_import(ctx)
    if refused_in_example_mode(ctx, "Importing"):
        return
    upload = st.file_uploader("File to import", key="import_file", type=["csv", "zip", "gpx", "tcx", "fit", "gz"])
    if upload is None:
        return
    # Imported once a file is chosen: the parsers (GPX, FIT, TCX, zip) are ~0.1 s of imports
    # that opening the Data page does not need.
    from .. import importers

    upload_id = getattr(upload, "file_id", None) or f"{upload.name}:{upload.size}"
    picked = state.recall(ctx, IMPORT_UNIT)
    unit = picked[1] if picked and picked[0] == upload_id else None
    try:
        result = parsed_upload(
            upload.name,
            upload.getvalue(),
            today=ctx.today,
            distance_units=ctx.profile.units if ctx.profile else None,
            distance_unit=unit,
        )
    except importers.ImportFileError as error:
        st.error(escape_markdown(error), icon="📄")
        return
    plan = plan_import(result, storage.existing_source_ids(ctx.db, result.source), runs_for_matching(ctx.db))
    unit_switch(ctx, result, upload_id)
    rows = import_preview(ctx, result, plan, upload_id)
    notes = symptom_note_choices(ctx, result, set(rows), upload_id)
    if not rows:
        st.info("Nothing new to import from this file.")
        return
    label = f"Import {plural(len(rows), 'activity', 'activities')}"
    if notes:
        label += f" and make {plural(len(notes), 'symptom entry', 'symptom entries')}"
    if st.button(label, type="primary", key="confirm_import"):
        run_import(ctx, upload.name, result, rows, notes)


# ---------------------------------------------------------------- import: the file read once

# Every widget on the Data page reruns it (a tick, a unit switch): without this, each rerun
# would read the whole file again (~50 ms for ten years of Strava). A few files are kept, so a
# second window or going back to the previous file is read once too; a result is ~1 MB for
# ten years of activities.
PARSED_UPLOADS_KEPT = 4
_parsed_uploads: OrderedDict[tuple, object] = OrderedDict()
_parsed_uploads_lock = threading.Lock()  # sessions run in their own threads


def parsed_upload(name: str, data: bytes, *, today: date, distance_units: str | None, distance_unit: str | None):
    """importers.parse_upload(name, data, ...), read once for each file, day and unit.

    Keyed on everything the result depends on: the bytes (their SHA-256), the name (it picks
    the reader), today (dates after it are refused), her profile's unit, the unit picked in
    the preview and this computer's time zone (UTC times are read in it). Nothing from her database is in the result (what is already stored is
    sorted out by plan_import on every run), so it may serve any window and any database. A
    refusal is kept too, and raised again as a new ImportFileError. Each caller gets its own
    row dicts: a caller changing them cannot change what the next rerun reads.
    """
    from .. import importers  # see import_section

    # This computer's time zone too: UTC times in the file are read in it.
    local_zone = (time.tzname, time.timezone, time.altzone)
    key = (hashlib.sha256(data).digest(), name, today, distance_units, distance_unit, local_zone)
    with _parsed_uploads_lock:
        found = _parsed_uploads.get(key)
        if found is not None:
            _parsed_uploads.move_to_end(key)
    if found is None:
        try:
            found = importers.parse_upload(
                name, data, today=today, distance_units=distance_units, distance_unit=distance_unit
            )
        except importers.ImportFileError as error:
            found = error
        with _parsed_uploads_lock:
            _parsed_uploads[key] = found
            while len(_parsed_uploads) > PARSED_UPLOADS_KEPT:
                _parsed_uploads.popitem(last=False)
    if isinstance(found, importers.ImportFileError):
        raise importers.ImportFileError(found.filename, found.problem)
    return dataclasses.replace(found, rows=tuple(dict(row) for row in found.rows))


def unit_switch(ctx: Context, result, upload_id: str) -> None:
    """The unit assumed for a file that does not name it, why, and a one-tap switch that reads
    the file again in the other unit (nothing is written until she imports)."""
    if result.distance_unit is None:
        return
    st.info(
        f"Distances in this file are read as **{UNIT_WORDS[result.distance_unit]}**. "
        f"{escape_markdown(result.unit_reason)}",  # the importer's own sentence
        icon="📏",
    )
    other = result.other_unit
    if st.button(f"Read them as {UNIT_WORDS[other]} instead", key="import_unit_switch"):
        state.remember(ctx, IMPORT_UNIT, (upload_id, other))
        st.rerun()


def import_preview(ctx: Context, result, plan: ImportPlan, upload_id: str) -> list[int]:
    """Show what an import would add, what it leaves out and why, and the rows worth a look;
    returns the indexes (into result.rows) of the rows to import."""
    cols = st.columns(3)
    cols[0].metric("New runs and walks", len(plan.new))
    cols[1].metric("Already imported", len(plan.same_source) + len(plan.other_source))
    cols[2].metric("Skipped", len(result.skipped))
    rows = list(plan.new)
    if plan.new:
        st.dataframe(
            preview_table([result.rows[i] for i in plan.new], ctx.units),
            hide_index=True,
            width="stretch",
            key="import_preview_table",
        )
    if plan.same_source:
        st.caption(
            f"{plural(len(plan.same_source), 'activity', 'activities')} of this file "
            f"{'is' if len(plan.same_source) == 1 else 'are'} already in your log from an earlier import."
        )
    if plan.other_source:
        count = len(plan.other_source)
        st.markdown(
            f"**Already imported from another source: {plural(count, 'activity', 'activities')}.** "
            "Each starts within a few minutes of a run in your log and lasts about as long (the same run "
            "recorded by two apps), so it is left out: counted twice, it would double that week."
        )
        st.dataframe(same_run_table(result, plan, ctx.units), hide_index=True, width="stretch", key="import_same_runs")
        # Keyed by the file: a tick given for one file is never carried over to the next.
        if st.checkbox("They are different runs: import them too", key=f"import_same_anyway_{upload_id}"):
            rows = sorted(rows + list(plan.other_source))
    if result.warnings:
        with st.expander(f"Worth a look before importing ({len(result.warnings)})", expanded=True):
            for warning in result.warnings:
                where = f"Row {warning.row}: " if warning.row is not None else ""
                st.warning(escape_markdown(where + warning.message), icon="🔎")
    if result.skipped:
        with st.expander(f"Skipped rows ({len(result.skipped)}) and why"):
            st.dataframe(
                tables.skipped_table(result.skipped), hide_index=True, width="stretch", key="import_skipped_table"
            )
    return rows


# ---------------------------------------------------------------- import: notes about symptoms

# What a ticked note's entry starts with, for each topic the note mentions: the mildest level
# that is not "none". The note says the symptom was there, not how much, so nothing stronger
# is assumed; she sees these levels and changes them before anything is saved.
MILDEST = {"leakage": "drops", "heaviness": 1, "pain": 1, "bleeding": "spotting"}


def symptom_note_choices(ctx: Context, result, importing: set[int], upload_id: str) -> list[tuple[int, dict]]:
    """List the notes of rows to import that mention leaking, heaviness, pain or bleeding;
    each can be ticked to make a symptom entry, with its levels shown and editable.

    Returns (row index, symptom entry fields) for each ticked note; nothing is made unless she
    ticks it and imports."""
    notes = [n for n in result.symptom_notes if n.index in importing]
    if not notes:
        return []
    st.markdown(f"**Notes that mention a symptom ({len(notes)})**")
    st.caption(
        "Tick a note to make a symptom entry from it when you import. The entry keeps the note's "
        "text and starts at the mildest level of what the note mentions (a few drops, heaviness 1, "
        "pain 1 at 'Other', spotting): change the levels to what you felt. Nothing is made from a "
        "note you do not tick."
    )
    chosen = []
    for note in notes:
        row = result.rows[note.index]
        key = f"note_{upload_id}_{note.index}"
        with st.container(border=True):
            title = f" · {escape_markdown(row['title'])}" if row.get("title") else ""
            ticked = st.checkbox(f"Make a symptom entry for {row['run_date'].isoformat()}{title}", key=key)
            st.text(note_text(row))  # her note as plain text
            st.caption("Mentions: " + escape_markdown(", ".join(note.words)))
            if ticked:
                chosen.append((note.index, _note_entry(row, note.topics, key)))
    return chosen


def note_text(row: dict) -> str:
    """What a symptom entry made from an imported row's note keeps: the note, or the title
    when the mention was there."""
    return row.get("notes") or row.get("title") or ""


def _note_entry(row: dict, topics: tuple[str, ...], key: str) -> dict:
    """The symptom entry's fields for one ticked note: levels pre-set from its topics, shown."""
    entry = {"symptom_date": row["run_date"], "timing": "during_run", "notes": note_text(row)}
    cols = st.columns(max(len(topics), 1))
    for col, topic in zip(cols, topics, strict=False):
        if topic == "leakage":
            options = list(models.LEAKAGE_LEVELS)
            entry["leakage"] = col.selectbox(
                "Leakage", options, index=options.index("drops"), format_func=models.LEAKAGE_LEVELS.get, key=f"{key}_l"
            )
        elif topic == "heaviness":
            entry["heaviness_0_10"] = col.number_input("Heaviness (0-10)", 0, 10, MILDEST["heaviness"], key=f"{key}_h")
        elif topic == "pain":
            sites = list(models.PAIN_SITES)
            site = col.selectbox(
                "Pain where", sites, index=sites.index("other"), format_func=models.PAIN_SITES.get, key=f"{key}_ps"
            )
            entry[f"pain_{site}_0_10"] = col.number_input("Pain (0-10)", 0, 10, MILDEST["pain"], key=f"{key}_p")
        elif topic == "bleeding":
            options = list(models.BLEEDING_LEVELS)
            entry["bleeding"] = col.selectbox(
                "Bleeding",
                options,
                index=options.index("spotting"),
                format_func=models.BLEEDING_LEVELS.get,
                key=f"{key}_b",
            )
    return entry


# ---------------------------------------------------------------- import: writing and undoing


def run_import(ctx: Context, filename: str, result, indexes: list[int], notes: list[tuple[int, dict]]) -> None:
    """Import the chosen rows as one batch, make the ticked symptom entries (linked to their
    runs), remember the batch for "Undo this import" and say what was done."""
    if ctx.example_mode:  # another window may have switched since this page was drawn
        st.error(EXAMPLE_REFUSAL.format(what="Importing"), icon="🧪")
        return
    batch = uuid.uuid4().hex
    bar = st.progress(0.0, text="Importing ...")
    try:
        added = services.import_runs(
            ctx.db,
            [result.rows[i] for i in indexes],
            today=ctx.today,
            import_batch=batch,
            progress=lambda done, total: bar.progress(done / total, text=f"{done} of {total}"),
        )
    except ValidationError as error:
        show_problems(error)
        return
    run_ids = {(r["source"], r["source_id"]): r["id"] for r in runs_for_matching(ctx.db)}
    symptom_ids, refused, flagged = [], [], []
    for index, entry in notes:
        row = result.rows[index]
        try:
            symptom_id, codes = services.add_symptom(
                ctx.db, {**entry, "run_id": run_ids.get((result.source, row["source_id"]))}, today=ctx.today
            )
        except ValidationError as error:
            refused.append(f"{row['run_date'].isoformat()}: " + "; ".join(str(p) for p in error.problems))
        else:
            symptom_ids.append(symptom_id)
            flagged += codes
    state.remember(
        ctx,
        LAST_IMPORT,
        {
            "batch": batch,
            "added": added["added"],
            "filename": filename,
            # as made, so that an undo leaves alone an entry she changed since
            "symptoms_made": [storage.get_row(ctx.db, "symptoms", i) for i in symptom_ids],
        },
    )
    state.forget(IMPORT_UNIT)
    message = f"Imported {plural(added['added'], 'activity', 'activities')} from {code_span(filename)}."
    if symptom_ids:
        message += f" Made {plural(len(symptom_ids), 'symptom entry', 'symptom entries')} from their notes."
    if flagged:
        message += " A symptom entry raised a red flag: see the Red flags page."
    if refused:
        message += "\n\nNo entry was made for " + escape_markdown(" | ".join(refused))
    flash(message)
    st.session_state.pop("import_file", None)
    st.rerun()


def last_import(ctx: Context) -> None:
    """Her last import in this database, with one button that takes all of it back."""
    last = state.recall(ctx, LAST_IMPORT)
    if last is None:
        return
    with st.container(border=True):
        made = last["symptoms_made"]
        extra = f" and {plural(len(made), 'symptom entry', 'symptom entries')} made from their notes" if made else ""
        st.markdown(
            f"Your last import: {plural(last['added'], 'activity', 'activities')} from "
            f"{code_span(last['filename'])}{extra}."
        )
        if st.button("↩️ Undo this import", key="undo_import"):
            for entry in made:  # first: deleting their runs unlinks them
                # Entries she deleted or changed since are hers now: left as they are.
                with contextlib.suppress(services.StaleRecordError):
                    services.delete_symptom(ctx.db, entry["id"], expected=entry)
            removed = services.delete_import_batch(ctx.db, last["batch"])
            state.forget(LAST_IMPORT)
            flash(f"Import taken back: {plural(removed, 'activity', 'activities')} removed from your log.", icon="↩️")
            st.rerun()
