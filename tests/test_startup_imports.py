"""What a page imports before its first paint (issue 16, cold start).

Each check runs the page in a fresh Python process (AppTest, as tests/helpers.app_test does)
and reads sys.modules afterwards: a module imported by an earlier test in this process would
otherwise hide an import. These are behaviour checks, not timings: a heavy import moved back
onto a page's first paint makes them fail whatever the machine's speed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from return_to_run import services, storage

from .helpers import PROFILE, ROOT, TODAY

WATCHED = (
    "altair",
    "fpdf",
    "return_to_run.charts.base",
    "return_to_run.example",
    "return_to_run.guidance",
    "return_to_run.importers",
    "return_to_run.report",
)

RUN_PAGE = """
import json, sys
from streamlit.testing.v1 import AppTest
at = AppTest.from_file(sys.argv[1] + "/app.py", default_timeout=60)
if sys.argv[2] != "app.py":
    at.switch_page(sys.argv[2])
at.run()
print(json.dumps({
    "exception": [e.value for e in at.exception],
    "text": [m.value for m in at.markdown] + [m.value for m in at.info],
    "imported": [name for name in json.loads(sys.argv[3]) if name in sys.modules],
}))
"""


def run_page(page: str, db_file) -> dict:
    env = {"RETURN_TO_RUN_DB": str(db_file), "RETURN_TO_RUN_TODAY": TODAY.isoformat()}
    done = subprocess.run(
        [sys.executable, "-c", RUN_PAGE, str(ROOT), page, json.dumps(WATCHED)],
        cwd=ROOT,
        env={**{k: v for k, v in os.environ.items() if not k.startswith("RETURN_TO_RUN_")}, **env},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_new_users_home_page_imports_no_chart_report_importer_or_engine(tmp_path):
    result = run_page("app.py", tmp_path / "new.db")
    assert result["exception"] == []
    assert "#### Two first steps" in result["text"]  # the new user's first screen was drawn
    assert result["imported"] == []


def _profile_only(path) -> None:
    """A database with her profile and nothing logged."""
    db = storage.open_db(path)
    try:
        services.save_profile(db, PROFILE, today=TODAY)
    finally:
        db.close()


def test_trends_with_nothing_logged_does_not_import_altair(tmp_path):
    _profile_only(tmp_path / "profile_only.db")
    result = run_page("pages/trends.py", tmp_path / "profile_only.db")
    assert result["exception"] == []
    assert any(text.startswith("Nothing to show yet.") for text in result["text"])
    assert "altair" not in result["imported"]
    assert "return_to_run.charts.base" not in result["imported"]


def test_the_data_page_imports_the_file_parsers_only_once_a_file_is_chosen(tmp_path):
    _profile_only(tmp_path / "data_page.db")
    result = run_page("pages/data.py", tmp_path / "data_page.db")
    assert result["exception"] == []
    assert "return_to_run.importers" not in result["imported"]
    assert "fpdf" not in result["imported"]
