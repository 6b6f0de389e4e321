"""CSV reading shared by Strava and Garmin: encoding, delimiter, row numbers and limits."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from .limits import MAX_CSV_BYTES, MAX_ROWS, READ_CHUNK_BYTES, megabytes
from .result import ImportFileError

__all__ = ["CsvTable", "column_positions", "normalize_header", "read_csv_table", "text_encoding"]


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
        raise ImportFileError(filename, f"the file is larger than {megabytes(max_bytes)}.")
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
        # Without a NUL anywhere in the bytes (UTF-8 and cp1252 write U+0000 as a zero byte, and
        # nothing else as one) no line needs checking: the reader takes the lines straight on.
        checked = encoding != "utf-16" and b"\x00" not in data
        reader = csv.reader(
            itertools.chain(pending, lines) if checked else _chain(pending, lines, filename), delimiter=delimiter
        )
        # The header and up to `max_rows` + 1 records in one go; with no blank record among them
        # (none has fewer than two cells), each one's row number is its position.
        first = list(itertools.islice(reader, max_rows + 2))
        if first and min(map(len, first)) >= 2:
            header, records = tuple(first[0]), first[1:]
            if len(records) > max_rows:
                raise ImportFileError(filename, _too_many_rows(max_rows))
            rows = list(range(2, len(records) + 2))
        else:
            # One by one. Spreadsheet row numbers count records (a quoted note may span lines),
            # blank ones too.
            for number, record in enumerate(itertools.chain(first, reader), start=1):
                if len(record) < 2 and not "".join(record).strip():  # a blank line
                    continue
                if header is None:
                    header = tuple(record)
                    continue
                if len(records) >= max_rows:
                    raise ImportFileError(filename, _too_many_rows(max_rows))
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
        if len(record) == width:
            record.append("")
        else:
            record.extend([""] * (width + 1 - len(record)))
    # A spreadsheet's empty rows (only separators) are not activities: drop them quietly.
    if records and not "".join(records[-1]).strip() or any(not r[0] for r in records):
        kept = [(r, n) for r, n in zip(records, rows, strict=True) if "".join(r).strip()]
        records, rows = [r for r, _ in kept], [n for _, n in kept]
    return CsvTable(filename, header, tuple(records), tuple(rows))


def _too_many_rows(max_rows: int) -> str:
    return (
        f"the file has more than {max_rows:,} rows, far more than a real export "
        "(ten years of a run a day is under 4,000), so it was not read further. "
        "Check that it is the activities export, or export a shorter period."
    )


def _chain(first: list[str], rest: Iterator[str], filename: str) -> Iterator[str]:
    yield from first
    for line in rest:
        if "\x00" in line:
            raise ImportFileError(filename, "this is not a CSV file (it contains binary data).")
        yield line


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
