"""AppTests for the Trends page with an empty log, one week, and ten years (issue 5)."""

from __future__ import annotations

import json
from datetime import date, timedelta

from return_to_run import patterns, services, storage
from return_to_run.ui.text import escape_markdown

from .helpers import PROFILE, TODAY, app_test, body_page_links, charts, no_errors

NOT_ENOUGH_RUNS = (
    "Not enough runs logged yet to see patterns: a comparison needs at least 5 runs in each "
    "group (for example 5 under 20 min and 5 over 30 min), and you have logged {n} runs so far."
)
NO_SPIKES = "No single run jumped past 110% of your longest in the 30 days before it."
EMPTY_INFO = (
    "Nothing to show yet. Log a few runs and check-ins and your weeks will appear here, with any "
    "symptoms beside the running that came before them."
)
# Main chart, progression, the patterns chart (one grouping at a time), foundation; the ACWR
# chart only when its toggle is on.
CHARTS_ON_THE_PAGE = 4
TEN_YEARS_BIRTH = date(2016, 11, 21)  # a Monday, 522 weeks before TODAY's week
TEN_YEARS_FIRST_RUN = date(2016, 11, 28)
SPIKE_DAY = date(2026, 10, 17)


def bullets(at) -> list[str]:
    return [m.value.removeprefix("- ") for m in at.main.markdown if m.value.startswith("- ")]


def main_chart_spec(at) -> str:
    return charts(at)[0].proto.spec


def table_with(at, column: str):
    [frame] = [d.value for d in at.main.dataframe if column in d.value.columns]
    return frame


def ten_years_of_daily_runs(db) -> int:
    """A run every day for ten years, 25 or 40 min in a repeating 40-40-25 pattern with distances,
    one 60-minute spike; a check-in after each run, leakage after every other 40-minute run.

    Runs go through services.import_runs (one transaction, every row validated); the 3,650
    check-ins are inserted in one batch, because services.add_symptom re-reads the whole history
    for its red-flag rules on each call (right for one entry from a form, minutes for 3,650).
    """
    days = (TODAY - TEN_YEARS_FIRST_RUN).days + 1
    rows = []
    for i in range(days):
        day = TEN_YEARS_FIRST_RUN + timedelta(days=i)
        minutes = 60 if day == SPIKE_DAY else (25 if i % 3 == 2 else 40)
        rows.append(
            {
                "run_date": day,
                "duration_min": minutes,
                "distance_km": round(minutes / 6, 2),
                "kind": "continuous",
                "source": "strava",
                "source_id": f"ten-years-{i}",
            }
        )
    assert services.import_runs(db, rows, today=TODAY) == {"added": days, "duplicates": 0}
    run_ids = {r["run_date"]: (r["id"], r["duration_min"]) for r in db.query("SELECT * FROM runs")}
    entries = []
    for day, (run_id, minutes) in sorted(run_ids.items()):
        leaky = minutes == 40 and date.fromisoformat(day).toordinal() % 2 == 0
        entries.append(
            {
                "symptom_date": day,
                "run_id": run_id,
                "timing": "during_run",
                "leakage": "drops" if leaky else "none",
                "bleeding": "none",
                "created_at": "2026-11-25T00:00:00+00:00",
            }
        )
    with db.atomic():
        db["symptoms"].insert_all(entries)
    return days


# ---------------------------------------------------------------- empty


def test_empty_log_shows_a_message_and_no_chart(db_with_profile):
    at = app_test("pages/trends.py").run()
    no_errors(at)
    assert [i.value for i in at.main.info] == [EMPTY_INFO]
    assert [c.value for c in at.main.caption][0] == "21 weeks since birth"
    assert not charts(at)
    assert not at.main.dataframe
    assert [link.proto.page for link in body_page_links(at)] == ["log_run"]


def test_without_a_profile_it_points_to_the_profile(db_file):
    at = app_test("pages/trends.py").run()
    no_errors(at)
    assert at.main.info[0].value.startswith("First, tell the app about your birth")
    assert not charts(at)


def test_symptoms_without_runs_still_draw_the_page(db_with_profile):
    services.add_symptom(db_with_profile, {"symptom_date": TODAY - timedelta(days=3), "leakage": "drops"}, today=TODAY)
    at = app_test("pages/trends.py").run()
    no_errors(at)
    assert len(charts(at)) == CHARTS_ON_THE_PAGE
    assert bullets(at)[0] == NOT_ENOUGH_RUNS.format(n=0)


# ---------------------------------------------------------------- one week


