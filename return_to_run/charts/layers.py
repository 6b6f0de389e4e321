"""The weekly chart's parts: what can be drawn (symptom measures, their styles, panel scales)
and the layers that draw them (running bars, red-flag rules, phase bands, symptom panels, the
zoom strip). charts/weekly.py plans the chart and stacks these parts.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from .base import (
    LEGEND,
    OKABE_ITO,
    RED_FLAG_COLOR,
    TEXT_PX,
    VOLUME_COLOR,
    Rows,
    scale_domain,
    title,
    x_encoding,
)

# Symptom measures that can be drawn: weekly column -> label (usable directly as a
# widget's format_func), and their colour and dash pattern.
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
COMPACT_SYMPTOM_LAYERS = ("symptom_days",)
# The two symptom panels and their scales: counts of days (0-7) and worst scores (0-10).
DAY_LAYERS = ("symptom_days", "leakage_days", "bleeding_days")
# (title, y domain, y ticks, what a one-line panel adds to the line's name). Titles stay
# under ~40 characters: a wider title would narrow the plot in a 390 px column.
DAYS_PANEL = ("Symptom days in the week (of 7)", [0, 7], [0, 7], " (of 7)")
SCORES_PANEL = ("Worst score in the week (0-10)", [0, 10], [0, 5, 10], "")
# Pale tints behind the data; the phase name is also written on the band.
PHASE_COLORS = ("#E3EEF7", "#FBEBD0", "#DDF0EA", "#F5E3EE", "#ECECEC")
RED_FLAG_LABEL = "Red flag raised that week"
# For deciding whether a phase name fits on its band: the narrowest plot (a 390 px phone
# less the axis and margins) and the width of a character of 12 px text.
PHONE_PLOT_PX = 300
CHAR_PX = 7
# Panel heights in px: (running, each symptom panel, zoom strip).
HEIGHTS_PX = {False: (180, 80, 36), True: (120, 56, 0)}
# With more weeks than this, the chart opens zoomed to the last ZOOM_WEEKS.
LONG_LOG_WEEKS = 52
ZOOM_WEEKS = 26


def tooltip_fields(birth_known: bool, units: str) -> list[str]:
    return [t["shorthand"].split(":")[0] for t in bar_tooltips(birth_known, units)]


def bar_tooltips(birth_known: bool, units: str) -> list[alt.Tooltip]:
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


def bars(df: pd.DataFrame, x, y_field: str, units: str, x_type: str) -> alt.Chart:
    return (
        alt.Chart(df, name="running")
        .mark_bar(color=VOLUME_COLOR, clip=True, stroke="white", strokeWidth=1)
        .encode(
            x=x("x_start"),
            x2="x_end",
            y=alt.Y(f"{y_field}:Q", title=None, axis=alt.Axis(tickCount=4)),
            y2=alt.datum(0),
            tooltip=bar_tooltips(x_type == "quantitative", units),
        )
    )


def flagged(df: Rows, domain: list) -> Rows:
    """The red-flag weeks (x_mid, week_label, flag, side), empty when no week had one."""
    keep = df["red_flag"].astype(bool)
    x_mid = df["x_mid"][keep]
    flagged = {
        "x_mid": x_mid,
        "week_label": df["week_label"][keep],
        "flag": np.full(len(x_mid), RED_FLAG_LABEL, object),
    }
    if not len(x_mid):
        return Rows(flagged)
    middle = domain[0] + (domain[1] - domain[0]) / 2
    # Written beside the rule on the side with more room, over a white halo so it reads on a bar.
    flagged["side"] = np.array(["right" if v > middle else "left" for v in _items(x_mid)], dtype=object)
    return Rows(flagged)


def _items(column: np.ndarray) -> list:
    """A column's values as Python objects (calendar days as Timestamps)."""
    return [pd.Timestamp(v) for v in column] if column.dtype.kind == "M" else column.tolist()


