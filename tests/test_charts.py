"""Chart builders, tested through chart.to_dict() (and compiled once by vl-convert)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import altair as alt
import pandas as pd
import pytest

from return_to_run import charts, models, patterns, volume
from tests.test_volume import BIRTH, FOUNDATION, RED_FLAGS, RUNS, SYMPTOMS, runs_frame, symptoms_frame


@pytest.fixture
def weekly() -> pd.DataFrame:
    return volume.weekly_summary(RUNS, SYMPTOMS, birth_date=BIRTH, red_flags=RED_FLAGS, foundation=FOUNDATION)


def walk(node):
    """Every dict in a chart spec, depth first."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


def marks(spec: dict) -> list[str]:
    found = []
    for node in walk(spec):
        mark = node.get("mark")
        if mark is not None:
            found.append(mark if isinstance(mark, str) else mark["type"])
    return found


def params(spec: dict) -> dict[str, dict]:
    return {p["name"]: p for node in walk(spec) for p in node.get("params", []) if "name" in p}


def layer_with(spec: dict, mark: str) -> dict:
    return next(n for n in walk(spec) if isinstance(n.get("mark"), dict) and n["mark"]["type"] == mark)


def dataset(spec: dict, layer: dict) -> list[dict]:
    return (
        spec["datasets"][layer["data"]["name"]]
        if "name" in layer.get("data", {})
        else spec["datasets"][spec["data"]["name"]]
    )


PHASES = pd.DataFrame(
    {
        "start": [date(2025, 12, 1), date(2026, 1, 1)],
        "end": [date(2026, 1, 1), None],
        "phase": ["Rebuilding", "Return to running"],
    }
)


def test_weekly_chart_layers_brush_and_independent_axes(weekly):
    chart = charts.weekly_chart(weekly, phase_periods=PHASES)
    assert isinstance(chart, alt.VConcatChart)
    spec = chart.to_dict()
    json.dumps(spec)  # serialisable as it is (no datetime.date left in the data)
    detail, overview = spec["vconcat"]
    assert [layer["mark"]["type"] for layer in detail["layer"]] == ["rect", "text", "bar", "line", "rule", "point"]
    assert detail["resolve"]["scale"] == {"y": "independent", "color": "independent", "strokeDash": "independent"}
    assert detail["width"] == "container"

    brush = params(spec)["brush"]
    assert brush["select"] == {"type": "interval", "encodings": ["x"]}
    assert "value" not in brush  # a short log opens whole
    assert overview["mark"]["type"] == "bar"
    # The detail zooms to the brush on every layer's x.
    assert {layer["encoding"]["x"]["scale"]["domain"]["param"] for layer in detail["layer"]} == {"brush"}

    bars = layer_with(spec, "bar")
    assert bars["mark"]["color"] == "#56B4E9"
    assert bars["encoding"]["x"]["field"] == "x_start" and bars["encoding"]["x"]["title"] == "Weeks since birth"
    assert bars["encoding"]["y"]["field"] == "run_minutes"
    assert bars["encoding"]["y"]["axis"]["orient"] == "left"
    assert [t["field"] for t in bars["encoding"]["tooltip"]] == [
        "week_label",
        "weeks_since_birth",
        "run_minutes",
        "run_distance",
        "runs_without_distance",
        "run_count",
        "longest_run_min",
        "walk_minutes",
        "change_pct",
        "symptom_days",
        "leakage_days",
        "worst_heaviness_0_10",
        "worst_pain_0_10",
        "red_flag_text",
    ]

    lines = layer_with(spec, "line")
    assert lines["encoding"]["y"]["axis"]["orient"] == "right"
    assert lines["encoding"]["y"]["scale"]["domain"] == [0, 10]
    assert lines["encoding"]["color"]["scale"] == {
        "domain": ["Days with symptoms", "Worst heaviness (0-10)", "Worst pain (0-10)", "Days with leakage"],
        "range": ["#E69F00", "#009E73", "#000000", "#CC79A7"],
    }
    assert [t["field"] for t in lines["encoding"]["tooltip"]] == ["week_label", "weeks_since_birth", "measure", "value"]
    assert params(spec)["symptom_toggle"]["bind"] == "legend"

    rule = layer_with(spec, "rule")
    assert rule["mark"]["color"] == "#D55E00"
    assert dataset(spec, rule) == [{"x_mid": 13.5, "week_label": "Mon 5 Jan 2026"}]


