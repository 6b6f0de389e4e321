"""The clinician summary: a printable PDF she can take to an appointment.

Made on her machine with fpdf2's core fonts (no font files, no downloads) and a chart
rendered by vl-convert (a local Vega engine); nothing is uploaded. Core fonts hold only
latin-1, so every piece of text goes through `latin1()` first.

`build_report` takes values already computed (profile, phase, tables, chart image) and
returns PDF bytes; `report_for` gathers them from a database and the guidance engine.
"""

from __future__ import annotations

import io
import math
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time

import altair as alt
import pandas as pd
from fpdf import FPDF, FontFace

from . import charts, models, phases, plan, storage, symptoms, volume
from .models import GOOM_2019
from .records import flag, number_or_none, readiness_record, to_date

TITLE = "Return to Run - summary for your clinician"
HEADINGS = (
    TITLE,
    "About",
    "Current phase",
    "Readiness tests",
    "Weekly running and symptoms",
    "Symptom timeline",
    "Red flags",
    "Notes from the clinician",
)
FOOTER_TEXT = "Self-reported data from Return to Run. Education and self-tracking, not a diagnosis."
CHART_UNAVAILABLE = "Chart unavailable: the weekly table below holds the same figures."

FONT = "helvetica"  # a PDF core font: built into every reader, nothing to embed or download
PAGE_MARGIN_MM = 14
FOOTER_HEIGHT_MM = 14
BODY_PT = 10
TABLE_PT = 8
NOTES_BOX_MIN_HEIGHT_MM = 70
NOTES_LINE_SPACING_MM = 8
# The chart's "container" width means "as wide as the page" in a browser; vl-convert has
# no page, so print it at a fixed width (pixels at scale 1; PNG scale 2 for sharpness).
CHART_PRINT_WIDTH_PX = 720
CHART_PNG_SCALE = 2
HEADING_FILL = (230, 238, 247)
# How phases.readiness_outcome reads in the readiness table.
LOAD_RESULT_TEXT = {
    "passed": "Passed",
    "not_completed": "Not passed: not completed",
    "symptoms": "Not passed: symptoms",
    "under_target": "Not passed",  # not reached: load and impact tests have no rep target
}
STRENGTH_RESULT_TEXT = {
    "passed": f"Target met ({models.STRENGTH_TARGET_REPS} reps each side)",
    "not_completed": "Not completed",
    "symptoms": "Symptoms during the test",
    "under_target": f"Under {models.STRENGTH_TARGET_REPS} reps (target)",
}
# Short forms of models.SYMPTOM_TIMINGS so the timeline keeps one line per entry.
TIMING_SHORT = {"during_run": "During a run", "within_24h": "Within 24 h of a run", "not_linked": "Not linked to a run"}

# Characters outside latin-1 that have a plain ASCII equivalent. Anything else outside
# latin-1 is decomposed (accents dropped: "ő" -> "o"); symbols such as emoji are
# dropped, and other letters (e.g. CJK) become "?" so a reader sees something was there.
ASCII_EQUIVALENTS = {
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2033": '"',
    "\u2026": "...",
    "\u2022": "-",
    "\u2023": "-",
    "\u2043": "-",
    "\u2192": "->",
    "\u2190": "<-",
    "\u2194": "<->",
    "\u21d2": "=>",
    "\u2265": ">=",
    "\u2264": "<=",
    "\u2260": "!=",
    "\u2248": "~",
    "\u00d7": "x",
    "\u2715": "x",
    "\u2713": "v",
    "\u2714": "v",
    "\u2122": "(TM)",
    "\u20ac": "EUR",
    "\u2009": " ",
    "\u200a": " ",
    "\u2002": " ",
    "\u2003": " ",
    "\u202f": " ",
    "\u2007": " ",
    "\u200b": "",
    "\u200c": "",
    "\u200d": "",
    "\u2060": "",
    "\ufeff": "",
    "\u2044": "/",
    # Letters with no decomposition to a latin-1 base.
    "\u0141": "L",
    "\u0142": "l",
    "\u0110": "D",
    "\u0111": "d",
    "\u0152": "OE",
    "\u0153": "oe",
    "\u0131": "i",
}
# "×" (U+00D7) is in latin-1 but is mapped to "x" too: the map is checked first.


