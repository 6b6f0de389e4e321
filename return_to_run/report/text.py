"""Text the PDF can print, and the font that prints it.

The report embeds DejaVu Sans (condensed) when this machine has it (Debian and most Linux desktops ship
it in /usr/share/fonts): it covers Latin, Greek and Cyrillic, so a note in Polish, Greek or
Ukrainian prints as she wrote it. Without it the report falls back to fpdf2's core font
(Helvetica, built into every PDF reader, Latin-1 only). Either way every string passes
through `printable()` with the chosen font's characters: characters the font lacks get an
ASCII equivalent, lose their accents, are dropped (emoji and other symbols) or become "?"
(other letters, e.g. CJK), so any text that passes validation prints and nothing crashes.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Container
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

CORE_FONT = "helvetica"  # a PDF core font: built into every reader, nothing to embed
UNICODE_FONT = "dejavu"
# Where Debian's fonts-dejavu-core puts the files; fpdf2 subsets what it embeds.
DEJAVU_DIR = Path("/usr/share/fonts/truetype/dejavu")
# The condensed cut: about as wide as Helvetica, so dates fit their table columns.
DEJAVU_FILES = {
    "": "DejaVuSansCondensed.ttf",
    "B": "DejaVuSansCondensed-Bold.ttf",
    "I": "DejaVuSansCondensed-Oblique.ttf",
}

LATIN1 = range(256)

# Characters with a plain ASCII equivalent, used when the font lacks them.
ASCII_EQUIVALENTS = {
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2033": '"',
    "\u2026": "...",
    "\u2022": "-",
    "\u2023": "-",
    "\u2043": "-",
    "\u2192": "->",
    "\u2190": "<-",
    "\u2194": "<->",
    "\u21d2": "=>",
    "\u2265": ">=",
    "\u2264": "<=",
    "\u2260": "!=",
    "\u2248": "~",
    "\u2715": "x",
    "\u2713": "v",
    "\u2714": "v",
    "\u2122": "(TM)",
    "\u20ac": "EUR",
    "\u2009": " ",
    "\u200a": " ",
    "\u2002": " ",
    "\u2003": " ",
    "\u202f": " ",
    "\u2007": " ",
    "\u2044": "/",
    # Letters with no decomposition to a Latin-1 base.
    "\u0141": "L",
    "\u0142": "l",
    "\u0110": "D",
    "\u0111": "d",
    "\u0152": "OE",
    "\u0153": "oe",
    "\u0131": "i",
}


@dataclass(frozen=True)
class Font:
    """The report's font: `family` for fpdf2 and `files` (style -> TTF path) to embed, none
    for a core font (whose characters are Latin-1; an embedded font's are read from it)."""

    family: str
    files: dict[str, Path]


CORE = Font(CORE_FONT, {})


def unicode_font_files(folder: Path = DEJAVU_DIR) -> dict[str, Path] | None:
    """Style -> path of the DejaVu Sans files in `folder`, or None unless all three exist."""
    files = {style: folder / name for style, name in DEJAVU_FILES.items()}
    return files if all(path.is_file() for path in files.values()) else None


def best_font() -> Font:
    """DejaVu Sans when this machine has it, else the core font."""
    files = unicode_font_files(DEJAVU_DIR)
    return Font(UNICODE_FONT, files) if files else CORE


def printable(value, chars: Container[int] = LATIN1) -> str:
    """`value` as text made only of the code points in `chars` (plus newlines).

    None, NA and NaN become "". Tabs become spaces; control and format characters
    (zero-width spaces, byte-order marks) are removed. A character outside `chars` gets its
    ASCII equivalent, else loses its accents, else is dropped when it is a symbol (emoji,
    dingbats) or a mark, else becomes "?" so a reader sees something was there.
    """
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    out: list[str] = []
    for char in text:
        if char == "\n":
            out.append(char)
            continue
        category = unicodedata.category(char)
        if category in ("Cc", "Cf", "Cs", "Co", "Cn"):
            continue  # nothing printable: controls, zero-width and bidi marks, unassigned
        if ord(char) in chars:
            out.append(char)
        elif char in ASCII_EQUIVALENTS:
            out.append(ASCII_EQUIVALENTS[char])
        else:
            out.append(_fallback(char, category, chars))
    return "".join(out)


def latin1(value) -> str:
    """`value` as text fpdf2's core fonts can write (Latin-1 only); see `printable`."""
    return printable(value, LATIN1)


def _fallback(char: str, category: str, chars: Container[int]) -> str:
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    if base and all(ord(c) in chars for c in base):
        return base
    if category[0] in "SM":  # S*: emoji, dingbats; M*: marks such as variation selectors
        return ""
    return "?"
