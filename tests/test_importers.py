"""Importers: hand-made sample files in tests/fixtures/imports in, exact rows out.

Every quirk listed in shared/reference/import-formats.md has a test here; the fixtures are
small enough to read next to the expected rows.
"""

from __future__ import annotations

import csv
import gzip
import importlib.util
import io
import os
import time
import zipfile
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from return_to_run import importers, validation
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
    assert importers.parse_export_zip(export, today=TODAY).rows == tuple(STRAVA_EN_ROWS)
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


@pytest.mark.parametrize("distances", [("5", "5000.0"), ("5",)], ids=["raw metres", "one distance"])
def test_strava_notes_are_each_rows_own_description_and_private_note_in_that_order(distances):
    # Pairs repeat in a real export ("Easy", no note): each row still gets its own, in order.
    header = (
        "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Activity Private Note,Moving Time"
    )
    header += ",Distance" * len(distances)
    pairs = [
        ("Easy", "no leaks"),
        ("no leaks", "Easy"),
        ("Easy", "no leaks"),
        ("", "Easy"),
        ("Easy", ""),
        ("Easy", "Easy"),
    ]
    lines = [header] + [
        f'{n},"Oct {n}, 2020, 2:43:11 PM",Run,Run,{d},{p},1800,{",".join(distances)}'
        for n, (d, p) in enumerate(pairs, 1)
    ]
    rows = parse_upload("activities.csv", "\n".join(lines).encode(), today=TODAY).rows
    assert [r["notes"] for r in rows] == ["Easy\nno leaks", "no leaks\nEasy", "Easy\nno leaks", "Easy", "Easy", "Easy"]


def test_long_strava_description_is_cut_to_the_notes_limit_not_skipped():
    data = (
        "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Moving Time,Distance\n"
        f'5,"Oct 7, 2020, 2:43:11 PM",Run,Run,{"x" * 3000},1800,5\n'
    ).encode()
    [row] = parse_upload("activities.csv", data, today=TODAY).rows
    assert len(row["notes"]) == validation.MAX_NOTES_CHARS
    assert row["notes"].startswith("xxx") and row["notes"].endswith("\u2026")
    assert row["title"] == "Run"


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


# ---------------------------------------------------------------------------------------------
# Issue 13, item 14: limits checked while reading


def test_csv_row_cap_at_its_value_and_one_over():
    header = "Activity Type,Date,Title,Distance,Time\n"
    rows = [f"Running,2024-03-{day:02d} 07:00:00,Run,5.0,00:30:00\n" for day in range(1, 5)]
    at_cap = parse_upload("Activities.csv", (header + "".join(rows[:3])).encode(), today=TODAY, max_rows=3)
    assert len(at_cap.rows) == 3
    under = parse_upload("Activities.csv", (header + "".join(rows[:2])).encode(), today=TODAY, max_rows=3)
    assert len(under.rows) == 2
    with pytest.raises(ImportFileError, match=r"^Activities\.csv: the file has more than 3 rows, far more than"):
        parse_upload("Activities.csv", (header + "".join(rows)).encode(), today=TODAY, max_rows=3)


def test_csv_reading_stops_at_the_row_cap_without_reading_the_rest():
    # Past the cap the file is broken (an unclosed quote): it is never reached.
    header = "Activity Type,Date,Title,Distance,Time\n"
    rows = "".join(f"Running,2024-03-{day:02d} 07:00:00,Run,5.0,00:30:00\n" for day in range(1, 4))
    data = (header + rows + 'Running,"2024-03-09 07:00:00,never\n' * 1000).encode()
    with pytest.raises(ImportFileError, match="more than 2 rows"):
        parse_upload("Activities.csv", data, today=TODAY, max_rows=2)


def test_the_default_row_cap_is_fifty_thousand():
    from return_to_run.importers import MAX_ROWS

    assert MAX_ROWS == 50_000


def test_csv_larger_than_the_byte_limit_is_refused():
    data = fixture("garmin_activities.csv")
    assert parse_upload("Activities.csv", data, today=TODAY, max_bytes=len(data)).rows
    with pytest.raises(ImportFileError, match=r"^Activities\.csv: the file is larger than 939 bytes"):
        parse_upload("Activities.csv", data, today=TODAY, max_bytes=len(data) - 1)


def test_zip_member_larger_than_the_limit_is_refused_before_unpacking():
    member = fixture("strava_activities_en.csv")
    export = zip_bytes({"activities.csv": member})
    assert len(parse_upload("export.zip", export, today=TODAY, max_bytes=len(member)).rows) == 5
    with pytest.raises(
        ImportFileError, match=r"^export\.zip: activities\.csv in this zip is larger than 3,936 bytes once unpacked"
    ):
        parse_upload("export.zip", export, today=TODAY, max_bytes=len(member) - 1)


def _lie_about_size(zipped: bytes, claimed: int) -> bytes:
    """The zip with every stated uncompressed size of its one member set to `claimed`."""
    data = bytearray(zipped)
    local = data.index(b"PK\x03\x04")
    data[local + 22 : local + 26] = claimed.to_bytes(4, "little")
    central = data.index(b"PK\x01\x02")
    data[central + 24 : central + 28] = claimed.to_bytes(4, "little")
    return bytes(data)


