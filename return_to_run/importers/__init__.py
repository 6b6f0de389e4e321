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
"""

from __future__ import annotations

import codecs
import csv
import gzip
import hashlib
import io
import math
import re
import zipfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo

from .. import validation

__all__ = [
    "ImportFileError",
    "ImportResult",
    "RowWarning",
    "Skipped",
    "SymptomNote",
    "find_same_runs",
    "parse_upload",
    "symptom_words",
]

Progress = Callable[[int, int], None]

# Size ceilings, checked while reading (never after): a ten-year Strava activities.csv is a few
# MB and one activity file rarely over 10 MB; anything far bigger is not what she meant to
# upload (or a zip bomb). The row cap is far above a real export: ten years of a run every day
# is under 4,000 activities.
MAX_CSV_BYTES = 100 * 1024 * 1024
MAX_ACTIVITY_FILE_BYTES = 50 * 1024 * 1024
MAX_ROWS = 50_000
READ_CHUNK_BYTES = 1024 * 1024
PROGRESS_EVERY = 100
# Titles are short; a name longer than this is cut, like a long description (validation may
# set its own limit; this one only keeps the stored name sensible).
MAX_TITLE_CHARS = getattr(validation, "MAX_TITLE_CHARS", 200)

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


@dataclass(frozen=True)
class Options:
    """What every parser needs besides the bytes: today's date, time zone, units and limits.

    `distance_units` is her profile's unit (None: no profile yet), a fallback for files that
    do not name theirs; `distance_unit` is a unit chosen in the preview, used as it is.
    """

    today: date
    tz: tzinfo | None = None
    distance_units: str | None = "km"
    distance_unit: str | None = None
    max_bytes: int = MAX_CSV_BYTES
    max_rows: int = MAX_ROWS
    progress: Progress | None = None


# ---------------------------------------------------------------------------------------------
# Dispatch


def parse_upload(
    filename: str,
    data: bytes,
    *,
    today: date,
    distance_units: str | None = "km",
    progress: Progress | None = None,
    tz: tzinfo | None = None,
    distance_unit: str | None = None,
    max_bytes: int = MAX_CSV_BYTES,
    max_rows: int = MAX_ROWS,
) -> ImportResult:
    """Read an uploaded file and return what it would import.

    Recognised by content first, then by name: a zip (Strava export), gzip (`.fit.gz`,
    `.tcx.gz`, `.gpx.gz`), FIT, GPX, TCX, or a CSV (Strava `activities.csv` in today's or the
    older short layout, or a Garmin Connect activities export, told apart by their headers).

    - `distance_units` ("km", "mi", or None for no profile) is her profile's unit, the last
      clue for a file that gives distances without a unit (see `units.detect_distance_unit`).
    - `distance_unit` ("km" or "mi") is the unit she picked in the preview: used as it is.
    - `tz` is her time zone for UTC times in the file; None means this computer's.
    - `max_bytes` caps an unpacked zip member or CSV, `max_rows` the rows of a CSV; reading
      stops at the limit with an ImportFileError.

    Raises ImportFileError when the file cannot be read.
    """
    for name_, unit in (("distance_units", distance_units), ("distance_unit", distance_unit)):
        if unit is not None and unit not in ("km", "mi"):
            raise ValueError(f"{name_} must be 'km' or 'mi', not {unit!r}")
    options = Options(
        today=today,
        tz=tz,
        distance_units=distance_units,
        distance_unit=distance_unit,
        max_bytes=max_bytes,
        max_rows=max_rows,
        progress=progress,
    )
    from . import activity_files, strava

    name = filename or "the file"
    if not data or not data.strip():
        raise ImportFileError(name, "the file is empty.")
    lower = name.lower()
    if data[:2] == b"\x1f\x8b" or lower.endswith(".gz"):
        data = gunzip(data, name, limit=min(max_bytes, MAX_ACTIVITY_FILE_BYTES))
        if data[:2] == b"\x1f\x8b":
            raise ImportFileError(name, "the file is compressed twice; unpack it once and upload that.")
        name = name[:-3] if lower.endswith(".gz") else name
        lower = name.lower()
    if data[:4] == b"PK\x03\x04" or lower.endswith(".zip"):
        return strava.parse_export_zip(data, options=options, filename=name)
    kind = sniff_single_file(data) or next((ext for ext in ("fit", "gpx", "tcx") if lower.endswith("." + ext)), None)
    if kind is not None:
        parser = {"fit": activity_files.parse_fit, "gpx": activity_files.parse_gpx, "tcx": activity_files.parse_tcx}[
            kind
        ]
        result = parser(data, today=today, filename=name, tz=tz)
        if progress is not None:
            progress(1, 1)
        return result
    return parse_csv(data, name, options)


def parse_csv(data: bytes, filename: str, options: Options) -> ImportResult:
    """A CSV of activities, however it arrived (alone or from a zip): one message per problem."""
    from . import garmin, strava

    table = read_csv_table(data, filename, max_bytes=options.max_bytes, max_rows=options.max_rows)
    if strava.looks_like_strava(table.header):
        return strava.parse_table(table, options=options)
    if garmin.looks_like_garmin(table.header):
        return garmin.parse_table(table, options=options)
    raise ImportFileError(
        filename,
        "this is not a Strava activities.csv or a Garmin Connect "
        "activities export (no 'Activity Date' or 'Date' column). Upload the "
        "Strava export zip, its activities.csv, a Garmin Connect CSV, or a "
        "GPX, TCX or FIT file.",
    )


def sniff_single_file(data: bytes) -> str | None:
    """'fit', 'gpx' or 'tcx' if the bytes look like one, else None."""
    if len(data) >= 12 and data[8:12] == b".FIT":
        return "fit"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<?xml") or head.startswith(b"<"):
        if b"<gpx" in head:
            return "gpx"
        if b"<trainingcenterdatabase" in head:
            return "tcx"
    return None


def gunzip(data: bytes, filename: str, limit: int = MAX_ACTIVITY_FILE_BYTES) -> bytes:
    """Decompress gzip bytes, refusing damaged or implausibly large contents."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
            out = handle.read(limit + 1)
    except Exception as exc:  # noqa: BLE001 - gzip raises OSError, EOFError, zlib.error...
        raise ImportFileError(filename, f"the compressed file is damaged or incomplete ({exc}).") from None
    if len(out) > limit:
        raise ImportFileError(
            filename,
            f"the file is larger than {limit // 1024 // 1024} MB once uncompressed; that is not a single activity.",
        )
    if not out.strip():
        raise ImportFileError(filename, "the file is empty once uncompressed.")
    return out


