"""The guided pelvic floor session on the Foundation page: 10 slow holds, then 10 quick
squeezes, with a countdown, logged as a foundation session when she finishes or stops.

The dose follows the pelvic floor how-to lesson: NICE NG210 asks for at least 8
contractions 3 times a day, slow holds of up to 10 seconds plus quick squeezes; a rest as
long as the hold lets the muscle fully let go (expert practice, the lesson's [6]).

The session is a schedule in seconds (pure functions below, tested without Streamlit); the
screen only asks "where are we, this many seconds after the start?". The countdown is a
fragment that reruns once a second on its own, so the rest of the app is never blocked and
only the timer redraws. No sound, no network.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import streamlit as st

from .. import models, services
from ..validation import ValidationError
from .learn import drawing
from .shell import Context, flash
from .widgets import show_problems

SLOW_HOLDS = 10
HOLD_S = 10
REST_S = 10
SETTLE_S = 10  # between the two sets: time to get ready for the quick ones
QUICK_SQUEEZES = 10
SQUEEZE_S = 1
LET_GO_S = 2

START_KEY = "guided_started_at"
POSITION_KEY = "guided_position"  # the radio's key
# The position she started in: a widget's value is dropped once it is not drawn, and the
# radio is hidden while the session runs.
CHOSEN_POSITION_KEY = "guided_position_chosen"
POSITION_WORDS = {
    "pelvic_floor_lying": "Lying down",
    "pelvic_floor_sitting": "Sitting",
    "pelvic_floor_standing": "Standing",
    "pelvic_floor_moving": "With movement",
}


def clock() -> float:
    """Seconds on a clock that never goes back (tests replace it)."""
    return time.monotonic()


@dataclass(frozen=True)
class Step:
    """One moment of the session: what to do now and how long it still lasts."""

    kind: str  # "hold", "rest", "settle", "squeeze", "let_go"
    set_name: str  # "slow" or "quick"
    rep: int  # 1-based within its set
    reps: int  # reps in its set
    seconds_left: int

    @property
    def instruction(self) -> str:
        return {
            "hold": "Squeeze and hold",
            "rest": "Let go and rest",
            "settle": "Get ready: quick squeezes next",
            "squeeze": "Quick squeeze",
            "let_go": "Let go",
        }[self.kind]

    @property
    def heading(self) -> str:
        """'Slow hold 3 of 10' / 'Quick squeeze 4 of 10'."""
        name = "Slow hold" if self.set_name == "slow" else "Quick squeeze"
        return f"{name} {self.rep} of {self.reps}"


def schedule() -> list[tuple[str, str, int, int]]:
    """The whole session as (kind, set, rep, seconds) steps, in order."""
    steps = []
    for rep in range(1, SLOW_HOLDS + 1):
        steps.append(("hold", "slow", rep, HOLD_S))
        if rep < SLOW_HOLDS:
            steps.append(("rest", "slow", rep, REST_S))
    steps.append(("settle", "quick", 1, SETTLE_S))
    for rep in range(1, QUICK_SQUEEZES + 1):
        steps.append(("squeeze", "quick", rep, SQUEEZE_S))
        steps.append(("let_go", "quick", rep, LET_GO_S))
    return steps


def total_seconds() -> int:
    """How long the whole session takes: 230 s (under 4 minutes) with the numbers above."""
    return sum(seconds for *_, seconds in schedule())


def step_at(elapsed_s: float) -> Step | None:
    """The step `elapsed_s` seconds after the start, or None once the session is over."""
    if elapsed_s < 0:
        elapsed_s = 0
    start = 0
    for kind, set_name, rep, seconds in schedule():
        if elapsed_s < start + seconds:
            reps = SLOW_HOLDS if set_name == "slow" else QUICK_SQUEEZES
            return Step(kind, set_name, rep, reps, math.ceil(start + seconds - elapsed_s))
        start += seconds
    return None


def done_by(elapsed_s: float) -> tuple[int, int]:
    """(slow holds, quick squeezes) finished `elapsed_s` seconds after the start: a hold
    counts once its full time is up, a squeeze once its squeeze second is."""
    slow = quick = 0
    start = 0
    for kind, _, _, seconds in schedule():
        start += seconds
        if start > elapsed_s:
            break
        if kind == "hold":
            slow += 1
        elif kind == "squeeze":
            quick += 1
    return slow, quick


def session_note(slow: int, quick: int) -> str:
    """The note logged with the session: 'Guided: 10 of 10 slow holds (10 s), 10 of 10
    quick squeezes.'"""
    return f"Guided: {slow} of {SLOW_HOLDS} slow holds ({HOLD_S} s), {quick} of {QUICK_SQUEEZES} quick squeezes."


