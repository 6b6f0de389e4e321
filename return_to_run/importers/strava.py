"""Strava bulk export: `activities.csv`, alone or inside the export zip.

Column quirks handled here (see shared/reference/import-formats.md):

- Several names appear twice. The first `Elapsed Time` and `Distance` are display values in
  the account's units; the later ones are raw seconds and metres. Columns are matched by
  position, so the raw `Distance` (the second) is the one used. A file with a single
  `Distance` column gives it in the account's units, which it does not name: the unit is
  detected (`units.detect_distance_unit`, her profile as the last clue) and returned on the
  result, so the preview can show it with a switch.
- Older exports (around 2018) use a short lower-case layout, `id,date,name,type,
  description,elapsed_time,distance,...`, with distance in metres and times in seconds;
  they are read with those units.
- Headers follow the account's language: English and German names are both recognised
  (`HEADER_ALIASES`), and so are the German activity types.
- `Activity Date` (`Oct 7, 2020, 2:43:11 PM`) is UTC: it is turned into her local date and
  start time in `tz` (None: this computer's zone), so an evening run west of Greenwich is not
  dated tomorrow.
- Duration is `Moving Time` (what Strava shows for a run), falling back to elapsed time, and
  using the elapsed time when the moving time gives an impossible pace (a preview warning
  says so).
- `title` is the activity name; `notes` are only her words: the description and the
  private note. `Perceived Exertion` (1-10) becomes `effort_1_10` unchanged.
- `source_id` is Strava's `Activity ID`.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from .. import validation
from .csv_reading import CsvTable, column_positions, normalize_header, read_csv_table
from .dates import _EPOCH_ORDINAL, _STRAVA_STAMP, _strava_stamp, iso_seconds, local_time, parse_datetime
from .limits import Options
from .result import ImportFileError, ImportResult, Progress, RowCollector
from .units import KM_PER_MILE, UnitClue, detect_distance_unit
from .values import (
    _PLAIN_UNGROUPED,
    is_missing,
    join_notes,
    number_or_text,
    parse_number,
    pick_duration,
    positive_or_none,
    rounded,
    stable_id,
    title_text,
)

SOURCE = "strava"
# canonical field -> header names in each language Strava writes (English first). The German
# names are those of real German exports; those marked "unverified" are Strava's wording as
# best known and are matched only if present.
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("Activity ID", "Aktivitäts-ID"),
    "date": ("Activity Date", "Aktivitätsdatum", "Datum der Aktivität"),
    "name": ("Activity Name", "Name der Aktivität", "Aktivitätsname"),
    "type": ("Activity Type", "Aktivitätsart", "Aktivitätstyp"),
    "description": ("Activity Description", "Aktivitätsbeschreibung", "Beschreibung der Aktivität"),
    "elapsed": ("Elapsed Time", "Verstrichene Zeit"),
    "moving": ("Moving Time", "Bewegungszeit"),
    "distance": ("Distance", "Distanz"),
    # unverified German names:
    "private_note": (
        "Activity Private Note",
        "Private Notiz zur Aktivität",
        "Private Aktivitätsnotiz",
        "Private Notiz",
    ),
    "exertion": ("Perceived Exertion", "Empfundene Anstrengung", "Wahrgenommene Anstrengung"),
}
REQUIRED = {
    "date": "Activity Date",
    "type": "Activity Type",
    "distance": "Distance",
}

# Activity types, compared case-insensitively without spaces or hyphens.
RUN_TYPES = {"run", "trailrun", "virtualrun", "lauf", "traillauf", "virtuellerlauf"}
WALK_TYPES = {"walk", "hike", "spaziergang", "gehen", "wanderung", "wandern"}


def kind_for(activity_type: str) -> str | None:
    """'continuous' for runs, 'walk' for walks and hikes, None for anything else."""
    key = activity_type.casefold().replace(" ", "").replace("-", "")
    if key in RUN_TYPES:
        return "continuous"
    if key in WALK_TYPES:
        return "walk"
    return None


# The short layout of older exports (around 2018): lower-case names, metres and seconds.
OLD_HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id",),
    "date": ("date",),
    "name": ("name",),
    "type": ("type",),
    "description": ("description",),
    "elapsed": ("elapsed_time",),
    "moving": ("moving_time",),
    "distance": ("distance",),
    "private_note": ("private_note",),
}
OLD_REQUIRED = {"date": "date", "type": "type", "distance": "distance"}


def is_old_layout(header: tuple[str, ...]) -> bool:
    """True for the short lower-case layout (`id,date,name,type,...,distance`)."""
    keys = {normalize_header(h) for h in header}
    return {"id", "date", "type", "distance"} <= keys and "activity type" not in keys


def looks_like_strava(header: tuple[str, ...]) -> bool:
    keys = {normalize_header(h) for h in header}
    return is_old_layout(header) or any(
        normalize_header(alias) in keys for alias in HEADER_ALIASES["id"] + HEADER_ALIASES["date"]
    )


def parse_activities_csv(
    data: bytes,
    *,
    today: date,
    progress: Progress | None = None,
    distance_units: str | None = "km",
    filename: str = "activities.csv",
    tz=None,
    distance_unit: str | None = None,
) -> ImportResult:
    """Runs and walks in a Strava `activities.csv` (bytes). Raises ImportFileError."""
    options = Options(today=today, tz=tz, distance_units=distance_units, distance_unit=distance_unit, progress=progress)
    table = read_csv_table(data, filename, max_bytes=options.max_bytes, max_rows=options.max_rows)
    return parse_table(table, options=options)


def parse_table(table: CsvTable, *, options: Options | None = None, **settings) -> ImportResult:
    """Rows of an already read Strava CSV (either layout) -> ImportResult."""
    if options is None:
        options = Options(**settings)
    old = is_old_layout(table.header)
    positions = column_positions(table.header, OLD_HEADER_ALIASES if old else HEADER_ALIASES)
    required = OLD_REQUIRED if old else REQUIRED
    missing = [label for field, label in required.items() if field not in positions]
    if "elapsed" not in positions and "moving" not in positions:
        missing.append("elapsed_time" if old else "Elapsed Time or Moving Time")
    if missing:
        raise ImportFileError(
            table.filename, "this Strava file is missing required columns: " + ", ".join(missing) + "."
        )

    blank = table.missing

    def first(field: str) -> int:
        return positions.get(field, [blank])[0]

    p_id, p_date, p_name, p_type = first("id"), first("date"), first("name"), first("type")
    p_description, p_note, p_moving = first("description"), first("private_note"), first("moving")
    p_exertion = first("exertion")
    distances = positions["distance"]
    # Two Distance columns: the second is raw metres. One: display value in her units (the
    # old layout's single one is metres).
    p_metres = distances[0] if old else (distances[1] if len(distances) > 1 else None)
    p_shown = distances[0]
    elapsed = positions.get("elapsed", [])
    p_elapsed = elapsed[1] if len(elapsed) > 1 else (elapsed[0] if elapsed else blank)

    columns = _Columns(p_id, p_date, p_name, p_type, p_description, p_note, p_moving, p_elapsed, p_exertion)
    read_common, read_row = _row_readers(columns, options.tz)
    kinds: dict[str, str | None] = {}
    collector = RowCollector(SOURCE, today=options.today, total=len(table.records), progress=options.progress)
    progress, add = options.progress, collector.add

    def kind_of(record: list[str], row: int) -> str | None:
        """The row's run kind (looked up once per activity type), or None: skipped, and said so."""
        activity_type = record[p_type].strip()
        kind = kinds.get(activity_type, "?")
        if kind == "?":
            kind = kinds[activity_type] = kind_for(activity_type)
        if kind is None:
            collector.skip(row, f"{activity_type or 'No activity type'}: not a run or walk")
        return kind

    if p_metres is not None:
        # The file names its unit (raw metres): one pass, each row read and validated at once.
        for record, row in zip(table.records, table.record_rows, strict=True):
            if progress is not None:
                collector.tick()
            kind = kinds.get(record[p_type].strip())  # a run kind seen before, at once
            if kind is None:
                kind = kind_of(record, row)  # first seen, or not a run or walk: skipped
                if kind is None:
                    continue
            raw = read_common(record, kind, record[p_metres])
            if raw is not None:
                add(row, raw)
                continue
            metres = number_or_text(record[p_metres])
            if not isinstance(metres, str):
                metres = positive_or_none(None if metres is None else round(metres / 1000, 3))
            raw, notes = read_row(record, row, kind, metres)
            add(row, raw, notes_for_row=notes)
        return collector.result()

    # One Distance column in her account's unit, which the file does not name: every row's
    # distance and time are read first, to work out the unit, then the rows are validated.
    pending: list[tuple[int, list[str], str, float | str | None]] = []
    clues: list[UnitClue] = []
    for record, row in zip(table.records, table.record_rows, strict=True):
        collector.tick()
        kind = kind_of(record, row)
        if kind is None:
            continue
        distance = number_or_text(record[p_shown], grouping=False)
        minutes, _, _ = pick_duration([record[p_moving], record[p_elapsed]])
        if isinstance(distance, float) and isinstance(minutes, float):
            clues.append(UnitClue(kind, distance, minutes))
        pending.append((row, record, kind, distance))

    if options.distance_unit is not None:
        unit, reason = (
            options.distance_unit,
            f"Read as {'miles' if options.distance_unit == 'mi' else 'km'}: your choice.",
        )
    else:
        unit, reason = detect_distance_unit(clues, setting=options.distance_units)

    for row, record, kind, distance in pending:
        if isinstance(distance, float):
            distance = round(distance * KM_PER_MILE, 3) if unit == "mi" else round(distance, 3)
        if not isinstance(distance, str):
            distance = positive_or_none(distance)
        raw, notes = read_row(record, row, kind, distance)
        add(row, raw, notes_for_row=notes)
    return collector.result(distance_unit=unit, unit_reason=reason)