# ---------------------------------------------------------------------------------------------
# CSV reading shared by Strava and Garmin


@dataclass(frozen=True)
class CsvTable:
    """A CSV file read into memory. `records[i]` is spreadsheet row `record_rows[i]`.

    Every record has `len(header) + 1` cells: short rows are padded with "" and the extra
    last cell is always "", so `missing` (that index) reads as empty for absent columns.
    """

    filename: str
    header: tuple[str, ...]
    records: tuple[list[str], ...]
    record_rows: tuple[int, ...]

    @property
    def missing(self) -> int:
        return len(self.header)


def text_encoding(data: bytes, filename: str) -> str:
    """The encoding to read CSV bytes with; checked in chunks, so no second copy is made.

    Strava and Garmin write UTF-8 (Garmin with a BOM); a CSV re-saved by Excel on Windows is
    often cp1252, or UTF-16 with a BOM. Raises ImportFileError for binary data.
    """
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFileError(filename, "this is not a CSV file (it contains binary data).")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    for encoding in ("utf-8-sig", "cp1252"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            for start in range(0, len(data), READ_CHUNK_BYTES):
                decoder.decode(data[start : start + READ_CHUNK_BYTES])
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding
    raise ImportFileError(filename, "this is not a CSV file (its text encoding is not recognised).")


def decode_text(data: bytes, filename: str) -> str:
    """CSV bytes as text (see `text_encoding`); raises ImportFileError for binary data."""
    return data.decode(text_encoding(data, filename))


def _lines(data: bytes, encoding: str) -> Iterator[str]:
    """The text's lines with their endings, decoded as they are read (for csv.reader)."""
    stream = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
    first = stream.readline()
    # An old Mac file ends lines with a lone CR: csv.reader needs them split.
    if first.endswith("\r") and "\n" not in first:
        stream = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline=None)
        first = stream.readline()
    yield first
    yield from stream


