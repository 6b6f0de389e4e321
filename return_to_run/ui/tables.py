"""Pure table formatters: her logs as readable tables (her units, labels instead of codes).

No Streamlit here, so tests/test_tables.py checks them directly. Her text (notes) stays text:
st.dataframe shows cells as they are, never as Markdown.
"""

from __future__ import annotations

import pandas as pd

from .. import models, symptoms, volume

STATUS_WORDS = {"passed": "✅ passed", "failed": "❌ not yet", "not_done": "⬜ not done"}


def run_label(run) -> str:
    """models.run_label for a run row (dict or Series): '2026-11-20 · Walk-run · 24 min'."""
    return models.run_label(run["run_date"], run["kind"], run["duration_min"])


def _pattern(kind, run_interval_min, walk_interval_min, interval_repeats) -> str:
    if kind != "walk_run" or pd.isna(run_interval_min):
        return ""
    return f"{run_interval_min:g} run / {walk_interval_min:g} walk × {int(interval_repeats)}"


def runs_table(runs: pd.DataFrame, units: str) -> pd.DataFrame:
    """Date, Kind, Minutes, Distance (units), Pattern, Effort, Notes, From."""
    return pd.DataFrame(
        {
            "Date": runs["run_date"],
            "Kind": runs["kind"].map(models.RUN_KINDS),
            "Minutes": runs["duration_min"].astype(float).round(1),
            f"Distance ({units})": [
                None if pd.isna(d) else round(models.from_km(float(d), units), 2) for d in runs["distance_km"]
            ],
            "Pattern": [
                _pattern(*values)
                for values in zip(
                    runs["kind"],
                    runs["run_interval_min"],
                    runs["walk_interval_min"],
                    runs["interval_repeats"],
                    strict=True,
                )
            ],
            "Effort": runs["effort_1_10"],
            "Notes": runs["notes"],
            "From": runs["source"],
        }
    )


def run_choices(runs: pd.DataFrame) -> dict[int, str]:
    """Run id -> run_label, in the table's order."""
    # Column by column, not iterrows (a Series per row): the same labels at a tenth of the cost.
    return {
        int(run_id): models.run_label(day, kind, minutes)
        for run_id, day, kind, minutes in zip(
            runs["id"], runs["run_date"], runs["kind"], runs["duration_min"], strict=True
        )
    }


def _pains(row) -> str:
    found = [
        f"{models.mid_sentence(models.PAIN_SITES[site])} {int(row[f'pain_{site}_0_10'])}"
        for site in models.PAIN_SITES
        if row[f"pain_{site}_0_10"]
    ]
    return ", ".join(found)


def symptoms_table(entries: pd.DataFrame) -> pd.DataFrame:
    """Date, When, Leakage, Heaviness, Pain ('pelvis 3, back 2'), Bleeding, Bowel, Notes."""
    return pd.DataFrame(
        {
            "Date": entries["symptom_date"],
            "When": entries["timing"].map(models.SYMPTOM_TIMINGS),
            "Leakage": entries["leakage"].map(models.LEAKAGE_LEVELS),
            "Heaviness": entries["heaviness_0_10"],
            "Pain": [_pains(row) for _, row in entries.iterrows()],
            "Bleeding": entries["bleeding"].map(models.BLEEDING_LEVELS),
            "Bowel": ["yes" if flag else "" for flag in entries["bowel_leakage"]],
            "Notes": entries["notes"],
        }
    )


def symptom_choices(entries: pd.DataFrame) -> dict[int, str]:
    """Symptom entry id -> '2026-11-20 · During the run'."""
    return {
        int(row["id"]): f"{row['symptom_date']} · {models.SYMPTOM_TIMINGS[row['timing']]}"
        for _, row in entries.iterrows()
    }


def foundation_table(sessions: pd.DataFrame) -> pd.DataFrame:
    """Date, What, Minutes, Notes."""
    return pd.DataFrame(
        {
            "Date": sessions["session_date"],
            "What": sessions["activity"].map(models.FOUNDATION_ACTIVITIES),
            "Minutes": sessions["duration_min"],
            "Notes": sessions["notes"],
        }
    )


def foundation_counts(sessions: pd.DataFrame) -> dict[str, int]:
    """Activity label -> number of sessions, every activity listed (0 when none)."""
    counts = sessions["activity"].value_counts()
    return {label: int(counts.get(code, 0)) for code, label in models.FOUNDATION_ACTIVITIES.items()}


def foundation_choices(sessions: pd.DataFrame) -> dict[int, str]:
    """Foundation session id -> '2026-11-20 · Pelvic floor training'."""
    return {
        int(row["id"]): f"{row['session_date']} · {models.FOUNDATION_ACTIVITIES[row['activity']]}"
        for _, row in sessions.iterrows()
    }


