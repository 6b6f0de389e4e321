"""Chart builders, tested through chart.to_dict(). How they compile and
draw in a real 390 px column is tested in tests/browser/test_charts_phone.py."""

from __future__ import annotations

import json
from datetime import date, timedelta

import altair as alt
import numpy as np
import pandas as pd
import pytest

from return_to_run import charts, models, patterns, volume
from return_to_run.charts import base
from tests.test_volume import BIRTH, FOUNDATION, RED_FLAGS, RUNS, SYMPTOMS, runs_frame, symptoms_frame


@pytest.fixture
def weekly() -> pd.DataFrame:
    return volume.weekly_summary(RUNS, SYMPTOMS, birth_date=BIRTH, red_flags=RED_FLAGS, foundation=FOUNDATION)


def weeks_of_running(count: int, *, birth_date: date | None = BIRTH, first: date = date(2025, 12, 22)) -> pd.DataFrame:
    """`count` weeks with one 20-minute run each, from the Monday `first`."""
    runs = runs_frame(
        [{"run_date": first + timedelta(days=7 * i), "duration_min": 20.0, "kind": "continuous"} for i in range(count)]
    )
    return volume.weekly_summary(runs, symptoms_frame([]), birth_date=birth_date)


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


def layer_with(spec: dict, mark: str, **props) -> dict:
    return next(
        n
        for n in walk(spec)
        if isinstance(n.get("mark"), dict)
        and n["mark"]["type"] == mark
        and all(n["mark"].get(k) == v for k, v in props.items())
    )


def dataset(spec: dict, layer: dict) -> list[dict]:
    return (
        spec["datasets"][layer["data"]["name"]]
        if "name" in layer.get("data", {})
        else spec["datasets"][spec["data"]["name"]]
    )


def legends(spec: dict) -> list[dict]:
    """Every legend a view asks for (not the config's defaults)."""
    views = {key: value for key, value in spec.items() if key != "config"}
    return [n["legend"] for n in walk(views) if isinstance(n.get("legend"), dict)]


def font_sizes(spec: dict) -> list[float]:
    """Every text size set anywhere in the spec (config, marks, titles, legends, axes)."""
    keys = ("fontSize", "labelFontSize", "titleFontSize", "subtitleFontSize", "size")
    sizes = []
    for node in walk(spec):
        for key in keys:
            value = node.get(key)
            # "size" is a text size only on text marks (elsewhere it is a symbol's area).
            if isinstance(value, (int, float)) and (key != "size" or node.get("type") == "text"):
                sizes.append(value)
    return sizes


def x_scale_domains(spec: dict) -> list:
    return [n["x"]["scale"]["domain"] for n in walk(spec) if isinstance(n.get("x"), dict) and "scale" in n["x"]]


PHASES = pd.DataFrame(
    {
        "start": [date(2025, 12, 1), date(2026, 1, 1)],
        "end": [date(2026, 1, 1), None],
        "phase": ["Rebuilding", "Return to running"],
    }
)


def every_chart(weekly: pd.DataFrame) -> list:
    table = patterns.pattern_table(patterns.runs_with_outcomes(RUNS, SYMPTOMS), "length_band", "any_symptom")
    return [
        charts.weekly_chart(weekly, phase_periods=PHASES),
        charts.weekly_chart(weekly, compact=True),
        charts.weekly_chart(weekly, symptom_layers=tuple(charts.SYMPTOM_LAYERS)),
        charts.progression_chart(weekly),
        charts.acwr_chart(weekly),
        charts.foundation_chart(weekly),
        charts.patterns_chart(table),
    ]


# ---------------------------------------------------------------- the weekly chart