def test_one_week_of_runs(db_with_profile):
    db = db_with_profile
    for days_ago in (6, 4, 2):
        run_id = services.add_run(
            db,
            {
                "run_date": TODAY - timedelta(days=days_ago),
                "duration_min": 20,
                "distance_km": 3.0,
                "kind": "continuous",
            },
            today=TODAY,
        )
        services.add_symptom(
            db,
            {"symptom_date": TODAY - timedelta(days=days_ago), "run_id": run_id, "timing": "during_run"},
            today=TODAY,
        )
    at = app_test("pages/trends.py").run()
    no_errors(at)
    assert not at.main.info
    assert len(charts(at)) == CHARTS_ON_THE_PAGE
    assert bullets(at) == [NOT_ENOUGH_RUNS.format(n=3)]
    assert NO_SPIKES in [m.value for m in at.main.markdown]
    assert '"Running (min per week)"' in main_chart_spec(at)

    at.toggle(key="trends_table_toggle").set_value(True).run()
    no_errors(at)
    table = table_with(at, "Week of")
    # Runs from 2026-11-19 (Thursday) to 2026-11-23 (Monday): two Monday-start weeks, newest first.
    assert table[["Week of", "Weeks since birth", "Running (min)", "Running distance (km)", "Runs"]].to_dict(
        "records"
    ) == [
        {
            "Week of": date(2026, 11, 23),
            "Weeks since birth": 20,
            "Running (min)": 20.0,
            "Running distance (km)": 3.0,
            "Runs": 1,
        },
        {
            "Week of": date(2026, 11, 16),
            "Weeks since birth": 19,
            "Running (min)": 40.0,
            "Running distance (km)": 6.0,
            "Runs": 2,
        },
    ]


# ---------------------------------------------------------------- ten years


def test_ten_years_of_daily_runs_and_symptoms(db):
    services.save_profile(db, {**PROFILE, "birth_date": TEN_YEARS_BIRTH}, today=TODAY)
    runs = ten_years_of_daily_runs(db)
    assert runs == 3650

    at = app_test("pages/trends.py").run()
    no_errors(at)
    assert [c.value for c in at.main.caption][0] == "10 years (522 weeks) since birth"
    assert len(charts(at)) == CHARTS_ON_THE_PAGE
    assert bullets(at) == [
        "Leakage followed 1216 of 2434 runs over 30 min (50%), and 0 of 1216 of 20-30 min (0%).",
        "Week 517 after birth (from 19 Oct 2026): symptoms on 3 days, up from 1 the week before. Running "
        "that week: 250 min (down 2%); the week before: 255 min (up 2%).",
    ]

    # The single spike, and nothing else: every other run stays within 110% of 40 min.
    assert "**1 run jumped past 110% of your longest in the 30 days before:**" in [m.value for m in at.main.markdown]
    # A few rows as a Markdown table (no data grid to load on the page).
    [spikes] = [m.value for m in at.main.markdown if m.value.startswith("| Date |")]
    assert spikes.splitlines()[2:] == [f"| {escape_markdown(SPIKE_DAY)} | 60 | 40 | 1\\.5 |"]

    at.toggle(key="trends_table_toggle").set_value(True).run()
    no_errors(at)
    # A long log opens on its last 12 months: the weeks of 24 Nov 2025 to 23 Nov 2026.
    weekly = table_with(at, "Week of")
    assert (len(weekly), weekly["Week of"].iloc[-1]) == (53, date(2025, 11, 24))

    at.radio(key="trends_span").set_value("all").run()
    no_errors(at)
    weekly = table_with(at, "Week of")
    assert len(weekly) == 522  # 2016-11-28 to the week of 2026-11-23, every Monday-start week
    assert weekly["Week of"].iloc[0] == date(2026, 11, 23)
    assert weekly["Week of"].iloc[-1] == TEN_YEARS_FIRST_RUN
    assert (weekly["Weeks since birth"].iloc[0], weekly["Weeks since birth"].iloc[-1]) == (522, 1)
    assert weekly["Runs"].iloc[1:].eq(7).all()  # every full week: a run a day
    assert weekly["Runs"].iloc[0] == 3  # Monday to Wednesday 2026-11-25

    at.radio(key="trends_measure").set_value("distance").run()
    no_errors(at)
    spec = main_chart_spec(at)
    assert '"Running (km per week)"' in spec and '"Running (min per week)"' not in spec
    assert "run_distance" in json.dumps(json.loads(spec)["vconcat"][0])


def test_a_log_under_a_year_has_no_period_choice(db_with_profile):
    services.add_run(db_with_profile, {"run_date": "2026-11-20", "duration_min": 20, "kind": "continuous"}, today=TODAY)
    at = app_test("pages/trends.py").run()
    no_errors(at)
    assert [r.key for r in at.radio] == ["trends_measure", "patterns_grouping"]


def test_distance_in_miles(db_file):
    db = storage.open_db(db_file)
    services.save_profile(db, {**PROFILE, "units": "mi"}, today=TODAY)
    services.add_run(
        db,
        {"run_date": TODAY - timedelta(days=2), "duration_min": 30, "distance_km": 8.04672, "kind": "continuous"},
        today=TODAY,
    )
    db.close()
    at = app_test("pages/trends.py").run()
    assert [o for o in at.radio(key="trends_measure").options] == ["Running minutes", "Distance (mi)"]
    at.radio(key="trends_measure").set_value("distance")
    at.toggle(key="trends_table_toggle").set_value(True).run()
    no_errors(at)
    assert '"Running (mi per week)"' in main_chart_spec(at)
    assert table_with(at, "Week of")[["Running (min)", "Running distance (mi)"]].to_dict("records") == [
        {"Running (min)": 30.0, "Running distance (mi)": 5.0}
    ]


