"""Validation shared by every entry path: forms, imports and restores.

Each validate_* function takes a raw mapping (strings from a form or a file are fine)
and returns `(clean, problems)`: `clean` holds typed values ready for storage, and
`problems` lists every problem at once, each naming the field. Storage refuses to
write a record that has problems, so nothing unvalidated reaches the database.

Rooms: `checker` (limits, Problem, ValidationError, field labels and the field reader),
`records` (one validator per kind of record) and `fast_run` (already-typed imported runs
without the field reader). Every name is importable from `return_to_run.validation`.
"""

from .checker import (
    EARLIEST_DATE,
    FASTEST_PACE_MIN_PER_KM,
    FIELD_LABELS,
    MAX_DAYS_BEFORE_BIRTH,
    MAX_DISTANCE_KM,
    MAX_DURATION_MIN,
    MAX_NOTES_CHARS,
    MAX_RECORD_ID,
    MAX_TEXT_CHARS,
    NO_WORDS,
    SLOWEST_PACE_MIN_PER_KM,
    YES_WORDS,
    Checker,
    Problem,
    ValidationError,
    label,
)
from .fast_run import typed_run
from .records import (
    validate_foundation,
    validate_lesson_progress,
    validate_mood,
    validate_profile,
    validate_readiness,
    validate_red_flag,
    validate_run,
    validate_run_fields,
    validate_symptom,
)

__all__ = [
    "EARLIEST_DATE",
    "FASTEST_PACE_MIN_PER_KM",
    "FIELD_LABELS",
    "MAX_DAYS_BEFORE_BIRTH",
    "MAX_DISTANCE_KM",
    "MAX_DURATION_MIN",
    "MAX_NOTES_CHARS",
    "MAX_RECORD_ID",
    "MAX_TEXT_CHARS",
    "NO_WORDS",
    "SLOWEST_PACE_MIN_PER_KM",
    "YES_WORDS",
    "Checker",
    "Problem",
    "ValidationError",
    "label",
    "typed_run",
    "validate_foundation",
    "validate_lesson_progress",
    "validate_mood",
    "validate_profile",
    "validate_readiness",
    "validate_red_flag",
    "validate_run",
    "validate_run_fields",
    "validate_symptom",
]