def test_weekly_chart_stacks_running_days_scores_and_the_zoom_strip(weekly):
    chart = charts.weekly_chart(weekly, phase_periods=PHASES)
    assert isinstance(chart, alt.VConcatChart)
    spec = chart.to_dict()
    json.dumps(spec)  # serialisable as it is (no datetime.date left in the data)
    assert spec["autosize"] == {"type": "fit-x", "contains": "padding", "resize": True}
    assert spec["resolve"]["scale"] == {"x": "independent", "color": "independent", "strokeDash": "independent"}
    running, days, scores, strip = spec["vconcat"]
    assert [p["title"]["text"] for p in spec["vconcat"]] == [
        "Running (min per week)",
        "Symptom days in the week (of 7)",
        "Worst score in the week (0-10)",
        "Drag across to zoom; double-click to reset",
    ]
    # Each panel has its own fixed height and the column's width.
    assert [(p["width"], p["height"]) for p in spec["vconcat"]] == [
        ("container", 180),
        ("container", 80),
        ("container", 80),
        ("container", 36),
    ]
    assert [layer["mark"]["type"] for layer in running["layer"]] == [
        "rect",
        "text",
        "bar",
        "rule",
        "text",
        "text",
        "point",
    ]
    assert [layer["mark"]["type"] for layer in days["layer"]] == ["line", "point"]
    assert strip["mark"]["type"] == "bar"

    brush = params(spec)["brush"]
    assert brush["select"] == {"type": "interval", "encodings": ["x"]}
    assert "value" not in brush  # a short log opens whole
    # Every panel above the strip zooms with the brush; the strip shows all the weeks.
    for panel in (running, days, scores):
        assert {layer["encoding"]["x"]["scale"]["domain"]["param"] for layer in panel["layer"]} == {"brush"}
    assert strip["encoding"]["x"]["scale"]["domain"] == [7.0, 15.0]  # weeks 11-14, shown on 8 weeks
    assert strip["encoding"]["x"]["title"] == "Weeks since birth"
    assert strip["encoding"]["x"]["axis"]["format"] == "d"  # whole weeks, never "13.143000"

    bars = layer_with(spec, "bar")
    assert bars["mark"]["color"] == "#56B4E9"
    assert bars["encoding"]["x"]["field"] == "x_start"
    assert bars["encoding"]["y"]["field"] == "run_minutes"
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


def test_symptoms_sit_on_their_own_scales_days_0_to_7_and_scores_0_to_10(weekly):
    spec = charts.weekly_chart(weekly).to_dict()
    _, days, scores, _ = spec["vconcat"]
    day_lines, score_lines = days["layer"][0], scores["layer"][0]
    assert day_lines["encoding"]["y"]["scale"]["domain"] == [0, 7]
    assert day_lines["encoding"]["y"]["axis"]["values"] == [0, 7]
    assert score_lines["encoding"]["y"]["scale"]["domain"] == [0, 10]
    assert score_lines["encoding"]["y"]["axis"]["values"] == [0, 5, 10]
    assert day_lines["encoding"]["color"]["scale"] == {
        "domain": ["Days with symptoms", "Days with leakage"],
        "range": ["#E69F00", "#CC79A7"],
    }
    assert score_lines["encoding"]["color"]["scale"] == {
        "domain": ["Worst heaviness (0-10)", "Worst pain (0-10)"],
        "range": ["#009E73", "#000000"],
    }
    assert score_lines["encoding"]["strokeDash"]["scale"]["range"] == [[2, 2], [8, 3, 2, 3]]
    assert [t["field"] for t in day_lines["encoding"]["tooltip"]] == [
        "week_label",
        "weeks_since_birth",
        "days_measure",
        "value",
    ]
    assert score_lines["encoding"]["color"]["field"] == "scores_measure"
    for panel, lines in (("days", day_lines), ("scores", score_lines)):
        toggle = params(spec)[f"{panel}_toggle"]
        assert toggle["bind"] == "legend"
        # Each legend toggles its own panel's lines only: Vega-Lite names a legend's marks
        # after its field and a toggle listens for taps on marks of that name, so the two
        # panels name their lines by fields of their own.
        assert toggle["select"]["fields"] == [lines["encoding"]["color"]["field"]] == [f"{panel}_measure"]
        assert toggle["views"] == [lines["name"]]


def test_a_panel_with_one_symptom_is_titled_with_it_and_has_no_legend(weekly):
    spec = charts.weekly_chart(weekly, symptom_layers=("leakage_days",)).to_dict()
    running, days, _ = spec["vconcat"]
    assert days["title"]["text"] == "Days with leakage (of 7)"
    line = days["layer"][0]
    assert "color" not in line["encoding"]
    assert line["mark"]["color"] == "#CC79A7" and line["mark"]["strokeDash"] == [6, 3]
    assert "days_toggle" not in params(spec)


def test_no_symptom_layers_leaves_the_running_panel_and_the_strip(weekly):
    spec = charts.weekly_chart(weekly, symptom_layers=()).to_dict()
    assert [p["title"]["text"] for p in spec["vconcat"]][0] == "Running (min per week)"
    assert len(spec["vconcat"]) == 2


