"""The clinician summary laid out from values already computed: `build_report` -> PDF bytes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pandas as pd

from .. import models
from ..helplines import Country
from ..models import GOOM_2019
from .chart import CHART_HEIGHT_MM, draw_weekly_chart
from .layout import TITLE, ReportPDF, heading, notes_box, paragraph, table
from .sections import (
    WHERE_HEADING,
    about,
    current_phase,
    in_range,
    logged_weeks,
    readiness_rows,
    red_flag_rows,
    symptom_rows,
    weekly_rows,
)
from .spikes_mood import (
    MOOD_HEADING,
    RUNNING_MINUTES_NOTE,
    SPIKES_HEADING,
    mood_section,
    spikes_section,
)
from .text import Font, best_font

HEADINGS = (
    TITLE,
    "About",
    WHERE_HEADING,
    "Readiness tests",
    "Weekly running and symptoms",
    SPIKES_HEADING,
    "Symptom timeline",
    "Red flags",
    MOOD_HEADING,
    "Notes from the clinician",
)
NO_WEEKS = "No runs or symptoms logged in this period."
PARTIAL_DISTANCE = "+ : some runs that week had no distance; the figure counts the others."


def build_report(
    *,
    profile: models.Profile,
    today: date,
    start: date,
    end: date,
    phase_name: str,
    phase_reason: str,
    checklist: Sequence[tuple[str, bool]],
    readiness: pd.DataFrame,
    symptoms: pd.DataFrame,
    red_flags: pd.DataFrame,
    flag_labels: dict[str, str],
    weekly: pd.DataFrame,
    font: Font | None = None,
    headline: str = "",
    spikes: pd.DataFrame | None = None,
    flag_urgencies: dict[str, str] | None = None,
    mood_lines: Sequence[str] = (),
    helplines: Country | None = None,
) -> bytes:
    """The clinician summary as PDF bytes (A4, nothing fetched).

    - readiness: results to list (READINESS_COLUMNS), the latest per test per day, oldest first.
    - symptoms: entries (SYMPTOM_COLUMNS); those dated from `start` to `end` are listed.
    - red_flags: RED_FLAG_COLUMNS; flags open at any time from `start` to `end` are listed,
      with `flag_labels` (code -> label) naming them.
    - weekly: volume.weekly_summary() for the period, drawn as a chart above the same
      figures in a table, from the first week with anything logged.
    - font: text.best_font() when None (DejaVu Sans if installed, else Helvetica).
    - headline: the app's one-line answer today (guidance.today_answer().headline).
    - spikes: volume.single_run_spikes(); those dated from `start` to `end` are listed.
    - flag_urgencies: code -> red_flags.URGENCIES value, said in the red-flag table.
    - mood_lines: mood.mood_summary(); helplines: her country's (helplines.Country) when a
      check in those weeks said yes, else None.
    Text she typed (notes) is written as plain text, never interpreted.
    """
    pdf = ReportPDF(font or best_font(), today)
    pdf.add_page()

    pdf.use_font("B", 16)
    pdf.multi_cell(0, 9, pdf.clean(TITLE), new_x="LMARGIN", new_y="NEXT")
    paragraph(
        pdf,
        f"Made on {today.isoformat()} on her own device; nothing was uploaded. Period: "
        f"{start.isoformat()} to {end.isoformat()}. Everything here is what she logged "
        "herself in the app, which offers education and self-tracking and does not "
        "assess or diagnose.",
        size=9,
    )

    about(pdf, profile, today, start, end)
    current_phase(pdf, phase_name, phase_reason, checklist, headline)

    heading(pdf, "Readiness tests")
    rows = readiness_rows(readiness)
    if rows:
        paragraph(
            pdf,
            "Load and impact tests pass only without leakage, heaviness, dragging or pain "
            f"({GOOM_2019}). Strength: repetitions left / right, target "
            f"{models.STRENGTH_TARGET_REPS} each side; strength guides training and does not "
            "block running. One result per test per day: the last one saved.",
            size=9,
        )
        table(
            pdf,
            ["Date", "Test", "Result", "Reps L / R", "Notes"],
            rows,
            [20, 52, 40, 18, 52],
            free_text=(4,),
            labels=[f"{row[0]}, {row[1]}" for row in rows],
        )
    else:
        paragraph(pdf, "No readiness tests recorded.")

    weeks = logged_weeks(weekly)
    drawn = weeks is not None and len(weeks) > 0
    heading(pdf, "Weekly running and symptoms", keep_mm=CHART_HEIGHT_MM + 12 if drawn else 30)
    if drawn:
        draw_weekly_chart(pdf, weeks, profile.birth_date)
        paragraph(pdf, RUNNING_MINUTES_NOTE, size=9)
        header, rows, widths = weekly_rows(weeks, profile.units, profile.birth_date)
        table(pdf, header, rows, widths)
        if "run_distance_km" in weeks.columns and any(row[3].endswith("+") for row in rows):
            paragraph(pdf, PARTIAL_DISTANCE, size=8)
    else:
        paragraph(pdf, NO_WEEKS)

    spikes_section(pdf, spikes, start, end)

    heading(pdf, "Symptom timeline")
    listed = in_range(symptoms, "symptom_date", start, end)
    if len(listed):
        rows = symptom_rows(listed, profile.birth_date)
        table(
            pdf,
            [
                "Date",
                "Weeks since birth",
                "When",
                "Leakage",
                "Heaviness (0-10)",
                "Pain (0-10) by site",
                "Bleeding",
                "Notes",
            ],
            rows,
            [19, 13, 27, 17, 17, 25, 17, 47],
            free_text=(7,),
            labels=[row[0] for row in rows],
        )
    else:
        paragraph(pdf, "No symptom entries in this period.")

    heading(pdf, "Red flags")
    rows = red_flag_rows(red_flags, flag_labels, start, end, flag_urgencies)
    if rows:
        table(
            pdf,
            ["Raised", "Warning sign", "Who to see", "Resolved", "Her note when resolving"],
            rows,
            [20, 56, 28, 20, 58],
            free_text=(4,),
            labels=[f"{row[0]}, {row[1]}" for row in rows],
        )
    else:
        paragraph(pdf, "No red flags were open in this period.")

    mood_section(pdf, mood_lines, helplines)

    notes_box(pdf)
    return bytes(pdf.output())
