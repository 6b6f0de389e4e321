"""Importers: hand-made sample files in tests/fixtures/imports in, exact rows out.

Every quirk listed in shared/reference/import-formats.md has a test here; the fixtures are
small enough to read next to the expected rows.
"""

from __future__ import annotations

import csv
import gzip
import importlib.util
import io
import zipfile
from collections import Counter
import os
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from return_to_run import validation
from return_to_run.importers import (
    ImportFileError,
    ImportResult,
    RowWarning,
    Skipped,
    SymptomNote,
    activity_files,
    garmin,
    parse_date,
    parse_duration_s,
    parse_number,
    parse_upload,
    strava,
)

FIXTURES = Path(__file__).parent / "fixtures" / "imports"
TODAY = date(2025, 1, 1)

_spec = importlib.util.spec_from_file_location("make_fit", FIXTURES / "make_fit.py")
make_fit_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_fit_module)
make_fit = make_fit_module.make_fit


@pytest.fixture(autouse=True)
def utc_computer():
    """Run every test on a computer set to UTC, so 'this computer's time zone' is known;
    tests of other zones pass `tz` or set TZ themselves."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def run(run_date, duration_min, distance_km, kind, effort, notes, source, source_id, title="", start_time=None) -> dict:
    """A row exactly as the importers return it: validate_run's clean dict, with the title
    (the activity name) and the local start time."""
    return {
        "title": title,
        "start_time": start_time,
        "run_date": run_date,
        "duration_min": duration_min,
        "distance_km": distance_km,
        "kind": kind,
        "run_interval_min": None,
        "walk_interval_min": None,
        "interval_repeats": None,
        "effort_1_10": effort,
        "notes": notes,
        "source": source,
        "source_id": source_id,
    }


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# Strava

STRAVA_EN_ROWS = [
    # Imperial account: the first Distance says 3.11 (miles); the raw second one 5004.3 m.
    # Duration is Moving Time (1790 s), not Elapsed Time (1834 s).
    # The name is the title; notes are only her description and private note. Activity Date
    # is UTC, shown here on a UTC computer.
    run(
        date(2020, 10, 7),
        29.83,
        5.004,
        "continuous",
        4,
        "Easy loop, first run since the birth\nPelvic floor felt fine, no leaks",
        "strava",
        "4173625375",
        title="Morning Run",
        start_time="2020-10-07T14:43:11",
    ),
    run(
        date(2020, 10, 9),
        40.0,
        3.0,
        "walk",
        None,
        "",
        "strava",
        "4190000002",
        title="Walk with the buggy",
        start_time="2020-10-09T09:15:00",
    ),
    # Markup in a name or note is kept verbatim as text; the page escapes it.
    run(
        date(2020, 10, 10),
        40.0,
        6.0,
        "continuous",
        7,
        "Felt <heavy> & tired",
        "strava",
        "4200000003",
        title='<script>alert("x")</script> Trail <b>run</b>',
        start_time="2020-10-10T07:00:00",
    ),
    # Virtual Run with raw distance 0.0 (treadmill without a foot pod): distance unknown.
    run(
        date(2020, 10, 11),
        20.0,
        None,
        "continuous",
        None,
        "",
        "strava",
        "4210000004",
        title="Treadmill",
        start_time="2020-10-11T18:00:00",
    ),
    run(
        date(2020, 10, 14),
        100.0,
        8.0,
        "walk",
        None,
        "Up the hill, down again",
        "strava",
        "4240000007",
        title="Hill walk",
        start_time="2020-10-14T10:00:00",
    ),
]
# A mention is listed even when negated ("no leaks"): she confirms, nothing is guessed.
STRAVA_EN_SYMPTOM_NOTES = (
    SymptomNote(0, 2, ("leaks",), ("leakage",)),
    SymptomNote(2, 5, ("heavy",), ("heaviness",)),
)
STRAVA_EN_SKIPPED = (
    Skipped(3, "Ride: not a run or walk"),
    Skipped(7, "row 7: Duration (min): must be more than 0 and at most 600 min; got 0 min."),
    Skipped(8, "Swim: not a run or walk"),
    Skipped(10, "duplicate of row 2 (the same activity appears twice in this file)"),
    Skipped(11, "row 11: Date: 2030-10-07 is in the future."),
    Skipped(12, "Ride: not a run or walk"),
)


def test_strava_english_csv_exact_rows_from_raw_duplicate_columns():
    result = strava.parse_activities_csv(fixture("strava_activities_en.csv"), today=TODAY)
    assert result == ImportResult(
        "strava", tuple(STRAVA_EN_ROWS), STRAVA_EN_SKIPPED, symptom_notes=STRAVA_EN_SYMPTOM_NOTES
    )


def test_parse_upload_dispatches_strava_csv_by_headers():
    result = parse_upload("activities.csv", fixture("strava_activities_en.csv"), today=TODAY)
    assert result.source == "strava"
    assert list(result.rows) == STRAVA_EN_ROWS


def test_rides_and_swims_are_skipped_with_reasons_and_counts():
    result = parse_upload("activities.csv", fixture("strava_activities_en.csv"), today=TODAY)
    counts = Counter(s.reason for s in result.skipped if s.reason.endswith("not a run or walk"))
    assert counts == {"Ride: not a run or walk": 2, "Swim: not a run or walk": 1}
    assert len(result.rows) + len(result.skipped) == 11  # every data row is accounted for


def test_strava_german_headers_dates_types_and_decimal_commas():
    result = parse_upload("activities.csv", fixture("strava_activities_de.csv"), today=TODAY)
    assert result == ImportResult(
        "strava",
        (
            run(
                date(2020, 10, 7),
                29.83,
                5.004,
                "continuous",
                5,
                "Locker\nBeckenboden ok",
                "strava",
                "11111111111",
                title="Morgenlauf",
                start_time="2020-10-07T14:43:11",
            ),
            # "9. Okt. 2020" date, raw distance written "3000,0"
            run(
                date(2020, 10, 9),
                40.0,
                3.0,
                "walk",
                None,
                "",
                "strava",
                "11111111113",
                title="Spaziergang mit Kinderwagen",
                start_time="2020-10-09T09:15:00",
            ),
        ),
        (Skipped(3, "Radfahrt: not a run or walk"),),
    )


def test_strava_single_distance_column_uses_her_units():
    data = (
        b"Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance\n"
        b'77,"Oct 7, 2020, 2:43:11 PM",Old export,Run,1800,3.1\n'
    )
    km = parse_upload("activities.csv", data, today=TODAY)
    miles = parse_upload("activities.csv", data, today=TODAY, distance_units="mi")
    assert km.rows[0]["distance_km"] == 3.1
    assert miles.rows[0]["distance_km"] == 4.989
    assert km.rows[0]["duration_min"] == 30.0


def test_strava_missing_required_columns_are_named():
    data = b"Activity ID,Activity Name,Moving Time\n1,Run,1800\n"
    with pytest.raises(
        ImportFileError, match="missing required columns: Activity Date, Activity Type, Distance"
    ) as info:
        parse_upload("activities.csv", data, today=TODAY)
    assert str(info.value).startswith("activities.csv: ")


def test_strava_export_zip_finds_activities_csv():
    export = zip_bytes(
        {
            "profile.csv": b"Athlete ID,Email\n1,x@example.org\n",
            "activities.csv": fixture("strava_activities_en.csv"),
            "activities/4173625375.fit.gz": gzip.compress(make_fit()),
            "media/photo.jpg": b"\xff\xd8\xff\xe0 not really a jpeg",
        }
    )
    assert strava.parse_export_zip(export, today=TODAY).rows == tuple(STRAVA_EN_ROWS)
    assert parse_upload("export_12345.zip", export, today=TODAY).rows == tuple(STRAVA_EN_ROWS)


def test_strava_zip_of_a_folder_has_activities_csv_one_level_down():
    export = zip_bytes({"export_12345/activities.csv": fixture("strava_activities_en.csv")})
    assert parse_upload("export.zip", export, today=TODAY).rows == tuple(STRAVA_EN_ROWS)


def test_zip_without_activities_csv_is_a_clear_error():
    photos = zip_bytes({"IMG_0001.jpg": b"\xff\xd8\xff\xe0", "notes.txt": b"hello"})
    with pytest.raises(ImportFileError, match=r"^holiday\.zip: there is no activities\.csv in this zip"):
        parse_upload("holiday.zip", photos, today=TODAY)


def test_zip_whose_activities_csv_is_not_a_csv():
    wrong = zip_bytes({"activities.csv": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"})
    with pytest.raises(ImportFileError, match="not a CSV file"):
        parse_upload("export.zip", wrong, today=TODAY)


def test_file_named_zip_that_is_not_a_zip():
    with pytest.raises(ImportFileError, match=r"^export\.zip: this is not a readable zip file"):
        parse_upload("export.zip", b"this is plain text, not a zip", today=TODAY)


def test_reimport_gives_the_same_source_ids():
    first = parse_upload("activities.csv", fixture("strava_activities_en.csv"), today=TODAY)
    again = parse_upload("export.zip", zip_bytes({"activities.csv": fixture("strava_activities_en.csv")}), today=TODAY)
    assert [(r["source"], r["source_id"]) for r in first.rows] == [(r["source"], r["source_id"]) for r in again.rows]
    garmin_first = parse_upload("Activities.csv", fixture("garmin_activities.csv"), today=TODAY)
    garmin_again = parse_upload("Activities (1).csv", fixture("garmin_activities.csv"), today=TODAY)
    assert [r["source_id"] for r in garmin_first.rows] == [r["source_id"] for r in garmin_again.rows]


def test_long_strava_description_is_cut_to_the_notes_limit_not_skipped():
    data = (
        "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Moving Time,Distance\n"
        f'5,"Oct 7, 2020, 2:43:11 PM",Run,Run,{"x" * 3000},1800,5\n'
    ).encode()
    [row] = parse_upload("activities.csv", data, today=TODAY).rows
    assert len(row["notes"]) == validation.MAX_NOTES_CHARS
    assert row["notes"].startswith("xxx") and row["notes"].endswith("\u2026")
    assert row["title"] == "Run"


def test_progress_is_reported_every_hundred_rows_and_at_the_end():
    lines = ["Activity ID,Activity Date,Activity Name,Activity Type,Moving Time,Distance"]
    lines += [f'{i},"Oct 7, 2020, 2:43:11 PM",Run {i},Run,1800,5.0' for i in range(1, 251)]
    calls: list[tuple[int, int]] = []
    result = parse_upload(
        "activities.csv",
        "\n".join(lines).encode(),
        today=TODAY,
        progress=lambda done, total: calls.append((done, total)),
    )
    assert len(result.rows) == 250
    assert calls == [(100, 250), (200, 250), (250, 250)]


# ---------------------------------------------------------------------------------------------
# Garmin


def garmin_id(date_text, activity_type, seconds, distance):
    from return_to_run.importers import stable_id

    return stable_id(date_text, activity_type.casefold(), seconds, distance)


def test_garmin_csv_exact_rows_with_missing_values_and_quoted_thousands():
    result = garmin.parse_activities_csv(fixture("garmin_activities.csv"), today=TODAY)
    # Title apart from notes (the file has none of hers); Date is local and kept as start_time.
    assert result == ImportResult(
        "garmin",
        (
            # Moving Time 00:30:40 preferred over Time 00:31:05
            run(
                date(2024, 3, 10),
                30.67,
                5.02,
                "continuous",
                None,
                "",
                "garmin",
                garmin_id("2024-03-10 07:12:45", "Running", 1840, 5.02),
                title="Easy run",
                start_time="2024-03-10T07:12:45",
            ),
            # Moving Time "--": Time "52:10" (mm:ss)
            run(
                date(2024, 3, 11),
                52.17,
                3.1,
                "walk",
                None,
                "",
                "garmin",
                garmin_id("2024-03-11 10:00:00", "Walking", 3130, 3.1),
                title="Pram walk",
                start_time="2024-03-11T10:00:00",
            ),
            # Distance 0.00 on the treadmill: unknown, not zero
            run(
                date(2024, 3, 12),
                20.0,
                None,
                "continuous",
                None,
                "",
                "garmin",
                garmin_id("2024-03-12 18:00:00", "Treadmill Running", 1200, 0.0),
                title="Treadmill",
                start_time="2024-03-12T18:00:00",
            ),
            # Hiking -> walk; "1,024" calories and "1,105" ascent in quotes do not disturb the row
            run(
                date(2024, 3, 13),
                185.17,
                12.5,
                "walk",
                None,
                "",
                "garmin",
                garmin_id("2024-03-13 09:00:00", "Hiking", 11110, 12.5),
                title="Long hike",
                start_time="2024-03-13T09:00:00",
            ),
        ),
        (
            Skipped(4, "Cycling: not a run or walk"),
            Skipped(7, "row 7: Duration (min): is missing."),
            Skipped(8, "duplicate of row 2 (the same activity appears twice in this file)"),
        ),
        # Steps against distance: 5,012 steps for 5.02 miles would be 1.61 m steps.
        distance_unit="km",
        unit_reason="Read as km: in miles, 3 activities would have an impossible pace or step length.",
    )


def test_garmin_decimal_comma_gives_the_same_runs_as_decimal_point():
    result = parse_upload("Activities.csv", fixture("garmin_decimal_comma.csv"), today=TODAY)
    assert result.source == "garmin"
    assert [(r["run_date"], r["duration_min"], r["distance_km"], r["kind"]) for r in result.rows] == [
        (date(2024, 3, 10), 30.67, 5.02, "continuous"),
        (date(2024, 3, 11), 52.17, 3.1, "walk"),  # "52:10,5" -> 52 min 10.5 s
    ]
    english = parse_upload("Activities.csv", fixture("garmin_activities.csv"), today=TODAY)
    assert result.rows[0]["source_id"] == english.rows[0]["source_id"]


def test_garmin_miles_are_converted_with_her_units():
    result = parse_upload("Activities.csv", fixture("garmin_miles.csv"), today=TODAY, distance_units="mi")
    assert [(r["distance_km"], r["kind"]) for r in result.rows] == [(5.021, "continuous")]
    # "1,024.50" miles is read as 1024.5 (quoted thousands), then rejected as a run distance
    assert result.skipped == (Skipped(3, "row 3: Distance: must be more than 0 and at most 100 km; got 1648.77 km."),)


def test_garmin_miles_and_km_share_source_ids():
    km = parse_upload("Activities.csv", fixture("garmin_miles.csv"), today=TODAY, distance_units="km")
    mi = parse_upload("Activities.csv", fixture("garmin_miles.csv"), today=TODAY, distance_units="mi")
    assert km.rows[0]["source_id"] == mi.rows[0]["source_id"]


def test_garmin_old_headers_activity_time():
    result = parse_upload("Activities.csv", fixture("garmin_old_headers.csv"), today=TODAY)
    assert [(r["run_date"], r["duration_min"], r["distance_km"], r["kind"], r["title"]) for r in result.rows] == [
        (date(2019, 6, 1), 28.5, 5.0, "continuous", "Park run"),
        (date(2019, 6, 2), 35.0, 2.4, "walk", "Stroll"),
    ]
    assert result.skipped == ()


def test_garmin_csv_resaved_with_semicolons_by_a_spreadsheet():
    text = fixture("garmin_decimal_comma.csv").decode()
    rows = list(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    result = parse_upload("Activities.csv", out.getvalue().encode("cp1252"), today=TODAY)
    assert [r["distance_km"] for r in result.rows] == [5.02, 3.1]


def test_garmin_missing_required_columns_are_named():
    data = b"Activity Type,Date,Title\nRunning,2024-03-10 07:12:45,Run\n"
    with pytest.raises(ImportFileError, match=r"missing required columns: Distance, Time \(or Moving Time"):
        parse_upload("Activities.csv", data, today=TODAY)


# ---------------------------------------------------------------------------------------------
# Single-activity files


def test_gpx_run_exact_row():
    result = activity_files.parse_gpx(fixture("run.gpx"), today=TODAY)
    assert result == ImportResult(
        "gpx",
        (
            run(
                date(2024, 4, 20),
                10.0,
                1.67,
                "continuous",
                None,
                "",
                "gpx",
                "2024-04-20T06:00:00Z",
                title="Saturday run",
                start_time="2024-04-20T06:00:00",
            ),
        ),
        (),
    )


def test_gpx_gz_and_renamed_file_give_the_same_row():
    plain = parse_upload("run.gpx", fixture("run.gpx"), today=TODAY)
    assert parse_upload("4173625375.gpx.gz", gzip.compress(fixture("run.gpx")), today=TODAY) == plain
    assert parse_upload("download", fixture("run.gpx"), today=TODAY) == plain


@pytest.mark.parametrize(("gpx_type", "kind"), [("walking", "walk"), ("Hiking", "walk"), ("9", "continuous")])
def test_gpx_type_sets_the_kind(gpx_type, kind):
    data = fixture("run.gpx").replace(b"<type>running</type>", f"<type>{gpx_type}</type>".encode())
    assert parse_upload("walk.gpx", data, today=TODAY).rows[0]["kind"] == kind


def test_gpx_ride_is_skipped():
    data = fixture("run.gpx").replace(b"<type>running</type>", b"<type>cycling</type>")
    result = parse_upload("ride.gpx", data, today=TODAY)
    assert result == ImportResult("gpx", (), (Skipped(None, "Cycling: not a run or walk"),))


def test_gpx_with_no_track_is_a_clear_error():
    with pytest.raises(ImportFileError, match=r"^route_only\.gpx: this GPX file has no recorded track"):
        parse_upload("route_only.gpx", fixture("route_only.gpx"), today=TODAY)


def test_gpx_track_without_times_is_skipped_with_a_reason():
    data = fixture("run.gpx")
    for minute in range(11):
        data = data.replace(f"<time>2024-04-20T06:{minute:02d}:00Z</time>".encode(), b"")
    result = parse_upload("notimes.gpx", data, today=TODAY)
    assert result.rows == ()
    assert "no times" in result.skipped[0].reason


def test_broken_gpx_is_a_clear_error():
    with pytest.raises(ImportFileError, match=r"^run\.gpx: this is not a readable GPX file"):
        parse_upload("run.gpx", fixture("run.gpx")[:700], today=TODAY)


def test_tcx_run_exact_row():
    result = activity_files.parse_tcx(fixture("run.tcx"), today=TODAY)
    assert result == ImportResult(
        "tcx",
        (
            run(
                date(2024, 4, 21),
                25.0,
                4.0,
                "continuous",
                None,
                "",
                "tcx",
                "2024-04-21T17:30:00Z",
                start_time="2024-04-21T17:30:00",
            ),
        ),
        (),
    )
    assert parse_upload("a.tcx.gz", gzip.compress(fixture("run.tcx")), today=TODAY) == result


def test_tcx_biking_is_skipped_and_broken_tcx_is_an_error():
    ride = fixture("run.tcx").replace(b'Sport="Running"', b'Sport="Biking"')
    assert parse_upload("ride.tcx", ride, today=TODAY).skipped == (Skipped(None, "Biking: not a run or walk"),)
    with pytest.raises(ImportFileError, match=r"^run\.tcx: this is not a readable TCX file"):
        parse_upload("run.tcx", fixture("run.tcx")[:900], today=TODAY)


def test_fit_fixture_exact_row_with_local_date_and_effort():
    # Started 22:30 UTC on 4 May at UTC+2: her local date is 5 May. Timer time 1800 s.
    result = activity_files.parse_fit(fixture("run.fit"), today=TODAY)
    assert result == ImportResult(
        "fit",
        (
            run(
                date(2024, 5, 5),
                30.0,
                5.013,
                "continuous",
                6,
                "",
                "fit",
                "2024-05-04T22:30:00Z",
                start_time="2024-05-05T00:30:00",
            ),
        ),
        (),
    )
    assert fixture("run.fit") == make_fit(rpe=6)  # the committed file is what make_fit.py writes


def test_fit_gz_variant_and_dispatch_by_content():
    plain = parse_upload("run.fit", fixture("run.fit"), today=TODAY)
    assert parse_upload("4173625375.fit.gz", gzip.compress(fixture("run.fit")), today=TODAY) == plain
    assert parse_upload("upload.bin", fixture("run.fit"), today=TODAY) == plain


@pytest.mark.parametrize(("sport", "kind"), [("walking", "walk"), ("hiking", "walk"), ("generic", "continuous")])
def test_fit_sport_sets_the_kind(sport, kind):
    assert parse_upload("a.fit", make_fit(sport=sport), today=TODAY).rows[0]["kind"] == kind


def test_fit_ride_is_skipped():
    result = parse_upload("ride.fit", make_fit(sport="cycling"), today=TODAY)
    assert result == ImportResult("fit", (), (Skipped(None, "Cycling: not a run or walk"),))


def test_damaged_fit_files_are_clear_errors():
    good = make_fit()
    bad_crc = good[:-2] + bytes([good[-2] ^ 0xFF, good[-1]])
    with pytest.raises(ImportFileError, match=r"^run\.fit: this is not a readable FIT file"):
        parse_upload("run.fit", bad_crc, today=TODAY)
    with pytest.raises(ImportFileError, match=r"^run\.fit: this is not a readable FIT file"):
        parse_upload("run.fit", good[: len(good) // 2], today=TODAY)
    with pytest.raises(ImportFileError, match=r"^run\.fit: this is not a readable FIT file"):
        parse_upload("run.fit", b"definitely not a fit file", today=TODAY)


def test_future_dated_single_file_is_skipped():
    result = parse_upload("run.fit", make_fit(), today=date(2024, 5, 1))
    assert result.rows == ()
    assert result.skipped == (Skipped(None, "Date: 2024-05-05 is in the future."),)


# ---------------------------------------------------------------------------------------------
# Broken files


def test_truncated_csv_is_a_clear_error():
    data = fixture("strava_activities_en.csv")
    cut = data[: data.rindex(b"Commute,Ride") + 20]
    with pytest.raises(ImportFileError, match=r"^activities\.csv: the file looks cut off: row 12 ends after"):
        parse_upload("activities.csv", cut, today=TODAY)


def test_binary_junk_named_csv():
    junk = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256))
    with pytest.raises(ImportFileError, match=r"^activities\.csv: this is not a CSV file"):
        parse_upload("activities.csv", junk, today=TODAY)


@pytest.mark.parametrize("data", [fixture("empty.csv"), b"   \r\n\n", b"\xef\xbb\xbf"])
def test_empty_file(data):
    with pytest.raises(ImportFileError, match=r"^empty\.csv: the file is empty"):
        parse_upload("empty.csv", data, today=TODAY)


def test_csv_that_is_neither_strava_nor_garmin():
    with pytest.raises(ImportFileError, match="not a Strava activities.csv or a Garmin Connect"):
        parse_upload("budget.csv", b"Item,Amount\nNappies,12.50\n", today=TODAY)


def test_header_only_export_imports_nothing():
    header = fixture("strava_activities_en.csv").split(b"\n", 1)[0] + b"\n"
    assert parse_upload("activities.csv", header, today=TODAY) == ImportResult("strava", (), ())


def test_unreadable_cell_values_are_row_problems():
    data = (
        b"Activity Type,Date,Title,Distance,Time\n"
        b"Running,someday,Run,5.0,00:30:00\n"
        b"Running,2024-03-10 07:00:00,Run,five,00:30:00\n"
        b"Running,2024-03-11 07:00:00,Run,5.0,half an hour\n"
    )
    result = parse_upload("Activities.csv", data, today=TODAY)
    assert result.skipped == (
        Skipped(2, "row 2: Date: 'someday' is not a date (use YYYY-MM-DD)."),
        Skipped(3, "row 3: Distance: 'five' is not a number."),
        Skipped(4, "row 4: Duration (min): 'half an hour' is not a number."),
    )


# ---------------------------------------------------------------------------------------------
# Value parsing


@pytest.mark.parametrize(
    ("text", "grouping", "expected"),
    [
        ("5.02", False, 5.02),
        ("5,02", False, 5.02),
        ("5,020", False, 5.02),
        ("1,024", True, 1024.0),
        ("1.024", True, 1024.0),
        ("1,024.5", True, 1024.5),
        ("1.024,5", True, 1024.5),
        ("12 345,6", True, 12345.6),
        ("--", True, None),
        ("", True, None),
        ("1,234,567", True, 1234567.0),
    ],
)
def test_parse_number(text, grouping, expected):
    assert parse_number(text, grouping=grouping) == expected


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("00:31:05", 1865),
        ("31:05", 1865),
        ("3:05:10", 11110),
        ("52:10,5", 3130.5),
        ("1800.0", 1800),
        ("--", None),
    ],
)
def test_parse_duration(text, seconds):
    assert parse_duration_s(text) == seconds


@pytest.mark.parametrize("text", ["1:75", "1:2:3:4", "abc", "12:", "5:99:00"])
def test_parse_duration_rejects(text):
    with pytest.raises(ValueError):
        parse_duration_s(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Oct 7, 2020, 2:43:11 PM", date(2020, 10, 7)),
        ("07.10.2020, 14:43:11", date(2020, 10, 7)),
        ("7. Okt. 2020, 14:43:11", date(2020, 10, 7)),
        ("2020-10-07T23:59:59Z", date(2020, 10, 7)),
        ("2020-02-30 10:00:00", None),
        ("someday", None),
        ("", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


# ---------------------------------------------------------------------------------------------
# Properties: whatever she uploads, either clean rows or ImportFileError

FILENAMES = st.sampled_from(
    ["activities.csv", "Activities.csv", "export.zip", "run.gpx", "run.tcx", "run.fit", "run.fit.gz", "upload"]
)
STRAVA_HEADER = fixture("strava_activities_en.csv").decode().split("\n", 1)[0]
GARMIN_HEADER = fixture("garmin_activities.csv").decode().split("\n", 1)[0]
CELLS = st.one_of(
    st.sampled_from(
        [
            "",
            "--",
            "Run",
            "Ride",
            "Walk",
            "Running",
            "Hiking",
            "0",
            "0.0",
            "5,02",
            "1,024",
            "1800.0",
            "00:31:05",
            "52:10",
            "99:99",
            "-5",
            "1e309",
            "nan",
            "inf",
            "Oct 7, 2020, 2:43:11 PM",
            "07.10.2020, 14:43:11",
            "2024-03-10 07:12:45",
            "2099-01-01 00:00:00",
            '"',
            '""',
            "\n",
            "<b>x</b>",
            "7",
            "11",
            "1.5",
        ]
    ),
    st.text(max_size=12),
)


def assert_clean(result: ImportResult) -> None:
    assert isinstance(result, ImportResult)
    for row in result.rows:
        clean, problems = validation.validate_run(row, today=TODAY)
        assert problems == []
        # validate_run's own fields are unchanged; title and start_time are always there.
        assert {key: row[key] for key in clean} == clean
        assert isinstance(row["title"], str) and (row["start_time"] is None or len(row["start_time"]) == 19)
        assert row["source"] == result.source and row["source_id"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(filename=FILENAMES, data=st.binary(max_size=400))
def test_random_bytes_never_crash(filename, data):
    try:
        result = parse_upload(filename, data, today=TODAY)
    except ImportFileError:
        return
    assert_clean(result)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    header=st.sampled_from([STRAVA_HEADER, GARMIN_HEADER, "Activity Type,Date,Distance,Time"]),
    rows=st.lists(st.lists(CELLS, min_size=0, max_size=20), max_size=6),
    units=st.sampled_from(["km", "mi"]),
    delimiter=st.sampled_from([",", ";"]),
)
def test_random_csv_rows_never_crash(header, rows, units, delimiter):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header.split(","))
    writer.writerows(rows)
    try:
        result = parse_upload("activities.csv", out.getvalue().encode(), today=TODAY, distance_units=units)
    except ImportFileError:
        return
    assert_clean(result)


@settings(max_examples=60, deadline=None)
@given(cut=st.integers(min_value=0, max_value=600), flip=st.integers(min_value=0, max_value=600))
def test_damaged_fit_files_never_crash(cut, flip):
    good = bytearray(make_fit())
    if flip < len(good):
        good[flip] ^= 0x5A
    try:
        result = parse_upload("run.fit", bytes(good[: len(good) - cut % len(good)]), today=TODAY)
    except ImportFileError:
        return
    assert_clean(result)


def test_blank_and_separator_only_rows_are_ignored_and_row_numbers_stay_spreadsheet_rows():
    data = b"Activity Type,Date,Title,Distance,Time\n\n,,,,\nCycling,2024-03-10 07:00:00,Ride,20.0,01:00:00\n,,,,\n"
    result = parse_upload("Activities.csv", data, today=TODAY)
    assert (result.rows, result.skipped) == ((), (Skipped(4, "Cycling: not a run or walk"),))
