"""Strava bulk export: `activities.csv`, alone or inside the export zip.

Column quirks handled here (see shared/reference/import-formats.md):

- Several names appear twice. The first `Elapsed Time` and `Distance` are display values in
  the account's units; the later ones are raw seconds and metres. Columns are matched by
  position, so the raw `Distance` (the second) is the one used. A file with a single
  `Distance` column (older exports) gives it in the account's units: `distance_units`.
- Headers follow the account's language: English and German names are both recognised
  (`HEADER_ALIASES`), and so are the German activity types.
- `Activity Date` (`Oct 7, 2020, 2:43:11 PM`) is UTC; its date part is stored as it is.
- Duration is `Moving Time` (what Strava shows for a run), falling back to elapsed time.
- Notes are the activity name, description and private note, one per line; `Perceived
  Exertion` (1-10) becomes `effort_1_10` unchanged.
- `source_id` is Strava's `Activity ID`.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date

from ..models import to_km
from . import (
    MAX_CSV_BYTES,
    CsvTable,
    ImportFileError,
    ImportResult,
    Progress,
    RowCollector,
    column_positions,
    is_missing,
    join_notes,
    normalize_header,
    number_or_text,
    parse_date,
    parse_number,
    pick_duration,
    positive_or_none,
    read_csv_table,
    stable_id,
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


def looks_like_strava(header: tuple[str, ...]) -> bool:
    keys = {normalize_header(h) for h in header}
    return any(normalize_header(alias) in keys for alias in HEADER_ALIASES["id"] + HEADER_ALIASES["date"])


def parse_activities_csv(
    data: bytes,
    *,
    today: date,
    progress: Progress | None = None,
    distance_units: str = "km",
    filename: str = "activities.csv",
) -> ImportResult:
    """Runs and walks in a Strava `activities.csv` (bytes). Raises ImportFileError."""
    table = read_csv_table(data, filename)
    return parse_table(table, today=today, progress=progress, distance_units=distance_units)


def parse_export_zip(
    data: bytes,
    *,
    today: date,
    progress: Progress | None = None,
    distance_units: str = "km",
    filename: str = "export.zip",
) -> ImportResult:
    """Runs and walks in the `activities.csv` inside a Strava export zip. Raises ImportFileError."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [
            info
            for info in archive.infolist()
            if not info.is_dir() and info.filename.replace("\\", "/").rsplit("/", 1)[-1].casefold() == "activities.csv"
        ]
    except Exception as exc:  # noqa: BLE001 - zipfile raises BadZipFile, OSError, struct.error...
        raise ImportFileError(filename, f"this is not a readable zip file ({exc}).") from None
    if not members:
        raise ImportFileError(
            filename,
            "there is no activities.csv in this zip, so it is not a "
            "Strava export. Upload the zip Strava emailed you, or its "
            "activities.csv.",
        )
    # The export has it at the top; a re-zipped folder has it one level down.
    member = min(members, key=lambda info: info.filename.count("/"))
    if member.file_size > MAX_CSV_BYTES:
        raise ImportFileError(filename, "activities.csv in this zip is implausibly large.")
    try:
        with archive.open(member) as handle:
            csv_bytes = handle.read(MAX_CSV_BYTES + 1)
    except Exception as exc:  # noqa: BLE001 - damaged, encrypted or unsupported compression
        raise ImportFileError(filename, f"activities.csv inside the zip cannot be read ({exc}).") from None
    if not csv_bytes.strip():
        raise ImportFileError(filename, "activities.csv inside the zip is empty.")
    table = read_csv_table(csv_bytes, f"{filename} (activities.csv)")
    return parse_table(table, today=today, progress=progress, distance_units=distance_units)


def parse_table(
    table: CsvTable, *, today: date, progress: Progress | None = None, distance_units: str = "km"
) -> ImportResult:
    """Rows of an already read Strava CSV -> ImportResult."""
    positions = column_positions(table.header, HEADER_ALIASES)
    missing = [label for field, label in REQUIRED.items() if field not in positions]
    if "elapsed" not in positions and "moving" not in positions:
        missing.append("Elapsed Time or Moving Time")
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
    # Two Distance columns: the second is raw metres. One: display value in her units.
    p_metres = distances[1] if len(distances) > 1 else None
    p_shown = distances[0]
    elapsed = positions.get("elapsed", [])
    p_elapsed = elapsed[1] if len(elapsed) > 1 else (elapsed[0] if elapsed else blank)

    kinds: dict[str, str | None] = {}
    collector = RowCollector(SOURCE, today=today, total=len(table.records), progress=progress)
    for record, row in zip(table.records, table.record_rows, strict=True):
        collector.tick()
        activity_type = record[p_type].strip()
        kind = kinds.get(activity_type, "?")
        if kind == "?":
            kind = kinds[activity_type] = kind_for(activity_type)
        if kind is None:
            collector.skip(row, f"{activity_type or 'No activity type'}: not a run or walk")
            continue

        date_text = record[p_date].strip()
        run_date: date | str | None = parse_date(date_text) or date_text
        duration, seconds = pick_duration([record[p_moving], record[p_elapsed]])

        if p_metres is not None:
            metres = number_or_text(record[p_metres])
            distance = metres if isinstance(metres, str) else (None if metres is None else round(metres / 1000, 3))
        else:
            shown = number_or_text(record[p_shown], grouping=False)
            distance = (
                shown if isinstance(shown, str) else (None if shown is None else round(to_km(shown, distance_units), 3))
            )
        if not isinstance(distance, str):
            distance = positive_or_none(distance)

        exertion_text = record[p_exertion]
        effort = None if is_missing(exertion_text) else number_or_text(exertion_text)

        activity_id = record[p_id].strip()
        if not activity_id.isdigit():
            activity_id = _normalise_id(activity_id) or stable_id(date_text, activity_type, seconds, distance)

        collector.add(
            row,
            {
                "run_date": run_date,
                "duration_min": duration,
                "distance_km": distance,
                "kind": kind,
                "effort_1_10": effort,
                "notes": join_notes(record[p_name], record[p_description], record[p_note]),
                "source_id": activity_id,
            },
        )
    return collector.result()


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