def test_zip_member_that_lies_about_its_size_is_not_held_whole():
    import tracemalloc

    # 20 MB of one byte deflates to ~20 kB; the zip says it is 100 bytes.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive, archive.open("activities.csv", "w") as handle:
        for _ in range(20):
            handle.write(b"a" * (1024 * 1024))
    bomb = _lie_about_size(buffer.getvalue(), 100)
    tracemalloc.start()
    try:
        with pytest.raises(ImportFileError, match=r"^export\.zip: activities\.csv"):
            parse_upload("export.zip", bomb, today=TODAY, max_bytes=1024 * 1024)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024


def test_zip_member_is_counted_as_it_inflates_whatever_its_stated_size():
    from return_to_run.importers import read_zip_member

    class Archive:
        """A zip whose member states 10 bytes and inflates to 5,000."""

        def open(self, info):
            return io.BytesIO(b"x" * 5000)

    info = zipfile.ZipInfo("activities.csv")
    info.file_size = 10
    assert read_zip_member(Archive(), info, limit=5000, filename="export.zip") == b"x" * 5000
    with pytest.raises(ImportFileError, match=r"^export\.zip: activities\.csv in this zip is larger than 4,999 bytes"):
        read_zip_member(Archive(), info, limit=4999, filename="export.zip")


# ---------------------------------------------------------------------------------------------
# Item 15: the unit of a file that does not name it


def test_garmin_miles_file_is_read_in_miles_whatever_her_setting():
    for setting in ("km", "mi", None):
        result = parse_upload("Activities.csv", fixture("garmin_miles_stride.csv"), today=TODAY, distance_units=setting)
        assert [(r["title"], r["distance_km"]) for r in result.rows] == [("Easy miles", 5.021), ("Pram walk", 3.219)]
        assert result.distance_unit == "mi" and result.other_unit == "km"
        assert result.unit_reason == (
            "Read as miles: steps \u00d7 stride length match distances in miles for 2 of 2 activities that have them."
        )


def test_garmin_km_file_is_read_in_km_when_her_setting_is_miles():
    result = parse_upload("Activities.csv", fixture("garmin_km_stride.csv"), today=TODAY, distance_units="mi")
    assert [r["distance_km"] for r in result.rows] == [5.02]
    assert result.distance_unit == "km"


def test_the_preview_switch_reads_the_file_again_in_the_other_unit():
    result = parse_upload("Activities.csv", fixture("garmin_miles_stride.csv"), today=TODAY, distance_unit="km")
    assert [r["distance_km"] for r in result.rows] == [3.12, 2.0]
    assert (result.distance_unit, result.unit_reason) == ("km", "Read as km: your choice.")
    # The same activities keep the same ids, so switching never imports anything twice.
    miles = parse_upload("Activities.csv", fixture("garmin_miles_stride.csv"), today=TODAY)
    assert [r["source_id"] for r in result.rows] == [r["source_id"] for r in miles.rows]


def test_without_clues_her_setting_decides_and_says_so():
    result = parse_upload("Activities.csv", fixture("garmin_miles.csv"), today=TODAY, distance_units="mi")
    assert result.distance_unit == "mi"
    assert result.unit_reason == (
        "Read as miles, the unit in your profile: the file does not name its unit and its paces fit either."
    )
    no_profile = parse_upload("Activities.csv", fixture("garmin_miles.csv"), today=TODAY, distance_units=None)
    assert no_profile.distance_unit == "km"
    assert "there is no unit in your profile yet" in no_profile.unit_reason


def test_files_that_name_their_units_have_nothing_to_switch():
    assert parse_upload("activities.csv", fixture("strava_activities_en.csv"), today=TODAY).distance_unit is None
    assert parse_upload("run.gpx", fixture("run.gpx"), today=TODAY).other_unit is None


def test_strava_single_distance_column_is_detected_from_paces():
    # 3.1 in 50 min for a run: 16.1 min/km in km (slower than a run), 10.0 min/mile in miles.
    data = (
        b"Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance\n"
        b'77,"Oct 7, 2020, 2:43:11 PM",Old export,Run,3000,3.1\n'
    )
    result = parse_upload("activities.csv", data, today=TODAY, distance_units="km")
    assert result.rows[0]["distance_km"] == 4.989
    assert result.unit_reason == "Read as miles: in km, 1 activity would have an impossible pace or step length."


def test_detect_distance_unit_needs_four_to_one():
    from return_to_run.importers.units import UnitClue, detect_distance_unit

    km_run = UnitClue("continuous", 5.0, 30.0, steps=5000, stride=1.0)  # 1000 m per unit; 1.61 m steps in miles
    mi_run = UnitClue("continuous", 3.1, 30.0, steps=5000, stride=1.0)  # 1613 m per unit
    short_mi_run = UnitClue("continuous", 2.0, 30.0, steps=5200, stride=0.62)  # 1612 m; 0.38 m steps in km
    unit, reason = detect_distance_unit([km_run] * 4 + [mi_run], setting="mi")
    assert (unit, reason) == (
        "km",
        "Read as km: steps \u00d7 stride length match distances in km for 4 of 5 activities that have them.",
    )
    # 3 to 1 does not decide on stride; the step lengths then do.
    unit, reason = detect_distance_unit([km_run] * 3 + [mi_run], setting="mi")
    assert (unit, reason) == (
        "km",
        "Read as km: in miles, 3 activities would have an impossible pace or step length.",
    )
    assert detect_distance_unit([mi_run] * 4 + [km_run], setting="km")[0] == "mi"
    # Evenly split clues: her setting.
    assert detect_distance_unit([km_run, short_mi_run], setting="mi")[0] == "mi"
    assert detect_distance_unit([km_run, short_mi_run], setting="km")[0] == "km"
    assert detect_distance_unit([], setting=None)[0] == "km"