def test_weekly_chart_data_carry_exact_numbers_and_week_labels(weekly):
    spec = charts.weekly_chart(weekly).to_dict()
    rows = dataset(spec, layer_with(spec, "bar"))
    assert [
        (r["week_label"], r["weeks_since_birth"], r["x_start"], r["run_minutes"], r["change_pct"]) for r in rows
    ] == [
        ("Mon 22 Dec 2025", 11, 11.0, 20.0, None),
        ("Mon 29 Dec 2025", 12, 12.0, 33.0, 65.0),
        ("Mon 5 Jan 2026", 13, 13.0, 0.0, -100.0),
        ("Mon 12 Jan 2026", 14, 14.0, 36.0, None),
    ]
    long = dataset(spec, layer_with(spec, "line"))
    assert len(long) == 4 * 4
    assert long[0] == {
        "x_mid": 11.5,
        "week_label": "Mon 22 Dec 2025",
        "weeks_since_birth": 11,
        "value": 1,
        "measure": "Days with symptoms",
    }


def test_weekly_chart_phase_bands_are_clipped_to_the_weeks_shown(weekly):
    spec = charts.weekly_chart(weekly, phase_periods=PHASES).to_dict()
    rect = layer_with(spec, "rect")
    assert [(r["phase"], r["x_start"], r["x_end"], r["period"]) for r in dataset(spec, rect)] == [
        ("Rebuilding", 11.0, pytest.approx(87 / 7), "22 Dec 2025 to 31 Dec 2025"),
        ("Return to running", pytest.approx(87 / 7), 15.0, "1 Jan 2026 to 18 Jan 2026"),
    ]


def test_compact_variant_has_no_brush(weekly):
    chart = charts.weekly_chart(weekly, compact=True, symptom_layers=("symptom_days",))
    assert isinstance(chart, alt.LayerChart)
    spec = chart.to_dict()
    assert "brush" not in params(spec)
    assert "vconcat" not in spec
    assert spec["height"] == 150
    assert marks(spec) == ["bar", "line", "rule", "point"]
    assert layer_with(spec, "line")["encoding"]["color"]["scale"]["range"] == ["#E69F00"]


def test_no_symptom_layers_leaves_bars_and_red_flags(weekly):
    spec = charts.weekly_chart(weekly, symptom_layers=(), compact=True).to_dict()
    assert marks(spec) == ["bar", "rule", "point"]


def test_distance_in_miles_and_unknown_birth_date():
    weekly = volume.weekly_summary(RUNS, SYMPTOMS, birth_date=None)
    spec = charts.weekly_chart(weekly, measure="distance", units="mi").to_dict()
    bars = layer_with(spec, "bar")
    assert bars["encoding"]["y"]["field"] == "run_distance"
    assert bars["encoding"]["y"]["title"] == "Running (mi per week)"
    assert bars["encoding"]["x"]["type"] == "temporal" and bars["encoding"]["x"]["title"] == "Week"
    assert "weeks_since_birth" not in [t["field"] for t in bars["encoding"]["tooltip"]]
    rows = dataset(spec, bars)
    assert [round(r["run_distance"], 4) for r in rows] == [1.8641, 1.2427, 0.0, 3.1069]
    assert rows[0]["x_start"] == "2025-12-22T00:00:00"


def test_long_log_opens_zoomed_to_the_last_26_weeks():
    day0 = date(2024, 1, 1)
    runs = runs_frame(
        [{"run_date": day0 + timedelta(days=7 * i), "duration_min": 20.0, "kind": "continuous"} for i in range(60)]
    )
    weekly = volume.weekly_summary(runs, symptoms_frame([]), birth_date=date(2023, 12, 4))
    brush = params(charts.weekly_chart(weekly).to_dict())["brush"]
    assert brush["value"] == {"x": [38.0, 64.0]}  # weeks since birth 4..63: the last 26 weeks
    undated = volume.weekly_summary(runs, symptoms_frame([]), birth_date=None)
    brush = params(charts.weekly_chart(undated).to_dict())["brush"]
    assert brush["value"]["x"][0] == {"year": 2024, "month": 8, "date": 26}


