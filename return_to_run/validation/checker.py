"""The field reader every validator uses: limits, Problem, ValidationError, field labels
and `Checker`, which reads a raw mapping field by field and collects every problem."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from .. import models

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
    **{f"pain_{site}_0_10": f"Pain: {models.mid_sentence(label)} (0-10)" for site, label in models.PAIN_SITES.items()},
}


def label(field_name: str) -> str:
    """The name a field has on screen, for messages."""
    return FIELD_LABELS.get(field_name, field_name.replace("_", " ").capitalize())


YES_WORDS = ("1", "true", "yes", "y")
NO_WORDS = ("0", "false", "no", "n")


class Checker:
    """Collects problems while reading a raw mapping field by field."""

    def __init__(self, raw: Mapping):
        self.raw = raw
        self.problems: list[Problem] = []

    def fail(self, field_name: str, message: str) -> None:
        self.problems.append(Problem(label(field_name), message))

    def value(self, name: str):
        """The raw value of `name`, or None when it is missing: absent, blank text, NaN or a
        pandas missing marker (one meaning of "missing" for every validator)."""
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
        value = self.value(name)
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
        value = self.value(name)
        if value is None:
            if required:
                self.fail(name, "is missing.")
            return None
        if type(value).__name__ == "bool":  # Python's and numpy 2's yes/no alike
            # A yes/no where a number belongs (a backup's "duration_min": true) is not 1 minute.
            self.fail(name, f"'{value}' is not a number.")
            return None
        try:
            number = float(str(value).replace(",", ".")) if isinstance(value, str) else float(value)
        except (TypeError, ValueError, OverflowError):  # OverflowError: an int too big for a float
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
        value = self.value(name)
        if value is None:
            if default is not None:
                return default
            self.fail(name, "is missing.")
            return None
        if not isinstance(value, str) or value not in options:  # options are words; a list is not hashable
            allowed = ", ".join(options)
            self.fail(name, f"'{value}' is not one of: {allowed}.")
            return None
        return value

    def flag(self, name: str) -> bool:
        """Yes/no: a missing value is no; anything that is neither yes nor no is a problem
        (never guessed), so a test done with symptoms cannot count as done without."""
        value = self.value(name)
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
        elif type(value).__name__ in ("bool", "int64", "float64") and value in (0, 1):  # numpy 2 names
            return bool(value)  # numpy scalars from a DataFrame row
        self.fail(name, f"'{value}' is not yes or no.")
        return False

    def text(self, name: str) -> str:
        value = self.value(name)
        if value is None:
            return ""
        text = str(value)
        if len(text) > MAX_TEXT_CHARS:
            self.fail(name, f"is {len(text)} characters long; the limit is {MAX_TEXT_CHARS}.")
        return text

    def timestamp(self, name: str) -> str | None:
        """An optional local time 'YYYY-MM-DDTHH:MM:SS' (seconds, no zone), as text."""
        value = self.value(name)
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


_Checker = Checker  # the name it had before the split
