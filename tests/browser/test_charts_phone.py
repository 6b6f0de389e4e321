"""The charts drawn by Streamlit in Debian's Chromium at phone and small-window widths
(issue 14: at 390-430 px and in a 900 px window with the sidebar, the Trends chart
collapsed to a sliver). A minimal page (tests/browser/chart_page.py) draws each chart the
way the app does, with the SVG renderer so the drawn marks can be measured: the test
reads the boxes of the bars themselves, not of the canvas around them."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from return_to_run.charts.layers import SYMPTOM_LAYERS, SYMPTOM_STYLES

ROOT = Path(__file__).resolve().parents[2]
PAGE_SCRIPT = Path(__file__).with_name("chart_page.py")
PHONE = {"width": 390, "height": 844}
SMALL_WINDOW = {"width": 900, "height": 800}

# Boxes (px, relative to the chart element) of the marks in one SVG group, with the
# chart element's own width and the font size of every text drawn in the chart.
MEASURE = """([group]) => {
    const chart = document.querySelector('[data-testid="stVegaLiteChart"]');
    const column = chart.getBoundingClientRect();
    const svg = chart.querySelector('svg');
    const boxes = [...chart.querySelectorAll(group)].map((el) => {
        const box = el.getBoundingClientRect();
        return {left: box.left - column.left, right: box.right - column.left, width: box.width, height: box.height};
    });
    const texts = [...svg.querySelectorAll('text')]
        .filter((t) => t.textContent.trim())
        .map((t) => ({text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize)}));
    return {column: column.width, svg: svg.getBoundingClientRect().width, boxes, texts};
}"""
BARS = 'g.mark-rect[class*="running"] path'


@pytest.fixture(scope="module")
def chart_server(tmp_path_factory):
    """`streamlit run tests/browser/chart_page.py` on a free loopback port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log_path = tmp_path_factory.mktemp("chart_server") / "server.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(PAGE_SCRIPT),
                "--server.address",
                "127.0.0.1",
                "--server.port",
                str(port),
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"streamlit did not start: {log_path.read_text()[-2000:]}") from None
            time.sleep(0.2)
    yield url
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture
def open_chart(browser, chart_server):
    contexts = []

    def open_at(viewport: dict, query: str) -> tuple[Page, dict]:
        context = browser.new_context(viewport=viewport)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.goto(f"{chart_server}/?{query}")
        # The first run imports pandas and altair: slow on a busy machine.
        expect(page.get_by_text("Under the chart")).to_be_visible(timeout=30_000)
        chart = page.locator('[data-testid="stVegaLiteChart"]')
        expect(chart.locator("svg text").first).to_be_attached()
        # Vega draws after Streamlit has sized the element, and may draw again once the
        # element has its final width: wait until the marks are laid out and the drawing
        # is as wide as it will be (the svg's width equal across two animation frames).
        page.wait_for_function(
            """() => new Promise((resolve) => {
                const chart = document.querySelector('[data-testid="stVegaLiteChart"]');
                const g = chart && chart.querySelector('svg g.role-mark');
                if (!g || g.getBoundingClientRect().width === 0) return resolve(false);
                const width = () => chart.querySelector('svg').getBoundingClientRect().width;
                const first = width();
                requestAnimationFrame(() => requestAnimationFrame(() => resolve(width() === first)));
            })"""
        )
        return page, page.evaluate(MEASURE, [BARS])

    yield open_at
    for context in contexts:
        context.close()


def span(boxes: list[dict]) -> float:
    return max(b["right"] for b in boxes) - min(b["left"] for b in boxes)


@pytest.mark.parametrize(
    "viewport",
    [PHONE, {"width": 412, "height": 915}, {"width": 430, "height": 932}, SMALL_WINDOW],
    ids=lambda v: f"{v['width']}px",
)
def test_trends_chart_draws_its_bars_across_the_column(open_chart, viewport, tmp_path):
    page, drawn = open_chart(viewport, "chart=weekly&weeks=12")
    bars = [b for b in drawn["boxes"] if b["width"] > 0]
    assert len(bars) == 12
    # The bars (not the canvas around them) span most of the column: the y axis labels
    # take about 40 px on the left.
    assert span(bars) >= 0.8 * drawn["column"]
    assert max(b["height"] for b in bars) >= 150  # the 180 px panel, not a 60 px sliver
    assert drawn["svg"] <= drawn["column"] + 1  # nothing wider than the column
    texts = drawn["texts"]
    assert min(t["px"] for t in texts) >= 12
    words = {t["text"] for t in texts}
    # Red-flag week explained in words on the chart and under it, without hovering.
    assert {"Red flag", "Red flag raised that week", "Days with symptoms", "Worst pain (0-10)"} <= words
    if viewport is PHONE:
        # Kept for a person to look at (pytest's tmp_path): the chart as a phone shows it.
        page.locator('[data-testid="stVegaLiteChart"]').screenshot(path=str(tmp_path / "trends_chart_390.png"))


def test_one_week_is_one_narrow_bar(open_chart):
    _, drawn = open_chart(PHONE, "chart=weekly&weeks=1")
    bars = [b for b in drawn["boxes"] if b["width"] > 0]
    assert len(bars) == 1
    # Drawn on 8 weeks: about an eighth of the plot, not the whole of it.
    assert 20 <= bars[0]["width"] <= 0.2 * drawn["column"]


