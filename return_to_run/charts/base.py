"""What every chart shares: colours, text sizes, the weeks axis, the empty chart and the
top-level settings that make a chart fill a phone-width column.

Colours come from the Okabe-Ito palette (safe for the common colour-vision
deficiencies); lines also differ by dash pattern, so they can be told apart without
colour. Text is never under 12 px, so it can be read on a phone held at arm's length.
"""

from __future__ import annotations

from datetime import date

import altair as alt
import numpy as np
import pandas as pd

from return_to_run import models

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
TEXT_COLOR = "#262730"  # Streamlit's text colour; 15:1 on white
NOTE_COLOR = "#444444"  # 9.7:1 on white (Streamlit's grey chart labels are about 3.8:1)
# Text sizes in px: nothing under 12 (issue 14: chart text at 10-11 px could not be read on a phone).
TEXT_PX = 12
TITLE_PX = 14
# The space kept for every y axis's labels, so that panels stacked in one chart line up
# their plots on the same weeks.
Y_AXIS_PX = 40
# "fit-x" makes the whole chart, axes and legends included, as wide as its column and
# keeps each panel's own height. (Streamlit's default for a single view, "fit", squeezes
# a fixed height down to almost nothing once the legend and axes are counted.) "resize"
# lays the chart out again once its axes are measured: without it, a stacked chart drawn
# by Streamlit leaves a margin as wide as the y axis on the right (tested in Chromium).
# It only works if every legend and title fits in the column: legends are one entry per
# line, never a row, and long titles are written on two lines.
FIT_WIDTH = alt.AutoSizeParams(type="fit-x", contains="padding", resize=True)
EMPTY_MESSAGE = "No runs logged yet"
# A log of a week or two is drawn on at least this many weeks, so that one week is one
# narrow bar and not a slab across the whole plot.
MIN_WEEKS_SHOWN = 8
LEGEND = {"orient": "bottom", "direction": "vertical", "title": None, "labelLimit": 0, "offset": 8}


def finish(chart):
    """The chart as the top-level chart the app draws: full column width, readable text."""
    return (
        chart.properties(autosize=FIT_WIDTH)
        .configure_view(stroke=None)
        .configure_axis(
            labelFontSize=TEXT_PX,
            titleFontSize=TEXT_PX,
            titleFontWeight="normal",
            labelColor=TEXT_COLOR,
            titleColor=TEXT_COLOR,
        )
        .configure_axisY(minExtent=Y_AXIS_PX, maxExtent=Y_AXIS_PX)
        .configure_legend(labelFontSize=TEXT_PX, titleFontSize=TEXT_PX, labelColor=TEXT_COLOR, symbolStrokeWidth=3)
        .configure_title(
            fontSize=TITLE_PX,
            subtitleFontSize=TEXT_PX,
            anchor="start",
            fontWeight="normal",
            color=TEXT_COLOR,
            subtitleColor=NOTE_COLOR,
        )
        .configure_text(fontSize=TEXT_PX)
    )


def title(text: str | list[str], subtitle: str | list[str] | None = None) -> alt.TitleParams:
    """A panel title, left-aligned above the plot (saves the width a y-axis title takes).
    A list is one line each: a title wider than the column would narrow the plot."""
    if subtitle is None:
        return alt.TitleParams(text, fontSize=TITLE_PX, anchor="start", offset=8)
    return alt.TitleParams(text, subtitle=subtitle, fontSize=TITLE_PX, subtitleFontSize=TEXT_PX, anchor="start")


def empty_chart(message: str = EMPTY_MESSAGE):
    """A chart that says `message`: callers can always place what a builder returns."""
    return finish(
        alt.Chart(pd.DataFrame({"text": [message]}))
        .mark_text(size=14, color=NOTE_COLOR)
        .encode(text="text:N")
        .properties(width="container", height=60)
    )


def week_label(day: date) -> str:
    """date(2026, 1, 5) -> "Mon 5 Jan 2026"."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def birth_known(weekly) -> bool:
    """Whether every week has its days since birth (a DataFrame or Rows)."""
    return "days_since_birth" in weekly.columns and len(weekly) > 0 and bool(pd.notna(weekly["days_since_birth"]).all())


class Rows:
    """A chart's rows as columns (name -> numpy array, all of one length), made into a
    DataFrame only when Altair draws the chart. After a save, charts.specs fills a kept
    skeleton straight from the columns: making the DataFrames took most of a spec's time."""

    __slots__ = ("columns", "_frame")

    def __init__(self, columns: dict[str, np.ndarray]):
        self.columns = columns
        self._frame = None

    def __len__(self) -> int:
        return len(next(iter(self.columns.values()))) if self.columns else 0

    def __getitem__(self, name: str) -> np.ndarray:
        return self.columns[name]

    @property
    def empty(self) -> bool:
        return len(self) == 0

    def take(self, keep: np.ndarray) -> Rows:
        """The rows where `keep` (a bool array) is true."""
        return Rows({name: column[keep] for name, column in self.columns.items()})

    @property
    def frame(self) -> pd.DataFrame:
        """The rows as a DataFrame (made once; treated as read-only, like the columns)."""
        if self._frame is None:
            self._frame = pd.DataFrame(self.columns)
        return self._frame


