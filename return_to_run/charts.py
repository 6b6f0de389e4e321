"""Altair chart builders: a tidy DataFrame in, a chart out. Pages only place them.

Colours come from the Okabe-Ito palette (safe for the common colour-vision
deficiencies); symptom lines also differ by dash pattern, so they can be told apart
without colour. Charts use width="container" so they fit a phone-width window.

The x axis is weeks since birth (quantitative, fractional: a week's bar spans its
Monday to Sunday) when the weekly frame knows the birth date, else the calendar week.
"""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd

from return_to_run import volume

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
VOLUME_COLOR = OKABE_ITO["sky_blue"]
RED_FLAG_COLOR = OKABE_ITO["vermillion"]
OVER_LIMIT_COLOR = OKABE_ITO["vermillion"]
WITHIN_LIMIT_COLOR = OKABE_ITO["blue"]
# Pale tints behind the data; the phase name is also written on the band.
PHASE_COLORS = ("#E3EEF7", "#FBEBD0", "#DDF0EA", "#F5E3EE", "#ECECEC")

# Symptom measures that can be layered: weekly column -> legend label (usable directly
# as a widget's format_func), and their colour and dash pattern.
SYMPTOM_LAYERS = {
    "symptom_days": "Days with symptoms",
    "leakage_days": "Days with leakage",
    "worst_heaviness_0_10": "Worst heaviness (0-10)",
    "worst_pain_0_10": "Worst pain (0-10)",
    "worst_pelvic_pain_0_10": "Worst pelvic pain (0-10)",
    "worst_joint_pain_0_10": "Worst joint pain (0-10)",
    "bleeding_days": "Days with bleeding",
}
SYMPTOM_STYLES = {
    "symptom_days": (OKABE_ITO["orange"], [1, 0]),
    "leakage_days": (OKABE_ITO["reddish_purple"], [6, 3]),
    "worst_heaviness_0_10": (OKABE_ITO["bluish_green"], [2, 2]),
    "worst_pain_0_10": (OKABE_ITO["black"], [8, 3, 2, 3]),
    "worst_pelvic_pain_0_10": (OKABE_ITO["blue"], [4, 4]),
    "worst_joint_pain_0_10": (OKABE_ITO["yellow"], [10, 4]),
    "bleeding_days": (OKABE_ITO["vermillion"], [1, 3]),
}
DEFAULT_SYMPTOM_LAYERS = ("symptom_days", "worst_heaviness_0_10", "worst_pain_0_10", "leakage_days")
# Streamlit gives single-view charts autosize "fit", which squeezes a fixed height
# down to almost nothing once the legend and axes are counted; fit-x keeps the height
# for the plot and still fills the page width.
FIT_WIDTH = alt.AutoSizeParams(type="fit-x", contains="padding")
EMPTY_MESSAGE = "No runs logged yet"
# With more weeks than this, the detail view opens zoomed to the last ZOOM_WEEKS.
LONG_LOG_WEEKS = 52
ZOOM_WEEKS = 26


