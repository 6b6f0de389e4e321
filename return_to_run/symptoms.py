"""Symptom scoring and red flags: pure functions over validated entries and History.

A symptom entry is the `clean` dict of validation.validate_symptom (or one row of
History.symptoms as a dict). Severities are 0-10 scales of the app's own making, not a
validated questionnaire (clinical-facts.md section 5).

Red flags are data (RED_FLAGS), each with its urgency and source. Three kinds:
- "emergency": call emergency services now (AWHONN POST-BIRTH warning signs [V]).
- "same_day": contact a clinician today (AWHONN / hospital pages [V]; ACOG [V2]).
- "pelvic_physio": stop running and see a pelvic health physiotherapist (Goom 2019
  symptom list [V2]; Canada 2025 [V]; NHS trust pages [V]).
Any open (unresolved) red flag withholds every training suggestion (phases.assess).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pandas as pd

from . import models
from .models import History, Profile

URGENCIES = ("emergency", "same_day", "pelvic_physio")

# Bleeding that continues or returns beyond 8 weeks (56 days) and is not a period is a
# pelvic floor / postnatal warning sign (Goom 2019 symptom list [V2]; NHS BNSSG page).
BLEEDING_FLAG_AFTER_DAYS = 56
# heaviness_new_or_worse: heaviness above every heaviness score she logged in the
# previous 28 days (including earlier entries on the same day). See red_flags_for_entry.
HEAVINESS_LOOKBACK_DAYS = 28
# symptoms_recur_with_running: pelvic symptoms linked to at least 3 of her last 5 running
# sessions (the entry being saved included). "Recur with running" -> pelvic health
# physiotherapist (NHS trust pages [V], clinical-facts.md section 6).
RECUR_LAST_RUNS = 5
RECUR_MIN_SYMPTOMATIC = 3
# A symptom with timing during_run / within_24h and no run_id belongs to her latest
# running session dated on the symptom's date or the day before.
RUN_LINK_DAYS = 1
RUN_LINKED_TIMINGS = ("during_run", "within_24h")

# Symptom kinds that point at the pelvic floor or abdominal wall (Goom 2019 [V2]).
# Joint pain is a symptom for the walk-run plan but not a pelvic health red flag; bleeding
# has its own rule (normal lochia in the first weeks).
PELVIC_SYMPTOM_KINDS = ("leakage", "heaviness", "pelvic_pain", "bowel_leakage")


@dataclass(frozen=True)
class RedFlag:
    """One warning sign: `urgency` is one of URGENCIES; `advice` is written for her."""

    code: str
    label: str
    urgency: str
    advice: str
    source: str


_AWHONN = "AWHONN POST-BIRTH warning signs [V] (clinical-facts.md section 6)"
_SAME_DAY = "AWHONN POST-BIRTH and hospital postnatal pages [V] (clinical-facts.md section 6)"
_SAME_DAY_ADVICE = "Contact your midwife, GP or maternity unit today. If you cannot reach them, go to urgent care."
_PHYSIO_ADVICE = (
    "Stop running for now and book a pelvic health physiotherapist (your GP can "
    "refer you). Walking and gentle pelvic floor work are usually fine meanwhile; "
    "ask them."
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
            "Shortness of breath or trouble breathing",
            "emergency",
            "Being short of breath at rest or struggling to breathe needs emergency care. "
            "Call emergency services (999 / 911 / 112) now.",
            _AWHONN,
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
            "Bleeding that soaks a pad in an hour, or egg-sized clots",
            "same_day",
            _SAME_DAY_ADVICE + " If the bleeding is very heavy or you feel faint, call emergency services.",
            _SAME_DAY,
        ),
        RedFlag(
            "wound_not_healing",
            "A C-section or perineal wound that is not healing (red, oozing, opening)",
            "same_day",
            _SAME_DAY_ADVICE,
            _SAME_DAY,
        ),
        RedFlag(
            "hot_swollen_calf",
            "A red, swollen, painful or warm calf or leg",
            "same_day",
            _SAME_DAY_ADVICE + " A swollen painful leg can be a blood clot; do not exercise "
            "it until you have been checked.",
            _SAME_DAY + "; ACOG warning signs (calf pain or swelling) [V2]",
        ),
        RedFlag(
            "fever",
            "Temperature of 38 °C (100.4 °F) or more, or foul-smelling discharge",
            "same_day",
            _SAME_DAY_ADVICE,
            _SAME_DAY,
        ),
        RedFlag(
            "severe_headache_or_vision",
            "A headache that medicine does not relieve, or changes in your vision",
            "same_day",
            _SAME_DAY_ADVICE,
            _SAME_DAY,
        ),
        # --- with exercise: pelvic health physiotherapist ---
        RedFlag(
            "heaviness_new_or_worse",
            "New or worsening heaviness, dragging or bulge",
            "pelvic_physio",
            _PHYSIO_ADVICE,
            "Goom 2019 symptom list [V2]; Canada 2025 [V]; clinical-facts.md section 6",
        ),
        RedFlag(
            "bleeding_beyond_8_weeks",
            "Bleeding beyond 8 weeks after birth that is not a period",
            "pelvic_physio",
            "Bleeding that returns or continues beyond 8 weeks and is not a period should be "
            "checked: stop running and speak to your GP or a pelvic health physiotherapist. "
            "If this was your period, mark this resolved with a note.",
            "Goom 2019 symptom list [V2]; NHS BNSSG page [V2]; clinical-facts.md section 1",
        ),
        RedFlag(
            "bowel_leakage",
            "Leaking from the bowel, or urgency you cannot hold",
            "pelvic_physio",
            _PHYSIO_ADVICE,
            "Goom 2019 symptom list [V2] (faecal incontinence); clinical-facts.md section 6",
        ),
        RedFlag(
            "symptoms_recur_with_running",
            "Symptoms that keep coming back with running",
            "pelvic_physio",
            "Pelvic symptoms came with at least 3 of your last 5 runs. Pause running and see a "
            "pelvic health physiotherapist: they can find what your pelvic floor needs.",
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
    "wound_not_healing",
    "hot_swollen_calf",
    "fever",
    "severe_headache_or_vision",
)
# Raised by red_flags_for_entry from a symptom entry.
ENTRY_FLAG_CODES: tuple[str, ...] = (
    "heaviness_new_or_worse",
    "bleeding_beyond_8_weeks",
    "bowel_leakage",
    "symptoms_recur_with_running",
)


# ---------------------------------------------------------------- value helpers


def _missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _num(value) -> float:
    """A severity or count as a float; missing -> 0."""
    if _missing(value):
        return 0.0
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def _truthy(value) -> bool:
    if _missing(value):
        return False
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "y")
    return bool(value)


def _text(value, default: str) -> str:
    return default if _missing(value) else str(value)


def to_date(value) -> date | None:
    """A date-ish value (date, datetime, Timestamp, ISO string) -> datetime.date, or None."""
    if _missing(value):
        return None
    if isinstance(value, datetime):  # includes pd.Timestamp
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _records(df: pd.DataFrame | None) -> list[dict]:
    if df is None or len(df) == 0:
        return []
    return df.to_dict("records")


# ---------------------------------------------------------------- symptom scoring


def pelvic_pain_0_10(entry: Mapping) -> int:
    """Worst pain at a pelvic site (pelvis, low back, abdomen/scar), 0-10."""
    return int(max(_num(entry.get(f"pain_{site}_0_10")) for site in models.PELVIC_PAIN_SITES))


def joint_pain_0_10(entry: Mapping) -> int:
    """Worst pain at a joint site (hip, knee, foot/ankle), 0-10."""
    return int(max(_num(entry.get(f"pain_{site}_0_10")) for site in models.JOINT_PAIN_SITES))


def symptom_kinds(entry: Mapping) -> list[str]:
    """Codes of models.SYMPTOM_KINDS present in the entry, in SYMPTOM_KINDS order.

    Pain at "other" counts for has_symptoms() but belongs to neither pain kind.
    """
    present = {
        "leakage": _text(entry.get("leakage"), "none") != "none",
        "heaviness": _num(entry.get("heaviness_0_10")) > 0,
        "pelvic_pain": pelvic_pain_0_10(entry) > 0,
        "joint_pain": joint_pain_0_10(entry) > 0,
        "bleeding": _text(entry.get("bleeding"), "none") != "none",
        "bowel_leakage": _truthy(entry.get("bowel_leakage")),
    }
    return [kind for kind in models.SYMPTOM_KINDS if present[kind]]


def has_symptoms(entry: Mapping) -> bool:
    """True if anything was felt: leakage, heaviness > 0, pain > 0 anywhere, bleeding or
    bowel leakage."""
    if symptom_kinds(entry):
        return True
    return any(_num(entry.get(col)) > 0 for col in models.PAIN_COLUMNS)


def has_pelvic_symptoms(entry: Mapping) -> bool:
    """True if the entry holds a pelvic floor / abdominal wall symptom (PELVIC_SYMPTOM_KINDS):
    leakage, heaviness, pelvic/low back/scar pain or bowel leakage."""
    return any(kind in PELVIC_SYMPTOM_KINDS for kind in symptom_kinds(entry))


def worst_severity_0_10(entry: Mapping) -> int:
    """Highest of the 0-10 scores in the entry (heaviness and every pain site); 0 if none.

    Leakage and bleeding are categories, not 0-10 scores, so they do not enter here.
    """
    scores = [_num(entry.get("heaviness_0_10"))] + [_num(entry.get(c)) for c in models.PAIN_COLUMNS]
    return int(max(scores))


# ---------------------------------------------------------------- linking symptoms to runs


def running_sessions(runs: pd.DataFrame | None, *, until: date | None = None) -> list[dict]:
    """Running sessions (kind in models.RUNNING_KINDS) as dicts of id, run_date (a date),
    duration_min and kind, sorted by date then id; only those dated on or before `until`
    when given."""
    if runs is None or len(runs) == 0:
        return []
    # Only the columns the rules read, and only running kinds: to_dict is the slow part.
    columns = [c for c in ("id", "run_date", "duration_min", "kind") if c in runs.columns]
    running = runs.loc[runs["kind"].isin(models.RUNNING_KINDS).to_numpy(bool), columns]
    out = []
    for row in running.to_dict("records"):
        day = to_date(row.get("run_date"))
        if day is None or (until is not None and day > until):
            continue
        out.append({**row, "run_date": day})
    out.sort(key=lambda r: (r["run_date"], _num(r.get("id"))))
    return out


class _RunIndex:
    """Running sessions looked up by id and by date (sessions sorted as running_sessions)."""

    def __init__(self, sessions: list[dict]):
        self.by_id = {_num(r["id"]): r["id"] for r in sessions if not _missing(r.get("id"))}
        self.latest_on: dict[date, object] = {}
        for r in sessions:  # sorted by date then id, so the last one written wins
            self.latest_on[r["run_date"]] = r["id"]

    def key(self, entry: Mapping):
        run_id = entry.get("run_id")
        if not _missing(run_id):
            return self.by_id.get(_num(run_id))
        if _text(entry.get("timing"), "not_linked") not in RUN_LINKED_TIMINGS:
            return None
        day = to_date(entry.get("symptom_date"))
        if day is None:
            return None
        for offset in range(RUN_LINK_DAYS + 1):
            found = self.latest_on.get(day - timedelta(days=offset))
            if found is not None:
                return found
        return None


def linked_run_key(entry: Mapping, sessions: list[dict]):
    """Which running session the symptom entry belongs to, as that session's `id`, or None.

    Linked by run_id when set; otherwise, with timing during_run / within_24h, to her latest
    running session dated on the symptom's date or the day before.
    """
    return _RunIndex(sessions).key(entry)


def is_run_linked(entry: Mapping) -> bool:
    """True if the entry names a run or says it came during / within 24 h of a run."""
    return (not _missing(entry.get("run_id"))) or (_text(entry.get("timing"), "not_linked") in RUN_LINKED_TIMINGS)


def symptomatic_run_ids(
    runs: pd.DataFrame | None, symptom_entries: Iterable[Mapping], *, check: Callable[[Mapping], bool] = has_symptoms
) -> set:
    """Ids of running sessions with at least one linked symptom entry for which `check`
    is true (default has_symptoms; has_pelvic_symptoms for the pelvic health rules)."""
    index = _RunIndex(running_sessions(runs))
    found = set()
    for entry in symptom_entries:
        if not check(entry):
            continue
        key = index.key(entry)
        if key is not None:
            found.add(key)
    return found


# ---------------------------------------------------------------- red flags


def open_red_flags(red_flags_df: pd.DataFrame | None) -> pd.DataFrame:
    """The rows of History.red_flags not yet resolved (resolved_date missing), oldest first."""
    if red_flags_df is None or len(red_flags_df) == 0:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in models.RED_FLAG_COLUMNS})
    mask = red_flags_df["resolved_date"].map(lambda v: to_date(v) is None)
    rows = red_flags_df[mask.astype(bool)]
    order = rows["flagged_date"].map(lambda v: to_date(v) or date.min)
    return rows.assign(_order=order).sort_values(["_order"], kind="stable").drop(columns="_order")


def red_flag(code: str) -> RedFlag:
    """The RedFlag for a code; an unknown code (e.g. from an older version) gets a generic,
    same-day entry so it still withholds training."""
    if code in RED_FLAGS:
        return RED_FLAGS[code]
    return RedFlag(
        code,
        code.replace("_", " ").capitalize(),
        "same_day",
        _SAME_DAY_ADVICE,
        "Unknown flag code; treated as same day to stay safe",
    )


def most_urgent_first(flags: Iterable[RedFlag]) -> list[RedFlag]:
    """Flags ordered emergency, same_day, pelvic_physio (stable within an urgency), no repeats."""
    seen: dict[str, RedFlag] = {}
    for flag in flags:
        seen.setdefault(flag.code, flag)
    return sorted(seen.values(), key=lambda f: URGENCIES.index(f.urgency) if f.urgency in URGENCIES else 1)


def red_flags_for_entry(
    entry: dict, *, profile: Profile | None, history: History, today: date, include_open: bool = False
) -> list[str]:
    """Red-flag codes raised by a validated symptom entry about to be saved, in
    ENTRY_FLAG_CODES order.

    Rules (all dates are the entry's symptom_date, falling back to `today`):
    - bleeding_beyond_8_weeks: any bleeding (spotting or more) logged 56 days or more after
      the birth. Needs `profile`; skipped without it. The app cannot tell a period apart, so
      the advice asks her to resolve it with a note if it was her period.
    - bowel_leakage: bowel leakage ticked.
    - heaviness_new_or_worse: heaviness_0_10 >= 1 and higher than every heaviness score in
      her entries dated in the 28 days before the entry (same-day entries included). "New"
      is the case where those scores are all 0 or there are none.
    - symptoms_recur_with_running: the entry is linked to a running session and holds a
      pelvic symptom, and counting it, at least 3 of her last 5 running sessions (dated on
      or before the entry) have a linked pelvic symptom.

    A code already open in history.red_flags is left out (storage need not add a duplicate
    row) unless include_open=True.
    """
    day = to_date(entry.get("symptom_date")) or today
    codes: list[str] = []

    if (
        profile is not None
        and _text(entry.get("bleeding"), "none") != "none"
        and (day - profile.birth_date).days >= BLEEDING_FLAG_AFTER_DAYS
    ):
        codes.append("bleeding_beyond_8_weeks")

    if _truthy(entry.get("bowel_leakage")):
        codes.append("bowel_leakage")

    heaviness = _num(entry.get("heaviness_0_10"))
    if heaviness >= 1:
        since = day - timedelta(days=HEAVINESS_LOOKBACK_DAYS)
        previous = [
            _num(row.get("heaviness_0_10"))
            for row in _records(history.symptoms)
            if (d := to_date(row.get("symptom_date"))) is not None
            and since <= d <= day
            and row.get("id") != entry.get("id", object())
        ]
        if heaviness > max(previous, default=0.0):
            codes.append("heaviness_new_or_worse")

    if has_pelvic_symptoms(entry):
        sessions = running_sessions(history.runs, until=day)
        key = linked_run_key({**entry, "symptom_date": day}, sessions)
        if key is not None:
            last = [r["id"] for r in sessions[-RECUR_LAST_RUNS:]]
            entries = [*_records(history.symptoms), {**entry, "symptom_date": day}]
            symptomatic = symptomatic_run_ids(history.runs, entries, check=has_pelvic_symptoms)
            if key in last and sum(1 for run_id in last if run_id in symptomatic) >= RECUR_MIN_SYMPTOMATIC:
                codes.append("symptoms_recur_with_running")

    if not include_open:
        already = set(open_red_flags(history.red_flags)["flag_code"])
        codes = [c for c in codes if c not in already]
    return codes
