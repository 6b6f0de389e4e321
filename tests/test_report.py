"""The clinician summary PDF: built from literal inputs, read back with pypdf."""

import io
import re
from datetime import date, timedelta

import pandas as pd
import pytest
from pypdf import PdfReader

from return_to_run import example, helplines, models, phases, red_flags, report, services, storage, validation

TODAY = date(2026, 11, 25)
START, END = date(2026, 9, 1), date(2026, 11, 25)
PROFILE = models.Profile(
    birth_date=date(2026, 7, 1),
    birth_type="vaginal",
    perineal_tear="first_second",
    feeding="breastfeeding",
    running_background="recreational",
)
DEJAVU = report.text.unicode_font_files()
needs_dejavu = pytest.mark.skipif(DEJAVU is None, reason="DejaVu Sans is not installed on this machine")
SCRIPT_NOTE = "<script>alert(1)</script>"
UNICODE_NOTE = "Felt –≥× 😀 ok"


def _symptom(id_, day, **fields):
    row = {column: None for column in models.SYMPTOM_COLUMNS}
    row.update(
        {
            "id": id_,
            "symptom_date": day,
            "run_id": None,
            "timing": "not_linked",
            "leakage": "none",
            "heaviness_0_10": 0,
            "bleeding": "none",
            "bowel_leakage": 0,
            "notes": "",
            **{column: 0 for column in models.PAIN_COLUMNS},
        }
    )
    row.update(fields)
    return row


READINESS = pd.DataFrame(
    [
        {
            "id": 1,
            "test_date": date(2026, 9, 23),
            "test_code": "hop_in_place",
            "completed": 1,
            "had_symptoms": 1,
            "reps_left": None,
            "reps_right": None,
            "notes": "",
        },
        {
            "id": 2,
            "test_date": date(2026, 10, 7),
            "test_code": "hop_in_place",
            "completed": 1,
            "had_symptoms": 0,
            "reps_left": None,
            "reps_right": None,
            "notes": "",
        },
        {
            "id": 3,
            "test_date": date(2026, 10, 7),
            "test_code": "single_leg_bridge",
            "completed": 1,
            "had_symptoms": 0,
            "reps_left": 14,
            "reps_right": 16,
            "notes": "",
        },
    ],
    columns=models.READINESS_COLUMNS,
)
SYMPTOMS = pd.DataFrame(
    [
        _symptom(
            1,
            date(2026, 10, 10),
            timing="within_24h",
            leakage="drops",
            heaviness_0_10=3,
            pain_knee_0_10=2,
            notes=SCRIPT_NOTE,
        ),
        _symptom(2, date(2026, 10, 20), bleeding="spotting", notes=UNICODE_NOTE),
        _symptom(3, date(2026, 8, 1), notes="before the period, not listed"),
    ],
    columns=models.SYMPTOM_COLUMNS,
)
RED_FLAGS = pd.DataFrame(
    [
        {
            "id": 1,
            "flag_code": "heaviness_new_or_worse",
            "flagged_date": date(2026, 10, 10),
            "symptom_id": 1,
            "resolved_date": date(2026, 10, 13),
            "resolved_note": "Physio: step back a level.",
        },
        {
            "id": 2,
            "flag_code": "fever",
            "flagged_date": date(2026, 11, 20),
            "symptom_id": None,
            "resolved_date": None,
            "resolved_note": "",
        },
        {
            "id": 3,
            "flag_code": "heavy_bleeding",
            "flagged_date": date(2026, 7, 20),
            "symptom_id": None,
            "resolved_date": date(2026, 7, 22),
            "resolved_note": "resolved before the period",
        },
    ],
    columns=models.RED_FLAG_COLUMNS,
)
FLAG_LABELS = {"heaviness_new_or_worse": "New or worsening heaviness", "fever": "Temperature of 38 °C or more"}
WEEKLY = pd.DataFrame(
    {
        "week_start": [date(2026, 10, 5), date(2026, 10, 12)],
        "weeks_since_birth": [13, 14],
        "run_minutes": [60.0, 84.0],
        "run_distance_km": [7.5, 10.5],
        "walk_minutes": [30.0, 0.0],
        "symptom_days": [1, 0],
        "worst_heaviness_0_10": [3, 0],
        "worst_pain_0_10": [2, 0],
        "leakage_days": [1, 0],
    }
)