def minutes_for(elapsed_s: float) -> float:
    """Minutes to log for `elapsed_s` seconds: one decimal, never above the whole session."""
    return round(min(elapsed_s, total_seconds()) / 60, 1)


# ---------------------------------------------------------------- on screen


def guided_session(ctx: Context) -> None:
    """The guided session panel: a position and its drawing, Start; then the countdown."""
    with st.container(border=True, key="guided_panel"):
        st.markdown("#### 🧘 Guided pelvic floor session")
        started = st.session_state.get(START_KEY)
        if started is None:
            _before_start()
            return
        # Only this fragment reruns each second while the session runs.
        st.fragment(run_every=1)(_countdown)(ctx)


def _before_start() -> None:
    st.caption(
        f"{SLOW_HOLDS} slow holds ({HOLD_S} s squeeze, {REST_S} s rest), then {QUICK_SQUEEZES} quick "
        f"squeezes: about {round(total_seconds() / 60)} minutes. Breathe out as you squeeze. "
        "Logged as pelvic floor training when you finish."
    )
    position = st.radio(
        "Where are you doing it?",
        list(POSITION_WORDS),
        format_func=POSITION_WORDS.get,
        horizontal=True,
        key=POSITION_KEY,
    )
    drawing(position, width_px=160)
    if st.button("▶ Start the session", type="primary", width="stretch", key="guided_start"):
        st.session_state[START_KEY] = clock()
        st.session_state[CHOSEN_POSITION_KEY] = position
        st.rerun()


def _countdown(ctx: Context) -> None:
    elapsed = clock() - st.session_state[START_KEY]
    step = step_at(elapsed)
    if step is None:
        _log(ctx, elapsed, finished=True)
        return
    st.markdown(f"**{step.heading}**")
    st.markdown(f"## {step.instruction} · {step.seconds_left}")
    st.progress(min(1.0, elapsed / total_seconds()), text=f"{int(elapsed) // 60}:{int(elapsed) % 60:02d} so far")
    if st.button("⏹ Stop and log what I did", width="stretch", key="guided_stop"):
        _log(ctx, elapsed, finished=False)
    if st.button("Cancel without logging", key="guided_cancel"):
        _end()
        st.rerun()


def _log(ctx: Context, elapsed: float, *, finished: bool) -> None:
    """Log the session through services (pelvic floor training, today) and rerun the page."""
    slow, quick = done_by(elapsed)
    position = st.session_state.get(CHOSEN_POSITION_KEY)
    if slow == 0 and quick == 0:
        _end()
        flash("Stopped before the first hold was done: nothing logged.", icon="⏹")
        st.rerun()
    note = session_note(slow, quick)
    if position in POSITION_WORDS:
        note += f" {POSITION_WORDS[position]}."
    raw = {"session_date": ctx.today, "activity": "pelvic_floor", "duration_min": minutes_for(elapsed), "notes": note}
    try:
        services.add_foundation_session(ctx.db, raw, today=ctx.today)
    except ValidationError as error:
        show_problems(error)
        return
    _end()
    what = "Well done: session finished and logged" if finished else "Logged what you did"
    flash(f"{what} ({models.FOUNDATION_ACTIVITIES['pelvic_floor'].lower()}, {slow} holds, {quick} quick squeezes).")
    st.rerun(scope="app")


def _end() -> None:
    st.session_state.pop(START_KEY, None)
    st.session_state.pop(CHOSEN_POSITION_KEY, None)
