"""Importers: a file she downloaded from Strava, Garmin Connect or a watch in, validated runs out.

Shaped like dogsheep/healthkit-to-sqlite: pure functions that take the file's bytes and return
an `ImportResult` (the rows to add, and what was skipped and why); progress is a callback, so
nothing here knows about Streamlit or SQLite. The page shows the result as a preview and, once
she confirms, storage writes `rows` in one transaction, skipping `(source, source_id)` pairs it
already holds, so importing the same file twice adds nothing.

Every row in `ImportResult.rows` is the `clean` dict from `validation.validate_run` (it passed
without problems), with `source` and `source_id` set. Dates are calendar dates as the file gives
them: Strava's `Activity Date` and GPX/TCX times are UTC, so a run started just after midnight
local time east of Greenwich (or in the evening west of it) lands on the neighbouring UTC day;
Garmin's CSV and FIT files carry local time and are used as such.

Entry point: `parse_upload(filename, data, today=..., distance_units=...)`. A file that cannot
be read at all raises `ImportFileError` naming the file and the problem; a row that cannot be
imported becomes a `Skipped` with the reason, and the other rows still come through.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime

from .. import validation

__all__ = ["ImportFileError", "ImportResult", "Skipped", "parse_upload"]

Progress = Callable[[int, int], None]

# Decompressed-size ceilings: a ten-year Strava activities.csv is a few MB; one activity file
# is rarely over 10 MB. Anything far bigger is not what she meant to upload (or a zip bomb).
MAX_CSV_BYTES = 100 * 1024 * 1024
MAX_ACTIVITY_FILE_BYTES = 50 * 1024 * 1024
PROGRESS_EVERY = 100


@dataclass(frozen=True)
class Skipped:
    """A row (or a whole single-activity file) that will not be imported.

    `row` is the spreadsheet row number (the header is row 1, the first activity row 2),
    or None for a single-activity file. `reason` is written for her to read.
    """

    row: int | None
    reason: str


@dataclass(frozen=True)
class ImportResult:
    """What an import would add (`rows`, validated run dicts) and what it leaves out."""

    source: str
    rows: tuple[dict, ...]
    skipped: tuple[Skipped, ...]


class ImportFileError(ValueError):
    """The file as a whole cannot be imported; the message names the file and the problem."""

    def __init__(self, filename: str, problem: str):
        self.filename = filename
        self.problem = problem
        super().__init__(f"{filename}: {problem}")


# ---------------------------------------------------------------------------------------------
# Dispatch


def parse_upload(
    filename: str, data: bytes, *, today: date, distance_units: str = "km", progress: Progress | None = None
) -> ImportResult:
    """Read an uploaded file and return what it would import.

    Recognised by content first, then by name: a zip (Strava export), gzip (`.fit.gz`,
    `.tcx.gz`, `.gpx.gz`), FIT, GPX, TCX, or a CSV (Strava `activities.csv` or Garmin
    Connect activities export, told apart by their headers). `distance_units` ("km" or "mi")
    is her profile's unit, used where a file gives distance without saying which (Garmin CSV).
    Raises ImportFileError when the file cannot be read.
    """
    from . import activity_files, garmin, strava

    name = filename or "the file"
    if not data or not data.strip():
        raise ImportFileError(name, "the file is empty.")
    lower = name.lower()
    if data[:2] == b"\x1f\x8b" or lower.endswith(".gz"):
        data = gunzip(data, name)
        if data[:2] == b"\x1f\x8b":
            raise ImportFileError(name, "the file is compressed twice; unpack it once and upload that.")
        name = name[:-3] if lower.endswith(".gz") else name
        lower = name.lower()
    if data[:4] == b"PK\x03\x04" or lower.endswith(".zip"):
        return strava.parse_export_zip(
            data, today=today, progress=progress, distance_units=distance_units, filename=name
        )
    kind = sniff_single_file(data) or next((ext for ext in ("fit", "gpx", "tcx") if lower.endswith("." + ext)), None)
    if kind is not None:
        parser = {"fit": activity_files.parse_fit, "gpx": activity_files.parse_gpx, "tcx": activity_files.parse_tcx}[
            kind
        ]
        result = parser(data, today=today, filename=name)
        if progress is not None:
            progress(1, 1)
        return result
    table = read_csv_table(data, name)
    if strava.looks_like_strava(table.header):
        return strava.parse_table(table, today=today, progress=progress, distance_units=distance_units)
    if garmin.looks_like_garmin(table.header):
        return garmin.parse_table(table, today=today, distance_units=distance_units, progress=progress)
    raise ImportFileError(
        name,
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


def decode_text(data: bytes, filename: str) -> str:
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFileError(filename, "this is not a CSV file (it contains binary data).")
    # Strava and Garmin write UTF-8 (Garmin with a BOM); a CSV re-saved by Excel on Windows
    # is often cp1252, or UTF-16 with a BOM.
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    encodings = ("utf-16",) if utf16 else ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(filename, "this is not a CSV file (its text encoding is not recognised).")


def read_csv_table(data: bytes, filename: str) -> CsvTable:
    """Parse CSV bytes; raises ImportFileError for empty, binary or truncated files."""
    if len(data) > MAX_CSV_BYTES:
        raise ImportFileError(filename, f"the file is larger than {MAX_CSV_BYTES // 1024 // 1024} MB.")
    text = decode_text(data, filename)
    if not text.strip():
        raise ImportFileError(filename, "the file is empty.")
    if "\x00" in text:
        raise ImportFileError(filename, "this is not a CSV file (it contains binary data).")
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    # A CSV re-saved by a spreadsheet in a decimal-comma locale uses ';' between fields.
    delimiter = max((",", ";", "\t"), key=first_line.count)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        all_records = list(reader)
    except csv.Error as exc:
        raise ImportFileError(filename, f"this is not a readable CSV file ({exc}).") from None
    header: tuple[str, ...] | None = None
    records: list[list[str]] = []
    rows: list[int] = []
    for index, record in enumerate(all_records):
        if len(record) < 2 and not "".join(record).strip():  # a blank line
            continue
        if header is None:
            header = tuple(record)
            continue
        records.append(record)
        rows.append(index + 1)
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
    `2020-10-07 14:43:11`, `2020-10-07T14:43:11Z`. The time of day is ignored (no time zone
    conversion). Returns None when nothing date-like is found or the date does not exist.
    """
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
        return date(year, month, day)
    except ValueError:
        return None


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


