"""Symptom scoring and red flags: pure functions over validated entries and History.

A symptom entry is the `clean` dict of validation.validate_symptom (or one row of
History.symptoms as a dict). Severities are 0-10 scales of the app's own making, not a
validated questionnaire (docs/clinical-rules.md).

Red flags are data (RED_FLAGS), each with its urgency and source. Three kinds:
- "emergency": call emergency services now (AWHONN POST-BIRTH warning signs [V]).
- "same_day": contact a clinician today (AWHONN / hospital pages [V]; ACOG [V2]).
- "pelvic_physio": stop running and see a pelvic health physiotherapist (Goom 2019
  symptom list [V2]; Canada 2025 [V]; NHS trust pages [V]).
Any open (unresolved) red flag withholds every training suggestion (phases.assess).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

import pandas as pd

from . import models
from .models import History, Profile
from .records import (
    NO_BLEEDING,
    NO_LEAKAGE,
    Records,
    RunRecord,
    SymptomRecord,
    run_records,
    symptom_columns,
    to_date,
)

URGENCIES = ("emergency", "same_day", "pelvic_physio")
# How each urgency is headed and marked wherever flags are shown (check-in form, alerts).
URGENCY_ICONS = {"emergency": "🚨", "same_day": "☎️", "pelvic_physio": "🩺"}
URGENCY_HEADINGS = {
    "emergency": "Call emergency services now if you have",
    "same_day": "Contact your doctor or midwife today if you have",
    "pelvic_physio": "Stop running and see a pelvic health physiotherapist if you have",
}

# Bleeding that continues or returns beyond 8 weeks (56 days) and is not a period is a
# pelvic floor / postnatal warning sign (Goom 2019 symptom list [V2]; NHS BNSSG page).
BLEEDING_FLAG_AFTER_DAYS = 56
# heaviness_new_or_worse: heaviness above every heaviness score she logged in the
# previous 28 days (including earlier entries on the same day). See red_flags_for_entry.
HEAVINESS_LOOKBACK_DAYS = 28
# symptoms_recur_with_running: pelvic symptoms linked to at least 3 of her last 5 running
# sessions (the entry being saved included). "Recur with running" -> pelvic health
# physiotherapist (NHS trust pages [V]).
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


_AWHONN = "AWHONN POST-BIRTH warning signs [V]"
_SAME_DAY = "AWHONN POST-BIRTH warning signs and hospital postnatal pages [V]"
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
            "Goom 2019 symptom list [V2]; Canada 2025 (Davenport et al., BJSM 59:515) [V]",
        ),
        RedFlag(
            "bleeding_beyond_8_weeks",
            "Bleeding beyond 8 weeks after birth that is not a period",
            "pelvic_physio",
            "Bleeding that returns or continues beyond 8 weeks and is not a period should be "
            "checked: stop running and speak to your GP or a pelvic health physiotherapist. "
            "If this was your period, mark this resolved with a note.",
            "Goom 2019 symptom list [V2]; NHS BNSSG postnatal page [V2]",
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


# ---------------------------------------------------------------- reading an entry


def as_symptom(entry: Mapping | SymptomRecord) -> SymptomRecord:
    """A symptom entry (a record, a validated `clean` dict or a row dict) as a SymptomRecord."""
    return entry if isinstance(entry, SymptomRecord) else SymptomRecord.from_mapping(entry)


# ---------------------------------------------------------------- symptom scoring


def pelvic_pain_0_10(entry: Mapping | SymptomRecord) -> int:
    """Worst pain at a pelvic site (pelvis, low back, abdomen/scar), 0-10."""
    record = as_symptom(entry)
    return int(max(record.pain_at(site) for site in models.PELVIC_PAIN_SITES))


def joint_pain_0_10(entry: Mapping | SymptomRecord) -> int:
    """Worst pain at a joint site (hip, knee, foot/ankle), 0-10."""
    record = as_symptom(entry)
    return int(max(record.pain_at(site) for site in models.JOINT_PAIN_SITES))


def _present(values: Mapping) -> dict:
    """THE definition of "a symptom is present", one line per models.SYMPTOM_KINDS, plus
    "any_symptom" (any kind, or pain > 0 at any site, "other" included).

    `values` holds leakage, bleeding (text), bowel_leakage (bool), heaviness_0_10,
    pelvic_pain_0_10, joint_pain_0_10 and pain_0_10 (worst of every site), already read
    with the meanings of records.py. They are either one entry's values or whole pandas
    columns, so symptom_kinds (one entry) and symptom_flags (a DataFrame) share this rule.
    """
    present = {
        "leakage": values["leakage"] != NO_LEAKAGE,
        "heaviness": values["heaviness_0_10"] > 0,
        "pelvic_pain": values["pelvic_pain_0_10"] > 0,
        "joint_pain": values["joint_pain_0_10"] > 0,
        "bleeding": values["bleeding"] != NO_BLEEDING,
        "bowel_leakage": values["bowel_leakage"],
    }
    present["any_symptom"] = (
        present["leakage"]
        | present["heaviness"]
        | (values["pain_0_10"] > 0)
        | present["bleeding"]
        | present["bowel_leakage"]
    )
    return present


def _values(record: SymptomRecord) -> dict:
    return {
        "leakage": record.leakage,
        "bleeding": record.bleeding,
        "bowel_leakage": record.bowel_leakage,
        "heaviness_0_10": record.heaviness_0_10,
        "pelvic_pain_0_10": pelvic_pain_0_10(record),
        "joint_pain_0_10": joint_pain_0_10(record),
        "pain_0_10": max(record.pain_0_10),
    }


def symptom_kinds(entry: Mapping | SymptomRecord) -> list[str]:
    """Codes of models.SYMPTOM_KINDS present in the entry, in SYMPTOM_KINDS order.

    Pain at "other" counts for has_symptoms() but belongs to neither pain kind.
    """
    present = _present(_values(as_symptom(entry)))
    return [kind for kind in models.SYMPTOM_KINDS if present[kind]]


def has_symptoms(entry: Mapping | SymptomRecord) -> bool:
    """True if anything was felt: leakage, heaviness > 0, pain > 0 anywhere, bleeding or
    bowel leakage."""
    return bool(_present(_values(as_symptom(entry)))["any_symptom"])


def has_pelvic_symptoms(entry: Mapping | SymptomRecord) -> bool:
    """True if the entry holds a pelvic floor / abdominal wall symptom (PELVIC_SYMPTOM_KINDS):
    leakage, heaviness, pelvic/low back/scar pain or bowel leakage."""
    return any(kind in PELVIC_SYMPTOM_KINDS for kind in symptom_kinds(entry))


def worst_severity_0_10(entry: Mapping | SymptomRecord) -> int:
    """Highest of the 0-10 scores in the entry (heaviness and every pain site); 0 if none.

    Leakage and bleeding are categories, not 0-10 scores, so they do not enter here.
    """
    record = as_symptom(entry)
    return int(max(record.heaviness_0_10, *record.pain_0_10))


SYMPTOM_FLAG_COLUMNS = (
    "any_symptom",
    "leakage",
    "heaviness",
    "pain",
    "pelvic_pain",
    "joint_pain",
    "bleeding",
    "bowel_leakage",
    "heaviness_0_10",
    "pelvic_pain_0_10",
    "joint_pain_0_10",
    "pain_0_10",
)


def symptom_flags(symptoms: pd.DataFrame) -> pd.DataFrame:
    """Per row of a symptoms DataFrame, which symptoms it records and how bad (vectorised,
    the same rule as symptom_kinds).

    Columns SYMPTOM_FLAG_COLUMNS: any_symptom, leakage, heaviness, pain (any site),
    pelvic_pain, joint_pain, bleeding, bowel_leakage (bools) and heaviness_0_10,
    pelvic_pain_0_10, joint_pain_0_10, pain_0_10 (ints, worst site), on the frame's index.
    """
    columns = symptom_columns(symptoms)

    def worst(names) -> pd.Series:
        frame = pd.DataFrame({name: columns[name] for name in names}, index=symptoms.index)
        return frame.max(axis=1) if len(frame) else pd.Series(0.0, index=symptoms.index, dtype=float)

    values = {
        "leakage": columns["leakage"],
        "bleeding": columns["bleeding"],
        "bowel_leakage": columns["bowel_leakage"].astype(bool),
        "heaviness_0_10": columns["heaviness_0_10"],
        "pelvic_pain_0_10": worst([f"pain_{site}_0_10" for site in models.PELVIC_PAIN_SITES]),
        "joint_pain_0_10": worst([f"pain_{site}_0_10" for site in models.JOINT_PAIN_SITES]),
        "pain_0_10": worst(models.PAIN_COLUMNS),
    }
    present = _present(values)
    out = pd.DataFrame(index=symptoms.index)
    for name in ("any_symptom", "leakage", "heaviness"):
        out[name] = present[name].astype(bool)
    out["pain"] = (values["pain_0_10"] > 0).astype(bool)
    for name in ("pelvic_pain", "joint_pain", "bleeding", "bowel_leakage"):
        out[name] = present[name].astype(bool)
    for name in ("heaviness_0_10", "pelvic_pain_0_10", "joint_pain_0_10", "pain_0_10"):
        out[name] = values[name].astype("int64")
    return out


# ---------------------------------------------------------------- linking symptoms to runs


def running_sessions(runs: pd.DataFrame | Records | None, *, until: date | None = None) -> tuple[RunRecord, ...]:
    """Running sessions (kind in models.RUNNING_KINDS) as RunRecords sorted by date then id;
    only those dated on or before `until` when given. `runs` is History.runs or a Records."""
    if runs is None:
        return ()
    running = runs.running if isinstance(runs, Records) else tuple(r for r in run_records(runs) if r.running)
    if until is None:
        return running
    return tuple(r for r in running if r.run_date <= until)


class RunLinks:
    """THE rule linking a symptom entry to a running session (every rule and the patterns
    use it): by run_id when set (and that run is a running session); otherwise, with timing
    during_run / within_24h, her latest running session dated on the symptom's date, or
    failing that the day before (RUN_LINK_DAYS). An entry belongs to one session at most."""

    def __init__(self, sessions: Iterable[RunRecord]):
        self.ids: set = set()
        self.latest_on: dict[date, int | None] = {}
        for run in sessions:  # sorted by date then id, so the last one written wins
            self.ids.add(run.id)
            self.latest_on[run.run_date] = run.id

    def run_id(self, entry: Mapping | SymptomRecord) -> int | None:
        """The id of the running session the entry belongs to, or None."""
        record = as_symptom(entry)
        return self.link(record.run_id, record.timing, record.symptom_date)

    def link(self, run_id: int | None, timing: str, symptom_date: date | None) -> int | None:
        """The rule itself, on an entry's run_id, timing and date."""
        if run_id is not None:
            return run_id if run_id in self.ids else None
        if timing not in RUN_LINKED_TIMINGS or symptom_date is None:
            return None
        for offset in range(RUN_LINK_DAYS + 1):
            day = symptom_date - timedelta(days=offset)
            if day in self.latest_on:
                return self.latest_on[day]
        return None