SPIKES = pd.DataFrame(
    [
        {
            "id": 7,
            "run_date": date(2026, 10, 10),
            "kind": "continuous",
            "duration_min": 30.0,
            "running_min": 30.0,
            "previous_longest_min": 16.5,
            "ratio": 1.82,
        },
        {
            "id": 3,
            "run_date": date(2026, 8, 20),
            "kind": "walk_run",
            "duration_min": 30.0,
            "running_min": 20.0,
            "previous_longest_min": 10.0,
            "ratio": 2.0,
        },
    ]
)
HELPLINE = helplines.Helpline(
    name="Samaritans",
    purpose="Someone to talk to.",
    phone="116 123",
    text="",
    hours="24 hours",
    source_url="https://www.samaritans.org/",
    checked_on=date(2026, 11, 1),
)
UK = helplines.Country(code="uk", name="United Kingdom", emergency="999", lines=(HELPLINE,), note="")
MOOD_LINES = ["3 weekly mood checks in the last 12 weeks (NICE CG192).", "2026-10-19: yes to low mood."]
HEADLINE = "Today: walk-run level 4 — run 2, walk 1, ×10"


def _build(**overrides) -> bytes:
    arguments = dict(
        profile=PROFILE,
        today=TODAY,
        start=START,
        end=END,
        phase_name="Return to running",
        phase_reason="All 7 load and impact tests passed on 2026-10-07.",
        checklist=[("Reach level 10", False), ("12 weeks since birth", True)],
        readiness=READINESS,
        symptoms=SYMPTOMS,
        red_flags=RED_FLAGS,
        flag_labels=FLAG_LABELS,
        weekly=WEEKLY,
        font=report.CORE,
        headline=HEADLINE,
        spikes=SPIKES,
        flag_urgencies={"heaviness_new_or_worse": "pelvic_physio", "fever": "same_day", "heavy_bleeding": "same_day"},
        mood_lines=MOOD_LINES,
        helplines=UK,
    )
    arguments.update(overrides)
    return report.build_report(**arguments)


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _lines(pdf: bytes) -> list[str]:
    return [line.strip() for line in _text(pdf).splitlines()]


@pytest.fixture(scope="module")
def built() -> tuple[bytes, str]:
    pdf = _build()
    return pdf, _text(pdf)


# ---------------------------------------------------------------- latin-1


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("plain text", "plain text"),
        ("café, naïve, Øresund, £5, 38 °C, ½", "café, naïve, Øresund, £5, 38 °C, ½"),  # all latin-1
        ("10–12 min — easy", "10-12 min - easy"),
        ("≥ 20 reps, ≤ 3/10, 3 × 10", ">= 20 reps, <= 3/10, 3 × 10"),  # × is latin-1
        ("“quoted” ‘single’ …", "\"quoted\" 'single' ..."),
        ("walk → run", "walk -> run"),
        ("–≥×😀", "->=×"),
        ("happy 😀 👍🏽 ❤️", "happy   "),
        ("Łódź, Dvořák, Erdős, Œuvre", "Lódz, Dvorák, Erdos, OEuvre"),
        ("日本", "??"),
        ("tab\there\r\nnew line\x00\x07", "tab here\nnew line"),
        ("zero\u200bwidth", "zerowidth"),
        (None, ""),
        (float("nan"), ""),
        (12, "12"),
    ],
)
def test_latin1(raw, expected):
    assert report.latin1(raw) == expected


def test_latin1_output_always_encodes():
    every_char = "".join(chr(code) for code in range(0x20, 0x3000))
    report.latin1(every_char).encode("latin-1")


# ---------------------------------------------------------------- the PDF


def test_is_a_pdf_with_every_heading_in_order(built):
    pdf, text = built
    assert pdf.startswith(b"%PDF")
    lines = _lines(pdf)
    positions = [lines.index(heading) for heading in report.HEADINGS]
    assert positions == sorted(positions)


def test_footer_on_every_page(built):
    pdf, _ = built
    pages = PdfReader(io.BytesIO(pdf)).pages
    for number, page in enumerate(pages, start=1):
        assert f"{report.FOOTER_TEXT} Page {number}" in page.extract_text().replace("\n", " ")


