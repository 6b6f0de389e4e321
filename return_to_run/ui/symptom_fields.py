"""The fields of a symptom entry that Log symptoms and the check-in's "Something else…" panel
share: leakage, heaviness, pain by site, bleeding and, once she bleeds, the two questions a
midwife or GP asks next. One widget, so a rule that needs an answer (heavier with activity
before 8 weeks is a same-day red flag) can be answered from either door."""

from __future__ import annotations

import streamlit as st

from .. import models

FIELDS = ("leakage", "heaviness", "pain_sites", "bleeding", "bleeding_activity", "bleeding_period")


def field_keys(prefix: str) -> tuple[str, ...]:
    """Every widget key symptom_fields(prefix) may use, to clear the form after a save."""
    return (*(f"{prefix}_{name}" for name in FIELDS), *(f"{prefix}_pain_{site}" for site in models.PAIN_SITES))


def symptom_fields(prefix: str) -> dict:
    """Draw the shared fields (widget keys start with `prefix`) and return them as the raw
    fields of a symptom entry, for services.add_symptom."""
    raw = {
        "leakage": st.radio(
            "Leakage of urine",
            list(models.LEAKAGE_LEVELS),
            format_func=models.LEAKAGE_LEVELS.get,
            horizontal=True,
            key=f"{prefix}_leakage",
        ),
        "heaviness_0_10": st.slider(
            "Heaviness, pressure or bulging (0 = none, 10 = worst)", 0, 10, 0, key=f"{prefix}_heaviness"
        ),
    }
    sites = st.multiselect(
        "Pain? Where",
        list(models.PAIN_SITES),
        format_func=models.PAIN_SITES.get,
        key=f"{prefix}_pain_sites",
        placeholder="No pain",
    )
    for site in sites:
        raw[f"pain_{site}_0_10"] = st.slider(
            f"Pain: {models.mid_sentence(models.PAIN_SITES[site])} (0 = none, 10 = worst)",
            0,
            10,
            3,
            key=f"{prefix}_pain_{site}",
        )
    raw["bleeding"] = st.radio(
        "Bleeding",
        list(models.BLEEDING_LEVELS),
        format_func=models.BLEEDING_LEVELS.get,
        horizontal=True,
        key=f"{prefix}_bleeding",
    )
    if raw["bleeding"] != "none":
        # What a midwife or GP asks next (red_flags: heavier with activity before 8 weeks is a
        # same-day flag; beyond 8 weeks, bleeding that is not her period is a GP matter).
        raw["bleeding_heavier_with_activity"] = st.checkbox(
            "It gets heavier when I am active", key=f"{prefix}_bleeding_activity"
        )
        raw["bleeding_is_period"] = st.checkbox("I think this is my period", key=f"{prefix}_bleeding_period")
    return raw
