"""A minimal Streamlit page that draws one chart from return_to_run.charts, for the
browser chart tests (tests/browser/test_charts_phone.py).

Query parameters pick what is drawn:
- chart: weekly (default), compact, progression, acwr, foundation, patterns;
- weeks: how many weeks of runs to make up (default 12; 0 gives the empty chart);
- sessions: 0 for no pelvic floor sessions (default: one a week).

The page is wide with a sidebar, like Trends, and draws the chart the way the app does:
st.vega_lite_chart(spec, width="stretch"). The spec asks for the SVG renderer so the
test can measure the drawn marks' boxes (the app keeps Streamlit's default).
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from return_to_run import charts, models, patterns, volume

BIRTH = date(2025, 10, 6)
FIRST_RUN = date(2025, 12, 22)


def history(weeks: int, *, sessions: bool = True) -> models.History:
    """Runs three times a week for `weeks` weeks, a symptom entry each week, one red flag
    (from 3 weeks on) and, with `sessions`, a pelvic floor session each week."""
    runs, symptoms, foundation = [], [], []
    for week in range(weeks):
        monday = FIRST_RUN + timedelta(days=7 * week)
        for offset, minutes in ((0, 15 + 2 * week), (2, 12 + week), (5, 20 + 2 * week)):
            runs.append({"run_date": monday + timedelta(days=offset), "duration_min": float(minutes)})
        symptoms.append(
            {
                "symptom_date": monday + timedelta(days=1),
                "leakage": "drops" if week % 2 else "none",
                "heaviness_0_10": week % 5,
                "pain_knee_0_10": (week * 3) % 7,
            }
        )
        if sessions:
            foundation.append({"session_date": monday, "activity": "pelvic_floor", "duration_min": 10.0})
    result = models.History()
    result.runs = _frame(
        models.RUN_COLUMNS, runs, kind="continuous", distance_km=3.0, notes="", source="manual", source_id=None
    )
    result.symptoms = _frame(
        models.SYMPTOM_COLUMNS,
        symptoms,
        run_id=None,
        timing="not_linked",
        bleeding="none",
        bowel_leakage=0,
        notes="",
        **dict.fromkeys(models.PAIN_COLUMNS, 0),
    )
    if weeks >= 3:
        flag = FIRST_RUN + timedelta(days=7 * (weeks - 2) + 3)
        result.red_flags = _frame(
            models.RED_FLAG_COLUMNS, [{"flag_code": "bleeding", "flagged_date": flag}], resolved_note=""
        )
    result.foundation = _frame(models.FOUNDATION_COLUMNS, foundation, notes="")
    return result


def _frame(columns: tuple[str, ...], rows: list[dict], **defaults) -> pd.DataFrame:
    full = [{"id": i, **{c: row.get(c, defaults.get(c)) for c in columns if c != "id"}} for i, row in enumerate(rows)]
    return pd.DataFrame(full, columns=list(columns)) if full else pd.DataFrame({c: [] for c in columns})


st.set_page_config(page_title="Chart test", layout="wide")
st.sidebar.write("Sidebar, as in the app")
which = st.query_params.get("chart", "weekly")
weeks = int(st.query_params.get("weeks", "12"))
log = history(weeks, sessions=st.query_params.get("sessions", "1") != "0")
weekly = volume.weekly_summary(
    log.runs, log.symptoms, birth_date=BIRTH, red_flags=log.red_flags, foundation=log.foundation
)
phases = pd.DataFrame(
    {
        "start": [BIRTH + timedelta(days=42), BIRTH + timedelta(days=84)],
        "end": [BIRTH + timedelta(days=84), None],
        "phase": ["Rebuilding", "After 12 weeks"],
    }
)
if which == "weekly":
    chart = charts.weekly_chart(weekly, phase_periods=phases)
elif which == "compact":
    chart = charts.weekly_chart(weekly, compact=True)
elif which == "patterns":
    outcomes = patterns.runs_with_outcomes(log.runs, log.symptoms)
    chart = charts.patterns_chart(patterns.pattern_table(outcomes, "length_band", "any_symptom"))
else:
    chart = getattr(charts, f"{which}_chart")(weekly)
spec = chart.to_dict()
spec["usermeta"] = {"embedOptions": {"renderer": "svg"}}
st.title("Chart")
st.vega_lite_chart(spec, width="stretch", key="chart")
st.caption("Under the chart")
