"""The meaning of a missing or unreadable value, as scalar functions and over a pandas
Series (records.py states the meanings; tests check that both forms agree)."""

from __future__ import annotations

import math
from datetime import date, datetime

from .lazy_import import lazy_module

pd = lazy_module("pandas")  # imported on first use: see lazy_import


YES_WORDS = ("1", "true", "yes", "y")
NO_LEAKAGE = "none"
NO_BLEEDING = "none"
NOT_LINKED = "not_linked"


# ---------------------------------------------------------------- scalar values


def is_missing(value) -> bool:
    """True for None, NaN, pd.NA, pd.NaT and blank text."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return isinstance(value, str) and not value.strip()


def number(value) -> float:
    """A score, minutes or a count as a float: missing or unreadable -> 0.0."""
    if is_missing(value):
        return 0.0
    try:
        result = float(value)
    except (TypeError, ValueError):
        return 0.0
    return 0.0 if math.isnan(result) or math.isinf(result) else result


def number_or_none(value) -> float | None:
    """A measurement that may be unknown: missing or unreadable -> None."""
    if is_missing(value) or isinstance(value, bool):
        return None
    try:
        result = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(result) or math.isinf(result) else result


def flag(value) -> bool:
    """A yes/no: yes only for True, a non-zero number or one of YES_WORDS; anything else
    (missing, blank, "no", unreadable) is no."""
    if is_missing(value):
        return False
    if isinstance(value, str):
        return value.strip().lower() in YES_WORDS
    if isinstance(value, bool):
        return value
    try:
        return float(value) != 0
    except (TypeError, ValueError):
        return False


def text(value, default: str) -> str:
    """A stored choice or text: missing or blank -> `default`, else the text stripped."""
    return default if is_missing(value) else str(value).strip()


def to_date(value) -> date | None:
    """A date-ish value (date, datetime, Timestamp, ISO text) -> datetime.date; None when
    missing or unreadable."""
    if is_missing(value):
        return None
    if isinstance(value, datetime):  # includes pd.Timestamp
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def record_id(value) -> int | None:
    """A row id as an int, or None when missing or unreadable."""
    found = number_or_none(value)
    return None if found is None or found != int(found) else int(found)


# ---------------------------------------------------------------- the same over a Series


def column_of(frame: pd.DataFrame, name: str) -> pd.Series:
    """frame[name], or an all-missing column when the frame has none (absent = missing)."""
    if name in frame.columns:
        return frame[name]
    return pd.Series([None] * len(frame), index=frame.index, dtype="object")


def numbers(series: pd.Series) -> pd.Series:
    """`number` over a Series: floats, 0.0 where missing or unreadable."""
    if series.dtype == bool:
        return series.astype(float)
    values = pd.to_numeric(series, errors="coerce") if series.dtype != object else series.map(number)
    return values.astype(float).replace([math.inf, -math.inf], 0.0).fillna(0.0)


def flags(series: pd.Series) -> pd.Series:
    """`flag` over a Series: bools, False where missing, blank or unreadable."""
    if series.dtype == bool:
        return series
    if pd.api.types.is_numeric_dtype(series.dtype):
        return series.fillna(0).ne(0)
    return series.map(flag).astype(bool)


def texts(series: pd.Series, default: str) -> pd.Series:
    """`text` over a Series: `default` where missing or blank."""
    stripped = series.astype(str).str.strip()
    blank = series.isna().to_numpy(bool) | (stripped == "").to_numpy(bool)
    return stripped.where(~blank, default).astype(object)


def record_ids(series: pd.Series) -> list[int | None]:
    """record_id over a Series, as a list."""
    values = pd.to_numeric(series, errors="coerce")
    return [int(v) if math.isfinite(v) and v == int(v) else None for v in values.astype(float).tolist()]


def optional_numbers(series: pd.Series) -> list[float | None]:
    """number_or_none over a Series."""
    values = pd.to_numeric(series, errors="coerce").astype(float)
    return [v if math.isfinite(v) else None for v in values.tolist()]
