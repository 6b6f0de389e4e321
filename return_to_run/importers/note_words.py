"""Words in an imported title or note that mention a pelvic symptom: a pure keyword matcher.

The preview lists every run whose note mentions leaking, heaviness, pain or bleeding, so she
can turn it into a symptom entry with one confirmation. Nothing is guessed from the words:
a negated mention ("no leaks", "no pain") is listed as well, because reading negation
reliably from free text is beyond a word list and a missed symptom costs more than one more
line to untick. Words are matched whole (so "painting" and "Spain" are not pain), in
English and German (Strava's two header languages here).
"""

from __future__ import annotations

import re

__all__ = ["TOPICS", "symptom_words"]

# topic -> whole words (lower case). Topics are the symptom entry's fields.
TOPICS: dict[str, tuple[str, ...]] = {
    "leakage": (
        "leak",
        "leaks",
        "leaked",
        "leaking",
        "leakage",
        "leaky",
        "incontinence",
        "incontinent",
        "peed",
        "wet myself",
        "urine",
        "inkontinenz",
        "undicht",
        "urin",
    ),
    "heaviness": (
        "heavy",
        "heaviness",
        "heavier",
        "pressure",
        "dragging",
        "bulge",
        "bulging",
        "prolapse",
        "schwer",
        "schweregefühl",
        "druck",
        "senkung",
    ),
    "pain": (
        "pain",
        "pains",
        "painful",
        "hurt",
        "hurts",
        "hurting",
        "ache",
        "aches",
        "aching",
        "achy",
        "sore",
        "soreness",
        "schmerz",
        "schmerzen",
        "schmerzhaft",
        "weh",
    ),
    "bleeding": (
        "bleed",
        "bleeds",
        "bleeding",
        "bled",
        "blood",
        "bloody",
        "spotting",
        "lochia",
        "blutung",
        "blutungen",
        "blut",
        "geblutet",
    ),
}

_TOPIC_OF = {word: topic for topic, words in TOPICS.items() for word in words}
# Longest first, so "wet myself" and "leakage" win over shorter words at the same place.
_PATTERN = re.compile(
    r"(?<!\w)(" + "|".join(re.escape(w) for w in sorted(_TOPIC_OF, key=len, reverse=True)) + r")(?!\w)",
    re.IGNORECASE,
)


def symptom_words(*texts: str | None) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(words, topics) mentioned in the texts, each once, in order of appearance; None if none.

    >>> symptom_words("Morning Run", "Felt fine, no leaks")
    (('leaks',), ('leakage',))
    """
    words: list[str] = []
    topics: list[str] = []
    for text in texts:
        for match in _PATTERN.finditer(text or ""):
            word = " ".join(match[1].casefold().split())
            if word not in words:
                words.append(word)
            topic = _TOPIC_OF[word]
            if topic not in topics:
                topics.append(topic)
    return (tuple(words), tuple(topics)) if words else None
