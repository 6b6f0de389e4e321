"""Time the weekly summary, progression checks, patterns and chart serialisation over
ten years of daily runs and symptoms (~3,650 of each). Prints figures; asserts nothing.

    .venv/bin/python bench/bench_volume.py
"""

from __future__ import annotations

import sys
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from return_to_run import charts, models, patterns, volume
from return_to_run.ui import tables

BIRTH = date(2016, 1, 4)
DAYS = 3650


def ten_years() -> models.History:
    rng = np.random.default_rng(7)
    days = [BIRTH + timedelta(days=42 + i) for i in range(DAYS)]
    ids = np.arange(1, DAYS + 1)
    duration = np.round(rng.uniform(10, 60, DAYS), 1)
    distance = np.where(rng.random(DAYS) < 0.2, np.nan, np.round(duration / 6.5, 2))
    runs = pd.DataFrame(
        {
            "id": ids,
            "run_date": days,
            "duration_min": duration,
            "distance_km": [None if np.isnan(d) else float(d) for d in distance],
            "kind": rng.choice(list(models.RUN_KINDS), DAYS),
            "run_interval_min": None,
            "walk_interval_min": None,
            "interval_repeats": None,
            "effort_1_10": rng.integers(1, 11, DAYS),
            "notes": "",
            "source": "manual",
            "source_id": None,
        }
    )
    symptoms = pd.DataFrame(
        {
            "id": ids,
            "symptom_date": days,
            "run_id": [int(i) if linked else None for i, linked in zip(ids, rng.random(DAYS) < 0.5, strict=True)],
            "timing": rng.choice(list(models.SYMPTOM_TIMINGS), DAYS),
            "leakage": rng.choice(["none", "none", "drops", "more"], DAYS),
            "heaviness_0_10": rng.integers(0, 4, DAYS),
            **{c: rng.integers(0, 3, DAYS) * (rng.random(DAYS) < 0.2) for c in models.PAIN_COLUMNS},
            "bleeding": rng.choice(["none"] * 20 + ["spotting"], DAYS),
            "bowel_leakage": 0,
            "notes": "",
        }
    )
    red_flags = pd.DataFrame(
        {
            "id": [1, 2],
            "flag_code": ["bleeding", "bulge"],
            "flagged_date": [days[100], days[-20]],
            "symptom_id": None,
            "resolved_date": None,
            "resolved_note": "",
        }
    )
    foundation = pd.DataFrame(
        {
            "id": ids[: DAYS // 2],
            "session_date": days[::2][: DAYS // 2],
            "activity": rng.choice(list(models.FOUNDATION_ACTIVITIES), DAYS // 2),
            "duration_min": 15.0,
            "notes": "",
        }
    )
    return models.History(runs=runs, symptoms=symptoms, red_flags=red_flags, foundation=foundation)


def best_ms(fn, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


def main() -> None:
    h = ten_years()

    def summary():
        return volume.weekly_summary(
            h.runs, h.symptoms, birth_date=BIRTH, red_flags=h.red_flags, foundation=h.foundation
        )

    weekly = summary()
    outcomes = patterns.runs_with_outcomes(h.runs, h.symptoms)
    figures = {
        "weekly_summary": best_ms(summary),
        "single_run_spikes": best_ms(lambda: volume.single_run_spikes(h.runs)),
        "acwr": best_ms(lambda: volume.acwr(weekly)),
        "weekly_table": best_ms(lambda: tables.weekly_table(weekly, units="mi")),
        "runs_with_outcomes": best_ms(lambda: patterns.runs_with_outcomes(h.runs, h.symptoms)),
        "pattern_sentences": best_ms(lambda: patterns.pattern_sentences(outcomes)),
        "symptom_rises": best_ms(lambda: patterns.symptom_rises(weekly)),
        "weekly_chart + to_dict": best_ms(lambda: charts.weekly_chart(weekly).to_dict()),
        "weekly_chart compact + to_dict": best_ms(lambda: charts.weekly_chart(weekly, compact=True).to_dict()),
        "progression_chart + to_dict": best_ms(lambda: charts.progression_chart(weekly).to_dict()),
        "foundation_chart + to_dict": best_ms(lambda: charts.foundation_chart(weekly).to_dict()),
    }
    try:  # what st.altair_chart does: datasets go as Arrow, not as JSON records
        from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec as streamlit_spec
    except ImportError:  # a private function: may move in another Streamlit
        streamlit_spec = None
    if streamlit_spec is not None:
        figures["weekly_chart, Streamlit serialiser"] = best_ms(lambda: streamlit_spec(charts.weekly_chart(weekly)))
        figures["compact, Streamlit serialiser"] = best_ms(
            lambda: streamlit_spec(charts.weekly_chart(weekly, compact=True))
        )
    print(f"{len(h.runs)} runs, {len(h.symptoms)} symptom entries, {len(weekly)} weeks (best of 7)")
    for name, ms in figures.items():
        print(f"  {name:<32} {ms:7.1f} ms")
    trends_page = sum(
        figures[k]
        for k in (
            "weekly_summary",
            "single_run_spikes",
            "runs_with_outcomes",
            "pattern_sentences",
            "symptom_rises",
            "weekly_chart + to_dict",
            "progression_chart + to_dict",
            "foundation_chart + to_dict",
        )
    )
    print(f"  {'all of a trends page':<32} {trends_page:7.1f} ms")


if __name__ == "__main__":
    main()
