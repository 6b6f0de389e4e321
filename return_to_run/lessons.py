"""Load and index the lessons in content/.

Each lesson is a Markdown file whose name is its slug. It opens with TOML front
matter between two `+++` lines (title, summary, topic, order, phases, symptoms,
related, evidence_level, last_reviewed and a [[sources]] array); the rest is the
Markdown body, in which factual claims carry citation markers such as [1] or [1, 3].

Pure: standard library only. Phase and symptom codes are not checked against
models.py here (that would pull pandas into this module); tests/test_lessons.py
checks every lesson against the shared vocabulary instead.
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"
DRAWINGS_DIR = CONTENT_DIR / "img"

# Silent reading speed for plain-language text, used to tell her how long a lesson
# takes instead of one promise for all of them.
READING_WORDS_PER_MIN = 200

# Local line drawings (content/img/*.svg), made for this app; each has a <title> that
# serves as alt text. Keys are the readiness test codes of models.READINESS_TESTS
# (tests/test_lessons.py checks that every code has one) and the pelvic floor
# training positions, in the order the how-to lesson progresses through them.
DRAWINGS = {
    "walk_30min": "walk_30min.svg",
    "single_leg_balance": "single_leg_balance.svg",
    "single_leg_squat": "single_leg_squat.svg",
    "jog_on_spot": "jog_on_spot.svg",
    "forward_bounds": "forward_bounds.svg",
    "hop_in_place": "hop_in_place.svg",
    "running_man": "running_man.svg",
    "calf_raise": "calf_raise.svg",
    "single_leg_bridge": "single_leg_bridge.svg",
    "single_leg_sit_to_stand": "single_leg_sit_to_stand.svg",
    "side_lying_hip_abduction": "side_lying_hip_abduction.svg",
    "pelvic_floor_lying": "pelvic_floor_lying.svg",
    "pelvic_floor_sitting": "pelvic_floor_sitting.svg",
    "pelvic_floor_standing": "pelvic_floor_standing.svg",
    "pelvic_floor_moving": "pelvic_floor_moving.svg",
}
PELVIC_FLOOR_POSITIONS = ("pelvic_floor_lying", "pelvic_floor_sitting", "pelvic_floor_standing", "pelvic_floor_moving")

# The order in which topics are listed on the lessons page.
TOPICS = (
    "Why wait",
    "How the body changed",
    "Building the foundation",
    "Running",
    "Getting help",
)

EVIDENCE_LEVEL_WORDS = {
    "guideline": "Based on published guidelines written by expert panels.",
    "trial": "Based on randomised trials, where people were assigned to one approach or "
    "another by chance: the strongest kind of single study.",
    "observational": "Based on studies that watched what happened to groups of people. They "
    "show links, but cannot prove cause and effect.",
    "expert_opinion": "Based mainly on the agreed opinion of experienced clinicians, because "
    "good studies do not exist yet.",
    "mixed": "A mix: some points rest on studies, others on expert opinion. Each claim shows its own source.",
}

# Markers like [1] or [1, 3] in the body; Markdown renders them as plain text.
_CITATION_RE = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")
_FRONT_MATTER_RE = re.compile(
    r"\A\+\+\+[ \t]*\r?\n(?P<toml>.*?)^\+\+\+[ \t]*(?:\r?\n|\Z)(?P<body>.*)\Z",
    re.DOTALL | re.MULTILINE,
)
# A word: letters or digits, with inner apostrophes or hyphens ("don't", "walk-run").
_WORD_RE = re.compile(r"[A-Za-z0-9\u00c0-\u024f]+(?:['\u2019-][A-Za-z0-9\u00c0-\u024f]+)*")
_SVG_TITLE_RE = re.compile(r"<title[^>]*>(.*?)</title>", re.DOTALL)
_SLUG_RE = re.compile(r"\A[a-z0-9]+(?:-[a-z0-9]+)*\Z")

_REQUIRED_KEYS = (
    "title",
    "summary",
    "topic",
    "order",
    "phases",
    "symptoms",
    "related",
    "evidence_level",
    "last_reviewed",
    "sources",
)
_SOURCE_KEYS = ("id", "citation", "evidence")


class LessonError(ValueError):
    """A lesson file is missing or has invalid front matter; the message names the
    file and the problem."""


class LessonNotFound(KeyError):
    """No lesson has the requested slug."""


@dataclass(frozen=True)
class Source:
    """One numbered reference; the body cites it as [id]."""

    id: int
    citation: str
    evidence: str


@dataclass(frozen=True)
class Lesson:
    """One lesson: its front matter, its numbered sources and its Markdown body."""

    slug: str
    title: str
    summary: str
    topic: str
    order: int
    phases: tuple[str, ...]
    symptoms: tuple[str, ...]
    related: tuple[str, ...]
    evidence_level: str
    last_reviewed: date
    sources: tuple[Source, ...]
    body: str

    @property
    def word_count(self) -> int:
        """Words in the body, citation markers and Markdown symbols left out."""
        return len(_WORD_RE.findall(_CITATION_RE.sub("", self.body)))

    @property
    def reading_time_min(self) -> int:
        """Minutes to read the body at READING_WORDS_PER_MIN, rounded up (at least 1)."""
        return max(1, math.ceil(self.word_count / READING_WORDS_PER_MIN))


def drawing_path(code: str) -> Path:
    """The local SVG drawing for a readiness test code or pelvic floor position.

    Raises KeyError for a code without a drawing. The page shows it with st.image,
    since st.markdown does not serve local files.
    """
    return DRAWINGS_DIR / DRAWINGS[code]


def drawing_title(code: str) -> str:
    """The drawing's <title> text, to use as its alt text or caption."""
    match = _SVG_TITLE_RE.search(drawing_path(code).read_text(encoding="utf-8"))
    if not match:
        raise LessonError(f"{DRAWINGS[code]}: has no <title>")
    return match.group(1).strip()