def _label(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def _birth_known(weekly: pd.DataFrame) -> bool:
    return "days_since_birth" in weekly and weekly["days_since_birth"].notna().all() and len(weekly) > 0


def _prepare(weekly: pd.DataFrame, units: str) -> tuple[pd.DataFrame, str, str]:
    """Add x_start / x_end / x_mid, week_label, run_distance and red_flag_text.
    Returns (frame, vega type of x, x axis title)."""
    df = volume.to_display_units(weekly, units)
    df["week_label"] = [_label(d) for d in df["week_start"]]  # at most ~520 weeks
    df["red_flag_text"] = df["red_flag"].map({True: "yes", False: "no"})
    # datetime.date is not JSON: the chart data carry the ISO text instead.
    df["week_start"] = [d.isoformat() for d in df["week_start"]]
    if _birth_known(df):
        # Rounded: 520 weeks of 1.2857142857142858 make the spec sent to the browser fat.
        start = (df["days_since_birth"].astype(float) / 7).round(3)
        df["x_start"], df["x_end"], df["x_mid"] = start, start + 1, start + 0.5
        return df, "quantitative", "Weeks since birth"
    start = pd.to_datetime(df["week_start"])
    df["x_start"] = start
    df["x_end"] = start + pd.Timedelta(days=7)
    df["x_mid"] = start + pd.Timedelta(hours=84)
    df["weeks_since_birth"] = None
    return df, "temporal", "Week"


def _x(field: str, x_type: str, title: str | None, scale: alt.Scale | None = None, **axis) -> alt.X:
    kwargs = {"scale": scale if scale is not None else alt.Scale(zero=False)}
    return alt.X(
        field,
        type=x_type,
        title=title,
        axis=alt.Axis(labelOverlap=True, tickMinStep=1 if x_type == "quantitative" else alt.Undefined, **axis),
        **kwargs,
    )


def _empty_chart(message: str = EMPTY_MESSAGE) -> alt.Chart:
    return (
        alt.Chart(pd.DataFrame({"text": [message]}))
        .mark_text(size=14, color="#555555")
        .encode(text="text:N")
        .properties(width="container", height=60, autosize=FIT_WIDTH)
    )


def _volume_field(measure: str, units: str) -> tuple[str, str]:
    if measure == "minutes":
        return "run_minutes", "Running (min per week)"
    if measure == "distance":
        return "run_distance", f"Running ({units} per week)"
    raise ValueError(f"measure must be 'minutes' or 'distance', not {measure!r}")


def _bar_tooltips(birth_known: bool, units: str) -> list[alt.Tooltip]:
    tips = [alt.Tooltip("week_label:N", title="Week of")]
    if birth_known:
        tips.append(alt.Tooltip("weeks_since_birth:Q", title="Weeks since birth"))
    return tips + [
        alt.Tooltip("run_minutes:Q", title="Running (min)", format=".1f"),
        alt.Tooltip("run_distance:Q", title=f"Running distance ({units})", format=".2f"),
        alt.Tooltip("runs_without_distance:Q", title="Runs without distance"),
        alt.Tooltip("run_count:Q", title="Runs"),
        alt.Tooltip("longest_run_min:Q", title="Longest run (min)", format=".1f"),
        alt.Tooltip("walk_minutes:Q", title="Walking (min)", format=".1f"),
        alt.Tooltip("change_pct:Q", title="Change on week before (%)", format="+.1f"),
        alt.Tooltip("symptom_days:Q", title="Days with symptoms"),
        alt.Tooltip("leakage_days:Q", title="Days with leakage"),
        alt.Tooltip("worst_heaviness_0_10:Q", title="Worst heaviness (0-10)"),
        alt.Tooltip("worst_pain_0_10:Q", title="Worst pain (0-10)"),
        alt.Tooltip("red_flag_text:N", title="Red flag raised"),
    ]


def _symptoms_long(df: pd.DataFrame, layers: tuple[str, ...]) -> pd.DataFrame:
    """Wide weekly symptom columns -> one row per week and measure (vectorised melt)."""
    keep = ["x_mid", "week_label", "weeks_since_birth"]
    long = df[keep + list(layers)].melt(id_vars=keep, var_name="column", value_name="value")
    long["measure"] = long["column"].map(SYMPTOM_LAYERS)
    return long.drop(columns="column")


def _phase_frame(phase_periods: pd.DataFrame, df: pd.DataFrame, x_type: str) -> pd.DataFrame:
    """Phase periods (start, end, phase) -> x_start / x_end on the chart's axis, clipped
    to the weeks shown; an open end (None) runs to the last week."""
    last_day = pd.Timestamp(df["week_start"].iloc[-1]) + pd.Timedelta(days=7)
    first_day = pd.Timestamp(df["week_start"].iloc[0])
    starts = pd.to_datetime(phase_periods["start"]).clip(lower=first_day)
    ends = pd.to_datetime(phase_periods["end"]).fillna(last_day).clip(upper=last_day)
    frame = pd.DataFrame(
        {"phase": phase_periods["phase"].astype(str).to_numpy(), "start": starts.to_numpy(), "end": ends.to_numpy()}
    )
    frame = frame.loc[frame["end"] > frame["start"]]
    if x_type == "quantitative":
        birth = first_day - pd.Timedelta(days=int(df["days_since_birth"].iloc[0]))
        frame["x_start"] = (frame["start"] - birth).dt.days / 7
        frame["x_end"] = (frame["end"] - birth).dt.days / 7
    else:
        frame["x_start"], frame["x_end"] = frame["start"], frame["end"]
    frame["period"] = [
        f"{s.day} {s:%b %Y} to {e.day} {e:%b %Y}"
        for s, e in zip(frame["start"], frame["end"] - pd.Timedelta(days=1), strict=True)
    ]
    return frame.drop(columns=["start", "end"]).reset_index(drop=True)


def _initial_zoom(df: pd.DataFrame, x_type: str):
    """The brush's starting range: the last ZOOM_WEEKS when the log is long, else None."""
    if len(df) <= LONG_LOG_WEEKS:
        return None
    lo, hi = df["x_start"].iloc[-ZOOM_WEEKS], df["x_end"].iloc[-1]
    if x_type == "quantitative":
        return {"x": [float(lo), float(hi)]}
    return {"x": [alt.DateTime(year=d.year, month=d.month, date=d.day) for d in (lo, hi)]}


def weekly_chart(
    weekly: pd.DataFrame,
    *,
    measure: str = "minutes",
    units: str = "km",
    symptom_layers: tuple[str, ...] = DEFAULT_SYMPTOM_LAYERS,
    phase_periods: pd.DataFrame | None = None,
    compact: bool = False,
):
    """Running volume per week as bars (left axis) with symptoms on the same weeks as
    lines on an independent right axis (days, or worst score, both on 0-10).

    - weekly: volume.weekly_summary() output.
    - measure: "minutes" (run_minutes) or "distance" (run_distance in `units`).
    - symptom_layers: weekly columns from SYMPTOM_LAYERS; the legend is clickable to
      hide and show them (selection param "symptom_toggle").
    - phase_periods: optional DataFrame with start, end (dates; end exclusive, None for
      ongoing) and phase (the name to show), shaded in the background.
    - Red-flag weeks get a vermillion rule and a triangle at the top.
    - compact=False: a vconcat of the detail view and an overview strip below with an
      interval brush (param "brush") that zooms the detail; long logs open on the
      last ZOOM_WEEKS. compact=True: one small layered chart, no brush (home page).

    An empty weekly frame gives a text chart saying EMPTY_MESSAGE, so callers can
    always place what comes back.
    """
    if weekly.empty:
        return _empty_chart()
    unknown = [c for c in symptom_layers if c not in SYMPTOM_LAYERS]
    if unknown:
        raise ValueError(f"unknown symptom layers {unknown}; choose from {list(SYMPTOM_LAYERS)}")
    y_field, y_title = _volume_field(measure, units)
    df, x_type, x_title = _prepare(weekly, units)
    birth_known = x_type == "quantitative"
    height = 150 if compact else 280
    # Only the columns the marks use: the data are serialised with the spec.
    used = [
        "x_start",
        "x_end",
        "x_mid",
        "week_start",
        "week_label",
        "weeks_since_birth",
        "days_since_birth",
        "red_flag",
        *(t["shorthand"].split(":")[0] for t in _bar_tooltips(birth_known, units)),
        *symptom_layers,
    ]
    df = df[list(dict.fromkeys(used))]

    brush = (
        None
        if compact
        else alt.selection_interval(encodings=["x"], name="brush", value=_initial_zoom(df, x_type) or alt.Undefined)
    )
    zoom = alt.Scale(domain=brush, zero=False) if brush is not None else None
    x_start = _x("x_start", x_type, x_title, zoom)
    base = alt.Chart(df)

    bars = base.mark_bar(color=VOLUME_COLOR, opacity=0.8, clip=True, stroke="white", strokeWidth=0.5).encode(
        x=x_start,
        x2="x_end",
        y=alt.Y(f"{y_field}:Q", title=y_title, axis=alt.Axis(orient="left", titleColor="#0072B2")),
        y2=alt.datum(0),
        tooltip=_bar_tooltips(birth_known, units),
    )

    layers = []
    if phase_periods is not None and len(phase_periods):
        phases = _phase_frame(phase_periods, df, x_type)
        phase_x = _x("x_start", x_type, x_title, zoom)
        band = (
            alt.Chart(phases)
            .mark_rect(opacity=0.7, clip=True)
            .encode(
                x=phase_x,
                x2="x_end",
                color=alt.Color(
                    "phase:N",
                    legend=None,
                    scale=alt.Scale(domain=list(dict.fromkeys(phases["phase"])), range=list(PHASE_COLORS)),
                ),
                tooltip=[alt.Tooltip("phase:N", title="Phase"), alt.Tooltip("period:N", title="Dates")],
            )
        )
        names = (
            alt.Chart(phases)
            .mark_text(align="left", baseline="top", dx=3, dy=3, fontSize=10, color="#444444", clip=True)
            .encode(x=phase_x, y=alt.value(0), text="phase:N")
        )
        layers += [band, names]
    layers.append(bars)

    flagged = df.loc[df["red_flag"], ["x_mid", "week_label"]]
    flag_x = _x("x_mid", x_type, x_title, zoom)
    flag_tip = [alt.Tooltip("week_label:N", title="Red flag raised in the week of")]
    flag_base = alt.Chart(flagged)
    flag_rule = flag_base.mark_rule(color=RED_FLAG_COLOR, strokeWidth=2, strokeDash=[4, 2], clip=True).encode(
        x=flag_x, tooltip=flag_tip
    )
    flag_mark = flag_base.mark_point(
        shape="triangle-down", filled=True, size=90, color=RED_FLAG_COLOR, opacity=1, clip=True
    ).encode(x=flag_x, y=alt.value(6), tooltip=flag_tip)

    if symptom_layers:
        long = _symptoms_long(df, tuple(symptom_layers))
        labels = [SYMPTOM_LAYERS[c] for c in symptom_layers]
        toggle = alt.selection_point(fields=["measure"], bind="legend", name="symptom_toggle")
        legend = alt.Legend(
            orient="bottom",
            title=None,
            columns=2 if compact else 4,
            symbolType="stroke",
            symbolStrokeWidth=3,
            symbolSize=300,
        )
        tooltips = [alt.Tooltip("week_label:N", title="Week of")]
        if birth_known:
            tooltips.append(alt.Tooltip("weeks_since_birth:Q", title="Weeks since birth"))
        tooltips += [alt.Tooltip("measure:N", title="Symptom"), alt.Tooltip("value:Q", title="Value")]
        lines = (
            alt.Chart(long)
            .mark_line(point=True, strokeWidth=2, clip=True)
            .encode(
                x=_x("x_mid", x_type, x_title, zoom),
                y=alt.Y(
                    "value:Q",
                    title="Symptoms: days, or worst score (0-10)",
                    scale=alt.Scale(domain=[0, 10]),
                    axis=alt.Axis(orient="right"),
                ),
                color=alt.Color(
                    "measure:N",
                    legend=legend,
                    scale=alt.Scale(domain=labels, range=[SYMPTOM_STYLES[c][0] for c in symptom_layers]),
                ),
                strokeDash=alt.StrokeDash(
                    "measure:N",
                    legend=legend,
                    scale=alt.Scale(domain=labels, range=[SYMPTOM_STYLES[c][1] for c in symptom_layers]),
                ),
                opacity=alt.condition(toggle, alt.value(1.0), alt.value(0.1)),
                tooltip=tooltips,
            )
            .add_params(toggle)
        )
        layers.append(lines)
    layers += [flag_rule, flag_mark]

    detail = (
        alt.layer(*layers)
        .resolve_scale(y="independent", color="independent", strokeDash="independent")
        .properties(width="container", height=height)
    )
    if compact:
        return detail.properties(autosize=FIT_WIDTH)

    overview = (
        base.mark_bar(color=VOLUME_COLOR)
        .encode(
            x=_x("x_start", x_type, x_title),
            x2="x_end",
            y=alt.Y(f"{y_field}:Q", title=None, axis=alt.Axis(labels=False, ticks=False, grid=False)),
            y2=alt.datum(0),
        )
        .add_params(brush)
        .properties(
            width="container",
            height=50,
            title=alt.TitleParams(
                "Drag across this strip to zoom; double-click to reset",
                fontSize=11,
                fontWeight="normal",
                anchor="start",
                color="#555555",
            ),
        )
    )
    return alt.vconcat(detail, overview, spacing=8).configure_view(stroke=None).properties(autosize=FIT_WIDTH)


def progression_chart(weekly: pd.DataFrame):
    """Week-on-week change in running minutes (%) as bars; weeks over the 10% guide in
    vermillion (and labelled "over 10%" in the tooltip), others blue, with a dashed
    rule at +10%. Weeks after a week with no running have no bar (nothing to compare).
    Source: volume.WEEKLY_CHANGE_SOURCE. Empty weekly -> text chart.
    """
    if weekly.empty:
        return _empty_chart()
    df, x_type, x_title = _prepare(weekly, "km")
    df["guide"] = df["over_10pct"].map({True: "over 10%", False: "10% or less"})
    df = df.loc[df["change_pct"].notna()]
    x = _x("x_start", x_type, x_title)
    bars = (
        alt.Chart(df)
        .mark_bar()
        .encode(
            x=x,
            x2="x_end",
            y=alt.Y("change_pct:Q", title="Change on week before (%)"),
            y2=alt.datum(0),
            color=alt.Color(
                "guide:N",
                title=None,
                legend=alt.Legend(orient="bottom"),
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
    limit = (
        alt.Chart(pd.DataFrame({"limit": [volume.WEEKLY_CHANGE_LIMIT_PCT]}))
        .mark_rule(color="#555555", strokeDash=[4, 4])
        .encode(y="limit:Q")
    )
    return alt.layer(bars, limit).properties(width="container", height=180, autosize=FIT_WIDTH)


def acwr_chart(weekly: pd.DataFrame):
    """The acute:chronic workload ratio per week, titled as information only
    (volume.ACWR_NOTE); no zones or colours suggesting safe or unsafe."""
    if weekly.empty:
        return _empty_chart()
    df, x_type, x_title = _prepare(weekly, "km")
    df["acwr"] = volume.acwr(weekly).to_numpy()
    return (
        alt.Chart(df.loc[df["acwr"].notna()])
        .mark_line(point=alt.OverlayMarkDef(color=OKABE_ITO["black"]), color=OKABE_ITO["black"])
        .encode(
            x=_x("x_mid", x_type, x_title),
            y=alt.Y("acwr:Q", title="Acute:chronic ratio"),
            tooltip=[
                alt.Tooltip("week_label:N", title="Week of"),
                alt.Tooltip("acwr:Q", title="Acute:chronic ratio", format=".2f"),
            ],
        )
        .properties(
            width="container",
            height=140,
            autosize=FIT_WIDTH,
            title=alt.TitleParams(
                "Acute:chronic workload ratio (information only)",
                subtitle="A contested measure; not used to judge your running.",
                anchor="start",
                fontSize=13,
            ),
        )
    )


def foundation_chart(weekly: pd.DataFrame):
    """Pelvic floor and strength sessions per week, side by side on the same weeks axis
    as weekly_chart. Empty weekly -> text chart."""
    if weekly.empty:
        return _empty_chart("No sessions logged yet")
    df, x_type, x_title = _prepare(weekly, "km")
    names = {"pelvic_floor_sessions": "Pelvic floor", "strength_sessions": "Strength"}
    keep = ["x_start", "x_end", "x_mid", "week_label"]
    long = df[keep + list(names)].melt(id_vars=keep, var_name="column", value_name="sessions")
    long["activity"] = long["column"].map(names)
    long = long.drop(columns="column")
    return (
        alt.Chart(long)
        .mark_line(point=True, interpolate="step-after")
        .encode(
            x=_x("x_start", x_type, x_title),
            y=alt.Y("sessions:Q", title="Sessions per week", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "activity:N",
                title=None,
                legend=alt.Legend(orient="bottom", symbolType="stroke", symbolStrokeWidth=3),
                scale=alt.Scale(
                    domain=list(names.values()), range=[OKABE_ITO["reddish_purple"], OKABE_ITO["bluish_green"]]
                ),
            ),
            strokeDash=alt.StrokeDash(
                "activity:N",
                title=None,
                legend=alt.Legend(orient="bottom", symbolType="stroke", symbolStrokeWidth=3),
                scale=alt.Scale(domain=list(names.values()), range=[[1, 0], [5, 3]]),
            ),
            tooltip=[
                alt.Tooltip("week_label:N", title="Week of"),
                alt.Tooltip("activity:N", title="Activity"),
                alt.Tooltip("sessions:Q", title="Sessions"),
            ],
        )
        .properties(width="container", height=140, autosize=FIT_WIDTH)
    )


def patterns_chart(table: pd.DataFrame):
    """patterns.pattern_table() as horizontal stacked bars: runs followed by the symptom
    and runs not, per group, with "4 of 5" written beside; groups with too few runs
    are drawn faint and labelled "too few runs". Empty table -> text chart."""
    if table.empty or int(table["runs"].sum()) == 0:
        return _empty_chart("No runs to compare yet")
    df = table.copy()
    df["without_symptom"] = df["runs"] - df["with_symptom"]
    df["note"] = [s if ok else f"{s} (too few runs)" for s, ok in zip(df["summary"], df["enough_data"], strict=True)]
    long = df.melt(
        id_vars=["label", "runs", "summary", "note", "enough_data"],
        value_vars=["with_symptom", "without_symptom"],
        var_name="outcome",
        value_name="count",
    )
    long["outcome"] = long["outcome"].map(
        {"with_symptom": "followed by the symptom", "without_symptom": "not followed"}
    )
    order = list(table["label"])
    y = alt.Y("label:N", title=None, sort=order)
    bars = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=y,
            x=alt.X("count:Q", title="Runs", stack="zero", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "outcome:N",
                title=None,
                legend=alt.Legend(orient="bottom"),
                scale=alt.Scale(
                    domain=["followed by the symptom", "not followed"], range=[OKABE_ITO["orange"], "#D9D9D9"]
                ),
            ),
            opacity=alt.condition("datum.enough_data", alt.value(1.0), alt.value(0.4)),
            tooltip=[alt.Tooltip("label:N", title="Group"), alt.Tooltip("note:N", title="Runs")],
        )
    )
    text = alt.Chart(df).mark_text(align="left", dx=4, fontSize=11).encode(y=y, x=alt.X("runs:Q"), text="note:N")
    return alt.layer(bars, text).properties(width="container", height=alt.Step(28), autosize=FIT_WIDTH)
