"""The guided pelvic floor session: its schedule (pure) and the Foundation page's timer
under AppTest, with the clock replaced so no test waits."""

from __future__ import annotations

import pytest

from return_to_run import storage
from return_to_run.ui import guided

from .helpers import TODAY, app_test, no_errors

# 10 holds of 10 s, 9 rests of 10 s, 10 s to get ready, 10 squeezes of 1 s + 2 s.
TOTAL_S = 100 + 90 + 10 + 30  # 230 s


def test_the_session_takes_under_four_minutes():
    assert guided.total_seconds() == TOTAL_S == 230


@pytest.mark.parametrize(
    ("elapsed", "expected"),
    [
        (0, ("hold", "Slow hold 1 of 10", 10)),
        (9.5, ("hold", "Slow hold 1 of 10", 1)),
        (10, ("rest", "Slow hold 1 of 10", 10)),
        (20, ("hold", "Slow hold 2 of 10", 10)),
        (189.9, ("hold", "Slow hold 10 of 10", 1)),
        (190, ("settle", "Quick squeeze 1 of 10", 10)),
        (200, ("squeeze", "Quick squeeze 1 of 10", 1)),
        (201, ("let_go", "Quick squeeze 1 of 10", 2)),
        (229, ("let_go", "Quick squeeze 10 of 10", 1)),
    ],
)
def test_step_at_each_boundary(elapsed, expected):
    step = guided.step_at(elapsed)
    assert (step.kind, step.heading, step.seconds_left) == expected


def test_after_the_last_second_the_session_is_over():
    assert guided.step_at(TOTAL_S - 0.01) is not None
    assert guided.step_at(TOTAL_S) is None


@pytest.mark.parametrize(
    ("elapsed", "done"),
    [
        (0, (0, 0)),
        (9.9, (0, 0)),
        (10, (1, 0)),
        (30, (2, 0)),
        (190, (10, 0)),
        (200, (10, 0)),
        (201, (10, 1)),
        (230, (10, 10)),
    ],
)
def test_a_hold_counts_once_its_time_is_up(elapsed, done):
    assert guided.done_by(elapsed) == done


def test_note_and_minutes():
    assert guided.session_note(3, 0) == "Guided: 3 of 10 slow holds (10 s), 0 of 10 quick squeezes."
    assert guided.minutes_for(45) == 0.8
    assert guided.minutes_for(10_000) == 3.8


# ---------------------------------------------------------------- on the page


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(guided, "clock", fake)
    return fake


def test_start_count_down_finish_and_logged(db_with_profile, clock):
    at = app_test("pages/foundation.py").run()
    at.radio(key="guided_position").set_value("pelvic_floor_sitting")
    at.button(key="guided_start").click().run()
    no_errors(at)
    assert "## Squeeze and hold · 10" in [m.value for m in at.main.markdown]
    clock.now += 13
    at.run()
    assert "## Let go and rest · 7" in [m.value for m in at.main.markdown]
    assert storage.list_foundation(db_with_profile).empty  # nothing logged while it runs
    clock.now += TOTAL_S
    at.run()
    no_errors(at)
    sessions = storage.list_foundation(db_with_profile)
    assert sessions[["session_date", "activity", "duration_min", "notes"]].to_dict("records") == [
        {
            "session_date": TODAY,
            "activity": "pelvic_floor",
            "duration_min": 3.8,
            "notes": "Guided: 10 of 10 slow holds (10 s), 10 of 10 quick squeezes. Sitting.",
        }
    ]
    assert at.success[0].value.startswith("Well done: session finished and logged")
    assert at.button(key="guided_start").label == "▶ Start the session"  # ready for the next one


def test_stop_logs_what_she_did(db_with_profile, clock):
    at = app_test("pages/foundation.py").run()
    at.button(key="guided_start").click().run()
    clock.now += 45  # two holds done, in the third
    at.button(key="guided_stop").click().run()
    no_errors(at)
    sessions = storage.list_foundation(db_with_profile)
    assert sessions[["duration_min", "notes"]].to_dict("records") == [
        {"duration_min": 0.8, "notes": "Guided: 2 of 10 slow holds (10 s), 0 of 10 quick squeezes. Lying down."}
    ]


def test_stop_before_the_first_hold_logs_nothing_and_cancel_never_logs(db_with_profile, clock):
    at = app_test("pages/foundation.py").run()
    at.button(key="guided_start").click().run()
    clock.now += 5
    at.button(key="guided_stop").click().run()
    assert at.success[0].value == "Stopped before the first hold was done: nothing logged."
    at.button(key="guided_start").click().run()
    clock.now += 100
    at.button(key="guided_cancel").click().run()
    no_errors(at)
    assert storage.list_foundation(db_with_profile).empty


def test_the_position_drawing_has_its_title(db_with_profile):
    at = app_test("pages/foundation.py").run()
    [svg] = [h.proto.body for h in at.main.get("html")]
    assert '<title id="title-pelvic_floor_lying">Pelvic floor exercise lying down</title>' in svg
    assert "Pelvic floor exercise lying down" in [c.value for c in at.main.caption]
