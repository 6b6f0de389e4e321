"""The one entry point: an uploaded file, whatever its wrapper, to an `ImportResult`."""

from __future__ import annotations

import io
import zipfile
from datetime import date, tzinfo

from . import activity_files, garmin, strava
from .csv_reading import read_csv_table
from .limits import MAX_ACTIVITY_FILE_BYTES, MAX_CSV_BYTES, MAX_ROWS, Options, gunzip, read_zip_member
from .result import ImportFileError, ImportResult, Progress

__all__ = ["parse_csv", "parse_export_zip", "parse_upload", "sniff_single_file"]


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
        return parse_export_zip(data, options=options, filename=name)
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


def parse_export_zip(
    data: bytes,
    *,
    today: date | None = None,
    options: Options | None = None,
    filename: str = "export.zip",
    **settings,
) -> ImportResult:
    """Runs and walks in the `activities.csv` inside a Strava export zip. Raises ImportFileError.

    The member is unpacked with the size limit checked as it inflates, then read exactly as
    an uploaded activities.csv would be (same messages, naming the zip).
    """
    if options is None:
        options = Options(today=today, **settings)
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
    csv_bytes = read_zip_member(archive, member, limit=options.max_bytes, filename=filename)
    if not csv_bytes.strip():
        raise ImportFileError(filename, "the file is empty.")
    return parse_csv(csv_bytes, filename, options)


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
