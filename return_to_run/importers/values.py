"""Cell values as export files write them: numbers in any locale, durations, ids, titles, notes."""

from __future__ import annotations

import hashlib
import math
import re

from .. import validation

__all__ = [
    "MISSING",
    "format_clock",
    "format_pace",
    "is_missing",
    "join_notes",
    "number_or_text",
    "parse_duration_s",
    "parse_number",
    "pick_duration",
    "positive_or_none",
    "seconds_to_min",
    "stable_id",
    "title_text",
]

# Titles are short; a name longer than this is cut, like a long description (validation may
# set its own limit; this one only keeps the stored name sensible).
MAX_TITLE_CHARS = getattr(validation, "MAX_TITLE_CHARS", 200)

MISSING = {"", "--", "-", "\u2014", "\u2013", "n/a", "na", "null", "none"}


def is_missing(text: str | None) -> bool:
    return text is None or text.strip().casefold() in MISSING


_PLAIN_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?", re.ASCII)
_GROUPED = re.compile(r"[-+]?\d{1,3}[.,]\d{3}", re.ASCII)
_NUMBER_NOISE = re.compile(r"[\s\u00a0\u202f'’]")
# A plain number that is not a lone thousands group (`1,024`, `1.024`): _PLAIN_NUMBER and not
# _GROUPED, in one match.
_PLAIN_UNGROUPED = re.compile(r"(?![-+]?\d{1,3}[.,]\d{3}\Z)[-+]?\d+(?:\.\d+)?", re.ASCII)


def parse_number(text: str | None, *, grouping: bool = True) -> float | None:
    """A number as spreadsheets in any locale write it; None when missing.

    Handles `--`, quoted thousands (`1,024`), decimal commas (`5,02`) and both together
    (`1.024,5`, `1,024.5`: the rightmost separator is the decimal one). A lone separator
    followed by exactly three digits (`1,024`) is read as thousands when `grouping` is True;
    pass False for values that can never reach a thousand (distances of runs), so that
    `5,020` reads as 5.02. Raises ValueError for text that is not a number.
    """
    if text is None:
        return None
    s = text.strip()
    if (_PLAIN_UNGROUPED if grouping else _PLAIN_NUMBER).fullmatch(s):
        number = float(s)  # the common case: digits with at most one decimal point
        if math.isinf(number):
            raise ValueError(text)
        return number
    if s.casefold() in MISSING:
        return None
    s = _NUMBER_NOISE.sub("", s)
    has_comma, has_dot = "," in s, "." in s
    if has_comma and has_dot:
        decimal = "," if s.rfind(",") > s.rfind(".") else "."
        group = "." if decimal == "," else ","
        s = s.replace(group, "").replace(decimal, ".")
    elif has_comma or has_dot:
        sep = "," if has_comma else "."
        thousands = s.count(sep) > 1 or (grouping and _GROUPED.fullmatch(s))
        s = s.replace(sep, "" if thousands else ".")
    number = float(s)
    if math.isnan(number) or math.isinf(number):
        raise ValueError(text)
    return number


def parse_duration_s(text: str | None) -> float | None:
    """`hh:mm:ss`, `mm:ss`, `h:mm:ss.s` or plain seconds -> seconds; None when missing.

    Raises ValueError for anything else.
    """
    if is_missing(text):
        return None
    s = text.strip()
    if ":" not in s:
        return parse_number(s)
    parts = s.split(":")
    if len(parts) > 3 or any(not p.strip() or len(p.strip()) > 8 for p in parts):
        raise ValueError(text)
    seconds = parse_number(parts[-1], grouping=False)
    if seconds is None or seconds < 0 or seconds >= 60:
        raise ValueError(text)
    whole = [int(p) for p in parts[:-1] if p.strip().isascii() and p.strip().isdigit()]
    if len(whole) != len(parts) - 1 or (len(whole) == 2 and whole[1] >= 60):
        raise ValueError(text)
    total = seconds
    for factor, value in zip((60, 3600), reversed(whole), strict=False):
        total += factor * value
    return total


def stable_id(*parts: object) -> str:
    """A short hash that stays the same for the same parts across imports."""
    text = "|".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def join_notes(*parts: str | None) -> str:
    """Non-empty parts, one per line, repeated parts once; cut to the notes limit."""
    seen: list[str] = []
    for part in parts:
        text = (part or "").strip()
        if text and text not in seen:
            seen.append(text)
    notes = "\n".join(seen)
    if len(notes) > validation.MAX_NOTES_CHARS:
        # A long Strava description should not cost her the run: keep the start of it.
        notes = notes[: validation.MAX_NOTES_CHARS - 1] + "\u2026"
    return notes