def test_patterns_compare_by_the_grouping_she_picks(db_with_profile):
    runs = [
        {
            "run_date": date(2026, 11, 1) + timedelta(days=i),
            "duration_min": 15 if i % 2 else 35,
            "kind": "continuous",
            "source": "test",
            "source_id": str(i),
        }
        for i in range(12)
    ]
    services.import_runs(db_with_profile, runs, today=TODAY)
    at = app_test("pages/trends.py").run()
    at.radio(key="patterns_grouping").set_value("length_band").run()
    spec = charts(at)[2].proto.spec
    assert '"under 20 min"' in spec and '"over 30 min"' in spec
    at.radio(key="patterns_grouping").set_value("kind").run()
    assert '"Continuous run"' in charts(at)[2].proto.spec


def test_acwr_is_shown_only_on_request_and_labelled_information(db_with_profile):
    services.add_run(db_with_profile, {"run_date": "2026-11-20", "duration_min": 20, "kind": "continuous"}, today=TODAY)
    at = app_test("pages/trends.py").run()
    assert len(charts(at)) == CHARTS_ON_THE_PAGE
    at.toggle(key="trends_acwr_toggle").set_value(True).run()
    no_errors(at)
    assert len(charts(at)) == CHARTS_ON_THE_PAGE + 1
    assert "information only" in charts(at)[2].proto.spec


def test_the_headline_sentences_agree_with_the_table_and_the_patterns_chart(db_with_profile):
    # Issue 11: "Nothing stands out yet" sat above a chart showing leakage after 3 of 8 runs
    # over 30 min against 1 of 27 of 20-30 min. 35 daily runs: 27 of 25 min, then 8 of 35 min.
    db = db_with_profile
    start = TODAY - timedelta(days=34)
    rows = [
        {
            "run_date": start + timedelta(days=i),
            "duration_min": 35 if i >= 27 else 25,
            "kind": "continuous",
            "source": "strava",
            "source_id": f"r{i}",
        }
        for i in range(35)
    ]
    services.import_runs(db, rows, today=TODAY)
    runs = list(db.query("SELECT id, run_date FROM runs ORDER BY run_date"))
    leaky = {runs[i]["id"] for i in (3, 28, 31, 34)}
    for run in runs:
        leakage = "drops" if run["id"] in leaky else "none"
        services.add_symptom(
            db,
            {"symptom_date": run["run_date"], "run_id": run["id"], "timing": "during_run", "leakage": leakage},
            today=TODAY,
        )
    at = app_test("pages/trends.py").run()
    no_errors(at)
    assert bullets(at) == [
        "Leakage followed 3 of 8 runs over 30 min (38%), and 1 of 27 of 20-30 min (4%).",
        "Week 19 after birth (from 16 Nov 2026): symptoms on 2 days, up from 0 the week before. Running that "
        "week: 225 min (up 29%); the week before: 175 min (no change).",
    ]
    assert "Running minutes, walk breaks not counted: a walk-run counts its run intervals only." in [
        c.value for c in at.main.caption
    ]
    assert at.radio(key="trends_measure").options == ["Running minutes", "Distance (km)"]
    at.toggle(key="trends_table_toggle").set_value(True).run()
    table = table_with(at, "Week of").set_index("Weeks since birth")
    # The sentence's week, minutes, change and symptom days are the table's.
    assert table.loc[19, ["Running (min)", "Change on previous week (%)", "Days with symptoms"]].tolist() == [
        225.0,
        "29",
        2,
    ]
    assert table.loc[18, "Running (min)"] == 175.0
    # The patterns chart, set to leakage by run length, draws the counts the sentence names.
    at.selectbox(key="patterns_symptom").set_value("leakage")
    at.radio(key="patterns_grouping").set_value("length_band").run()
    history = storage.load_history(db)
    drawn = patterns.pattern_table(
        patterns.runs_with_outcomes(history.runs, history.symptoms), "length_band", "leakage"
    )
    assert dict(zip(drawn["label"], drawn["summary"], strict=True)) == {
        "under 20 min": "0 of 0",
        "20-30 min": "1 of 27",
        "over 30 min": "3 of 8",
    }


def test_a_charts_unchanged_rows_are_turned_into_arrow_once():
    """Datasets are kept by Altair's name (a hash of the rows) and the value types of their
    first row: the same rows give the same bytes without a second conversion, and the same
    name with dates instead of text is converted on its own."""
    import pyarrow as pa

    from return_to_run.ui import cached

    text_rows = [{"week_start": "2026-03-02", "minutes": 30.0}]
    first = cached._arrow("data-test-name", text_rows)
    assert cached._arrow("data-test-name", [dict(row) for row in text_rows]) is first
    date_rows = [{"week_start": date(2026, 3, 2), "minutes": 30.0}]
    as_dates = cached._arrow("data-test-name", date_rows)
    assert as_dates is not first
    read = pa.ipc.open_stream(as_dates).read_all()
    assert read.column("week_start").to_pylist() == [date(2026, 3, 2)]
    assert pa.ipc.open_stream(first).read_all().column("week_start").to_pylist() == ["2026-03-02"]
