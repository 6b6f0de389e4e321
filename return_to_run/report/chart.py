"""The weekly chart, drawn with fpdf2's own rectangles and text (vector, nothing rendered
elsewhere): a bar of running minutes per week with walking minutes stacked on it, then one
marker row each for days with symptoms, days with leakage and red flags raised, under the
same weeks, labelled in weeks since birth. Colours are the Okabe-Ito palette the app's charts use (charts.OKABE_ITO),
and every row is named in words too, so nothing rests on colour alone.
"""

from __future__ import annotations

import math

import pandas as pd

from ..charts import OKABE_ITO
from ..records import flag, number_or_none
from .layout import ReportPDF
from .sections import week_label

LABEL_COLUMN_MM = 26  # row names and minute ticks, left of the plot
LEGEND_MM = 7
BARS_MM = 50
MARKER_ROW_MM = 5
AXIS_MM = 11
CHART_HEIGHT_MM = LEGEND_MM + BARS_MM + 3 * MARKER_ROW_MM + AXIS_MM + 2
MAX_BAR_MM = 12  # one week logged should not fill the page with one slab
MIN_LABEL_GAP_MM = 11
WEEK_LABEL_STEPS = (1, 2, 4, 8, 13, 26, 52, 104, 260, 520)
MINUTE_STEPS = (5, 10, 15, 30, 60, 90, 120, 180, 300, 600, 1200, 3000)
GRID_GREY = (215, 215, 215)
AXIS_GREY = (90, 90, 90)
TEXT_GREY = (60, 60, 60)
AXIS_TITLE = "Weeks since birth (one bar per Monday-to-Sunday week)"


def rgb_of(hex_color: str) -> tuple[int, int, int]:
    """ "#56B4E9" -> (86, 180, 233)."""
    value = hex_color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


RUN_RGB = rgb_of(OKABE_ITO["sky_blue"])  # the app's volume colour (charts.VOLUME_COLOR)
WALK_RGB = (200, 200, 200)  # a neutral grey: walking is the background to her running
# (column, row name, colour). Okabe-Ito: safe for the common colour-vision deficiencies.
MARKER_ROWS = (
    ("symptom_days", "Days with symptoms", rgb_of(OKABE_ITO["orange"])),
    ("leakage_days", "Days with leakage", rgb_of(OKABE_ITO["reddish_purple"])),
    ("red_flag", "Red flag raised", rgb_of(OKABE_ITO["vermillion"])),
)


def minute_axis(most_minutes: float) -> tuple[int, int]:
    """(top of the axis, tick step) in minutes: at most 5 ticks of a round step."""
    most = max(most_minutes, 1.0)
    for step in MINUTE_STEPS:
        if math.ceil(most / step) <= 5:
            return step * math.ceil(most / step), step
    step = MINUTE_STEPS[-1]
    return step * math.ceil(most / step), step


def label_every(slot_mm: float) -> int:
    """Label every n-th week so that labels stay MIN_LABEL_GAP_MM apart."""
    for step in WEEK_LABEL_STEPS:
        if step * slot_mm >= MIN_LABEL_GAP_MM:
            return step
    return WEEK_LABEL_STEPS[-1]