def test_stride_in_feet_from_an_imperial_account_also_counts():
    from return_to_run.importers.units import UnitClue, detect_distance_unit

    # 5,040 steps of 3.25 ft over 3.1 miles: 5,284 ft per mile.
    unit, reason = detect_distance_unit([UnitClue("continuous", 3.1, 30.0, steps=5040, stride=3.25)], setting="km")
    assert unit == "mi"


# ---------------------------------------------------------------------------------------------
# Item 16: her local dates and start times

STRAVA_LATE = (
    b"Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Moving Time,Distance,Distance\n"
    b'91,"Jan 2, 2025, 1:30:00 AM",Evening run,Run,1800,1800,3.11,5000.0\n'
)


def test_an_evening_run_west_of_utc_is_today_not_in_the_future():
    from zoneinfo import ZoneInfo

    # 01:30 UTC on 2 January is 20:30 on 1 January in New York: today, not tomorrow.
    result = parse_upload("activities.csv", STRAVA_LATE, today=TODAY, tz=ZoneInfo("America/New_York"))
    assert result.skipped == ()
    assert (result.rows[0]["run_date"], result.rows[0]["start_time"]) == (date(2025, 1, 1), "2025-01-01T20:30:00")
    # Read as UTC, as before, it would be tomorrow.
    in_utc = parse_upload("activities.csv", STRAVA_LATE, today=TODAY)
    assert in_utc.skipped == (Skipped(2, "row 2: Date: 2025-01-02 is in the future."),)


def test_without_a_zone_the_computers_zone_is_used():
    os.environ["TZ"] = "America/New_York"
    time.tzset()
    result = parse_upload("activities.csv", STRAVA_LATE, today=TODAY)
    assert result.rows[0]["start_time"] == "2025-01-01T20:30:00"


@pytest.mark.parametrize("zone", ["America/New_York", "Australia/Lord_Howe", "America/St_Johns"])
def test_the_computers_zone_gives_what_astimezone_gives_across_daylight_saving(zone):
    """local_time reads this computer's offset directly (speed); it must agree with
    datetime.astimezone() at every quarter hour of a year with two changes, half-hour ones too."""
    from datetime import UTC, timedelta

    from return_to_run.importers.dates import local_time

    os.environ["TZ"] = zone
    time.tzset()
    moment = datetime(2024, 1, 1)
    while moment < datetime(2025, 1, 1):
        assert local_time(moment) == moment.replace(tzinfo=UTC).astimezone().replace(tzinfo=None), moment
        moment += timedelta(minutes=15)


def test_a_gpx_run_after_midnight_in_utc_plus_two_is_on_her_day():
    from zoneinfo import ZoneInfo

    # Track from 22:00 to 22:10 UTC on 19 April: 00:00 to 00:10 on 20 April in Berlin (CEST).
    data = fixture("run.gpx").replace(b"2024-04-20T06:", b"2024-04-19T22:")
    [row] = parse_upload("run.gpx", data, today=TODAY, tz=ZoneInfo("Europe/Berlin")).rows
    assert (row["run_date"], row["start_time"], row["source_id"]) == (
        date(2024, 4, 20),
        "2024-04-20T00:00:00",
        "2024-04-19T22:00:00Z",
    )


def test_daylight_saving_is_that_days_rule():
    from zoneinfo import ZoneInfo

    berlin = ZoneInfo("Europe/Berlin")
    winter = STRAVA_LATE.replace(b"Jan 2, 2025, 1:30:00 AM", b"Jan 1, 2024, 11:30:00 PM")
    summer = STRAVA_LATE.replace(b"Jan 2, 2025, 1:30:00 AM", b"Jul 1, 2024, 10:30:00 PM")
    assert parse_upload("a.csv", winter, today=TODAY, tz=berlin).rows[0]["start_time"] == "2024-01-02T00:30:00"
    assert parse_upload("a.csv", summer, today=TODAY, tz=berlin).rows[0]["start_time"] == "2024-07-02T00:30:00"


