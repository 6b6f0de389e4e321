"""The clinician summary PDF: built from literal inputs, read back with pypdf."""

import io
from datetime import date

import pandas as pd
import pytest
from pypdf import PdfReader

from return_to_run import example, models, phases, report, storage

TODAY = date(2026, 11, 25)
START, END = date(2026, 9, 1), date(2026, 11, 25)
PROFILE = models.Profile(
    birth_date=date(2026, 7, 1),
    birth_type="vaginal",
    perineal_tear="first_second",
    feeding="breastfeeding",
    running_background="recreational",
)
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
    _, text = built
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
    assert "2026-10-10 New or worsening heaviness 2026-10-13 Physio: step back a level." in lines
    assert "Temperature of 38 °C or more" in text and "STILL OPEN" in text
    assert "resolved before the period" not in text


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
    assert "Return to running" in text and "Walk-run level 6" in text
    assert "Hop in place, 10 on each leg Not passed: symptoms" in text
    assert "New or worsening heaviness, dragging or bulge" in text
    assert "Leaked on the downhill" in text
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
