"""Symptom scoring and red flags: pure functions over validated entries and History.

A symptom entry is the `clean` dict of validation.validate_symptom (or one row of
History.symptoms as a dict). Severities are 0-10 scales of the app's own making, not a
validated questionnaire (docs/clinical-rules.md).

Red flags are data in red_flags.py (re-exported here), each with its urgency and source;
red_flags_for_entry decides which ones a symptom entry raises. Any open (unresolved) red
flag withholds every training suggestion (guidance.today_answer).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from datetime import date, timedelta

from . import models, red_flags
from .lazy_import import lazy_module
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
from .red_flags import RedFlag, most_urgent_first, red_flag

pd = lazy_module("pandas")  # imported on first use: see lazy_import
np = lazy_module("numpy")

# Red-flag data lives in red_flags.py; these names stay here for the pages that read them.
CHECKIN_FLAG_CODES = red_flags.CHECKIN_FLAG_CODES
ENTRY_FLAG_CODES = red_flags.ENTRY_FLAG_CODES
URGENCIES = red_flags.URGENCIES
URGENCY_HEADINGS = red_flags.URGENCY_HEADINGS
URGENCY_ICONS = red_flags.URGENCY_ICONS
RED_FLAGS = red_flags.RED_FLAGS

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


def is_period(entry: Mapping | SymptomRecord) -> bool:
    """She said this bleeding is her period ("I think this is my period")."""
    record = as_symptom(entry)
    return record.bleeding != NO_BLEEDING and record.bleeding_is_period


def joint_pain_by_site(entries: Iterable[Mapping | SymptomRecord]) -> dict[str, float]:
    """Worst pain at each joint site (models.JOINT_PAIN_SITES) over `entries`, 0 when none."""
    out = dict.fromkeys(models.JOINT_PAIN_SITES, 0.0)
    for entry in entries:
        record = as_symptom(entry)
        for site in models.JOINT_PAIN_SITES:
            out[site] = max(out[site], record.pain_at(site))
    return out


def _values(record: SymptomRecord) -> dict:
    return {
        "leakage": record.leakage,
        "bleeding": NO_BLEEDING if record.bleeding_is_period else record.bleeding,
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
    columns = {name: column.to_numpy() for name, column in symptom_columns(symptoms).items()}

    def worst(names) -> np.ndarray:
        return np.column_stack([columns[name] for name in names]).max(axis=1, initial=0.0)

    # numpy arrays, one DataFrame at the end: the same values as pandas columns at a tenth
    # of the per-column overhead (Trends and home call this after every save).
    values = {
        "leakage": columns["leakage"],
        # Her period is not a symptom (she said so on the entry).
        "bleeding": np.where(columns["bleeding_is_period"], NO_BLEEDING, columns["bleeding"]),
        "bowel_leakage": columns["bowel_leakage"].astype(bool),
        "heaviness_0_10": columns["heaviness_0_10"],
        "pelvic_pain_0_10": worst([f"pain_{site}_0_10" for site in models.PELVIC_PAIN_SITES]),
        "joint_pain_0_10": worst([f"pain_{site}_0_10" for site in models.JOINT_PAIN_SITES]),
        "pain_0_10": worst(models.PAIN_COLUMNS),
    }
    present = _present(values)
    out = {name: np.asarray(present[name], dtype=bool) for name in ("any_symptom", "leakage", "heaviness")}
    out["pain"] = values["pain_0_10"] > 0
    for name in ("pelvic_pain", "joint_pain", "bleeding", "bowel_leakage"):
        out[name] = np.asarray(present[name], dtype=bool)
    for name in ("heaviness_0_10", "pelvic_pain_0_10", "joint_pain_0_10", "pain_0_10"):
        out[name] = values[name].astype("int64")
    return pd.DataFrame(out, index=symptoms.index)


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


def entries_by_run(
    sessions: Iterable[RunRecord], symptom_entries: Iterable[Mapping | SymptomRecord]
) -> dict[int, list[SymptomRecord]]:
    """Run id -> the symptom entries linked to it (RunLinks), in the order given."""
    links = RunLinks(sessions)
    found: dict[int, list[SymptomRecord]] = {}
    for entry in symptom_entries:
        record = as_symptom(entry)
        run_id = links.run_id(record)
        if run_id is not None:
            found.setdefault(run_id, []).append(record)
    return found


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
    ENTRY_FLAG_CODES order (red_flags.py).

    Rules (all dates are the entry's symptom_date, falling back to `today`):
    - heavy_bleeding: bleeding "heavy" (a pad soaked in an hour or less, clots bigger than a
      plum), at any time: the same urgent flag as the check-in tick box (AWHONN [V]).
    - bleeding_heavier_with_activity: bleeding that gets heavier with activity, before 8
      weeks (56 days) after the birth (Canada 2025 [V]: step up only while it does not).
    - bleeding_beyond_8_weeks: bleeding (spotting or more) 56 days or more after the birth
      that she did not mark as her period: see a GP or midwife (Goom 2019 [V2]). Needs
      `profile` (as the one before), skipped without it.
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

    if record.bleeding == "heavy":
        codes.append("heavy_bleeding")
    if profile is not None and record.bleeding != NO_BLEEDING:
        beyond = (day - profile.birth_date).days >= BLEEDING_FLAG_AFTER_DAYS
        if not beyond and record.bleeding_heavier_with_activity:
            codes.append("bleeding_heavier_with_activity")
        if beyond and not record.bleeding_is_period:
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
