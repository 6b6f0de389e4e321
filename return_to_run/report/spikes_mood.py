"""Two sections that follow the weekly figures: single-run spikes and mood.

Pure functions from values to text rows; `document` lays them out. Running volume is
running minutes throughout (records.RunRecord.running_min: walk breaks are not running).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pandas as pd

from .. import models
from ..caps import SPIKE_SOURCE
from ..helplines import Country
from ..records import number_or_none, to_date
from .layout import ReportPDF, heading, paragraph, table

SPIKES_HEADING = "Single-run spikes"
SPIKES_INTRO = (
    "Runs with more than 110% of the running minutes of her longest run in the 30 days before. "
    + SPIKE_SOURCE
    + " Running minutes: the run intervals of a walk-run (walk breaks left out), the whole of any other run."
)
NO_SPIKES = "No run in this period was more than 110% of her longest in the 30 days before."
RUNNING_MINUTES_NOTE = (
    "Running (min) counts running only: the run intervals of a walk-run, not its walk breaks, and "
    "the whole of a continuous run; Walking (min) is walks. The app's weekly cap (about 10% more "
    "running than the week before, Deering 2024) and single-run cap (110%, Frandsen 2025) use "
    "these running minutes."
)
MOOD_HEADING = "Mood"
NO_MOOD = "No weekly mood checks in the last 12 weeks."
MOOD_INTRO = (
    "Her answers to the two depression identification questions (low mood; little interest or "
    "pleasure, during the last month), asked weekly. A yes is not a diagnosis."
)


def spike_rows(spikes: pd.DataFrame | None, start: date, end: date) -> list[list[str]]:
    """[date, kind, running min, longest in the 30 days before, % of it] per spike dated
    `start`..`end` (volume.single_run_spikes rows), oldest first."""
    if spikes is None or spikes.empty:
        return []
    rows = []
    for record in spikes.to_dict("records"):
        day = to_date(record.get("run_date"))
        if day is None or not start <= day <= end:
            continue
        running = number_or_none(record.get("running_min")) or 0.0
        previous = number_or_none(record.get("previous_longest_min")) or 0.0
        kind = str(record.get("kind"))
        rows.append(
            [
                day.isoformat(),
                models.RUN_KINDS.get(kind, kind),
                f"{running:g}",
                f"{previous:g}",
                f"{running / previous:.0%}" if previous else "-",
            ]
        )
    return sorted(rows, key=lambda row: row[0])


def spikes_section(pdf: ReportPDF, spikes: pd.DataFrame | None, start: date, end: date) -> None:
    heading(pdf, SPIKES_HEADING)
    rows = spike_rows(spikes, start, end)
    if not rows:
        paragraph(pdf, NO_SPIKES)
        return
    paragraph(pdf, SPIKES_INTRO, size=9)
    table(
        pdf,
        ["Date", "Kind", "Running (min)", "Longest in the 30 days before (min)", "Of that longest"],
        rows,
        [24, 50, 30, 46, 32],
    )


def helpline_lines(country: Country) -> list[str]:
    """'Samaritans: call 116 123 (24 hours). <purpose>' per helpline of `country`, after its
    emergency number; for "other" its note."""
    lines = [f"{country.name}: emergency services {country.emergency}."] if country.emergency else []
    for line in country.lines:
        reach = [f"call {line.phone}" if line.phone else "", f"text {line.text}" if line.text else ""]
        hours = f" ({line.hours})" if line.hours else ""
        lines.append(f"{line.name}: {', '.join(part for part in reach if part)}{hours}. {line.purpose}")
    if country.note:
        lines.append(country.note)
    return lines


def mood_section(pdf: ReportPDF, lines: Sequence[str], helplines: Country | None) -> None:
    """The Mood heading: mood.mood_summary lines, and the helplines she was shown when a
    check in the period said yes (`helplines`; None otherwise)."""
    heading(pdf, MOOD_HEADING)
    if not lines:
        paragraph(pdf, NO_MOOD)
        return
    paragraph(pdf, MOOD_INTRO, size=9)
    for line in lines:
        paragraph(pdf, line)
    if helplines is not None:
        pdf.ln(1)
        paragraph(pdf, "After a yes she was asked to talk to her GP, midwife or health visitor, and shown:", style="B")
        for line in helpline_lines(helplines):
            paragraph(pdf, line, size=9)
