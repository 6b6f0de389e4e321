"""Garmin Connect activities CSV ("Export CSV" on the Activities list).

Quirks handled (see shared/reference/import-formats.md):

- `--` means missing; numbers may carry quoted thousands (`"1,024"`) or a decimal comma
  (`"5,02"`). A distance below 100 never needs a thousands separator, so a lone separator in
  `Distance` is always the decimal one.
- Distance is in her Garmin unit, which the file does not name: it is detected from the
  file (`units.detect_distance_unit`: cadence x time x stride length, step length and pace
  against distance), her profile's unit being the last clue, and returned on the result as
  `distance_unit` with `unit_reason`, so the preview shows it with a switch.
- Times are `hh:mm:ss` or `mm:ss` (fractions of a second allowed). Duration is `Moving Time`,
  else `Time` (the timer), else `Activity Time` (older exports), else `Elapsed Time`.
- Older exports name columns differently (`Activity Time`, `Elev Gain`, `Start`).
- There is no activity id: `source_id` is a hash of the start date-time, activity type,
  duration in whole seconds and distance in metres, so re-importing the same export matches.
- `Date` is the local start time: its date is the run's date and it is kept as
  `start_time`. `Title` becomes the row's `title`; the file has no notes of hers.
- A time that gives an impossible pace for the distance (a moving time cut short on a slow
  walk) gives way to the next time column that gives a possible one; a preview warning says so.
"""

from __future__ import annotations

from datetime import date, datetime

from .csv_reading import CsvTable, column_positions, normalize_header, read_csv_table
from .dates import iso_seconds, parse_datetime
from .limits import Options
from .result import ImportFileError, ImportResult, Progress, RowCollector
from .units import KM_PER_MILE, UnitClue, detect_distance_unit
from .values import number_or_text, pick_duration, positive_or_none, stable_id, title_text

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
    "cadence": ("Avg Run Cadence", "Avg Cadence", "Average Run Cadence"),
    "stride": ("Avg Stride Length", "Average Stride Length"),
    "steps": ("Steps", "Total Steps"),
}
DURATION_FIELDS = ("moving", "time", "activity_time", "elapsed")
DURATION_LABELS = ["moving time", "time", "activity time", "elapsed time"]


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
    distance_units: str | None = "km",
    progress: Progress | None = None,
    filename: str = "Activities.csv",
    tz=None,
    distance_unit: str | None = None,
) -> ImportResult:
    """Runs and walks in a Garmin Connect activities CSV (bytes). Raises ImportFileError."""
    options = Options(today=today, tz=tz, distance_units=distance_units, distance_unit=distance_unit, progress=progress)
    table = read_csv_table(data, filename, max_bytes=options.max_bytes, max_rows=options.max_rows)
    return parse_table(table, options=options)


def _clue_number(text: str) -> float | None:
    try:
        value = number_or_text(text)
    except ValueError:  # pragma: no cover - number_or_text returns text instead
        return None
    return value if isinstance(value, float) and value > 0 else None


def parse_table(table: CsvTable, *, options: Options | None = None, **settings) -> ImportResult:
    """Rows of an already read Garmin CSV -> ImportResult."""
    if options is None:
        options = Options(**settings)
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

    collector = RowCollector(SOURCE, today=options.today, total=len(table.records), progress=options.progress)
    pending: list[tuple[int, list[str], str, str, float | str | None]] = []
    clues: list[UnitClue] = []
    for record, row in zip(table.records, table.record_rows, strict=True):
        collector.tick()
        activity_type = record[first("type")].strip()
        kind = kind_for(activity_type)
        if kind is None:
            collector.skip(row, f"{activity_type or 'No activity type'}: not a run or walk")
            continue
        shown = number_or_text(record[first("distance")], grouping=False)
        if isinstance(shown, float) and shown > 0:
            minutes, _, _ = pick_duration([record[first(field)] for field in DURATION_FIELDS])
            clues.append(
                UnitClue(
                    kind,
                    shown,
                    minutes if isinstance(minutes, float) else None,
                    cadence_spm=_clue_number(record[first("cadence")]),
                    stride=_clue_number(record[first("stride")]),
                    steps=_clue_number(record[first("steps")]),
                )
            )
        pending.append((row, record, kind, activity_type, shown))

    if options.distance_unit is not None:
        unit = options.distance_unit
        reason = f"Read as {'miles' if unit == 'mi' else 'km'}: your choice."
    else:
        unit, reason = detect_distance_unit(clues, setting=options.distance_units)

    for row, record, kind, activity_type, shown in pending:
        date_text = record[first("date")].strip()
        moment = parse_datetime(date_text)  # Garmin writes local time: used as it is
        run_date: date | str = moment.date() if isinstance(moment, datetime) else (moment or date_text)
        start_time = iso_seconds(moment) if isinstance(moment, datetime) else None

        if isinstance(shown, float):
            distance: float | str | None = positive_or_none(round(shown * (KM_PER_MILE if unit == "mi" else 1), 3))
        else:
            distance = shown
        duration, seconds, time_note = pick_duration(
            [record[first(field)] for field in DURATION_FIELDS], labels=DURATION_LABELS, distance_km=distance
        )

        # Hash the distance as the file gives it (her Garmin unit), so a change of unit
        # between two imports does not change the id.
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
                "start_time": start_time,
                "duration_min": duration,
                "distance_km": distance,
                "kind": kind,
                "title": title_text(record[first("title")]),
                "notes": "",
                "source_id": source_id,
            },
            notes_for_row=(f"Row {row}: {time_note}",) if time_note else (),
        )
    return collector.result(distance_unit=unit, unit_reason=reason)
