"""Unit tests for values.py: each missing or unreadable value's one meaning, in the scalar and
the Series form (docs/clinical-rules.md, "Reading her logs")."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

from return_to_run import records, symptoms, values
from tests.scenario_helpers import history, on, symptom


@pytest.mark.parametrize("value", [date(2026, 3, 1), object(), [1], b"yes"])
def test_an_unreadable_yes_no_is_no(value):
    assert values.flag(value) is False


@pytest.mark.parametrize("value", [math.inf, -math.inf, "inf", "-inf", "nan", "Infinity"])
def test_an_endless_or_not_a_number_measurement_is_unknown(value):
    assert values.number_or_none(value) is None
    assert values.number(value) == 0.0


def test_an_unreadable_row_id_is_none():
    assert values.record_id("7") == 7
    assert values.record_id(7.5) is None
    assert values.record_id("abc") is None
    assert values.record_ids(pd.Series(["7", "abc", None, 7.5, 3], dtype=object)) == [7, None, None, None, 3]
    assert values.record_ids(pd.Series([1, 2], dtype="int64")) == [1, 2]


def test_optional_numbers_over_a_series():
    mixed = pd.Series(["2.5", "abc", None, math.inf, 4], dtype=object)
    assert values.optional_numbers(mixed) == [2.5, None, None, None, 4.0]
    assert [type(v) for v in values.optional_numbers(pd.Series([1, 2], dtype="int64"))] == [float, float]


def test_numbers_over_a_series_read_like_number():
    mixed = pd.Series([" 4 ", "abc", None, True, "inf", 2, "-inf", -math.inf], dtype=object)
    assert values.numbers(mixed).tolist() == [values.number(v) for v in mixed] == [4.0, 0, 0, 1.0, 0, 2.0, 0, 0]
    numeric = pd.Series([1.5, math.nan, math.inf, -math.inf], dtype=float)
    assert values.numbers(numeric).tolist() == [1.5, 0.0, 0.0, 0.0]
    assert values.numbers(pd.Series([True, False])).tolist() == [1.0, 0.0]
    assert values.numbers(pd.Series([3, 0], dtype="int64")).dtype == float


def test_an_absent_column_is_all_missing_row_by_row():
    # Rows kept from a longer log keep their index (here 5 and 7): the missing column lines up with them.
    frame = history(symptoms=[symptom(1, on(14), leakage="drops"), symptom(2, on(15))]).symptoms
    frame = frame.drop(columns=["bowel_leakage", "heaviness_0_10"]).set_axis([5, 7])
    column = values.column_of(frame, "bowel_leakage")
    assert column.index.tolist() == [5, 7]
    assert column.tolist() == [None, None]
    read = records.symptom_columns(frame)
    assert read["bowel_leakage"].to_dict() == {5: False, 7: False}
    assert read["heaviness_0_10"].to_dict() == {5: 0.0, 7: 0.0}
    assert symptoms.symptom_flags(frame)["any_symptom"].tolist() == [True, False]