def read_csv_table(data: bytes, filename: str, *, max_bytes: int = MAX_CSV_BYTES, max_rows: int = MAX_ROWS) -> CsvTable:
    """Parse CSV bytes; raises ImportFileError for empty, binary, truncated or oversized files.

    Read line by line: a file of more than `max_rows` data rows is refused as soon as row
    `max_rows + 1` is reached, without reading the rest.
    """
    if len(data) > max_bytes:
        raise ImportFileError(filename, f"the file is larger than {_megabytes(max_bytes)}.")
    encoding = text_encoding(data, filename)
    header: tuple[str, ...] | None = None
    records: list[list[str]] = []
    rows: list[int] = []
    delimiter = ","
    lines = _lines(data, encoding)
    try:
        # The header decides the delimiter: a CSV re-saved by a spreadsheet in a decimal-comma
        # locale uses ';' between fields.
        pending: list[str] = []
        for line in lines:
            if "\x00" in line:
                raise ImportFileError(filename, "this is not a CSV file (it contains binary data).")
            pending.append(line)
            if line.strip():
                delimiter = max((",", ";", "\t"), key=line.count)
                break
        if not pending or not "".join(pending).strip():
            raise ImportFileError(filename, "the file is empty.")
        reader = csv.reader(_chain(pending, lines, filename), delimiter=delimiter)
        # Spreadsheet row numbers count records (a quoted note may span lines), blank ones too.
        for number, record in enumerate(reader, start=1):
            if len(record) < 2 and not "".join(record).strip():  # a blank line
                continue
            if header is None:
                header = tuple(record)
                continue
            if len(records) >= max_rows:
                raise ImportFileError(
                    filename,
                    f"the file has more than {max_rows:,} rows, far more than a real export "
                    "(ten years of a run a day is under 4,000), so it was not read further. "
                    "Check that it is the activities export, or export a shorter period.",
                )
            records.append(record)
            rows.append(number)
    except csv.Error as exc:
        raise ImportFileError(filename, f"this is not a readable CSV file ({exc}).") from None
    except UnicodeDecodeError:  # pragma: no cover - text_encoding checked every byte
        raise ImportFileError(filename, "this is not a CSV file (its text encoding is not recognised).") from None
    if header is None:
        raise ImportFileError(filename, "the file is empty.")
    if len(header) < 2:
        raise ImportFileError(
            filename, "this is not a CSV file of activities (the first line has no column names separated by commas)."
        )
    width = len(header)
    if records and len(records[-1]) < width:
        raise ImportFileError(
            filename,
            f"the file looks cut off: row {rows[-1]} ends after "
            f"{len(records[-1])} of {width} columns. Download or export "
            "it again.",
        )
    for record in records:
        # Pad short rows, plus one empty cell at index `width` for columns the file lacks.
        record.extend([""] * (width + 1 - len(record)))
    # A spreadsheet's empty rows (only separators) are not activities: drop them quietly.
    if records and not "".join(records[-1]).strip() or any(not r[0] for r in records):
        kept = [(r, n) for r, n in zip(records, rows, strict=True) if "".join(r).strip()]
        records, rows = [r for r, _ in kept], [n for _, n in kept]
    return CsvTable(filename, header, tuple(records), tuple(rows))


