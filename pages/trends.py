"""Trends: symptoms against weekly running volume, progression checks, her own patterns."""

import streamlit as st

from return_to_run import charts, patterns, phases, storage, volume
from return_to_run.ui import cached, grid, shell, tables, text

# What the minutes are, beside the chart: both caps count running, not walk breaks.
RUNNING_MINUTES = "Running minutes, walk breaks not counted: a walk-run counts its run intervals only."

with shell.page("Trends", "📈", layout="wide") as ctx:
    st.title("📈 Trends")
    shell.require_profile(ctx)
    st.caption(text.weeks_label(ctx.weeks_since_birth))
    first_logged = storage.first_log_date(ctx.db)
    if first_logged is None:
        st.info(
            "Nothing to show yet. Log a few runs and check-ins and your weeks will appear here, "
            "with any symptoms beside the running that came before them.",
            icon="📈",
        )
        st.page_link("pages/log_run.py", label="Log a run", icon="👟")
        st.stop()

    since = None
    if first_logged < ctx.today - cached.TRENDS_RECENT_SPAN:
        span = st.radio(
            "Period",
            ["recent", "all"],
            horizontal=True,
            key="trends_span",
            format_func={"recent": "Last 12 months", "all": "Everything"}.get,
        )
        since = ctx.today - cached.TRENDS_RECENT_SPAN if span == "recent" else None
    view = cached.trends(ctx, since=since)
    weekly, outcomes = view["weekly"], view["outcomes"]

    # ---- what stands out, in words first
    for sentence in view["sentences"]:
        st.markdown(f"- {sentence}")
    st.caption("Observations from your own log, not a diagnosis.")

    # ---- the main chart
    cols = st.columns([1, 2])
    measure = cols[0].radio(
        "Show running as",
        ["minutes", "distance"],
        horizontal=True,
        key="trends_measure",
        format_func={"minutes": "Running minutes", "distance": f"Distance ({ctx.units})"}.get,
    )
    if measure == "minutes":
        cols[0].caption(RUNNING_MINUTES)
    layers = cols[1].multiselect(
        "Symptoms to show",
        list(charts.SYMPTOM_LAYERS),
        default=list(charts.DEFAULT_SYMPTOM_LAYERS),
        format_func=charts.SYMPTOM_LAYERS.get,
        key="trends_layers",
    )
    cached.chart(
        "weekly_chart",
        weekly,
        measure=measure,
        units=ctx.units,
        symptom_layers=tuple(layers),
        phase_periods=phases.phase_periods(ctx.profile, ctx.today),
        key="trends_chart",
    )
    st.caption("Drag across the lower strip to zoom into a period; click a legend entry to hide it.")
    if st.toggle("Show as a table", key="trends_table_toggle"):
        grid.show(tables.weekly_table(weekly, units=ctx.units), key="trends_table")

    # ---- progression checks
    st.subheader("How fast the running grew")
    st.caption(
        "About 10% a week at most, in most cases (Deering et al. 2024), and no single run more "
        "than 10% longer than your longest in the previous 30 days (Frandsen et al. 2025)."
    )
    cached.chart("progression_chart", weekly, key="progression_chart")
    spikes = view["spikes"]
    if spikes.empty:
        st.markdown("No single run jumped past 110% of your longest in the 30 days before it.")
    else:
        st.markdown(f"**{text.plural(len(spikes), 'run')} jumped past 110% of your longest in the 30 days before:**")
        st.markdown(grid.markdown_table(tables.spikes_table(spikes)))
    if st.toggle("Show the acute:chronic workload ratio (information only)", key="trends_acwr_toggle"):
        st.caption(volume.ACWR_NOTE)
        cached.chart("acwr_chart", weekly, key="acwr_chart")

    # ---- her patterns
    st.subheader("Your patterns")
    symptom = st.selectbox(
        "Symptom", list(patterns.OUTCOME_SYMPTOMS), format_func=patterns.SYMPTOM_NAMES.get, key="patterns_symptom"
    )
    st.caption(
        f"Counts of your runs followed by it. Nothing is read into a group with fewer than "
        f"{patterns.MIN_RUNS_FOR_PATTERN} runs."
    )
    grouping = st.radio(
        "Compare runs by",
        list(patterns.GROUPINGS),
        format_func=patterns.GROUPING_NAMES.get,
        horizontal=True,
        key="patterns_grouping",
    )
    cached.chart("patterns_chart", patterns.pattern_table(outcomes, grouping, symptom), key="patterns_chart")

    # ---- foundation beside running
    st.subheader("Foundation work beside running")
    # Only the columns it draws: a run saved leaves them as they were, and the cached spec is reused.
    cached.chart("foundation_chart", charts.secondary.foundation_rows(weekly), key="foundation_chart")
