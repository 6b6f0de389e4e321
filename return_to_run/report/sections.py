"""What each section says: the About facts, the phase, and the rows of every table.

Pure functions from records to text rows; `document` lays them out.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import pandas as pd

from .. import models, phases
from ..records import flag, number_or_none, readiness_record, to_date
from .layout import BODY_PT, ReportPDF, heading, paragraph

NO_VALUE = "\u2014"  # an em dash: nothing measured (printed "-" when the font lacks it)
BEFORE_BIRTH = "before birth"
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
# Columns of volume.weekly_summary that mean "something was logged that week".
ACTIVITY_COLUMNS = (
    "run_count",
    "run_minutes",
    "walk_minutes",
    "symptom_entries",
    "symptom_days",
    "red_flag",
    "foundation_minutes",
    "pelvic_floor_sessions",
    "strength_sessions",
)


def day_text(value) -> str:
    day = to_date(value)
    return day.isoformat() if day else "-"


def number_text(value) -> str:
    number = number_or_none(value)
    return "-" if number is None else f"{number:g}"


def week_label(week_start, birth_date: date | None) -> str:
    """Weeks since birth for the week starting `week_start`: the birth week is 0 (never -1),
    a week that ended before the birth says so."""
    monday = to_date(week_start)
    if monday is None or birth_date is None:
        return "-"
    if monday + timedelta(days=6) < birth_date:
        return BEFORE_BIRTH
    return str(max(0, models.weeks_since(birth_date, monday)))


def day_weeks(day: date | None, birth_date: date) -> str:
    """Whole weeks from the birth to `day`; "before birth" for an earlier day."""
    if day is None:
        return "-"
    return BEFORE_BIRTH if day < birth_date else str(models.weeks_since(birth_date, day))


def in_range(frame: pd.DataFrame, column: str, start: date, end: date) -> pd.DataFrame:
    """Rows of `frame` whose `column` falls from `start` to `end`, oldest first (by id within a day)."""
    if frame is None or frame.empty:
        return pd.DataFrame(columns=list(frame.columns) if frame is not None else [])
    days = frame[column].map(to_date)
    keep = days.map(lambda d: d is not None and start <= d <= end).astype(bool)
    order = ["_day", "id"] if "id" in frame.columns else ["_day"]
    return frame.loc[keep].assign(_day=days[keep]).sort_values(order, kind="stable")


def logged_weeks(weekly: pd.DataFrame) -> pd.DataFrame:
    """`weekly` from the first week with anything logged: the empty weeks before her first
    entry say nothing. Weeks after it stay, empty or not (a gap in running is news)."""
    if weekly is None or weekly.empty:
        return weekly
    active = pd.Series(False, index=weekly.index)
    for column in ACTIVITY_COLUMNS:
        if column in weekly.columns:
            active |= pd.to_numeric(weekly[column], errors="coerce").fillna(0).ne(0)
    if not active.any():
        return weekly.iloc[0:0]
    first = active.to_numpy().argmax()
    return weekly.iloc[first:].reset_index(drop=True)


# ---------------------------------------------------------------- About and the phase


def about(pdf: ReportPDF, profile: models.Profile, today: date, start: date, end: date) -> None:
    heading(pdf, "About")
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
        ("Period covered", period_text(profile.birth_date, start, end)),
    ]
    pdf.use_font("B", BODY_PT)
    label_width_mm = max(pdf.get_string_width(pdf.clean(label + ":")) for label, _ in facts) + 3
    for label, value in facts:
        pdf.use_font("B", BODY_PT)
        pdf.cell(label_width_mm, 5.5, pdf.clean(label + ":"))
        pdf.use_font("", BODY_PT)
        pdf.multi_cell(0, 5.5, pdf.clean(value), new_x="LMARGIN", new_y="NEXT")


def period_text(birth_date: date, start: date, end: date) -> str:
    """ "2026-09-01 to 2026-11-25 (weeks 8 to 20 after birth)"; weeks before the birth are not counted."""
    first, last = (max(0, models.weeks_since(birth_date, day)) for day in (start, end))
    return f"{start.isoformat()} to {end.isoformat()} (weeks {first} to {last} after birth)"


WHERE_HEADING = "Where she is now"
HEADLINE_LEAD = "What the app tells her today (the line on her home screen):"


def current_phase(
    pdf: ReportPDF, phase_name: str, phase_reason: str, checklist: Sequence[tuple[str, bool]], headline: str = ""
) -> None:
    """The app's answer today (`headline`: guidance.today_answer, the line home shows), her
    phase, why, and what opens the next one."""
    heading(pdf, WHERE_HEADING)
    if headline:
        paragraph(pdf, HEADLINE_LEAD, size=9)
        paragraph(pdf, headline, style="B", size=11)
        pdf.ln(1)
    paragraph(pdf, phase_name, style="B", size=11)
    if phase_reason:
        paragraph(pdf, phase_reason)
    if checklist:
        pdf.ln(1)
        paragraph(pdf, "What opens the next phase:", style="B")
        for label, done in checklist:
            paragraph(pdf, f"[{'x' if done else ' '}] {label}{'' if done else ' (not yet)'}")


# ---------------------------------------------------------------- table rows


def latest_readiness(readiness: pd.DataFrame) -> list[dict]:
    """One result per test per day, the last saved (highest id; else the later row), ordered
    by day and then the order of models.READINESS_TESTS. A form saved three times on one day
    is one result, not three."""
    records = readiness.to_dict("records") if readiness is not None and len(readiness) else []
    latest: dict[tuple, tuple] = {}
    for position, record in enumerate(records):
        key = (to_date(record.get("test_date")), record.get("test_code"))
        rank = (number_or_none(record.get("id")) or 0, position)
        if key not in latest or rank > latest[key][0]:
            latest[key] = (rank, record)
    order = {code: index for index, code in enumerate(models.READINESS_TESTS)}
    return sorted(
        (record for _, record in latest.values()),
        key=lambda r: (to_date(r.get("test_date")) or date.min, order.get(r.get("test_code"), 99)),
    )


def readiness_rows(readiness: pd.DataFrame) -> list[list[str]]:
    """[date, test, result, reps L / R, notes] per result (latest per test per day)."""
    rows = []
    for record in latest_readiness(readiness):
        code = record.get("test_code")
        outcome = phases.readiness_outcome(readiness_record(record))
        if code in models.STRENGTH_TESTS:
            reps = f"{number_text(record.get('reps_left'))} / {number_text(record.get('reps_right'))}"
            result = STRENGTH_RESULT_TEXT[outcome]
        else:
            reps = ""
            result = LOAD_RESULT_TEXT[outcome]
        rows.append(
            [
                day_text(record.get("test_date")),
                models.READINESS_TESTS.get(code, str(code)),
                result,
                reps,
                record.get("notes") or "",
            ]
        )
    return rows


def distance_text(record: dict, units: str) -> str:
    """The week's running distance in `units`; NO_VALUE when no run had a distance, and a
    "+" when some runs had one and others not (the figure is then a minimum)."""
    km = number_or_none(record.get("run_distance_km")) or 0.0
    missing = number_or_none(record.get("runs_without_distance")) or 0
    if km <= 0:
        return NO_VALUE
    return f"{models.from_km(km, units):.1f}" + ("+" if missing else "")


def weekly_rows(
    weekly: pd.DataFrame, units: str, birth_date: date | None
) -> tuple[list[str], list[list[str]], list[float]]:
    """(header, rows, column widths) of the weekly table."""
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
            day_text(record.get("week_start")),
            week_label(record.get("week_start"), birth_date),
            f"{number_or_none(record.get('run_minutes')) or 0:.0f}",
        ]
        if with_distance:
            row.append(distance_text(record, units))
        if with_walking:
            row.append(f"{number_or_none(record.get('walk_minutes')) or 0:.0f}")
        row += [
            number_text(record.get(c))
            for c in ("symptom_days", "leakage_days", "worst_heaviness_0_10", "worst_pain_0_10")
        ]
        rows.append(row)
    return header, rows, widths


# models.BLEEDING_LEVELS, short enough for the timeline's column.
BLEEDING_SHORT = {
    "none": "None",
    "spotting": "Spotting",
    "like_period": "Like a period",
    "heavy": "Heavy (a pad an hour, or clots bigger than a plum)",
}


def bleeding_text(record: dict) -> str:
    """The bleeding level (BLEEDING_SHORT), with "her period" or "heavier with activity"
    when she said so."""
    level = record.get("bleeding") or "none"
    text = BLEEDING_SHORT.get(level, models.BLEEDING_LEVELS.get(level, str(level)))
    if level == "none":
        return text
    if flag(record.get("bleeding_is_period")):
        text += "; her period"
    if flag(record.get("bleeding_heavier_with_activity")):
        text += "; heavier with activity"
    return text


def symptom_rows(symptoms: pd.DataFrame, birth_date: date) -> list[list[str]]:
    """[date, weeks since birth, when, leakage, heaviness, pain by site, bleeding, notes] per entry."""
    rows = []
    for record in symptoms.to_dict("records"):
        day = to_date(record.get("symptom_date"))
        pains = [
            f"{label} {number_text(record.get(f'pain_{site}_0_10'))}"
            for site, label in models.PAIN_SITES.items()
            if (number_or_none(record.get(f"pain_{site}_0_10")) or 0) > 0
        ]
        leakage = models.LEAKAGE_LEVELS.get(record.get("leakage") or "none", str(record.get("leakage")))
        if flag(record.get("bowel_leakage")):
            leakage += "; bowel leakage"
        heaviness = number_or_none(record.get("heaviness_0_10")) or 0
        rows.append(
            [
                day_text(day),
                day_weeks(day, birth_date),
                TIMING_SHORT.get(record.get("timing") or "not_linked", str(record.get("timing"))),
                leakage,
                f"{heaviness:g}" if heaviness else "0",
                ", ".join(pains) or "none",
                bleeding_text(record),
                record.get("notes") or "",
            ]
        )
    return rows


# red_flags.URGENCIES as the red-flag table says them.
URGENCY_TEXT = {
    "emergency": "Emergency",
    "same_day": "Midwife or GP the same day",
    "gp": "GP or midwife soon",
    "pelvic_physio": "Pelvic health physiotherapist",
}


def red_flag_rows(
    red_flags: pd.DataFrame,
    flag_labels: dict[str, str],
    start: date,
    end: date,
    flag_urgencies: dict[str, str] | None = None,
) -> list[list[str]]:
    """Flags open at any time in the period: raised by `end` and not resolved before `start`:
    [raised, warning sign, who to see (URGENCY_TEXT of `flag_urgencies`), resolved, note]."""
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
                URGENCY_TEXT.get((flag_urgencies or {}).get(code, ""), "-"),
                resolved.isoformat() if resolved else "STILL OPEN",
                record.get("resolved_note") or "",
            ]
        )
    return rows
