"""Import speed: a ten-year Strava activities.csv through parse_upload vs pandas.read_csv.

Generates ~3,650 activities (one a day, a mix of runs, walks, rides and swims, with Strava's
duplicate columns, quoted names and notes) in a temporary directory, then prints the median of nine
timings for each, taken turn about, and their ratio. Target: parse_upload within 3x of a bare read_csv
(which only reads cells; parse_upload also validates every row). Never asserts on time. The
last lines give the floor under parse_upload: the stdlib CSV reader alone, validate_run alone on
the rows it returns, and the Strava dates alone turned into local time, and what a rerun of the preview costs once the
file is read (ui.imports.parsed_upload).

    .venv/bin/python bench/bench_import.py
    .venv/bin/python bench/bench_import.py --bomb 1024   # also: a zip member inflating to 1 GB

With `--bomb MB` it also builds a zip whose activities.csv inflates to MB megabytes (written in
chunks, a few MB on disk) and prints the peak Python memory and time parse_upload needs to
refuse it: the member is counted as it inflates, so the peak stays near one read chunk.
"""

from __future__ import annotations

import csv
import io
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from return_to_run import validation
from return_to_run.importers import parse_upload
from return_to_run.importers.dates import local_time, parse_datetime

HEADER = [
    "Activity ID",
    "Activity Date",
    "Activity Name",
    "Activity Type",
    "Activity Description",
    "Elapsed Time",
    "Distance",
    "Max Heart Rate",
    "Relative Effort",
    "Commute",
    "Activity Private Note",
    "Activity Gear",
    "Filename",
    "Athlete Weight",
    "Bike Weight",
    "Elapsed Time",
    "Moving Time",
    "Distance",
    "Max Speed",
    "Average Speed",
    "Elevation Gain",
    "Elevation Loss",
    "Elevation Low",
    "Elevation High",
    "Max Grade",
    "Average Grade",
    "Average Positive Grade",
    "Average Negative Grade",
    "Max Cadence",
    "Average Cadence",
    "Max Heart Rate",
    "Average Heart Rate",
    "Max Watts",
    "Average Watts",
    "Calories",
    "Max Temperature",
    "Average Temperature",
    "Relative Effort",
    "Total Work",
    "Number of Runs",
    "Uphill Time",
    "Downhill Time",
    "Other Time",
    "Perceived Exertion",
    "Type",
    "Start Time",
    "Weighted Average Power",
    "Power Count",
    "Prefer Perceived Exertion",
    "Perceived Relative Effort",
    "Commute",
    "Total Weight Lifted",
    "From Upload",
    "Grade Adjusted Distance",
    "Weather Observation Time",
    "Weather Condition",
    "Weather Temperature",
    "Apparent Temperature",
    "Dewpoint",
    "Humidity",
    "Weather Pressure",
    "Wind Speed",
    "Wind Gust",
    "Wind Bearing",
    "Precipitation Intensity",
    "Sunrise Time",
    "Sunset Time",
    "Moon Phase",
    "Bike",
    "Gear",
    "Precipitation Probability",
    "Precipitation Type",
    "Cloud Cover",
    "Weather Visibility",
    "UV Index",
    "Weather Ozone",
    "Jump Count",
    "Total Grit",
    "Average Flow",
    "Flagged",
    "Average Elapsed Speed",
    "Dirt Distance",
    "Newly Explored Distance",
    "Newly Explored Dirt Distance",
    "Activity Count",
    "Total Steps",
    "Carbon Saved",
    "Pool Length",
    "Training Load",
    "Intensity",
    "Average Grade Adjusted Pace",
    "Timer Time",
    "Total Cycles",
    "Media",
]
TYPES = [("Run", 0.55, 10.0), ("Walk", 0.25, 5.0), ("Ride", 0.12, 22.0), ("Swim", 0.04, 2.5), ("Hike", 0.04, 4.0)]


def generate(path: Path, days: int = 3650, seed: int = 6) -> int:
    rnd = random.Random(seed)
    index = {name: [i for i, h in enumerate(HEADER) if h == name] for name in set(HEADER)}
    start = datetime(2015, 1, 1, 6, 30)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for day in range(days):
            kind, _, speed_kmh = rnd.choices(TYPES, weights=[t[1] for t in TYPES])[0]
            moment = start + timedelta(days=day, minutes=rnd.randint(0, 720))
            moving = rnd.randint(15, 75) * 60 + rnd.randint(0, 59)
            elapsed = moving + rnd.randint(0, 600)
            metres = round(moving / 3600 * speed_kmh * 1000 * rnd.uniform(0.85, 1.15), 1)
            row = [""] * len(HEADER)
            row[index["Activity ID"][0]] = str(1_000_000_000 + day)
            row[index["Activity Date"][0]] = moment.strftime("%b %-d, %Y, %-I:%M:%S %p")
            row[index["Activity Name"][0]] = f"{'Morning' if moment.hour < 12 else 'Afternoon'} {kind}"
            row[index["Activity Type"][0]] = kind
            row[index["Activity Description"][0]] = rnd.choice(["", "", "Easy, felt good", "Buggy, windy"])
            row[index["Elapsed Time"][0]] = str(elapsed)
            row[index["Distance"][0]] = f"{metres / 1609.344:.2f}"
            row[index["Commute"][0]] = "false"
            row[index["Activity Private Note"][0]] = rnd.choice(["", "", "", "no leaks, no heaviness"])
            row[index["Filename"][0]] = f"activities/{1_000_000_000 + day}.fit.gz"
            row[index["Elapsed Time"][1]] = f"{elapsed}.0"
            row[index["Moving Time"][0]] = f"{moving}.0"
            row[index["Distance"][1]] = f"{metres}"
            row[index["Average Heart Rate"][0]] = f"{rnd.uniform(110, 165):.1f}"
            row[index["Calories"][0]] = f"{rnd.uniform(100, 900):.1f}"
            row[index["Perceived Exertion"][0]] = rnd.choice(["", "", "3.0", "5.0", "7.0"])
            row[index["Commute"][1]] = "0.0"
            row[index["From Upload"][0]] = "1.0"
            writer.writerow(row)
    return days


