"""What an import returns (`ImportResult` and the types in it) and the collector that builds it.

`RowCollector` validates each raw row through `validation.validate_run`, drops duplicates within
the file, and notes what the preview should show about each kept row (warnings, symptom words).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from .. import validation
from .note_words import symptom_words
from .values import format_pace

__all__ = ["ImportFileError", "ImportResult", "Progress", "RowCollector", "RowWarning", "Skipped", "SymptomNote"]

Progress = Callable[[int, int], None]
PROGRESS_EVERY = 100

# A "walk" faster than this is flagged in the preview (kept, not refused): people switch from
# walking to running at about 2.0 m/s, 7.2 km/h or 8.3 min/km (Hreljac 1993, Med Sci Sports
# Exerc 25:1158, preferred transition speed 2.06 m/s). 7.5 min/km (8 km/h) leaves room for a
# brisk walker; anything faster is a run or a wrong distance.
WALK_FASTEST_PACE_MIN_PER_KM = 7.5


@dataclass(frozen=True)
class Skipped:
    """A row (or a whole single-activity file) that will not be imported.

    `row` is the spreadsheet row number (the header is row 1, the first activity row 2),
    or None for a single-activity file. `reason` is written for her to read.
    """

    row: int | None
    reason: str


@dataclass(frozen=True)
class RowWarning:
    """A kept row worth a look before she imports it. `index` points into `ImportResult.rows`,
    `row` is the spreadsheet row (None for a single-activity file)."""

    index: int
    row: int | None
    message: str


@dataclass(frozen=True)
class SymptomNote:
    """A kept row whose title or note mentions a pelvic symptom, for her to confirm.

    `index` points into `ImportResult.rows`; `words` are the words found (lower case, in
    order); `topics` the symptoms they are about ('leakage', 'heaviness', 'pain',
    'bleeding'). A mention is listed even when negated ("no leaks"): she decides, nothing
    is guessed.
    """

    index: int
    row: int | None
    words: tuple[str, ...]
    topics: tuple[str, ...]


@dataclass(frozen=True)
class ImportResult:
    """What an import would add (`rows`, validated run dicts) and what it leaves out.

    `distance_unit` is "km" or "mi" when the file gives distances without naming the unit
    (Garmin CSV, a Strava CSV with one Distance column) and says which one was assumed;
    `unit_reason` says why, for the preview. None when the file names its unit (metres in
    Strava's raw column, GPX/TCX/FIT): then there is nothing to switch.
    """

    source: str
    rows: tuple[dict, ...]
    skipped: tuple[Skipped, ...]
    distance_unit: str | None = None
    unit_reason: str = ""
    warnings: tuple[RowWarning, ...] = ()
    symptom_notes: tuple[SymptomNote, ...] = ()

    @property
    def other_unit(self) -> str | None:
        """The unit the preview's switch would re-read the file in, or None."""
        if self.distance_unit is None:
            return None
        return "mi" if self.distance_unit == "km" else "km"


class ImportFileError(ValueError):
    """The file as a whole cannot be imported; the message names the file and the problem."""

    def __init__(self, filename: str, problem: str):
        self.filename = filename
        self.problem = problem
        super().__init__(f"{filename}: {problem}")


# Extra keys a row carries past validate_run until validation knows them (then its own,
# validated values win).
ROW_EXTRAS = ("title", "start_time")


class RowCollector:
    """Validates raw rows one by one, skipping duplicates within the file, reporting progress,
    and noting what the preview should show about each kept row."""

    def __init__(self, source: str, *, today: date, total: int, progress: Progress | None):
        self.source = source
        self.today = today
        self.total = total
        self.progress = progress
        self.done = 0
        self.rows: list[dict] = []
        self.skipped: list[Skipped] = []
        self.warnings: list[RowWarning] = []
        self.symptom_notes: list[SymptomNote] = []
        self._seen: dict[str, int | None] = {}
        self._symptoms: dict[tuple[str, str], tuple[tuple[str, ...], tuple[str, ...]] | None] = {}

    def skip(self, row: int | None, reason: str) -> None:
        self.skipped.append(Skipped(row, reason))

    def add(self, row: int | None, raw: dict, *, notes_for_row: tuple[str, ...] = ()) -> None:
        """Validate one raw run (with source_id); keep it or record why not.

        `notes_for_row` are preview warnings found while reading it (e.g. which time was used).
        """
        raw["source"] = self.source  # raw is the caller's fresh dict: no copy
        clean, problems = validation.validate_run(raw, today=self.today)
        if problems:
            where = f"row {row}: " if row is not None else ""
            self.skip(row, where + "; ".join(str(p) for p in problems))
            return
        source_id = clean["source_id"]
        seen = self._seen
        if source_id in seen:
            first = seen[source_id]
            self.skip(
                row,
                f"duplicate of row {first} (the same activity appears twice in this file)"
                if first is not None
                else "duplicate of an activity earlier in this file",
            )
            return
        seen[source_id] = row
        if "title" not in clean:  # ROW_EXTRAS, in their order
            clean["title"] = raw.get("title") or ""
        if "start_time" not in clean:
            clean["start_time"] = raw.get("start_time")
        rows = self.rows
        index = len(rows)
        rows.append(clean)
        for message in notes_for_row:
            self.warnings.append(RowWarning(index, row, message))
        if clean["kind"] == "walk":  # fast_walk_warning has nothing to say about other kinds
            walk_warning = fast_walk_warning(clean)
            if walk_warning:
                self.warnings.append(RowWarning(index, row, walk_warning))
        # Titles and notes repeat ("Morning Run", no note): each pair is looked at once.
        texts = (clean.get("title", ""), clean.get("notes", ""))
        found = self._symptoms.get(texts, False)
        if found is False:
            found = self._symptoms[texts] = symptom_words(*texts)
        if found:
            self.symptom_notes.append(SymptomNote(index, row, *found))

    def tick(self) -> None:
        self.done += 1
        if self.progress is not None and self.done % PROGRESS_EVERY == 0 and self.done < self.total:
            self.progress(self.done, self.total)

    def result(self, *, distance_unit: str | None = None, unit_reason: str = "") -> ImportResult:
        if self.progress is not None:
            self.progress(self.total, self.total)
        return ImportResult(
            self.source,
            tuple(self.rows),
            # In file order: rows are read in two passes (unit detection first).
            tuple(sorted(self.skipped, key=lambda s: -1 if s.row is None else s.row)),
            distance_unit=distance_unit,
            unit_reason=unit_reason,
            warnings=tuple(self.warnings),
            symptom_notes=tuple(self.symptom_notes),
        )


def fast_walk_warning(row: Mapping) -> str | None:
    """A message when a walk's pace is faster than walking (WALK_FASTEST_PACE_MIN_PER_KM)."""
    duration, distance = row.get("duration_min"), row.get("distance_km")
    if row.get("kind") != "walk" or not duration or not distance:
        return None
    pace = duration / distance
    if pace >= WALK_FASTEST_PACE_MIN_PER_KM:
        return None
    name = f"'{row['title']}'" if row.get("title") else "a walk"
    return (
        f"Walk {name} on {row['run_date'].isoformat()}: {distance:g} km in {duration:g} min is "
        f"{format_pace(pace)}, faster than walking (faster than {format_pace(WALK_FASTEST_PACE_MIN_PER_KM)} "
        "is running). Check whether it was a run, or the distance or time is wrong."
    )
