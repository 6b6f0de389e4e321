"""The pure rooms of the ui package (tables, text, site), tested without Streamlit."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from return_to_run.ui import tables, text

from .helpers import IMAGE_MARKUP, IMAGE_MARKUP_ESCAPED, ROOT


def test_pure_rooms_load_without_streamlit():
    code = (
        "import sys\n"
        "import return_to_run.ui.tables, return_to_run.ui.text, return_to_run.ui.site\n"
        "print('streamlit' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


# ---------------------------------------------------------------- text


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        (IMAGE_MARKUP, IMAGE_MARKUP_ESCAPED),
        ("<img src=x onerror=alert(1)>", r"\<img src\=x onerror\=alert\(1\)\>"),
        (
            ":material/home: :smile: :red[loud]",
            "\u2060\\:material/home\u2060\\: \u2060\\:smile\u2060\\: \u2060\\:red\\[loud\\]",
        ),
        ("# heading\n1. item\n- item", "\\# heading\n1\\. item\n\\- item"),
        ("$x^2$ and `code` and *em* and __strong__", r"\$x^2\$ and \`code\` and \*em\* and \_\_strong\_\_"),
        ("a\\b & c | d ~ e {f} + g", r"a\\b \& c \| d \~ e \{f\} \+ g"),
        ("Plain words, no marks; 5 km?", "Plain words, no marks; 5 km?"),
        ("", ""),
        (None, ""),
        (42, "42"),
    ],
)
def test_escape_markdown(raw, escaped):
    assert text.escape_markdown(raw) == escaped


@pytest.mark.parametrize(
    ("raw", "span"),
    [
        ("activities.csv", "`activities.csv`"),
        ("a`b.csv", "``a`b.csv``"),
        ("`x``", "``` `x`` ```"),
        ("two\nlines.gpx", "`two lines.gpx`"),
        (None, "``"),
    ],
)
def test_code_span(raw, span):
    assert text.code_span(raw) == span


@pytest.mark.parametrize(
    ("weeks", "label"),
    [
        (None, ""),
        (-3, "3 weeks before the birth date"),
        (0, "0 weeks since birth"),
        (1, "1 week since birth"),
        (2, "2 weeks since birth"),
        (103, "103 weeks since birth"),
        (104, "2 years (104 weeks) since birth"),
        (105, "2 years (105 weeks) since birth"),
        (262, "5 years (262 weeks) since birth"),
    ],
)
def test_weeks_label(weeks, label):
    assert text.weeks_label(weeks) == label


def test_plural_and_table_counts():
    assert [text.plural(n, "run") for n in (0, 1, 2)] == ["0 runs", "1 run", "2 runs"]
    assert text.plural(2, "activity", "activities") == "2 activities"
    assert text.table_counts({"runs": 3, "symptoms": 1, "red_flags": 0, "settings": 2}) == (
        "3 runs, 1 symptom entry, 2 settings"
    )
    # A table name from a file is shown as the text it is.
    assert text.table_counts({IMAGE_MARKUP: 2}) == f"2 {IMAGE_MARKUP_ESCAPED}"


# ---------------------------------------------------------------- tables

RUNS = pd.DataFrame(
    {
        "id": [7, 8],
        "run_date": ["2026-11-20", "2026-11-22"],
        "kind": ["walk_run", "continuous"],
        "duration_min": [24.0, 30.04],
        "distance_km": [np.nan, 5.0],
        "run_interval_min": [1.0, np.nan],
        "walk_interval_min": [2.0, np.nan],
        "interval_repeats": [8.0, np.nan],
        "effort_1_10": [4, 6],
        "notes": [IMAGE_MARKUP, ""],
        "source": ["manual", "strava"],
    }
)


def test_runs_table_in_km_and_miles():
    table = tables.runs_table(RUNS, "km")
    # A run without a distance has an empty cell (pandas keeps it as NaN in a number column).
    assert table.pop("Distance (km)").fillna(-1).tolist() == [-1, 5.0]
    assert table.to_dict("records") == [
        {
            "Date": "2026-11-20",
            "Kind": "Walk-run intervals",
            "Minutes": 24.0,
            "Pattern": "1 run / 2 walk × 8",
            "Effort": 4,
            "Notes": IMAGE_MARKUP,  # a table cell shows her text as it is
            "From": "manual",
        },
        {
            "Date": "2026-11-22",
            "Kind": "Continuous run",
            "Minutes": 30.0,
            "Pattern": "",
            "Effort": 6,
            "Notes": "",
            "From": "strava",
        },
    ]
    assert tables.runs_table(RUNS, "mi")["Distance (mi)"].fillna(-1).tolist() == [-1, 3.11]


def test_run_labels_and_choices():
    assert tables.run_label(RUNS.iloc[1]) == "2026-11-22 · Continuous run · 30.04 min"
    assert tables.run_label({"run_date": "2026-11-20", "kind": "walk", "duration_min": 45}) == (
        "2026-11-20 · Walk · 45 min"
    )
    assert tables.run_choices(RUNS) == {
        7: "2026-11-20 · Walk-run intervals · 24 min",
        8: "2026-11-22 · Continuous run · 30.04 min",
    }


def _symptom_entries() -> pd.DataFrame:
    pains = {f"pain_{site}_0_10": [0, 0] for site in ("pelvis", "low_back", "hip", "knee", "foot_ankle")}
    pains.update({"pain_abdomen_scar_0_10": [0, 0], "pain_other_0_10": [0, 0]})
    pains["pain_pelvis_0_10"] = [3, 0]
    pains["pain_knee_0_10"] = [2, 0]
    return pd.DataFrame(
        {
            "id": [3, 4],
            "symptom_date": ["2026-11-20", "2026-11-21"],
            "timing": ["during_run", "not_linked"],
            "leakage": ["drops", "none"],
            "heaviness_0_10": [2, 0],
            **pains,
            "bleeding": ["none", "spotting"],
            "bowel_leakage": [0, 1],
            "notes": ["after the hill", ""],
        }
    )


def test_symptoms_table_and_choices():
    entries = _symptom_entries()
    assert tables.symptoms_table(entries).to_dict("records") == [
        {
            "Date": "2026-11-20",
            "When": "During the run",
            "Leakage": "A few drops",
            "Heaviness": 2,
            "Pain": "pelvis 3, knee 2",
            "Bleeding": "None",
            "Bowel": "",
            "Notes": "after the hill",
        },
        {
            "Date": "2026-11-21",
            "When": "Not linked to a run",
            "Leakage": "None",
            "Heaviness": 0,
            "Pain": "",
            "Bleeding": "Spotting",
            "Bowel": "yes",
            "Notes": "",
        },
    ]
    assert tables.symptom_choices(entries) == {3: "2026-11-20 · During the run", 4: "2026-11-21 · Not linked to a run"}


def test_pain_sites_keep_their_capitals_mid_sentence():
    """'Abdomen or C-section scar' reads 'abdomen or C-section scar' in a table, a form label
    and a validation message (it was 'c-section'): only the first letter is lowered."""
    from return_to_run import models
    from return_to_run.validation import validate_symptom

    assert models.mid_sentence("Abdomen or C-section scar") == "abdomen or C-section scar"
    assert models.mid_sentence("A temperature of 38 °C") == "a temperature of 38 °C"
    assert models.mid_sentence("") == ""
    entries = _symptom_entries().assign(pain_pelvis_0_10=0, pain_knee_0_10=0, pain_abdomen_scar_0_10=4)
    assert tables.symptoms_table(entries)["Pain"].tolist()[0] == "abdomen or C-section scar 4"
    _, problems = validate_symptom(
        {"symptom_date": "2026-11-20", "pain_abdomen_scar_0_10": 11}, today=date(2026, 11, 22)
    )
    assert [f"{p.field}: {p.message}" for p in problems] == [
        "Pain: abdomen or C-section scar (0-10): must be at least 0 and at most 10; got 11."
    ]


def test_foundation_table_counts_and_choices():
    sessions = pd.DataFrame(
        {
            "id": [1, 2, 5],
            "session_date": ["2026-11-18", "2026-11-19", "2026-11-20"],
            "activity": ["pelvic_floor", "strength", "pelvic_floor"],
            "duration_min": [10.0, 30.0, 12.0],
            "notes": ["", "squats", ""],
        }
    )
    assert tables.foundation_table(sessions).to_dict("records")[1] == {
        "Date": "2026-11-19",
        "What": "Strength session",
        "Minutes": 30.0,
        "Notes": "squats",
    }
    assert tables.foundation_counts(sessions) == {
        "Pelvic floor training": 2,
        "Strength session": 1,
        "Breathing and core connection": 0,
        "Low-impact cardio (walk, bike, swim)": 0,
    }
    assert tables.foundation_choices(sessions)[5] == "2026-11-20 · Pelvic floor training"


def test_readiness_table_and_passed_count():
    status = {"walk_30min": "passed", "hop_in_place": "failed", "single_leg_squat": "passed", "calf_raise": "passed"}
    table = tables.readiness_table(status)
    assert len(table) == 11
    assert table.iloc[0].to_dict() == {"Test": "Walk for 30 minutes", "Latest": "✅ passed"}
    assert table.iloc[5].to_dict() == {"Test": "Hop in place, 10 on each leg", "Latest": "❌ not yet"}
    assert table.iloc[6].to_dict() == {"Test": "Single-leg 'running man', 10 each side", "Latest": "⬜ not done"}
    # Strength tests never count towards the load and impact battery.
    assert tables.load_tests_passed(status) == (2, 7)
    assert tables.load_tests_passed({}) == (0, 7)


def test_red_flag_history_keeps_an_unknown_code_as_text():
    flags = pd.DataFrame(
        {
            "flag_code": ["chest_pain", IMAGE_MARKUP],
            "flagged_date": ["2026-11-01", "2026-11-02"],
            "resolved_date": ["2026-11-03", "2026-11-04"],
            "resolved_note": ["seen by GP", ""],
        }
    )
    assert tables.red_flag_history_table(flags)["Red flag"].tolist() == ["Chest pain", IMAGE_MARKUP]


def test_spikes_table_rounds():
    spikes = pd.DataFrame(
        {"run_date": ["2026-10-17"], "duration_min": [60.04], "previous_longest_min": [40.06], "ratio": [1.49875]}
    )
    assert tables.spikes_table(spikes).to_dict("records") == [
        {"Date": "2026-10-17", "Minutes": 60.0, "Longest in previous 30 days (min)": 40.1, "Times longer": 1.5}
    ]


def test_skipped_table():
    skipped = [SimpleNamespace(row=3, reason="Cycling is not a run or walk"), SimpleNamespace(row=9, reason="x")]
    assert tables.skipped_table(skipped).to_dict("records") == [
        {"Row": 3, "Reason": "Cycling is not a run or walk"},
        {"Row": 9, "Reason": "x"},
    ]


# ---------------------------------------------------------------- blanks and widths


def test_missing_values_are_blank_never_none():
    frame = pd.DataFrame(
        {"Distance (km)": [3.5, None, 10.0], "Notes": ["easy", None, ""], "Effort": [4, 5, 6]},
    )
    shown = tables.blank_missing(frame)
    assert shown.to_dict("list") == {
        "Distance (km)": ["3.5", "", "10"],
        "Notes": ["easy", "", ""],
        "Effort": [4, 5, 6],  # no gap: the numbers stay numbers
    }
    assert frame["Notes"].isna().sum() == 1  # the formatter's frame is left as it was


def test_column_widths_fit_the_longest_cell_within_bounds():
    frame = pd.DataFrame({"Date": ["2026-11-20"], "Notes": ["x" * 100], "Ok": ["y"]})
    assert tables.column_widths(frame) == {
        "Date": 10 * tables.PX_PER_CHAR + tables.COLUMN_PADDING_PX,  # 104 px: the whole date
        "Notes": tables.MAX_COLUMN_PX,
        "Ok": tables.MIN_COLUMN_PX,
    }


def test_markdown_table_escapes_every_cell_blanks_gaps_and_prints_numbers_plainly():
    from return_to_run.ui import grid

    frame = pd.DataFrame(
        {"Date": [date(2026, 11, 20), date(2026, 11, 21)], "Kind": ["a|b", "*bold*"], "Ratio": [1.5, None]}
    )
    assert grid.markdown_table(frame).splitlines() == [
        "| Date | Kind | Ratio |",
        "| --- | --- | --- |",
        "| 2026\\-11\\-20 | a\\|b | 1\\.5 |",
        "| 2026\\-11\\-21 | \\*bold\\* |  |",
    ]