def draw_weekly_chart(pdf: ReportPDF, weekly: pd.DataFrame, birth_date) -> None:
    """Draw the chart for `weekly` (volume.weekly_summary rows) at the current position,
    on a new page when it does not fit; leaves the position under it."""
    if pdf.get_y() + CHART_HEIGHT_MM > pdf.page_break_trigger:
        pdf.add_page()
    records = weekly.to_dict("records")
    weeks = len(records)
    top = pdf.get_y()
    x0 = pdf.l_margin + LABEL_COLUMN_MM
    plot_w = pdf.epw - LABEL_COLUMN_MM - 1
    slot = plot_w / weeks
    bar_w = min(slot * (0.8 if slot >= 1.5 else 1.0), MAX_BAR_MM)

    _legend(pdf, top)
    bars_top = top + LEGEND_MM
    base = bars_top + BARS_MM
    run_minutes = [number_or_none(r.get("run_minutes")) or 0.0 for r in records]
    walk_minutes = [number_or_none(r.get("walk_minutes")) or 0.0 for r in records]
    axis_top, step = minute_axis(max(r + w for r, w in zip(run_minutes, walk_minutes, strict=True)))

    # Minute grid and ticks.
    pdf.use_font("", 7)
    pdf.set_line_width(0.2)
    for value in range(0, axis_top + 1, step):
        y = base - value / axis_top * BARS_MM
        pdf.set_draw_color(*(AXIS_GREY if value == 0 else GRID_GREY))
        pdf.line(x0, y, x0 + plot_w, y)
        pdf.set_text_color(*TEXT_GREY)
        pdf.set_xy(x0 - 12, y - 2)
        pdf.cell(11, 4, str(value), align="R")
    pdf.set_xy(pdf.l_margin, bars_top - 1)
    pdf.cell(LABEL_COLUMN_MM - 13, 4, pdf.clean("Minutes"), align="L")

    # Running bars, centred in their week, with walking stacked on top.
    for index, (run, walk) in enumerate(zip(run_minutes, walk_minutes, strict=True)):
        x = x0 + index * slot + (slot - bar_w) / 2
        for below, value, color in ((0.0, run, RUN_RGB), (run, walk, WALK_RGB)):
            if value > 0:
                pdf.set_fill_color(*color)
                y = base - (below + value) / axis_top * BARS_MM
                pdf.rect(x, y, bar_w, value / axis_top * BARS_MM, style="F")

    # Marker rows: a filled mark for each week with something; the count inside when it fits.
    for row, (column, name, color) in enumerate(MARKER_ROWS):
        y = base + 1 + row * MARKER_ROW_MM
        pdf.set_text_color(*TEXT_GREY)
        pdf.set_xy(pdf.l_margin, y)
        pdf.cell(LABEL_COLUMN_MM - 1, MARKER_ROW_MM - 1, pdf.clean(name), align="R")
        pdf.set_fill_color(*color)
        mark_w = min(max(bar_w, 0.3), 4.0)
        for index, record in enumerate(records):
            value = record.get(column)
            count = (1 if flag(value) else 0) if column == "red_flag" else (number_or_none(value) or 0)
            if count <= 0:
                continue
            x = x0 + index * slot + (slot - mark_w) / 2
            pdf.rect(x, y + 0.4, mark_w, MARKER_ROW_MM - 1.8, style="F")
            if column != "red_flag" and slot >= 4.5:
                pdf.set_text_color(0, 0, 0)
                pdf.set_xy(x0 + index * slot, y + 0.2)
                pdf.cell(slot, MARKER_ROW_MM - 1.4, f"{count:.0f}", align="C")
    pdf.set_draw_color(*GRID_GREY)
    rows_bottom = base + 1 + len(MARKER_ROWS) * MARKER_ROW_MM
    pdf.line(x0, rows_bottom, x0 + plot_w, rows_bottom)

    # Week labels (weeks since birth) every n-th week, then the axis title.
    pdf.set_text_color(*TEXT_GREY)
    every = label_every(slot)
    for index, record in enumerate(records):
        label = week_label(record.get("week_start"), birth_date)
        # Round week numbers (0, 52, 104 ...), the same weeks whichever week comes first.
        if not label.isdigit() or int(label) % every:
            continue
        pdf.set_xy(x0 + index * slot + slot / 2 - 6, rows_bottom + 0.5)
        pdf.cell(12, 4, label, align="C")
    pdf.set_xy(x0, rows_bottom + 5)
    pdf.cell(plot_w, 4, pdf.clean(AXIS_TITLE), align="C")

    # Back to the defaults: an fpdf2 table drawn next would inherit the last fill colour.
    pdf.set_text_color(0, 0, 0)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_fill_color(255, 255, 255)
    pdf.use_font()
    pdf.set_xy(pdf.l_margin, top + CHART_HEIGHT_MM)


def _legend(pdf: ReportPDF, top: float) -> None:
    pdf.use_font("", 7.5)
    pdf.set_text_color(*TEXT_GREY)
    x = pdf.l_margin + LABEL_COLUMN_MM
    items = [("Running (min)", RUN_RGB), ("Walking (min)", WALK_RGB)]
    items += [(name, color) for _, name, color in MARKER_ROWS]
    for name, color in items:
        pdf.set_fill_color(*color)
        pdf.rect(x, top + 1.2, 3, 3, style="F")
        text = pdf.clean(name)
        width = pdf.get_string_width(text) + 2
        pdf.set_xy(x + 3.8, top + 0.7)
        pdf.cell(width, 4, text)
        x += 3.8 + width + 4
