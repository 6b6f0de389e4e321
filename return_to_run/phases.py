"""Where she is: the phases as data, the readiness tests, and assess() for the home page.

Pure: standard library and pandas; `today` is always passed in.

Phase rules (sources and tags in docs/clinical-rules.md):
- early_recovery: under 6 weeks (42 days) since birth. IOC / Bo 2017 [V]: "immediate"
  postpartum runs to 6 weeks, a mark they call arbitrary.
- rebuilding: 6 to 12 weeks. Low-impact activity and strength (UK CMO 2019 [V];
  Canada 2025 [V]).
- readiness: from 12 weeks (84 days) until the running gate opens. Goom 2019 rec. 2 [V]:
  running not before 3 months.
- return_to_running: the running gate is open: 12 weeks or more, the latest result of each
  of the 7 load and impact tests passed (completed, no symptoms; Goom 2019 [V2]), and no
  pelvic floor symptoms in the last 14 days (Goom 2019 rec. 2 [V]; CSP [V]: "all tests
  passed and no symptoms"). Symptoms linked to runs on or after the day she passed the
  tests do not close the gate: the walk-run plan answers them (repeat, step back) and a
  pelvic health red flag catches them if they keep coming (symptoms.py).
- building_running: she has done the needed symptom-free sessions at the final level
  (30 min continuous). Then volume, then one variable at a time (Deering 2024 [V]).
Years after birth the calendar gates are long past: the tests and symptoms decide.
An open red flag withholds all training suggestions; everything else is still computed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from . import models, mood, readiness
from .levels import Modifier, modifiers_for
from .models import GOOM_2019, History, Profile
from .phase_notes import (
    REBUILDING_FROM_DAYS,
    ChecklistItem,
    checklist_for,
    messages_for,
    test_label,
)
from .plan import LevelStatus, Session, current_level, suggest_session
from .readiness import RECENT_SYMPTOM_DAYS, RUNNING_GATE_DAYS, readiness_status, recent_pelvic_symptom_dates
from .readiness import strength_focus as strength_focus_of
from .symptoms import RedFlag, open_flags

# The readiness rules live in readiness.py; these names stay here for their callers.
READINESS_OUTCOMES = readiness.READINESS_OUTCOMES
TEST_STALE_AFTER_DAYS = readiness.TEST_STALE_AFTER_DAYS
readiness_outcome = readiness.readiness_outcome
passed_test = readiness.passed_test
strength_focus = readiness.strength_focus
tests_passed_date = readiness.tests_passed_date


GOOM = GOOM_2019
SOURCES = (
    "Goom 2019; UK CMO 2019; IOC/Bo 2017; Deering 2024; Frandsen 2025; Christopher 2024; "
    "Canada 2025 (Davenport); ACOG 2020; AWHONN POST-BIRTH"
)


@dataclass(frozen=True)
class Phase:
    """One phase. about_weeks = (from, to) weeks since birth, `to` None when open-ended;
    the numbers are approximate: tests and symptoms decide from 12 weeks on."""

    code: str
    name: str
    about_weeks: tuple[int, int | None]
    what_it_means: str
    focus: tuple[str, ...]
    entry_criteria: tuple[str, ...]
    source: str
    exit_criteria: tuple[str, ...] = ()


_PELVIC_FLOOR = "Pelvic floor exercises, every day"
_STRENGTH = "Strength work, twice a week"

PHASES: tuple[Phase, ...] = (
    Phase(
        "early_recovery",
        "Early recovery",
        (0, 6),
        "Your body is healing from pregnancy and birth. This is a time for rest, gentle walks, "
        "breathing and pelvic floor exercises, not for running.",
        (_PELVIC_FLOOR, "Breathing and core connection", "Short, easy walks, a little longer each week"),
        ("From birth",),
        "IOC / Bo 2017 (immediate postpartum, to 6 weeks) [V]; UK CMO 2019 (pelvic floor "
        "exercises as soon as possible) [V]; Canada 2025 (daily pelvic floor training; start "
        "light, step up once wounds have healed and bleeding does not worsen) [V]",
        ("About 6 weeks since birth",),
    ),
    Phase(
        "rebuilding",
        "Rebuilding",
        (6, 12),
        "Build up low-impact activity (walking, cycling, swimming) and strength, keep up your "
        "pelvic floor exercises, and notice any symptoms. Running waits until at least 12 weeks.",
        (_PELVIC_FLOOR, _STRENGTH, "Low-impact cardio (walk, bike, swim), building towards 150 minutes a week"),
        ("About 6 weeks since birth",),
        "UK CMO 2019 (150 min/week moderate activity, strength twice a week) [V]; Canada 2025 "
        "[V]; Goom 2019 rec. 2 (running not before 3 months) [V]",
        ("12 weeks since birth",),
    ),
    Phase(
        "readiness",
        "Readiness testing",
        (12, None),
        "From 12 weeks you can try the 7 load and impact tests. Each one counts as passed only "
        "with no leakage, heaviness, dragging or pain. Pass all 7, with no pelvic floor "
        "symptoms for 2 weeks, and the walk-run plan opens. The 4 strength tests show where to "
        "get stronger; they never hold you back.",
        (_PELVIC_FLOOR, _STRENGTH, "The load and impact tests you have not yet passed"),
        ("12 weeks since birth",),
        f"{GOOM} rec. 2 and 3 [V]; test battery and strength targets [V2]; CSP summary (run "
        "from 12 weeks if all tests passed and no symptoms) [V]",
        ("All 7 load and impact tests passed", "No pelvic floor symptoms for 14 days"),
    ),
    Phase(
        "return_to_running",
        "Return to running",
        (12, None),
        "Walk-run sessions of about 30 minutes. You move up a level after symptom-free "
        "sessions, repeat or step back if symptoms come, and finish at 30 minutes of "
        "continuous running.",
        (_PELVIC_FLOOR, _STRENGTH),
        ("12 weeks since birth", "All 7 load and impact tests passed", "No pelvic floor symptoms for 14 days"),
        f"{GOOM} rec. 2 [V]; Deering 2024 (walk-run, one parameter at a time, stop and walk "
        "with symptoms) [V]; Frandsen 2025 (110% single-run cap) [V]",
        ("30 minutes continuous running, symptom-free for the needed sessions",),
    ),
    Phase(
        "building_running",
        "Building running",
        (16, None),
        "You run 30 minutes continuously without symptoms. Build volume first, then change "
        "one thing at a time: speed, hills, or (from about 6 months) the buggy.",
        (_PELVIC_FLOOR, _STRENGTH),
        ("30 minutes continuous running, symptom-free for the needed sessions",),
        "Deering 2024 (one parameter at a time; ~10%/week in most cases) [V]; Frandsen 2025 "
        "[V]; Goom 2019 (buggy not before ~6 months) [V2]",
        (),
    ),
)
PHASES_BY_CODE = {phase.code: phase for phase in PHASES}
assert tuple(PHASES_BY_CODE) == tuple(models.PHASE_CODES)


@dataclass(frozen=True)
class Assessment:
    """Everything the home page shows. session is None when training is withheld or she is
    not yet running; todays_focus then carries the foundation work for the phase (empty
    while withheld)."""

    today: date
    weeks_since_birth: int
    phase: Phase
    next_phase: Phase | None
    checklist: tuple[ChecklistItem, ...]
    open_red_flags: tuple[RedFlag, ...]
    training_withheld: bool
    session: Session | None
    todays_focus: tuple[str, ...]
    strength_focus: tuple[str, ...]
    failed_tests: tuple[str, ...]
    modifiers: tuple[Modifier, ...]
    messages: tuple[str, ...]
    source: str
    days_since_birth: int = 0
    readiness: dict | None = None
    level_status: LevelStatus | None = None
    symptoms_judged: bool = False


# ---------------------------------------------------------------- assess


def assess(profile: Profile, history: History, today: date, *, placement_confirmed: bool = False) -> Assessment:
    """Where she is today: phase, what unlocks the next one, today's session or focus, red
    flags on top, and plain-language messages explaining each decision. The full picture
    (the clinician PDF shows it); pages show guidance.today_answer, which hides training
    under an open red flag. placement_confirmed: she confirmed "I already run, start me where
    I am" (storage.start_where_i_am)."""
    days = (today - profile.birth_date).days
    weeks = models.weeks_since(profile.birth_date, today)
    status_of = readiness_status(history, today)
    passed_on = tests_passed_date(history, today)
    symptom_days = recent_pelvic_symptom_dates(history, today, passed_on=passed_on)
    judged = readiness.symptoms_judged(history, today)
    gate_open = days >= RUNNING_GATE_DAYS and passed_on is not None and not symptom_days and judged
    status = (
        current_level(profile, history, today, since=passed_on, placement_confirmed=placement_confirmed)
        if gate_open
        else None
    )

    if days < REBUILDING_FROM_DAYS:
        code = "early_recovery"
    elif days < RUNNING_GATE_DAYS:
        code = "rebuilding"
    elif not gate_open:
        code = "readiness"
    elif status is not None and status.plan_complete:
        code = "building_running"
    else:
        code = "return_to_running"
    phase = PHASES_BY_CODE[code]
    index = PHASES.index(phase)
    next_phase = PHASES[index + 1] if index + 1 < len(PHASES) else None

    flags = open_flags(history)
    withheld = bool(flags)
    failed = tuple(c for c in models.LOAD_IMPACT_TESTS if status_of[c] == "failed")
    weak = strength_focus_of(history)
    modifiers = tuple(modifiers_for(profile, low_mood=mood.low_mood_now(history, today)))

    checklist = checklist_for(code, history, today, status_of, symptom_days if judged else None, status, days)

    session = None
    if code in ("return_to_running", "building_running") and not withheld:
        session = suggest_session(profile, history, today, since=passed_on, placement_confirmed=placement_confirmed)

    if withheld:
        focus: tuple[str, ...] = ()
    else:
        focus = phase.focus
        if code == "readiness":
            to_pass = [test_label(c).split(",")[0] for c in models.LOAD_IMPACT_TESTS if status_of[c] != "passed"]
            last = (
                "Tests to pass: " + "; ".join(to_pass) + "."
                if to_pass
                else f"Tests passed: running opens after {RECENT_SYMPTOM_DAYS} days free of pelvic floor symptoms."
            )
            focus = (*phase.focus[:2], last)
        if weak and code in ("readiness", "return_to_running", "building_running"):
            names = ", ".join(models.STRENGTH_TESTS[c].lower() for c in weak)
            focus = (*focus, f"Strength work for: {names} (target {models.STRENGTH_TARGET_REPS} reps each side)")

    messages = messages_for(code, profile, history, today, days, flags, failed, weak, symptom_days, status)
    return Assessment(
        today=today,
        weeks_since_birth=weeks,
        phase=phase,
        next_phase=next_phase,
        checklist=checklist,
        open_red_flags=flags,
        training_withheld=withheld,
        session=session,
        todays_focus=focus,
        strength_focus=weak,
        failed_tests=failed,
        modifiers=modifiers,
        messages=messages,
        source=SOURCES,
        days_since_birth=days,
        readiness=status_of,
        level_status=status,
        symptoms_judged=judged,
    )


CALENDAR_AFTER_12_WEEKS = "From 12 weeks: tests and symptoms decide"


def phase_periods(profile: Profile, today: date) -> pd.DataFrame:
    """The calendar part of the phases, for shading a chart: columns start, end (dates, end
    exclusive; None for the ongoing one) and phase (a name to show). Early recovery from the
    birth, rebuilding from 6 weeks, then one open period from 12 weeks, because after that
    the tests and her symptoms, not the calendar, decide. Periods starting after `today`
    are left out."""
    birth = profile.birth_date
    rows = [
        (birth, birth + timedelta(days=REBUILDING_FROM_DAYS), PHASES_BY_CODE["early_recovery"].name),
        (
            birth + timedelta(days=REBUILDING_FROM_DAYS),
            birth + timedelta(days=RUNNING_GATE_DAYS),
            PHASES_BY_CODE["rebuilding"].name,
        ),
        (birth + timedelta(days=RUNNING_GATE_DAYS), None, CALENDAR_AFTER_12_WEEKS),
    ]
    return pd.DataFrame([row for row in rows if row[0] <= today], columns=["start", "end", "phase"], dtype="object")