def test_garmin_dates_are_local_already_and_kept_as_they_are():
    from zoneinfo import ZoneInfo

    result = parse_upload("Activities.csv", fixture("garmin_activities.csv"), today=TODAY, tz=ZoneInfo("Asia/Tokyo"))
    assert result.rows[0]["start_time"] == "2024-03-10T07:12:45"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Oct 7, 2020, 2:43:11 PM", datetime(2020, 10, 7, 14, 43, 11)),
        ("Oct 7, 2020, 12:05:00 AM", datetime(2020, 10, 7, 0, 5)),
        ("Oct 7, 2020, 12:30:00 PM", datetime(2020, 10, 7, 12, 30)),
        ("7. Okt. 2020, 14:43:11", datetime(2020, 10, 7, 14, 43, 11)),
        ("07.10.2020, 14:43:11", datetime(2020, 10, 7, 14, 43, 11)),
        ("2020-10-07T23:59:59Z", datetime(2020, 10, 7, 23, 59, 59)),
        ("2020-10-07", date(2020, 10, 7)),
        ("Oct 7, 2020, 13:00:00 PM", date(2020, 10, 7)),
        ("Oct 7, 2020, 0:10:00 AM", date(2020, 10, 7)),
        ("Oct 7, 2020, 2:61:00 PM", date(2020, 10, 7)),
        ("Feb 30, 2020, 2:43:11 PM", None),
        ("Foo 7, 2020, 2:43:11 PM", None),
        ("OKT 7, 2020, 2:43:11 PM", datetime(2020, 10, 7, 14, 43, 11)),
        (" Oct 7, 2020, 2:43:11 pm", datetime(2020, 10, 7, 14, 43, 11)),
        ("someday", None),
    ],
)
def test_parse_datetime(text, expected):
    from return_to_run.importers import parse_datetime

    assert parse_datetime(text) == expected


# ---------------------------------------------------------------------------------------------
# Item 17: the same run from two sources


def test_a_strava_csv_and_its_gpx_are_the_same_run():
    from return_to_run.importers import find_same_runs

    csv_data = (
        b"Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Moving Time,Distance,Distance\n"
        b'55,"Apr 20, 2024, 6:00:30 AM",Saturday run,Run,620,600,1.04,1670.0\n'
        b'56,"Apr 21, 2024, 6:00:30 AM",Sunday run,Run,620,600,1.04,1670.0\n'
    )
    strava_rows = parse_upload("activities.csv", csv_data, today=TODAY).rows
    gpx_rows = parse_upload("run.gpx", fixture("run.gpx"), today=TODAY).rows
    assert find_same_runs(gpx_rows, strava_rows) == {0: 0}
    assert find_same_runs(strava_rows, gpx_rows) == {0: 0}


def _row(start_time, duration_min, run_date=None, distance_km=None):
    return {
        "run_date": run_date or (start_time[:10] if start_time else None),
        "start_time": start_time,
        "duration_min": duration_min,
        "distance_km": distance_km,
    }


@pytest.mark.parametrize(
    ("existing_start", "matched"),
    [("2024-04-20T07:04:59", True), ("2024-04-20T07:05:00", True), ("2024-04-20T07:05:01", False)],
)
def test_same_run_start_within_five_minutes(existing_start, matched):
    from return_to_run.importers import find_same_runs

    found = find_same_runs([_row("2024-04-20T07:00:00", 30.0)], [_row(existing_start, 30.0)])
    assert found == ({0: 0} if matched else {})


@pytest.mark.parametrize(("existing_min", "matched"), [(27.1, True), (27.0, True), (26.9, False), (33.3, True)])
def test_same_run_duration_within_ten_percent(existing_min, matched):
    from return_to_run.importers import find_same_runs

    found = find_same_runs([_row("2024-04-20T07:00:00", 30.0)], [_row("2024-04-20T07:01:00", existing_min)])
    assert found == ({0: 0} if matched else {})


def test_same_run_across_midnight():
    from return_to_run.importers import find_same_runs

    assert find_same_runs([_row("2024-04-20T23:58:00", 30.0)], [_row("2024-04-21T00:01:00", 30.0)]) == {0: 0}


def test_old_rows_without_start_time_match_on_date_duration_and_distance():
    from return_to_run.importers import find_same_runs

    new = [_row("2024-04-20T07:00:00", 30.0, distance_km=5.0)]
    assert find_same_runs(new, [_row(None, 29.0, run_date="2024-04-20", distance_km=5.2)]) == {0: 0}
    assert find_same_runs(new, [_row(None, 29.0, run_date=date(2024, 4, 20))]) == {0: 0}
    assert find_same_runs(new, [_row(None, 29.0, run_date="2024-04-21")]) == {}
    assert find_same_runs(new, [_row(None, 29.0, run_date="2024-04-20", distance_km=6.0)]) == {}


def test_each_existing_run_hides_at_most_one_new_row_the_closest():
    from return_to_run.importers import find_same_runs

    new = [_row("2024-04-20T07:03:00", 30.0), _row("2024-04-20T07:01:00", 30.0)]
    assert find_same_runs(new, [_row("2024-04-20T07:00:00", 30.0)]) == {1: 0}


# ---------------------------------------------------------------------------------------------
# Item 18: title apart from her note; symptom words listed for her to confirm


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (("Morning Run", "Felt fine, no leaks"), (("leaks",), ("leakage",))),
        (("No pain today",), (("pain",), ("pain",))),
        (("Heavy legs, some PRESSURE", "pressure again"), (("heavy", "pressure"), ("heaviness",))),
        (("Bled a bit", "spotting"), (("bled", "spotting"), ("bleeding",))),
        (("Schmerzen im Becken",), (("schmerzen",), ("pain",))),
        (("Wet myself on the hill",), (("wet myself",), ("leakage",))),
        (("Painting the fence", "Spain trip", "Leakey Street parkrun", ""), None),
        ((None,), None),
    ],
)
def test_symptom_words(texts, expected):
    from return_to_run.importers import symptom_words

    assert symptom_words(*texts) == expected


