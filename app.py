"""Home: where am I, what next. Run with `streamlit run app.py` (see README)."""

import streamlit as st

from return_to_run import storage
from return_to_run.ui import shell

# Under an open red flag home offers the one lesson about who to see, nothing on training.
PAUSED_LESSON = "when-to-see-someone"

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

    # Imported only once she has a profile: a new user's first screen above needs none of the
    # engine (guidance rules, the assessment, lessons, helplines), which keeps it off the
    # cold start (see bench/README.md). Python imports each module once per process.
    from return_to_run.ui import answer, cached, guidance, learn, reading, text

    today = answer.today(ctx)
    # The engine's title in the app's own words for long spans ("5 years (260 weeks)"); no
    # phase name while a flag is open.
    title = text.weeks_label(ctx.weeks_since_birth)
    st.subheader(title if today.state == "paused" else f"{title} · {today.assessment.phase.name}")
    if today.state == "paused":
        # What to do comes first; nothing about training until the flag is resolved.
        guidance.show_red_flag_alerts(today.flags)
    guidance.today_card(today)
    guidance.placement_prompt(ctx, today)
    guidance.mood_check(ctx, today)
    if today.state != "paused":
        st.markdown(today.assessment.phase.what_it_means)
        guidance.focus(today)
        guidance.next_phase_checklist(today)
        guidance.modifiers_note(today)

    read = storage.lessons_read(ctx.db)
    if today.state == "paused":
        st.markdown("#### Read while you wait")
        shown = [learn.lesson_by_slug(PAUSED_LESSON)]
    else:
        st.markdown("#### Read for this phase")
        shown = reading.home_lessons(
            cached.all_lessons(),
            today.assessment.phase.code,
            ctx.profile,
            read,
            weeks_since_birth=ctx.weeks_since_birth,
        )
    for lesson in shown:
        if lesson is not None:
            learn.lesson_link(lesson, done=lesson.slug in read)
    st.page_link("pages/learn.py", label="All lessons", icon="📚")

    st.markdown("#### Your last 12 weeks")
    if storage.counts(ctx.db)["runs"] == 0:
        st.caption("Your runs and symptoms will appear here week by week once you log them.")
    else:
        cached.chart("weekly_chart", cached.recent_weeks(ctx), units=ctx.units, compact=True, key="home_chart")
        st.page_link("pages/trends.py", label="See all your trends", icon="📈")
