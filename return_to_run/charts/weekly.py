"""The weekly chart: running per week on top, and under it her symptoms on their own
scales, on the same weeks: days with a symptom (of 7) in one panel, the week's worst
score (0-10) in another. Panels are stacked (never side by side), each with a fixed
height, so the chart keeps its shape in a 390 px phone column.
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import numpy as np
import pandas as pd

from .base import (
    Rows,
    birth_known,
    empty_chart,
    finish,
    prepared,
    scale_domain,
    title,
    volume_field,
    x_domain,
    x_encoding,
)
from .layers import (
    CHAR_PX,
    COMPACT_SYMPTOM_LAYERS,
    DAY_LAYERS,
    DAYS_PANEL,
    DEFAULT_SYMPTOM_LAYERS,
    HEIGHTS_PX,
    PHONE_PLOT_PX,
    SCORES_PANEL,
    SYMPTOM_LAYERS,
    bars,
    flagged,
    initial_zoom,
    long,
    measure_field,
    phase_frame,
    phase_layers,
    red_flag_layers,
    symptom_panel,
    tooltip_fields,
    zoom_strip,
)


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
    return build_from_plan(plan(weekly, measure, units, symptom_layers, phase_periods, compact))


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
    # Row sets as Rows: columns, made into DataFrames only when Altair draws the chart.
    df: Rows  # the weeks, only the columns the marks use
    domain: list  # x_domain()
    zoom: dict | None  # the brush's starting value (None: no strip, or a short log)
    flagged: Rows  # red-flag weeks (may be empty: then no red-flag layers)
    phases: Rows | None  # phase bands (None: no phase layers)
    phase_names: Rows | None  # the bands whose name fits on them
    long: dict  # "days" / "scores" -> the panel's lines in long form (Rows, named by measure_field)
    extent: Rows | None  # the invisible marks keeping the domain (None without a brush)
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
            bool(pd.notna(self.df["weeks_since_birth"]).all()),
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
    x_type = "quantitative" if birth_known(weekly) else "temporal"
    fields = ["x_start", "x_end", "x_mid", "week_start", "week_label", "weeks_since_birth", "days_since_birth"]
    fields += ["red_flag", *tooltip_fields(x_type == "quantitative", units), *symptom_layers]
    # Only what the marks use: the rows travel with the spec.
    columns, x_type, x_title = prepared(weekly, units, list(dict.fromkeys(fields)))
    df = Rows(columns)
    domain = x_domain(df, x_type)
    zoom = None if compact else initial_zoom(df, x_type)
    days = tuple(c for c in symptom_layers if c in DAY_LAYERS)
    scores = tuple(c for c in symptom_layers if c not in DAY_LAYERS)
    phases = names = None
    if phase_periods is not None and len(phase_periods):
        phases = phase_frame(phase_periods, df, x_type)
        # A name is written only if it fits its band in a phone-width plot; the band's
        # tooltip names every phase.
        share = (phases["x_end"] - phases["x_start"]) / (domain[1] - domain[0])
        fits = share * PHONE_PLOT_PX >= np.array([len(name) for name in phases["phase"]]) * CHAR_PX + 6
        names = Rows({"phase": phases["phase"][fits], "x_start": phases["x_start"][fits]})
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
        flagged=flagged(df, domain),
        phases=phases,
        phase_names=names,
        long={
            name: long(df, columns, measure_field(name))
            for name, columns in (("days", days), ("scores", scores))
            if columns
        },
        extent=None if compact else Rows({"x_start": _column(domain)}),
        description=_description(y_title, symptom_layers, len(df), not compact),
    )


def _column(values: list) -> np.ndarray:
    """A short list as a column (Timestamps as datetime64, like the weeks' x)."""
    if values and isinstance(values[0], pd.Timestamp):
        return pd.DatetimeIndex(values).to_numpy()
    return np.array(values)


def build_from_plan(p: Plan):
    """The Altair chart for a plan (its row sets as DataFrames)."""
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
        return [alt.Chart(p.extent.frame).mark_point(opacity=0).encode(x=x(panel)("x_start"))]

    running_x = x("running")
    df = p.df.frame
    phases, names = (None, None) if p.phases is None else (p.phases.frame, p.phase_names.frame)
    layers = phase_layers(phases, names, running_x) + [bars(df, running_x, p.y_field, p.units, x_type)]
    layers += red_flag_layers(p.flagged.frame, running_x) + extent("running")
    panels = [
        alt.layer(*layers)
        .resolve_scale(color="independent")
        .properties(width="container", height=running_px, title=title(p.y_title))
    ]
    for columns, panel, name in ((days, DAYS_PANEL, "days"), (scores, SCORES_PANEL, "scores")):
        if columns:
            panels.append(symptom_panel(df, p.long[name].frame, columns, panel, name, x(name), extent(name), panel_px))
    if brush is not None:
        panels.append(zoom_strip(df, p.y_field, x_type, p.x_title, domain, brush, strip_px))
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