def test_empty_weekly_gives_a_message_chart():
    history = models.History()
    weekly = volume.weekly_summary(history.runs, history.symptoms, birth_date=BIRTH)
    for build in (charts.weekly_chart, charts.progression_chart, charts.acwr_chart, charts.foundation_chart):
        spec = build(weekly).to_dict()
        assert marks(spec) == ["text"]
    assert "No runs logged yet" in json.dumps(charts.weekly_chart(weekly).to_dict())


def test_bad_arguments_are_refused(weekly):
    with pytest.raises(ValueError, match="measure must be"):
        charts.weekly_chart(weekly, measure="steps")
    with pytest.raises(ValueError, match="unknown symptom layers"):
        charts.weekly_chart(weekly, symptom_layers=("mood",))


def test_progression_chart_marks_weeks_over_10_percent(weekly):
    spec = charts.progression_chart(weekly).to_dict()
    bars = layer_with(spec, "bar")
    assert bars["encoding"]["color"]["scale"] == {
        "domain": ["over 10%", "10% or less"],
        "range": ["#D55E00", "#0072B2"],
    }
    assert [(r["week_label"], r["change_pct"], r["guide"]) for r in dataset(spec, bars)] == [
        ("Mon 29 Dec 2025", 65.0, "over 10%"),
        ("Mon 5 Jan 2026", -100.0, "10% or less"),
    ]
    rule = layer_with(spec, "rule")
    assert dataset(spec, rule) == [{"limit": 10.0}]


def test_acwr_chart_is_labelled_information_only(weekly):
    spec = charts.acwr_chart(weekly).to_dict()
    assert spec["title"]["text"] == "Acute:chronic workload ratio (information only)"
    assert "contested" in spec["title"]["subtitle"]
    assert "color" not in spec["encoding"]  # no safe/unsafe zones


def test_foundation_chart_has_both_activities(weekly):
    spec = charts.foundation_chart(weekly).to_dict()
    assert spec["encoding"]["color"]["scale"]["domain"] == ["Pelvic floor", "Strength"]
    rows = dataset(spec, spec)
    assert [(r["week_label"], r["activity"], r["sessions"]) for r in rows][:2] == [
        ("Mon 22 Dec 2025", "Pelvic floor", 1),
        ("Mon 29 Dec 2025", "Pelvic floor", 0),
    ]


def test_patterns_chart_shows_counts():
    outcomes = patterns.runs_with_outcomes(RUNS, SYMPTOMS)
    spec = charts.patterns_chart(patterns.pattern_table(outcomes, "length_band", "any_symptom")).to_dict()
    text = layer_with(spec, "text")
    assert [r["note"] for r in dataset(spec, text)] == [
        "0 of 1 (too few runs)",
        "1 of 2 (too few runs)",
        "0 of 1 (too few runs)",
    ]


def test_specs_compile_with_vega_lite(weekly):
    vlc = pytest.importorskip("vl_convert")
    for chart in (
        charts.weekly_chart(weekly, phase_periods=PHASES),
        charts.weekly_chart(weekly, compact=True),
        charts.progression_chart(weekly),
        charts.foundation_chart(weekly),
        charts.acwr_chart(weekly),
    ):
        vlc.vegalite_to_vega(chart.to_dict())


def test_symptom_layer_names_read_as_labels_and_every_layer_has_a_style():
    assert charts.SYMPTOM_LAYERS["worst_heaviness_0_10"] == "Worst heaviness (0-10)"
    assert set(charts.SYMPTOM_STYLES) == set(charts.SYMPTOM_LAYERS)
    assert set(charts.DEFAULT_SYMPTOM_LAYERS) <= set(charts.SYMPTOM_LAYERS)
    assert {colour for colour, _ in charts.SYMPTOM_STYLES.values()} <= set(charts.OKABE_ITO.values())
    assert set(charts.SYMPTOM_LAYERS) <= set(volume.WEEKLY_COLUMNS)
