"""AppTests for the Learn page: the list by topic, one lesson per ?lesson=slug with its
sources, the impact calculator, and the read marks stored in lesson_progress."""

from __future__ import annotations

from datetime import date

import pytest

from return_to_run import lessons, services, storage

from .helpers import PROFILE, TODAY, app_test, body_page_links, metrics, no_errors

ALL = lessons.load_lessons()
TOPICS = ["Why wait", "How the body changed", "Building the foundation", "Running", "Getting help"]
SLUGS_BY_TOPIC = [
    "six-week-check",
    "impact-load",
    "pressure",
    "body-changes",
    "hormones-feeding",
    "low-oestrogen-breastfeeding",
    "after-c-section",
    "severe-tears",
    "prolapse",
    "foundation",
    "pelvic-floor-how-to",
    "readiness-tests",
    "progressing-running",
    "when-to-see-someone",
    "never-too-late",
    "your-mind",
]
# The lessons whose drawings show under the text: (slug, how many).
DRAWN = {"pelvic-floor-how-to": 4, "readiness-tests": 11}
UNKNOWN_SLUG_WARNING = "That lesson does not exist (any more). Here are all of them."


def lesson_page(slug: str):
    at = app_test("pages/learn.py")
    at.query_params["lesson"] = slug
    return at.run()


def body_links(at) -> list[tuple[str, str, str]]:
    """(label, icon, lesson slug) of the lesson links in the page body."""
    return [
        (link.proto.label, link.proto.icon, link.proto.query_string.removeprefix("lesson="))
        for link in body_page_links(at)
        if link.proto.page == "learn"
    ]


def stored_progress(db) -> list[dict]:
    return list(db.query("SELECT slug, read_date FROM lesson_progress ORDER BY slug"))


# ---------------------------------------------------------------- the list


def test_list_groups_all_sixteen_lessons_by_topic(db_file):
    at = app_test("pages/learn.py").run()
    no_errors(at)
    assert [t.value for t in at.main.title] == ["📚 Learn"]
    assert [s.value for s in at.main.subheader] == TOPICS
    assert [slug for _, _, slug in body_links(at)] == SLUGS_BY_TOPIC
    by_slug = {lesson.slug: lesson for lesson in ALL}
    assert [(label, icon) for label, icon, _ in body_links(at)] == [
        (by_slug[slug].title, "📖") for slug in SLUGS_BY_TOPIC
    ]
    # Each lesson's own reading time, not one promise for all.
    assert [c.value for c in at.main.caption][:16] == [
        f"{by_slug[slug].reading_time_min} min read · {by_slug[slug].summary}" for slug in SLUGS_BY_TOPIC
    ]
    assert "five minutes" not in " ".join(m.value for m in at.main.markdown)
    progress = at.main.get("progress")[0]
    assert (progress.value, progress.proto.text) == (0, "0 of 16 read")
    assert not at.main.warning


def test_list_ticks_what_she_has_read(db):
    storage.mark_lesson_read(db, "pressure", today=TODAY)
    storage.mark_lesson_read(db, "never-too-late", today=TODAY)
    storage.mark_lesson_read(db, "a-lesson-that-was-removed", today=TODAY)  # not counted
    at = app_test("pages/learn.py").run()
    no_errors(at)
    ticked = [slug for _, icon, slug in body_links(at) if icon == "✅"]
    assert ticked == ["pressure", "never-too-late"]
    progress = at.main.get("progress")[0]
    assert (progress.value, progress.proto.text) == (12, "2 of 16 read")


def test_unknown_slug_warns_and_shows_the_list(db_file):
    at = lesson_page("jogging-on-the-moon")
    no_errors(at)
    assert [w.value for w in at.main.warning] == [UNKNOWN_SLUG_WARNING]
    assert [t.value for t in at.main.title] == ["📚 Learn"]
    assert [slug for _, _, slug in body_links(at)] == SLUGS_BY_TOPIC


# ---------------------------------------------------------------- one lesson


@pytest.mark.parametrize("lesson", ALL, ids=lambda lesson: lesson.slug)
def test_every_lesson_opens_with_its_sources(db_file, lesson):
    at = lesson_page(lesson.slug)
    no_errors(at)
    assert [t.value for t in at.main.title] == [lesson.title]
    assert at.main.caption[0].value.startswith(
        f"{lesson.topic} · {lesson.reading_time_min} min read · last reviewed {lesson.last_reviewed.isoformat()}"
    )
    [sources] = [e for e in at.main.expander if e.label.startswith("Sources")]
    assert sources.label == f"Sources ({len(lesson.sources)})"
    assert [m.value for m in sources.markdown] == [
        f"**[{s.id}]** {s.citation}  \n*{s.evidence}*" for s in lesson.sources
    ]
    assert at.button(key=f"read_{lesson.slug}").label == "Mark as read"
    assert [slug for _, _, slug in body_links(at)] == list(lesson.related)
    assert bool(at.main.number_input) == (lesson.slug == "impact-load")  # the calculator lives in one lesson
    assert len(at.main.get("html")) == DRAWN.get(lesson.slug, 0)


