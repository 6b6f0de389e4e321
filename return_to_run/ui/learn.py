"""Lessons on screen: links, one lesson with its sources and read mark, and the impact
lesson's calculator."""

from __future__ import annotations

from datetime import date

import streamlit as st

from .. import impact, lessons, models, services, storage
from .cached import all_lessons
from .shell import Context
from .text import escape_markdown


def lesson_by_slug(slug: str) -> lessons.Lesson | None:
    """The lesson named `slug`, or None when there is none."""
    try:
        return lessons.get_lesson(all_lessons(), slug)
    except KeyError:
        return None


def lessons_for_kinds(kinds) -> list[lessons.Lesson]:
    """The lessons that explain these symptom kinds, each once, in order."""
    found, seen = [], set()
    for kind in kinds:
        for lesson in lessons.lessons_for_symptom(all_lessons(), kind):
            if lesson.slug not in seen:
                seen.add(lesson.slug)
                found.append(lesson)
    return found


# The lessons whose text the line drawings illustrate (content/img), in the order shown.
LESSON_DRAWINGS = {
    "pelvic-floor-how-to": lessons.PELVIC_FLOOR_POSITIONS,
    "readiness-tests": tuple(models.READINESS_TESTS),
}
DRAWINGS_PER_ROW = 2  # two side by side still read at 390 px


def reading_time(lesson) -> str:
    """'3 min read': the lesson's own reading time, not one promise for all."""
    return f"{lesson.reading_time_min} min read"


def drawing_svg(code: str, width_px: int) -> str:
    """The drawing's SVG, inline: its <title> and <desc> are what a screen reader says (st.image
    gives an <img> without alt text). Ids are made unique per drawing, so several on one page
    do not share one; the size is `width_px` square."""
    svg = lessons.drawing_path(code).read_text(encoding="utf-8")
    return (
        svg.replace('id="title"', f'id="title-{code}"')
        .replace('id="desc"', f'id="desc-{code}"')
        .replace('aria-labelledby="title desc"', f'aria-labelledby="title-{code} desc-{code}"')
        .replace('width="200" height="200"', f'width="{width_px}" height="{width_px}"', 1)
    )


def drawing(code: str, *, width_px: int = 140, container=st) -> None:
    """One line drawing from content/img (shipped with the app, no remote asset), its title as
    caption."""
    container.html(drawing_svg(code, width_px))
    container.caption(lessons.drawing_title(code))


def drawings(codes) -> None:
    """Line drawings, two to a row, each with its title as caption and alt text."""
    for start in range(0, len(codes), DRAWINGS_PER_ROW):
        cols = st.columns(DRAWINGS_PER_ROW)
        for col, code in zip(cols, codes[start : start + DRAWINGS_PER_ROW], strict=False):
            drawing(code, container=col)


def lesson_link(lesson, *, done: bool = False) -> None:
    """A link that opens the lesson on the Learn page."""
    st.page_link(
        "pages/learn.py", label=lesson.title, icon="✅" if done else "📖", query_params={"lesson": lesson.slug}
    )


def lesson_view(ctx: Context, lesson, *, read_on: date | None) -> None:
    """One lesson: text, calculator where it belongs, sources with evidence in words, read mark."""
    st.title(lesson.title)
    st.caption(
        f"{lesson.topic} · {reading_time(lesson)} · last reviewed {lesson.last_reviewed.isoformat()} · "
        f"evidence: {lessons.EVIDENCE_LEVEL_WORDS.get(lesson.evidence_level, lesson.evidence_level)}"
    )
    st.markdown(lesson.body)
    if lesson.slug in LESSON_DRAWINGS:
        drawings(LESSON_DRAWINGS[lesson.slug])
    if lesson.slug == "impact-load":
        impact_calculator(ctx)
    with st.expander(f"Sources ({len(lesson.sources)})", expanded=False):
        for source in lesson.sources:
            st.markdown(f"**[{source.id}]** {source.citation}  \n*{source.evidence}*")
    if read_on:
        st.success(f"You read this on {read_on.isoformat()}.", icon="✅")
        if st.button("Mark as not read", key=f"unread_{lesson.slug}"):
            services.mark_lesson_unread(ctx.db, lesson.slug)
            st.rerun()
    elif st.button("Mark as read", type="primary", key=f"read_{lesson.slug}"):
        services.mark_lesson_read(ctx.db, lesson.slug, today=ctx.today)
        st.rerun()
    related = [r for r in (lesson_by_slug(s) for s in lesson.related) if r]
    if related:
        st.markdown("**Read next**")
        for other in related:
            lesson_link(other)


def impact_calculator(ctx: Context) -> None:
    """The impact lesson's calculator: her own minutes, cadence and weight, or her last run."""
    with st.container(border=True):
        st.markdown("#### Your numbers")
        last = storage.latest_run(ctx.db)
        use_last = False
        if last is not None:
            use_last = st.toggle(
                f"Use my last run ({last['run_date']}, {last['duration_min']:g} min)", key="impact_use_last"
            )
        cols = st.columns(3)
        run_min = cols[0].number_input(
            "Running minutes", min_value=0.0, max_value=600.0, value=10.0, key="impact_run_min", disabled=use_last
        )
        cadence = cols[1].number_input(
            "Steps per minute when running", min_value=100, max_value=220, value=165, key="impact_cadence"
        )
        weight = cols[2].number_input(
            "Weight (kg, optional)",
            min_value=0.0,
            max_value=300.0,
            value=float(ctx.profile.weight_kg) if ctx.profile and ctx.profile.weight_kg else None,
            key="impact_weight",
        )
        try:
            if use_last:
                estimate = impact.impact_from_run(last, cadence_run_spm=cadence, weight_kg=weight or None)
            else:
                estimate = impact.estimate_impact(run_min=run_min, cadence_run_spm=cadence, weight_kg=weight or None)
        except ValueError as error:
            st.error(escape_markdown(error))
            return
        cols = st.columns(3)
        cols[0].metric("Landings", f"{estimate.total_steps:,}")
        cols[1].metric("Per leg", f"{estimate.landings_per_leg:,}")
        if estimate.peak_force_run_n:
            cols[2].metric("Peak ground force per running step", f"{estimate.peak_force_run_n:,} N")
        else:
            cols[2].metric("Peak ground force per running step", f"{estimate.peak_force_run_bw:g} × body weight")
        st.markdown(
            f"Sum of peak ground forces over the session: **{estimate.cumulative_load_bw:,.0f} body "
            "weights**"
            + (f" (about {estimate.cumulative_load_tonnes:,.1f} tonnes)" if estimate.cumulative_load_tonnes else "")
            + "."
        )
        with st.expander("Assumptions"):
            for assumption in estimate.assumptions:
                st.markdown(f"- {assumption}")
