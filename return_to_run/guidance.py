"""One answer to "can I run today?", said the same on home, Log a run, Trends and the PDF.

Pure: standard library; `today` is an argument. Built on phases.assess (the full picture),
this module decides what she is shown:
- today_answer: the state ("not_yet", "run", "rest", "paused"), a one-line headline, the
  main action (label and page), detail lines, and the checklist, focus and pre-fill, all
  empty of training words while a red flag is open (red_flags.py).
- run_form_state: the same state as a banner on Log a run while she types (past dates
  too), and warnings only for what she typed.
- after_checkin: one sentence on what a symptom check-in means for her next session, and
  the one lesson that explains it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

import pandas as pd

from . import models
from .levels import Modifier
from .models import History, Profile
from .mood import mood_due
from .phases import REBUILDING_FROM_DAYS, RUNNING_GATE_DAYS, Assessment, ChecklistItem, assess
from .plan import Session, check_planned_run
from .records import SymptomRecord
from .red_flags import RedFlag, most_urgent_first, red_flag
from .symptoms import as_symptom, has_symptoms, red_flags_for_entry, symptom_kinds

STATES = ("not_yet", "run", "rest", "paused")
PAGES = {
    "readiness": "pages/readiness.py",
    "log_run": "pages/log_run.py",
    "red_flags": "pages/red_flags.py",
    "symptoms": "pages/symptoms.py",
    "foundation": "pages/foundation.py",
}
# Words that suggest training. None of them appears in what she reads while a red flag is
# open (tests/test_guidance checks every text of a paused answer against this).
TRAINING_WORDS = re.compile(
    r"\b(run|runs|running|ran|jog|jogging|walk-run|level|levels|session|sessions|training|train|plan|pace|km)\b",
    re.IGNORECASE,
)


def has_training_words(text: str) -> bool:
    """True when `text` holds a word of TRAINING_WORDS."""
    return bool(TRAINING_WORDS.search(text))


@dataclass(frozen=True)
class Action:
    """The main button: what it says and the page it opens (a PAGES value)."""

    label: str
    page: str


@dataclass(frozen=True)
class TodayAnswer:
    """What home (and every page) says about today.

    state: one of STATES. headline: one line. action: the main button. details: lines under
    it. title: "14 weeks since birth · Return to running" (no phase name while paused).
    checklist, focus and modifiers: empty while paused. session: today's suggestion for
    'run' and 'rest' (None otherwise). prefill: the walk-run pattern for Log a run
    (run_interval_min, walk_interval_min, interval_repeats, why) or None. next_date: the
    next session on a rest day. mood_due: this week's mood check is not done yet.
    assessment: the full picture (the clinician PDF shows it).
    """

    state: str
    headline: str
    action: Action
    details: tuple[str, ...]
    title: str
    checklist: tuple[ChecklistItem, ...]
    focus: tuple[str, ...]
    modifiers: tuple[Modifier, ...]
    session: Session | None
    prefill: dict | None
    flags: tuple[RedFlag, ...]
    next_date: date | None
    mood_due: bool
    assessment: Assessment


def weeks_label(days: int) -> str:
    """'14 weeks since birth' (whole weeks); 'Before the birth' for a negative count."""
    if days < 0:
        return "Before the birth"
    weeks = days // 7
    return f"{weeks} week{'s' if weeks != 1 else ''} since birth"


def day_words(day: date, today: date) -> str:
    """'today', 'tomorrow', or 'on Thursday 4 Apr'."""
    if day == today:
        return "today"
    if day == today + timedelta(days=1):
        return "tomorrow"
    return f"on {day:%A} {day.day} {day:%b}"


def session_line(session: Session, *, levels_done: bool = False) -> str:
    """'walk-run level 4 — run 2, walk 1, ×10', 'run 30 min continuously (level 10)', or
    once the levels are done 'run 33 min continuously'."""
    if session.walk_interval_min:
        line = (
            f"walk-run level {session.level_number} — run {session.run_interval_min:g}, "
            f"walk {session.walk_interval_min:g}, ×{session.repeats}"
        )
        if session.last_run_interval_min is not None:
            line += f" (last run {session.last_run_interval_min:g})"
        return line
    if levels_done:
        return f"run {session.run_min:g} min continuously"
    return f"run {session.run_min:g} min continuously (level {session.level_number})"


def _prefill(session: Session | None) -> dict | None:
    if session is None or session.kind != "walk_run":
        return None
    return {
        "run_interval_min": float(session.run_interval_min),
        "walk_interval_min": float(session.walk_interval_min),
        "interval_repeats": int(session.repeats),
        "why": f"Today's plan: level {session.level_number}.",
    }


def _not_yet(a: Assessment, profile: Profile, today: date) -> tuple[str, Action, date | None]:
    days = a.days_since_birth
    if days < RUNNING_GATE_DAYS:
        opens = profile.birth_date + timedelta(days=RUNNING_GATE_DAYS)
        action = Action("Log pelvic floor and strength work", PAGES["foundation"])
        if days < REBUILDING_FROM_DAYS:
            action = Action("Log pelvic floor exercises", PAGES["foundation"])
        return f"Not yet: running opens from 12 weeks ({opens.day} {opens:%b})", action, opens
    to_pass = [c for c in models.LOAD_IMPACT_TESTS if (a.readiness or {}).get(c) != "passed"]
    if to_pass:
        count = len(to_pass)
        return (
            f"Not yet: {count} test{'s' if count != 1 else ''} to pass",
            Action("Readiness tests", PAGES["readiness"]),
            None,
        )
    if not a.symptoms_judged:
        return (
            "Not yet: log how you feel (nothing logged in the last 14 days)",
            Action("Log symptoms", PAGES["symptoms"]),
            None,
        )
    return (
        "Not yet: 14 days free of pelvic floor symptoms first",
        Action("Log symptoms", PAGES["symptoms"]),
        None,
    )


def today_answer(profile: Profile, history: History, today: date, *, placement_confirmed: bool = False) -> TodayAnswer:
    """THE answer to "can I run today?" (rules in the module docstring and phases.assess).
    placement_confirmed: storage.start_where_i_am(db)."""
    a = assess(profile, history, today, placement_confirmed=placement_confirmed)
    weeks = weeks_label(a.days_since_birth)
    due = mood_due(history, today)
    if a.open_red_flags:
        details = tuple(f"{flag.label}. {flag.advice}" for flag in a.open_red_flags)
        return TodayAnswer(
            "paused",
            "Paused: a red flag is open",
            Action("What to do", PAGES["red_flags"]),
            details + ("When it is sorted, mark it resolved with the date on the Red flags page.",),
            weeks,
            (),
            (),
            (),
            None,
            None,
            a.open_red_flags,
            None,
            due,
            a,
        )
    title = f"{weeks} · {a.phase.name}"
    common = {"title": title, "checklist": a.checklist, "focus": a.todays_focus, "modifiers": a.modifiers}
    session = a.session
    if session is None:
        headline, action, opens = _not_yet(a, profile, today)
        return TodayAnswer(
            "not_yet", headline, action, a.messages, **common, session=None, prefill=None, flags=(),
            next_date=opens, mood_due=due, assessment=a,
        )  # fmt: skip
    if session.kind == "rest":
        when = day_words(session.next_date or today + timedelta(days=1), today)
        headline = f"Rest day — next session {when}"
        details = (session.reason, *a.messages)
        return TodayAnswer(
            "rest", headline, Action("Log a run", PAGES["log_run"]), details, **common, session=session,
            prefill=_prefill(_level_pattern(a)), flags=(), next_date=session.next_date, mood_due=due, assessment=a,
        )  # fmt: skip
    details = (session.reason, *session.notes, *a.messages)
    return TodayAnswer(
        "run", f"Today: {session_line(session, levels_done=a.phase.code == 'building_running')}", Action("Log a run", PAGES["log_run"]), details, **common,
        session=session, prefill=_prefill(session), flags=(), next_date=None, mood_due=due, assessment=a,
    )  # fmt: skip


def _level_pattern(a: Assessment) -> Session | None:
    """Her level's full pattern (for the form on a rest day), or None once the levels are done."""
    status = a.level_status
    if status is None or status.plan_complete or status.level.continuous:
        return None
    level = status.level
    return Session(
        "walk_run", level.number, level.run_interval_min, level.walk_interval_min, level.repeats,
        level.total_min, level.run_min, "",
    )  # fmt: skip