def test_pelvic_floor_lesson_shows_the_four_positions(db_file):
    at = lesson_page("pelvic-floor-how-to")
    assert ['<title id="title-pelvic_floor_' in h.proto.body for h in at.main.get("html")] == [True] * 4
    assert [c.value for c in at.main.caption][1:5] == [
        "Pelvic floor exercise lying down",
        "Pelvic floor exercise sitting",
        "Pelvic floor exercise standing",
        "Pelvic floor exercise with movement",
    ]


def test_impact_lesson_calculator(db_file):
    at = lesson_page("impact-load")
    no_errors(at)
    assert [t.value for t in at.main.title] == ["How much impact is in a jog?"]
    assert [e.label for e in at.main.expander] == ["Assumptions", "Sources (4)"]
    assert [(n.label, n.value) for n in at.main.number_input] == [
        ("Running minutes", 10.0),
        ("Steps per minute when running", 165),
        ("Weight (kg, optional)", None),
    ]
    assert metrics(at) == {
        "Landings": "1,650",
        "Per leg": "825",
        "Peak ground force per running step": "2.5 × body weight",
    }
    assert "Sum of peak ground forces over the session: **4,125 body weights**." in [m.value for m in at.main.markdown]

    at.number_input(key="impact_run_min").set_value(20.0).run()
    assert metrics(at)["Landings"] == "3,300"
    at.number_input(key="impact_cadence").set_value(180).run()
    assert metrics(at)["Landings"] == "3,600"

    at.number_input(key="impact_run_min").set_value(10.0)
    at.number_input(key="impact_cadence").set_value(165)
    at.number_input(key="impact_weight").set_value(64.0).run()
    no_errors(at)
    assert metrics(at) == {"Landings": "1,650", "Per leg": "825", "Peak ground force per running step": "1,570 N"}
    assert "Sum of peak ground forces over the session: **4,125 body weights** (about 264.0 tonnes)." in [
        m.value for m in at.main.markdown
    ]


def test_impact_calculator_uses_her_weight_and_last_run(db):
    services.save_profile(db, {**PROFILE, "weight_kg": 64}, today=TODAY)
    services.add_run(
        db,
        {
            "run_date": date(2026, 11, 20),
            "duration_min": 30,
            "kind": "walk_run",
            "run_interval_min": 1,
            "walk_interval_min": 2,
            "interval_repeats": 10,
        },
        today=TODAY,
    )
    at = lesson_page("impact-load")
    no_errors(at)
    assert at.number_input(key="impact_weight").value == 64.0
    toggle = at.toggle(key="impact_use_last")
    assert (toggle.label, toggle.value) == ("Use my last run (2026-11-20, 30 min)", False)
    toggle.set_value(True).run()
    no_errors(at)
    assert at.number_input(key="impact_run_min").disabled
    # 10 min running x 165 + 20 min walking x 110 steps per minute
    assert metrics(at) == {"Landings": "3,850", "Per leg": "1,925", "Peak ground force per running step": "1,570 N"}


def test_mark_as_read_then_not_read(db):
    at = lesson_page("impact-load")
    assert [b.label for b in at.main.button] == ["← All lessons", "Mark as read"]
    at.button(key="read_impact-load").click().run()
    no_errors(at)
    assert stored_progress(db) == [{"slug": "impact-load", "read_date": "2026-11-25"}]
    assert [b.label for b in at.main.button] == ["← All lessons", "Mark as not read"]
    assert [s.value for s in at.main.success] == ["You read this on 2026-11-25."]
    assert at.query_params == {"lesson": "impact-load"}  # still on the lesson after the rerun

    at.button(key="unread_impact-load").click().run()
    no_errors(at)
    assert stored_progress(db) == []
    assert [b.label for b in at.main.button] == ["← All lessons", "Mark as read"]
    assert not at.main.success


def test_back_to_all_lessons_clears_the_query(db):
    storage.mark_lesson_read(db, "impact-load", today=TODAY)
    at = lesson_page("impact-load")
    at.button(key="back_to_lessons").click().run()
    no_errors(at)
    assert at.query_params == {}
    assert [t.value for t in at.main.title] == ["📚 Learn"]
    assert ("How much impact is in a jog?", "✅", "impact-load") in body_links(at)