def test_red_flag_weeks_are_explained_in_words_not_only_on_hover(weekly):
    spec = charts.weekly_chart(weekly).to_dict()
    rule = layer_with(spec, "rule")
    assert rule["mark"]["strokeDash"] == [4, 2]
    assert rule["encoding"]["color"]["scale"] == {"domain": ["Red flag raised that week"], "range": ["#D55E00"]}
    assert rule["encoding"]["color"]["legend"]["orient"] == "bottom"
    assert dataset(spec, rule) == [
        {"x_mid": 13.5, "week_label": "Mon 5 Jan 2026", "flag": "Red flag raised that week", "side": "right"}
    ]
    halo, words = (n for n in walk(spec) if isinstance(n.get("mark"), dict) and n["mark"].get("text") == "Red flag")
    assert halo["mark"]["color"] == "white" and words["mark"]["color"] == "#D55E00"
    assert words["mark"]["align"] == {"expr": "datum.side"}


def test_red_flag_label_sits_on_the_side_with_more_room():
    # 9 weeks from week 11: the axis runs 11 to 20, its middle is 15.5, the middle of week 15.
    weekly = weeks_of_running(9)
    for week, side in ((14, "left"), (15, "left"), (16, "right")):
        flagged = weekly.assign(red_flag=weekly["weeks_since_birth"] == week)
        rule = layer_with(spec := charts.weekly_chart(flagged).to_dict(), "rule")
        assert [(r["x_mid"], r["side"]) for r in dataset(spec, rule)] == [(week + 0.5, side)]


def test_no_red_flag_means_no_rule_and_no_legend_entry():
    spec = charts.weekly_chart(weeks_of_running(3)).to_dict()
    assert "rule" not in marks(spec)
    assert "Red flag raised that week" not in json.dumps(spec)


def test_every_legend_sits_under_its_plot_one_entry_per_line(weekly):
    for chart in every_chart(weekly):
        spec = chart.to_dict()
        for legend in legends(spec):
            assert legend["orient"] == "bottom"
            assert legend["direction"] == "vertical"  # a row of entries would be wider than a phone


def test_every_text_is_at_least_12_px(weekly):
    for chart in every_chart(weekly) + [charts.weekly_chart(weekly.iloc[0:0])]:
        spec = chart.to_dict()
        assert min(font_sizes(spec)) >= 12
        config = spec["config"]
        assert config["axis"]["labelFontSize"] == 12 and config["axis"]["titleFontSize"] == 12
        assert config["legend"]["labelFontSize"] == 12
        assert config["title"]["fontSize"] == 14 and config["title"]["subtitleFontSize"] == 12


def test_every_chart_fills_its_column_width(weekly):
    for chart in every_chart(weekly):
        spec = chart.to_dict()
        assert spec["autosize"] == {"type": "fit-x", "contains": "padding", "resize": True}
        views = spec.get("vconcat", [spec])
        assert {view["width"] for view in views} == {"container"}
        assert all(isinstance(view["height"], int) or "step" in view["height"] for view in views)


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
    day_lines = spec["vconcat"][1]["layer"][0]
    long = dataset(spec, day_lines)
    assert len(long) == 4 * 2
    assert long[0] == {
        "x_mid": 11.5,
        "week_label": "Mon 22 Dec 2025",
        "weeks_since_birth": 11,
        "value": 1,
        "days_measure": "Days with symptoms",
    }


# ---------------------------------------------------------------- one week, short logs


def test_one_week_is_drawn_on_eight_weeks_so_its_bar_is_narrow():
    spec = charts.weekly_chart(weeks_of_running(1), compact=True).to_dict()
    assert set(map(json.dumps, x_scale_domains(spec))) == {"[4.0, 12.0]"}  # week 11 in weeks 4 to 12
    spec = charts.weekly_chart(weeks_of_running(1)).to_dict()
    extents = [layer for panel in spec["vconcat"][:-1] for layer in panel["layer"] if layer["mark"].get("opacity") == 0]
    assert len(extents) == 3  # running, days and scores: with an empty brush they show these weeks
    assert dataset(spec, extents[0]) == [{"x_start": 4.0}, {"x_start": 12.0}]
    assert spec["vconcat"][-1]["encoding"]["x"]["scale"]["domain"] == [4.0, 12.0]


@pytest.mark.parametrize(
    ("weeks", "domain"),
    [(7, [10.0, 18.0]), (8, [11.0, 19.0]), (9, [11.0, 20.0])],  # widened to 8 weeks at 7, never at 8 or 9
)
def test_short_logs_are_widened_to_exactly_eight_weeks(weeks, domain):
    df, x_type, _ = base.prepare(weeks_of_running(weeks), "km")
    assert base.x_domain(df, x_type) == domain


