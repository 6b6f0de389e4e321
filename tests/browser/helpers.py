"""Small verbs for driving Streamlit widgets in Playwright."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def wait_idle(page: Page) -> None:
    """Wait until Streamlit has finished the current script run."""
    page.wait_for_timeout(300)
    expect(page.locator('[data-testid="stStatusWidget"]')).to_have_count(0, timeout=20_000)


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    page.locator('[data-testid="stSidebar"]').wait_for(state="attached")
    wait_idle(page)


def set_date(page: Page, label: str, iso_date: str) -> None:
    """st.date_input is three spinbuttons (year, month, day), not a text box."""
    year, month, day = iso_date.split("-")
    for part, value in (("year", year), ("month", month), ("day", day)):
        spin = page.get_by_role("spinbutton", name=f"{part}, {label}")
        spin.click()
        spin.press_sequentially(value)
    page.keyboard.press("Tab")
    wait_idle(page)


def fill_number(page: Page, label: str, value: str) -> None:
    box = page.get_by_label(label, exact=True)
    box.fill(value)
    box.press("Enter")
    wait_idle(page)


def choose_radio(page: Page, option: str) -> None:
    page.get_by_text(option, exact=True).click()
    wait_idle(page)


def click_button(page: Page, name: str) -> None:
    page.get_by_role("button", name=name).click()
    wait_idle(page)


def go_to(page: Page, menu_label: str) -> None:
    page.locator('[data-testid="stSidebar"]').get_by_role("link", name=menu_label).click()
    wait_idle(page)


def choose_option(page: Page, label: str, option: str) -> None:
    """Pick `option` in the st.selectbox labelled `label`."""
    page.get_by_label(label).click()
    page.get_by_role("option", name=option, exact=True).click()
    wait_idle(page)


def save_profile(page: Page, server_url: str, birth_date: str = "2026-07-01") -> None:
    """Fill the profile's required answers (none is pre-chosen) and save."""
    open_page(page, f"{server_url}/profile")
    set_date(page, "Date of birth of your baby", birth_date)
    choose_option(page, "How was your baby born?", "Vaginal birth")
    page.get_by_role("radiogroup", name="Feeding").get_by_text("Breastfeeding", exact=True).click()
    page.get_by_role("radiogroup", name="Running before pregnancy").get_by_text("Recreational runner", exact=True).click()
    click_button(page, "Save profile")
    expect(page.get_by_text("Profile saved.")).to_be_visible()