# ---------------------------------------------------------------- Log a run


@dataclass(frozen=True)
class RunFormState:
    """The Log a run banner and checks. state: as TodayAnswer for the run's date; banner:
    one line; warnings: about what she typed only; prefill: walk-run pattern or None;
    suggested_kind: models.RUN_KINDS code to preselect ('walk' before the plan opens)."""

    state: str
    banner: str
    warnings: tuple[str, ...]
    prefill: dict | None
    suggested_kind: str | None


def run_form_state(
    profile: Profile,
    history: History,
    today: date,
    *,
    run_date: date | None = None,
    kind: str | None = None,
    duration_min: float | None = None,
    run_interval_min: float | None = None,
    walk_interval_min: float | None = None,
    interval_repeats: float | None = None,
    placement_confirmed: bool = False,
) -> RunFormState:
    """The state of Log a run while she types, before saving. `duration_min` is None until
    she types one (a pre-filled pattern she has not entered brings no warning); the pattern
    fields are what the form holds. A past `run_date` gets the state of that day: before
    the plan opened, running is discouraged there too."""
    day = run_date or today
    answer = today_answer(profile, history, day, placement_confirmed=placement_confirmed)
    past = day < today
    if answer.state == "paused":
        banner = (
            "Paused: a red flag is open. You can still save a record of what you did; see Red flags for what to do."
        )
        return RunFormState("paused", banner, (), None, None)
    if answer.state == "not_yet":
        days = (day - profile.birth_date).days
        if days < RUNNING_GATE_DAYS:
            subject = f"on {day.day} {day:%b %Y} you were" if past else "you are"
            banner = (
                f"Not yet: {subject} {max(days, 0) // 7} weeks after the birth, and running is not advised "
                "before 12 weeks (Goom 2019). A walk is a good choice; you can still save what you did."
            )
        else:
            banner = f"{answer.headline} before running (Goom 2019). You can still save a walk, or what you did."
        return RunFormState("not_yet", banner, (), None, "walk")
    warnings: tuple[str, ...] = ()
    if duration_min is not None and kind in models.RUNNING_KINDS:
        warnings = tuple(
            check_planned_run(
                float(duration_min), history, day, kind=kind, profile=profile,
                run_interval_min=run_interval_min, walk_interval_min=walk_interval_min, interval_repeats=interval_repeats,
            )
        )  # fmt: skip
    banner = answer.headline
    if past:
        banner = f"Logging a run of {day.day} {day:%b}: it counts towards your level."
    return RunFormState(answer.state, banner, warnings, answer.prefill, "walk_run" if answer.prefill else None)


