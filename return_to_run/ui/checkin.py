"""Saving a symptom entry: the quick check-in after a run, the save itself, and what she sees
after it (red flags first, then what it means for her next session and one lesson)."""

from __future__ import annotations

import streamlit as st

from .. import models, red_flags, services, storage, symptoms
from ..validation import ValidationError
from . import answer as answers
from . import guidance, learn, state
from .shell import Context
from .symptom_fields import field_keys, symptom_fields
from .widgets import show_problems

# The one-tap answers after a run: key -> (label, leakage). Each saves at once.
ONE_TAP = {
    "checkin_none": ("✅ No symptoms", "none"),
    "checkin_drops": ("💧 A few drops", "drops"),
    "checkin_more": ("💦 More than drops", "more"),
}
# After "Save run" the page keeps its scroll position, which left the check-in above the screen
# on a phone: bring its top into view once, when it appears. Our own constant script.
SCROLL_INTO_VIEW = """
<script>
document.querySelector('.st-key-checkin_panel')?.scrollIntoView({block: "start", behavior: "instant"});
</script>
"""
DETAIL_KEY = "checkin_detail_open"  # the "Something else…" panel stays open until she saves or cancels
DETAIL_KEYS = ("checkin_timing", *field_keys("checkin"))


def quick_checkin(ctx: Context) -> bool:
    """The check-in after a run saved in this database: a row of big buttons where the common
    answers (no symptoms, a few drops, more than drops) save in one tap, and "Something
    else…" opens a panel that stays open across reruns (no expander to fold shut).
    Returns whether it was shown."""
    run_id = state.recall(ctx, "checkin_run_id")
    if run_id is None:
        return False
    try:
        run = storage.get_run(ctx.db, run_id)
    except KeyError:
        _close(run_id=True)
        return False
    base = {"symptom_date": run["run_date"], "run_id": run_id}
    with st.container(border=True, key="checkin_panel"):
        st.markdown(
            f"**Check-in for your run of {run['run_date']}** "
            f"({models.RUN_KINDS[run['kind']].lower()}, {run['duration_min']:g} min)"
        )
        with st.container(horizontal=True, key="checkin_buttons"):
            for key, (label, leakage) in ONE_TAP.items():
                if st.button(label, type="primary" if leakage == "none" else "secondary", width="stretch", key=key):
                    raw = {**base, "timing": "during_run", "leakage": leakage}
                    save_symptom_entry(ctx, raw, clear_checkin=True)
            if st.button("Something else…", width="stretch", key="checkin_other"):
                st.session_state[DETAIL_KEY] = True
        if st.session_state.get(DETAIL_KEY):
            _detail(ctx, base)
        if st.button("Later", key="checkin_later"):
            _close(run_id=True)
            st.rerun()
    st.html(SCROLL_INTO_VIEW, unsafe_allow_javascript=True)
    return True


def _detail(ctx: Context, base: dict) -> None:
    """The full check-in: when, then the fields Log symptoms has (ui/symptom_fields.py)."""
    timing = st.radio(
        "When?",
        ["during_run", "within_24h"],
        format_func=models.SYMPTOM_TIMINGS.get,
        horizontal=True,
        key="checkin_timing",
    )
    entry = symptom_fields("checkin")
    if st.button("Save check-in", type="primary", width="stretch", key="checkin_save"):
        raw = {
            **base,
            "timing": timing,
            **entry,
        }
        save_symptom_entry(ctx, raw, clear_checkin=True)


def _close(*, run_id: bool = False) -> None:
    """Close the detail panel and empty its fields; with run_id, end the check-in too."""
    for key in (DETAIL_KEY, *DETAIL_KEYS):
        st.session_state.pop(key, None)
    if run_id:
        state.forget("checkin_run_id")


def save_symptom_entry(ctx: Context, raw: dict, *, clear_checkin: bool = False) -> None:
    """Save a symptom entry and rerun to show its result (show_last_symptom_result); a
    refused entry lists its problems instead."""
    try:
        symptom_id, codes = services.add_symptom(ctx.db, raw, today=ctx.today)
    except ValidationError as error:
        show_problems(error)
        return
    if clear_checkin:
        _close(run_id=True)
    state.remember(ctx, "last_symptom", {"id": symptom_id, "codes": codes, "raw": raw})
    st.rerun()


def just_saved(ctx: Context) -> bool:
    """Whether a symptom entry was saved in this database on the run before this one."""
    return state.recall(ctx, "last_symptom") is not None


def show_last_symptom_result(ctx: Context) -> None:
    """After a symptom save: any red flag first (most urgent first), then one sentence on what
    it means for her next session and the one lesson that explains it
    (guidance.after_checkin), instead of a reading list."""
    result = state.pop(ctx, "last_symptom")
    if result is None:
        return
    if result["codes"]:
        guidance.show_red_flag_alerts([red_flags.red_flag(c) for c in result["codes"]])
    # With its id the entry counts once: the history read after the save already holds it.
    sentence, slug = answers.after_checkin(ctx, {**result["raw"], "id": result["id"]})
    if symptoms.symptom_kinds(result["raw"]):
        st.info(f"Saved. {sentence}", icon="📝")
    else:
        st.success(f"Saved. {sentence}", icon="✅")
    lesson = learn.lesson_by_slug(slug)
    if lesson is not None:
        st.markdown("**Read why:**")
        learn.lesson_link(lesson)
