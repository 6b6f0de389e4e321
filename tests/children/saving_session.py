"""One browser-tab-like session saving runs as fast as it can; prints what went wrong as JSON.

    python -m tests.children.saving_session SESSION_NUMBER SAVES

Each process runs log_run.py under its own AppTest, as two tabs of one server are two
sessions; AppTests in threads of one process would share Streamlit's global state.
"""

from __future__ import annotations

import json
import sys

from tests.helpers import app_test


def fill_and_save_run(at, minutes: float = 25.0, notes: str = ""):
    """Fill the Log a run form with a continuous run and press Save. After a save the page
    offers the run's check-in in the form's place: "Later" brings the form back."""
    if any(button.key == "checkin_later" for button in at.button):
        at.button(key="checkin_later").click().run()
    at.radio(key="run_kind").set_value("continuous")
    at.number_input(key="run_duration").set_value(minutes)
    at.text_area(key="run_notes").set_value(notes)
    at.button(key="save_run").click().run()
    return at


def main(argv: list[str]) -> None:
    session, saves = int(argv[0]), int(argv[1])
    problems = []
    at = app_test("pages/log_run.py").run()
    for number in range(saves):
        try:
            fill_and_save_run(at, minutes=float(10 + number), notes=f"session {session} save {number}")
        except Exception as error:  # noqa: BLE001 - a crash is what the test looks for: report it, go on
            problems.append([number, repr(error), [e.value for e in at.error] + [str(e.value) for e in at.exception]])
            break
        shown = [e.value for e in at.error] + [str(e.value) for e in at.exception]
        if shown:
            problems.append([number, shown])
    print(json.dumps(problems))


if __name__ == "__main__":
    main(sys.argv[1:])