def test_about_has_birth_weeks_and_feeding(built):
    _, text = built
    assert "Birth date: 2026-07-01 (21 weeks ago on 2026-11-25)" in text
    assert "Breastfeeding" in text and "1st or 2nd degree tear" in text
    assert "Period covered: 2026-09-01 to 2026-11-25" in text


def test_current_phase_and_checklist(built):
    pdf, text = built
    lines = _lines(pdf)
    start = lines.index("Where she is now")
    assert lines[start + 1 : start + 4] == [
        "What the app tells her today (the line on her home screen):",
        "Today: walk-run level 4 - run 2, walk 1, ×10",  # the core font prints the em dash as "-"
        "Return to running",
    ]
    assert "Return to running" in text
    assert "All 7 load and impact tests passed on 2026-10-07." in text
    assert "[ ] Reach level 10 (not yet)" in text
    assert "[x] 12 weeks since birth" in text


def test_readiness_results_with_dates(built):
    pdf, _ = built
    lines = _lines(pdf)
    assert "2026-09-23 Hop in place, 10 on each leg Not passed: symptoms" in lines
    assert "2026-10-07 Hop in place, 10 on each leg Passed" in lines
    assert "2026-10-07 Single-leg bridge Under 20 reps (target) 14 / 16" in lines


def test_weekly_table(built):
    pdf, _ = built
    lines = _lines(pdf)
    # Week of, weeks since birth, running min, km, walking min, symptom days, leakage days,
    # worst heaviness, worst pain.
    assert "2026-10-05 13 60 7.5 30 1 1 3 2" in lines
    assert "2026-10-12 14 84 10.5 0 0 0 0 0" in lines


def test_symptom_timeline_lists_the_period_and_notes_verbatim(built):
    pdf, text = built
    assert SCRIPT_NOTE in text  # her text is printed, not interpreted
    assert "Knee 2" in text and "A few drops" in text and "Spotting" in text
    assert "Felt -" in text and "ok" in text  # the non-latin-1 note is printed, simplified
    assert "before the period, not listed" not in text


def test_red_flags_open_in_the_period_with_resolution(built):
    pdf, text = built
    lines = _lines(pdf)
    start = lines.index("Raised Warning sign Who to see Resolved Her note when resolving")
    # Cells wrap in their columns: each row reads back over a few lines.
    assert lines[start + 1 : start + 8] == [
        "2026-10-10 New or worsening heaviness Pelvic health",
        "physiotherapist",
        "2026-10-13 Physio: step back a level.",
        "2026-11-20 Temperature of 38 °C or more Midwife or GP the",
        "same day",
        "STILL OPEN",
        f"{report.FOOTER_TEXT} Page 2",
    ]
    assert "resolved before the period" not in text


def test_every_urgency_has_its_words_in_the_red_flag_table():
    assert set(report.sections.URGENCY_TEXT) == set(red_flags.URGENCIES)
    rows = report.sections.red_flag_rows(
        RED_FLAGS, FLAG_LABELS, START, END, {"heaviness_new_or_worse": "gp", "fever": "emergency"}
    )
    assert [row[2] for row in rows] == ["GP or midwife soon", "Emergency"]
    assert [row[2] for row in report.sections.red_flag_rows(RED_FLAGS, FLAG_LABELS, START, END)] == ["-", "-"]


def test_running_minutes_are_explained_under_the_chart(built):
    _, text = built
    flat = " ".join(text.split())
    assert "Running (min) counts running only: the run intervals of a walk-run, not its walk breaks" in flat


def test_single_run_spikes_in_the_period_with_running_minutes(built):
    pdf, text = built
    lines = _lines(pdf)
    assert "2026-10-10 Continuous run 30 16.5 182%" in lines
    assert "2026-08-20" not in text  # before the period


def test_no_spikes_says_so():
    text = _text(_build(spikes=None))
    assert report.spikes_mood.NO_SPIKES in " ".join(text.split())
    assert "Of that longest" not in text