def test_symptom_notes_point_at_rows_and_title_is_checked_too():
    data = (
        b"Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Moving Time,Distance,Distance\n"
        b'1,"Oct 7, 2020, 2:43:11 PM",Easy,Run,,1800,3.11,5000.0\n'
        b'2,"Oct 8, 2020, 2:43:11 PM",Painful one,Run,Some leaking,1800,3.11,5000.0\n'
    )
    result = parse_upload("activities.csv", data, today=TODAY)
    assert result.symptom_notes == (SymptomNote(1, 3, ("painful", "leaking"), ("pain", "leakage")),)
    assert [(r["title"], r["notes"], r["effort_1_10"]) for r in result.rows] == [
        ("Easy", "", None),  # no Perceived Exertion: effort stays None (blank), never "None"
        ("Painful one", "Some leaking", None),
    ]


# ---------------------------------------------------------------------------------------------
# Item 19: older exports, and one message for one problem whatever the wrapper

STRAVA_2018_ROWS = (
    run(
        date(2018, 3, 4),
        30.57,
        5.004,
        "continuous",
        None,
        "Easy",
        "strava",
        "1234567890",
        title="Morning Run",
        start_time="2018-03-04T07:12:45",
    ),
    run(
        date(2018, 3, 6),
        45.0,
        3.0,
        "walk",
        None,
        "",
        "strava",
        "1234567892",
        title="Late walk",
        start_time="2018-03-06T23:15:00",
    ),
)


def test_2018_strava_export_is_read_with_metres_and_utc():
    result = parse_upload("activities.csv", fixture("strava_2018_activities.csv"), today=TODAY)
    assert result == ImportResult("strava", STRAVA_2018_ROWS, (Skipped(3, "Ride: not a run or walk"),))


def test_2018_strava_export_inside_a_zip_gives_the_same_rows():
    export = zip_bytes({"activities.csv": fixture("strava_2018_activities.csv")})
    assert parse_upload("export.zip", export, today=TODAY).rows == STRAVA_2018_ROWS


def test_2018_late_walk_in_utc_plus_one_is_the_next_day():
    from zoneinfo import ZoneInfo

    result = parse_upload(
        "activities.csv", fixture("strava_2018_activities.csv"), today=TODAY, tz=ZoneInfo("Europe/Paris")
    )
    assert [(r["run_date"], r["start_time"]) for r in result.rows] == [
        (date(2018, 3, 4), "2018-03-04T08:12:45"),
        (date(2018, 3, 7), "2018-03-07T00:15:00"),
    ]


@pytest.mark.parametrize(
    "csv_data",
    [
        b"Activity ID,Activity Name,Moving Time\n1,Run,1800\n",  # a Strava file without its columns
        b"Item,Amount\nNappies,12.50\n",  # not an export at all
        b"id,date,type,distance\n1,2018-03-04 07:12:45,Run\n",  # cut off
        b"\xef\xbb\xbf\n\n",  # empty
    ],
)
def test_one_problem_one_message_in_a_csv_or_in_a_zip(csv_data):
    with pytest.raises(ImportFileError) as alone:
        parse_upload("activities.csv", csv_data, today=TODAY)
    with pytest.raises(ImportFileError) as zipped:
        parse_upload("export.zip", zip_bytes({"activities.csv": csv_data}), today=TODAY)
    assert zipped.value.problem == alone.value.problem
    assert str(zipped.value).startswith("export.zip: ")


# ---------------------------------------------------------------------------------------------
# Item 20: walks


def _strava_walk(moving_s: int, elapsed_s: int, metres: float, name: str = "Pram walk") -> bytes:
    return (
        "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Moving Time,Distance,Distance\n"
        f'8,"Oct 9, 2020, 9:15:00 AM",{name},Walk,{elapsed_s},{moving_s},1.86,{metres}\n'
    ).encode()


def test_a_walk_with_an_impossible_moving_time_uses_its_elapsed_time_and_says_so():
    result = parse_upload("activities.csv", _strava_walk(300, 2700, 3000.0), today=TODAY)
    assert [(r["duration_min"], r["distance_km"]) for r in result.rows] == [(45.0, 3.0)]
    assert result.warnings == (
        RowWarning(
            0,
            2,
            "Row 2: Moving time 5:00 for 3 km would be 1:40 min/km, which is not possible; "
            "used the elapsed time 45:00 instead.",
        ),
    )


def test_a_walk_whose_times_are_both_impossible_is_still_refused():
    result = parse_upload("activities.csv", _strava_walk(300, 400, 3000.0), today=TODAY)
    assert result.rows == ()
    assert "faster than anyone runs" in result.skipped[0].reason


