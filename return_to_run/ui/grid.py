"""Tables on screen: her logs as a data grid with no "None" and no cut words."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from .tables import blank_missing, column_widths
from .text import escape_markdown


def show(frame: pd.DataFrame, *, key: str) -> None:
    """Draw `frame` (from a tables.* formatter) with blanks for missing values and each
    column as wide as its content."""
    shown = blank_missing(frame)
    config = {name: st.column_config.Column(width=px) for name, px in column_widths(shown).items()}
    st.dataframe(shown, hide_index=True, width="stretch", key=key, column_config=config)


def markdown_table(frame: pd.DataFrame) -> str:
    """`frame` (from a tables.* formatter) as a Markdown table: blanks for missing values,
    numbers as they print ("3.4", never "3.400000"), every cell escaped. For a few rows that
    need no sorting or scrolling: Markdown is already loaded in the browser, while a data grid
    fetches ~1.5 MB of script (glide grid, Arrow formatting) before the page can finish."""
    shown = blank_missing(frame)

    def cell(value) -> str:
        return escape_markdown(f"{value:g}" if isinstance(value, float) else value)

    lines = ["| " + " | ".join(cell(c) for c in shown.columns) + " |", "|" + " --- |" * len(shown.columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in shown.itertuples(index=False)]
    return "\n".join(lines)