@pytest.mark.parametrize(
    ("previous", "expected"),
    [(10.0, "110%"), (0.0, "-")],  # exactly the cap; nothing to compare with
)
def test_spike_row_percent(previous, expected):
    spikes = pd.DataFrame(
        [{"run_date": date(2026, 10, 1), "kind": "walk_run", "running_min": 11.0, "previous_longest_min": previous}]
    )
    assert report.spikes_mood.spike_rows(spikes, START, END) == [
        ["2026-10-01", "Walk-run intervals", "11", f"{previous:g}", expected]
    ]


@pytest.mark.parametrize(
    ("day", "listed"),
    [(date(2026, 8, 31), False), (START, True), (END, True), (END + timedelta(days=1), False)],
)
def test_spikes_listed_from_start_to_end(day, listed):
    spikes = pd.DataFrame([{"run_date": day, "kind": "continuous", "running_min": 30.0, "previous_longest_min": 20.0}])
    assert len(report.spikes_mood.spike_rows(spikes, START, END)) == (1 if listed else 0)


def test_mood_heading_with_the_summary_and_helplines(built):
    pdf, _ = built
    lines = _lines(pdf)
    start = lines.index("Mood")
    assert lines[start + 3 : start + 8] == [
        "3 weekly mood checks in the last 12 weeks (NICE CG192).",
        "2026-10-19: yes to low mood.",
        "After a yes she was asked to talk to her GP, midwife or health visitor, and shown:",
        "United Kingdom: emergency services 999.",
        "Samaritans: call 116 123 (24 hours). Someone to talk to.",
    ]


def test_mood_without_a_yes_names_no_helplines_and_without_checks_says_so():
    text = _text(_build(mood_lines=["2 weekly mood checks.", "No to both questions each time."], helplines=None))
    assert "No to both questions each time." in text and "Samaritans" not in text
    assert report.spikes_mood.NO_MOOD in _text(_build(mood_lines=[], helplines=None))


def test_helplines_for_another_country_print_its_note():
    other = helplines.Country(code="other", name="Another country", emergency="", lines=(), note="Ask your GP.")
    assert report.spikes_mood.helpline_lines(other) == ["Ask your GP."]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"bleeding": "none"}, "None"),
        ({"bleeding": "spotting"}, "Spotting"),
        ({"bleeding": "like_period", "bleeding_is_period": 1}, "Like a period; her period"),
        ({"bleeding": "like_period", "bleeding_heavier_with_activity": 1}, "Like a period; heavier with activity"),
        ({"bleeding": "heavy"}, "Heavy (a pad an hour, or clots bigger than a plum)"),
        ({"bleeding": "none", "bleeding_is_period": 1}, "None"),
    ],
)
def test_bleeding_levels_in_the_timeline(fields, expected):
    assert report.sections.bleeding_text(_symptom(1, date(2026, 10, 1), **fields)) == expected


def test_notes_box_is_drawn_on_the_last_page(built):
    pdf, _ = built
    last = PdfReader(io.BytesIO(pdf)).pages[-1]
    assert "Notes from the clinician" in last.extract_text()
    content = last.get_contents().get_data()
    assert content.count(b" l S") >= 5  # the ruled lines of the box


def test_empty_inputs_still_make_a_report():
    empty = models.History()
    pdf = _build(
        readiness=empty.readiness,
        symptoms=empty.symptoms,
        red_flags=empty.red_flags,
        weekly=pd.DataFrame(columns=list(WEEKLY.columns)),
        checklist=[],
        phase_reason="",
    )
    text = _text(pdf)
    assert "No readiness tests recorded." in text
    assert "No symptom entries in this period." in text
    assert "No red flags were open in this period." in text


def test_same_inputs_same_bytes():
    assert _build() == _build()


@needs_dejavu
def test_same_inputs_same_bytes_with_an_embedded_font():
    font = report.Font(report.text.UNICODE_FONT, DEJAVU)
    assert _build(font=font) == _build(font=font)


# ---------------------------------------------------------------- from a database