def test_widening_stops_at_the_birth_and_goes_on_after_the_last_week():
    df, x_type, _ = base.prepare(weeks_of_running(1, first=date(2025, 10, 20)), "km")  # week 2
    assert base.x_domain(df, x_type) == [0.0, 8.0]
    df, x_type, _ = base.prepare(weeks_of_running(1, first=date(2025, 9, 29)), "km")  # the week before: -1
    assert base.x_domain(df, x_type) == [-1.0, 7.0]


def test_one_week_without_a_birth_date_is_drawn_on_eight_calendar_weeks():
    spec = charts.weekly_chart(weeks_of_running(1, birth_date=None), compact=True).to_dict()
    domain = x_scale_domains(spec)[0]
    assert domain == [{"year": 2025, "month": 11, "date": 3}, {"year": 2025, "month": 12, "date": 29}]
    assert layer_with(spec, "bar")["encoding"]["x"]["axis"]["format"] == "%-d %b"


# ---------------------------------------------------------------- variants


def test_compact_is_running_and_days_with_symptoms_without_a_brush(weekly):
    chart = charts.weekly_chart(weekly, compact=True)
    spec = chart.to_dict()
    assert "brush" not in params(spec)
    running, days = spec["vconcat"]
    assert (running["height"], days["height"]) == (120, 56)
    assert days["title"]["text"] == "Days with symptoms (of 7)"
    assert days["layer"][0]["encoding"]["x"]["title"] == "Weeks since birth"  # named under the lowest panel
    assert running["layer"][0]["encoding"]["x"]["title"] is None
    assert marks(spec) == ["bar", "rule", "text", "text", "line"]


def test_compact_keeps_the_layers_asked_for(weekly):
    spec = charts.weekly_chart(weekly, compact=True, symptom_layers=("worst_pain_0_10",)).to_dict()
    assert [p["title"]["text"] for p in spec["vconcat"]] == ["Running (min per week)", "Worst pain (0-10)"]


def test_phase_bands_are_clipped_to_the_weeks_shown_and_named_where_the_name_fits(weekly):
    spec = charts.weekly_chart(weekly, phase_periods=PHASES).to_dict()
    rect = layer_with(spec, "rect")
    assert [(r["phase"], r["x_start"], r["x_end"], r["period"]) for r in dataset(spec, rect)] == [
        ("Rebuilding", 11.0, pytest.approx(87 / 7), "22 Dec 2025 to 31 Dec 2025"),
        ("Return to running", pytest.approx(87 / 7), 15.0, "1 Jan 2026 to 18 Jan 2026"),
    ]
    # Weeks 7 to 15 on ~300 px: Rebuilding's 1.4 weeks are ~54 px, under its 76 px name;
    # the 2.6 weeks after are ~96 px, under 17 characters (125 px): neither is written.
    assert dataset(spec, layer_with(spec, "text", align="left")) == []
    # 12 weeks (11 to 23): "Return to running" from week 9 spans all of them.
    long_phase = PHASES.assign(start=[date(2025, 11, 10), date(2025, 12, 8)], end=[date(2025, 12, 8), None])
    spec = charts.weekly_chart(weeks_of_running(12), phase_periods=long_phase).to_dict()
    names = dataset(spec, layer_with(spec, "text", align="left"))
    assert [r["phase"] for r in names] == ["Return to running"]


def test_distance_in_miles_and_unknown_birth_date():
    weekly = volume.weekly_summary(RUNS, SYMPTOMS, birth_date=None)
    spec = charts.weekly_chart(weekly, measure="distance", units="mi").to_dict()
    bars = layer_with(spec, "bar")
    assert bars["encoding"]["y"]["field"] == "run_distance"
    assert spec["vconcat"][0]["title"]["text"] == "Running (mi per week)"
    assert bars["encoding"]["x"]["type"] == "temporal"
    assert spec["vconcat"][-1]["encoding"]["x"]["title"] == "Week"
    assert "weeks_since_birth" not in [t["field"] for t in bars["encoding"]["tooltip"]]
    rows = dataset(spec, bars)
    assert [round(r["run_distance"], 4) for r in rows] == [1.8641, 1.2427, 0.0, 3.1069]
    assert rows[0]["x_start"] == "2025-12-22T00:00:00"


def test_long_log_opens_zoomed_to_the_last_26_weeks():
    weekly = weeks_of_running(60, birth_date=date(2023, 12, 4), first=date(2024, 1, 1))
    brush = params(charts.weekly_chart(weekly).to_dict())["brush"]
    assert brush["value"] == {"x": [38.0, 64.0]}  # weeks since birth 4..63: the last 26 weeks
    undated = weeks_of_running(60, birth_date=None, first=date(2024, 1, 1))
    brush = params(charts.weekly_chart(undated).to_dict())["brush"]
    assert brush["value"]["x"][0] == {"year": 2024, "month": 8, "date": 26}