def red_flag_layers(flagged: pd.DataFrame, x) -> list[alt.Chart]:
    """A dashed vermillion rule through each red-flag week (flagged()), written "Red flag"
    near the top, and a legend entry saying what it means. Nothing when no week had one."""
    if flagged.empty:
        return []
    base = alt.Chart(flagged)
    tip = [alt.Tooltip("week_label:N", title="Red flag raised in the week of")]
    rule = base.mark_rule(strokeWidth=2, strokeDash=[4, 2], clip=True).encode(
        x=x("x_mid"),
        color=alt.Color(
            "flag:N",
            scale=alt.Scale(domain=[RED_FLAG_LABEL], range=[RED_FLAG_COLOR]),
            legend=alt.Legend(**LEGEND, symbolType="stroke", symbolDash=[4, 2]),
        ),
        tooltip=tip,
    )
    text = [
        base.mark_text(
            text="Red flag",
            baseline="top",
            align=alt.ExprRef("datum.side"),
            dx=alt.ExprRef("datum.side == 'left' ? 4 : -4"),
            fontSize=TEXT_PX,
            fontWeight="bold",
            clip=True,
            **paint,
        ).encode(x=x("x_mid"), y=alt.value(18), tooltip=tip)
        for paint in ({"color": "white", "stroke": "white", "strokeWidth": 4}, {"color": RED_FLAG_COLOR})
    ]
    return [rule, *text]


