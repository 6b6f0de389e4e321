"""The red flags as data: each warning sign with its urgency, her advice and its source.

Pure: standard library only. Four urgencies, most urgent first:
- "emergency": call emergency services now (AWHONN POST-BIRTH warning signs [V]).
- "same_day": contact a midwife or GP today (AWHONN / hospital postnatal pages [V]; March
  of Dimes [V]; ACOG [V2]; Canada 2025 [V] for bleeding that increases with activity).
- "gp": pause high-impact exercise and see a GP or midwife soon (bleeding beyond 8 weeks
  that is not a period: Goom 2019 symptom list [V2]; NHS BNSSG page [V2]).
- "pelvic_physio": pause high-impact exercise and see a pelvic health physiotherapist
  (Goom 2019 symptom list [V2]; Canada 2025 [V]; NHS trust pages [V]).
Any open red flag withholds every training suggestion (guidance.today_answer). The advice
texts name no training (no running, levels or plans): under an open flag she reads only
what to do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

URGENCIES = ("emergency", "same_day", "gp", "pelvic_physio")
# How each urgency is headed and marked wherever flags are shown (check-in form, alerts).
URGENCY_ICONS = {"emergency": "🚨", "same_day": "☎️", "gp": "👩‍⚕️", "pelvic_physio": "🩺"}
URGENCY_HEADINGS = {
    "emergency": "Call emergency services now if you have",
    "same_day": "Contact your midwife or GP today if you have",
    "gp": "Pause high-impact exercise and see your GP or midwife soon if you have",
    "pelvic_physio": "Pause high-impact exercise and see a pelvic health physiotherapist if you have",
}


@dataclass(frozen=True)
class RedFlag:
    """One warning sign: `urgency` is one of URGENCIES; `advice` is written for her."""

    code: str
    label: str
    urgency: str
    advice: str
    source: str


_AWHONN = "AWHONN POST-BIRTH warning signs [V]"
_SAME_DAY = "AWHONN POST-BIRTH warning signs and hospital postnatal pages [V]"
SAME_DAY_ADVICE = "Contact your midwife, GP or maternity unit today. If you cannot reach them, go to urgent care."
_PHYSIO_ADVICE = (
    "Pause high-impact exercise for now and book a pelvic health physiotherapist (your GP can "
    "refer you; in parts of the UK you can refer yourself). Walking and gentle pelvic floor "
    "exercises are usually fine meanwhile; ask them."
)
# The same words wherever heavy bleeding is raised: the tick box and a symptom entry.
HEAVY_BLEEDING_ADVICE = (
    "Contact your midwife or GP today. Call emergency services if you feel faint or are soaking pads."
)

RED_FLAGS: dict[str, RedFlag] = {
    flag.code: flag
    for flag in (
        # --- emergency: call emergency services now ---
        RedFlag(
            "chest_pain",
            "Chest pain",
            "emergency",
            "Chest pain after giving birth needs emergency care. Call emergency services "
            "(999 / 911 / 112) now and say you have recently had a baby.",
            _AWHONN,
        ),
        RedFlag(
            "breathlessness",
            "Short of breath at rest, or struggling to breathe",
            "emergency",
            "Being short of breath at rest or struggling to breathe needs emergency care. "
            "Call emergency services (999 / 911 / 112) now.",
            _AWHONN + " (obstructed breathing or shortness of breath); ACOG (breathlessness before exertion) [V2]",
        ),
        RedFlag(
            "seizure",
            "A seizure or fit",
            "emergency",
            "A seizure needs emergency care. Call emergency services (999 / 911 / 112) now.",
            _AWHONN,
        ),
        RedFlag(
            "thoughts_of_harm",
            "Thoughts of harming yourself or your baby",
            "emergency",
            "You deserve help right now. Call emergency services (999 / 911 / 112), or a "
            "crisis line, and tell someone near you. These thoughts can be treated.",
            _AWHONN,
        ),
        # --- same day: contact a clinician today ---
        RedFlag(
            "heavy_bleeding",
            "Heavy bleeding: soaking a pad in an hour or less, or clots bigger than a plum",
            "same_day",
            HEAVY_BLEEDING_ADVICE,
            _SAME_DAY + " (a pad an hour, large clots)",
        ),
        RedFlag(
            "bleeding_heavier_with_activity",
            "Bleeding that gets heavier with activity, in the first 8 weeks",
            "same_day",
            "Stop exercising and contact your midwife or GP today. Build activity up again only "
            "once the bleeding no longer increases with it.",
            "Canada 2025 (step up only while bleeding does not increase with activity) [V]; "
            "Goom 2019 symptom list [V2]",
        ),
        RedFlag(
            "dizziness_or_fainting",
            "Feeling dizzy or faint, or fainting",
            "same_day",
            "Stop, sit or lie down, and contact your midwife or GP today. Call emergency services "
            "if you faint, or feel faint with chest pain, breathlessness or heavy bleeding.",
            "ACOG warning signs to stop exercise (dizziness) [V2]; Goom 2019 and Canada 2025 "
            "(dizziness before exertion) [V2]",
        ),
        RedFlag(
            "wound_not_healing",
            "A C-section or perineal wound that is red, hot, oozing or opening",
            "same_day",
            SAME_DAY_ADVICE,
            _SAME_DAY + " (incision not healing)",
        ),
        RedFlag(
            "mastitis",
            "A red, painful, hot area of a breast, with a fever or feeling unwell",
            "same_day",
            SAME_DAY_ADVICE + " This can be mastitis, a breast infection that needs checking.",
            "March of Dimes postpartum warning signs (breast redness, painful lumps) [V]; " + _AWHONN + " (fever)",
        ),
        RedFlag(
            "urine_infection",
            "Burning or stinging when you pass urine",
            "same_day",
            SAME_DAY_ADVICE + " This can be a urine infection, which needs treating.",
            "March of Dimes postpartum warning signs (burning on passing urine) [V]",
        ),
        RedFlag(
            "hot_swollen_calf",
            "A red, swollen, painful or warm calf or leg",
            "same_day",
            SAME_DAY_ADVICE + " A swollen painful leg can be a blood clot; keep it still until you have been checked.",
            _SAME_DAY + "; ACOG warning signs (calf pain or swelling) [V2]",
        ),
        RedFlag(
            "fever",
            "A temperature of 38 °C (100.4 °F) or more, or foul-smelling discharge",
            "same_day",
            SAME_DAY_ADVICE,
            _SAME_DAY + " (temperature 38 °C / 100.4 °F or more)",
        ),
        RedFlag(
            "severe_headache_or_vision",
            "A severe headache that medicine does not relieve, changes in your vision, or pain "
            "high on the right of your belly, below the ribs",
            "same_day",
            "These can be signs of pre-eclampsia, which can come after the birth too. Contact your "
            "midwife, GP or maternity unit now, not tomorrow; if you cannot reach them, call "
            "emergency services.",
            _AWHONN + " (headache not relieved by medicine, vision changes, upper-right belly pain)",
        ),
        # --- see a GP or midwife soon ---
        RedFlag(
            "bleeding_beyond_8_weeks",
            "Bleeding beyond 8 weeks after birth that is not a period",
            "gp",
            "Bleeding that returns or continues beyond 8 weeks and is not a period should be "
            "checked: pause high-impact exercise and book to see your GP or midwife. If it turns "
            "out to be your period, mark this resolved with a note.",
            "Goom 2019 symptom list [V2]; NHS BNSSG postnatal page [V2]",
        ),
        # --- with exercise: pelvic health physiotherapist ---
        RedFlag(
            "heaviness_new_or_worse",
            "New or worsening heaviness, dragging or bulge",
            "pelvic_physio",
            _PHYSIO_ADVICE,
            "Goom 2019 symptom list [V2]; Canada 2025 (Davenport et al., BJSM 59:515) [V]",
        ),
        RedFlag(
            "bowel_leakage",
            "Leaking from the bowel, or urgency you cannot hold",
            "pelvic_physio",
            _PHYSIO_ADVICE,
            "Goom 2019 symptom list (faecal incontinence) [V2]",
        ),
        RedFlag(
            "symptoms_recur_with_running",
            "Pelvic symptoms that keep coming back with impact exercise",
            "pelvic_physio",
            "Pelvic symptoms came back after most of your recent impact exercise. Pause it and "
            "see a pelvic health physiotherapist: they can find what your pelvic floor needs.",
            "NHS trust pages [V] (recur with running -> pelvic health physio); Goom 2019 rec. 2 [V]",
        ),
    )
}

# Ticked on the short check-in form: the flags a symptom entry cannot reveal.
CHECKIN_FLAG_CODES: tuple[str, ...] = (
    "chest_pain",
    "breathlessness",
    "seizure",
    "thoughts_of_harm",
    "heavy_bleeding",
    "dizziness_or_fainting",
    "wound_not_healing",
    "mastitis",
    "urine_infection",
    "hot_swollen_calf",
    "fever",
    "severe_headache_or_vision",
)
# Raised by symptoms.red_flags_for_entry from a symptom entry, in this order.
ENTRY_FLAG_CODES: tuple[str, ...] = (
    "heavy_bleeding",
    "bleeding_heavier_with_activity",
    "bleeding_beyond_8_weeks",
    "bowel_leakage",
    "heaviness_new_or_worse",
    "symptoms_recur_with_running",
)


def red_flag(code: str) -> RedFlag:
    """The RedFlag for a code; an unknown code (e.g. from an older version) gets a generic,
    same-day entry so it still withholds training."""
    if code in RED_FLAGS:
        return RED_FLAGS[code]
    return RedFlag(
        code,
        code.replace("_", " ").capitalize(),
        "same_day",
        SAME_DAY_ADVICE,
        "Unknown flag code; treated as same day to stay safe",
    )


def most_urgent_first(flags: Iterable[RedFlag]) -> list[RedFlag]:
    """Flags ordered as URGENCIES (stable within an urgency), no repeats; an unknown urgency
    sorts with same_day."""
    seen: dict[str, RedFlag] = {}
    for flag in flags:
        seen.setdefault(flag.code, flag)
    return sorted(seen.values(), key=lambda f: URGENCIES.index(f.urgency) if f.urgency in URGENCIES else 1)