def _chain(first: list[str], rest: Iterator[str], filename: str) -> Iterator[str]:
    yield from first
    for line in rest:
        if "\x00" in line:
            raise ImportFileError(filename, "this is not a CSV file (it contains binary data).")
        yield line


def _megabytes(limit: int) -> str:
    if limit >= 1024 * 1024:
        return f"{limit // 1024 // 1024} MB"
    return f"{limit:,} bytes"


def read_zip_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, limit: int, filename: str) -> bytes:
    """The unpacked bytes of one zip member, refusing more than `limit` bytes.

    The size the zip states (`file_size`) is checked first, then the bytes are counted as
    they are unpacked in chunks, because the stated size can lie: a member that inflates
    past the limit is never held whole. Raises ImportFileError naming `filename`.
    """
    member = info.filename.replace("\\", "/").rsplit("/", 1)[-1]
    too_big = (
        f"{member} in this zip is larger than {_megabytes(limit)} once unpacked, far more than a "
        "real export, so it was not unpacked."
    )
    if info.file_size > limit:
        raise ImportFileError(filename, too_big)
    out = io.BytesIO()
    try:
        with archive.open(info) as handle:
            while chunk := handle.read(READ_CHUNK_BYTES):
                if out.tell() + len(chunk) > limit:
                    raise ImportFileError(filename, too_big)
                out.write(chunk)
    except ImportFileError:
        raise
    except Exception as exc:  # noqa: BLE001 - damaged, encrypted, lying sizes, unsupported compression
        raise ImportFileError(filename, f"{member} inside the zip cannot be read ({exc}).") from None
    return out.getvalue()


def normalize_header(name: str) -> str:
    """Header text -> comparison key: no BOM, quotes or extra spaces, lower case."""
    return " ".join(name.replace("\ufeff", "").strip().strip('"').split()).casefold()


def column_positions(header: tuple[str, ...], aliases: Mapping[str, tuple[str, ...]]) -> dict[str, list[int]]:
    """canonical field -> positions of every header cell matching one of its aliases, in order.

    Duplicate header names are kept apart by position: Strava's first `Distance` is a display
    value in the account's units and the second is raw metres.
    """
    lookup: dict[str, str] = {}
    for canonical, names in aliases.items():
        for alias in names:
            lookup[normalize_header(alias)] = canonical
    positions: dict[str, list[int]] = {}
    for index, cell in enumerate(header):
        canonical = lookup.get(normalize_header(cell))
        if canonical is not None:
            positions.setdefault(canonical, []).append(index)
    return positions


# ---------------------------------------------------------------------------------------------
# Values

MISSING = {"", "--", "-", "\u2014", "\u2013", "n/a", "na", "null", "none"}


def is_missing(text: str | None) -> bool:
    return text is None or text.strip().casefold() in MISSING


_PLAIN_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?", re.ASCII)
_GROUPED = re.compile(r"[-+]?\d{1,3}[.,]\d{3}", re.ASCII)
_NUMBER_NOISE = re.compile(r"[\s\u00a0\u202f'’]")