def test_report_for_the_example_database(tmp_path):
    db = storage.open_db(tmp_path / "example.db")
    example.load_example(db, today=TODAY)
    birth = example.birth_date_for(TODAY)
    pdf = report.report_for(db, today=TODAY, start=birth, end=TODAY)
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join("\n".join(page.extract_text() for page in reader.pages).split())  # wrapping aside
    for heading in report.HEADINGS:
        assert heading in text
    assert f"Birth date: {birth.isoformat()} (26 weeks ago on 2026-11-25)" in text
    # The line home shows, from guidance.today_answer (an em dash with DejaVu, "-" without).
    assert re.search(
        r"tells her today \(the line on her home screen\): Today: walk-run level 7 (—|-) run 7, walk 1, ×4 ", text
    )
    assert "Return to running" in text and "Walk-run level 7 of 10" in text
    assert "Hop in place, 10 on each leg Not passed: symptoms" in text
    assert "Leaked a few drops on the downhill" in text
    # The spike, in running minutes (16.5: a walk-run whose last round was cut short).
    assert f"{(birth + timedelta(days=131)).isoformat()} Continuous run 30 16.5 182%" in text
    # The flags with who to see; bleeding with its new levels.
    for words in (
        "Bleeding that gets heavier with activity, in the first 8 weeks Midwife or GP the same day",
        "A red, painful, hot area of a breast, with a fever or feeling unwell Midwife or GP the same day",
        "New or worsening heaviness, dragging or bulge Pelvic health physiotherapist",
        "Like a period; heavier with activity",
        "Like a period; her period My period is back.",
    ):
        assert words in text, words
    # Mood: the weekly checks, the one yes, and the UK helplines she was shown.
    assert "12 weekly mood checks in the last 12 weeks" in text
    assert f"{(birth + timedelta(days=112)).isoformat()}: yes to low mood." in text
    assert "United Kingdom: emergency services 999." in text and "Samaritans: call 116 123" in text
    assert sum(len(page.images) for page in reader.pages) == 0  # the chart is drawn, not an image
    assert "Weeks since birth (one bar per Monday-to-Sunday week)" in text


def test_report_for_needs_a_profile(tmp_path):
    db = storage.open_db(tmp_path / "empty.db")
    with pytest.raises(ValueError, match="profile"):
        report.report_for(db, today=TODAY, start=START, end=END)


def test_readiness_table_reads_the_one_pass_rule():
    assert set(report.LOAD_RESULT_TEXT) == set(phases.READINESS_OUTCOMES)
    assert set(report.STRENGTH_RESULT_TEXT) == set(phases.READINESS_OUTCOMES)
    rows = pd.DataFrame(
        [
            {"test_date": date(2026, 3, 1), "test_code": "hop_in_place", "completed": 1, "had_symptoms": None},
            {"test_date": date(2026, 3, 1), "test_code": "forward_bounds", "completed": None, "had_symptoms": 0},
            {"test_date": date(2026, 3, 1), "test_code": "jog_on_spot", "completed": 1, "had_symptoms": "yes"},
            {
                "test_date": date(2026, 3, 2),
                "test_code": "calf_raise",
                "completed": 1,
                "reps_left": 20,
                "reps_right": 19,
            },
            {
                "test_date": date(2026, 3, 2),
                "test_code": "single_leg_bridge",
                "completed": 1,
                "reps_left": 20,
                "reps_right": 20,
            },
        ]
    )
    assert [row[2] for row in report.sections.readiness_rows(rows)] == [
        "Not passed: symptoms",
        "Not passed: not completed",
        "Passed",
        "Under 20 reps (target)",
        "Target met (20 reps each side)",
    ]


# ---------------------------------------------------------------- weeks (issue 14)


def _week(monday, **values):
    row = {column: 0 for column in WEEKLY.columns}
    row.update({"week_start": monday, "run_distance_km": 0.0, **values})
    return row


def test_empty_weeks_before_her_first_log_are_left_out_and_later_ones_kept():
    weekly = pd.DataFrame(
        [
            _week(date(2026, 9, 21), weeks_since_birth=11),
            _week(date(2026, 9, 28), weeks_since_birth=12),
            _week(date(2026, 10, 5), weeks_since_birth=13, walk_minutes=20.0),
            _week(date(2026, 10, 12), weeks_since_birth=14),
        ]
    )
    kept = report.sections.logged_weeks(weekly)
    assert list(kept["week_start"]) == [date(2026, 10, 5), date(2026, 10, 12)]
    lines = _lines(_build(weekly=weekly))
    assert not [line for line in lines if line.startswith(("2026-09-21", "2026-09-28"))]
    assert "2026-10-05 13 0 - 20 0 0 0 0" in lines
    assert "2026-10-12 14 0 - 0 0 0 0 0" in lines