def median_seconds(fn, repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        fn()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def interleaved_medians(first, second, repeats: int = 9) -> tuple[float, float]:
    """Median seconds of two functions timed turn about, so a busy machine slows both alike."""
    a, b = [], []
    for _ in range(repeats):
        for fn, into in ((first, a), (second, b)):
            began = time.perf_counter()
            fn()
            into.append(time.perf_counter() - began)
    return statistics.median(a), statistics.median(b)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "activities.csv"
        count = generate(path)
        data = path.read_bytes()
        today = date(2025, 1, 1)
        result = parse_upload("activities.csv", data, today=today)
        ours, theirs = interleaved_medians(
            lambda: parse_upload("activities.csv", data, today=today), lambda: pd.read_csv(path)
        )
        # The floor under parse_upload: the stdlib CSV reader alone, and validate_run alone
        # on the rows it returns (every row must pass through it).
        reader = median_seconds(lambda: list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))))
        rows = result.rows
        validating = median_seconds(lambda: [validation.validate_run(r, today=today) for r in rows])
        # And what every kept row needs besides: its UTC `Activity Date` read and turned into local
        # date and time (the calls parse_upload makes for it), as many times as rows are kept.
        stamps = [r[1] for r in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))][1 : len(rows) + 1]
        dating = median_seconds(lambda: [_local_date_and_time(s) for s in stamps])
        # What a rerun of the Data page costs once the file is read (a tick, a widget): the
        # preview's cached read, keyed on the bytes' hash, each call getting its own rows.
        from return_to_run.ui.imports import parsed_upload  # imports Streamlit: not timed

        settings = {"today": today, "distance_units": "km", "distance_unit": None}
        parsed_upload("activities.csv", data, **settings)
        rerun = median_seconds(lambda: parsed_upload("activities.csv", data, **settings), repeats=9)
    print(f"activities.csv: {count} activities, {len(data) / 1024:.0f} KB, {len(HEADER)} columns")
    print(f"  imported {len(result.rows)} runs and walks, skipped {len(result.skipped)}")
    print(f"  parse_upload (read + validate): {ours * 1000:7.1f} ms (median of 9, interleaved)")
    print(f"  pandas.read_csv (read only):    {theirs * 1000:7.1f} ms (median of 9, interleaved)")
    print(f"  ratio: {ours / theirs:.2f}x (target <= 3x)")
    print(
        f"  of which at least: csv.reader {reader * 1000:.1f} ms + validate_run {validating * 1000:.1f} ms "
        f"= {(reader + validating) / theirs:.2f}x of read_csv"
    )
    print(
        f"  + dates to local time {dating * 1000:.1f} ms = {(reader + validating + dating) / theirs:.2f}x of read_csv "
        "(medians of 5, not interleaved)"
    )
    print(f"  preview rerun with the file already read: {rerun * 1000:.1f} ms (hash + rows copied, median of 9)")


def _local_date_and_time(text: str) -> tuple[date, str]:
    moment = local_time(parse_datetime(text.strip()))
    return moment.date(), moment.isoformat()


def bomb(megabytes: int) -> None:
    """Peak memory of refusing a zip member that inflates to `megabytes` MB."""
    import tracemalloc
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive, archive.open("activities.csv", "w") as out:
        chunk = b"1,2,3\n" * (1024 * 1024 // 6)
        for _ in range(megabytes):
            out.write(chunk)
    data = buffer.getvalue()
    from return_to_run.importers import activity_files, garmin, strava  # noqa: F401 - imported before timing

    tracemalloc.start()
    began = time.perf_counter()
    try:
        parse_upload("export.zip", data, today=date(2025, 1, 1))
    except Exception as exc:  # noqa: BLE001 - the refusal is what is measured
        message = str(exc)
    else:
        message = "(not refused)"
    seconds = time.perf_counter() - began
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"zip member inflating to {megabytes} MB ({len(data) / 1024 / 1024:.1f} MB zipped):")
    print(f"  refused in {seconds:.2f} s, peak Python memory {peak / 1024 / 1024:.1f} MB")
    print(f"  {message}")


if __name__ == "__main__":
    if "--bomb" in sys.argv:
        bomb(int(sys.argv[sys.argv.index("--bomb") + 1]))
    else:
        main()