def phase_layers(phases: pd.DataFrame | None, names: pd.DataFrame | None, x) -> list[alt.Chart]:
    """Pale bands behind the bars, one per phase (phase_frame()), each named on the band
    where the name fits (`names`: the rows of those)."""
    if phases is None:
        return []
    band = (
        alt.Chart(phases)
        .mark_rect(opacity=0.7, clip=True)
        .encode(
            x=x("x_start"),
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
        alt.Chart(names)
        .mark_text(align="left", baseline="top", dx=3, dy=2, fontSize=TEXT_PX, color="#444444", clip=True)
        .encode(x=x("x_start"), y=alt.value(0), text="phase:N")
    )
    return [band, names]


def phase_frame(phase_periods: pd.DataFrame, df: Rows, x_type: str) -> Rows:
    """Phase periods (start, end, phase) -> phase, x_start / x_end on the chart's axis and
    period (their dates), clipped to the weeks shown; an open end (None) runs to the last
    week. A few periods: worked out one by one, without pandas' per-column operations."""
    week_starts = df["week_start"]
    first_day = pd.Timestamp(week_starts[0])
    last_day = pd.Timestamp(week_starts[-1]) + pd.Timedelta(days=7)
    birth = None
    if x_type == "quantitative":
        birth = first_day - pd.Timedelta(days=int(df["days_since_birth"][0]))
    rows = []
    for start, end, phase in zip(
        phase_periods["start"].tolist(), phase_periods["end"].tolist(), phase_periods["phase"].tolist(), strict=True
    ):
        start = max(pd.Timestamp(start), first_day)
        end = last_day if end is None or pd.isna(end) else min(pd.Timestamp(end), last_day)
        if end <= start:
            continue
        xs = (start, end) if birth is None else ((start - birth).days / 7, (end - birth).days / 7)
        last = end - pd.Timedelta(days=1)
        rows.append((str(phase), *xs, f"{start.day} {start:%b %Y} to {last.day} {last:%b %Y}"))
    phase, x_start, x_end, period = (list(c) for c in zip(*rows, strict=True)) if rows else ([], [], [], [])
    if birth is None:  # calendar days, as datetime64 like the weeks' x
        x_start, x_end = (pd.DatetimeIndex(x).to_numpy() for x in (x_start, x_end))
    else:
        x_start, x_end = np.array(x_start, dtype=float), np.array(x_end, dtype=float)
    return Rows(
        {
            "phase": np.array(phase, dtype=object),
            "x_start": x_start,
            "x_end": x_end,
            "period": np.array(period, dtype=object),
        }
    )


def long(df, columns: tuple[str, ...], field: str) -> Rows:
    """The symptom columns of `df` (Rows or a DataFrame) as one row per week and measure
    (x_mid, week_label, weeks_since_birth, value, and `field`: the measure's name): what
    df.melt(id_vars=those three) and a name per column give (tests/test_charts.py compares
    the two)."""
    keep = ["x_mid", "week_label", "weeks_since_birth"]
    out = {name: np.tile(np.asarray(df[name]), len(columns)) for name in keep}
    out["value"] = np.concatenate([np.asarray(df[c]) for c in columns]) if columns else np.empty(0)
    out[field] = np.repeat(np.array([SYMPTOM_LAYERS[c] for c in columns], dtype=object), len(df))
    return Rows(out)


def measure_field(panel: str) -> str:
    """The field naming a panel's lines in its long rows: one per panel, because Vega-Lite
    names a legend's marks after its field ("<field>_legend_symbols") and a legend toggle
    listens for clicks on marks of that name, so with one field for both panels a tap on
    either legend set both toggles (and the other panel dimmed all its lines)."""
    return f"{panel}_measure"


def symptom_panel(
    df: pd.DataFrame, long: pd.DataFrame, columns: tuple[str, ...], panel: tuple, name: str, x, extent, height: int
):
    """One symptom panel: a line per column (`long`: long()) on the panel's own scale; with
    several, a legend toggle (param "<name>_toggle") on lines named "<name>_lines". The lines
    are told apart by measure_field(name)."""
    heading, y_domain, y_ticks, suffix = panel
    field = measure_field(name)
    labels = [SYMPTOM_LAYERS[c] for c in columns]
    tooltips = [alt.Tooltip("week_label:N", title="Week of")]
    if bool(pd.notna(df["weeks_since_birth"]).all()):
        tooltips.append(alt.Tooltip("weeks_since_birth:Q", title="Weeks since birth"))
    tooltips += [alt.Tooltip(f"{field}:N", title="Symptom"), alt.Tooltip("value:Q", title="Value")]
    encoding = {
        "x": x("x_mid"),
        "y": alt.Y("value:Q", title=None, scale=alt.Scale(domain=y_domain), axis=alt.Axis(values=y_ticks, format="d")),
        "tooltip": tooltips,
    }
    if len(columns) == 1:
        colour, dash = SYMPTOM_STYLES[columns[0]]
        heading = labels[0] + suffix
        lines = alt.Chart(long).mark_line(
            point=alt.OverlayMarkDef(color=colour), strokeWidth=2, clip=True, color=colour, strokeDash=dash
        )
        lines = lines.encode(**encoding)
    else:
        toggle = alt.selection_point(fields=[field], bind="legend", name=f"{name}_toggle")
        legend = alt.Legend(**LEGEND, symbolType="stroke", symbolSize=300)
        lines = (
            # Named: unnamed, the view holding the toggle is named by Altair from a hash of
            # its rows (their DataFrame repr, ~1 ms a panel) and would change with every save.
            alt.Chart(long, name=f"{name}_lines")
            .mark_line(point=True, strokeWidth=2, clip=True)
            .encode(
                **encoding,
                color=alt.Color(
                    f"{field}:N",
                    legend=legend,
                    scale=alt.Scale(domain=labels, range=[SYMPTOM_STYLES[c][0] for c in columns]),
                ),
                strokeDash=alt.StrokeDash(
                    f"{field}:N",
                    legend=legend,
                    scale=alt.Scale(domain=labels, range=[SYMPTOM_STYLES[c][1] for c in columns]),
                ),
                opacity=alt.condition(toggle, alt.value(1.0), alt.value(0.15)),
            )
            .add_params(toggle)
        )
    return alt.layer(lines, *extent).properties(width="container", height=height, title=title(heading))


def zoom_strip(df, y_field: str, x_type: str, x_title: str, domain: list, brush, height: int) -> alt.Chart:
    """All the weeks as small bars; dragging across them zooms the panels above."""
    return (
        alt.Chart(df, name="zoom_strip")
        .mark_bar(color=VOLUME_COLOR)
        .encode(
            x=x_encoding("x_start", x_type, x_title, domain=scale_domain(domain, x_type)),
            x2="x_end",
            y=alt.Y(f"{y_field}:Q", title=None, axis=alt.Axis(labels=False, ticks=False, grid=False, domain=False)),
            y2=alt.datum(0),
        )
        .add_params(brush)
        .properties(
            width="container",
            height=height,
            title=alt.TitleParams(
                "Drag across to zoom; double-click to reset",
                fontSize=TEXT_PX,
                anchor="start",
                color="#444444",
            ),
        )
    )


def initial_zoom(df: Rows, x_type: str):
    """The brush's starting range: the last ZOOM_WEEKS when the log is long, else None."""
    if len(df) <= LONG_LOG_WEEKS:
        return None
    lo, hi = df["x_start"][-ZOOM_WEEKS], df["x_end"][-1]
    if x_type == "quantitative":
        return {"x": [float(lo), float(hi)]}
    return {"x": scale_domain([pd.Timestamp(lo), pd.Timestamp(hi)], x_type)}
