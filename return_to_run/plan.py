"""The walk-run plan: symptom-gated levels, the next session, and checks on a planned run.

Pure functions over the profile and History with `today` passed in. The plan moves on
symptom-free sessions, not on the calendar (Deering 2024 [V]: start with walk-run, change
one parameter at a time, modify for pelvic symptoms, sleep, lactation).

Rules (numbers are module constants, each with its source):
- Every level is a ~30 minute session (30-33 min): the length of the 30-minute walk she
  passed in the load and impact tests (Goom 2019 [V2]). Only the share of running changes
  from level to level (one variable at a time, Deering 2024 [V]), so the 110% single-run
  cap (Frandsen 2025 [V]) never blocks normal progression; it bites after a break.
- She moves up after SESSIONS_TO_PROGRESS (3) symptom-free running sessions at a level;
  each modifier adds one session, up to MAX_SESSIONS_TO_PROGRESS (5).
- A session "had symptoms" if a symptom entry is linked to it (see symptoms.linked_run_key)
  and has_symptoms(). A first, mild symptomatic session at a level -> repeat the level
  (count back to 0). A second symptomatic session at the same level, or a marked one
  (worst 0-10 score >= 4, leakage "more than drops", bowel leakage, or bleeding) -> step
  back one level. At level 1 a step back is a repeat.
- More than 30 days without a running session -> restart at level 1.
- Each suggested session stays within 110% of her longest running session (duration_min)
  in the previous 30 days (Frandsen 2025 [V]); if the level is longer, it is cut to fit.
- Running minutes in the last 7 days, with the suggested session, stay within 110% of the
  7 days before (Deering 2024 [V], "in most cases"), or WEEKLY_BASE_MIN (99 min: three
  sessions of the longest level) while she builds up from little or nothing: the "most cases" exception.
- While on the walk-run levels, a rest day follows each running day (app design, for
  gradual progression).
- Hills, speed and buggy running come only after the levels (building_running), one at a
  time; the buggy not before 26 weeks (~6 months) after birth (Goom 2019 [V2]).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from . import models
from .models import DEERING_2024, GOOM_2019, History, Profile
from .records import SymptomRecord
from .symptoms import (
    has_symptoms,
    open_flags,
    running_sessions,
    symptomatic_run_ids,
    worst_severity_0_10,
)
from .volume import (
    LONGEST_RUN_WINDOW_DAYS,
    longest_in_window,
    over_single_run_cap,
    single_run_limit_min,
)

SESSIONS_TO_PROGRESS = 3
EXTRA_SESSIONS_PER_MODIFIER = 1
MAX_SESSIONS_TO_PROGRESS = 5
# A symptom this strong steps her back at once instead of repeating the level.
MARKED_SEVERITY_0_10 = 4
RESTART_AFTER_DAYS = 30  # no running session for more than this -> level 1 again
# The 110% single-run cap and its 30-day window live in volume.py (Frandsen 2025 [V]).
WEEKLY_RISE_CAP = 1.10  # Deering 2024 [V]: not >10%/week "in most cases"
MIN_SESSION_MIN = 10  # below this, a trimmed session becomes a rest day
BUGGY_FROM_WEEKS = 26  # Goom 2019 [V2]: running with a buggy not before ~6 months

DEERING = f"{DEERING_2024} [V]"
GOOM = GOOM_2019

_LEVEL_SOURCE = (
    f"{DEERING}: start with walk-run, one parameter at a time; session length from "
    f"the 30-minute walk test ({GOOM} [V2]); level steps are an app design"
)


@dataclass(frozen=True)
class Level:
    """One walk-run level: `repeats` rounds of run then walk. Minutes throughout."""

    number: int
    run_interval_min: float
    walk_interval_min: float
    repeats: int
    source: str = _LEVEL_SOURCE

    @property
    def total_min(self) -> float:
        """Session length in minutes, walking included."""
        return (self.run_interval_min + self.walk_interval_min) * self.repeats

    @property
    def run_min(self) -> float:
        """Minutes spent running."""
        return self.run_interval_min * self.repeats

    @property
    def continuous(self) -> bool:
        return self.walk_interval_min == 0

    def describe(self) -> str:
        if self.continuous:
            return f"{_fmt(self.run_interval_min)} min continuous easy running"
        return f"run {_fmt(self.run_interval_min)} min, walk {_fmt(self.walk_interval_min)} min, x{self.repeats}"


# Each step changes one thing: the walk gets shorter or the run interval longer (the number
# of rounds follows so the session stays 30-33 min); the last step removes the walk breaks
# with the running minutes unchanged (30).
LEVELS: tuple[Level, ...] = (
    Level(1, 1, 2, 10),  # 30 min, 10 running
    Level(2, 1, 1.5, 12),  # 30 min, 12 running (walk shorter)
    Level(3, 1, 1, 15),  # 30 min, 15 running (walk shorter)
    Level(4, 2, 1, 10),  # 30 min, 20 running (run longer)
    Level(5, 3, 1, 8),  # 32 min, 24 running (run longer)
    Level(6, 5, 1, 5),  # 30 min, 25 running (run longer)
    Level(7, 7, 1, 4),  # 32 min, 28 running (run longer)
    Level(8, 10, 1, 3),  # 33 min, 30 running (run longer)
    Level(9, 15, 1, 2),  # 32 min, 30 running (run longer, one walk break)
    Level(10, 30, 0, 1),  # 30 min continuous (walk break removed)
)
FINAL_LEVEL = LEVELS[-1]
# Three sessions of the longest level (3 x 33 = 99 min) are always allowed in 7 days while
# she builds up from little or nothing: the "in most cases" exception to the 10% rise.
WEEKLY_BASE_MIN = 3 * max(level.total_min for level in LEVELS)


@dataclass(frozen=True)
class Modifier:
    """Something about her that slows progression, with why, in plain words."""

    code: str
    label: str
    explanation: str
    source: str


MODIFIERS: dict[str, Modifier] = {
    m.code: m
    for m in (
        Modifier(
            "breastfeeding",
            "Breastfeeding",
            "Feeding your baby uses energy and calcium; the experts who wrote the postnatal "
            "running guidance advise adapting the plan for lactation and energy. One extra "
            "session at each level.",
            f"{DEERING} (modify for lactation, energy availability); {GOOM} rec. 4 [V]",
        ),
        Modifier(
            "short_sleep_or_high_fatigue",
            "Short sleep or high fatigue",
            "Tired tissues recover more slowly; in one study of postpartum runners, high "
            "fatigue went with more pain. One extra session at each level.",
            f"{DEERING} (modify for sleep); Christopher 2021 PLoS One (fatigue OR 2.48) [V]",
        ),
        Modifier(
            "new_to_running",
            "New to running",
            "Your body has not yet adapted to running's impact; new runners had more pain "
            "after birth in one study. One extra session at each level.",
            "Christopher 2021 PLoS One (novice runner OR 3.51) [V]",
        ),
        Modifier(
            "previous_running_injury",
            "Previous running injury",
            "A past running injury makes another one more likely. One extra session at each level.",
            "Christopher 2021 PLoS One (previous injury OR 1.95) [V]",
        ),
        Modifier(
            "leaked_before_or_during_pregnancy",
            "Leakage before or during pregnancy",
            "Women who leaked before or during pregnancy were about four times as likely to "
            "leak when running after birth. One extra session at each level.",
            "Moore 2021 BJSM 55:1286 (OR 4.01 before, 4.49 during pregnancy) [V]",
        ),
        Modifier(
            "assisted_birth_or_severe_tear",
            "Assisted birth or 3rd/4th degree tear",
            "A forceps or vacuum birth, or a tear into the muscles around the back passage, "
            "asks more of the pelvic floor's recovery. One extra session at each level; your "
            "clinician's advice comes first.",
            "Blyholder 2017 Sports Health 9:45 (assisted birth OR 2.08 for stress UI) [V]; "
            "3rd/4th degree tear: a cautious choice of this app (no study figure found; "
            f"obstetric trauma is listed among risk factors in summaries of {GOOM})",
        ),
    )
}


def modifiers_for(profile: Profile) -> list[Modifier]:
    """The modifiers that apply to her, in MODIFIERS order."""
    applies = {
        "breastfeeding": profile.feeding in ("breastfeeding", "mixed"),
        "short_sleep_or_high_fatigue": bool(profile.short_sleep_or_high_fatigue),
        "new_to_running": profile.running_background == "new",
        "previous_running_injury": bool(profile.previous_running_injury),
        "leaked_before_or_during_pregnancy": bool(profile.leaked_before_or_during_pregnancy),
        "assisted_birth_or_severe_tear": (
            profile.birth_type == "assisted_vaginal" or profile.perineal_tear == "third_fourth"
        ),
    }
    return [m for code, m in MODIFIERS.items() if applies[code]]


def sessions_needed(profile: Profile) -> int:
    """Symptom-free sessions at a level before moving up: 3, +1 per modifier, at most 5."""
    extra = EXTRA_SESSIONS_PER_MODIFIER * len(modifiers_for(profile))
    return min(SESSIONS_TO_PROGRESS + extra, MAX_SESSIONS_TO_PROGRESS)


@dataclass(frozen=True)
class LevelStatus:
    """Where she is on the walk-run levels.

    last_change: the last change of level: 'start' (none yet), 'moved_up', 'repeat',
    'stepped_back' or 'restart' (more than 30 days without running); last_change_date is
    the session that caused it (None for 'start' and for a restart decided today).
    plan_complete: she has done `needed` symptom-free sessions at
    the final level (30 min continuous): the building_running phase.
    """

    level: Level
    symptom_free_sessions_at_level: int
    needed: int
    last_change: str
    last_change_date: date | None = None
    plan_complete: bool = False
    sessions_counted: int = 0
    last_session_date: date | None = None


def _marked(entry: SymptomRecord) -> bool:
    """A symptom strong enough to step back straight away."""
    return (
        worst_severity_0_10(entry) >= MARKED_SEVERITY_0_10
        or entry.leakage == "more"
        or entry.bowel_leakage
        or entry.bleeding != "none"
    )


def current_level(profile: Profile, history: History, today: date, *, since: date | None = None) -> LevelStatus:
    """Replay her running sessions (models.RUNNING_KINDS, dated on or before `today`, and on
    or after `since` when given: phases.assess passes the date she passed the tests) and
    return her level. Every running session counts as a session at her current level."""
    needed = sessions_needed(profile)
    every_session = running_sessions(history.records)
    sessions = [s for s in every_session if s.run_date <= today and (since is None or s.run_date >= since)]
    entries = [e for e in history.records.symptoms if e.symptom_date <= today]
    with_symptoms = symptomatic_run_ids(every_session, entries, check=has_symptoms)
    marked = symptomatic_run_ids(every_session, entries, check=lambda e: has_symptoms(e) and _marked(e))

    index, count, symptomatic_here = 0, 0, 0
    change, change_date, complete, previous = "start", None, False, None
    for session in sessions:
        day = session.run_date
        if previous is not None and (day - previous).days > RESTART_AFTER_DAYS:
            index, count, symptomatic_here = 0, 0, 0
            change, change_date, complete = "restart", day, False
        previous = day
        if session.id in with_symptoms:
            symptomatic_here += 1
            complete = False
            count = 0
            if (session.id in marked or symptomatic_here >= 2) and index > 0:
                index -= 1
                symptomatic_here = 0
                change = "stepped_back"
            else:
                change = "repeat"
            change_date = day
            continue
        count += 1
        if count >= needed:
            if index < len(LEVELS) - 1:
                index, count, symptomatic_here = index + 1, 0, 0
                change, change_date = "moved_up", day
            else:
                complete = True
    if previous is not None and (today - previous).days > RESTART_AFTER_DAYS:
        index, count, complete = 0, 0, False
        change, change_date = "restart", None
    return LevelStatus(
        level=LEVELS[index],
        symptom_free_sessions_at_level=count,
        needed=needed,
        last_change=change,
        last_change_date=change_date,
        plan_complete=complete,
        sessions_counted=len(sessions),
        last_session_date=previous,
    )


# ---------------------------------------------------------------- volume


def running_minutes(history: History, start: date, end: date) -> float:
    """Sum of duration_min of running sessions dated start..end inclusive."""
    return float(sum(s.duration_min for s in running_sessions(history.records) if start <= s.run_date <= end))


def longest_recent_run(history: History, today: date) -> float | None:
    """Longest running session (duration_min) dated in the 30 days up to and including
    `today`, or None if there is none (volume.longest_in_window)."""
    return longest_in_window(running_sessions(history.records), today)


def _longest_continuous_run(history: History, today: date) -> float | None:
    sessions = [s for s in running_sessions(history.records) if s.kind != "walk_run"]
    return longest_in_window(sessions, today)


def single_run_cap(history: History, today: date) -> float | None:
    """110% of the longest running session in the past 30 days (minutes), or None."""
    longest = longest_recent_run(history, today)
    return None if longest is None else single_run_limit_min(longest)


@dataclass(frozen=True)
class WeeklyAllowance:
    """Running minutes: the 7 days ending today (this_week), the 7 before (previous_week),
    and the most the 7 days ending today may hold (limit)."""

    this_week: float
    previous_week: float
    limit: float

    @property
    def remaining(self) -> float:
        return max(self.limit - self.this_week, 0.0)


def weekly_allowance(history: History, today: date) -> WeeklyAllowance:
    """limit = max(110% of the previous 7 days, WEEKLY_BASE_MIN) (Deering 2024 [V])."""
    this_week = running_minutes(history, today - timedelta(days=6), today)
    previous = running_minutes(history, today - timedelta(days=13), today - timedelta(days=7))
    limit = max(round(previous * WEEKLY_RISE_CAP, 6), float(WEEKLY_BASE_MIN))
    return WeeklyAllowance(this_week, previous, limit)


# ---------------------------------------------------------------- the next session


@dataclass(frozen=True)
class Session:
    """A suggested session. kind: 'walk_run', 'continuous' or 'rest' (then the numbers are
    0). repeats counts rounds, a shortened last round included; total_min and run_min are
    minutes."""

    kind: str
    level_number: int
    run_interval_min: float
    walk_interval_min: float
    repeats: int
    total_min: float
    run_min: float
    reason: str
    notes: tuple[str, ...] = ()


def _fmt(minutes: float) -> str:
    return f"{minutes:g}"


def _rest(level_number: int, reason: str, notes: tuple[str, ...] = ()) -> Session:
    return Session("rest", level_number, 0, 0, 0, 0, 0, reason, notes)


def _fit(run: float, walk: float, minutes: float) -> tuple[int, float, float]:
    """Run/walk pattern cut to `minutes` (whole minutes): (rounds, total, running minutes);
    the last round may be short."""
    total = float(math.floor(minutes + 1e-9))
    if walk == 0:
        return 1, total, total
    block = run + walk
    full = int(total // block)
    rest = total - full * block
    rounds = full + (1 if rest > 1e-9 else 0)
    return rounds, total, full * run + min(run, rest)


def _ran_on(history: History, day: date) -> bool:
    return any(s.run_date == day for s in running_sessions(history.records))


STOP_AND_WALK = (
    "If leakage, heaviness, dragging or pain comes on during a run interval, stop "
    "and walk for the rest of the session, and log it (Deering 2024)."
)


def suggest_session(profile: Profile, history: History, today: date, *, since: date | None = None) -> Session:
    """The next running session: her level's pattern, cut to the 110% single-run cap and the
    weekly allowance; a 'rest' session if she has an open red flag, has run today, ran
    yesterday while on the levels, or has no weekly allowance left.

    Does not check the phase (phases.assess only calls it in the running phases).
    """
    status = current_level(profile, history, today, since=since)
    level = status.level
    flags = open_flags(history)
    if flags:
        labels = ", ".join(flag.label.lower() for flag in flags)
        return _rest(level.number, f"Training is paused while a red flag is open ({labels}).")
    if _ran_on(history, today):
        return _rest(level.number, "You have run today; the next session is after a rest day.")
    if not status.plan_complete and _ran_on(history, today - timedelta(days=1)):
        return _rest(
            level.number, "Rest day: on the walk-run levels, leave a day between runs so your body can recover."
        )

    notes: list[str] = [STOP_AND_WALK]
    if status.plan_complete:
        # Continuous runs only: a walk-run session's walk breaks are not running she can
        # "repeat" as one run, so 30 min run + 3 min walk must not become a 33 min run.
        longest = _longest_continuous_run(history, today) or FINAL_LEVEL.total_min
        minutes = max(float(math.floor(longest)), FINAL_LEVEL.total_min)
        run, walk, kind = minutes, 0.0, "continuous"
        reason = (
            f"You have finished the walk-run levels: repeat your longest recent run "
            f"({_fmt(minutes)} min), then build one thing at a time."
        )
        cap = single_run_cap(history, today)
        if cap is not None:
            notes.append(
                f"Volume first: a run can grow to {_fmt(math.floor(cap))} min "
                f"(110% of your longest in 30 days, Frandsen 2025)."
            )
        notes.append("Then change one thing at a time: speed or hills (Deering 2024).")
        weeks = models.weeks_since(profile.birth_date, today)
        if weeks >= BUGGY_FROM_WEEKS:
            notes.append("Running with the buggy can be your one new thing (from about 6 months, Goom 2019).")
        else:
            notes.append(
                f"Running with the buggy waits until about 6 months ({BUGGY_FROM_WEEKS} "
                f"weeks; you are at {weeks}) (Goom 2019)."
            )
    else:
        minutes = level.total_min
        run, walk = level.run_interval_min, level.walk_interval_min
        kind = "continuous" if level.continuous else "walk_run"
        reason = {
            "start": f"Level {level.number}: the first level of the walk-run plan.",
            "moved_up": f"Level {level.number}: you moved up after {status.needed} symptom-free sessions.",
            "repeat": f"Level {level.number} again: a session at this level brought symptoms, so you repeat it.",
            "stepped_back": f"Level {level.number}: you stepped back a level because symptoms "
            f"came again or were strong.",
            "restart": f"Level {level.number}: more than {RESTART_AFTER_DAYS} days without "
            f"running, so you start again from level 1.",
        }[status.last_change]
        if status.symptom_free_sessions_at_level:
            reason += (
                f" {status.symptom_free_sessions_at_level} of {status.needed} symptom-free sessions done at this level."
            )

    rounds = 1 if walk == 0 else (level.repeats if not status.plan_complete else 1)
    total, run_total = minutes, (minutes if walk == 0 else level.run_min)

    cap = single_run_cap(history, today)
    if cap is not None and total > cap + 1e-9:
        rounds, total, run_total = _fit(run, walk, cap)
        notes.append(
            f"Cut to {_fmt(total)} min: no run more than 110% of your longest in the "
            f"last 30 days ({_fmt(longest_recent_run(history, today) or 0)} min) "
            f"(Frandsen 2025)."
        )
    allowance = weekly_allowance(history, today)
    if total > allowance.remaining + 1e-9:
        if allowance.remaining < MIN_SESSION_MIN:
            return _rest(
                level.number,
                f"Rest: you have run {_fmt(allowance.this_week)} min in the "
                f"last 7 days, the most for this week (10% over the week before, "
                f"Deering 2024).",
            )
        rounds, total, run_total = _fit(run, walk, allowance.remaining)
        notes.append(
            f"Cut to {_fmt(total)} min to keep this week within "
            f"{_fmt(allowance.limit)} min (about 10% over the week before, Deering 2024)."
        )
    if walk and rounds * (run + walk) > total + 1e-9:
        notes.append(f"Stop at {_fmt(total)} min: the last round is shorter.")
    return Session(kind, level.number, run, walk, rounds, total, run_total, reason, tuple(notes))


# ---------------------------------------------------------------- checking a planned run


def check_planned_run(
    duration_min: float, history: History, today: date, *, kind: str | None = None, profile: Profile | None = None
) -> list[str]:
    """Warnings (plain sentences) for a run she plans today of `duration_min` minutes:
    an open red flag; more than 110% of her longest run in the past 30 days (Frandsen 2025);
    the last 7 days rising past the weekly allowance (Deering 2024); with `kind` and
    `profile`: buggy before 26 weeks, hills/speed/buggy before the walk-run levels are done.
    An empty list means no warning."""
    warnings: list[str] = []
    if history.records.open_red_flags:
        warnings.append("You have an open red flag: running is paused until you mark it resolved.")
    longest = longest_recent_run(history, today)
    if longest is None:
        if duration_min > LEVELS[0].total_min:
            warnings.append(
                f"No runs in the last {LONGEST_RUN_WINDOW_DAYS} days: start again at level 1 ({LEVELS[0].describe()})."
            )
    elif over_single_run_cap(duration_min, longest):
        warnings.append(
            f"{_fmt(duration_min)} min is more than 110% of your longest run in the "
            f"last {LONGEST_RUN_WINDOW_DAYS} days ({_fmt(longest)} min): keep it to "
            f"{_fmt(math.floor(single_run_limit_min(longest) + 1e-9))} min or less. Runs "
            f"more than 10% longer than that were linked to more injuries "
            f"(Frandsen 2025)."
        )
    allowance = weekly_allowance(history, today)
    week = allowance.this_week + duration_min
    if week > allowance.limit + 1e-9:
        warnings.append(
            f"That brings your running in the last 7 days to {_fmt(week)} min, over "
            f"this week's {_fmt(allowance.limit)} min (10% more than the week before, "
            f"{_fmt(allowance.previous_week)} min, or {_fmt(WEEKLY_BASE_MIN)} min while you "
            f"build up) (Deering 2024)."
        )
    if profile is not None and kind is not None:
        weeks = models.weeks_since(profile.birth_date, today)
        if kind == "buggy" and weeks < BUGGY_FROM_WEEKS:
            warnings.append(
                f"Running with a buggy is not advised before about 6 months "
                f"({BUGGY_FROM_WEEKS} weeks); you are at {weeks} weeks (Goom 2019)."
            )
        if kind in ("hills_speed", "buggy") and not current_level(profile, history, today).plan_complete:
            warnings.append(
                "Hills, speed and the buggy come after the walk-run levels, one at a "
                "time: finish the levels first (Deering 2024)."
            )
    return warnings


def describe_level(level: Level) -> str:
    """'Level 3: run 1 min, walk 1 min, x15 (30 min)'; 'Level 10: 30 min continuous easy running'."""
    if level.continuous:
        return f"Level {level.number}: {level.describe()}"
    return f"Level {level.number}: {level.describe()} ({_fmt(level.total_min)} min)"