def test_weeks_with_nothing_logged_make_no_chart_or_table():
    weekly = pd.DataFrame([_week(date(2026, 10, 5), weeks_since_birth=13)])
    text = _text(_build(weekly=weekly))
    assert report.NO_WEEKS in text
    assert "Weeks since birth (one bar" not in text


@pytest.mark.parametrize(
    ("monday", "expected"),
    [
        (date(2026, 6, 22), "before birth"),  # Sunday 2026-06-28 is before the Wednesday birth
        (date(2026, 6, 29), "0"),  # the birth week: Monday is "-1" by the calendar, printed 0
        (date(2026, 7, 6), "0"),
        (date(2026, 7, 13), "1"),
    ],
)
def test_week_label_never_negative(monday, expected):
    assert PROFILE.birth_date == date(2026, 7, 1)  # a Wednesday
    assert report.sections.week_label(monday, PROFILE.birth_date) == expected


def test_week_label_when_the_birth_is_the_sunday():
    assert report.sections.week_label(date(2026, 6, 22), date(2026, 6, 28)) == "0"
    assert report.sections.week_label(date(2026, 6, 22), date(2026, 6, 29)) == "before birth"


@pytest.mark.parametrize(
    ("km", "without", "expected"),
    [(0.0, 0, "—"), (0.0, 2, "—"), (5.0, 0, "5.0"), (5.0, 1, "5.0+"), (None, 1, "—")],
)
def test_distance_is_blank_not_zero_when_unknown(km, without, expected):
    record = {"run_distance_km": km, "runs_without_distance": without}
    assert report.sections.distance_text(record, "km") == expected


def test_partial_distance_is_explained_under_the_table():
    weekly = WEEKLY.assign(runs_without_distance=[1, 0])
    text = _text(_build(weekly=weekly))
    assert "2026-10-05 13 60 7.5+ 30 1 1 3 2" in _lines(_build(weekly=weekly))
    assert "+ : some runs that week had no distance; the figure counts the others." in text


# ---------------------------------------------------------------- readiness repeats (issue 14)


def test_readiness_saved_three_times_on_one_day_is_listed_once_with_the_latest():
    base = {"test_date": date(2026, 3, 1), "test_code": "walk_30min", "completed": 1, "notes": ""}
    rows = pd.DataFrame(
        [
            {**base, "id": 7, "had_symptoms": 1},
            {**base, "id": 5, "had_symptoms": 0},
            {**base, "id": 9, "had_symptoms": 0, "notes": "last one"},
            {**base, "id": 3, "test_date": date(2026, 3, 2), "had_symptoms": 1},
        ]
    )
    assert report.sections.readiness_rows(rows) == [
        ["2026-03-01", models.READINESS_TESTS["walk_30min"], "Passed", "", "last one"],
        ["2026-03-02", models.READINESS_TESTS["walk_30min"], "Not passed: symptoms", "", ""],
    ]


def test_readiness_repeats_without_ids_keep_the_last_row():
    base = {"test_date": date(2026, 3, 1), "test_code": "hop_in_place", "completed": 1}
    rows = pd.DataFrame([{**base, "had_symptoms": 0}, {**base, "had_symptoms": 1}])
    assert [row[2] for row in report.sections.readiness_rows(rows)] == ["Not passed: symptoms"]


# ---------------------------------------------------------------- any valid text lays out (issue 13 item 13)

SEVENTY_LINES = "\n".join(f"line {n}" for n in range(1, 71))
NO_SPACES = "".join(str(n % 10) for n in range(validation.MAX_TEXT_CHARS))  # 0123456789012...


def _squashed(pdf: bytes) -> str:
    """The PDF's text without footers and with every space and line break removed, so a
    note wrapped over lines and pages reads back whole."""
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    footers = [f"{report.FOOTER_TEXT} Page {number}" for number in range(1, len(pages) + 1)]
    text = "".join(page.replace(footer, "") for page, footer in zip(pages, footers, strict=True))
    return "".join(text.split())


def _with_notes(note: str, *, font=report.CORE) -> bytes:
    symptoms = SYMPTOMS.copy()
    symptoms.loc[0, "notes"] = note
    readiness = READINESS.copy()
    readiness.loc[0, "notes"] = note
    red_flags = RED_FLAGS.copy()
    red_flags.loc[0, "resolved_note"] = note
    return _build(symptoms=symptoms, readiness=readiness, red_flags=red_flags, font=font)