def linked_run_key(entry: Mapping | SymptomRecord, sessions: Iterable[RunRecord]) -> int | None:
    """Which running session the symptom entry belongs to (its id), or None (RunLinks)."""
    return RunLinks(sessions).run_id(entry)


def is_run_linked(entry: Mapping | SymptomRecord) -> bool:
    """True if the entry names a run or says it came during / within 24 h of a run."""
    record = as_symptom(entry)
    return record.run_id is not None or record.timing in RUN_LINKED_TIMINGS


def symptomatic_run_ids(
    sessions: Iterable[RunRecord],
    symptom_entries: Iterable[Mapping | SymptomRecord],
    *,
    check: Callable[[SymptomRecord], bool] = has_symptoms,
) -> set:
    """Ids of running sessions with at least one linked symptom entry for which `check`
    is true (default has_symptoms; has_pelvic_symptoms for the pelvic health rules)."""
    links = RunLinks(sessions)
    found = set()
    for entry in symptom_entries:
        record = as_symptom(entry)
        if not check(record):
            continue
        run_id = links.run_id(record)
        if run_id is not None:
            found.add(run_id)
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


def open_flags(history: History) -> tuple[RedFlag, ...]:
    """Her open red flags as RedFlags, most urgent first (empty when none is open)."""
    return tuple(most_urgent_first(red_flag(r.flag_code) for r in history.records.open_red_flags))