@pytest.mark.parametrize(("weeks", "zoomed"), [(52, False), (53, True)])
def test_the_zoom_starts_after_52_weeks(weeks, zoomed):
    brush = params(charts.weekly_chart(weeks_of_running(weeks)).to_dict())["brush"]
    assert ("value" in brush) is zoomed


def test_empty_weekly_gives_a_message_chart():
    history = models.History()
    weekly = volume.weekly_summary(history.runs, history.symptoms, birth_date=BIRTH)
    for build in (charts.weekly_chart, charts.progression_chart, charts.acwr_chart, charts.foundation_chart):
        spec = build(weekly).to_dict()
        assert marks(spec) == ["text"]
        assert spec["height"] == 60 and spec["width"] == "container"
    assert "No runs logged yet" in json.dumps(charts.weekly_chart(weekly).to_dict())


def test_bad_arguments_are_refused(weekly):
    with pytest.raises(ValueError, match="measure must be"):
        charts.weekly_chart(weekly, measure="steps")
    with pytest.raises(ValueError, match="unknown symptom layers"):
        charts.weekly_chart(weekly, symptom_layers=("mood",))


# ---------------------------------------------------------------- the other charts


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
    assert bars["encoding"]["y"]["axis"]["format"] == "+d"
    rule = layer_with(spec, "rule")
    assert dataset(spec, rule) == [{"limit": 10.0}]


def test_acwr_chart_is_labelled_information_only(weekly):
    spec = charts.acwr_chart(weekly).to_dict()
    assert spec["title"]["text"] == ["Acute:chronic workload ratio", "(information only)"]
    assert spec["title"]["subtitle"] == ["A contested measure; not used to", "judge your running."]
    assert "color" not in spec["encoding"]  # no safe/unsafe zones


def test_foundation_chart_counts_whole_sessions(weekly):
    spec = charts.foundation_chart(weekly).to_dict()
    assert spec["encoding"]["color"]["scale"]["domain"] == ["Pelvic floor", "Strength"]
    assert spec["encoding"]["y"]["axis"]["format"] == "d"
    assert spec["encoding"]["y"]["scale"]["domain"] == [0, 1]
    assert spec["encoding"]["x"]["axis"]["format"] == "d"
    rows = dataset(spec, spec)
    assert [(r["week_label"], r["activity"], r["sessions"]) for r in rows][:2] == [
        ("Mon 22 Dec 2025", "Pelvic floor", 1),
        ("Mon 29 Dec 2025", "Pelvic floor", 0),
    ]


@pytest.mark.parametrize("birth_known", [True, False])
def test_foundation_chart_from_only_the_columns_it_draws_is_the_same_chart(weekly, birth_known):
    """Trends passes foundation_rows(weekly) so that a saved run (new minutes, distance, a red
    flag) leaves its input, and its cached spec, as they were."""
    from return_to_run.charts.secondary import foundation_rows

    if not birth_known:
        weekly = weekly.assign(weeks_since_birth=None, days_since_birth=None)
    rows = foundation_rows(weekly)
    assert list(rows.columns) == [
        "week_start",
        "weeks_since_birth",
        "days_since_birth",
        "pelvic_floor_sessions",
        "strength_sessions",
    ]
    assert charts.foundation_chart(rows).to_dict() == charts.foundation_chart(weekly).to_dict()
    more_running = weekly.assign(run_minutes=weekly["run_minutes"] + 30, run_distance_km=5.0, red_flag=True)
    pd.testing.assert_frame_equal(foundation_rows(more_running), rows)


def test_foundation_chart_without_sessions_says_so_instead_of_an_axis_of_zeros():
    # Issue 14: weeks of running and no session drew axis labels "0.000000" and "13.143000".
    spec = charts.foundation_chart(weeks_of_running(2)).to_dict()
    assert marks(spec) == ["text"]
    assert dataset(spec, spec) == [{"text": "No sessions logged yet"}]


def test_patterns_chart_writes_counts_above_each_bar():
    outcomes = patterns.runs_with_outcomes(RUNS, SYMPTOMS)
    spec = charts.patterns_chart(patterns.pattern_table(outcomes, "length_band", "any_symptom")).to_dict()
    text = layer_with(spec, "text")
    assert [r["note"] for r in dataset(spec, text)] == [
        "0 of 1 (too few runs)",
        "1 of 2 (too few runs)",
        "0 of 1 (too few runs)",
    ]
    assert text["encoding"]["y"]["axis"] is None  # names written above the bars, not beside them
    assert spec["height"] == {"step": 48}