def cited_ids(body: str) -> set[int]:
    """The source ids cited in `body` by markers such as [2] or [1, 3]."""
    ids: set[int] = set()
    for match in _CITATION_RE.finditer(body):
        ids.update(int(part) for part in match.group(1).split(","))
    return ids


def _fail(path: Path, problem: str) -> LessonError:
    return LessonError(f"{path.name}: {problem}")


def _check_keys(path: Path, table: dict, keys, what: str) -> None:
    """Raise LessonError when `table` lacks one of `keys` or has a key not among them."""
    missing = [key for key in keys if key not in table]
    if missing:
        raise _fail(path, f"{what} lacks {', '.join(missing)}")
    extra = sorted(set(table) - set(keys))
    if extra:
        raise _fail(path, f"{what} has unknown keys: {', '.join(extra)}")


def _text(path: Path, meta: dict, key: str) -> str:
    value = meta[key]
    if not isinstance(value, str) or not value.strip():
        raise _fail(path, f"'{key}' must be non-empty text")
    return value.strip()


def _text_list(path: Path, meta: dict, key: str, *, non_empty: bool) -> tuple[str, ...]:
    value = meta[key]
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise _fail(path, f"'{key}' must be a list of codes (text)")
    if non_empty and not value:
        raise _fail(path, f"'{key}' must list at least one code")
    if len(set(value)) != len(value):
        raise _fail(path, f"'{key}' lists a code twice")
    return tuple(value)


def _sources(path: Path, raw: object) -> tuple[Source, ...]:
    if not isinstance(raw, list) or not raw:
        raise _fail(path, "needs at least one [[sources]] entry")
    sources = []
    for position, entry in enumerate(raw, start=1):
        if not isinstance(entry, dict):
            raise _fail(path, f"source {position} must be a table")
        _check_keys(path, entry, _SOURCE_KEYS, f"source {position}")
        # Ids run 1..n in order so that [n] in the text is easy to find in the list.
        if isinstance(entry["id"], bool) or entry["id"] != position:
            raise _fail(path, f"source {position} must have id = {position}, got {entry['id']!r}")
        for key in ("citation", "evidence"):
            if not isinstance(entry[key], str) or not entry[key].strip():
                raise _fail(path, f"source {position} needs non-empty '{key}' text")
        sources.append(Source(id=position, citation=entry["citation"].strip(), evidence=entry["evidence"].strip()))
    return tuple(sources)