def prepare(weekly: pd.DataFrame, units: str) -> tuple[pd.DataFrame, str, str]:
    """volume.weekly_summary() rows with x_start / x_end / x_mid (where the week sits on the
    x axis), week_label, run_distance (in `units`) and red_flag_text added (those two only
    when `weekly` has run_distance_km / red_flag: a chart that draws neither may be given
    only the columns it draws, see secondary.foundation_rows).
    Returns (frame, vega type of x, x axis title): weeks since birth (quantitative,
    fractional, a week's bar spanning its Monday to Sunday) when the birth date is known,
    else the calendar week (temporal)."""
    columns, x_type, x_title = prepared(weekly, units)
    return pd.DataFrame(columns, index=weekly.index), x_type, x_title


def prepared(weekly: pd.DataFrame, units: str, fields: list[str] | None = None) -> tuple[dict, str, str]:
    """prepare()'s columns as numpy arrays (only `fields`, in that order, when given), with
    its x type and title: computed column by column, without a DataFrame."""
    birth = birth_known(weekly)
    out: dict[str, np.ndarray] = {name: weekly[name].to_numpy() for name in weekly.columns}
    days = weekly["week_start"].tolist()
    # datetime.date is not JSON: the chart data carry the ISO text instead.
    out["week_start"] = np.array([d.isoformat() for d in days], dtype=object)
    if "run_distance_km" in weekly:  # what volume.to_display_units adds, on the array
        out["run_distance"] = models.from_km(out["run_distance_km"].astype(float), units)
        out["distance_unit"] = np.full(len(days), units, dtype=object)
    out["week_label"] = np.array([week_label(d) for d in days], dtype=object)  # at most ~520 weeks
    if "red_flag" in weekly:
        out["red_flag_text"] = np.array(["yes" if flag else "no" for flag in out["red_flag"].tolist()], dtype=object)
    if birth:
        # Rounded: 520 weeks of 1.2857142857142858 make the spec sent to the browser fat.
        start = np.round(out["days_since_birth"].astype(float) / 7, 3)
        out["x_start"], out["x_end"], out["x_mid"] = start, start + 1, start + 0.5
        x_type, x_title = "quantitative", "Weeks since birth"
    else:
        start = pd.to_datetime(pd.Series(out["week_start"]))
        out["x_start"] = start.to_numpy()
        out["x_end"] = (start + pd.Timedelta(days=7)).to_numpy()
        out["x_mid"] = (start + pd.Timedelta(hours=84)).to_numpy()
        out["weeks_since_birth"] = np.full(len(days), None, dtype=object)
        x_type, x_title = "temporal", "Week"
    return (out if fields is None else {name: out[name] for name in fields}), x_type, x_title


def x_domain(df, x_type: str) -> list:
    """[first, last] of the x axis: the weeks in `df` (a DataFrame or Rows), widened to
    MIN_WEEKS_SHOWN weeks by adding weeks before the first (never before the birth when the
    first week is after it), then after the last. Floats for weeks since birth, Timestamps
    for calendar weeks."""
    first, last = np.asarray(df["x_start"])[0], np.asarray(df["x_end"])[-1]
    if x_type == "quantitative":
        first, last = float(first), float(last)
        lo = min(first, max(last - MIN_WEEKS_SHOWN, min(first, 0.0)))
        return [lo, max(last, lo + MIN_WEEKS_SHOWN)]
    first, last = pd.Timestamp(first), pd.Timestamp(last)
    return [min(first, last - pd.Timedelta(weeks=MIN_WEEKS_SHOWN)), last]


def scale_domain(values: list, x_type: str) -> list:
    """x_domain() values as a Vega-Lite scale domain (calendar days as local DateTimes)."""
    if x_type == "quantitative":
        return values
    return [alt.DateTime(year=d.year, month=d.month, date=d.day) for d in values]


def x_encoding(field: str, x_type: str, title: str | None, *, domain, labels: bool = True) -> alt.X:
    """The weeks axis over `domain` (a scale_domain() list, or a selection param to zoom with):
    whole weeks since birth (never "13.143000"), or dates as "5 Jan"."""
    axis = alt.Axis(
        labels=labels,
        labelOverlap=True,
        labelFlush=True,
        grid=False,
        tickMinStep=1 if x_type == "quantitative" else alt.Undefined,
        format="d" if x_type == "quantitative" else "%-d %b",
    )
    return alt.X(field, type=x_type, title=title, axis=axis, scale=alt.Scale(domain=domain, zero=False, nice=False))


def volume_field(measure: str, units: str) -> tuple[str, str]:
    """(weekly column, panel title) for the running measure."""
    if measure == "minutes":
        return "run_minutes", "Running (min per week)"
    if measure == "distance":
        return "run_distance", f"Running ({units} per week)"
    raise ValueError(f"measure must be 'minutes' or 'distance', not {measure!r}")
