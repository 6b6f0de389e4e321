"""The weekly mood check: when it is due, what a "yes" means, and the help to name.

Pure: standard library; `today` is an argument. The two questions are the ones NICE CG192
recommends (Whooley), free to use: during the last month, have you often been bothered by
feeling down, depressed or hopeless; and by having little interest or pleasure in doing
things. A "yes" to either is not a diagnosis: it is a reason to talk to her GP, midwife or
health visitor. It also slows the plan (Deering 2024 [V]: modify for mental health;
Goom 2019 rec. 4 [V]: psychological status; Christopher 2024 [V]: screen for psychological
concerns). Thoughts of harming herself or her baby stay an emergency red flag
(red_flags.RED_FLAGS["thoughts_of_harm"]).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from . import helplines as helpline_data
from .models import History, Profile
from .records import MoodRecord

MOOD_SOURCE = "NICE CG192 (two depression identification questions, Whooley) [V]"
QUESTIONS = {
    "low_mood": "During the last month, have you often been bothered by feeling down, depressed or hopeless?",
    "little_interest": "During the last month, have you often been bothered by having little interest or "
    "pleasure in doing things?",
}
MOOD_CHECK_EVERY_DAYS = 7  # a weekly check-in
# A "yes" slows the plan until a later check says no to both, or for at most this long.
MOOD_MODIFIER_DAYS = 28

KIND_MESSAGE = (
    "Thank you for answering honestly. Feeling like this after having a baby is common, and it "
    "is not your fault. Please talk to your GP, midwife or health visitor soon: there is help "
    "that works. Your plan will move more gently for now."
)
NO_MESSAGE = "Thank you. Keep checking in each week; your mind is part of your recovery too."
HARM_NOTE = (
    "If you have thoughts of harming yourself or your baby, call emergency services now, and "
    "tick it on the Red flags page."
)


def latest_check(history: History, today: date) -> MoodRecord | None:
    """Her latest mood check dated on or before `today`, or None."""
    found = [m for m in history.records.mood if m.check_date <= today]
    return found[-1] if found else None


def mood_due(history: History, today: date) -> bool:
    """Whether this week's mood check is due: none dated in the 7 days up to today (today
    and the 6 days before)."""
    last = latest_check(history, today)
    return last is None or (today - last.check_date).days >= MOOD_CHECK_EVERY_DAYS


def low_mood_now(history: History, today: date) -> bool:
    """True when her latest check, in the 28 days up to today, answered yes to either
    question: the low-mood modifier (levels.MODIFIERS["low_mood"])."""
    last = latest_check(history, today)
    return last is not None and last.any_yes and (today - last.check_date).days < MOOD_MODIFIER_DAYS


@dataclass(frozen=True)
class MoodSupport:
    """What she sees after a mood check. `helplines` is her country's (helplines.Country;
    "other" when the profile has no country), shown only when `any_yes`."""

    any_yes: bool
    message: str
    helplines: helpline_data.Country | None
    slows_plan: bool
    harm_note: str = HARM_NOTE
    source: str = MOOD_SOURCE


def mood_support(check: MoodRecord | dict, profile: Profile | None, *, countries: dict | None = None) -> MoodSupport:
    """The answer to one mood check (a record, or the clean dict services.add_mood_check
    saved): a kind message, her country's helplines and the plan slowing when she said yes to
    either question; a short thank-you otherwise. `countries` defaults to
    helplines.load_helplines()."""
    if isinstance(check, dict):
        any_yes = bool(check.get("low_mood")) or bool(check.get("little_interest"))
    else:
        any_yes = check.any_yes
    if not any_yes:
        return MoodSupport(False, NO_MESSAGE, None, False)
    countries = countries if countries is not None else helpline_data.load_helplines()
    country = helpline_data.helplines_for(countries, profile.country if profile else None)
    return MoodSupport(True, KIND_MESSAGE, country, True)


def mood_summary(history: History, today: date, *, weeks: int = 12) -> list[str]:
    """Lines for the clinician PDF's mood heading: how many weekly checks in the last
    `weeks` weeks, and each check with a yes (date and which question). Empty when none."""
    since = today - timedelta(weeks=weeks)
    checks = [m for m in history.records.mood if since < m.check_date <= today]
    if not checks:
        return []
    lines = [
        f"{len(checks)} weekly mood check{'s' if len(checks) != 1 else ''} in the last {weeks} weeks ({MOOD_SOURCE})."
    ]
    for check in checks:
        if check.any_yes:
            said = [
                name
                for name, yes in (("low mood", check.low_mood), ("little interest or pleasure", check.little_interest))
                if yes
            ]
            lines.append(f"{check.check_date.isoformat()}: yes to {' and '.join(said)}.")
    if len(lines) == 1:
        lines.append("No to both questions each time.")
    return lines
