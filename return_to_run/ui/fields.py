"""Form fields that never change what she typed.

A date picker with a `max_value` turns a future date red without a word and keeps the old
value, so a save then stores a date she did not choose. These fields take any date and say
under the field, in words, why a future one cannot be saved; the save refuses it too (the
validators), and the form keeps everything she typed.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from .widgets import date_field

FUTURE_DATE = "{day} is in the future. Pick today ({today}) or an earlier day; the rest of the form is kept."


def past_date(label: str, *, key: str, today: date, value: date | None = None) -> date | None:
    """A date field for something that already happened (default today); a future date gets
    a message under the field. Returns the date as typed."""
    chosen = date_field(label, value=today if value is None else value, key=key)
    if chosen is not None and chosen > today:
        st.error(future_date_message(chosen, today), icon="📅")
    return chosen


def future_date_message(day: date, today: date) -> str:
    """'2026-12-01 is in the future. Pick today (2026-11-25) or an earlier day; ...'"""
    return FUTURE_DATE.format(day=day.isoformat(), today=today.isoformat())