# ---------------------------------------------------------------- after a check-in

LESSON_BY_KIND = (
    ("bleeding", "when-to-see-someone"),
    ("bowel_leakage", "severe-tears"),
    ("heaviness", "prolapse"),
    ("leakage", "pelvic-floor-how-to"),
    ("scar_pain", "after-c-section"),
    ("joint_pain", "when-to-see-someone"),
    ("pelvic_pain", "when-to-see-someone"),
)
NO_SYMPTOM_LESSON = "progressing-running"
PHYSIO = "see a pelvic health physiotherapist"


def checkin_lesson(entry: Mapping | SymptomRecord, *, flag_raised: bool = False) -> str:
    """The one lesson slug for what the entry records (most serious first): bleeding or an
    urgent red flag (flag_raised) -> when-to-see-someone; bowel -> severe-tears; heaviness -> prolapse; leakage
    -> pelvic-floor-how-to; scar pain -> after-c-section; joint or other pelvic pain ->
    when-to-see-someone; nothing -> progressing-running."""
    record = as_symptom(entry)
    kinds = set(symptom_kinds(record))
    if record.pain_at("abdomen_scar") > 0:
        kinds.add("scar_pain")
    if flag_raised:
        return "when-to-see-someone"
    for kind, slug in LESSON_BY_KIND:
        if kind in kinds:
            return slug
    return NO_SYMPTOM_LESSON


def _with_entry(history: History, entry: SymptomRecord, raw: Mapping) -> History:
    """`history` with the entry added, unless it is already there (same id)."""
    if entry.id is not None and any(e.id == entry.id for e in history.records.symptoms):
        return history
    row = {column: raw.get(column) for column in models.SYMPTOM_COLUMNS}
    row["id"] = entry.id if entry.id is not None else -1
    row["symptom_date"] = entry.symptom_date
    symptoms = (
        pd.concat([history.symptoms, pd.DataFrame([row])], ignore_index=True)
        if len(history.symptoms)
        else (pd.DataFrame([row]))
    )
    return replace(history, symptoms=symptoms)


