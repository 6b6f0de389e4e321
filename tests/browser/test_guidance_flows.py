"""Browser flows for guidance, lessons, imports and trends."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .helpers import choose_radio, click_button, go_to, open_page, save_profile, wait_idle

pytestmark = pytest.mark.browser
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"


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
    page.wait_for_timeout(1500)
    canvas = chart.locator("canvas, svg").first
    box = canvas.bounding_box()
    detail = {"x": box["x"], "y": box["y"], "width": box["width"], "height": box["height"] * 0.55}
    before = page.screenshot(clip=detail)
    # The overview strip is the lower part of the chart: drag across part of it.
    y = box["y"] + box["height"] * 0.9
    page.mouse.move(box["x"] + box["width"] * 0.3, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.5, y, steps=8)
    page.mouse.up()
    page.wait_for_timeout(800)
    after = page.screenshot(clip=detail)
    assert before != after  # the detail view (upper part, away from the brush) followed it
