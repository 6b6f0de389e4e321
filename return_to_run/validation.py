"""Validation shared by every entry path: forms, imports and restores.

Each validate_* function takes a raw mapping (strings from a form or a file are fine)
and returns `(clean, problems)`: `clean` holds typed values ready for storage, and
`problems` lists every problem at once, each naming the field. Storage refuses to
write a record that has problems, so nothing unvalidated reaches the database.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from . import models

MAX_DURATION_MIN = 600  # 10 hours: longer than any run she would log here
MAX_DISTANCE_KM = 100
# Pace bounds: faster than 2:30 min/km (24 km/h) is beyond elite sprint pace held
# for minutes; slower than 60 min/km is not moving and usually means a unit mistake.
FASTEST_PACE_MIN_PER_KM = 2.5
SLOWEST_PACE_MIN_PER_KM = 60.0
# One length limit for every text field she types or a file brings (notes, titles, the
# red-flag resolve note): long enough for any real note, short enough for the PDF to lay out.
MAX_TEXT_CHARS = 2000
MAX_NOTES_CHARS = MAX_TEXT_CHARS  # the same limit, under the name importers and forms use
# Record ids are SQLite rowids; a backup's ids beyond this are not ours (2**62 leaves room).
MAX_RECORD_ID = 2**62
# A symptom entry can predate the birth (pregnancy symptoms), but not by years.
MAX_DAYS_BEFORE_BIRTH = 366
EARLIEST_DATE = date(1950, 1, 1)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field; `message` is written for her to read."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class ValidationError(ValueError):
    """Raised by storage when asked to write a record that has problems."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


FIELD_LABELS = {
    "run_date": "Date",
    "symptom_date": "Date",
    "test_date": "Date",
    "session_date": "Date",
    "birth_date": "Birth date",
    "duration_min": "Duration (min)",
    "distance_km": "Distance",
    "kind": "Kind",
    "run_interval_min": "Run interval (min)",
    "walk_interval_min": "Walk interval (min)",
    "interval_repeats": "Repeats",
    "effort_1_10": "Effort (1-10)",
    "notes": "Notes",
    "timing": "When it came",
    "leakage": "Leakage",
    "heaviness_0_10": "Heaviness or pressure (0-10)",
    "bleeding": "Bleeding",
    "bleeding_heavier_with_activity": "Bleeding heavier with activity",
    "bleeding_is_period": "I think this is my period",
    "country": "Country",
    "check_date": "Date",
    "low_mood": "Feeling down, depressed or hopeless",
    "little_interest": "Little interest or pleasure in doing things",
    "test_code": "Test",
    "reps_left": "Reps, left side",
    "reps_right": "Reps, right side",
    "activity": "Activity",
    "weight_kg": "Weight (kg)",
    "title": "Title",
    "start_time": "Start time",
    "flag_code": "Red flag",
    "flagged_date": "Flagged on",
    "resolved_date": "Resolved on",
    "resolved_note": "Note",
    "slug": "Lesson",
    "read_date": "Read on",
    **{f"pain_{site}_0_10": f"Pain: {label.lower()} (0-10)" for site, label in models.PAIN_SITES.items()},
}


def label(field_name: str) -> str:
    """The name a field has on screen, for messages."""
    return FIELD_LABELS.get(field_name, field_name.replace("_", " ").capitalize())


YES_WORDS = ("1", "true", "yes", "y")
NO_WORDS = ("0", "false", "no", "n")