@dataclass(frozen=True)
class _Columns:
    """Where each field is in a record (`CsvTable.missing` for a column the file lacks)."""

    id: int
    date: int
    name: int
    type: int
    description: int
    note: int
    moving: int
    elapsed: int
    exertion: int


def _row_readers(columns: _Columns, tz: tzinfo | None):
    """(read_common, read_row) for one file.

    read_row(record, row, kind, distance_km) reads a row the general way (any number, duration
    and date format Strava or a spreadsheet writes): (raw run, notes for the preview).
    read_common(record, kind, metres_text) reads the common row of a file with raw metres at
    once and returns its raw run, the same dict read_row would give it: metres and moving
    seconds as plain numbers giving a possible pace, the English `Activity Date`, a numeric
    id. For any other row it returns None, and the row goes the general way.
    """
    p_id, p_date, p_name, p_type = columns.id, columns.date, columns.name, columns.type
    p_description, p_note, p_exertion = columns.description, columns.note, columns.exertion
    p_moving, p_elapsed = columns.moving, columns.elapsed
    time_labels = ["moving time", "elapsed time"]
    titles: dict[str, str] = {}  # names repeat ("Morning Run"): each tidied once
    joined: dict[tuple[str, str], str] = {}  # (description, private note) -> notes
    shifts: dict[int, timedelta] = {}  # UTC offset -> timedelta, made once each
    plain, strava_stamp, clock = _PLAIN_UNGROUPED.fullmatch, _STRAVA_STAMP.fullmatch, time.localtime
    fastest, slowest = validation.FASTEST_PACE_MIN_PER_KM, validation.SLOWEST_PACE_MIN_PER_KM

    def title_of(name: str) -> str:
        title = titles.get(name)
        if title is None:
            title = titles[name] = title_text(name)
        return title

    def read_common(record: list[str], kind: str, metres_text: str) -> dict | None:
        moving_text, activity_id = record[p_moving], record[p_id].strip()
        if not (plain(metres_text) and plain(moving_text) and activity_id.isdigit()):
            return None
        stamp = strava_stamp(record[p_date].strip())
        moment = None if stamp is None else _strava_stamp(stamp)
        if moment is None:
            return None
        metres, seconds = float(metres_text), float(moving_text)
        # What number_or_text, positive_or_none and pick_duration's first case give.
        distance = rounded(metres / 1000, 3)
        if distance <= 0:
            distance = None
        if not (
            metres - metres == 0  # finite (inf - inf is nan)
            and 0 < seconds < math.inf
            and (distance is None or fastest <= seconds / 60 / distance <= slowest)
        ):
            return None
        if tz is None:
            # local_time's own way for this computer's zone
            try:
                offset = clock(
                    (moment.toordinal() - _EPOCH_ORDINAL) * 86400
                    + moment.hour * 3600
                    + moment.minute * 60
                    + moment.second
                ).tm_gmtoff
            except (OverflowError, OSError, ValueError):
                moment = local_time(moment, tz)
            else:
                shift = shifts.get(offset)
                if shift is None:
                    shift = shifts[offset] = timedelta(seconds=offset)
                moment = moment + shift
        else:
            moment = local_time(moment, tz)
        # moment.isoformat() is what iso_seconds gives here: naive, whole seconds.
        return row_of(record, moment.date(), moment.isoformat(), rounded(seconds / 60, 2), distance, kind, activity_id)

    def notes_of(description: str, note: str) -> str:
        """join_notes(description, note), worked out once for each pair (descriptions repeat)."""
        pair = (description, note)
        notes = joined.get(pair)
        if notes is None:
            notes = joined[pair] = join_notes(description, note)
        return notes

    def row_of(record: list[str], run_date, start_time, duration, distance, kind: str, activity_id: str) -> dict:
        """The raw run both readers hand to the validator: the parts they read their own way,
        and the effort, title and notes read alike."""
        description, note = record[p_description], record[p_note]
        return {
            "run_date": run_date,
            "start_time": start_time,
            "duration_min": duration,
            "distance_km": distance,
            "kind": kind,
            "effort_1_10": _effort(record[p_exertion]),
            "title": title_of(record[p_name]),
            "notes": notes_of(description, note) if description or note else "",
            "source_id": activity_id,
        }

    def read_row(record: list[str], row: int, kind: str, distance: float | str | None) -> tuple[dict, tuple[str, ...]]:
        duration, seconds, time_note = pick_duration(
            [record[p_moving], record[p_elapsed]], labels=time_labels, distance_km=distance
        )

        date_text = record[p_date].strip()
        moment = parse_datetime(date_text)
        start_time = None
        if isinstance(moment, datetime):
            moment = local_time(moment, tz)  # the file's UTC clock -> her local clock
            start_time = iso_seconds(moment)
            run_date: date | str = moment.date()
        else:
            run_date = moment or date_text

        activity_id = record[p_id].strip()
        if not activity_id.isdigit():
            activity_id = _normalise_id(activity_id) or stable_id(date_text, record[p_type].strip(), seconds, distance)

        return (
            row_of(record, run_date, start_time, duration, distance, kind, activity_id),
            (f"Row {row}: {time_note}",) if time_note else (),
        )

    return read_common, read_row


def _effort(text: str) -> float | str | None:
    """Perceived Exertion: None when missing, else `number_or_text` (a plain number at once)."""
    if not text:
        return None
    if _PLAIN_UNGROUPED.fullmatch(text):
        number = float(text)
        if number - number == 0:  # finite: what number_or_text gives
            return number
    return None if is_missing(text) else number_or_text(text)


def _normalise_id(text: str) -> str | None:
    """An Activity ID as text; "1234.0" (after a spreadsheet round trip) is 1234; None if missing."""
    if is_missing(text):
        return None
    try:
        number = parse_number(text, grouping=False)
    except ValueError:
        return text
    if number is not None and number == int(number):
        return str(int(number))
    return text
