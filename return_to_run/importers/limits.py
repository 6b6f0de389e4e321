"""Size and row ceilings, checked while reading (never after), and the readers that keep them.

A ten-year Strava activities.csv is a few MB and one activity file rarely over 10 MB; anything
far bigger is not what she meant to upload (or a zip bomb). The row cap is far above a real
export: ten years of a run every day is under 4,000 activities.
"""

from __future__ import annotations

import gzip
import io
import zipfile
from dataclasses import dataclass
from datetime import date, tzinfo

from .result import ImportFileError, Progress

__all__ = [
    "MAX_ACTIVITY_FILE_BYTES",
    "MAX_CSV_BYTES",
    "MAX_ROWS",
    "READ_CHUNK_BYTES",
    "Options",
    "gunzip",
    "megabytes",
    "read_zip_member",
]

MAX_CSV_BYTES = 100 * 1024 * 1024
MAX_ACTIVITY_FILE_BYTES = 50 * 1024 * 1024
MAX_ROWS = 50_000
READ_CHUNK_BYTES = 1024 * 1024


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


def megabytes(limit: int) -> str:
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
        f"{member} in this zip is larger than {megabytes(limit)} once unpacked, far more than a "
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