@pytest.mark.parametrize(("moving_s", "flagged"), [(899, True), (900, False), (901, False)])
def test_a_walk_faster_than_walking_is_flagged_at_seven_and_a_half_min_per_km(moving_s, flagged):
    result = parse_upload("activities.csv", _strava_walk(moving_s, moving_s, 2000.0, "Brisk"), today=TODAY)
    assert len(result.rows) == 1  # kept: she decides in the preview
    if flagged:
        assert result.warnings == (
            RowWarning(
                0,
                2,
                "Walk 'Brisk' on 2020-10-09: 2 km in 14.98 min is 7:29 min/km, faster than walking "
                "(faster than 7:30 min/km is running). Check whether it was a run, or the distance or time is wrong.",
            ),
        )
    else:
        assert result.warnings == ()


def test_a_3_6_min_per_km_walk_is_flagged():
    result = parse_upload("activities.csv", _strava_walk(1080, 1080, 5000.0, "Fast walk"), today=TODAY)
    assert "is 3:36 min/km, faster than walking" in result.warnings[0].message


@pytest.mark.parametrize(
    ("gpx_type", "reason"),
    [
        ("1", "Cycling: not a run or walk"),
        ("16", "An activity type this app does not know (Strava code 16): not a run or walk"),
        ("road_cycling", "Road cycling: not a run or walk"),
    ],
)
def test_skip_reasons_name_the_activity_type_in_words(gpx_type, reason):
    data = fixture("run.gpx").replace(b"<type>running</type>", f"<type>{gpx_type}</type>".encode())
    assert parse_upload("ride.gpx", data, today=TODAY).skipped == (Skipped(None, reason),)


# ---------------------------------------------------------------------------------------------
# Issue 16: a ten-year export read quickly, to the same rows. The common Strava row (plain
# numbers, the English date, a numeric id) is read at once, any other the general way; a file
# without blank records is read in one go, any other record by record. Each pair must agree.


@pytest.mark.parametrize(
    ("x", "digits", "expected"),
    [
        (5.0043, 3, "5.004"),
        (1834 / 60, 2, "30.57"),
        (123456789.0125, 3, "123456789.013"),
        # Near a halfway point the binary value decides, as round() does: these go to round().
        (2.675, 2, "2.67"),
        (0.125, 2, "0.12"),
        (1.0005, 3, "1.0"),
        (0.0005, 3, "0.001"),
        (0.0004999, 3, "0.0"),
        # Zero, negative, huge and not-a-number values are round()'s too.
        (0.0, 2, "0.0"),
        (-0.0, 2, "-0.0"),
        (-1.2345, 3, "-1.234"),
        (1e20, 3, "1e+20"),
        (float("inf"), 3, "inf"),
        (float("nan"), 2, "nan"),
    ],
)
def test_rounded_is_round(x, digits, expected):
    from return_to_run.importers.values import rounded

    assert repr(rounded(x, digits)) == expected


@settings(max_examples=2000, deadline=None)
@given(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([2, 3]))
def test_rounded_is_round_for_any_float(x, digits):
    from return_to_run.importers.values import rounded

    assert repr(rounded(x, digits)) == repr(round(x, digits))


@settings(max_examples=500, deadline=None)
@given(st.integers(min_value=1, max_value=10**7), st.integers(min_value=0, max_value=9))
def test_rounded_is_round_for_metres_and_seconds_as_files_write_them(whole, tenth):
    from return_to_run.importers.values import rounded

    value = float(f"{whole}.{tenth}")
    assert repr(rounded(value / 1000, 3)) == repr(round(value / 1000, 3))
    assert repr(rounded(value / 60, 2)) == repr(round(value / 60, 2))


STRAVA_FULL_HEADER = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,"
    "Activity Private Note,Elapsed Time,Moving Time,Distance,Perceived Exertion\n"
)


@pytest.mark.parametrize(
    ("header", "row"),
    [
        # the general reader
        ("Activity ID,Activity Date,Activity Name,Activity Type,Moving Time,Distance", "Run,1800,5.0"),
        # the one-pass reader of a full export with raw metres
        (STRAVA_FULL_HEADER.strip(), "Run,,1900,3.11,,1900.0,1800.0,5000.0,"),
    ],
)
def test_progress_is_reported_every_hundred_rows_and_at_the_end(header, row):
    lines = [header]
    lines += [f'{i},"Oct 7, 2020, 2:43:11 PM",Run {i},{row}' for i in range(1, 251)]
    calls: list[tuple[int, int]] = []
    result = parse_upload(
        "activities.csv",
        "\n".join(lines).encode(),
        today=TODAY,
        progress=lambda done, total: calls.append((done, total)),
    )
    assert len(result.rows) == 250
    assert calls == [(100, 250), (200, 250), (250, 250)]


def test_the_common_strava_row_and_the_general_way_give_the_same_run():
    data = (
        STRAVA_FULL_HEADER
        # Read at once: plain seconds and metres, the English date, a numeric id.
        + '11,"Oct 7, 2020, 2:43:11 PM",Morning Run,Run,,1900,3.11,,1900.0,1834.0,5004.3,3.0\n'
        # The same run written the other ways: a clock time, grouped metres, effort without ".0".
        + '12,"Oct 7, 2020, 2:43:11 PM",Morning Run,Run,,1900,3.11,,1900.0,0:30:34,"5,004.3",3\n'
        # A spreadsheet's id ("13.0") and a German date.
        + '13.0,"7. Okt. 2020, 14:43:11",Morning Run,Run,,1900,3.11,,1900.0,1834.0,5004.3,3.0\n'
    ).encode()
    result = parse_upload("activities.csv", data, today=TODAY)
    expected = [
        run(
            date(2020, 10, 7),
            30.57,
            5.004,
            "continuous",
            3,
            "",
            "strava",
            source_id,
            title="Morning Run",
            start_time="2020-10-07T14:43:11",
        )
        for source_id in ("11", "12", "13")
    ]
    assert (list(result.rows), result.skipped, result.warnings) == (expected, (), ())