def test_a_note_of_seventy_short_lines_is_printed_in_full_below_its_tables():
    assert len(SEVENTY_LINES) <= validation.MAX_TEXT_CHARS
    pdf = _with_notes(SEVENTY_LINES)
    lines = _lines(pdf)
    # Readiness, symptom and red-flag tables each show the first lines and point below.
    assert lines.count(report.LONG_TEXT_HEADING) == 3
    assert lines.count("1. 2026-09-23, Hop in place, 10 on each leg") == 1
    assert lines.count("1. 2026-10-10") == 1
    assert lines.count("1. 2026-10-10, New or worsening heaviness") == 1
    assert lines.count("line 70") == 3
    assert lines.count("line 4") == 3  # only in the full text: the table shows lines 1 to 3
    assert "line 3 ... (in full below, 1)" in lines


def test_two_thousand_characters_without_a_space_are_printed_whole():
    pdf = _with_notes(NO_SPACES)
    squashed = _squashed(pdf)
    assert squashed.count(NO_SPACES) == 3  # readiness, symptom and red-flag notes, each in full
    assert squashed.count("...(infullbelow,1)") == 3


def test_a_note_at_the_limit_with_spaces_lays_out():
    words = ("word " * 400)[: validation.MAX_TEXT_CHARS]
    squashed = _squashed(_with_notes(words))
    assert squashed.count("word" * 399 + "wor") == 3


def test_a_short_note_stays_in_its_cell():
    pdf = _with_notes("short\nnote")
    assert report.LONG_TEXT_HEADING not in _text(pdf)


def test_core_font_simplifies_text_outside_latin1():
    pdf = _with_notes("Привет, ελληνικά, Łódź, 日本 😀 done", font=report.CORE)
    assert "??????, ????????, Lódz, ??  done" in _text(pdf)


@needs_dejavu
def test_dejavu_prints_cyrillic_greek_and_polish_as_written():
    font = report.Font(report.text.UNICODE_FONT, DEJAVU)
    pdf = _with_notes("Привет, ελληνικά, Łódź, 日本 done", font=font)
    assert "Привет, ελληνικά, Łódź, ?? done" in _text(pdf)


@needs_dejavu
def test_dejavu_run_without_distance_shows_an_em_dash():
    weekly = WEEKLY.assign(run_distance_km=[0.0, 10.5], runs_without_distance=[2, 0])
    pdf = _build(weekly=weekly, font=report.Font(report.text.UNICODE_FONT, DEJAVU))
    assert "2026-10-05 13 60 — 30 1 1 3 2" in _lines(pdf)


@pytest.mark.parametrize(
    "note",
    [
        "😀" * 500,  # emoji only
        "\u200d\ufe0f\u202e" * 600,  # joiners, variation selectors, right-to-left override
        "שלום עליכם " * 100,  # Hebrew
        "مرحبا " * 300,  # Arabic
        "漢字" * 1000,  # CJK, 2,000 characters
        "e\u0301" * 1000,  # combining accents
        "\t\r\n" * 600,
    ],
)
def test_unusual_text_never_crashes(note):
    assert len(note) <= validation.MAX_TEXT_CHARS
    for font in [report.CORE] + ([report.Font(report.text.UNICODE_FONT, DEJAVU)] if DEJAVU else []):
        assert _with_notes(note, font=font).startswith(b"%PDF")


