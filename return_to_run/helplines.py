"""Load and validate the helplines in content/helplines.toml.

Each country the profile offers has a list of helplines; every line names what it is
for, a phone number and/or a text number, the page its details came from and the day
they were last checked. The country "other" has no lines: its note points her to her
local health service. The lesson "Your mind matters", the mood check-in and the
clinician PDF read the same data, so a number is changed in one place only.

Pure: standard library only; `today` is an argument where the date matters.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from .lessons import CONTENT_DIR

HELPLINES_PATH = CONTENT_DIR / "helplines.toml"
OTHER = "other"
# Phone numbers change; a line not re-checked for a year is flagged for review.
MAX_AGE_DAYS = 365

_CODE_RE = re.compile(r"\A[a-z]{2,5}\Z")
# Digits, spaces, hyphens and a leading +: what a number looks like on a phone screen.
_NUMBER_RE = re.compile(r"\A\+?[0-9][0-9 -]*[0-9]\Z|\A[0-9]\Z")
_COUNTRY_KEYS = {"code", "name", "emergency", "lines", "note"}
_LINE_KEYS = ("name", "purpose", "phone", "text", "hours", "source_url", "checked_on")


class HelplineError(ValueError):
    """The helplines file is missing or invalid; the message says where."""


@dataclass(frozen=True)
class Helpline:
    """One service: call `phone` and/or text `text` (either may be empty, not both)."""

    name: str
    purpose: str
    phone: str
    text: str
    hours: str
    source_url: str
    checked_on: date


@dataclass(frozen=True)
class Country:
    """The helplines for one country; `note` is set for "other" instead of lines."""

    code: str
    name: str
    emergency: str
    lines: tuple[Helpline, ...]
    note: str


def _text(where: str, table: dict, key: str, *, required: bool) -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        raise HelplineError(f"{where}: '{key}' must be text")
    value = value.strip()
    if required and not value:
        raise HelplineError(f"{where}: '{key}' must not be empty")
    return value


def _line(where: str, raw: object) -> Helpline:
    if not isinstance(raw, dict):
        raise HelplineError(f"{where}: must be a table")
    missing = [key for key in _LINE_KEYS if key not in raw]
    if missing:
        raise HelplineError(f"{where}: lacks {', '.join(missing)}")
    extra = sorted(set(raw) - set(_LINE_KEYS))
    if extra:
        raise HelplineError(f"{where}: unknown keys: {', '.join(extra)}")
    phone = _text(where, raw, "phone", required=False)
    text = _text(where, raw, "text", required=False)
    if not phone and not text:
        raise HelplineError(f"{where}: needs a phone or a text number")
    for key, number in (("phone", phone), ("text", text)):
        if number and not _NUMBER_RE.match(number):
            raise HelplineError(f"{where}: '{key}' {number!r} is not a phone number")
    source_url = _text(where, raw, "source_url", required=True)
    if not source_url.startswith("https://"):
        raise HelplineError(f"{where}: 'source_url' must be an https:// address")
    checked_on = raw["checked_on"]
    # tomllib gives a datetime for a date-time value; only a plain date is meant.
    if not isinstance(checked_on, date) or isinstance(checked_on, datetime):
        raise HelplineError(f"{where}: 'checked_on' must be a TOML date such as 2026-11-29")
    return Helpline(
        name=_text(where, raw, "name", required=True),
        purpose=_text(where, raw, "purpose", required=True),
        phone=phone,
        text=text,
        hours=_text(where, raw, "hours", required=False),
        source_url=source_url,
        checked_on=checked_on,
    )


def _country(position: int, raw: object) -> Country:
    where = f"country {position}"
    if not isinstance(raw, dict):
        raise HelplineError(f"{where}: must be a table")
    extra = sorted(set(raw) - _COUNTRY_KEYS)
    if extra:
        raise HelplineError(f"{where}: unknown keys: {', '.join(extra)}")
    code = _text(where, raw, "code", required=True)
    if not _CODE_RE.match(code):
        raise HelplineError(f"{where}: code {code!r} must be 2 to 5 lower-case letters")
    where = f"country {code!r}"
    name = _text(where, raw, "name", required=True)
    note = _text(where, raw, "note", required=False)
    raw_lines = raw.get("lines", [])
    if not isinstance(raw_lines, list):
        raise HelplineError(f"{where}: 'lines' must be a list of tables")
    lines = tuple(_line(f"{where} line {index}", item) for index, item in enumerate(raw_lines, start=1))
    if code == OTHER:
        if lines:
            raise HelplineError(f"{where}: has no lines; its note points to the local health service")
        if not note:
            raise HelplineError(f"{where}: needs a note pointing to the local health service")
        emergency = _text(where, raw, "emergency", required=False)
    else:
        if not lines:
            raise HelplineError(f"{where}: needs at least one line")
        emergency = _text(where, raw, "emergency", required=True)
    return Country(code=code, name=name, emergency=emergency, lines=lines, note=note)


def load_helplines(path: Path = HELPLINES_PATH) -> dict[str, Country]:
    """Every country in the file, keyed by code, in file order ("other" included).

    Raises HelplineError, saying which country and line, when the file is missing or
    is not valid TOML, a key is missing or unknown, a line has neither phone nor text,
    a number holds letters, a source is not an https:// address, a date is not a plain
    date, a code repeats, or "other" is absent.
    """
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise HelplineError(f"{path.name}: cannot be read ({error})") from error
    except tomllib.TOMLDecodeError as error:
        raise HelplineError(f"{path.name}: not valid TOML ({error})") from error
    raw_countries = data.get("countries")
    if not isinstance(raw_countries, list) or not raw_countries:
        raise HelplineError(f"{path.name}: needs [[countries]] tables")
    countries: dict[str, Country] = {}
    for position, raw in enumerate(raw_countries, start=1):
        country = _country(position, raw)
        if country.code in countries:
            raise HelplineError(f"country {country.code!r}: listed twice")
        countries[country.code] = country
    if OTHER not in countries:
        raise HelplineError(f"{path.name}: needs a country with code '{OTHER}'")
    return countries


def country_choices(countries: dict[str, Country]) -> list[tuple[str, str]]:
    """(code, name) pairs for the profile's country question, in file order."""
    return [(country.code, country.name) for country in countries.values()]


def helplines_for(countries: dict[str, Country], code: str | None) -> Country:
    """The country with this code; "other" when the code is None or unknown."""
    return countries.get(code or OTHER, countries[OTHER])


def lines_due_for_check(countries: dict[str, Country], today: date, max_age_days: int = MAX_AGE_DAYS) -> list[str]:
    """'Country: line' names whose checked_on is more than `max_age_days` before `today`."""
    oldest_ok = today - timedelta(days=max_age_days)
    return [
        f"{country.name}: {line.name}"
        for country in countries.values()
        for line in country.lines
        if line.checked_on < oldest_ok
    ]
