"""Tables on screen: her logs as a data grid with no "None" and no cut words."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from .tables import blank_missing, column_widths


def show(frame: pd.DataFrame, *, key: str) -> None:
    """Draw `frame` (from a tables.* formatter) with blanks for missing values and each
    column as wide as its content."""
    shown = blank_missing(frame)
    config = {name: st.column_config.Column(width=px) for name, px in column_widths(shown).items()}
    st.dataframe(shown, hide_index=True, width="stretch", key=key, column_config=config)