def parse_number(text: str | None, *, grouping: bool = True) -> float | None:
    """A number as spreadsheets in any locale write it; None when missing.

    Handles `--`, quoted thousands (`1,024`), decimal commas (`5,02`) and both together
    (`1.024,5`, `1,024.5`: the rightmost separator is the decimal one). A lone separator
    followed by exactly three digits (`1,024`) is read as thousands when `grouping` is True;
    pass False for values that can never reach a thousand (distances of runs), so that
    `5,020` reads as 5.02. Raises ValueError for text that is not a number.
    """
    if text is None:
        return None
    s = text.strip()
    if _PLAIN_NUMBER.fullmatch(s) and not (grouping and _GROUPED.fullmatch(s)):
        number = float(s)  # the common case: digits with at most one decimal point
        if math.isinf(number):
            raise ValueError(text)
        return number
    if s.casefold() in MISSING:
        return None
    s = _NUMBER_NOISE.sub("", s)
    has_comma, has_dot = "," in s, "." in s
    if has_comma and has_dot:
        decimal = "," if s.rfind(",") > s.rfind(".") else "."
        group = "." if decimal == "," else ","
        s = s.replace(group, "").replace(decimal, ".")
    elif has_comma or has_dot:
        sep = "," if has_comma else "."
        thousands = s.count(sep) > 1 or (grouping and _GROUPED.fullmatch(s))
        s = s.replace(sep, "" if thousands else ".")
    number = float(s)
    if math.isnan(number) or math.isinf(number):
        raise ValueError(text)
    return number


def parse_duration_s(text: str | None) -> float | None:
    """`hh:mm:ss`, `mm:ss`, `h:mm:ss.s` or plain seconds -> seconds; None when missing.

    Raises ValueError for anything else.
    """
    if is_missing(text):
        return None
    s = text.strip()
    if ":" not in s:
        return parse_number(s)
    parts = s.split(":")
    if len(parts) > 3 or any(not p.strip() or len(p.strip()) > 8 for p in parts):
        raise ValueError(text)
    seconds = parse_number(parts[-1], grouping=False)
    if seconds is None or seconds < 0 or seconds >= 60:
        raise ValueError(text)
    whole = [int(p) for p in parts[:-1] if p.strip().isascii() and p.strip().isdigit()]
    if len(whole) != len(parts) - 1 or (len(whole) == 2 and whole[1] >= 60):
        raise ValueError(text)
    total = seconds
    for factor, value in zip((60, 3600), reversed(whole), strict=False):
        total += factor * value
    return total


MONTHS = {
    # English, German and French abbreviations and names, lower case, without dots.
    **{
        m: i
        for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)
    },
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "june": 6,
    "july": 7,
    "august": 8,
    "sept": 9,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "januar": 1,
    "jän": 1,
    "februar": 2,
    "mär": 3,
    "märz": 3,
    "mrz": 3,
    "mai": 5,
    "juni": 6,
    "juli": 7,
    "okt": 10,
    "oktober": 10,
    "dez": 12,
    "dezember": 12,
    "janv": 1,
    "févr": 2,
    "fevr": 2,
    "mars": 3,
    "avr": 4,
    "juin": 6,
    "juil": 7,
    "août": 8,
    "aout": 8,
    "déc": 12,
}


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)
_DOTTED_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", re.ASCII)
_MONTH_FIRST = re.compile(r"([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4})")
_DAY_FIRST = re.compile(r"(\d{1,2})\.?\s+([^\W\d_]+)\.?,?\s+(\d{4})")


def parse_date(text: str | None) -> date | None:
    """The calendar date at the start of a date-time string in the common export formats.

    `Oct 7, 2020, 2:43:11 PM`, `7. Okt. 2020, 14:43:11`, `07.10.2020, 14:43:11`,
    `2020-10-07 14:43:11`, `2020-10-07T14:43:11Z`. The time of day is ignored (see
    `parse_datetime`). Returns None when nothing date-like is found or the date does not exist.
    """
    found = _date_and_rest(text)
    return None if found is None else found[0]


def _date_and_rest(text: str | None) -> tuple[date, str] | None:
    """(date, the text after it), or None."""
    if is_missing(text):
        return None
    s = text.strip()
    year = month = day = None
    if m := _ISO_DATE.match(s):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := _MONTH_FIRST.match(s):
        month, day, year = MONTHS.get(m[1].casefold()), int(m[2]), int(m[3])
    elif m := _DOTTED_DATE.match(s):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
    elif m := _DAY_FIRST.match(s):
        day, month, year = int(m[1]), MONTHS.get(m[2].casefold()), int(m[3])
    if year is None or month is None:
        return None
    try:
        return date(year, month, day), s[m.end() :]
    except ValueError:
        return None


