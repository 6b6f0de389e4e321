"""Garmin Connect activities CSV ("Export CSV" on the Activities list).

Quirks handled (see shared/reference/import-formats.md):

- `--` means missing; numbers may carry quoted thousands (`"1,024"`) or a decimal comma
  (`"5,02"`). A distance below 100 never needs a thousands separator, so a lone separator in
  `Distance` is always the decimal one.
- Distance is in her Garmin unit, which the file does not name: the caller passes
  `distance_units` ("km" or "mi") from her profile.
- Times are `hh:mm:ss` or `mm:ss` (fractions of a second allowed). Duration is `Moving Time`,
  else `Time` (the timer), else `Activity Time` (older exports), else `Elapsed Time`.
- Older exports name columns differently (`Activity Time`, `Elev Gain`, `Start`).
- There is no activity id: `source_id` is a hash of the start date-time, activity type,
  duration in whole seconds and distance in metres, so re-importing the same export matches.
- `Date` is the local start time; its date part is stored.
"""

from __future__ import annotations

from datetime import date

from ..models import UNITS, to_km
from . import (
    CsvTable,
    ImportFileError,
    ImportResult,
    Progress,
    RowCollector,
    column_positions,
    join_notes,
    normalize_header,
    number_or_text,
    parse_date,
    pick_duration,
    positive_or_none,
    read_csv_table,
    stable_id,
)

SOURCE = "garmin"

HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "type": ("Activity Type",),
    "date": ("Date", "Start", "Start Time"),
    "title": ("Title", "Activity Name", "Name"),
    "distance": ("Distance",),
    "moving": ("Moving Time",),
    "time": ("Time",),
    "activity_time": ("Activity Time",),
    "elapsed": ("Elapsed Time", "Total Time"),
}
DURATION_FIELDS = ("moving", "time", "activity_time", "elapsed")


def kind_for(activity_type: str) -> str | None:
    """'continuous' for any running type, 'walk' for walking and hiking, else None."""
    key = activity_type.casefold()
    if "run" in key:  # Running, Trail Running, Treadmill Running, Track Running, Virtual Run
        return "continuous"
    if "walk" in key or "hik" in key:  # Walking, Indoor Walking, Hiking
        return "walk"
    return None


def looks_like_garmin(header: tuple[str, ...]) -> bool:
    keys = {normalize_header(h) for h in header}
    return "activity type" in keys and bool(keys & {"date", "start", "start time"})


def parse_activities_csv(
    data: bytes,
    *,
    today: date,
    distance_units: str = "km",
    progress: Progress | None = None,
    filename: str = "Activities.csv",
) -> ImportResult:
    """Runs and walks in a Garmin Connect activities CSV (bytes). Raises ImportFileError."""
    return parse_table(read_csv_table(data, filename), today=today, distance_units=distance_units, progress=progress)


def parse_table(
    table: CsvTable, *, today: date, distance_units: str = "km", progress: Progress | None = None
) -> ImportResult:
    """Rows of an already read Garmin CSV -> ImportResult."""
    if distance_units not in UNITS:
        raise ValueError(f"distance_units must be one of {', '.join(UNITS)}, not {distance_units!r}")
    positions = column_positions(table.header, HEADER_ALIASES)
    missing = [
        label
        for field, label in (("type", "Activity Type"), ("date", "Date"), ("distance", "Distance"))
        if field not in positions
    ]
    if not any(field in positions for field in DURATION_FIELDS):
        missing.append("Time (or Moving Time, Elapsed Time, Activity Time)")
    if missing:
        raise ImportFileError(
            table.filename, "this Garmin file is missing required columns: " + ", ".join(missing) + "."
        )

    blank = table.missing

    def first(field: str) -> int:
        return positions.get(field, [blank])[0]

    collector = RowCollector(SOURCE, today=today, total=len(table.records), progress=progress)
    for record, row in zip(table.records, table.record_rows, strict=True):
        collector.tick()
        activity_type = record[first("type")].strip()
        kind = kind_for(activity_type)
        if kind is None:
            collector.skip(row, f"{activity_type or 'No activity type'}: not a run or walk")
            continue

        date_text = record[first("date")].strip()
        run_date: date | str | None = parse_date(date_text) or date_text

        duration, seconds = pick_duration([record[first(field)] for field in DURATION_FIELDS])

        shown = number_or_text(record[first("distance")], grouping=False)
        distance = (
            shown
            if isinstance(shown, str)
            else positive_or_none(None if shown is None else round(to_km(shown, distance_units), 3))
        )

        # Hash the distance as the file gives it (her Garmin unit), so a change of units in
        # her profile between two imports does not change the id.
        source_id = stable_id(
            " ".join(date_text.split()),
            activity_type.casefold(),
            None if seconds is None else round(seconds),
            None if not isinstance(shown, float) else round(shown, 2),
        )
        collector.add(
            row,
            {
                "run_date": run_date,
                "duration_min": duration,
                "distance_km": distance,
                "kind": kind,
                "notes": join_notes(record[first("title")]),
                "source_id": source_id,
            },
        )
    return collector.result()
