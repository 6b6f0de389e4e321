"""Phone mode's page gate under AppTest: without the key no page shows anything of hers, and
the page stops before her database is opened; the right key lets the session in; a new key
locks out the old link and sessions let in with it."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from return_to_run import phone_access, services, storage
from return_to_run.ui import access

from .conftest import PROFILE, TODAY, app_test

PAGES = [
    "app.py",
    "pages/log_run.py",
    "pages/symptoms.py",
    "pages/trends.py",
    "pages/data.py",
    "pages/profile.py",
    "pages/red_flags.py",
    "pages/readiness.py",
    "pages/foundation.py",
    "pages/learn.py",
]
SHELL_WIRED = "access.gate()" in (Path(storage.__file__).parent.parent / "ui" / "shell.py").read_text("utf-8")


def _gate_script():
    """A page that shows 'her data' only past the gate."""
    import streamlit as st

    from return_to_run.ui import access

    access.gate()
    st.write("SECRET-DATA")


@pytest.fixture
def key_file(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "data" / phone_access.KEY_FILE_NAME
    monkeypatch.setenv(phone_access.PHONE_ENV_VAR, str(path))
    monkeypatch.setattr(access, "THROTTLE", phone_access.Throttle())
    return path


def _text(at: AppTest) -> str:
    parts = [el.value for kind in ("markdown", "title", "warning") for el in at.get(kind) if hasattr(el, "value")]
    return "\n".join(str(p) for p in parts)


def _run(at: AppTest, key: str | None = None) -> AppTest:
    if key is not None:
        at.query_params[phone_access.QUERY_PARAM] = key
    return at.run()


def test_outside_phone_mode_the_gate_lets_everyone_in(monkeypatch):
    monkeypatch.delenv(phone_access.PHONE_ENV_VAR, raising=False)
    at = _run(AppTest.from_function(_gate_script))
    assert "SECRET-DATA" in _text(at)


def test_without_the_key_only_how_to_get_in_is_shown(key_file):
    phone_access.new_key(key_file)
    at = _run(AppTest.from_function(_gate_script))
    assert not at.exception
    assert "SECRET-DATA" not in _text(at)
    assert "only with its link" in _text(at)


def test_the_right_key_lets_the_session_in_and_leaves_the_address(key_file):
    key = phone_access.new_key(key_file)
    at = _run(AppTest.from_function(_gate_script), key)
    assert "SECRET-DATA" in _text(at)
    assert phone_access.QUERY_PARAM not in at.query_params
    at.run()  # the next rerun needs no key
    assert "SECRET-DATA" in _text(at)


def test_a_wrong_key_is_refused_and_removed_from_the_address(key_file):
    key = phone_access.new_key(key_file)
    at = _run(AppTest.from_function(_gate_script), key[:-2] + "xx")
    assert "SECRET-DATA" not in _text(at)
    assert "not the current one" in _text(at)
    assert phone_access.QUERY_PARAM not in at.query_params
    assert access.THROTTLE.failures == 1


def test_a_new_key_refuses_the_old_link_and_sends_open_sessions_back(key_file):
    old = phone_access.new_key(key_file)
    let_in = _run(AppTest.from_function(_gate_script), old)
    assert "SECRET-DATA" in _text(let_in)
    phone_access.new_key(key_file)
    let_in.run()
    assert "SECRET-DATA" not in _text(let_in)
    with_old_link = _run(AppTest.from_function(_gate_script), old)
    assert "SECRET-DATA" not in _text(with_old_link)


def test_without_a_key_file_nobody_gets_in(key_file):
    at = _run(AppTest.from_function(_gate_script), "anything")
    assert "SECRET-DATA" not in _text(at)
    assert "no key yet" in _text(at)


# --- the whole app ----------------------------------------------------------------------------

needs_shell = pytest.mark.skipif(not SHELL_WIRED, reason="ui/shell.py does not call access.gate() yet")


@needs_shell
@pytest.mark.parametrize("page", PAGES)
def test_no_page_shows_her_data_or_opens_the_database_without_the_key(db_file, key_file, page):
    db = storage.open_db(db_file)
    services.save_profile(db, PROFILE, today=TODAY)
    db.close()
    size_before = db_file.stat().st_size
    phone_access.new_key(key_file)
    at = app_test(page).run()
    assert not at.exception
    text = _text(at)
    assert "only with its link" in text
    assert "weeks" not in text.lower()  # nothing about her (weeks since birth, phase, plan)
    assert len(at.get("button")) == 0 and len(at.get("text_input")) == 0
    assert db_file.stat().st_size == size_before


@needs_shell
def test_the_right_key_opens_home(db_file, key_file):
    key = phone_access.new_key(key_file)
    at = app_test("app.py")
    at.query_params[phone_access.QUERY_PARAM] = key
    at.run()
    assert not at.exception
    assert "only with its link" not in _text(at)
    assert phone_access.QUERY_PARAM not in at.query_params
