"""The Your data page's doors, live in Chromium with every request logged (issue 13 items 1
and 5): text from a restore file or an import file's name is shown as the characters it is,
and the browser fetches nothing off this machine; while the example data is open, import and
restore write nowhere, even when the click comes from a window drawn before the switch."""

from __future__ import annotations

import json
from datetime import date

import pytest
from playwright.sync_api import expect

from return_to_run import services, storage

from .conftest import TODAY
from .helpers import click_button, open_page, wait_idle

pytestmark = pytest.mark.browser

IMAGE_MARKUP = "![t](http://203.0.113.5/p.png)"
PROFILE = {
    "birth_date": "2026-07-01",
    "birth_type": "vaginal",
    "perineal_tear": "first_second",
    "feeding": "breastfeeding",
    "leaked_before_or_during_pregnancy": False,
    "running_background": "recreational",
    "previous_running_injury": False,
    "units": "km",
}


def _with_profile(path) -> None:
    db = storage.open_db(path)
    try:
        services.save_profile(db, PROFILE, today=date.fromisoformat(TODAY))
    finally:
        db.close()


def _runs_in(path) -> int:
    db = storage.open_db(path)
    try:
        return len(storage.list_runs(db))
    finally:
        db.close()


def _example_mode_on(db_path):
    """What another window's "Explore with example data" leaves: the switch on in her database
    and an example database beside it (here with only a profile)."""
    example_path = storage.example_db_path(db_path)
    _with_profile(example_path)
    db = storage.open_db(db_path)
    try:
        services.set_setting(db, "example_mode", "on")
    finally:
        db.close()
    return example_path


def _backup(**run_extra) -> bytes:
    run = {
        "id": 1,
        "run_date": "2026-11-20",
        "duration_min": 30.0,
        "kind": "continuous",
        "notes": "an easy one",
        "source": "manual",
        "created_at": "2026-11-20T08:00:00",
        **run_extra,
    }
    return json.dumps({"format": "return-to-run-backup", "tables": {"runs": [run]}}).encode()


def _uploader(page, label: str):
    return page.locator('[data-testid="stFileUploader"]').filter(has_text=label).locator('input[type="file"]')


def _open_tab(page, name: str) -> None:
    page.get_by_role("tab", name=name).click()
    wait_idle(page)


def test_text_from_a_restore_file_and_an_import_file_name_is_shown_literally_and_fetches_nothing(server, page):
    _with_profile(server.db_path)
    open_page(page, f"{server.url}/data")

    # An import file whose name is image Markdown.
    _uploader(page, "File to import").set_input_files(
        {"name": f"{IMAGE_MARKUP}.gpx", "mimeType": "application/gpx+xml", "buffer": b"<gpx>not really</gpx>"}
    )
    wait_idle(page)
    shown = page.locator('[data-testid="stAlertContentError"]')
    expect(shown).to_have_count(1)
    name_shown = shown.inner_text()

    # A restore whose run has a column named with image Markdown.
    _open_tab(page, "Export and restore")
    _uploader(page, "Export zip").set_input_files(
        {"name": "backup.json", "mimeType": "application/json", "buffer": _backup(**{IMAGE_MARKUP: 1})}
    )
    wait_idle(page)
    click_button(page, "Restore")
    refusals = page.locator('[data-testid="stAlertContentError"]')
    expect(refusals).to_have_count(2)  # the import's, in its (hidden) tab, and the restore's
    # Both show the characters as they are in the file (the browser keeps the name whole), with
    # an invisible word joiner before the ':' that keeps the address from becoming a link.
    assert IMAGE_MARKUP in name_shown.replace("\u2060", "")
    assert IMAGE_MARKUP in refusals.nth(1).inner_text().replace("\u2060", "")
    assert page.locator("img[src*='203.0.113.5']").count() == 0
    assert page.locator("a[href*='203.0.113.5']").count() == 0
    assert _runs_in(server.db_path) == 0
    assert page.requests.off_localhost() == set()


def test_import_and_restore_write_nowhere_while_the_example_data_is_open(server, page):
    _with_profile(server.db_path)
    open_page(page, f"{server.url}/data")
    # Drawn before the switch: a backup picked and ready to restore.
    _open_tab(page, "Export and restore")
    _uploader(page, "Export zip").set_input_files(
        {"name": "backup.json", "mimeType": "application/json", "buffer": _backup()}
    )
    wait_idle(page)
    expect(page.get_by_text("This backup holds: 1 run.")).to_be_visible()

    example_path = _example_mode_on(server.db_path)  # another window opens the example data
    click_button(page, "Restore")
    # (the page now opens on its first tab, below the example data banner)
    expect(
        page.get_by_text("You are exploring the example data. Restoring always goes into your own log")
    ).to_have_count(1)
    expect(page.get_by_text("Restored:")).to_have_count(0)
    assert _runs_in(example_path) == 0 and _runs_in(server.db_path) == 0

    # A fresh visit: both doors closed, with the reason.
    open_page(page, f"{server.url}/data")
    expect(
        page.get_by_text("You are exploring the example data. Importing always goes into your own log")
    ).to_be_visible()
    assert _uploader(page, "File to import").count() == 0
    _open_tab(page, "Export and restore")
    assert _uploader(page, "Export zip").count() == 0
    assert _runs_in(example_path) == 0 and _runs_in(server.db_path) == 0
    assert page.requests.off_localhost() == set()
