"""The weekly chart: running per week on top, and under it her symptoms on their own
scales, on the same weeks: days with a symptom (of 7) in one panel, the week's worst
score (0-10) in another. Panels are stacked (never side by side), each with a fixed
height, so the chart keeps its shape in a 390 px phone column.
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from .base import (
    LEGEND,
    OKABE_ITO,
    RED_FLAG_COLOR,
    TEXT_PX,
    VOLUME_COLOR,
    empty_chart,
    finish,
    prepare,
    scale_domain,
    title,
    volume_field,
    x_domain,
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


def weekly_chart(
    weekly: pd.DataFrame,
    *,
    measure: str = "minutes",
    units: str = "km",
    symptom_layers: tuple[str, ...] | None = None,
    phase_periods: pd.DataFrame | None = None,
    compact: bool = False,
):
    """Running per week as bars, with symptoms in panels below on the same weeks.

    - weekly: volume.weekly_summary() output.
    - measure: "minutes" (run_minutes) or "distance" (run_distance in `units`).
    - symptom_layers: weekly columns from SYMPTOM_LAYERS; None means DEFAULT_SYMPTOM_LAYERS,
      or COMPACT_SYMPTOM_LAYERS when compact (a glance: days with symptoms only). Day counts go in one panel
      (0-7), worst scores in another (0-10); a panel with several lines has a legend
      under it that can be tapped to hide and show them (params "days_toggle",
      "scores_toggle"); a panel with one line is titled with its name instead.
    - phase_periods: optional DataFrame with start, end (dates; end exclusive, None for
      ongoing) and phase (the name to show), shaded behind the bars.
    - Red-flag weeks get a vermillion dashed rule written "Red flag", and a legend entry
      under the running panel (readable without hovering).
    - Fewer than base.MIN_WEEKS_SHOWN weeks are drawn on that many weeks, so one week is
      one narrow bar.
    - compact=False: a strip at the bottom with an interval brush (param "brush") zooms
      every panel above; long logs open on the last ZOOM_WEEKS. compact=True: smaller
      panels and no strip (the home page).

    Returns a top-level vconcat chart; an empty weekly frame gives a chart saying
    base.EMPTY_MESSAGE, so callers can always place what comes back.
    """
    if weekly.empty:
        return empty_chart()
    return _build(plan(weekly, measure, units, symptom_layers, phase_periods, compact))


@dataclass(frozen=True)
class Plan:
    """Everything weekly_chart draws that depends on the rows, worked out before any Altair
    object is made: specs.weekly_spec() reuses a chart's skeleton and swaps in only these."""

    measure: str
    units: str
    symptom_layers: tuple[str, ...]
    compact: bool
    y_field: str
    y_title: str
    x_type: str
    x_title: str
    df: pd.DataFrame  # the weeks, only the columns the marks use
    domain: list  # x_domain()
    zoom: dict | None  # the brush's starting value (None: no strip, or a short log)
    flagged: pd.DataFrame  # red-flag weeks (may be empty: then no red-flag layers)
    phases: pd.DataFrame | None  # phase bands (None: no phase layers)
    phase_names: pd.DataFrame | None  # the bands whose name fits on them
    long: dict  # "days" / "scores" -> the panel's lines in long form
    extent: pd.DataFrame | None  # the invisible marks keeping the domain (None without a brush)
    description: str

    def structure(self) -> tuple:
        """What shapes the spec beyond the rows and the domain: plans with the same structure
        give specs that differ only in their data, x domain, brush value, phase names and
        description."""
        return (
            self.measure,
            self.units,
            self.symptom_layers,
            self.compact,
            self.x_type,
            self.zoom is None,
            self.flagged.empty,
            self.phases is None,
            bool(self.df["weeks_since_birth"].notna().all()),
        )