def read_lesson(path: Path) -> Lesson:
    """Parse one lesson file; the slug is the file name without `.md`.

    Raises LessonError (naming the file) when the front matter is missing, is not
    valid TOML, lacks a required key, has an unknown key or a value of the wrong
    type, or when the body is empty. Links between lessons are checked by
    load_lessons, which sees them all.
    """
    path = Path(path)
    slug = path.stem
    if not _SLUG_RE.match(slug):
        raise _fail(path, "file name must be a slug: lower-case words joined by hyphens")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise _fail(path, f"cannot be read ({error})") from error
    match = _FRONT_MATTER_RE.match(text)
    if not match:
        raise _fail(path, "must start with TOML front matter between two '+++' lines")
    try:
        meta = tomllib.loads(match.group("toml"))
    except tomllib.TOMLDecodeError as error:
        raise _fail(path, f"front matter is not valid TOML ({error})") from error

    _check_keys(path, meta, _REQUIRED_KEYS, "front matter")

    topic = _text(path, meta, "topic")
    if topic not in TOPICS:
        raise _fail(path, f"topic {topic!r} is not one of {', '.join(TOPICS)}")
    order = meta["order"]
    if isinstance(order, bool) or not isinstance(order, int):
        raise _fail(path, "'order' must be a whole number")
    evidence_level = _text(path, meta, "evidence_level")
    if evidence_level not in EVIDENCE_LEVEL_WORDS:
        raise _fail(path, f"evidence_level {evidence_level!r} is not one of {', '.join(EVIDENCE_LEVEL_WORDS)}")
    last_reviewed = meta["last_reviewed"]
    # tomllib gives a datetime for a date-time value; only a plain date is meant.
    if not isinstance(last_reviewed, date) or isinstance(last_reviewed, datetime):
        raise _fail(path, "'last_reviewed' must be a TOML date such as 2026-11-25")
    related = _text_list(path, meta, "related", non_empty=False)
    if slug in related:
        raise _fail(path, "'related' lists the lesson itself")
    body = match.group("body").strip()
    if not body:
        raise _fail(path, "has no body text after the front matter")

    return Lesson(
        slug=slug,
        title=_text(path, meta, "title"),
        summary=_text(path, meta, "summary"),
        topic=topic,
        order=order,
        phases=_text_list(path, meta, "phases", non_empty=True),
        symptoms=_text_list(path, meta, "symptoms", non_empty=False),
        related=related,
        evidence_level=evidence_level,
        last_reviewed=last_reviewed,
        sources=_sources(path, meta["sources"]),
        body=body,
    )


def load_lessons(content_dir: Path = CONTENT_DIR) -> tuple[Lesson, ...]:
    """Every `*.md` lesson in `content_dir`, sorted by topic (in TOPICS order), then
    by `order`, then by slug.

    Raises LessonError naming the file for a broken lesson, or for a `related` slug
    that has no lesson, and when the folder does not exist.
    """
    content_dir = Path(content_dir)
    if not content_dir.is_dir():
        raise LessonError(f"{content_dir}: lesson folder not found")
    lessons = [read_lesson(path) for path in sorted(content_dir.glob("*.md"))]
    slugs = {lesson.slug for lesson in lessons}
    for lesson in lessons:
        unknown = [slug for slug in lesson.related if slug not in slugs]
        if unknown:
            raise LessonError(f"{lesson.slug}.md: related lesson(s) not found: {', '.join(unknown)}")
    return tuple(sorted(lessons, key=lambda item: (TOPICS.index(item.topic), item.order, item.slug)))


def get_lesson(lessons: tuple[Lesson, ...] | list[Lesson], slug: str) -> Lesson:
    """The lesson with this slug; raises LessonNotFound (a KeyError) if none has it."""
    for lesson in lessons:
        if lesson.slug == slug:
            return lesson
    raise LessonNotFound(slug)


def lessons_for_phase(lessons: tuple[Lesson, ...] | list[Lesson], phase_code: str) -> tuple[Lesson, ...]:
    """The lessons tagged with `phase_code`, in the order given (empty if none)."""
    return tuple(lesson for lesson in lessons if phase_code in lesson.phases)


def lessons_for_symptom(lessons: tuple[Lesson, ...] | list[Lesson], symptom_kind: str) -> tuple[Lesson, ...]:
    """The lessons tagged with `symptom_kind`, in the order given (empty if none)."""
    return tuple(lesson for lesson in lessons if symptom_kind in lesson.symptoms)


def by_topic(lessons: tuple[Lesson, ...] | list[Lesson]) -> list[tuple[str, list[Lesson]]]:
    """(topic, lessons) pairs in TOPICS order, each list sorted by (order, slug);
    topics without lessons are left out."""
    groups = []
    for topic in TOPICS:
        members = sorted(
            (lesson for lesson in lessons if lesson.topic == topic), key=lambda item: (item.order, item.slug)
        )
        if members:
            groups.append((topic, members))
    return groups
