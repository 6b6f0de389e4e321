"""Dates and times as export files write them, and UTC turned into her local clock."""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime, timedelta, tzinfo

from .values import is_missing

__all__ = ["MONTHS", "iso_seconds", "local_time", "parse_date", "parse_datetime"]

MONTHS = {
    # English, German and French abbreviations and names, lower case, without dots.
    **{
        m: i
        for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)
    },
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "june": 6,
    "july": 7,
    "august": 8,
    "sept": 9,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "januar": 1,
    "jän": 1,
    "februar": 2,
    "mär": 3,
    "märz": 3,
    "mrz": 3,
    "mai": 5,
    "juni": 6,
    "juli": 7,
    "okt": 10,
    "oktober": 10,
    "dez": 12,
    "dezember": 12,
    "janv": 1,
    "févr": 2,
    "fevr": 2,
    "mars": 3,
    "avr": 4,
    "juin": 6,
    "juil": 7,
    "août": 8,
    "aout": 8,
    "déc": 12,
}


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)
_DOTTED_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", re.ASCII)
_MONTH_FIRST = re.compile(r"([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4})")
_DAY_FIRST = re.compile(r"(\d{1,2})\.?\s+([^\W\d_]+)\.?,?\s+(\d{4})")


def parse_date(text: str | None) -> date | None:
    """The calendar date at the start of a date-time string in the common export formats.

    `Oct 7, 2020, 2:43:11 PM`, `7. Okt. 2020, 14:43:11`, `07.10.2020, 14:43:11`,
    `2020-10-07 14:43:11`, `2020-10-07T14:43:11Z`. The time of day is ignored (see
    `parse_datetime`). Returns None when nothing date-like is found or the date does not exist.
    """
    found = _date_and_rest(text)
    return None if found is None else found[0]


def _date_and_rest(text: str | None) -> tuple[date, str] | None:
    """(date, the text after it), or None."""
    if is_missing(text):
        return None
    s = text.strip()
    year = month = day = None
    if m := _ISO_DATE.match(s):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := _MONTH_FIRST.match(s):
        month, day, year = MONTHS.get(m[1].casefold()), int(m[2]), int(m[3])
    elif m := _DOTTED_DATE.match(s):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
    elif m := _DAY_FIRST.match(s):
        day, month, year = int(m[1]), MONTHS.get(m[2].casefold()), int(m[3])
    if year is None or month is None:
        return None
    try:
        return date(year, month, day), s[m.end() :]
    except ValueError:
        return None


_TIME_OF_DAY = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*([AaPp])?\.?\s*[Mm]?\.?", re.ASCII)


# Strava's English `Activity Date` exactly (`Oct 7, 2020, 2:43:11 PM`), read in one match; any
# text it does not take, or takes but cannot turn into a time, goes the general way below,
# which reads this form to the same datetime.
_STRAVA_STAMP = re.compile(r"([^\W\d_]+) (\d{1,2}), (\d{4}), (\d{1,2}):(\d{2}):(\d{2}) ([AP])M")


# "0".."59" and "00".."09" -> their value: the stamp's day and clock, read without int().
_SMALL = {**{str(n): n for n in range(60)}, **{f"{n:02d}": n for n in range(10)}}


def _strava_stamp(stamp: re.Match) -> datetime | None:
    name, day, year, hour, minute, second, half = stamp.groups()
    small = _SMALL.get
    month, hour = MONTHS.get(name.casefold()), small(hour) or int(hour)
    if month is None or not 1 <= hour <= 12:
        return None
    try:
        return datetime(
            int(year),
            month,
            small(day) or int(day),
            hour % 12 + (12 if half == "P" else 0),
            small(minute) or int(minute),
            small(second) or int(second),
        )
    except ValueError:
        return None


def parse_datetime(text: str | None) -> datetime | date | None:
    """A date-time in the common export formats as a naive datetime (the file's clock).

    Like `parse_date`, with the time of day after the date (`2:43:11 PM`, `14:43:11`,
    `T14:43:11Z`). Returns a date when the text has a date but no readable time, None when
    it has no date.
    """
    if type(text) is str and (stamp := _STRAVA_STAMP.fullmatch(text)) is not None:
        moment = _strava_stamp(stamp)
        if moment is not None:
            return moment
    found = _date_and_rest(text)
    if found is None:
        return None
    day, rest = found
    clock = _TIME_OF_DAY.search(rest)
    if clock is None:
        return day
    hour, minute, second = int(clock[1]), int(clock[2]), int(clock[3] or 0)
    meridiem = (clock[4] or "").casefold()
    if meridiem:
        if not 1 <= hour <= 12:
            return day
        hour = hour % 12 + (12 if meridiem == "p" else 0)
    try:
        return datetime(day.year, day.month, day.day, hour, minute, second)
    except ValueError:
        return day


_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
# UTC offset in seconds -> the same as a timedelta: a zone has a handful, made once each.
_SHIFTS: dict[int, timedelta] = {}


def local_time(moment: datetime, tz: tzinfo | None = None) -> datetime:
    """A UTC moment (naive ones are taken as UTC) as naive local time in `tz`.

    `tz` None means this computer's time zone, with its daylight saving rule on that date.
    """
    if tz is None and moment.tzinfo is None:
        # What astimezone() does for this computer's zone, without its two tz swaps: the
        # platform's UTC offset at that second (tm_gmtoff), added to the UTC clock.
        try:
            seconds = (moment.toordinal() - _EPOCH_ORDINAL) * 86400 + moment.hour * 3600 + moment.minute * 60
            offset = time.localtime(seconds + moment.second).tm_gmtoff
            shift = _SHIFTS.get(offset)
            if shift is None:
                shift = _SHIFTS[offset] = timedelta(seconds=offset)
            return moment + shift
        except (OverflowError, OSError, ValueError):
            pass  # the general way below says what happens then
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        local = moment.astimezone(tz) if tz is not None else moment.astimezone()
    except (OverflowError, OSError, ValueError):  # a date the platform's clock cannot convert
        local = moment.astimezone(UTC)
    return local.replace(tzinfo=None)


def iso_seconds(moment: datetime | None) -> str | None:
    """'YYYY-MM-DDTHH:MM:SS' (the runs.start_time format), or None."""
    if moment is None:
        return None
    if moment.tzinfo is not None:
        moment = moment.replace(tzinfo=None)
    if not moment.microsecond:
        return moment.isoformat()  # the same text, without parsing a keyword
    return moment.isoformat(timespec="seconds")  # "seconds" leaves the microseconds out