def plan(weekly, measure, units, symptom_layers, phase_periods, compact) -> Plan:
    """weekly_chart's data-dependent inputs (for a non-empty `weekly`)."""
    if symptom_layers is None:
        symptom_layers = COMPACT_SYMPTOM_LAYERS if compact else DEFAULT_SYMPTOM_LAYERS
    symptom_layers = tuple(symptom_layers)
    unknown = [c for c in symptom_layers if c not in SYMPTOM_LAYERS]
    if unknown:
        raise ValueError(f"unknown symptom layers {unknown}; choose from {list(SYMPTOM_LAYERS)}")
    y_field, y_title = volume_field(measure, units)
    df, x_type, x_title = prepare(weekly, units)
    fields = ["x_start", "x_end", "x_mid", "week_start", "week_label", "weeks_since_birth", "days_since_birth"]
    fields += ["red_flag", *_tooltip_fields(x_type == "quantitative", units), *symptom_layers]
    df = df[list(dict.fromkeys(fields))]  # only what the marks use: the rows travel with the spec
    domain = x_domain(df, x_type)
    zoom = None if compact else _initial_zoom(df, x_type)
    days = tuple(c for c in symptom_layers if c in DAY_LAYERS)
    scores = tuple(c for c in symptom_layers if c not in DAY_LAYERS)
    phases = names = None
    if phase_periods is not None and len(phase_periods):
        phases = _phase_frame(phase_periods, df, x_type)
        # A name is written only if it fits its band in a phone-width plot; the band's
        # tooltip names every phase.
        share = (phases["x_end"] - phases["x_start"]) / (domain[1] - domain[0])
        fits = share * PHONE_PLOT_PX >= phases["phase"].str.len() * CHAR_PX + 6
        names = phases.loc[fits, ["phase", "x_start"]]
    return Plan(
        measure=measure,
        units=units,
        symptom_layers=symptom_layers,
        compact=compact,
        y_field=y_field,
        y_title=y_title,
        x_type=x_type,
        x_title=x_title,
        df=df,
        domain=domain,
        zoom=zoom,
        flagged=_flagged(df, domain),
        phases=phases,
        phase_names=names,
        long={name: _long(df, columns) for name, columns in (("days", days), ("scores", scores)) if columns},
        extent=None if compact else pd.DataFrame({"x_start": domain}),
        description=_description(y_title, symptom_layers, len(df), not compact),
    )


def _build(p: Plan):
    """The Altair chart for a plan."""
    running_px, panel_px, strip_px = HEIGHTS_PX[p.compact]
    x_type, domain = p.x_type, p.domain
    brush = None
    if not p.compact:
        brush = alt.selection_interval(encodings=["x"], name="brush", value=p.zoom or alt.Undefined)
    days = tuple(c for c in p.symptom_layers if c in DAY_LAYERS)
    scores = tuple(c for c in p.symptom_layers if c not in DAY_LAYERS)
    # The x axis is named once, under the lowest panel (in the full chart, the zoom strip).
    named = None if not p.compact else "scores" if scores else "days" if days else "running"

    def x(panel: str):
        # Every panel zooms with the brush; an empty brush shows every week, and the
        # invisible extent marks keep at least MIN_WEEKS_SHOWN of them.
        scale = brush if brush is not None else scale_domain(domain, x_type)

        def encode(field: str) -> alt.X:
            return x_encoding(field, x_type, p.x_title if panel == named else None, domain=scale)

        return encode

    def extent(panel: str) -> list[alt.Chart]:
        if brush is None:
            return []
        return [alt.Chart(p.extent).mark_point(opacity=0).encode(x=x(panel)("x_start"))]

    running_x = x("running")
    layers = _phase_layers(p.phases, p.phase_names, running_x) + [_bars(p.df, running_x, p.y_field, p.units, x_type)]
    layers += _red_flag_layers(p.flagged, running_x) + extent("running")
    panels = [
        alt.layer(*layers)
        .resolve_scale(color="independent")
        .properties(width="container", height=running_px, title=title(p.y_title))
    ]
    for columns, panel, name in ((days, DAYS_PANEL, "days"), (scores, SCORES_PANEL, "scores")):
        if columns:
            panels.append(
                _symptom_panel(p.df, p.long[name], columns, panel, f"{name}_toggle", x(name), extent(name), panel_px)
            )
    if brush is not None:
        panels.append(_zoom_strip(p.df, p.y_field, x_type, p.x_title, domain, brush, strip_px))
    # The chart's accessible name (Vega writes it as the SVG's aria-label): a stacked chart
    # has no top-level title, and an <svg role="graphics-document"> without a name fails
    # axe's svg-img-alt. The numbers themselves are in the table under the chart.
    # Given to the constructor: a .properties() call would deep-copy the whole chart again.
    return finish(_stack(panels, description=p.description))


def _description(y_title: str, symptom_layers: tuple[str, ...], weeks: int, strip: bool) -> str:
    """What the chart shows, in one sentence, for a screen reader."""
    shown = ", ".join(SYMPTOM_LAYERS[c].lower() for c in symptom_layers)
    text = f"Chart of {weeks} weeks: {y_title.lower()} as bars"
    text += f", with {shown} below on the same weeks." if shown else "."
    if strip:
        text += " A strip at the bottom zooms the weeks shown above."
    return text


