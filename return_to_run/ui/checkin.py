"""Saving a symptom entry: the quick check-in after a run, the save itself, and what she sees
after it (red flags first, then the lessons that explain what she noted)."""

from __future__ import annotations

import streamlit as st

from .. import models, services, storage, symptoms
from ..validation import ValidationError
from . import guidance, learn, state
from .shell import Context, flash
from .widgets import show_problems


def quick_checkin(ctx: Context) -> bool:
    """The under-30-seconds check-in after a run saved in this database; 'no symptoms' is one
    tap. Returns whether it was shown."""
    run_id = state.recall(ctx, "checkin_run_id")
    if run_id is None:
        return False
    try:
        run = storage.get_run(ctx.db, run_id)
    except KeyError:
        state.forget("checkin_run_id")
        return False
    with st.container(border=True):
        st.markdown(
            f"**Check-in for your run of {run['run_date']}** "
            f"({models.RUN_KINDS[run['kind']].lower()}, {run['duration_min']:g} min)"
        )
        base = {"symptom_date": run["run_date"], "run_id": run_id}
        cols = st.columns([2, 1])
        if cols[0].button("✅ No symptoms", type="primary", width="stretch", key="checkin_none"):
            services.add_symptom(ctx.db, {**base, "timing": "during_run"}, today=ctx.today)
            state.forget("checkin_run_id")
            flash("Logged: no symptoms with this run.")
            st.rerun()
        if cols[1].button("Later", width="stretch", key="checkin_later"):
            state.forget("checkin_run_id")
            st.rerun()
        with st.expander("I noticed something", expanded=False):
            timing = st.radio(
                "When?",
                ["during_run", "within_24h"],
                format_func=models.SYMPTOM_TIMINGS.get,
                horizontal=True,
                key="checkin_timing",
            )
            leakage = st.radio(
                "Leakage",
                list(models.LEAKAGE_LEVELS),
                format_func=models.LEAKAGE_LEVELS.get,
                horizontal=True,
                key="checkin_leakage",
            )
            heaviness = st.slider("Heaviness, pressure or bulging (0-10)", 0, 10, 0, key="checkin_heaviness")
            sites = st.multiselect(
                "Pain where?", list(models.PAIN_SITES), format_func=models.PAIN_SITES.get, key="checkin_pain_sites"
            )
            pain = st.slider("Worst pain (0-10)", 0, 10, 0, key="checkin_pain") if sites else 0
            if st.button("Save check-in", key="checkin_save"):
                raw = {
                    **base,
                    "timing": timing,
                    "leakage": leakage,
                    "heaviness_0_10": heaviness,
                    **{f"pain_{site}_0_10": pain for site in sites},
                }
                save_symptom_entry(ctx, raw, clear_checkin=True)
    return True


def save_symptom_entry(ctx: Context, raw: dict, *, clear_checkin: bool = False) -> None:
    """Save a symptom entry and rerun to show its result (show_last_symptom_result); a
    refused entry lists its problems instead."""
    try:
        symptom_id, codes = services.add_symptom(ctx.db, raw, today=ctx.today)
    except ValidationError as error:
        show_problems(error)
        return
    if clear_checkin:
        state.forget("checkin_run_id")
    state.remember(ctx, "last_symptom", {"id": symptom_id, "codes": codes, "raw": raw})
    st.rerun()


def just_saved(ctx: Context) -> bool:
    """Whether a symptom entry was saved in this database on the run before this one."""
    return state.recall(ctx, "last_symptom") is not None


def show_last_symptom_result(ctx: Context) -> None:
    """After a symptom save: any red flag first, then lessons for what she noted."""
    result = state.pop(ctx, "last_symptom")
    if result is None:
        return
    if result["codes"]:
        guidance.show_red_flag_alerts([symptoms.red_flag(c) for c in result["codes"]])
    kinds = symptoms.symptom_kinds(result["raw"])
    if not kinds:
        st.success("Saved: no symptoms. Each symptom-free session counts towards your next step.", icon="✅")
        return
    st.success("Saved. Noticing this is useful: it is how you and the app learn what your body needs.", icon="📝")
    lessons_to_show = learn.lessons_for_kinds(kinds)
    if lessons_to_show:
        st.markdown("**Read why this happens:**")
        for lesson in lessons_to_show:
            learn.lesson_link(lesson)