def test_symptom_layer_names_read_as_labels_and_every_layer_has_a_style():
    assert charts.SYMPTOM_LAYERS["worst_heaviness_0_10"] == "Worst heaviness (0-10)"
    assert set(charts.SYMPTOM_STYLES) == set(charts.SYMPTOM_LAYERS)
    assert set(charts.DEFAULT_SYMPTOM_LAYERS) <= set(charts.SYMPTOM_LAYERS)
    assert {colour for colour, _ in charts.SYMPTOM_STYLES.values()} <= set(charts.OKABE_ITO.values())
    assert set(charts.SYMPTOM_LAYERS) <= set(volume.WEEKLY_COLUMNS)


# ---- charts.specs: the weekly chart's spec from a skeleton, equal to Altair's


def ten_years_weekly(*, birth_date: date | None = BIRTH, seed: int = 16) -> pd.DataFrame:
    """Ten years of varied weeks: runs of random length most days, symptoms now and then,
    and red flags in a few weeks."""
    import random

    rng = random.Random(seed)
    first = date(2016, 1, 4)
    runs, symptoms, flags = [], [], []
    for day in range(0, 3640, 2):
        when = first + timedelta(days=day)
        runs.append({"run_date": when, "duration_min": float(rng.randint(5, 60)), "kind": "continuous"})
        if rng.random() < 0.2:
            symptoms.append({"symptom_date": when, "heaviness_0_10": rng.randint(1, 8), "leakage": "drops"})
    for n, day in enumerate((400, 1700, 3000), start=1):
        flags.append(
            {"id": n, "flag_code": "bleeding", "flagged_date": first + timedelta(days=day), "resolved_note": ""}
        )
    red_flags = pd.DataFrame(flags, columns=list(models.RED_FLAG_COLUMNS))
    return volume.weekly_summary(runs_frame(runs), symptoms_frame(symptoms), birth_date=birth_date, red_flags=red_flags)


def one_more_run(weekly: pd.DataFrame, minutes: float = 20.0) -> pd.DataFrame:
    """`weekly` after a save: the last week's running and symptom days changed."""
    changed = weekly.copy()
    last = changed.index[-1]
    changed.loc[last, "run_minutes"] += minutes
    changed.loc[last, "symptom_days"] = min(7, changed.loc[last, "symptom_days"] + 1)
    return changed


SPEC_OPTIONS = (
    {},
    {"compact": True},
    {"phase_periods": PHASES},
    {"measure": "distance", "units": "mi", "symptom_layers": ("leakage_days",)},
    {"symptom_layers": ("symptom_days", "leakage_days", "worst_pain_0_10")},
    {"compact": True, "symptom_layers": ("symptom_days", "leakage_days")},
)


@pytest.mark.parametrize("options", SPEC_OPTIONS)
@pytest.mark.parametrize(
    "make",
    [
        lambda: weeks_of_running(0),
        lambda: weeks_of_running(1),
        lambda: weeks_of_running(1, birth_date=None),
        lambda: volume.weekly_summary(RUNS, SYMPTOMS, birth_date=BIRTH, red_flags=RED_FLAGS, foundation=FOUNDATION),
        lambda: ten_years_weekly(),
        lambda: ten_years_weekly(birth_date=None),
        lambda: ten_years_weekly().iloc[-60:],
    ],
    ids=[
        "empty",
        "one week",
        "one calendar week",
        "four weeks with red flags",
        "ten years",
        "ten calendar years",
        "60 weeks",
    ],
)
def test_weekly_spec_equals_altairs_spec_first_and_after_a_save(make, options):
    from return_to_run.charts import specs

    specs._SKELETONS.clear()
    weekly = make()
    first = specs.weekly_spec(weekly, **options)  # builds (and keeps) the skeleton
    assert first == charts.weekly_chart(weekly, **options).to_dict()
    assert len(specs._SKELETONS) == 1  # the skeleton was kept: the next call swaps the rows in
    if weekly.empty:
        assert specs.weekly_spec(weekly, **options) == first
        return
    saved = one_more_run(weekly)
    fast = specs.weekly_spec(saved, **options)  # from the skeleton: only the rows swapped
    assert fast == charts.weekly_chart(saved, **options).to_dict()
    assert fast != first