def _stack(panels: list, description: str) -> alt.VConcatChart:
    return alt.vconcat(*panels, spacing=14, description=description).resolve_scale(
        x="independent", color="independent", strokeDash="independent"
    )


def _tooltip_fields(birth_known: bool, units: str) -> list[str]:
    return [t["shorthand"].split(":")[0] for t in _bar_tooltips(birth_known, units)]


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


def _bars(df: pd.DataFrame, x, y_field: str, units: str, x_type: str) -> alt.Chart:
    return (
        alt.Chart(df, name="running")
        .mark_bar(color=VOLUME_COLOR, clip=True, stroke="white", strokeWidth=1)
        .encode(
            x=x("x_start"),
            x2="x_end",
            y=alt.Y(f"{y_field}:Q", title=None, axis=alt.Axis(tickCount=4)),
            y2=alt.datum(0),
            tooltip=_bar_tooltips(x_type == "quantitative", units),
        )
    )


def _flagged(df: pd.DataFrame, domain: list) -> pd.DataFrame:
    """The red-flag weeks (x_mid, week_label, flag, side), empty when no week had one."""
    flagged = df.loc[df["red_flag"], ["x_mid", "week_label"]].assign(flag=RED_FLAG_LABEL)
    if flagged.empty:
        return flagged
    middle = domain[0] + (domain[1] - domain[0]) / 2
    # Written beside the rule on the side with more room, over a white halo so it reads on a bar.
    flagged["side"] = ["right" if v > middle else "left" for v in flagged["x_mid"]]
    return flagged


def _red_flag_layers(flagged: pd.DataFrame, x) -> list[alt.Chart]:
    """A dashed vermillion rule through each red-flag week (_flagged()), written "Red flag"
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


def _phase_layers(phases: pd.DataFrame | None, names: pd.DataFrame | None, x) -> list[alt.Chart]:
    """Pale bands behind the bars, one per phase (_phase_frame()), each named on the band
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


def _long(df: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """The symptom columns as one row per week and measure (x_mid, week_label,
    weeks_since_birth, value, measure)."""
    keep = ["x_mid", "week_label", "weeks_since_birth"]
    long = df[keep + list(columns)].melt(id_vars=keep, var_name="column", value_name="value")
    long["measure"] = long["column"].map(SYMPTOM_LAYERS)
    return long.drop(columns="column")


def _symptom_panel(
    df: pd.DataFrame, long: pd.DataFrame, columns: tuple[str, ...], panel: tuple, name: str, x, extent, height: int
):
    """One symptom panel: a line per column (`long`: _long()) on the panel's own scale."""
    heading, y_domain, y_ticks, suffix = panel
    labels = [SYMPTOM_LAYERS[c] for c in columns]
    tooltips = [alt.Tooltip("week_label:N", title="Week of")]
    if df["weeks_since_birth"].notna().all():
        tooltips.append(alt.Tooltip("weeks_since_birth:Q", title="Weeks since birth"))
    tooltips += [alt.Tooltip("measure:N", title="Symptom"), alt.Tooltip("value:Q", title="Value")]
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
        toggle = alt.selection_point(fields=["measure"], bind="legend", name=name)
        legend = alt.Legend(**LEGEND, symbolType="stroke", symbolSize=300)
        lines = (
            alt.Chart(long)
            .mark_line(point=True, strokeWidth=2, clip=True)
            .encode(
                **encoding,
                color=alt.Color(
                    "measure:N",
                    legend=legend,
                    scale=alt.Scale(domain=labels, range=[SYMPTOM_STYLES[c][0] for c in columns]),
                ),
                strokeDash=alt.StrokeDash(
                    "measure:N",
                    legend=legend,
                    scale=alt.Scale(domain=labels, range=[SYMPTOM_STYLES[c][1] for c in columns]),
                ),
                opacity=alt.condition(toggle, alt.value(1.0), alt.value(0.15)),
            )
            .add_params(toggle)
        )
    return alt.layer(lines, *extent).properties(width="container", height=height, title=title(heading))


def _zoom_strip(df, y_field: str, x_type: str, x_title: str, domain: list, brush, height: int) -> alt.Chart:
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


def _initial_zoom(df: pd.DataFrame, x_type: str):
    """The brush's starting range: the last ZOOM_WEEKS when the log is long, else None."""
    if len(df) <= LONG_LOG_WEEKS:
        return None
    lo, hi = df["x_start"].iloc[-ZOOM_WEEKS], df["x_end"].iloc[-1]
    if x_type == "quantitative":
        return {"x": [float(lo), float(hi)]}
    return {"x": scale_domain([lo, hi], x_type)}
