"""The smaller Trends charts: week-on-week change, the acute:chronic ratio, foundation
sessions and her own patterns. Each is one panel with a fixed height and its legend under
the plot, on the same weeks axis as the weekly chart.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from return_to_run import volume

from .base import (
    LEGEND,
    OKABE_ITO,
    OVER_LIMIT_COLOR,
    TEXT_PX,
    WITHIN_LIMIT_COLOR,
    Rows,
    empty_chart,
    finish,
    prepare,
    prepared,
    scale_domain,
    title,
    x_domain,
    x_encoding,
)

FOUNDATION_NAMES = {"pelvic_floor_sessions": "Pelvic floor", "strength_sessions": "Strength"}
NO_SESSIONS_MESSAGE = "No sessions logged yet"


def progression_chart(weekly: pd.DataFrame):
    """Week-on-week change in running minutes (%) as bars; weeks over the 10% guide in
    vermillion (and labelled "over 10%" in the legend and tooltip), others blue, with a
    dashed rule at +10%. Weeks after a week with no running have no bar (nothing to
    compare). Source: volume.WEEKLY_CHANGE_SOURCE. Empty weekly -> text chart.
    """
    if weekly.empty:
        return empty_chart()
    return progression_from_plan(*progression_plan(weekly))


def progression_plan(weekly: pd.DataFrame) -> tuple:
    """progression_chart's data-dependent inputs for a non-empty `weekly`: (bars' rows, the
    +10% rule's row, x type, x title, x scale domain), as Rows: charts.specs fills a kept
    skeleton with them after a save without making a DataFrame."""
    columns, x_type, x_title = prepared(weekly, "km")
    domain = scale_domain(x_domain(Rows(columns), x_type), x_type)
    over = columns["over_10pct"].tolist()
    columns["guide"] = np.array(["over 10%" if flag else "10% or less" for flag in over], dtype=object)
    # Only what the bars and their tooltip read: the browser is sent 6 columns, not 31.
    drawn = ("x_start", "x_end", "change_pct", "guide", "week_label", "run_minutes")
    rows = Rows({name: columns[name] for name in drawn}).take(pd.notna(columns["change_pct"]))
    return rows, Rows({"limit": np.array([volume.WEEKLY_CHANGE_LIMIT_PCT])}), x_type, x_title, domain


def progression_from_plan(df: Rows, limit_row: Rows, x_type: str, x_title: str, domain: list):
    bars = (
        alt.Chart(df.frame, name="change")
        .mark_bar(clip=True, stroke="white", strokeWidth=1)
        .encode(
            x=x_encoding("x_start", x_type, x_title, domain=domain),
            x2="x_end",
            y=alt.Y("change_pct:Q", title=None, axis=alt.Axis(format="+d", tickCount=5)),
            y2=alt.datum(0),
            color=alt.Color(
                "guide:N",
                legend=alt.Legend(**LEGEND),
                scale=alt.Scale(domain=["over 10%", "10% or less"], range=[OVER_LIMIT_COLOR, WITHIN_LIMIT_COLOR]),
            ),
            tooltip=[
                alt.Tooltip("week_label:N", title="Week of"),
                alt.Tooltip("run_minutes:Q", title="Running (min)", format=".1f"),
                alt.Tooltip("change_pct:Q", title="Change on week before (%)", format="+.1f"),
                alt.Tooltip("guide:N", title="Against the 10% guide"),
            ],
        )
    )
    limit = alt.Chart(limit_row.frame).mark_rule(color="#555555", strokeDash=[4, 4]).encode(y="limit:Q")
    return finish(
        alt.layer(bars, limit).properties(
            width="container", height=180, title=title("Change in running minutes on the week before (%)")
        )
    )


def acwr_chart(weekly: pd.DataFrame):
    """The acute:chronic workload ratio per week, titled as information only
    (volume.ACWR_NOTE); no zones or colours suggesting safe or unsafe."""
    if weekly.empty:
        return empty_chart()
    df, x_type, x_title = prepare(weekly, "km")
    domain = scale_domain(x_domain(df, x_type), x_type)
    df["acwr"] = volume.acwr(weekly).to_numpy()
    return finish(
        alt.Chart(df.loc[df["acwr"].notna()])
        .mark_line(point=alt.OverlayMarkDef(color=OKABE_ITO["black"]), color=OKABE_ITO["black"], clip=True)
        .encode(
            x=x_encoding("x_mid", x_type, x_title, domain=domain),
            y=alt.Y("acwr:Q", title=None, axis=alt.Axis(format=".1f", tickCount=4)),
            tooltip=[
                alt.Tooltip("week_label:N", title="Week of"),
                alt.Tooltip("acwr:Q", title="Acute:chronic ratio", format=".2f"),
            ],
        )
        .properties(
            width="container",
            height=140,
            title=title(
                ["Acute:chronic workload ratio", "(information only)"],
                ["A contested measure; not used to", "judge your running."],
            ),
        )
    )


# The columns of volume.weekly_summary() that foundation_chart draws: the week and the sessions.
FOUNDATION_ROWS = ("week_start", "weeks_since_birth", "days_since_birth", *FOUNDATION_NAMES)


def foundation_rows(weekly: pd.DataFrame) -> pd.DataFrame:
    """Only what foundation_chart draws from `weekly` (the same chart): a run saved leaves
    these rows as they were, so the chart's cached spec (keyed on its rows) is reused."""
    return weekly[list(FOUNDATION_ROWS)]


