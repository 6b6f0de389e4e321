"""The validators, one per kind of record: each takes a raw mapping (strings from a form
or a file are fine) and returns `(clean, problems)`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from .. import models
from .checker import (
    FASTEST_PACE_MIN_PER_KM,
    MAX_DAYS_BEFORE_BIRTH,
    MAX_DISTANCE_KM,
    MAX_DURATION_MIN,
    MAX_RECORD_ID,
    MAX_TEXT_CHARS,
    SLOWEST_PACE_MIN_PER_KM,
    Checker,
    Problem,
)
from .fast_run import typed_run


def validate_profile(raw: Mapping, *, today: date) -> tuple[dict, list[Problem]]:
    """Check a profile; the birth date may be up to 20 weeks ahead (she can set up in late pregnancy)."""
    c = Checker(raw)
    birth_date = c.date("birth_date", today=today + timedelta(weeks=20))
    clean = {
        "birth_date": birth_date,
        "birth_type": c.choice("birth_type", models.BIRTH_TYPES),
        "perineal_tear": c.choice("perineal_tear", models.PERINEAL_TEARS, default="unknown"),
        "feeding": c.choice("feeding", models.FEEDING),
        "leaked_before_or_during_pregnancy": c.flag("leaked_before_or_during_pregnancy"),
        "running_background": c.choice("running_background", models.RUNNING_BACKGROUNDS),
        "previous_running_injury": c.flag("previous_running_injury"),
        "short_sleep_or_high_fatigue": c.flag("short_sleep_or_high_fatigue"),
        "units": c.choice("units", models.UNITS, default="km"),
        "weight_kg": c.number("weight_kg", required=False, low=30, high=250, unit=" kg"),
        # Optional: asked once for the helplines; NULL until she answers.
        "country": c.choice("country", models.COUNTRIES) if c.value("country") is not None else None,
    }
    return clean, c.problems


def validate_run(raw: Mapping, *, today: date) -> tuple[dict, list[Problem]]:
    """Check a run. Distance is `distance_km` (convert from miles before calling)."""
    clean = typed_run(raw, today)
    if clean is not None:
        return clean, []
    return validate_run_fields(raw, today)


def validate_run_fields(raw: Mapping, today: date) -> tuple[dict, list[Problem]]:
    """`validate_run` field by field: every problem named."""
    c = Checker(raw)
    kind = c.choice("kind", models.RUN_KINDS)
    clean = {
        "run_date": c.date("run_date", today=today),
        "duration_min": c.number(
            "duration_min", required=True, low=0, low_inclusive=False, high=MAX_DURATION_MIN, unit=" min"
        ),
        "distance_km": c.number(
            "distance_km", required=False, low=0, low_inclusive=False, high=MAX_DISTANCE_KM, unit=" km"
        ),
        "kind": kind,
        "run_interval_min": None,
        "walk_interval_min": None,
        "interval_repeats": None,
        "effort_1_10": c.number("effort_1_10", required=False, low=1, high=10, integer=True),
        "notes": c.text("notes"),
        "source": str(raw.get("source") or "manual"),
        "source_id": raw.get("source_id") or None,
    }
    # Optional fields from an import: only present in `clean` when given, so a form's row stays as it was.
    if raw.get("title") not in (None, ""):
        clean["title"] = c.text("title")
    if raw.get("start_time") not in (None, ""):
        clean["start_time"] = c.timestamp("start_time")
    for name in ("source", "source_id"):
        if clean[name] is not None:
            clean[name] = str(clean[name])
            if len(clean[name]) > MAX_TEXT_CHARS:
                c.fail(name, f"is {len(clean[name])} characters long; the limit is {MAX_TEXT_CHARS}.")
    if kind == "walk_run":
        clean["run_interval_min"] = c.number(
            "run_interval_min", required=True, low=0, low_inclusive=False, high=60, unit=" min"
        )
        clean["walk_interval_min"] = c.number(
            "walk_interval_min", required=True, low=0, low_inclusive=False, high=60, unit=" min"
        )
        clean["interval_repeats"] = c.number("interval_repeats", required=True, low=1, high=60, integer=True)
        run_interval, repeats = clean["run_interval_min"] or 0, clean["interval_repeats"] or 0
        run_min = run_interval * repeats
        # A last round cut short (plan.Session, records.walk_run_running_min) keeps every walk:
        # the session is then at least the full rounds before it with their walks.
        shortest = min(run_min, run_min - run_interval + (clean["walk_interval_min"] or 0) * repeats)
        if clean["duration_min"] and shortest > clean["duration_min"]:
            needs = "" if shortest == run_min else f" (at least {shortest:g} min with a shortened last round)"
            c.fail(
                "duration_min",
                f"is {clean['duration_min']:g} min, shorter than the {run_min:g} min of "
                f"running in the walk-run pattern{needs}.",
            )
    duration, distance = clean["duration_min"], clean["distance_km"]
    if duration and distance:
        pace = duration / distance
        if pace < FASTEST_PACE_MIN_PER_KM:
            c.fail(
                "distance_km",
                f"{distance:g} km in {duration:g} min is {pace:.2f} min/km, faster "
                "than anyone runs; check the distance, the duration and the units.",
            )
        elif pace > SLOWEST_PACE_MIN_PER_KM:
            c.fail(
                "distance_km",
                f"{distance:g} km in {duration:g} min is {pace:.0f} min/km, slower "
                "than walking; check the distance, the duration and the units.",
            )
    return clean, c.problems


def validate_symptom(raw: Mapping, *, today: date, birth_date: date | None = None) -> tuple[dict, list[Problem]]:
    """Check a symptom entry. Severities are 0-10; missing ones count as 0."""
    c = Checker(raw)
    symptom_date = c.date("symptom_date", today=today)
    if symptom_date and birth_date and symptom_date < birth_date - timedelta(days=MAX_DAYS_BEFORE_BIRTH):
        c.fail(
            "symptom_date",
            f"{symptom_date.isoformat()} is more than a year before the birth "
            f"({birth_date.isoformat()}); check the year.",
        )
    clean = {
        "symptom_date": symptom_date,
        "run_id": c.number("run_id", required=False, low=1, high=2**62, integer=True),
        "timing": c.choice("timing", models.SYMPTOM_TIMINGS, default="not_linked"),
        "leakage": c.choice("leakage", models.LEAKAGE_LEVELS, default="none"),
        "heaviness_0_10": c.number("heaviness_0_10", required=False, low=0, high=10, integer=True) or 0,
        **{col: (c.number(col, required=False, low=0, high=10, integer=True) or 0) for col in models.PAIN_COLUMNS},
        "bleeding": c.choice("bleeding", models.BLEEDING_LEVELS, default="none"),
        "bleeding_heavier_with_activity": c.flag("bleeding_heavier_with_activity"),
        "bleeding_is_period": c.flag("bleeding_is_period"),
        "bowel_leakage": c.flag("bowel_leakage"),
        "notes": c.text("notes"),
    }
    if clean["bleeding"] == "none":
        # Nothing to qualify: no bleeding is never "heavier with activity" or a period.
        clean["bleeding_heavier_with_activity"] = False
        clean["bleeding_is_period"] = False
    return clean, c.problems


def validate_mood(raw: Mapping, *, today: date) -> tuple[dict, list[Problem]]:
    """Check a weekly mood check: a date and a yes or a no to each of the two questions
    (NICE CG192). An unanswered question is a problem, never read as no: a screening
    answer is not guessed."""
    c = Checker(raw)
    clean = {"check_date": c.date("check_date", today=today)}
    for name in ("low_mood", "little_interest"):
        if c.value(name) is None:
            c.fail(name, "needs a yes or a no.")
            clean[name] = None
        else:
            clean[name] = c.flag(name)
    return clean, c.problems


def validate_readiness(raw: Mapping, *, today: date) -> tuple[dict, list[Problem]]:
    """Check one readiness test result. Strength tests need reps; load tests need completed."""
    c = Checker(raw)
    code = c.choice("test_code", models.READINESS_TESTS)
    clean = {
        "test_date": c.date("test_date", today=today),
        "test_code": code,
        "completed": c.flag("completed"),
        "had_symptoms": c.flag("had_symptoms"),
        "reps_left": None,
        "reps_right": None,
        "notes": c.text("notes"),
    }
    if code in models.STRENGTH_TESTS:
        clean["reps_left"] = c.number("reps_left", required=True, low=0, high=500, integer=True)
        clean["reps_right"] = c.number("reps_right", required=True, low=0, high=500, integer=True)
        clean["completed"] = True
    return clean, c.problems


def validate_foundation(raw: Mapping, *, today: date) -> tuple[dict, list[Problem]]:
    """Check a pelvic floor or strength session."""
    c = Checker(raw)
    clean = {
        "session_date": c.date("session_date", today=today),
        "activity": c.choice("activity", models.FOUNDATION_ACTIVITIES),
        "duration_min": c.number(
            "duration_min", required=True, low=0, low_inclusive=False, high=MAX_DURATION_MIN, unit=" min"
        ),
        "notes": c.text("notes"),
    }
    return clean, c.problems


def validate_red_flag(raw: Mapping, *, today: date, known_codes: Mapping | Iterable[str]) -> tuple[dict, list[Problem]]:
    """Check a red flag: a code the app knows, dated, optionally resolved (not before it was
    raised, not in the future) with a note within the text limit."""
    c = Checker(raw)
    code = c.value("flag_code")
    if code is None:
        c.fail("flag_code", "is missing.")
    elif str(code) not in known_codes:
        c.fail("flag_code", f"'{code}' is not a red flag this app knows.")
        code = None
    flagged = c.date("flagged_date", today=today)
    resolved = c.date("resolved_date", today=today) if c.value("resolved_date") is not None else None
    if flagged and resolved and resolved < flagged:
        c.fail(
            "resolved_date",
            f"{resolved.isoformat()} is before the flag was raised ({flagged.isoformat()}).",
        )
    clean = {
        "flag_code": None if code is None else str(code),
        "flagged_date": flagged,
        "symptom_id": c.number("symptom_id", required=False, low=1, high=MAX_RECORD_ID, integer=True),
        "resolved_date": resolved,
        "resolved_note": c.text("resolved_note"),
    }
    return clean, c.problems


def validate_lesson_progress(raw: Mapping, *, today: date) -> tuple[dict, list[Problem]]:
    """Check a 'lesson read' mark: a slug (letters, digits, dashes) and the day it was read."""
    c = Checker(raw)
    slug = c.value("slug")
    if slug is None:
        c.fail("slug", "is missing.")
    elif not isinstance(slug, str) or len(slug) > 200 or not all(ch.isalnum() or ch in "-_" for ch in slug):
        c.fail("slug", f"'{str(slug)[:50]}' is not a lesson name.")
        slug = None
    return {"slug": slug, "read_date": c.date("read_date", today=today)}, c.problems