class _Checker:
    """Collects problems while reading a raw mapping field by field."""

    def __init__(self, raw: Mapping):
        self.raw = raw
        self.problems: list[Problem] = []

    def fail(self, field_name: str, message: str) -> None:
        self.problems.append(Problem(label(field_name), message))

    def _value(self, name: str):
        value = self.raw.get(name)
        if isinstance(value, str):
            value = value.strip()
            if value == "":
                return None
        if isinstance(value, float) and math.isnan(value):
            return None
        if value is not None and type(value).__name__ in ("NAType", "NaTType"):
            return None  # pandas' missing markers: bool(pd.NA) raises, NaT is not a date
        return value

    def date(self, name: str, *, today: date, allow_future: bool = False) -> date | None:
        value = self._value(name)
        if value is None:
            self.fail(name, "is missing.")
            return None
        if isinstance(value, datetime):
            value = value.date()
        if not isinstance(value, date):
            try:
                value = date.fromisoformat(str(value))
            except ValueError:
                self.fail(name, f"'{value}' is not a date (use YYYY-MM-DD).")
                return None
        if value < EARLIEST_DATE:
            self.fail(name, f"{value.isoformat()} is before {EARLIEST_DATE.year}.")
            return None
        if not allow_future and value > today:
            self.fail(name, f"{value.isoformat()} is in the future.")
            return None
        return value

    def number(
        self,
        name: str,
        *,
        required: bool,
        low: float,
        high: float,
        integer: bool = False,
        low_inclusive: bool = True,
        unit: str = "",
    ) -> float | int | None:
        value = self._value(name)
        if value is None:
            if required:
                self.fail(name, "is missing.")
            return None
        try:
            number = float(str(value).replace(",", ".")) if isinstance(value, str) else float(value)
        except (TypeError, ValueError):
            self.fail(name, f"'{value}' is not a number.")
            return None
        if math.isnan(number) or math.isinf(number):
            self.fail(name, f"'{value}' is not a number.")
            return None
        if integer and number != int(number):
            self.fail(name, f"must be a whole number, not {number:g}.")
            return None
        too_low = number < low if low_inclusive else number <= low
        if too_low or number > high:
            lower = f"at least {low:g}" if low_inclusive else f"more than {low:g}"
            self.fail(name, f"must be {lower} and at most {high:g}{unit}; got {number:g}{unit}.")
            return None
        return int(number) if integer else number

    def choice(self, name: str, options: Mapping[str, str], *, default: str | None = None) -> str | None:
        value = self._value(name)
        if value is None:
            if default is not None:
                return default
            self.fail(name, "is missing.")
            return None
        if value not in options:
            allowed = ", ".join(options)
            self.fail(name, f"'{value}' is not one of: {allowed}.")
            return None
        return value

    def flag(self, name: str) -> bool:
        """Yes/no: a missing value is no; anything that is neither yes nor no is a problem
        (never guessed), so a test done with symptoms cannot count as done without."""
        value = self._value(name)
        if value is None:
            return False
        if isinstance(value, str):
            lowered = value.lower()
            if lowered in YES_WORDS:
                return True
            if lowered in NO_WORDS:
                return False
        elif isinstance(value, bool) or (isinstance(value, int | float) and value in (0, 1)):
            return bool(value)
        elif type(value).__name__ in ("bool_", "int64", "float64") and value in (0, 1):
            return bool(value)  # numpy scalars from a DataFrame row
        self.fail(name, f"'{value}' is not yes or no.")
        return False

    def text(self, name: str) -> str:
        value = self._value(name)
        if value is None:
            return ""
        text = str(value)
        if len(text) > MAX_TEXT_CHARS:
            self.fail(name, f"is {len(text)} characters long; the limit is {MAX_TEXT_CHARS}.")
        return text

    def timestamp(self, name: str) -> str | None:
        """An optional local time 'YYYY-MM-DDTHH:MM:SS' (seconds, no zone), as text."""
        value = self._value(name)
        if value is None:
            return None
        try:
            moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
        except ValueError:
            self.fail(name, f"'{value}' is not a time (use YYYY-MM-DDTHH:MM:SS).")
            return None
        if moment.tzinfo is not None:
            self.fail(name, f"'{value}' must be her local time, without a time zone.")
            return None
        if moment.date() < EARLIEST_DATE:
            self.fail(name, f"{moment.date().isoformat()} is before {EARLIEST_DATE.year}.")
            return None
        return moment.replace(microsecond=0).isoformat(timespec="seconds")


def validate_profile(raw: Mapping, *, today: date) -> tuple[dict, list[Problem]]:
    """Check a profile; the birth date may be up to 20 weeks ahead (she can set up in late pregnancy)."""
    c = _Checker(raw)
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
        "country": c.choice("country", models.COUNTRIES) if c._value("country") is not None else None,
    }
    return clean, c.problems


def validate_run(raw: Mapping, *, today: date) -> tuple[dict, list[Problem]]:
    """Check a run. Distance is `distance_km` (convert from miles before calling)."""
    clean = _typed_run(raw, today)
    if clean is not None:
        return clean, []
    return validate_run_fields(raw, today)


def _plain_number(value: object) -> bool:
    """A Python int or float (not bool, not numpy, not text) that is finite."""
    kind = type(value)
    return (kind is float or kind is int) and value - value == 0  # nan - nan and inf - inf are nan