@pytest.mark.parametrize("viewport", [PHONE, SMALL_WINDOW], ids=lambda v: f"{v['width']}px")
def test_home_chart_draws_its_bars_across_the_column(open_chart, viewport):
    _, drawn = open_chart(viewport, "chart=compact&weeks=12")
    bars = [b for b in drawn["boxes"] if b["width"] > 0]
    assert len(bars) == 12
    assert span(bars) >= 0.8 * drawn["column"]
    assert max(b["height"] for b in bars) >= 100
    assert min(t["px"] for t in drawn["texts"]) >= 12


@pytest.mark.parametrize("chart", ["progression", "foundation", "acwr", "patterns"])
def test_the_other_trends_charts_fill_a_phone_column_with_readable_text(open_chart, chart):
    page, drawn = open_chart(PHONE, f"chart={chart}&weeks=12")
    # The plot is as wide as its grid (the ratio's line starts only once there are weeks
    # enough to compare, so its marks alone would not say).
    grids = page.evaluate(MEASURE, ["g.role-axis-grid"])["boxes"]
    assert max(grid["width"] for grid in grids) >= 0.8 * drawn["column"]
    marks = page.evaluate(MEASURE, ["g.role-mark > path, g.role-mark > text"])["boxes"]
    assert [m for m in marks if m["width"] > 0]
    assert drawn["svg"] <= drawn["column"] + 1
    assert min(t["px"] for t in drawn["texts"]) >= 12


def test_foundation_chart_without_sessions_says_so(open_chart):
    # Issue 14: weeks of running without a session drew axis labels "0.000000" and "13.143000".
    _, drawn = open_chart(PHONE, "chart=foundation&weeks=3&sessions=0")
    assert [t["text"] for t in drawn["texts"]] == ["No sessions logged yet"]


def test_dragging_across_the_strip_zooms_the_panels_above(open_chart):
    page, drawn = open_chart(PHONE, "chart=weekly&weeks=12")
    before = [b for b in drawn["boxes"] if b["width"] > 0]
    strip = page.locator('[data-testid="stVegaLiteChart"] g[class*="zoom_strip_marks"]')
    strip.scroll_into_view_if_needed()  # the strip is below the fold of an 844 px phone
    box = strip.bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.5, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.9, y, steps=8)
    page.mouse.up()
    page.wait_for_function(
        """([group, width]) => {
            const bars = [...document.querySelectorAll('[data-testid="stVegaLiteChart"] ' + group)];
            return bars.some((bar) => bar.getBoundingClientRect().width > width);
        }""",
        arg=[BARS, 2 * before[0]["width"]],
    )
    after = [b for b in page.evaluate(MEASURE, [BARS])["boxes"] if b["width"] > 0]
    # Fewer weeks in the column, each drawn more than twice as wide (bars outside the
    # zoom are clipped, but their boxes are still reported outside the column).
    assert max(b["width"] for b in after) > 2 * before[0]["width"]
    in_column = [b for b in after if b["right"] > 0 and b["left"] < drawn["column"]]
    assert 3 <= len(in_column) < len(before)


# Each symptom panel's lines as drawn: their stroke colour and opacity (Vega's SVG renderer
# writes the opacity the legend toggle's condition gives each line).
LINES = """() => Object.fromEntries(['days', 'scores'].map((panel) => [panel,
    [...document.querySelectorAll(`[data-testid="stVegaLiteChart"] g.mark-line[class*="${panel}_lines"] path`)]
        .map((line) => [line.getAttribute('stroke'), parseFloat(line.getAttribute('opacity') ?? '1')])]))"""


@pytest.mark.parametrize(
    ("clicked", "label", "other"),
    [("scores", "Worst pain (0-10)", "days"), ("days", "Days with leakage", "scores")],
    ids=["scores legend", "days legend"],
)
def test_a_panels_legend_toggles_only_its_own_lines(open_chart, clicked, label, other):
    """Tapping an entry of one symptom panel's legend dims that panel's other lines and
    leaves the other panel's lines as they were: both legends toggle the symptom's name, and
    a toggle acting on both panels dimmed every line of the other one (no name of its own
    matched)."""
    colours = {SYMPTOM_LAYERS[c]: SYMPTOM_STYLES[c][0] for c in SYMPTOM_LAYERS}
    page, _ = open_chart(PHONE, "chart=weekly&weeks=12")
    before = page.evaluate(LINES)
    assert len(before["days"]) == len(before["scores"]) == 2  # the default layers, two a panel
    assert all(opacity == 1 for lines in before.values() for _, opacity in lines)
    entry = page.locator('[data-testid="stVegaLiteChart"] g.role-legend-label text', has_text=label)
    assert entry.count() == 1  # a label of the clicked panel's legend only
    entry.scroll_into_view_if_needed()
    entry.click()
    page.wait_for_function(f"() => ({LINES})()[{clicked!r}].some(([, opacity]) => opacity < 1)")
    after = page.evaluate(LINES)
    # The tapped symptom stays, the panel's other line is dimmed.
    assert {colour: opacity < 1 for colour, opacity in after[clicked]} == {
        colour: colour != colours[label] for colour, _ in before[clicked]
    }
    # The other panel draws all its lines as before.
    assert after[other] == before[other]
