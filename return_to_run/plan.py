"""The walk-run plan: where she is on the levels, the next session, and checks on a run.

Pure functions over the profile and History with `today` passed in. The plan moves on what
she ran and how it felt, not on the calendar (Deering 2024 [V]: start with walk-run, change
one parameter at a time, modify for pelvic and musculoskeletal symptoms, sleep, lactation,
mental health). The levels and modifiers are in levels.py; the two volume caps in volume.py.

Rules (numbers are module constants; sources in docs/clinical-rules.md):
- A symptom-free session counts towards moving up (levels.sessions_needed).
- Placement from what she ran: when at least PLACEMENT_MIN_SESSIONS symptom-free runs in the
  PLACEMENT_WINDOW_DAYS up to a session cover a higher level (levels.level_covered:
  imported runs included, 30 min continuous covers level 10), she is placed there. Runs
  before she passed the tests count only once she confirmed "I already run, start me where
  I am" (placement_confirmed).
- Pelvic symptoms with a session (leakage, heaviness, pelvic/back/scar pain, bowel
  leakage, bleeding that is not her period): the first mild one repeats the level; a second
  at the level, or a marked one (worst pelvic score >= 4, more than drops, bowel leakage,
  bleeding) steps back one level.
- Joint or bone pain (hip, knee, foot/ankle): pain >= 5/10 at one site after 3 of her last
  4 runs, or 7/10 once, steps back ONE level and names the site for a physiotherapist;
  milder joint pain only keeps that session from counting (app rule, in the spirit of pain
  monitoring: Deering 2024 [V] modify for musculoskeletal symptoms).
- More than 30 days without running: level 1 again.
- Each suggested session stays within both caps, in running minutes (volume.py). Below
  MIN_SESSION_RUN_MIN of running left, the day is a rest day.
- On the walk-run levels a rest day follows each running day (app design).
- Hills, speed and buggy running come after the levels, one at a time; the buggy not
  before 26 weeks (~6 months) after birth (Goom 2019 [V2]).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from . import caps, levels, models, mood
from .caps import (
    MIN_SESSION_RUN_MIN,
    longest_in_window,
    longest_recent_run,
    next_session_date,
    over_single_run_cap,
    planned_running_min,
    single_run_cap,
    single_run_limit_min,
    weekly_allowance,
)
from .levels import FINAL_LEVEL, LEVELS, Level, fmt_min, level_covered, sessions_needed
from .models import History, Profile
from .records import SymptomRecord
from .symptoms import entries_by_run, is_period, joint_pain_by_site, open_flags, running_sessions

# The levels and modifiers live in levels.py, the caps in caps.py; these names stay here for their callers.
WeeklyAllowance = caps.WeeklyAllowance
MODIFIERS = levels.MODIFIERS
Modifier = levels.Modifier
modifiers_for = levels.modifiers_for
describe_level = levels.describe_level
SESSIONS_TO_PROGRESS = levels.SESSIONS_TO_PROGRESS
MAX_SESSIONS_TO_PROGRESS = levels.MAX_SESSIONS_TO_PROGRESS

MARKED_SEVERITY_0_10 = 4  # a pelvic score this strong steps her back at once
RESTART_AFTER_DAYS = 30  # no running session for more than this -> level 1 again
BUGGY_FROM_WEEKS = 26  # Goom 2019 [V2]: running with a buggy not before ~6 months
PLACEMENT_WINDOW_DAYS = 21  # her recent running: the last 3 weeks
PLACEMENT_MIN_SESSIONS = 2  # a pattern, not one lucky run
JOINT_PAIN_REPEAT_0_10 = 5  # pain at one joint this strong...
JOINT_PAIN_REPEAT_RUNS = 3  # ...after this many...
JOINT_PAIN_LAST_RUNS = 4  # ...of her last runs, or
JOINT_PAIN_STRONG_0_10 = 7  # this strong once: step back one level, see a physiotherapist
DEERING = levels.DEERING


@dataclass(frozen=True)
class LevelStatus:
    """Where she is on the walk-run levels.

    last_change: 'start', 'moved_up', 'placed' (from what she ran), 'repeat',
    'stepped_back' or 'restart'; last_change_date: the session that caused it (None for
    'start' and a restart decided today). plan_complete: `needed` symptom-free sessions at
    the final level (building_running). joint_site: the pain site (models.PAIN_SITES) that
    caused the last step back, if joint pain did; stepped_back_from: the level left then.
    """

    level: Level
    symptom_free_sessions_at_level: int
    needed: int
    last_change: str
    last_change_date: date | None = None
    plan_complete: bool = False
    sessions_counted: int = 0
    last_session_date: date | None = None
    joint_site: str | None = None
    stepped_back_from: int | None = None


def _pelvic_symptom(entry: SymptomRecord) -> bool:
    """Anything but joint pain: leakage, heaviness, pain at a pelvic or other site, bowel
    leakage, bleeding that is not her period."""
    return (
        entry.leakage != "none"
        or entry.heaviness_0_10 > 0
        or any(entry.pain_at(site) > 0 for site in (*models.PELVIC_PAIN_SITES, "other"))
        or entry.bowel_leakage
        or (entry.bleeding != "none" and not is_period(entry))
    )


def _marked(entry: SymptomRecord) -> bool:
    """A pelvic symptom strong enough to step back straight away."""
    worst = max(entry.heaviness_0_10, *(entry.pain_at(s) for s in (*models.PELVIC_PAIN_SITES, "other")))
    return (
        worst >= MARKED_SEVERITY_0_10
        or entry.leakage == "more"
        or entry.bowel_leakage
        or (entry.bleeding != "none" and not is_period(entry))
    )


def _joint_trigger(recent: list[dict[str, float]]) -> str | None:
    """The joint site that steps her back after the newest of `recent` runs (oldest first,
    site -> worst score), or None: 7/10 now, or >= 5/10 now and in 3 of the last 4 runs."""
    now = recent[-1]
    for site in models.JOINT_PAIN_SITES:
        score = now.get(site, 0.0)
        if score >= JOINT_PAIN_STRONG_0_10:
            return site
        window = recent[-JOINT_PAIN_LAST_RUNS:]
        if (
            score >= JOINT_PAIN_REPEAT_0_10
            and sum(r.get(site, 0.0) >= JOINT_PAIN_REPEAT_0_10 for r in window) >= JOINT_PAIN_REPEAT_RUNS
        ):
            return site
    return None


def _placement(evidence: list[tuple[date, int]], day: date) -> tuple[int, int]:
    """(level number, sessions covering it) placed by the symptom-free runs in `evidence`
    ((date, level covered)) dated in the 21 days up to `day`; (0, 0) when none."""
    recent = [covered for when, covered in evidence if (day - when).days < PLACEMENT_WINDOW_DAYS]
    for number in range(len(LEVELS), 0, -1):
        count = sum(covered >= number for covered in recent)
        if count >= PLACEMENT_MIN_SESSIONS:
            return number, count
    return 0, 0


def current_level(
    profile: Profile,
    history: History,
    today: date,
    *,
    since: date | None = None,
    placement_confirmed: bool = False,
) -> LevelStatus:
    """Replay her running sessions dated on or before `today` (and on or after `since`, the
    day she passed the tests; with placement_confirmed also the 21 days before today) and
    return her level (rules in the module docstring)."""
    needed = sessions_needed(profile, low_mood=mood.low_mood_now(history, today))
    every_session = running_sessions(history.records)
    start = since
    if since is not None and placement_confirmed:
        start = min(since, today - timedelta(days=PLACEMENT_WINDOW_DAYS))
    sessions = [s for s in every_session if s.run_date <= today and (start is None or s.run_date >= start)]
    linked = entries_by_run(every_session, [e for e in history.records.symptoms if e.symptom_date <= today])

    index, count, symptomatic_here = 0, 0, 0
    change, change_date, complete, previous = "start", None, False, None
    joint_site, stepped_from = None, None
    joints: list[dict[str, float]] = []
    evidence: list[tuple[date, int]] = []  # symptom-free runs since the last setback
    for session in sessions:
        day = session.run_date
        if previous is not None and (day - previous).days > RESTART_AFTER_DAYS:
            index, count, symptomatic_here, complete = 0, 0, 0, False
            change, change_date, joints, evidence = "restart", day, [], []
        previous = day
        entries = linked.get(session.id, [])
        pelvic = [e for e in entries if _pelvic_symptom(e)]
        joints.append(joint_pain_by_site(entries))
        site = _joint_trigger(joints)
        if pelvic or site or any(joints[-1].values()):
            complete, count, evidence = False, 0 if (pelvic or site) else count, []
            change, change_date = "repeat", day
            if pelvic:
                symptomatic_here += 1
            step = bool(site) or (pelvic and (any(_marked(e) for e in pelvic) or symptomatic_here >= 2))
            if step and index > 0:
                stepped_from, index = index + 1, index - 1
                symptomatic_here, change = 0, "stepped_back"
                joint_site = site
                joints = [] if site else joints
            continue
        count += 1
        evidence.append((day, level_covered(session)))
        placed, covering = _placement(evidence, day)
        if placed - 1 > index:
            index, count, symptomatic_here = placed - 1, covering, 0
            change, change_date = "placed", day
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
        joint_site=joint_site if change == "stepped_back" else None,
        stepped_back_from=stepped_from if change == "stepped_back" else None,
    )


# ---------------------------------------------------------------- the next session


@dataclass(frozen=True)
class Session:
    """A suggested session. kind: 'walk_run', 'continuous' or 'rest' (then the numbers are
    0 and `next_date` says when the next session is). repeats counts rounds, a shortened
    last round included (its run interval: last_run_interval_min); total_min and run_min
    (running minutes) are minutes."""

    kind: str
    level_number: int
    run_interval_min: float
    walk_interval_min: float
    repeats: int
    total_min: float
    run_min: float
    reason: str
    notes: tuple[str, ...] = ()
    next_date: date | None = None
    last_run_interval_min: float | None = None


def _fit(run: float, walk: float, repeats: int, most_running: float) -> tuple[int, float, float, float | None]:
    """The pattern cut to `most_running` running minutes: (rounds, total, running, last
    round's run interval or None). Whole rounds, then a last one shortened to half minutes."""
    if walk == 0:
        minutes = float(math.floor(most_running + 1e-9))
        return 1, minutes, minutes, None
    full = min(int(most_running / run + 1e-9), repeats)
    part = math.floor((most_running - full * run) * 2 + 1e-9) / 2 if full < repeats else 0.0
    rounds = full + (1 if part > 0 else 0)
    running = full * run + part
    return rounds, rounds * walk + running, running, (part if part > 0 else None)


def _ran_on(history: History, day: date) -> bool:
    return any(s.run_date == day for s in running_sessions(history.records))


STOP_AND_WALK = (
    "If leakage, heaviness, dragging or pain comes on during a run interval, stop "
    "and walk for the rest of the session, and log it (Deering 2024)."
)


def _rest(status: LevelStatus, history: History, today: date, reason: str) -> Session:
    on_levels = not status.plan_complete
    return Session(
        "rest",
        status.level.number,
        0,
        0,
        0,
        0,
        0,
        reason,
        next_date=next_session_date(history, today, on_levels=on_levels),
    )


def _reason(status: LevelStatus) -> str:
    number = status.level.number
    if status.last_change == "stepped_back" and status.joint_site:
        where = models.mid_sentence(models.PAIN_SITES[status.joint_site])
        text = (
            f"Level {number}: one level back from {status.stepped_back_from}, because {where} pain came "
            "back after your runs. See a physiotherapist about your " + where + "."
        )
    else:
        text = {
            "start": f"Level {number}: the first level of the walk-run plan.",
            "moved_up": f"Level {number}: you moved up after {status.needed} symptom-free sessions.",
            "placed": f"Level {number}: placed from the symptom-free running you did in the last 3 weeks.",
            "repeat": f"Level {number} again: your last session brought symptoms, so you repeat it.",
            "stepped_back": f"Level {number}: one level back from {status.stepped_back_from}, because "
            "symptoms came again or were strong.",
            "restart": f"Level {number}: more than {RESTART_AFTER_DAYS} days without running, so you start "
            "again from level 1.",
        }[status.last_change]
    if status.symptom_free_sessions_at_level:
        text += f" {status.symptom_free_sessions_at_level} of {status.needed} symptom-free sessions done at this level."
    return text


def suggest_session(
    profile: Profile, history: History, today: date, *, since: date | None = None, placement_confirmed: bool = False
) -> Session:
    """The next running session: her level's pattern within both caps (running minutes); a
    'rest' session (with next_date) if she has an open red flag, has run today, ran
    yesterday while on the levels, or has too little of the weekly cap left. Does not check
    the phase (guidance only asks in the running phases)."""
    status = current_level(profile, history, today, since=since, placement_confirmed=placement_confirmed)
    level = status.level
    if open_flags(history):
        labels = ", ".join(models.mid_sentence(flag.label) for flag in open_flags(history))  # keeps "°C"
        return Session("rest", level.number, 0, 0, 0, 0, 0, f"Training is paused while a red flag is open ({labels}).")
    if _ran_on(history, today):
        return _rest(status, history, today, "You have run today; the next session is after a rest day.")
    if not status.plan_complete and _ran_on(history, today - timedelta(days=1)):
        return _rest(status, history, today, "Rest day: on the walk-run levels, leave a day between runs.")

    notes: list[str] = [STOP_AND_WALK]
    cap = single_run_cap(history, today)
    if status.plan_complete:
        longest = longest_in_window([s for s in running_sessions(history.records) if s.kind != "walk_run"], today)
        run, walk, repeats = max(float(math.floor(longest or 0)), FINAL_LEVEL.run_min), 0.0, 1
        kind = "continuous"
        reason = f"You have finished the walk-run levels: repeat your longest recent run ({fmt_min(run)} min)."
        if cap is not None:
            notes.append(
                f"Volume first: a run can grow to {fmt_min(math.floor(cap))} min "
                "(110% of your longest in 30 days, Frandsen 2025)."
            )
        notes.append("Then change one thing at a time: speed or hills (Deering 2024).")
        weeks = models.weeks_since(profile.birth_date, today)
        notes.append(
            "Running with the buggy can be your one new thing (from about 6 months, Goom 2019)."
            if weeks >= BUGGY_FROM_WEEKS
            else f"Running with the buggy waits until about 6 months ({BUGGY_FROM_WEEKS} weeks; you are at {weeks}) "
            "(Goom 2019)."
        )
    else:
        run, walk, repeats = level.run_interval_min, level.walk_interval_min, level.repeats
        kind = "continuous" if level.continuous else "walk_run"
        reason = _reason(status)

    rounds, total, running, last = repeats, run * repeats + walk * repeats, run * repeats, None
    if cap is not None and running > cap + 1e-9:
        rounds, total, running, last = _fit(run, walk, repeats, cap)
        notes.append(
            f"Cut to {fmt_min(running)} min of running: no run more than 110% of your longest in the last "
            f"30 days ({fmt_min(longest_recent_run(history, today) or 0)} min of running) (Frandsen 2025)."
        )
    allowance = weekly_allowance(history, today)
    if running > allowance.remaining + 1e-9:
        if allowance.remaining < MIN_SESSION_RUN_MIN:
            return _rest(
                status,
                history,
                today,
                f"Rest: your running this week ({fmt_min(allowance.this_week)} min) has reached this week's "
                f"{fmt_min(allowance.limit or 0)} min, about 10% more than last week (Deering 2024).",
            )
        rounds, total, running, last = _fit(run, walk, repeats, min(running, allowance.remaining))
        notes.append(
            f"Cut to {fmt_min(running)} min of running to keep this week within {fmt_min(allowance.limit or 0)} "
            f"min (about 10% more than last week's {fmt_min(allowance.previous_week)}, Deering 2024)."
        )
    if last is not None:
        notes.append(f"The last round is shorter: run {fmt_min(last)} min.")
    return Session(kind, level.number, run, walk, rounds, total, running, reason, tuple(notes), None, last)


# ---------------------------------------------------------------- checking a run she types


def check_planned_run(
    duration_min: float,
    history: History,
    today: date,
    *,
    kind: str | None = None,
    profile: Profile | None = None,
    run_interval_min: float | None = None,
    walk_interval_min: float | None = None,
    interval_repeats: float | None = None,
) -> list[str]:
    """Warnings (plain sentences) for a run dated `today` (any date: a past run is checked
    against the weeks around it) of `duration_min` minutes, in running minutes: more than
    110% of her longest run in the 30 days before (Frandsen 2025); her week going over the
    weekly cap (Deering 2024); with `kind` and `profile`: buggy before 26 weeks, hills, speed
    or buggy before the walk-run levels are done. An empty list means no warning."""
    pattern = {
        "run_interval_min": run_interval_min,
        "walk_interval_min": walk_interval_min,
        "interval_repeats": interval_repeats,
    }
    running = planned_running_min(duration_min, kind, **pattern)
    warnings: list[str] = []
    if running <= 0:
        return warnings
    longest = longest_recent_run(history, today)
    if longest is None:
        if running > LEVELS[0].run_min + 1e-9:
            warnings.append(
                f"No runs in the last {caps.LONGEST_RUN_WINDOW_DAYS} days: start again at level 1 "
                f"({LEVELS[0].describe()}, {fmt_min(LEVELS[0].run_min)} min of running)."
            )
    elif over_single_run_cap(running, longest):
        warnings.append(
            f"{fmt_min(running)} min of running is more than 110% of your longest run in the last "
            f"{caps.LONGEST_RUN_WINDOW_DAYS} days ({fmt_min(longest)} min of running): keep it to "
            f"{fmt_min(math.floor(single_run_limit_min(longest) + 1e-9))} min or less. Runs more than "
            "10% longer than that were linked to more injuries (Frandsen 2025)."
        )
    allowance = weekly_allowance(history, today)
    week = allowance.this_week + running
    if allowance.limit is not None and week > allowance.limit + 1e-9:
        warnings.append(
            f"That brings your running in the week of {allowance.week_start:%a} {allowance.week_start.day} "
            f"{allowance.week_start:%b} to {fmt_min(week)} min, "
            f"over {fmt_min(allowance.limit)} min: about 10% more than the week before "
            f"({fmt_min(allowance.previous_week)} min), or {fmt_min(caps.TINY_WEEK_ALLOWANCE_MIN)} min more "
            "for a small week (Deering 2024)."
        )
    if profile is not None and kind is not None:
        weeks = models.weeks_since(profile.birth_date, today)
        if kind == "buggy" and weeks < BUGGY_FROM_WEEKS:
            warnings.append(
                f"Running with a buggy is not advised before about 6 months ({BUGGY_FROM_WEEKS} weeks); "
                f"you are at {weeks} weeks (Goom 2019)."
            )
        if kind in ("hills_speed", "buggy") and not current_level(profile, history, today).plan_complete:
            warnings.append(
                "Hills, speed and the buggy come after the walk-run levels, one at a time: finish the "
                "levels first (Deering 2024)."
            )
    return warnings
