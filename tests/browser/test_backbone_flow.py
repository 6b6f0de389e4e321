"""The main flows in a real browser against a freshly started `streamlit run` server."""

from __future__ import annotations

import sqlite3

import pytest
from playwright.sync_api import expect

from .helpers import choose_radio, click_button, fill_number, go_to, open_page, save_profile, wait_idle

pytestmark = pytest.mark.browser


def test_deep_link_on_a_fresh_server_gets_the_real_page(server, page):
    # The first request to a new server is a deep link, as when a browser restores a tab.
    open_page(page, f"{server.url}/trends")
    expect(page.get_by_role("heading", name="Trends")).to_be_visible()
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.get_by_role("link", name="Log a run")).to_be_visible()
    expect(sidebar.get_by_text("log_run")).to_have_count(0)  # not Streamlit's file-name menu
    assert "Trends · Return to Run" in page.title()
    assert server.db_path.exists()  # app set-up ran: the database was created


def test_profile_run_checkin_and_chart_with_no_request_off_localhost(server, page):
    open_page(page, server.url)
    expect(page.get_by_text("Two first steps")).to_be_visible()
    save_profile(page, server.url)

    go_to(page, "Log a run")
    choose_radio(page, "Continuous run")
    fill_number(page, "Duration (min)", "22")
    fill_number(page, "Distance (km), optional", "3.5")
    click_button(page, "Save run")
    expect(page.get_by_text("Run saved. How did your body feel?")).to_be_visible()
    click_button(page, "✅ No symptoms")
    expect(
        page.get_by_text("Saved. Symptom-free: noted. It counts towards your 14 days free of pelvic floor symptoms.")
    ).to_be_visible()

    with sqlite3.connect(server.db_path) as conn:
        assert conn.execute("SELECT duration_min, distance_km, kind FROM runs").fetchall() == [
            (22.0, 3.5, "continuous")
        ]
        assert conn.execute("SELECT leakage, run_id IS NOT NULL FROM symptoms").fetchall() == [("none", 1)]

    go_to(page, "Trends")
    expect(page.locator('[data-testid="stVegaLiteChart"]').first).to_be_visible()
    go_to(page, "Where am I")
    expect(page.get_by_text("Your last 12 weeks")).to_be_visible()
    expect(page.locator('[data-testid="stVegaLiteChart"]').first).to_be_visible()
    wait_idle(page)
    assert page.requests.off_localhost() == set()


def test_user_html_is_shown_as_text(server, page):
    save_profile(page, server.url)
    go_to(page, "Log a run")
    fill_number(page, "Duration (min)", "20")
    probe = "<img src=x onerror=\"document.title='pwned'\">"
    page.get_by_label("Notes (optional)").fill(probe)
    page.get_by_label("Notes (optional)").blur()
    wait_idle(page)
    click_button(page, "Save run")
    click_button(page, "Later")
    grid = page.locator('[data-testid="stDataFrame"]').first
    expect(grid).to_be_visible()
    assert page.title() != "pwned"
    assert page.locator("img[src='x']").count() == 0