def latin1(value) -> str:
    """`value` as text that fpdf2's core fonts can write: latin-1 only.

    None and NaN become "". Tabs become spaces and other control characters (except
    newlines) are removed. Dashes, quotes, arrows, >=, <= and x have ASCII equivalents;
    accented letters lose accents they cannot keep; emoji and other symbols are dropped;
    other characters become "?".
    """
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    out: list[str] = []
    for char in text:
        if char in ASCII_EQUIVALENTS:
            out.append(ASCII_EQUIVALENTS[char])
        elif char == "\n" or (ord(char) < 256 and unicodedata.category(char) != "Cc"):
            out.append(char)
        elif ord(char) < 256:
            continue  # control characters carry nothing printable
        else:
            out.append(_fallback(char))
    return "".join(out)


def _fallback(char: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    if base and all(ord(c) < 256 for c in base):
        return base
    category = unicodedata.category(char)
    # S* symbols (emoji, dingbats), M* marks (variation selectors), C* format/surrogates.
    if category[0] in "SMC":
        return ""
    return "?"


# ---------------------------------------------------------------- chart image


def _fixed_width(spec):
    """A copy of a Vega-Lite spec with every width "container" set to CHART_PRINT_WIDTH_PX."""
    if isinstance(spec, dict):
        return {
            key: (CHART_PRINT_WIDTH_PX if key == "width" and value == "container" else _fixed_width(value))
            for key, value in spec.items()
        }
    if isinstance(spec, list):
        return [_fixed_width(item) for item in spec]
    return spec


def chart_png(chart: alt.TopLevelMixin) -> bytes | None:
    """The chart as PNG bytes rendered locally by vl-convert, or None if it cannot be drawn.

    A width of "container" is replaced by a fixed print width. Failing here must not stop
    the report, which then says the chart is unavailable.
    """
    try:
        import vl_convert

        return vl_convert.vegalite_to_png(_fixed_width(chart.to_dict()), scale=CHART_PNG_SCALE)
    except Exception:  # noqa: BLE001 - any rendering failure means "no chart", never a crash
        return None


def _png_size_px(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a PNG's IHDR chunk, or None when it is not a PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or len(data) < 24:
        return None
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


# ---------------------------------------------------------------- value helpers


def _day(value) -> str:
    day = to_date(value)
    return day.isoformat() if day else "-"


def _int_text(value) -> str:
    number = number_or_none(value)
    return "-" if number is None else f"{number:g}"


def _in_range(frame: pd.DataFrame, column: str, start: date, end: date) -> pd.DataFrame:
    if frame is None or frame.empty:
        return pd.DataFrame(columns=list(frame.columns) if frame is not None else [])
    days = frame[column].map(to_date)
    keep = days.map(lambda d: d is not None and start <= d <= end).astype(bool)
    # Oldest first; entries of one day in the order she logged them (by id).
    order = ["_day", "id"] if "id" in frame.columns else ["_day"]
    return frame.loc[keep].assign(_day=days[keep]).sort_values(order, kind="stable")


# ---------------------------------------------------------------- the PDF


class _ReportPDF(FPDF):
    def footer(self) -> None:
        self.set_y(-FOOTER_HEIGHT_MM + 4)
        self.set_font(FONT, "I", 7.5)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, latin1(f"{FOOTER_TEXT} Page {self.page_no()}"), align="C")
        self.set_text_color(0, 0, 0)


def _heading(pdf: FPDF, text: str) -> None:
    # Keep a heading with at least a few lines of what follows it.
    if pdf.get_y() > pdf.page_break_trigger - 30:
        pdf.add_page()
    pdf.ln(3)
    pdf.set_font(FONT, "B", 13)
    pdf.cell(0, 8, latin1(text), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", BODY_PT)


def _paragraph(pdf: FPDF, text: str, *, style: str = "", size: float = BODY_PT) -> None:
    pdf.set_font(FONT, style, size)
    pdf.multi_cell(0, 5, latin1(text), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", BODY_PT)


def _table(pdf: FPDF, header: Sequence[str], rows: Iterable[Sequence], widths: Sequence[float]) -> None:
    """A bordered table whose header row repeats on each page; every cell is plain text."""
    pdf.set_font(FONT, "", TABLE_PT)
    with pdf.table(
        col_widths=tuple(widths),
        text_align="LEFT",
        line_height=4,
        headings_style=FontFace(emphasis="BOLD", fill_color=HEADING_FILL),
        padding=1,
        v_align="TOP",
        markdown=False,
    ) as table:
        head = table.row()
        for title in header:
            head.cell(latin1(title))
        for values in rows:
            row = table.row()
            for value in values:
                row.cell(latin1(value))
    pdf.set_font(FONT, "", BODY_PT)
    pdf.ln(2)


def _about(pdf: FPDF, profile: models.Profile, today: date, start: date, end: date) -> None:
    _heading(pdf, "About")
    weeks = models.weeks_since(profile.birth_date, today)
    facts = [
        ("Birth date", f"{profile.birth_date.isoformat()} ({weeks} weeks ago on {today.isoformat()})"),
        ("Birth", models.BIRTH_TYPES.get(profile.birth_type, profile.birth_type)),
        ("Perineal tear", models.PERINEAL_TEARS.get(profile.perineal_tear, profile.perineal_tear)),
        ("Feeding", models.FEEDING.get(profile.feeding, profile.feeding)),
        (
            "Running before pregnancy",
            models.RUNNING_BACKGROUNDS.get(profile.running_background, profile.running_background),
        ),
        ("Leaked before or during pregnancy", "Yes" if profile.leaked_before_or_during_pregnancy else "No"),
        ("Previous running injury", "Yes" if profile.previous_running_injury else "No"),
        ("Short sleep or high fatigue", "Yes" if profile.short_sleep_or_high_fatigue else "No"),
        (
            "Period covered",
            f"{start.isoformat()} to {end.isoformat()} "
            f"(weeks {models.weeks_since(profile.birth_date, start)} to "
            f"{models.weeks_since(profile.birth_date, end)} after birth)",
        ),
    ]
    label_width_mm = 62
    for label, value in facts:
        pdf.set_font(FONT, "B", BODY_PT)
        pdf.cell(label_width_mm, 5.5, latin1(label + ":"))
        pdf.set_font(FONT, "", BODY_PT)
        pdf.multi_cell(0, 5.5, latin1(value), new_x="LMARGIN", new_y="NEXT")


def _current_phase(pdf: FPDF, phase_name: str, phase_reason: str, checklist: Sequence[tuple[str, bool]]) -> None:
    _heading(pdf, "Current phase")
    _paragraph(pdf, phase_name, style="B", size=11)
    if phase_reason:
        _paragraph(pdf, phase_reason)
    if checklist:
        pdf.ln(1)
        _paragraph(pdf, "What opens the next phase:", style="B")
        for label, done in checklist:
            _paragraph(pdf, f"[{'x' if done else ' '}] {label}{'' if done else ' (not yet)'}")


def _readiness_rows(readiness: pd.DataFrame) -> list[list[str]]:
    order = {code: index for index, code in enumerate(models.READINESS_TESTS)}
    records = readiness.to_dict("records") if readiness is not None and len(readiness) else []
    records.sort(key=lambda r: (to_date(r.get("test_date")) or date.min, order.get(r.get("test_code"), 99)))
    rows = []
    for record in records:
        code = record.get("test_code")
        outcome = phases.readiness_outcome(readiness_record(record))
        if code in models.STRENGTH_TESTS:
            reps = f"{_int_text(record.get('reps_left'))} / {_int_text(record.get('reps_right'))}"
            result = STRENGTH_RESULT_TEXT[outcome]
        else:
            reps = ""
            result = LOAD_RESULT_TEXT[outcome]
        rows.append(
            [
                _day(record.get("test_date")),
                models.READINESS_TESTS.get(code, str(code)),
                result,
                reps,
                record.get("notes") or "",
            ]
        )
    return rows


def _weekly_rows(weekly: pd.DataFrame, units: str) -> tuple[list[str], list[list[str]], list[float]]:
    header = ["Week of", "Weeks since birth", "Running (min)"]
    widths = [22, 16, 18]
    with_distance = "run_distance_km" in weekly.columns
    if with_distance:
        header.append(f"Running ({units})")
        widths.append(18)
    # Walking is most of her activity before 12 weeks; a clinician wants to see it.
    with_walking = "walk_minutes" in weekly.columns
    if with_walking:
        header.append("Walking (min)")
        widths.append(18)
    header += ["Days with symptoms", "Days with leakage", "Worst heaviness (0-10)", "Worst pain (0-10)"]
    widths += [18, 18, 20, 18]
    rows = []
    for record in weekly.to_dict("records"):
        row = [
            _day(record.get("week_start")),
            _int_text(record.get("weeks_since_birth")),
            f"{number_or_none(record.get('run_minutes')) or 0:.0f}",
        ]
        if with_distance:
            km = number_or_none(record.get("run_distance_km")) or 0.0
            row.append(f"{models.from_km(km, units):.1f}")
        if with_walking:
            row.append(f"{number_or_none(record.get('walk_minutes')) or 0:.0f}")
        row += [
            _int_text(record.get(c))
            for c in ("symptom_days", "leakage_days", "worst_heaviness_0_10", "worst_pain_0_10")
        ]
        rows.append(row)
    return header, rows, widths


def _symptom_rows(symptoms: pd.DataFrame, birth_date: date) -> list[list[str]]:
    rows = []
    for record in symptoms.to_dict("records"):
        day = to_date(record.get("symptom_date"))
        pains = [
            f"{label} {_int_text(record.get(f'pain_{site}_0_10'))}"
            for site, label in models.PAIN_SITES.items()
            if (number_or_none(record.get(f"pain_{site}_0_10")) or 0) > 0
        ]
        leakage = models.LEAKAGE_LEVELS.get(record.get("leakage") or "none", str(record.get("leakage")))
        if flag(record.get("bowel_leakage")):
            leakage += "; bowel leakage"
        heaviness = number_or_none(record.get("heaviness_0_10")) or 0
        rows.append(
            [
                _day(day),
                str(models.weeks_since(birth_date, day)) if day else "-",
                TIMING_SHORT.get(record.get("timing") or "not_linked", str(record.get("timing"))),
                leakage,
                f"{heaviness:g}" if heaviness else "0",
                ", ".join(pains) or "none",
                models.BLEEDING_LEVELS.get(record.get("bleeding") or "none", str(record.get("bleeding"))),
                record.get("notes") or "",
            ]
        )
    return rows


def _red_flag_rows(red_flags: pd.DataFrame, flag_labels: dict[str, str], start: date, end: date) -> list[list[str]]:
    """Flags open at any time in the period: raised by `end` and not resolved before `start`."""
    records = red_flags.to_dict("records") if red_flags is not None and len(red_flags) else []
    shown = []
    for record in records:
        raised, resolved = to_date(record.get("flagged_date")), to_date(record.get("resolved_date"))
        if raised is None or raised > end or (resolved is not None and resolved < start):
            continue
        shown.append((raised, record, resolved))
    shown.sort(key=lambda item: item[0])
    rows = []
    for raised, record, resolved in shown:
        code = str(record.get("flag_code"))
        rows.append(
            [
                raised.isoformat(),
                flag_labels.get(code, code.replace("_", " ").capitalize()),
                resolved.isoformat() if resolved else "STILL OPEN",
                record.get("resolved_note") or "",
            ]
        )
    return rows


def _notes_box(pdf: FPDF) -> None:
    _heading(pdf, "Notes from the clinician")
    if pdf.page_break_trigger - pdf.get_y() < NOTES_BOX_MIN_HEIGHT_MM:
        pdf.add_page()
    top = pdf.get_y() + 1
    height = pdf.page_break_trigger - top - 2
    left, width = pdf.l_margin, pdf.epw
    pdf.set_draw_color(80, 80, 80)
    pdf.rect(left, top, width, height)
    pdf.set_draw_color(190, 190, 190)
    y = top + NOTES_LINE_SPACING_MM
    while y < top + height - 2:
        pdf.line(left + 3, y, left + width - 3, y)
        y += NOTES_LINE_SPACING_MM
    pdf.set_draw_color(0, 0, 0)
    pdf.set_y(top + height)


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
    chart_image: bytes | None,
) -> bytes:
    """The clinician summary as PDF bytes (A4, core fonts, nothing fetched).

    - readiness: results to list (READINESS_COLUMNS), all shown, oldest first.
    - symptoms: entries (SYMPTOM_COLUMNS); those dated from `start` to `end` are listed.
    - red_flags: RED_FLAG_COLUMNS; flags open at any time from `start` to `end` are listed,
      with `flag_labels` (code -> label) naming them.
    - weekly: volume.weekly_summary() for the period, shown as a table below the chart.
    - chart_image: PNG bytes (chart_png), or None to print "chart unavailable".
    Text she typed (notes) is written as plain text, never interpreted.
    """
    pdf = _ReportPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_margins(PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM)
    pdf.set_auto_page_break(True, margin=FOOTER_HEIGHT_MM + 2)
    pdf.set_title(TITLE)
    pdf.set_author("Return to Run (self-reported)")
    pdf.set_creator("Return to Run")
    # Dated by `today`, not the clock, so the same data give the same file.
    pdf.set_creation_date(datetime.combine(today, time(12), tzinfo=UTC))
    pdf.add_page()

    pdf.set_font(FONT, "B", 16)
    pdf.multi_cell(0, 9, latin1(TITLE), new_x="LMARGIN", new_y="NEXT")
    _paragraph(
        pdf,
        f"Made on {today.isoformat()} on her own device; nothing was uploaded. Period: "
        f"{start.isoformat()} to {end.isoformat()}. Everything here is what she logged "
        "herself in the app, which offers education and self-tracking and does not "
        "assess or diagnose.",
        size=9,
    )

    _about(pdf, profile, today, start, end)
    _current_phase(pdf, phase_name, phase_reason, checklist)

    _heading(pdf, "Readiness tests")
    rows = _readiness_rows(readiness)
    if rows:
        _paragraph(
            pdf,
            "Load and impact tests pass only without leakage, heaviness, dragging or pain "
            f"({GOOM_2019}). Strength: repetitions left / right, target "
            f"{models.STRENGTH_TARGET_REPS} each side; strength guides training and does not "
            "block running.",
            size=9,
        )
        _table(pdf, ["Date", "Test", "Result", "Reps L / R", "Notes"], rows, [20, 52, 40, 18, 52])
    else:
        _paragraph(pdf, "No readiness tests recorded.")

    _heading(pdf, "Weekly running and symptoms")
    if chart_image and (size := _png_size_px(chart_image)):
        width_mm = pdf.epw
        height_mm = width_mm * size[1] / size[0]
        if pdf.get_y() + height_mm > pdf.page_break_trigger:
            pdf.add_page()
        pdf.image(
            io.BytesIO(chart_image),
            x=pdf.l_margin,
            w=width_mm,
            h=height_mm,
            alt_text="Weekly running minutes as bars with symptoms as lines",
        )
        pdf.ln(2)
    else:
        _paragraph(pdf, CHART_UNAVAILABLE, style="I")
    if weekly is not None and len(weekly):
        header, rows, widths = _weekly_rows(weekly, profile.units)
        _table(pdf, header, rows, widths)
    else:
        _paragraph(pdf, "No runs or symptoms logged in this period.")

    _heading(pdf, "Symptom timeline")
    listed = _in_range(symptoms, "symptom_date", start, end)
    if len(listed):
        _table(
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
            _symptom_rows(listed, profile.birth_date),
            [18, 12, 28, 17, 17, 25, 17, 48],
        )
    else:
        _paragraph(pdf, "No symptom entries in this period.")

    _heading(pdf, "Red flags")
    rows = _red_flag_rows(red_flags, flag_labels, start, end)
    if rows:
        _table(pdf, ["Raised", "Warning sign", "Resolved", "Her note when resolving"], rows, [20, 62, 22, 78])
    else:
        _paragraph(pdf, "No red flags were open in this period.")

    _notes_box(pdf)
    return bytes(pdf.output())


# ---------------------------------------------------------------- wiring


def phase_reason(assessment) -> str:
    """Why she is in her phase, in a few sentences, from a phases.Assessment."""
    phase = assessment.phase
    parts = [f"{assessment.weeks_since_birth} weeks since birth."]
    if phase.entry_criteria:
        parts.append("Reached because: " + "; ".join(phase.entry_criteria) + ".")
    parts.append(phase.what_it_means)
    status = assessment.level_status
    if status is not None:
        parts.append(
            f"Walk-run level {status.level.number} of {len(plan.LEVELS)} "
            f"({status.level.describe()}); {status.symptom_free_sessions_at_level} of "
            f"{status.needed} symptom-free sessions needed to move up."
        )
    if assessment.failed_tests:
        parts.append(
            "Load and impact tests not passed: "
            + ", ".join(models.READINESS_TESTS[c] for c in assessment.failed_tests)
            + "."
        )
    if assessment.strength_focus:
        parts.append(
            "Strength under target on: " + ", ".join(models.READINESS_TESTS[c] for c in assessment.strength_focus) + "."
        )
    if assessment.modifiers:
        parts.append("Slower progression for: " + ", ".join(m.label for m in assessment.modifiers) + ".")
    if assessment.training_withheld:
        parts.append(
            "Training suggestions are paused while a red flag is open: "
            + "; ".join(flag.label for flag in assessment.open_red_flags)
            + "."
        )
    return " ".join(parts)


def report_for(db, *, today: date, start: date, end: date) -> bytes:
    """The clinician summary PDF for the period `start`..`end`, from her database.

    Readiness results are listed from the start of her log up to `end` (the tests are
    milestones a clinician wants even when they predate the period). Raises ValueError
    when she has no profile yet (the report starts from her birth date).
    """
    profile = storage.get_profile(db)
    if profile is None:
        raise ValueError("Save your profile first: the report starts from your birth date.")
    if end < start:
        raise ValueError(f"The period ends ({end.isoformat()}) before it starts ({start.isoformat()}).")
    history = storage.load_history(db)
    assessment = phases.assess(profile, history, today)
    weekly = volume.weekly_summary(
        history.runs,
        history.symptoms,
        birth_date=profile.birth_date,
        start=start,
        end=end,
        red_flags=history.red_flags,
        foundation=history.foundation,
    )
    image = None
    if len(weekly):
        # compact: one layered chart without the interactive zoom strip, which means nothing on paper.
        image = chart_png(
            charts.weekly_chart(
                weekly, units=profile.units, compact=True, phase_periods=phases.phase_periods(profile, today)
            )
        )
    readiness = history.readiness
    if len(readiness):
        readiness = readiness.loc[
            readiness["test_date"].map(lambda d: to_date(d) is not None and to_date(d) <= end).astype(bool)
        ]
    return build_report(
        profile=profile,
        today=today,
        start=start,
        end=end,
        phase_name=assessment.phase.name,
        phase_reason=phase_reason(assessment),
        checklist=[(item.label, item.done) for item in assessment.checklist],
        readiness=readiness,
        symptoms=history.symptoms,
        red_flags=history.red_flags,
        flag_labels={code: flag.label for code, flag in symptoms.RED_FLAGS.items()},
        weekly=weekly,
        chart_image=image,
    )
