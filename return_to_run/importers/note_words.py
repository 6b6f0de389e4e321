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
# Phrases of two words, by their first word ("wet" -> {"myself": "wet myself"}).
_PHRASES: dict[str, dict[str, str]] = {}
for _phrase in (w for w in _TOPIC_OF if " " in w):
    _first, _second = _phrase.split(" ", 1)
    _PHRASES.setdefault(_first, {})[_second] = _phrase
_WORD = re.compile(r"\w+")
# Any listed word (or a phrase's first word) as a whole word, in one search: most notes have
# none, and then the word-by-word reading below is skipped. Every listed word is all word
# characters, so a match here is exactly a token that the reading below looks up.
_ANY = re.compile(
    r"\b(?:" + "|".join(sorted({*(w for w in _TOPIC_OF if " " not in w), *_PHRASES}, key=len, reverse=True)) + r")\b"
)


def symptom_words(*texts: str | None) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(words, topics) mentioned in the texts, each once, in order of appearance; None if none.

    Words are compared whole and case-insensitively (the text is split into words first, so
    "painting" is not "pain").

    >>> symptom_words("Morning Run", "Felt fine, no leaks")
    (('leaks',), ('leakage',))
    """
    # One search over all texts: a line break is not a word character, so no word spans two.
    joined = "\n".join(text for text in texts if text).casefold()
    if _ANY.search(joined) is None:
        return None
    words: list[str] = []
    for text in texts:
        if not text:
            continue
        tokens = _WORD.findall(text.casefold())
        for position, token in enumerate(tokens):
            word = token if token in _TOPIC_OF else None
            if word is None and token in _PHRASES and position + 1 < len(tokens):
                word = _PHRASES[token].get(tokens[position + 1])
            if word is not None and word not in words:
                words.append(word)
    if not words:
        return None
    topics: list[str] = []
    for word in words:
        if _TOPIC_OF[word] not in topics:
            topics.append(_TOPIC_OF[word])
    return tuple(words), tuple(topics)
