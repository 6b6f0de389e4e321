"""Learn: the lessons, grouped by topic, each with its sources; one lesson per ?lesson=slug."""

import streamlit as st

from return_to_run import lessons, storage
from return_to_run.ui import cached, learn, shell

with shell.page("Learn", "📚") as ctx:
    all_lessons = cached.all_lessons()
    read = storage.lessons_read(ctx.db)
    slug = st.query_params.get("lesson")

    if slug:
        try:
            lesson = lessons.get_lesson(all_lessons, slug)
        except KeyError:
            st.warning("That lesson does not exist (any more). Here are all of them.")
            lesson = None
        if lesson is not None:
            if st.button("← All lessons", key="back_to_lessons"):
                st.query_params.clear()
                st.rerun()
            learn.lesson_view(ctx, lesson, read_on=read.get(lesson.slug))
            st.stop()

    st.title("📚 Learn")
    st.write("Why a gradual return protects your pelvic floor, in plain words, with the evidence behind each point.")
    st.progress(
        len(read.keys() & {lesson.slug for lesson in all_lessons}) / len(all_lessons),
        text=f"{len(read.keys() & {lesson.slug for lesson in all_lessons})} of {len(all_lessons)} read",
    )
    for topic, topic_lessons in lessons.by_topic(all_lessons):
        st.subheader(topic)
        for lesson in topic_lessons:
            with st.container(border=True):
                learn.lesson_link(lesson, done=lesson.slug in read)
                st.caption(f"{learn.reading_time(lesson)} · {lesson.summary}")
