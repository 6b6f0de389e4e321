"""Importers: a file she downloaded from Strava, Garmin Connect or a watch in, validated runs out.

Shaped like dogsheep/healthkit-to-sqlite: pure functions that take the file's bytes and return
an `ImportResult` (the rows to add, and what was skipped and why); progress is a callback, so
nothing here knows about Streamlit or SQLite. The page shows the result as a preview and, once
she confirms, storage writes `rows` in one transaction, skipping `(source, source_id)` pairs it
already holds, so importing the same file twice adds nothing.

Every row in `ImportResult.rows` is the `clean` dict from `validation.validate_run` (it passed
without problems), with `source` and `source_id` set, plus `title` (the activity's name, kept
apart from her note) and `start_time` (local 'YYYY-MM-DDTHH:MM:SS', or None when the file has
no time of day) when `validate_run` does not produce them itself.

Dates are her local dates. Strava's `Activity Date` and GPX/TCX times are UTC and are turned
into local time in `tz` (default: this computer's time zone); Garmin's CSV carries local time
and FIT files carry the watch's local clock, which are used as they are.

What the preview needs besides the rows: `distance_unit`/`unit_reason` (the unit assumed for a
file that does not name it; parse again with `distance_unit=` the other one to switch),
`warnings` (rows kept but worth a look: elapsed time used, a walk faster than walking) and
`symptom_notes` (notes mentioning leaking, heaviness, pain or bleeding, for her to confirm).
`find_same_runs` (in `matching`) tells which rows she already has from another source.

Entry point: `parse_upload(filename, data, today=..., distance_units=..., tz=...)`. A file that
cannot be read at all raises `ImportFileError` naming the file and the problem; a row that
cannot be imported becomes a `Skipped` with the reason, and the other rows still come through.
Sizes are checked while reading: no member is unpacked and no CSV read past its limit.

Rooms: `upload` (dispatch by content, zip and gzip wrappers), `limits` (size and row caps,
`Options`), `csv_reading` (encoding, delimiter, row numbers), `values` (numbers, durations,
titles, notes), `dates` (export date formats, UTC to local), `result` (`ImportResult`, its
row types and the `RowCollector` that validates rows), `units`, `matching`, `note_words`,
and one module per source: `strava`, `garmin`, `activity_files` (GPX, TCX, FIT).
"""

from __future__ import annotations

from . import activity_files, garmin, strava
from .dates import parse_date, parse_datetime
from .limits import MAX_ACTIVITY_FILE_BYTES, MAX_CSV_BYTES, MAX_ROWS, read_zip_member
from .matching import find_same_runs
from .note_words import symptom_words
from .result import ImportFileError, ImportResult, RowWarning, Skipped, SymptomNote
from .upload import parse_export_zip, parse_upload
from .values import parse_duration_s, parse_number, stable_id

__all__ = [
    "MAX_ACTIVITY_FILE_BYTES",
    "MAX_CSV_BYTES",
    "MAX_ROWS",
    "ImportFileError",
    "ImportResult",
    "RowWarning",
    "Skipped",
    "SymptomNote",
    "activity_files",
    "find_same_runs",
    "garmin",
    "parse_date",
    "parse_datetime",
    "parse_duration_s",
    "parse_export_zip",
    "parse_number",
    "parse_upload",
    "read_zip_member",
    "stable_id",
    "strava",
    "symptom_words",
]