def after_checkin(
    entry: Mapping | SymptomRecord,
    profile: Profile,
    history: History,
    today: date,
    *,
    placement_confirmed: bool = False,
) -> tuple[str, str]:
    """(one sentence on what the check-in means for her next session, the one lesson slug).

    `entry` is the entry just saved (services.add_symptom's clean dict or a record); it
    counts once whether or not `history` already holds it. E.g. ("Repeat level 4 next time;
    if it comes back, see a pelvic health physiotherapist.", "pelvic-floor-how-to")."""
    record = as_symptom(entry)
    if record.symptom_date is None:
        record = replace(record, symptom_date=today)
    raw = {**(dict(entry) if isinstance(entry, Mapping) else _as_raw(record)), "symptom_date": record.symptom_date}
    after = _with_entry(history, record, raw)
    raised = red_flags_for_entry(raw, profile=profile, history=history, today=today, include_open=True)
    answer = today_answer(profile, after, today, placement_confirmed=placement_confirmed)
    if raised or answer.state == "paused":
        flags = most_urgent_first([*(red_flag(code) for code in raised), *answer.flags])
        urgent = flags[0].urgency != "pelvic_physio"
        lesson = checkin_lesson(record, flag_raised=urgent)
        named = models.mid_sentence(flags[0].label)  # "a temperature of 38 °C", not "38 °c"
        return f"Paused: a red flag is open ({named}); see Red flags for what to do.", lesson
    lesson = checkin_lesson(record)
    status = answer.assessment.level_status
    if not has_symptoms(record):
        if status is None:
            return "Symptom-free: noted. It counts towards your 14 days free of pelvic floor symptoms.", lesson
        if status.plan_complete:
            return "Symptom-free: keep building one thing at a time.", lesson
        if status.last_change == "moved_up" and status.last_change_date == record.symptom_date:
            return f"Symptom-free: next time, move up to level {status.level.number}.", lesson
        return (
            f"Symptom-free: that counts towards moving up ({status.symptom_free_sessions_at_level} of "
            f"{status.needed} done at level {status.level.number}).",
            lesson,
        )
    joint = status.joint_site if status is not None else None
    if joint is None:
        sites = [s for s in models.JOINT_PAIN_SITES if record.pain_at(s) > 0]
        joint = sites[0] if sites and not set(symptom_kinds(record)) - {"joint_pain"} else None
    who = f"see a physiotherapist about your {models.mid_sentence(models.PAIN_SITES[joint])}" if joint else PHYSIO
    if status is None or answer.state == "not_yet":
        return f"Noted: running waits until you are free of symptoms; if it keeps happening, {who}.", lesson
    number = status.level.number
    if status.last_change == "stepped_back":
        return f"Step back to level {number} next time; if it comes back, {who}.", lesson
    return f"Repeat level {number} next time; if it comes back, {who}.", lesson


def _as_raw(record: SymptomRecord) -> dict:
    raw = {
        "id": record.id,  # a saved entry is not compared with itself (red_flags_for_entry, new heaviness)
        "symptom_date": record.symptom_date,
        "run_id": record.run_id,
        "timing": record.timing,
        "leakage": record.leakage,
        "heaviness_0_10": record.heaviness_0_10,
        "bleeding": record.bleeding,
        "bowel_leakage": record.bowel_leakage,
        "bleeding_heavier_with_activity": record.bleeding_heavier_with_activity,
        "bleeding_is_period": record.bleeding_is_period,
    }
    raw.update({column: record.pain_0_10[i] for i, column in enumerate(models.PAIN_COLUMNS)})
    return raw


def placement_offer(profile: Profile, history: History, today: date) -> int | None:
    """The level she would start at if she confirmed "I already run, start me where I am"
    (her symptom-free running of the last 3 weeks, before the tests too), when that is
    higher than where she is now; None otherwise (nothing to offer, or not in the running
    phases). Pages ask her to confirm, then call services.set_start_where_i_am(db, True)."""
    now = today_answer(profile, history, today).assessment
    if now.level_status is None or now.open_red_flags:
        return None
    confirmed = today_answer(profile, history, today, placement_confirmed=True).assessment.level_status
    if confirmed is None:
        return None
    higher = confirmed.level.number > now.level_status.level.number or (
        confirmed.plan_complete and not now.level_status.plan_complete
    )
    return confirmed.level.number if higher else None