def _canonical_time(value: str) -> bool:
    """'YYYY-MM-DDTHH:MM:SS' exactly: the form `_Checker.timestamp` would give back unchanged."""
    if len(value) != 19 or value[4] + value[7] + value[10] + value[13] + value[16] != "--T::":
        return False
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return False
    return moment.tzinfo is None and moment.date() >= EARLIEST_DATE


def _typed_run(raw: Mapping, today: date) -> dict | None:
    """The clean dict `validate_run_fields` would return for a run that is already typed and has no
    problem (the importers' rows), built without the field-by-field checker; None for any
    other run, which then goes through `validate_run_fields`. The same rules, in the same terms."""
    get = raw.get
    kind, run_date, duration, distance = get("kind"), get("run_date"), get("duration_min"), get("distance_km")
    effort, notes, title, start_time = get("effort_1_10"), get("notes"), get("title"), get("start_time")
    if kind == "walk_run" or type(kind) is not str or kind not in models.RUN_KINDS:
        return None
    if type(run_date) is not date or not EARLIEST_DATE <= run_date <= today:
        return None
    if not _plain_number(duration) or not 0 < duration <= MAX_DURATION_MIN:
        return None
    if distance is not None and (not _plain_number(distance) or not 0 < distance <= MAX_DISTANCE_KM):
        return None
    if effort is not None and (not _plain_number(effort) or effort != int(effort) or not 1 <= effort <= 10):
        return None
    if distance and not FASTEST_PACE_MIN_PER_KM <= duration / distance <= SLOWEST_PACE_MIN_PER_KM:
        return None
    if notes is None:
        notes = ""
    elif type(notes) is not str or len(notes := notes.strip()) > MAX_TEXT_CHARS:
        return None
    source, source_id = str(get("source") or "manual"), get("source_id") or None
    if source_id is not None:
        source_id = str(source_id)
        if len(source_id) > MAX_TEXT_CHARS:
            return None
    if len(source) > MAX_TEXT_CHARS:
        return None
    clean = {
        "run_date": run_date,
        "duration_min": float(duration),
        "distance_km": None if distance is None else float(distance),
        "kind": kind,
        "run_interval_min": None,
        "walk_interval_min": None,
        "interval_repeats": None,
        "effort_1_10": None if effort is None else int(effort),
        "notes": notes,
        "source": source,
        "source_id": source_id,
    }
    if title is not None and title != "":
        if type(title) is not str or len(title := title.strip()) > MAX_TEXT_CHARS:
            return None
        clean["title"] = title
    if start_time is not None and start_time != "":
        if type(start_time) is not str or not _canonical_time(start_time):
            return None
        clean["start_time"] = start_time
    return clean


def validate_run_fields(raw: Mapping, today: date) -> tuple[dict, list[Problem]]:
    """`validate_run` field by field: every problem named."""
    c = _Checker(raw)
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
    c = _Checker(raw)
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
    c = _Checker(raw)
    clean = {"check_date": c.date("check_date", today=today)}
    for name in ("low_mood", "little_interest"):
        if c._value(name) is None:
            c.fail(name, "needs a yes or a no.")
            clean[name] = None
        else:
            clean[name] = c.flag(name)
    return clean, c.problems


def validate_readiness(raw: Mapping, *, today: date) -> tuple[dict, list[Problem]]:
    """Check one readiness test result. Strength tests need reps; load tests need completed."""
    c = _Checker(raw)
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
    c = _Checker(raw)
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
    c = _Checker(raw)
    code = c._value("flag_code")
    if code is None:
        c.fail("flag_code", "is missing.")
    elif str(code) not in known_codes:
        c.fail("flag_code", f"'{code}' is not a red flag this app knows.")
        code = None
    flagged = c.date("flagged_date", today=today)
    resolved = c.date("resolved_date", today=today) if c._value("resolved_date") is not None else None
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
    c = _Checker(raw)
    slug = c._value("slug")
    if slug is None:
        c.fail("slug", "is missing.")
    elif not isinstance(slug, str) or len(slug) > 200 or not all(ch.isalnum() or ch in "-_" for ch in slug):
        c.fail("slug", f"'{str(slug)[:50]}' is not a lesson name.")
        slug = None
    return {"slug": slug, "read_date": c.date("read_date", today=today)}, c.problems