def test_weekly_spec_reuses_one_skeleton_per_structure_and_gives_a_new_dict_each_time():
    from return_to_run.charts import specs

    specs._SKELETONS.clear()
    weekly = ten_years_weekly()
    first = specs.weekly_spec(weekly, phase_periods=PHASES)
    assert len(specs._SKELETONS) == 1
    first["vconcat"][0]["height"] = 1  # a caller changing its spec changes no other
    first["datasets"].clear()
    again = specs.weekly_spec(one_more_run(weekly, 5.0), phase_periods=PHASES)
    assert len(specs._SKELETONS) == 1
    assert again == charts.weekly_chart(one_more_run(weekly, 5.0), phase_periods=PHASES).to_dict()
    # Another structure (no birth date: calendar weeks) gets its own skeleton.
    specs.weekly_spec(ten_years_weekly(birth_date=None), phase_periods=PHASES)
    assert len(specs._SKELETONS) == 2


def test_legend_toggles_act_on_named_views_so_a_save_keeps_the_skeleton():
    """A panel's legend toggle acts on views named after the panel, not on Altair's hash of
    their rows (a DataFrame repr per view, and a name that changed with every save), so the
    skeleton is kept and filled, in the full chart and the compact one."""
    from return_to_run.charts import specs

    weekly = ten_years_weekly()
    for options in ({}, {"compact": True, "symptom_layers": ("symptom_days", "leakage_days")}):
        specs._SKELETONS.clear()
        spec = specs.weekly_spec(weekly, **options)
        toggles = {p["name"]: p["views"] for p in spec["params"] if p["name"].endswith("_toggle")}
        assert toggles["days_toggle"] == ["days_lines_1"]
        assert "view_" not in json.dumps(spec)
        assert len(specs._SKELETONS) == 1
        saved = one_more_run(weekly)
        saved.loc[saved.index[-1], "leakage_days"] = 3  # the toggled lines' rows change
        assert specs.weekly_spec(saved, **options) == charts.weekly_chart(saved, **options).to_dict()


def test_spec_of_the_other_builders_is_their_altair_spec(weekly):
    from return_to_run.charts import specs

    for builder in ("progression_chart", "acwr_chart", "foundation_chart"):
        assert specs.spec(builder, weekly) == getattr(charts, builder)(weekly).to_dict()


@pytest.mark.parametrize(
    "make",
    [
        lambda: weeks_of_running(0),
        lambda: weeks_of_running(1),
        lambda: weeks_of_running(3, birth_date=None),
        lambda: volume.weekly_summary(RUNS, SYMPTOMS, birth_date=BIRTH, red_flags=RED_FLAGS, foundation=FOUNDATION),
        lambda: ten_years_weekly(),
        lambda: ten_years_weekly(birth_date=None).iloc[-53:],
    ],
    ids=["empty", "one week", "three calendar weeks", "four weeks", "ten years", "a calendar year"],
)
def test_progression_spec_equals_altairs_spec_first_and_after_a_save(make):
    from return_to_run.charts import specs

    specs._SKELETONS.clear()
    weekly = make()
    assert specs.spec("progression_chart", weekly) == charts.progression_chart(weekly).to_dict()
    if weekly.empty:
        return
    assert len(specs._SKELETONS) == 1
    saved = one_more_run(weekly)
    saved.loc[saved.index[-1], "change_pct"] = 55.0
    saved.loc[saved.index[-1], "over_10pct"] = True
    assert specs.spec("progression_chart", saved) == charts.progression_chart(saved).to_dict()


def test_chart_rows_are_written_as_altairs_data_transformer_writes_them():
    """specs.values (the fast path the skeletons fill datasets with) equals Altair's own
    default data transformer, for every column type a chart frame can hold."""
    frame = pd.DataFrame(
        {
            "count": pd.Series([1, 2, 3], dtype="int64"),
            "minutes": [12.5, float("nan"), float("inf")],
            "flag": [True, False, True],
            "week_start": [date(2026, 3, 2), None, date(2026, 3, 16)],
            "label": pd.Series(["a", None, "<b>"], dtype="str"),
            "mixed": pd.Series([pd.NA, 4, 5.5], dtype=object).map(lambda v: v if v is not pd.NA else float("nan")),
            "nullable": pd.Series([1, None, 3], dtype="Int64"),
            "numpy_in_object": pd.Series([np.int64(7), "x", np.float64(1.5)], dtype=object),
        }
    )
    from return_to_run.charts import specs

    expected = alt.data_transformers.get()(frame)["values"]
    assert specs.values(frame) == expected
    assert specs.values(frame)[1] == {
        "count": 2,
        "minutes": None,
        "flag": False,
        "week_start": None,
        "label": None,
        "mixed": 4,
        "nullable": None,
        "numpy_in_object": "x",
    }
    assert type(specs.values(frame)[0]["numpy_in_object"]) is int
    stamped = pd.DataFrame({"day": pd.to_datetime(["2026-03-02", None])})  # through Altair itself
    assert (
        specs.values(stamped)
        == alt.data_transformers.get()(stamped)["values"]
        == [
            {"day": "2026-03-02T00:00:00"},
            {"day": ""},
        ]
    )
    assert specs.values(frame.iloc[0:0]) == []