def _heaviness_new_or_worse(record: SymptomRecord, day: date, earlier: Iterable[SymptomRecord]) -> bool:
    if record.heaviness_0_10 < 1:
        return False
    since = day - timedelta(days=HEAVINESS_LOOKBACK_DAYS)
    previous = [
        r.heaviness_0_10 for r in earlier if since <= r.symptom_date <= day and (record.id is None or r.id != record.id)
    ]
    return all(record.heaviness_0_10 > score for score in previous)


def red_flags_for_entry(
    entry: Mapping, *, profile: Profile | None, history: History, today: date, include_open: bool = False
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
    record = replace(as_symptom(entry), symptom_date=day)
    logged = history.records.symptoms
    codes: list[str] = []

    if (
        profile is not None
        and record.bleeding != NO_BLEEDING
        and (day - profile.birth_date).days >= BLEEDING_FLAG_AFTER_DAYS
    ):
        codes.append("bleeding_beyond_8_weeks")

    if record.bowel_leakage:
        codes.append("bowel_leakage")

    if _heaviness_new_or_worse(record, day, logged):
        codes.append("heaviness_new_or_worse")

    if has_pelvic_symptoms(record):
        sessions = running_sessions(history.records, until=day)
        last = [r.id for r in sessions[-RECUR_LAST_RUNS:]]
        if RunLinks(sessions).run_id(record) in last:
            symptomatic = symptomatic_run_ids(sessions, [*logged, record], check=has_pelvic_symptoms)
            if sum(1 for run_id in last if run_id in symptomatic) >= RECUR_MIN_SYMPTOMATIC:
                codes.append("symptoms_recur_with_running")

    if not include_open:
        already = {r.flag_code for r in history.records.open_red_flags}
        codes = [c for c in codes if c not in already]
    return codes
