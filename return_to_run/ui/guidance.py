"""The guidance panels of home: red-flag alerts, the one answer for today with its button,
"start me where I am", the weekly mood check, what unlocks the next phase and why the plan
moves gently. Every word of the answer comes from guidance.today_answer (ui.answer)."""

from __future__ import annotations

import streamlit as st

from .. import mood, red_flags, services
from ..guidance import TodayAnswer
from ..validation import ValidationError
from . import answer as answers
from . import state
from .shell import Context, flash
from .text import escape_markdown
from .widgets import show_problems

# Emergency and same-day flags are errors (red); the others are warnings (amber).
ERROR_URGENCIES = ("emergency", "same_day")
PAGE_ICONS = {
    "pages/readiness.py": "✅",
    "pages/log_run.py": "👟",
    "pages/red_flags.py": "🚩",
    "pages/symptoms.py": "📝",
    "pages/foundation.py": "🧘",
}
MOOD_ANSWERS = {False: "No", True: "Yes"}
MOOD_RESULT = "mood_result"  # session slot: the answer to the check just saved, shown once


def show_red_flag_alerts(flags) -> None:
    """Red flags grouped by urgency, most urgent first (symptoms.most_urgent_first): one alert
    per urgency with its icon and heading (red_flags.URGENCY_ICONS / URGENCY_HEADINGS), each
    flag with what to do. Shown above everything else.

    The label of an unknown flag is made from a code read from the database (a restored
    backup, another version), so it is shown escaped; everything else is the app's own text.
    """
    groups: dict[str, list[str]] = {}
    for flag in red_flags.most_urgent_first(flags):
        label = flag.label if flag.code in red_flags.RED_FLAGS else escape_markdown(flag.label)
        urgency = flag.urgency if flag.urgency in red_flags.URGENCIES else "same_day"
        groups.setdefault(urgency, []).append(f"- **{label}.** {flag.advice}")
    for urgency, lines in groups.items():
        message = "\n".join([f"**{red_flags.URGENCY_HEADINGS[urgency]}:**", *lines])
        icon = red_flags.URGENCY_ICONS[urgency]
        if urgency in ERROR_URGENCIES:
            st.error(message, icon=icon)
        else:
            st.warning(message, icon=icon)


def today_card(answer: TodayAnswer) -> None:
    """The one answer in one line, the main button that matches it, and the lines that
    explain it; under an open flag, only what to do."""
    with st.container(border=True, key="today_answer"):
        st.markdown(f"### {answer.headline}")
        icon = PAGE_ICONS.get(answer.action.page, "➡️")
        if st.button(f"{icon} {answer.action.label}", type="primary", width="stretch", key="home_main_action"):
            st.switch_page(answer.action.page)
        # Under an open flag the alerts above already say what to do about each one.
        for line in answer.details[-1:] if answer.state == "paused" else answer.details:
            st.caption(line)
    second = answer.action.page != "pages/symptoms.py"
    if second and st.button("📝 Log symptoms", width="stretch", key="home_log_symptoms"):
        st.switch_page("pages/symptoms.py")


def focus(answer: TodayAnswer) -> None:
    """What else to do today (empty under an open flag)."""
    for item in answer.focus:
        st.markdown(f"- {item}")


def placement_prompt(ctx: Context, answer: TodayAnswer) -> None:
    """ "I already run, start me where I am": offered when her recent symptom-free running
    would place her higher than the levels she has logged; saved only once she confirms."""
    if answer.state == "paused":
        return
    level = answers.placement(ctx)
    if level is None:
        return
    with st.container(border=True, key="placement"):
        st.markdown(
            f"**Already running?** Your symptom-free running of the last 3 weeks would start you at level {level}."
        )
        confirmed = st.checkbox(f"Yes, I already run: start me where I am (level {level})", key="placement_confirm")
        if st.button("Start me there", disabled=not confirmed, key="placement_save"):
            services.set_start_where_i_am(ctx.db, True)
            st.session_state.pop("placement_confirm", None)
            flash(f"Started where you are: level {level}.")
            st.rerun()


def mood_check(ctx: Context, answer: TodayAnswer) -> None:
    """The weekly mood check (mood.QUESTIONS, NICE CG192) when it is due, and the answer to
    the one just saved: a kind message and her country's helplines after a yes."""
    result = state.pop(ctx, MOOD_RESULT)
    if result is not None:
        _mood_result(ctx, result)
    if not answer.mood_due or result is not None:
        return
    with st.container(border=True, key="mood_card"):
        st.markdown("**Your weekly check-in on how you feel**")
        answers_given = {
            name: st.radio(
                question,
                list(MOOD_ANSWERS),
                format_func=MOOD_ANSWERS.get,
                horizontal=True,
                index=None,
                key=f"mood_{name}",
            )
            for name, question in mood.QUESTIONS.items()
        }
        if st.button("Save my answers", key="mood_save"):
            raw = {"check_date": ctx.today, **answers_given}
            try:
                services.add_mood_check(ctx.db, raw, today=ctx.today)
            except ValidationError as error:
                show_problems(error)
                return
            for name in mood.QUESTIONS:
                st.session_state.pop(f"mood_{name}", None)
            state.remember(ctx, MOOD_RESULT, {k: bool(v) for k, v in answers_given.items()})
            st.rerun()


def _mood_result(ctx: Context, result: dict) -> None:
    support = mood.mood_support(result, ctx.profile, countries=answers.all_helplines())
    if not support.any_yes:
        st.success(support.message, icon="💛")
        return
    lines = [support.message]
    country = support.helplines
    if country is not None:
        if country.note:
            lines.append(country.note)
        for line in country.lines:
            ways = " or ".join(
                part
                for part in (f"call {line.phone}" if line.phone else "", f"text {line.text}" if line.text else "")
                if part
            )
            lines.append(f"- **{line.name}**: {ways} ({line.hours}). {line.purpose}")
        if country.emergency:
            lines.append(f"Emergency: {country.emergency}.")
    lines.append(support.harm_note)
    st.info("\n\n".join(lines), icon="💛")
    if ctx.profile.country is None:
        st.page_link("pages/profile.py", label="Choose your country for its helplines", icon="👤")


def next_phase_checklist(answer: TodayAnswer) -> None:
    """What unlocks the next phase, ticked as she gets there (nothing under an open flag)."""
    assessment = answer.assessment
    if not answer.checklist or assessment.next_phase is None:
        return
    done = sum(item.done for item in answer.checklist)
    st.markdown(f"#### To unlock *{assessment.next_phase.name}* ({done} of {len(answer.checklist)})")
    st.progress(done / len(answer.checklist))
    for item in answer.checklist:
        st.markdown(f"{'✅' if item.done else '⬜'} {item.label}")


def modifiers_note(answer: TodayAnswer) -> None:
    """Why her plan moves more gently, if it does (nothing under an open flag)."""
    if not answer.modifiers:
        return
    count = len(answer.modifiers)
    with st.expander(f"Why your plan moves gently ({count} reason{'s' if count != 1 else ''})"):
        for modifier in answer.modifiers:
            st.markdown(f"**{modifier.label}.** {modifier.explanation}")
            st.caption(f"Source: {modifier.source}")
