"""Text helpers without Streamlit: her text made safe for Markdown, counts and ages in words.

Every st.markdown/st.error/st.info/... body and every widget label is Markdown. Text that came
from a file or from her typing (notes, file names, JSON keys, a red-flag code read from the
database, a field name in a refusal) goes through `escape_markdown` first, so it shows as the
characters she typed: never an image fetched from another site, a link, a heading or an icon.
"""

from __future__ import annotations

import re

# Every ASCII character that Markdown, GitHub's extensions or Streamlit's own additions
# (:emoji: and icon shortcodes, :red[colour] directives, $LaTeX$) give a meaning,
# plus < and & for HTML tags and entities. CommonMark shows a backslash-escaped ASCII
# punctuation character as itself.
MARKDOWN_SPECIAL = "\\`*_{}[]()<>#+-.!|~$:&="
_SPECIAL_RE = re.compile("([" + re.escape(MARKDOWN_SPECIAL) + "])")


# An invisible character that breaks Streamlit's automatic links without changing what she sees.
WORD_JOINER = "\u2060"
_WWW_RE = re.compile(r"(?i)(www)(\\\.)")


def escape_markdown(text: object) -> str:
    """`text` as a string in which every Markdown/HTML special character is backslash-escaped
    and bare links are defused. Line breaks stay line breaks; None becomes "".

    Streamlit's Markdown turns web addresses (with a scheme, or starting with the three w's)
    and e-mail addresses in plain text into clickable links, after the escapes are read, so
    escaping alone does not stop them: a word joiner before the escaped ':' (ending any
    scheme), after 'www' and before '@' breaks the pattern and shows the same characters.
    """
    if text is None:
        return ""
    escaped = _SPECIAL_RE.sub(r"\\\1", str(text))
    escaped = escaped.replace("\\:", WORD_JOINER + "\\:").replace("@", WORD_JOINER + "@")
    return _WWW_RE.sub(r"\1" + WORD_JOINER + r"\2", escaped)


def code_span(text: object) -> str:
    """`text` as a Markdown code span (shown as is, in a fixed-width font), fenced with more
    backticks than any run of backticks inside it. For file names and paths."""
    text = "" if text is None else " ".join(str(text).splitlines())
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    # CommonMark strips one space from each end when both are there: a leading or trailing
    # backtick needs that space to stay apart from the fence.
    pad = " " if text.startswith("`") or text.endswith("`") or (text.startswith(" ") and text.endswith(" ")) else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def plural(count: int, one: str, many: str | None = None) -> str:
    """'1 run', '3 runs', '2 activities'."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


# Table name in a backup -> (one, many), for "This backup holds: 3 runs, 1 red flag".
TABLE_WORDS = {
    "profile": ("profile", "profiles"),
    "runs": ("run", "runs"),
    "symptoms": ("symptom entry", "symptom entries"),
    "red_flags": ("red flag", "red flags"),
    "readiness_results": ("readiness result", "readiness results"),
    "foundation_sessions": ("foundation session", "foundation sessions"),
    "lesson_progress": ("lesson read", "lessons read"),
    "settings": ("setting", "settings"),
}


def table_counts(counts: dict[str, int]) -> str:
    """'3 runs, 1 red flag' for {table: count}; tables with none are left out. An unknown
    table name (from a file) is shown escaped."""
    words = []
    for table, count in counts.items():
        if count:
            one, many = TABLE_WORDS.get(table, (escape_markdown(table), escape_markdown(table)))
            words.append(plural(count, one, many))
    return ", ".join(words)


def weeks_label(weeks: int | None) -> str:
    """'14 weeks since birth', '5 years (262 weeks) since birth', '' without a birth date."""
    if weeks is None:
        return ""
    if weeks < 0:
        return f"{-weeks} weeks before the birth date"
    if weeks >= 104:
        return f"{weeks // 52} years ({weeks} weeks) since birth"
    return f"{weeks} week{'s' if weeks != 1 else ''} since birth"