def foundation_chart(weekly: pd.DataFrame):
    """Pelvic floor and strength sessions per week, on the same weeks axis as
    weekly_chart, in whole sessions. No weeks, or no session in any week -> a text chart
    saying NO_SESSIONS_MESSAGE (an axis from 0 to 0 would read "0.000000")."""
    if weekly.empty or not weekly[list(FOUNDATION_NAMES)].to_numpy().any():
        return empty_chart(NO_SESSIONS_MESSAGE)
    df, x_type, x_title = prepare(weekly, "km")
    domain = scale_domain(x_domain(df, x_type), x_type)
    keep = ["x_start", "x_end", "x_mid", "week_label"]
    long = df[keep + list(FOUNDATION_NAMES)].melt(id_vars=keep, var_name="column", value_name="sessions")
    long["activity"] = long["column"].map(FOUNDATION_NAMES)
    long = long.drop(columns="column")
    most = int(long["sessions"].max())
    names = list(FOUNDATION_NAMES.values())
    legend = alt.Legend(**LEGEND, symbolType="stroke", symbolSize=300)
    return finish(
        alt.Chart(long)
        .mark_line(point=True, interpolate="step-after", strokeWidth=2, clip=True)
        .encode(
            x=x_encoding("x_start", x_type, x_title, domain=domain),
            y=alt.Y(
                "sessions:Q",
                title=None,
                scale=alt.Scale(domain=[0, max(most, 1)]),
                axis=alt.Axis(tickMinStep=1, format="d"),
            ),
            color=alt.Color(
                "activity:N",
                legend=legend,
                scale=alt.Scale(domain=names, range=[OKABE_ITO["reddish_purple"], OKABE_ITO["bluish_green"]]),
            ),
            strokeDash=alt.StrokeDash(
                "activity:N", legend=legend, scale=alt.Scale(domain=names, range=[[1, 0], [5, 3]])
            ),
            tooltip=[
                alt.Tooltip("week_label:N", title="Week of"),
                alt.Tooltip("activity:N", title="Activity"),
                alt.Tooltip("sessions:Q", title="Sessions"),
            ],
        )
        .properties(width="container", height=140, title=title("Sessions per week"))
    )


def patterns_chart(table: pd.DataFrame):
    """patterns.pattern_table() as horizontal stacked bars: runs followed by the symptom
    and runs not, per group, with "4 of 5" written under each group's name; groups with
    too few runs are drawn faint and labelled "too few runs". Empty table -> text chart."""
    if table.empty or int(table["runs"].sum()) == 0:
        return empty_chart("No runs to compare yet")
    return patterns_from_plan(*patterns_plan(table))


def patterns_plan(table: pd.DataFrame) -> tuple[Rows, Rows, list]:
    """patterns_chart's data-dependent inputs for a table with runs: (the bars' rows, with
    runs followed by the symptom and then those not, group by group; the captions' rows; the
    groups' labels in order), as Rows holding only what the marks read."""
    labels = table["label"].tolist()
    runs = table["runs"].to_numpy(np.int64)
    with_symptom = table["with_symptom"].to_numpy(np.int64)
    enough = table["enough_data"].to_numpy(bool)
    note = np.array(
        [s if ok else f"{s} (too few runs)" for s, ok in zip(table["summary"].tolist(), enough.tolist(), strict=True)],
        dtype=object,
    )
    groups = len(labels)
    bars = Rows(
        {
            "label": np.array(labels * 2, dtype=object),
            "note": np.concatenate([note, note]),
            "enough_data": np.concatenate([enough, enough]),
            "outcome": np.array(["followed by the symptom"] * groups + ["not followed"] * groups, dtype=object),
            "count": np.concatenate([with_symptom, runs - with_symptom]),
        }
    )
    return bars, Rows({"label": np.array(labels, dtype=object), "note": note}), labels


def patterns_from_plan(long: Rows, df: Rows, labels: list):
    """The patterns chart from patterns_plan()'s parts."""
    # The group's name and count sit on a line of their own above its bar: beside the bar
    # they would squeeze a phone-width plot to nothing.
    y = alt.Y("label:N", title=None, sort=labels, axis=None)
    band = alt.Scale(paddingInner=0.55, paddingOuter=0.3)
    bars = (
        alt.Chart(long.frame)
        .mark_bar()
        .encode(
            y=y.scale(band),
            x=alt.X("count:Q", title="Runs", stack="zero", axis=alt.Axis(tickMinStep=1, format="d")),
            color=alt.Color(
                "outcome:N",
                legend=alt.Legend(**LEGEND),
                scale=alt.Scale(
                    domain=["followed by the symptom", "not followed"], range=[OKABE_ITO["orange"], "#D9D9D9"]
                ),
            ),
            opacity=alt.condition("datum.enough_data", alt.value(1.0), alt.value(0.4)),
            tooltip=[alt.Tooltip("label:N", title="Group"), alt.Tooltip("note:N", title="Runs")],
        )
    )
    text = (
        alt.Chart(df.frame)
        .mark_text(align="left", baseline="bottom", dy=-9, fontSize=TEXT_PX, color="#222222")
        .encode(y=y.scale(band), x=alt.datum(0), text=alt.Text("caption:N"))
        .transform_calculate(caption="datum.label + ': ' + datum.note")
    )
    return finish(alt.layer(bars, text).properties(width="container", height=alt.Step(48)))