def seconds_to_min(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 60, 2)


def positive_or_none(value: float | None) -> float | None:
    """A distance of 0 means 'not recorded' (treadmill, manual entry), not a 0 km run."""
    return value if value is not None and value > 0 else None


# ---------------------------------------------------------------------------------------------
# Collecting rows


class RowCollector:
    """Validates raw rows one by one, skipping duplicates within the file, reporting progress."""

    def __init__(self, source: str, *, today: date, total: int, progress: Progress | None):
        self.source = source
        self.today = today
        self.total = total
        self.progress = progress
        self.done = 0
        self.rows: list[dict] = []
        self.skipped: list[Skipped] = []
        self._seen: dict[str, int | None] = {}

    def skip(self, row: int | None, reason: str) -> None:
        self.skipped.append(Skipped(row, reason))

    def add(self, row: int | None, raw: dict) -> None:
        """Validate one raw run (with source_id); keep it or record why not."""
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
        self.rows.append(clean)

    def tick(self) -> None:
        self.done += 1
        if self.progress is not None and self.done % PROGRESS_EVERY == 0 and self.done < self.total:
            self.progress(self.done, self.total)

    def result(self) -> ImportResult:
        if self.progress is not None:
            self.progress(self.total, self.total)
        return ImportResult(self.source, tuple(self.rows), tuple(self.skipped))


def number_or_text(text: str, *, grouping: bool = True) -> float | str | None:
    """A parsed number, or the original text so validation can name what was wrong."""
    try:
        return parse_number(text, grouping=grouping)
    except ValueError:
        return text


def pick_duration(texts: list[str]) -> tuple[float | str | None, float | None]:
    """(minutes, seconds) from the first duration cell holding a positive time.

    Unreadable text is passed on as it is (so validation names it) when no other cell helps;
    a zero time becomes 0 minutes (validation says it must be more than 0); all empty -> None.
    """
    bad: str | None = None
    zero = False
    for text in texts:
        try:
            seconds = parse_duration_s(text)
        except ValueError:
            bad = bad if bad is not None else text
            continue
        if seconds is not None and seconds > 0:
            return seconds_to_min(seconds), seconds
        zero = zero or seconds is not None
    if bad is not None:
        return bad, None
    return (0.0, 0.0) if zero else (None, None)
