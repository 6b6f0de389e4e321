"""Browser flows for guidance, lessons, imports and trends."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .helpers import choose_radio, click_button, go_to, open_page, save_profile, wait_idle

pytestmark = pytest.mark.browser
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"

# The brush and the x domains of the Trends chart, read from its Vega view. Streamlit keeps
# the view in a React ref of the chart element (no global): walk the element's React fiber
# to the hook whose ref holds an object with Vega's View methods. Null until it is drawn.
CHART_STATE = """(() => {
    const chart = document.querySelector('[data-testid="stVegaLiteChart"]');
    const isView = (v) => v && typeof v.signal === "function" && typeof v.scale === "function";
    for (const node of chart ? [chart, ...chart.querySelectorAll("*")] : []) {
        const key = Object.keys(node).find((k) => k.startsWith("__reactFiber$"));
        for (let fiber = key && node[key]; fiber; fiber = fiber.return) {
            for (let hook = fiber.memoizedState; hook && typeof hook === "object" && "next" in hook; hook = hook.next) {
                const ref = hook.memoizedState;
                if (ref && typeof ref === "object" && "current" in ref && isView(ref.current)) {
                    const view = ref.current;
                    return {
                        brush: view.signal("brush"),
                        detail: view.scale("concat_0_x").domain(),
                        strip: view.scale("zoom_strip_x").domain(),
                    };
                }
            }
        }
    }
    return null;
})()"""


def test_red_flag_entered_in_the_ui_replaces_the_training_suggestion(server, page):
    save_profile(page, server.url, birth_date="2026-01-05")  # 46 weeks: past the calendar gates
    go_to(page, "Where am I")
    expect(page.get_by_role("heading", name="Not yet: 7 tests to pass")).to_be_visible()
    expect(page.get_by_role("button", name="✅ Readiness tests")).to_be_visible()
    expect(page.get_by_text("Paused: a red flag is open")).to_have_count(0)

    go_to(page, "Red flags")
    page.get_by_text("A red, swollen, painful or warm calf or leg", exact=False).first.click()
    wait_idle(page)
    click_button(page, "Save check-in")
    go_to(page, "Where am I")
    expect(page.get_by_role("heading", name="Paused: a red flag is open")).to_be_visible()
    expect(page.get_by_text("Contact your midwife or GP today if you have:")).to_be_visible()
    expect(page.get_by_role("button", name="🚩 What to do")).to_be_visible()
    expect(page.get_by_role("button", name="👟 Log a run")).to_have_count(0)
    expect(page.get_by_text("To unlock", exact=False)).to_have_count(0)


def test_a_lesson_opens_from_a_symptom_entry(server, page):
    save_profile(page, server.url)
    go_to(page, "Log symptoms")
    choose_radio(page, "A few drops")
    click_button(page, "Save symptoms")
    # One sentence on what it means next, and the one lesson that explains it.
    expect(page.get_by_text("Saved. Noted: running waits until you are free of symptoms", exact=False)).to_be_visible()
    expect(page.get_by_text("Read why:")).to_be_visible()
    page.get_by_role("link", name="pelvic floor", exact=False).first.click()
    wait_idle(page)
    expect(page.get_by_text("Sources (", exact=False)).to_be_visible()
    assert "lesson=" in page.url


def test_strava_csv_uploaded_through_the_real_page(server, page):
    save_profile(page, server.url)
    go_to(page, "Your data")
    page.locator('input[type="file"]').first.set_input_files(str(FIXTURES / "strava_activities_en.csv"))
    wait_idle(page)
    expect(page.get_by_role("button", name="Import 5 activities")).to_be_visible()
    click_button(page, "Import 5 activities")
    expect(page.get_by_text("Imported 5 activities from strava_activities_en.csv.")).to_be_visible()
    with sqlite3.connect(server.db_path) as conn:
        assert conn.execute(
            "SELECT count(*), min(run_date), max(run_date) FROM runs WHERE source = 'strava'"
        ).fetchone() == (5, "2020-10-07", "2020-10-14")


def test_brushing_the_overview_zooms_the_detail(server, page):
    open_page(page, server.url)
    click_button(page, "🧪 Explore with example data")
    expect(page.get_by_text("You are exploring example data", exact=False)).to_be_visible()
    go_to(page, "Trends")
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    expect(chart).to_be_visible()
    # Before: no brush, and the detail (top panel) shows every week, like the strip.
    page.wait_for_function(f"() => {{ const s = {CHART_STATE}; return s && s.strip.length === 2; }}")
    before = page.evaluate(f"() => {CHART_STATE}")
    assert before["brush"] == {}
    assert before["detail"] == before["strip"]
    canvas = chart.locator("canvas, svg").first
    box = canvas.bounding_box()
    # The overview strip is the lower part of the chart: drag across part of it.
    y = box["y"] + box["height"] * 0.9
    page.mouse.move(box["x"] + box["width"] * 0.3, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.5, y, steps=8)
    page.mouse.up()
    page.wait_for_function(f"() => Object.keys({CHART_STATE}.brush).length > 0")
    after = page.evaluate(f"() => {CHART_STATE}")
    (weeks,) = after["brush"].values()  # {"x_start": [from, to]}: the weeks under the brush
    low, high = weeks
    assert before["strip"][0] < low < high < before["strip"][1]
    # The detail panels zoom to the brushed weeks; the strip keeps showing them all.
    assert after["detail"] == weeks
    assert after["strip"] == before["strip"]