def test_without_dejavu_the_core_font_is_used(tmp_path, monkeypatch):
    assert report.text.unicode_font_files(tmp_path) is None
    monkeypatch.setattr(report.text, "DEJAVU_DIR", tmp_path)
    assert report.best_font() == report.CORE
    arguments = dict(font=None)
    pdf = _build(**arguments)
    fonts = {
        str(font["/BaseFont"])
        for page in PdfReader(io.BytesIO(pdf)).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts == {"/Helvetica", "/Helvetica-Bold", "/Helvetica-Oblique"}


# ---------------------------------------------------------------- from a database: empty, one week, ten years


def _db_with_profile(tmp_path, birth: date = PROFILE.birth_date):
    db = storage.open_db(tmp_path / "report.db")
    services.save_profile(
        db,
        {
            "birth_date": birth,
            "birth_type": "vaginal",
            "perineal_tear": "first_second",
            "feeding": "breastfeeding",
            "running_background": "recreational",
        },
        today=TODAY,
    )
    return db


def _run(day: date, minutes: float, km: float | None, number: int) -> dict:
    return {
        "run_date": day,
        "duration_min": minutes,
        "distance_km": km,
        "kind": "continuous",
        "source": "strava",
        "source_id": f"report-{number}",
    }


def test_report_for_an_empty_log(tmp_path):
    db = _db_with_profile(tmp_path)
    # The period starts before the birth: still no week "-1" and no empty weeks.
    pdf = report.report_for(db, today=TODAY, start=date(2026, 6, 1), end=TODAY, font=report.CORE)
    text = _text(pdf)
    assert "Period covered: 2026-06-01 to 2026-11-25 (weeks 0 to 21 after birth)" in text
    assert report.NO_WEEKS in text
    assert "No readiness tests recorded." in text
    assert "No symptom entries in this period." in text
    assert "No red flags were open in this period." in text
    assert "Week of" not in text
    assert not re.search(r"(?<![\d-])-1\b", text)  # no week "-1" (dates such as 2026-11-25 aside)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 2


def test_report_for_one_week_of_runs_one_without_distance(tmp_path):
    db = _db_with_profile(tmp_path)
    services.import_runs(
        db,
        [_run(date(2026, 10, 6), 20, 3.0, 1), _run(date(2026, 10, 8), 25, None, 2)],
        today=TODAY,
    )
    pdf = report.report_for(db, today=TODAY, start=date(2026, 6, 1), end=TODAY, font=report.CORE)
    lines = _lines(pdf)
    week_rows = [line for line in lines if line[:4] == "2026" and line[4] == "-" and len(line.split()) == 9]
    # From her first log to the end of the period: the week of 2026-10-05 (14 weeks after a
    # 2026-07-01 birth) first, then seven empty weeks up to the week of 2026-11-23.
    assert week_rows[0] == "2026-10-05 13 45 3.0+ 0 0 0 0 0"
    assert week_rows[1] == "2026-10-12 14 0 - 0 0 0 0 0"
    assert week_rows[-1] == "2026-11-23 20 0 - 0 0 0 0 0"
    assert len(week_rows) == 8
    text = _text(pdf)
    assert "+ : some runs that week had no distance; the figure counts the others." in text
    assert "0.0" not in text
    # No phase name is drawn over the bars: none between the chart's heading and its table.
    chart_text = text[text.index("Weekly running and symptoms") : text.index("Week of")]
    assert not [phase.name for phase in phases.PHASES if phase.name in chart_text]


def test_report_for_ten_years_of_runs(tmp_path):
    birth = date(2016, 11, 2)
    db = _db_with_profile(tmp_path, birth=birth)
    first = birth + timedelta(days=42)
    days = (TODAY - first).days + 1
    services.import_runs(
        db,
        [_run(first + timedelta(days=i), 30 if i % 2 else 40, None if i % 7 == 0 else 5.0, i) for i in range(days)],
        today=TODAY,
    )
    pdf = report.report_for(db, today=TODAY, start=birth, end=TODAY, font=report.CORE)
    lines = _lines(pdf)
    text = "\n".join(lines)
    for heading in report.HEADINGS:
        assert heading in lines
    assert "Weeks since birth (one bar per Monday-to-Sunday week)" in text
    week_rows = [line for line in lines if line[:4] in {str(y) for y in range(2016, 2027)} and len(line.split()) == 9]
    assert len(week_rows) == 520  # the week of 2016-12-12 to the week of 2026-11-23
    # The first run is on Wednesday 2016-12-14 (runs 0, 1, 2, 3, 4 of the week: 40+30+40+30+40
    # min, run 0 without a distance); the last week holds Monday to Wednesday 2026-11-25.
    assert week_rows[0] == "2016-12-12 5 180 20.0+ 0 0 0 0 0"
    assert week_rows[-1] == "2026-11-23 524 100 10.0+ 0 0 0 0 0"
    assert text.count("2026-11-16 523 ") == 1
