"""Bad input, fuzzed and hand-made: every validator and importer answers with valid rows
or a clear message naming the problem, never an exception and never a partial write.

The hand-made corpus lives in tests/fixtures/bad_inputs/corpus.json: form inputs for each
validate_* function (with the field and message each must produce) and damaged or wrong
files for importers.parse_upload (with the ImportFileError or skipped-row message).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from return_to_run import models, services, storage, validation
from return_to_run.importers import ImportFileError, parse_upload
from return_to_run.validation import ValidationError

CORPUS = json.loads((Path(__file__).parent / "fixtures" / "bad_inputs" / "corpus.json").read_text("utf-8"))
TODAY = date.fromisoformat(CORPUS["today"])
BIRTH = date.fromisoformat(CORPUS["birth_date"])
FORM_CASES = [c for c in CORPUS["cases"] if c["kind"] != "file"]
FILE_CASES = [c for c in CORPUS["cases"] if c["kind"] == "file"]

VALIDATORS = {
    "run": lambda raw: validation.validate_run(raw, today=TODAY),
    "profile": lambda raw: validation.validate_profile(raw, today=TODAY),
    "symptom": lambda raw: validation.validate_symptom(raw, today=TODAY, birth_date=BIRTH),
    "readiness": lambda raw: validation.validate_readiness(raw, today=TODAY),
    "foundation": lambda raw: validation.validate_foundation(raw, today=TODAY),
}
SAVERS = {
    "run": lambda db, raw: services.add_run(db, raw, today=TODAY),
    "profile": lambda db, raw: services.save_profile(db, raw, today=TODAY),
    "symptom": lambda db, raw: services.add_symptom(db, raw, today=TODAY),
    "readiness": lambda db, raw: services.add_readiness_results(db, [raw], today=TODAY),
    "foundation": lambda db, raw: services.add_foundation_session(db, raw, today=TODAY),
}
TABLES = {
    "run": "runs",
    "profile": "profile",
    "symptom": "symptoms",
    "readiness": "readiness_results",
    "foundation": "foundation_sessions",
}


def _bytes(case: dict) -> bytes:
    return bytes.fromhex(case["content"]) if case["encoding"] == "hex" else case["content"].encode("utf-8")


def test_the_corpus_has_at_least_fifty_cases_covering_every_validator_and_importers():
    assert len(CORPUS["cases"]) >= 50
    assert len({c["id"] for c in CORPUS["cases"]}) == len(CORPUS["cases"])
    assert {c["kind"] for c in FORM_CASES} == set(VALIDATORS)
    assert len(FILE_CASES) >= 15


@pytest.mark.parametrize("case", FORM_CASES, ids=[c["id"] for c in FORM_CASES])
def test_bad_form_input_gives_its_message_and_writes_nothing(db, case):
    clean, problems = VALIDATORS[case["kind"]](case["input"])
    assert any(p.field == case["field"] and case["message"] in p.message for p in problems), problems
    services.save_profile(
        db,
        {"birth_date": BIRTH, "birth_type": "vaginal", "feeding": "formula", "running_background": "new"},
        today=TODAY,
    ) if case["kind"] != "profile" else None
    before = storage.all_rows(db)
    with pytest.raises(ValidationError) as refused:
        SAVERS[case["kind"]](db, case["input"])
    assert case["message"] in str(refused.value)
    assert storage.all_rows(db) == before


@pytest.mark.parametrize("case", FILE_CASES, ids=[c["id"] for c in FILE_CASES])
def test_bad_file_gives_its_message(case):
    data = _bytes(case)
    if "error" in case:
        with pytest.raises(ImportFileError) as refused:
            parse_upload(case["filename"], data, today=TODAY)
        assert case["error"] in str(refused.value)
        assert str(refused.value).startswith(case["filename"].removesuffix(".gz"))  # names the file
    else:
        result = parse_upload(case["filename"], data, today=TODAY)
        reasons = [s.reason for s in result.skipped]
        assert any(case["skipped"] in reason for reason in reasons), reasons


# ---------------------------------------------------------------- property-based


def _values():
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**6), 10**6),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=30),
        st.sampled_from(["", " ", "nan", "inf", "-0", "1e400", "2026-02-30", "yes", "0,5"]),
        st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)).map(lambda d: d.isoformat()),
        st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)),
    )


def _codes(options):
    return st.one_of(st.sampled_from(list(options)), _values())


FIELDS = {
    "run": {
        "run_date": _values(),
        "duration_min": _values(),
        "distance_km": _values(),
        "kind": _codes(models.RUN_KINDS),
        "run_interval_min": _values(),
        "walk_interval_min": _values(),
        "interval_repeats": _values(),
        "effort_1_10": _values(),
        "notes": _values(),
    },
    "profile": {
        "birth_date": _values(),
        "birth_type": _codes(models.BIRTH_TYPES),
        "perineal_tear": _codes(models.PERINEAL_TEARS),
        "feeding": _codes(models.FEEDING),
        "leaked_before_or_during_pregnancy": _values(),
        "running_background": _codes(models.RUNNING_BACKGROUNDS),
        "previous_running_injury": _values(),
        "short_sleep_or_high_fatigue": _values(),
        "units": _codes(models.UNITS),
        "weight_kg": _values(),
    },
    "symptom": {
        "symptom_date": _values(),
        "timing": _codes(models.SYMPTOM_TIMINGS),
        "leakage": _codes(models.LEAKAGE_LEVELS),
        "heaviness_0_10": _values(),
        **{col: _values() for col in models.PAIN_COLUMNS},
        "bleeding": _codes(models.BLEEDING_LEVELS),
        "bowel_leakage": _values(),
        "notes": _values(),
    },
    "readiness": {
        "test_date": _values(),
        "test_code": _codes(models.READINESS_TESTS),
        "completed": _values(),
        "had_symptoms": _values(),
        "reps_left": _values(),
        "reps_right": _values(),
        "notes": _values(),
    },
    "foundation": {
        "session_date": _values(),
        "activity": _codes(models.FOUNDATION_ACTIVITIES),
        "duration_min": _values(),
        "notes": _values(),
    },
}


def _raw(kind: str):
    return st.fixed_dictionaries({}, optional=FIELDS[kind])


FUZZ = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


@pytest.fixture(scope="module")
def fuzz_db(tmp_path_factory):
    """One database for the fuzzers (a fresh file per example would dominate the run time)."""
    db = storage.open_db(tmp_path_factory.mktemp("fuzz") / "fuzz.db")
    services.save_profile(
        db,
        {"birth_date": BIRTH, "birth_type": "vaginal", "feeding": "formula", "running_background": "new"},
        today=TODAY,
    )
    yield db
    db.close()


@pytest.mark.parametrize("kind", list(FIELDS))
def test_any_form_input_is_saved_whole_or_refused_with_named_problems(fuzz_db, kind):
    @FUZZ
    @given(raw=_raw(kind))
    def check(raw):
        clean, problems = VALIDATORS[kind](raw)  # never raises
        assert all(isinstance(p, validation.Problem) and p.field and p.message for p in problems)
        table = TABLES[kind]
        before = fuzz_db.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0]
        if problems:
            with pytest.raises(ValidationError):
                SAVERS[kind](fuzz_db, raw)
            assert fuzz_db.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0] == before
        else:
            SAVERS[kind](fuzz_db, raw)  # valid by validation means storable: the CHECKs agree
            after = fuzz_db.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0]
            assert after == (1 if kind == "profile" else before + 1)

    check()


@FUZZ
@given(
    rows=st.lists(
        st.one_of(
            st.fixed_dictionaries({}, optional=FIELDS["run"]),
            st.fixed_dictionaries(
                {
                    "run_date": st.just("2026-11-01"),
                    "duration_min": st.integers(1, 600),
                    "kind": st.sampled_from(list(models.RUN_KINDS)),
                    "source_id": st.text(min_size=1, max_size=6),
                }
            ),
        ),
        max_size=8,
    )
)
def test_import_runs_adds_every_row_or_none(fuzz_db, rows):
    rows = [{**r, "source": "fuzz"} for r in rows]
    before = storage.counts(fuzz_db)["runs"]
    try:
        result = services.import_runs(fuzz_db, rows, today=TODAY)
    except ValidationError as error:
        assert error.problems and all(p.field.startswith("Run ") for p in error.problems)
        assert storage.counts(fuzz_db)["runs"] == before
    else:
        assert result["added"] + result["duplicates"] == len(rows)
        assert storage.counts(fuzz_db)["runs"] == before + result["added"]


@FUZZ
@given(case=st.sampled_from(FILE_CASES), cut=st.integers(0, 400), junk=st.binary(max_size=20))
def test_damaged_corpus_files_give_rows_or_a_clear_error_and_import_whole(fuzz_db, case, cut, junk):
    data = _bytes(case)
    data = data[:cut] + junk + data[cut:]
    try:
        result = parse_upload(case["filename"], data, today=TODAY)
    except ImportFileError as error:
        assert error.problem
        return
    before = storage.counts(fuzz_db)["runs"]
    added = services.import_runs(fuzz_db, result.rows, today=TODAY)["added"]  # parsed rows are valid rows
    assert storage.counts(fuzz_db)["runs"] == before + added