def test_common_rows_in_the_computers_zone_across_a_daylight_saving_change():
    os.environ["TZ"] = "Europe/Berlin"
    time.tzset()
    data = (
        STRAVA_FULL_HEADER
        + '21,"Mar 31, 2024, 12:59:59 AM",Before,Run,,1900,3.11,,1900.0,1834.0,5004.3,\n'
        + '22,"Mar 31, 2024, 1:00:00 AM",After,Run,,1900,3.11,,1900.0,1834.0,5004.3,\n'
        + '23,"Oct 27, 2024, 12:59:59 AM",Before,Run,,1900,3.11,,1900.0,1834.0,5004.3,\n'
        + '24,"Oct 27, 2024, 1:00:00 AM",After,Run,,1900,3.11,,1900.0,1834.0,5004.3,\n'
    ).encode()
    rows = parse_upload("activities.csv", data, today=TODAY).rows
    assert [(r["run_date"], r["start_time"]) for r in rows] == [
        (date(2024, 3, 31), "2024-03-31T01:59:59"),
        (date(2024, 3, 31), "2024-03-31T03:00:00"),
        (date(2024, 10, 27), "2024-10-27T02:59:59"),
        (date(2024, 10, 27), "2024-10-27T02:00:00"),
    ]


def test_a_common_row_with_an_impossible_moving_time_is_read_the_general_way():
    # 300 s for 3 km is not possible: the elapsed time is used, with its warning, as before.
    data = (
        STRAVA_FULL_HEADER + '31,"Oct 9, 2020, 9:15:00 AM",Pram walk,Walk,,2700,1.86,,2700.0,300.0,3000.0,\n'
    ).encode()
    result = parse_upload("activities.csv", data, today=TODAY)
    assert [(r["duration_min"], r["distance_km"], r["source_id"]) for r in result.rows] == [(45.0, 3.0, "31")]
    assert [w.message for w in result.warnings] == [
        "Row 2: Moving time 5:00 for 3 km would be 1:40 min/km, which is not possible; used the elapsed time 45:00 instead."
    ]


def test_a_strava_date_with_other_script_digits_is_read_as_before():
    from return_to_run.importers.dates import parse_datetime

    assert parse_datetime("Oct \u0667, 2020, \u0662:43:11 PM") == datetime(2020, 10, 7, 14, 43, 11)
    assert parse_datetime("Oct 7, 2020, 0:43:11 PM") == date(2020, 10, 7)  # no hour 0 in a 12-hour clock


def test_the_same_title_and_note_on_two_rows_are_each_listed():
    data = (
        STRAVA_FULL_HEADER
        + '41,"Oct 7, 2020, 2:43:11 PM",Sore legs run,Run,,1900,3.11,,1900.0,1834.0,5004.3,\n'
        + '42,"Oct 8, 2020, 2:43:11 PM",Morning Run,Run,,1900,3.11,,1900.0,1834.0,5004.3,\n'
        + '43,"Oct 9, 2020, 2:43:11 PM",Sore legs run,Run,,1900,3.11,,1900.0,1834.0,5004.3,\n'
    ).encode()
    assert parse_upload("activities.csv", data, today=TODAY).symptom_notes == (
        SymptomNote(0, 2, ("sore",), ("pain",)),
        SymptomNote(2, 4, ("sore",), ("pain",)),
    )


# One file in every form the reader takes: a note over two lines (one record, so the ride after
# it is row 3), quotes inside a quoted note, an accented name.
QUOTED_LINES = [
    "Activity ID,Activity Date,Activity Name,Activity Type,Moving Time,Distance,Distance,Activity Description",
    '51,"Oct 7, 2020, 2:43:11 PM",Caf\u00e9 run,Run,1834,3.11,5004.3,"Line one\nline ""two"""',
    '52,"Oct 8, 2020, 2:43:11 PM",Ride,Ride,3600,12.4,20000.0,',
    '53,"Oct 9, 2020, 2:43:11 PM",Walk,Walk,2400,1.86,3000.0,',
]
QUOTED = "\n".join(QUOTED_LINES) + "\n"
# Re-saved by a spreadsheet in a decimal-comma locale: semicolons between fields.
QUOTED_SEMICOLONS = "\n".join(
    [
        "Activity ID;Activity Date;Activity Name;Activity Type;Moving Time;Distance;Distance;Activity Description",
        '51;"Oct 7, 2020, 2:43:11 PM";Caf\u00e9 run;Run;1834;3,11;5004,3;"Line one\nline ""two"""',
        '52;"Oct 8, 2020, 2:43:11 PM";Ride;Ride;3600;12,4;20000,0;',
        '53;"Oct 9, 2020, 2:43:11 PM";Walk;Walk;2400;1,86;3000,0;',
    ]
)
QUOTED_ROWS = [
    run(
        date(2020, 10, 7),
        30.57,
        5.004,
        "continuous",
        None,
        'Line one\nline "two"',
        "strava",
        "51",
        title="Caf\u00e9 run",
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
        "53",
        title="Walk",
        start_time="2020-10-09T14:43:11",
    ),
]


