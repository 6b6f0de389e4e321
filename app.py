"""Home: where am I, what next. Run with `streamlit run app.py` (see README)."""

import streamlit as st

from return_to_run import storage
from return_to_run.ui import cached, guidance, learn, reading, shell, text

with shell.page("Where am I", "🏃‍♀️") as ctx:
    st.title("🏃‍♀️ Return to Run")
    shell.show_flash()

    if ctx.profile is None:
        st.markdown(
            "A private companion for coming back to running after having a baby: **learn** why "
            "your pelvic floor needs a gradual return, **log** your runs and any symptoms, and get "
            "**guidance** on your next step. Everything stays on this computer."
        )
        st.markdown("#### Two first steps")
        st.page_link("pages/profile.py", label="1. Tell the app about your birth (1 minute)", icon="👤")
        st.page_link("pages/log_run.py", label="2. Log your first walk or run", icon="👟")
        st.markdown("Or look around first with a made-up mother's six months of logs:")
        if st.button("🧪 Explore with example data", key="load_example", type="primary"):
            shell.start_example_mode()
            st.rerun()
        st.page_link("pages/learn.py", label="Start with why: read the lessons", icon="📚")
        st.stop()

    assessment = cached.assessment(ctx)
    st.subheader(f"{text.weeks_label(ctx.weeks_since_birth)} · {assessment.phase.name}")

    if assessment.open_red_flags:
        guidance.show_red_flag_alerts(assessment.open_red_flags)
        st.warning("Training suggestions are paused until you mark the red flag resolved.", icon="⏸️")
        st.page_link("pages/red_flags.py", label="Red flags: mark one resolved", icon="🚩")

    guidance.quick_actions()
    st.markdown(assessment.phase.what_it_means)
    guidance.todays_plan(assessment)
    guidance.next_phase_checklist(assessment)
    guidance.modifiers_note(assessment)

    st.markdown("#### Read for this phase")
    read = storage.lessons_read(ctx.db)
    for lesson in reading.home_lessons(
        cached.all_lessons(), assessment.phase.code, ctx.profile, read, weeks_since_birth=ctx.weeks_since_birth
    ):
        learn.lesson_link(lesson, done=lesson.slug in read)
    st.page_link("pages/learn.py", label="All lessons", icon="📚")

    st.markdown("#### Your last 12 weeks")
    if storage.counts(ctx.db)["runs"] == 0:
        st.caption("Your runs and symptoms will appear here week by week once you log them.")
    else:
        cached.chart("weekly_chart", cached.recent_weeks(ctx), units=ctx.units, compact=True, key="home_chart")
        st.page_link("pages/trends.py", label="See all your trends", icon="📈")