_TIME_OF_DAY = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*([AaPp])?\.?\s*[Mm]?\.?", re.ASCII)


def parse_datetime(text: str | None) -> datetime | date | None:
    """A date-time in the common export formats as a naive datetime (the file's clock).

    Like `parse_date`, with the time of day after the date (`2:43:11 PM`, `14:43:11`,
    `T14:43:11Z`). Returns a date when the text has a date but no readable time, None when
    it has no date.
    """
    found = _date_and_rest(text)
    if found is None:
        return None
    day, rest = found
    clock = _TIME_OF_DAY.search(rest)
    if clock is None:
        return day
    hour, minute, second = int(clock[1]), int(clock[2]), int(clock[3] or 0)
    meridiem = (clock[4] or "").casefold()
    if meridiem:
        if not 1 <= hour <= 12:
            return day
        hour = hour % 12 + (12 if meridiem == "p" else 0)
    try:
        return datetime(day.year, day.month, day.day, hour, minute, second)
    except ValueError:
        return day


def local_time(moment: datetime, tz: tzinfo | None = None) -> datetime:
    """A UTC moment (naive ones are taken as UTC) as naive local time in `tz`.

    `tz` None means this computer's time zone, with its daylight saving rule on that date.
    """
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        local = moment.astimezone(tz) if tz is not None else moment.astimezone()
    except (OverflowError, OSError, ValueError):  # a date the platform's clock cannot convert
        local = moment.astimezone(UTC)
    return local.replace(tzinfo=None)


def iso_seconds(moment: datetime | None) -> str | None:
    """'YYYY-MM-DDTHH:MM:SS' (the runs.start_time format), or None."""
    return None if moment is None else moment.replace(microsecond=0, tzinfo=None).isoformat(timespec="seconds")


def utc_date(moment: datetime) -> date:
    """The UTC calendar date of a datetime (naive ones are taken as UTC already)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.date()


def stable_id(*parts: object) -> str:
    """A short hash that stays the same for the same parts across imports."""
    text = "|".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def join_notes(*parts: str | None) -> str:
    """Non-empty parts, one per line, repeated parts once; cut to the notes limit."""
    seen: list[str] = []
    for part in parts:
        text = (part or "").strip()
        if text and text not in seen:
            seen.append(text)
    notes = "\n".join(seen)
    if len(notes) > validation.MAX_NOTES_CHARS:
        # A long Strava description should not cost her the run: keep the start of it.
        notes = notes[: validation.MAX_NOTES_CHARS - 1] + "\u2026"
    return notes


def title_text(text: str | None) -> str:
    """An activity's name as its title: one line, spaces tidied, cut to the title limit."""
    title = " ".join((text or "").split())
    if len(title) > MAX_TITLE_CHARS:
        title = title[: MAX_TITLE_CHARS - 1] + "\u2026"
    return title


def seconds_to_min(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 60, 2)


def positive_or_none(value: float | None) -> float | None:
    """A distance of 0 means 'not recorded' (treadmill, manual entry), not a 0 km run."""
    return value if value is not None and value > 0 else None


def format_pace(min_per_km: float) -> str:
    """6.5 -> '6:30 min/km'."""
    seconds = round(min_per_km * 60)
    return f"{seconds // 60}:{seconds % 60:02d} min/km"