def title_text(text: str | None) -> str:
    """An activity's name as its title: one line, spaces tidied, cut to the title limit."""
    title = " ".join((text or "").split())
    if len(title) > MAX_TITLE_CHARS:
        title = title[: MAX_TITLE_CHARS - 1] + "\u2026"
    return title


_SCALES = {2: 100.0, 3: 1000.0}


def rounded(x: float, digits: int) -> float:
    """`round(x, digits)` for 2 or 3 digits, exactly, without its decimal conversion in the
    common case (a positive x well away from a halfway point).

    Why it is the same: y = x * 10**digits is off from the exact product by under 1e-4 while
    y < 1e12, so when y is more than 0.001 away from a halfway point its nearest whole number n
    is also the exact product's, and round() gives the float nearest n / 10**digits, which
    is what the division gives (n and the scale are exact floats, and division rounds to
    the nearest). Anything else (a zero, negative, huge, nan or near-halfway x) goes to round().
    """
    scale = _SCALES[digits]
    y = x * scale
    if 0.0 < y < 1e12:
        n = int(y + 0.5)
        if -0.499 < y - n < 0.499:
            return n / scale
    return round(x, digits)


def seconds_to_min(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 60, 2)


def positive_or_none(value: float | None) -> float | None:
    """A distance of 0 means 'not recorded' (treadmill, manual entry), not a 0 km run."""
    return value if value is not None and value > 0 else None


def format_pace(min_per_km: float) -> str:
    """6.5 -> '6:30 min/km'."""
    seconds = round(min_per_km * 60)
    return f"{seconds // 60}:{seconds % 60:02d} min/km"


def format_clock(seconds: float) -> str:
    """1834 -> '30:34', 4000 -> '1:06:40'."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def number_or_text(text: str, *, grouping: bool = True) -> float | str | None:
    """A parsed number, or the original text so validation can name what was wrong."""
    try:
        return parse_number(text, grouping=grouping)
    except ValueError:
        return text


def _plausible_pace(seconds: float, distance_km: float) -> bool:
    pace = seconds / 60 / distance_km
    return validation.FASTEST_PACE_MIN_PER_KM <= pace <= validation.SLOWEST_PACE_MIN_PER_KM


def pick_duration(
    texts: list[str], *, labels: list[str] | None = None, distance_km: object = None
) -> tuple[float | str | None, float | None, str | None]:
    """(minutes, seconds, note) from the first duration cell holding a positive time.

    When `distance_km` is known and the first time gives an impossible pace (validation's
    bounds) but a later cell gives a possible one (a watch's moving time cut short on a slow
    walk, where the elapsed time is right), the later one is used and `note` says so, naming
    the cells by `labels`. Unreadable text is passed on as it is (so validation names it) when
    no other cell helps; a zero time becomes 0 minutes (validation says it must be more than
    0); all empty -> None.
    """
    check_pace = isinstance(distance_km, float) and distance_km > 0
    # The common case, read at once: the first cell is plain seconds ("1834.0") giving a
    # possible pace. The loop below returns the same for it.
    if texts and _PLAIN_UNGROUPED.fullmatch(texts[0]):
        seconds = float(texts[0])
        if 0 < seconds < math.inf and not (check_pace and not _plausible_pace(seconds, distance_km)):
            return seconds_to_min(seconds), seconds, None
    bad: str | None = None
    zero = False
    found: list[tuple[int, float]] = []
    for position, text in enumerate(texts):
        try:
            seconds = parse_duration_s(text)
        except ValueError:
            bad = bad if bad is not None else text
            continue
        if seconds is not None and seconds > 0 and not math.isinf(seconds):
            found.append((position, seconds))
            # The later cells matter only when this first time gives an impossible pace.
            if len(found) == 1 and not (check_pace and not _plausible_pace(seconds, distance_km)):
                break
        zero = zero or seconds is not None
    if found:
        first_position, first = found[0]
        note = None
        if check_pace and not _plausible_pace(first, distance_km):
            better = next(((p, s) for p, s in found[1:] if _plausible_pace(s, distance_km)), None)
            if better is not None:
                names = labels or [f"time {n + 1}" for n in range(len(texts))]
                note = (
                    f"{names[first_position].capitalize()} {format_clock(first)} for {distance_km:g} km would be "
                    f"{format_pace(first / 60 / distance_km)}, which is not possible; used the "
                    f"{names[better[0]]} {format_clock(better[1])} instead."
                )
                first = better[1]
        return seconds_to_min(first), first, note
    if bad is not None:
        return bad, None, None
    return (0.0, 0.0, None) if zero else (None, None, None)
