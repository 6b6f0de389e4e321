"""Log a run: add one, check in on symptoms straight after, and browse, edit or delete."""

import streamlit as st

from return_to_run import models, services, storage
from return_to_run.ui import answer, checkin, fields, grid, runs, shell, state, tables, text, widgets
from return_to_run.validation import ValidationError

FORM_KEYS = (
    "run_date",
    "run_kind",
    "run_duration",
    "run_distance",
    "run_interval",
    "walk_interval",
    "interval_repeats",
    "run_effort",
    "run_notes",
)


BANNER_ICONS = {"not_yet": "🚶‍♀️", "paused": "⏸️", "rest": "🛌", "run": "👟"}


def new_run_form(ctx: shell.Context) -> None:
    """The new-run form. The engine's answer for the run's date shows as a banner while she
    types (past dates too); a walk-run is filled with that day's pattern, so Save is one tap;
    warnings speak only of the minutes she typed, counted as running minutes."""
    st.subheader("New run")
    run_date = fields.past_date("Date", key="run_date", today=ctx.today)
    day = answer.run_form(ctx, run_date=run_date)
    icon = BANNER_ICONS.get(day.state, "ℹ️")
    if day.state in ("not_yet", "paused"):
        st.warning(day.banner, icon=icon)
    else:
        st.info(day.banner, icon=icon)
    kinds = list(models.RUN_KINDS)
    kind = st.radio(
        "Kind",
        kinds,
        format_func=models.RUN_KINDS.get,
        horizontal=True,
        key="run_kind",
        index=kinds.index(day.suggested_kind or "walk_run"),
    )
    raw = {"run_date": run_date, "kind": kind}
    pattern_min = None
    if kind == "walk_run":
        prefill = day.prefill or {}
        cols = st.columns(3)
        raw["run_interval_min"] = cols[0].number_input(
            "Run (min)", min_value=0.0, step=0.5, value=prefill.get("run_interval_min"), key="run_interval"
        )
        raw["walk_interval_min"] = cols[1].number_input(
            "Walk (min)", min_value=0.0, step=0.5, value=prefill.get("walk_interval_min"), key="walk_interval"
        )
        raw["interval_repeats"] = cols[2].number_input(
            "× repeats", min_value=0, step=1, value=prefill.get("interval_repeats"), key="interval_repeats"
        )
        if None not in (raw["run_interval_min"], raw["walk_interval_min"], raw["interval_repeats"]):
            pattern_min = (raw["run_interval_min"] + raw["walk_interval_min"]) * raw["interval_repeats"]
            why = f"{prefill['why']} " if prefill else ""
            st.caption(f"{why}That pattern takes {pattern_min:g} minutes.")
    cols = st.columns(2)
    typed_min = cols[0].number_input(
        "Duration (min)",
        min_value=0.0,
        step=1.0,
        value=None,
        key="run_duration",
        placeholder=f"{pattern_min:g}, the pattern" if pattern_min else "e.g. 20",
    )
    # An untyped duration saves as the pattern's, but warns of nothing: she has not entered it.
    raw["duration_min"] = typed_min if typed_min is not None or not pattern_min else pattern_min
    distance = cols[1].number_input(
        f"{widgets.distance_label(ctx.units)}, optional", min_value=0.0, step=0.1, value=None, key="run_distance"
    )
    raw["distance_km"] = models.to_km(distance, ctx.units) if distance else None
    if typed_min:
        # The pattern goes with the minutes, so the caps count running, not walk breaks.
        checked = answer.run_form(
            ctx,
            run_date=run_date,
            kind=kind,
            duration_min=float(typed_min),
            run_interval_min=raw.get("run_interval_min"),
            walk_interval_min=raw.get("walk_interval_min"),
            interval_repeats=raw.get("interval_repeats"),
        )
        for warning in checked.warnings:
            st.warning(warning, icon="⚠️")
    raw["effort_1_10"] = st.slider("Effort (1 = very easy, 10 = all out)", 1, 10, 4, key="run_effort")
    raw["notes"] = st.text_area(
        "Notes (optional)",
        key="run_notes",
        max_chars=widgets.NOTES_MAX_CHARS,
        placeholder="How did it feel? Where did you run?",
    )

    if st.button("Save run", type="primary", width="stretch", key="save_run"):
        try:
            run_id = services.add_run(ctx.db, raw, today=ctx.today)
        except ValidationError as error:
            widgets.show_problems(error)
        else:
            state.remember(ctx, "checkin_run_id", run_id)
            st.session_state["reset_run_form"] = True
            shell.flash("Run saved. How did your body feel?")
            st.rerun()


with shell.page("Log a run", "👟") as ctx:
    st.title("👟 Log a run")
    shell.require_profile(ctx)
    st.caption(text.weeks_label(ctx.weeks_since_birth))
    shell.show_flash()
    checkin.show_last_symptom_result(ctx)

    widgets.reset_form("reset_run_form", FORM_KEYS)

    # ---- the check-in right after a save: the common answers are one tap. While it is open
    # the new-run form waits behind "Later", so the buttons sit where her thumb just was.
    if not checkin.quick_checkin(ctx):
        new_run_form(ctx)

    # ---- her runs: filter, edit, delete (with undo)
    st.divider()
    st.subheader("Your runs")
    widgets.undo_bar(ctx, "run")
    start, end = widgets.date_range(ctx, "runs")
    listed = storage.list_runs(ctx.db, start=start, end=end)
    if listed.empty:
        st.info("No runs in these dates yet.")
    else:
        grid.show(tables.runs_table(listed, ctx.units), key="runs_table")
    # Also when nothing is listed: the run this window was editing may have just been deleted
    # in another window, and her click on "Save changes" is then answered, not lost.
    runs.edit_or_delete_run(ctx, listed)
