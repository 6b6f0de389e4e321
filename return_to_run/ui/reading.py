"""Which lessons home offers for her phase (no Streamlit: tested directly).

Every lesson is tagged with the phases it helps in; with sixteen lessons that is up to
fifteen links on a phone. Home shows a few: the one she most needs to *do* first (issue 12: the
pelvic floor how-to while recovering and rebuilding, the tests when readiness comes), the
lesson for her own birth next in early recovery (a C-section, a 3rd or 4th degree tear),
then the other lessons of the phase, unread first. Lessons about a birth or a feeding she
did not have are left for the Learn page, which keeps them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from .. import models

HOME_LESSONS = 4
# phase code -> the lessons to offer first, in order.
PHASE_FIRST = {
    "early_recovery": ("pelvic-floor-how-to",),
    "rebuilding": ("pelvic-floor-how-to",),
    "readiness": ("readiness-tests",),
    "return_to_running": ("progressing-running",),
    "building_running": ("progressing-running",),
}
# A year or more after the birth, the lesson that says it is not too late comes early.
LATE_START_WEEKS = 52
LATE_START_LESSON = "never-too-late"
# Lessons for one kind of birth or feeding: offered on home only when it is hers.
ONLY_FOR: dict[str, Callable] = {
    "after-c-section": lambda profile: profile.birth_type in models.C_SECTION_BIRTH_TYPES,
    "severe-tears": lambda profile: profile.perineal_tear == "third_fourth",
    "low-oestrogen-breastfeeding": lambda profile: profile.feeding in ("breastfeeding", "mixed"),
}
# In early recovery, her birth's lesson comes straight after the first one.
EARLY_BIRTH_LESSONS = ("after-c-section", "severe-tears")


def home_lessons(
    lessons: Sequence, phase_code: str, profile, read: Iterable[str] = (), *, weeks_since_birth: int | None = None
) -> list:
    """Up to HOME_LESSONS lessons for home, in this order: the phase's first lessons, her
    birth's lesson in early recovery, "never too late" from a year after the birth, then the
    other lessons tagged with the phase, unread before read (each group in content order).
    Lessons of ONLY_FOR that do not fit her profile are left out."""

    def fits(lesson) -> bool:
        return lesson.slug not in ONLY_FOR or (profile is not None and ONLY_FOR[lesson.slug](profile))

    by_slug = {lesson.slug: lesson for lesson in lessons}
    first = list(PHASE_FIRST.get(phase_code, ()))
    if phase_code == "early_recovery":
        first += EARLY_BIRTH_LESSONS
    if weeks_since_birth is not None and weeks_since_birth >= LATE_START_WEEKS:
        first.append(LATE_START_LESSON)
    chosen = [by_slug[slug] for slug in first if slug in by_slug and fits(by_slug[slug])]
    read = set(read)
    tagged = [lesson for lesson in lessons if phase_code in lesson.phases and lesson not in chosen and fits(lesson)]
    chosen += [lesson for lesson in tagged if lesson.slug not in read]
    chosen += [lesson for lesson in tagged if lesson.slug in read]
    return chosen[:HOME_LESSONS]