def readiness_table(status: dict[str, str]) -> pd.DataFrame:
    """Test, Latest ('✅ passed', '❌ not yet', '⬜ not done'), one row per readiness test."""
    return pd.DataFrame(
        {
            "Test": list(models.READINESS_TESTS.values()),
            "Latest": [STATUS_WORDS.get(status.get(c, "not_done"), status.get(c, "")) for c in models.READINESS_TESTS],
        }
    )


def load_tests_passed(status: dict[str, str]) -> tuple[int, int]:
    """(passed, all) of the load and impact tests."""
    load = [status.get(code, "not_done") for code in models.LOAD_IMPACT_TESTS]
    return load.count("passed"), len(load)


def red_flag_history_table(flags: pd.DataFrame) -> pd.DataFrame:
    """Red flag (label, or the stored code when unknown), Raised, Resolved, Note."""
    return pd.DataFrame(
        {
            "Red flag": [symptoms.RED_FLAGS[c].label if c in symptoms.RED_FLAGS else c for c in flags["flag_code"]],
            "Raised": flags["flagged_date"],
            "Resolved": flags["resolved_date"],
            "Note": flags["resolved_note"],
        }
    )


WEEKLY_TABLE_COLUMNS = {
    "week_start": "Week of",
    "weeks_since_birth": "Weeks since birth",
    "run_minutes": "Running (min)",
    "run_distance": "Running distance",
    "runs_without_distance": "Runs without distance",
    "run_count": "Runs",
    "longest_run_min": "Longest run (min)",
    "walk_minutes": "Walking (min)",
    "change_pct": "Change on previous week (%)",
    "symptom_days": "Days with symptoms",
    "leakage_days": "Days with leakage",
    "worst_heaviness_0_10": "Worst heaviness (0-10)",
    "worst_pelvic_pain_0_10": "Worst pelvic pain (0-10)",
    "worst_joint_pain_0_10": "Worst joint pain (0-10)",
    "bleeding_days": "Days with bleeding",
    "red_flag": "Red flag raised",
    "pelvic_floor_sessions": "Pelvic floor sessions",
    "strength_sessions": "Strength sessions",
}


def weekly_table(weekly: pd.DataFrame, *, units: str = "km") -> pd.DataFrame:
    """The chart's numbers as a readable table: newest week first, labelled columns.

    Distance is in her units (column "Running distance (km)" or "(mi)"), rounded to
    0.01; minutes to 0.1.
    """
    shown = volume.to_display_units(weekly, units)
    table = shown[list(WEEKLY_TABLE_COLUMNS)].rename(columns=WEEKLY_TABLE_COLUMNS)
    table = table.rename(columns={"Running distance": f"Running distance ({units})"})
    table[f"Running distance ({units})"] = table[f"Running distance ({units})"].round(2)
    for name in ("Running (min)", "Longest run (min)", "Walking (min)"):
        table[name] = table[name].round(1)
    return table.iloc[::-1].reset_index(drop=True)


def spikes_table(spikes: pd.DataFrame) -> pd.DataFrame:
    """Date, Minutes, Longest in previous 30 days (min), Times longer."""
    return pd.DataFrame(
        {
            "Date": spikes["run_date"],
            "Minutes": spikes["duration_min"].round(1),
            "Longest in previous 30 days (min)": spikes["previous_longest_min"].round(1),
            "Times longer": spikes["ratio"].round(2),
        }
    )


def skipped_table(skipped) -> pd.DataFrame:
    """Row, Reason for each row an import skipped."""
    return pd.DataFrame({"Row": [s.row for s in skipped], "Reason": [s.reason for s in skipped]})


# A column is as wide as its longest cell (about 8 px a character plus padding), within these
# bounds: short codes stay readable, a long note does not push every other column off a phone.
MIN_COLUMN_PX = 60
MAX_COLUMN_PX = 360
PX_PER_CHAR = 8
COLUMN_PADDING_PX = 24


def blank_missing(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with every missing value (None, NaN, NaT) shown as an empty cell, never "None".

    Columns with a gap become text: a number column keeps its numbers as they print ("3.5").
    """
    shown = frame.copy()
    for column in shown.columns:
        values = shown[column]
        if values.isna().any():
            shown[column] = ["" if pd.isna(v) else (f"{v:g}" if isinstance(v, float) else str(v)) for v in values]
    return shown


def column_widths(frame: pd.DataFrame) -> dict[str, int]:
    """Column -> width in pixels, wide enough for its header and its longest cell (within
    MIN_COLUMN_PX..MAX_COLUMN_PX), so words are not cut."""
    widths = {}
    for column in frame.columns:
        longest = max([len(str(column)), *(len(str(v)) for v in frame[column].head(500))])
        widths[column] = max(MIN_COLUMN_PX, min(MAX_COLUMN_PX, longest * PX_PER_CHAR + COLUMN_PADDING_PX))
    return widths