@pytest.mark.parametrize(
    "data",
    [
        QUOTED.encode(),
        ("\r\n".join(QUOTED_LINES) + "\r\n").encode(),  # Windows line ends
        QUOTED.encode("utf-8-sig"),  # BOM
        QUOTED.encode("cp1252"),  # re-saved by Excel on Windows
        QUOTED.encode("utf-16"),  # or as UTF-16 with its BOM
        QUOTED_SEMICOLONS.encode(),
    ],
    ids=["lf", "crlf", "bom", "cp1252", "utf-16", "semicolons"],
)
def test_quoted_notes_over_two_lines_in_every_encoding_give_the_same_rows(data):
    result = parse_upload("activities.csv", data, today=TODAY)
    assert (list(result.rows), result.skipped) == (QUOTED_ROWS, (Skipped(3, "Ride: not a run or walk"),))


def test_a_blank_line_is_read_record_by_record_and_counted_as_a_row():
    data = QUOTED.replace("\n52,", "\n\n52,").encode()
    result = parse_upload("activities.csv", data, today=TODAY)
    assert (list(result.rows), result.skipped) == (QUOTED_ROWS, (Skipped(4, "Ride: not a run or walk"),))


def test_the_row_cap_with_blank_lines_between_rows():
    header = "Activity Type,Date,Title,Distance,Time\n"
    rows = [f"Running,2024-03-{day:02d} 07:00:00,Run,5.0,00:30:00\n" for day in range(1, 5)]
    data = (header + "\n" + "\n".join(rows[:3])).encode()  # three rows, a blank line before each
    assert len(parse_upload("Activities.csv", data, today=TODAY, max_rows=3).rows) == 3
    with pytest.raises(ImportFileError, match=r"^Activities\.csv: the file has more than 2 rows, far more than"):
        parse_upload("Activities.csv", data, today=TODAY, max_rows=2)


def test_a_zero_byte_among_the_rows_is_binary_data_but_not_past_the_row_cap():
    header = "Activity Type,Date,Title,Distance,Time\n"
    rows = "".join(f"Running,2024-03-{day % 28 + 1:02d} 07:00:00,Run {day},5.0,00:30:00\n" for day in range(300))
    data = (header + rows + "Running,2024-03-02 07:00:00,Run\x00,5.0,00:30:00\n").encode()
    assert b"\x00" not in data[:8192]  # found while reading, not by the first look
    with pytest.raises(
        ImportFileError, match=r"^Activities\.csv: this is not a CSV file \(it contains binary data\)\.$"
    ):
        parse_upload("Activities.csv", data, today=TODAY)
    with pytest.raises(ImportFileError, match="more than 100 rows"):
        parse_upload("Activities.csv", data, today=TODAY, max_rows=100)


def st_seconds(n: int) -> str:
    """Moving time as Strava writes it ("1834.0"), now and then without its ".0"."""
    return f"{n}.0" if n % 3 else str(n)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Run", "Walk", "Hike", "Trail Run", "Ride"]),
            st.datetimes(min_value=datetime(2009, 1, 1), max_value=datetime(2025, 1, 2)),
            st.one_of(st.just(0), st.integers(min_value=5_000, max_value=150_000)).map(
                lambda n: f"{n / 10:.1f}"
            ),  # metres
            st.one_of(st.just(0), st.integers(min_value=300, max_value=9_000)).map(st_seconds),  # moving
            st.integers(min_value=0, max_value=40_000).map(str),  # elapsed
            st.sampled_from(["", "3.0", "5", "--", "11", "4.5", "abc"]),  # exertion
            st.sampled_from(["", "Easy, felt good", "no leaks", 'Line one\nline "two"']),
        ),
        min_size=1,
        max_size=8,
    ),
    st.sampled_from(["UTC", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata"]),
)
def test_common_rows_read_at_once_equal_the_general_way(rows, zone):
    """The same file twice: ids "N" (common rows, read at once) and "N.0" (a spreadsheet's
    ids, which send every row the general way and read back as "N"): the same result."""
    os.environ["TZ"] = zone
    time.tzset()

    def csv_text(id_suffix: str) -> bytes:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(STRAVA_FULL_HEADER.strip().split(","))
        for n, (kind, moment, metres, moving, elapsed, exertion, note) in enumerate(rows, start=1):
            stamp = moment.strftime("%b %-d, %Y, %-I:%M:%S %p")
            writer.writerow(
                [
                    f"{n}{id_suffix}",
                    stamp,
                    "Morning Run",
                    kind,
                    note,
                    elapsed,
                    "",
                    "",
                    elapsed,
                    moving,
                    metres,
                    exertion,
                ]
            )
        return buffer.getvalue().encode()

    common = parse_upload("activities.csv", csv_text(""), today=TODAY)
    general = parse_upload("activities.csv", csv_text(".0"), today=TODAY)
    assert repr(common) == repr(general)
