"""Shared fixtures: a real SQLite file per test, and AppTest pointed at it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from return_to_run import storage

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 25)
BIRTH_DATE = date(2026, 7, 1)  # 21 weeks before TODAY

PROFILE = {
    "birth_date": BIRTH_DATE,
    "birth_type": "vaginal",
    "perineal_tear": "first_second",
    "feeding": "breastfeeding",
    "leaked_before_or_during_pregnancy": False,
    "running_background": "recreational",
    "previous_running_injury": False,
    "units": "km",
}


@pytest.fixture
def db_file(tmp_path, monkeypatch) -> Path:
    """A fresh database file, also what the app opens (via RETURN_TO_RUN_DB) and today's date fixed."""
    path = tmp_path / "data" / "test.db"
    monkeypatch.setenv(storage.DB_ENV_VAR, str(path))
    monkeypatch.setenv("RETURN_TO_RUN_TODAY", TODAY.isoformat())
    return path


@pytest.fixture
def db(db_file):
    database = storage.open_db(db_file)
    yield database
    database.close()


@pytest.fixture
def db_with_profile(db):
    storage.save_profile(db, PROFILE, today=TODAY)
    return db


def app_test(page: str) -> AppTest:
    """An AppTest of `page` (a path relative to the repo, e.g. 'pages/log_run.py').

    The app is entered through app.py and switched to the page, as Streamlit does for a
    multipage app, so that links between pages resolve as they do in the browser.
    """
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    if page != "app.py":
        at.switch_page(page)
    return at