def test_patterns_spec_equals_altairs_spec_first_and_after_a_save():
    """The patterns chart from a skeleton per list of groups: equal to Altair's spec when it is
    built, after runs are added (new counts, a group with enough runs now), for another
    grouping and symptom, and for a table with no runs (a text chart)."""
    from return_to_run.charts import specs

    specs._SKELETONS.clear()
    outcomes = patterns.runs_with_outcomes(RUNS, SYMPTOMS)
    for grouping, symptom in (("length_band", "any_symptom"), ("length_band", "any_symptom"), ("kind", "leakage")):
        table = patterns.pattern_table(outcomes, grouping, symptom)
        assert specs.spec("patterns_chart", table) == charts.patterns_chart(table).to_dict()
    assert len(specs._SKELETONS) == 2  # one per list of groups
    more = patterns.pattern_table(pd.concat([outcomes] * 3, ignore_index=True), "length_band", "any_symptom")
    assert more["enough_data"].any() and not more.equals(patterns.pattern_table(outcomes, "length_band", "any_symptom"))
    assert specs.spec("patterns_chart", more) == charts.patterns_chart(more).to_dict()
    empty = patterns.pattern_table(outcomes.iloc[0:0], "length_band", "any_symptom")
    assert specs.spec("patterns_chart", empty) == charts.patterns_chart(empty).to_dict()


@pytest.mark.parametrize("birth_known", [True, False])
def test_symptom_rows_long_form_equals_pandas_melt(weekly, birth_known):
    """layers.long builds the panels' rows without melt: the same frame as melt + map, for
    both axis kinds (weeks since birth, calendar weeks), one column, several, and no weeks."""
    from return_to_run.charts import layers
    from return_to_run.charts.base import prepare

    if not birth_known:
        weekly = weekly.assign(weeks_since_birth=None, days_since_birth=None)
    df, _, _ = prepare(weekly, "km")
    keep = ["x_mid", "week_label", "weeks_since_birth"]
    for columns in (("symptom_days",), ("symptom_days", "leakage_days"), tuple(charts.SYMPTOM_LAYERS)):
        for rows in (df, df.iloc[0:0]):
            melted = rows[keep + list(columns)].melt(id_vars=keep, var_name="column", value_name="value")
            melted["days_measure"] = melted["column"].map(charts.SYMPTOM_LAYERS)
            # No rows: pandas leaves an empty column of text as object, not str (no rows either way).
            got, want = layers.long(rows, columns, "days_measure").frame, melted.drop(columns="column")
            pd.testing.assert_frame_equal(got, want, check_dtype=len(rows) > 0)


def test_rows_are_written_as_their_dataframe_is():
    """specs.values reads Rows (the weekly chart's row sets) from their columns: the same rows
    as Altair's data transformer writes for their DataFrame, for each kind of column they
    hold (numbers with NaN and infinity, bools, text with None, only None), and calendar
    days through the DataFrame."""
    from return_to_run.charts import specs
    from return_to_run.charts.base import Rows

    rows = Rows(
        {
            "count": np.array([1, 2, 3]),
            "minutes": np.array([12.5, float("nan"), float("inf")]),
            "flag": np.array([True, False, True]),
            "label": np.array(["a", None, "<b>"], dtype=object),
            "weeks_since_birth": np.full(3, None, dtype=object),
        }
    )
    expected = alt.data_transformers.get()(rows.frame)["values"]
    assert specs.values(rows) == expected
    assert expected[1] == {"count": 2, "minutes": None, "flag": False, "label": None, "weeks_since_birth": None}
    days = Rows({"x_start": pd.DatetimeIndex(["2026-03-02", "2026-03-09"]).to_numpy()})
    assert (
        specs.values(days)
        == alt.data_transformers.get()(days.frame)["values"]
        == [
            {"x_start": "2026-03-02T00:00:00"},
            {"x_start": "2026-03-09T00:00:00"},
        ]
    )
    assert specs.values(rows.take(np.zeros(3, dtype=bool))) == []
