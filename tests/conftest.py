"""Shared fixtures: a real SQLite file per test, which the app under AppTest opens too.

The constants and the AppTest factory live in tests/helpers.py; they are imported here as
well, for the test modules that still import them from conftest."""

from __future__ import annotations

from pathlib import Path

import pytest

from return_to_run import services, storage

from .helpers import BIRTH_DATE, PROFILE, ROOT, TODAY, app_test

__all__ = ["BIRTH_DATE", "PROFILE", "ROOT", "TODAY", "app_test"]


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
    services.save_profile(db, PROFILE, today=TODAY)
    return db
