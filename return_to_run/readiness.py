"""The readiness tests: the pass rule, each test's status, which tests to offer, and the
"no pelvic floor symptoms in the last 14 days" condition of the running gate.

Pure: standard library; `today` is always passed in. Sources (docs/clinical-rules.md):
- The 7 load and impact tests and the 4 strength tests: Goom 2019 [V2]. Any leakage,
  heaviness, dragging or pain during a test is a fail even if she finished it.
- Strength results steer strength work and never block running (Goom 2019 [V2]).
- Running gate: 12 weeks, the 7 tests passed and no pelvic floor symptoms in 14 days
  (Goom 2019 rec. 2 [V]; CSP summary [V]: "all tests passed and no symptoms").
- The four impact tests (jog on the spot, forward bounds, hops, running man) are offered
  from 12 weeks, before that only with a note to ask her clinician, and never while a red
  flag is open (Goom 2019 rec. 2 [V]: no running before 3 months; app rule for the tests).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, timedelta

from . import models
from .models import History, Profile
from .records import ReadinessRecord, dated_between
from .symptoms import has_pelvic_symptoms, is_run_linked, running_sessions

RUNNING_GATE_DAYS = (
    84  # 12 weeks (Goom 2019 rec. 2 [V]; not UK CMO 2019, which lists jogging as moderate activity after birth)
)
IMPACT_TESTS_FROM_DAYS = RUNNING_GATE_DAYS
RECENT_SYMPTOM_DAYS = 14  # pelvic symptoms in the last 14 days keep the running gate shut
# A test result older than 8 weeks counts as not done unless she has run in the last 30
# days: a retest after a long pause, while regular symptom-free running keeps it valid.
TEST_STALE_AFTER_DAYS = 56
RECENT_RUN_DAYS = 30
IMPACT_TESTS = ("jog_on_spot", "forward_bounds", "hop_in_place", "running_man")
EARLY_IMPACT_NOTE = (
    "Before 12 weeks, ask your midwife, GP or pelvic health physiotherapist before trying "
    "this impact test (Goom 2019: running not before 3 months)."
)
FLAG_OPEN_NOTE = "Not while a red flag is open: see the Red flags page for what to do first."

READINESS_OUTCOMES = ("passed", "not_completed", "symptoms", "under_target")


def latest_results(history: History, today: date) -> dict[str, ReadinessRecord]:
    """The latest result of each test dated on or before `today` (the higher id wins a day)."""
    latest: dict[str, ReadinessRecord] = {}
    for result in history.records.readiness:  # sorted by date then id
        if result.test_date <= today:
            latest[result.test_code] = result
    return latest


def readiness_outcome(result: ReadinessRecord) -> str:
    """THE readiness pass rule (home, checklist and the clinician PDF all use it), one of
    READINESS_OUTCOMES: 'not_completed' when she could not finish it, 'symptoms' when any
    leakage, heaviness, dragging or pain came (a fail even if finished: Goom 2019 [V2]),
    'under_target' for a strength test under 20 reps on either side (missing reps count as
    0), else 'passed'."""
    if not result.completed:
        return "not_completed"
    if result.had_symptoms:
        return "symptoms"
    if result.test_code in models.STRENGTH_TESTS:
        reps = min(result.reps_left or 0.0, result.reps_right or 0.0)
        if reps < models.STRENGTH_TARGET_REPS:
            return "under_target"
    return "passed"


def passed_test(result: ReadinessRecord) -> bool:
    """True when readiness_outcome() is 'passed'."""
    return readiness_outcome(result) == "passed"


def readiness_status(history: History, today: date) -> dict[str, str]:
    """'passed' | 'failed' | 'not_done' for every code in models.READINESS_TESTS (load and
    impact tests first), from the latest result dated on or before `today`. A result older
    than 56 days counts as 'not_done' unless she has a running session in the last 30 days
    (then her runs and symptom log are the ongoing check)."""
    latest = latest_results(history, today)
    recent_run = dated_between(
        running_sessions(history.records), today - timedelta(days=RECENT_RUN_DAYS), today, _run_day
    )
    status = {}
    for code in models.READINESS_TESTS:
        result = latest.get(code)
        stale = result is not None and (today - result.test_date).days > TEST_STALE_AFTER_DAYS
        if result is None or (stale and not recent_run):
            status[code] = "not_done"
        else:
            status[code] = "passed" if passed_test(result) else "failed"
    return status


def strength_focus(history: History) -> tuple[str, ...]:
    """Strength test codes (models.STRENGTH_TESTS order) whose latest result is under 20 reps
    on either side or came with symptoms: where to put strength work. Never blocks running
    (Goom 2019 [V2])."""
    latest = latest_results(history, date.max)
    return tuple(code for code in models.STRENGTH_TESTS if code in latest and not passed_test(latest[code]))


def tests_passed_date(history: History, today: date) -> date | None:
    """The day the running tests were all passed (latest of the 7 latest results), or None
    if any of the 7 load and impact tests is not currently passed."""
    status = readiness_status(history, today)
    if any(status[code] != "passed" for code in models.LOAD_IMPACT_TESTS):
        return None
    latest = latest_results(history, today)
    return max(latest[code].test_date for code in models.LOAD_IMPACT_TESTS)


def _window(today: date) -> date:
    return today - timedelta(days=RECENT_SYMPTOM_DAYS - 1)


def recent_pelvic_symptom_dates(history: History, today: date, *, passed_on: date | None) -> list[date]:
    """Dates (sorted, unique) in the last 14 days (today included) with a pelvic floor
    symptom she reported anywhere: a symptom entry (check-in, symptoms page, a confirmed
    note of an import) with leakage, heaviness, pelvic/back/scar pain or bowel leakage, or a
    readiness test done with symptoms. Left out: entries linked to a run on or after
    `passed_on` (the walk-run plan answers those: repeat, step back, red flags)."""
    start = _window(today)
    days = set()
    entries = history.records.symptoms  # sorted by date: the window's are at the end
    for entry in entries[bisect_left(entries, start, key=lambda e: e.symptom_date) :]:
        day = entry.symptom_date
        if not (start <= day <= today) or not has_pelvic_symptoms(entry):
            continue
        if passed_on is not None and day >= passed_on and is_run_linked(entry):
            continue
        days.add(day)
    for result in history.records.readiness:
        if start <= result.test_date <= today and result.had_symptoms:
            days.add(result.test_date)
    return sorted(days)


def symptoms_judged(history: History, today: date) -> bool:
    """Whether anything she logged in the last 14 days can show she was free of symptoms: a
    symptom entry (a "no symptoms" check-in included), a readiness test or a run. Nothing
    logged is not the same as no symptoms."""
    start = _window(today)
    records = history.records
    return (
        dated_between(records.symptoms, start, today, lambda entry: entry.symptom_date)
        or dated_between(records.readiness, start, today, lambda result: result.test_date)
        or dated_between(records.running, start, today, _run_day)
    )


def _run_day(run) -> date:
    return run.run_date


@dataclass(frozen=True)
class TestOffer:
    """One readiness test as the Readiness page offers it: `offered` False hides it (with
    `note` saying why); a note beside an offered test asks her to check first."""

    code: str
    label: str
    offered: bool
    note: str = ""
    impact: bool = False


def tests_offered(profile: Profile, history: History, today: date) -> tuple[TestOffer, ...]:
    """Every readiness test in models.READINESS_TESTS order: the walk, balance, squat and the
    4 strength tests any time; the 4 impact tests from 12 weeks, earlier with a note to ask
    her clinician, never while a red flag is open."""
    flag_open = bool(history.records.open_red_flags)
    early = (today - profile.birth_date).days < IMPACT_TESTS_FROM_DAYS
    out = []
    for code, label in models.READINESS_TESTS.items():
        if code not in IMPACT_TESTS:
            out.append(TestOffer(code, label, True))
        elif flag_open:
            out.append(TestOffer(code, label, False, FLAG_OPEN_NOTE, impact=True))
        else:
            out.append(TestOffer(code, label, True, EARLY_IMPACT_NOTE if early else "", impact=True))
    return tuple(out)