def format_clock(seconds: float) -> str:
    """1834 -> '30:34', 4000 -> '1:06:40'."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


# Extra keys a row carries past validate_run until validation knows them (then its own,
# validated values win).
ROW_EXTRAS = ("title", "start_time")


# ---------------------------------------------------------------------------------------------
# Collecting rows


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

    def skip(self, row: int | None, reason: str) -> None:
        self.skipped.append(Skipped(row, reason))

    def add(self, row: int | None, raw: dict, *, notes_for_row: tuple[str, ...] = ()) -> None:
        """Validate one raw run (with source_id); keep it or record why not.

        `notes_for_row` are preview warnings found while reading it (e.g. which time was used).
        """
        raw = {**raw, "source": self.source}
        clean, problems = validation.validate_run(raw, today=self.today)
        if problems:
            where = f"row {row}: " if row is not None else ""
            self.skip(row, where + "; ".join(str(p) for p in problems))
            return
        source_id = clean["source_id"]
        if source_id in self._seen:
            first = self._seen[source_id]
            self.skip(
                row,
                f"duplicate of row {first} (the same activity appears twice in this file)"
                if first is not None
                else "duplicate of an activity earlier in this file",
            )
            return
        self._seen[source_id] = row
        for key in ROW_EXTRAS:
            if key not in clean:
                clean[key] = raw.get(key) if key != "title" else (raw.get(key) or "")
        index = len(self.rows)
        self.rows.append(clean)
        for message in notes_for_row:
            self.warnings.append(RowWarning(index, row, message))
        walk_warning = fast_walk_warning(clean)
        if walk_warning:
            self.warnings.append(RowWarning(index, row, walk_warning))
        found = symptom_words(clean.get("title", ""), clean.get("notes", ""))
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


def number_or_text(text: str, *, grouping: bool = True) -> float | str | None:
    """A parsed number, or the original text so validation can name what was wrong."""
    try:
        return parse_number(text, grouping=grouping)
    except ValueError:
        return text


def _plausible_pace(seconds: float, distance_km: float) -> bool:
    pace = seconds / 60 / distance_km
    return validation.FASTEST_PACE_MIN_PER_KM <= pace <= validation.SLOWEST_PACE_MIN_PER_KM


def pick_duration(
    texts: list[str], *, labels: list[str] | None = None, distance_km: object = None
) -> tuple[float | str | None, float | None, str | None]:
    """(minutes, seconds, note) from the first duration cell holding a positive time.

    When `distance_km` is known and the first time gives an impossible pace (validation's
    bounds) but a later cell gives a possible one (a watch's moving time cut short on a slow
    walk, where the elapsed time is right), the later one is used and `note` says so, naming
    the cells by `labels`. Unreadable text is passed on as it is (so validation names it) when
    no other cell helps; a zero time becomes 0 minutes (validation says it must be more than
    0); all empty -> None.
    """
    bad: str | None = None
    zero = False
    found: list[tuple[int, float]] = []
    check_pace = isinstance(distance_km, float) and distance_km > 0
    for position, text in enumerate(texts):
        try:
            seconds = parse_duration_s(text)
        except ValueError:
            bad = bad if bad is not None else text
            continue
        if seconds is not None and seconds > 0 and not math.isinf(seconds):
            found.append((position, seconds))
            # The later cells matter only when this first time gives an impossible pace.
            if len(found) == 1 and not (check_pace and not _plausible_pace(seconds, distance_km)):
                break
        zero = zero or seconds is not None
    if found:
        first_position, first = found[0]
        note = None
        if check_pace and not _plausible_pace(first, distance_km):
            better = next(((p, s) for p, s in found[1:] if _plausible_pace(s, distance_km)), None)
            if better is not None:
                names = labels or [f"time {n + 1}" for n in range(len(texts))]
                note = (
                    f"{names[first_position].capitalize()} {format_clock(first)} for {distance_km:g} km would be "
                    f"{format_pace(first / 60 / distance_km)}, which is not possible; used the "
                    f"{names[better[0]]} {format_clock(better[1])} instead."
                )
                first = better[1]
        return seconds_to_min(first), first, note
    if bad is not None:
        return bad, None, None
    return (0.0, 0.0, None) if zero else (None, None, None)


from .matching import find_same_runs  # noqa: E402 - these modules use the helpers above
from .note_words import symptom_words  # noqa: E402
