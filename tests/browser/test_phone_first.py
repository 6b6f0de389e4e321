"""The daily loop on a 390 x 844 phone: quick links, a run plus its check-in in three taps, a
symptom entry in three, the guided pelvic floor session, and every main screen readable
without sideways scrolling. Waits on content with `expect`, never on a clock."""

from __future__ import annotations

import os
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from return_to_run import models, services, storage
from tests.helpers import PROFILE, TODAY

from .helpers import open_page, wait_idle

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
QUICK_LINKS = ["Home", "Log a run", "Symptoms", "Trends"]
# Set to a folder to keep the screenshots (they go to the test's tmp_path otherwise).
SHOTS_ENV_VAR = "RETURN_TO_RUN_SHOTS"


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.set_default_timeout(20_000)
    yield tab
    context.close()


@pytest.fixture
def with_profile(server):
    db = storage.open_db(server.db_path)
    try:
        services.save_profile(db, PROFILE, today=TODAY)
    finally:
        db.close()
    return server


class Taps:
    """Counts her taps: every click in a test goes through here."""

    def __init__(self, page) -> None:
        self.page, self.count = page, 0

    def tap(self, locator) -> None:
        locator.click()
        self.count += 1
        wait_idle(self.page)


def no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def shot(page, tmp_path: Path, name: str) -> None:
    folder = Path(os.environ.get(SHOTS_ENV_VAR) or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def rows(server, sql: str) -> list[tuple]:
    with sqlite3.connect(server.db_path) as conn:
        return conn.execute(sql).fetchall()


def test_quick_links_on_every_page_and_a_labelled_menu(with_profile, phone):
    open_page(phone, with_profile.url)
    quick = phone.locator(".st-key-quick_nav")
    for label in QUICK_LINKS:
        expect(quick.get_by_role("link", name=label)).to_be_visible()
    # The sidebar starts folded away on a phone; its button says "Menu" in words.
    menu = phone.get_by_role("button", name="Expand sidebar")
    expect(menu).to_be_visible()
    assert menu.evaluate("button => getComputedStyle(button, '::after').content") == '"Menu"'
    expect(menu).to_match_aria_snapshot('- button "Expand sidebar": Menu')
    sidebar = phone.locator('[data-testid="stSidebar"]')
    expect(sidebar).to_have_attribute("data-collapsed", "true")
    # Open the menu, pick a page: the menu folds away again and the page is in view.
    menu.click()
    expect(sidebar).to_have_attribute("data-collapsed", "false")
    sidebar.get_by_role("link", name="Learn").click()
    wait_idle(phone)
    expect(phone.get_by_role("heading", name="Learn").first).to_be_visible()
    expect(sidebar).to_have_attribute("data-collapsed", "true")
    phone.locator(".st-key-quick_nav").get_by_role("link", name="Trends").click()
    wait_idle(phone)
    expect(phone.get_by_role("heading", name="Trends")).to_be_visible()
    expect(phone.locator(".st-key-quick_nav").get_by_role("link", name="Home")).to_be_visible()
    no_sideways_scroll(phone)


def test_the_quick_links_hide_where_the_sidebar_shows(with_profile, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    tab = context.new_page()
    open_page(tab, with_profile.url)
    expect(tab.locator(".st-key-quick_nav")).to_be_hidden()
    expect(tab.locator('[data-testid="stSidebar"]').get_by_role("link", name="Log a run")).to_be_visible()
    context.close()


@pytest.fixture
def running(with_profile):
    """The profile with all seven load and impact tests passed 2 days ago: home's main
    button is "Log a run" and the form is filled with level 1."""
    db = storage.open_db(with_profile.db_path)
    try:
        services.add_readiness_results(
            db,
            [
                {"test_date": TODAY - timedelta(days=2), "test_code": code, "completed": True, "had_symptoms": False}
                for code in models.LOAD_IMPACT_TESTS
            ],
            today=TODAY,
        )
    finally:
        db.close()
    return with_profile


def test_a_run_and_its_check_in_in_three_taps_from_home(running, phone, tmp_path):
    with_profile = running
    open_page(phone, with_profile.url)
    taps = Taps(phone)
    taps.tap(phone.get_by_role("button", name="👟 Log a run"))
    expect(phone.get_by_role("heading", name="Log a run")).to_be_visible()
    # Walk-run is filled with today's plan: Save is the next tap.
    taps.tap(phone.get_by_role("button", name="Save run"))
    expect(phone.get_by_text("Run saved. How did your body feel?")).to_be_visible()
    # The one-tap answers are on screen where her thumb is, without scrolling back up.
    expect(phone.get_by_role("button", name="💧 A few drops")).to_be_in_viewport()
    expect(phone.get_by_role("button", name="✅ No symptoms")).to_be_in_viewport()
    shot(phone, tmp_path, "390-check-in")
    no_sideways_scroll(phone)
    taps.tap(phone.get_by_role("button", name="💧 A few drops"))
    expect(
        phone.get_by_text("Saved. Repeat level 1 next time; if it comes back, see a pelvic health physiotherapist.")
    ).to_be_visible()
    assert taps.count == 3
    assert rows(with_profile, "SELECT kind, duration_min FROM runs") == [("walk_run", 30.0)]
    assert rows(with_profile, "SELECT leakage, run_id IS NOT NULL FROM symptoms") == [("drops", 1)]


def test_a_symptom_entry_in_three_taps_from_home(with_profile, phone):
    open_page(phone, with_profile.url)
    taps = Taps(phone)
    taps.tap(phone.get_by_role("button", name="📝 Log symptoms"))
    expect(phone.get_by_role("heading", name="Log symptoms")).to_be_visible()
    leakage = phone.get_by_role("radiogroup", name="Leakage of urine")
    taps.tap(leakage.get_by_text("A few drops", exact=True))
    taps.tap(phone.get_by_role("button", name="Save symptoms"))
    expect(phone.get_by_text("Saved. Noted: running waits until you are free of symptoms", exact=False)).to_be_visible()
    assert taps.count == 3  # the issue allows four
    assert rows(with_profile, "SELECT leakage FROM symptoms") == [("drops",)]


def test_guided_session_counts_down_without_blocking_and_logs(with_profile, phone, tmp_path):
    open_page(phone, f"{with_profile.url}/foundation")
    phone.get_by_role("button", name="▶ Start the session").click()
    expect(phone.get_by_text("Slow hold 1 of 10")).to_be_visible()
    expect(phone.get_by_text("Squeeze and hold")).to_be_visible()
    shot(phone, tmp_path, "390-guided")
    no_sideways_scroll(phone)
    # The rest of the page still answers while the timer runs.
    phone.get_by_label("Notes (optional)").fill("typed while counting")
    expect(phone.get_by_label("Notes (optional)")).to_have_value("typed while counting")
    # The first hold ends after ten seconds: wait on the words, not on a clock.
    expect(phone.get_by_text("Let go and rest")).to_be_visible(timeout=20_000)
    phone.get_by_role("button", name="⏹ Stop and log what I did").click()
    expect(phone.get_by_text("Logged what you did")).to_be_visible()
    [(activity, notes)] = rows(with_profile, "SELECT activity, notes FROM foundation_sessions")
    assert activity == "pelvic_floor"
    assert notes.startswith("Guided: 1 of 10 slow holds")


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("", "Return to Run"),
        ("/log_run", "Log a run"),
        ("/symptoms", "Log symptoms"),
        ("/trends", "Trends"),
        ("/learn?lesson=readiness-tests", "Am I ready? The load and strength tests"),
        ("/data", "Your data"),
    ],
    ids=["home", "log_run", "symptoms", "trends", "lesson", "data"],
)
def test_screens_are_readable_at_390_with_example_data(server, phone, tmp_path, path, heading):
    open_page(phone, server.url)
    phone.get_by_role("button", name="Explore with example data").click()
    # Loading six months of logs takes a moment: wait for the banner, not a clock.
    expect(phone.get_by_text("You are exploring example data").first).to_be_visible(timeout=30_000)
    open_page(phone, server.url + path)
    expect(phone.get_by_role("heading", name=heading).first).to_be_visible()
    expect(phone.get_by_text("You are exploring example data").first).to_be_visible()
    no_sideways_scroll(phone)
    shot(phone, tmp_path, f"390-{path.strip('/').split('?')[0] or 'home'}")
