"""The vocabulary of the app: enums (stored as short codes), their labels, and the
shapes of the records every other module passes around.

Enums are dicts of code -> label so that forms, validation, CHECK constraints and
importers all read from one place. Codes are stored in SQLite; labels are shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from .lazy_import import lazy_module

pd = lazy_module("pandas")  # imported on first use: see lazy_import


# Sources cited in several places, written once (full references in docs/clinical-rules.md).
GOOM_2019 = "Goom, Donnelly & Brockwell 2019"
DEERING_2024 = "Deering 2024 (BJSM 58(4):183)"

BIRTH_TYPES = {
    "vaginal": "Vaginal birth",
    "assisted_vaginal": "Assisted vaginal birth (forceps or vacuum)",
    "planned_c_section": "Planned C-section",
    "unplanned_c_section": "Unplanned C-section",
}
C_SECTION_BIRTH_TYPES = ("planned_c_section", "unplanned_c_section")

PERINEAL_TEARS = {
    "none": "No tear",
    "first_second": "1st or 2nd degree tear",
    "third_fourth": "3rd or 4th degree tear",
    "unknown": "Not sure",
}

FEEDING = {
    "breastfeeding": "Breastfeeding",
    "mixed": "Mixed feeding",
    "formula": "Formula feeding",
}

RUNNING_BACKGROUNDS = {
    "new": "New to running",
    "recreational": "Recreational runner",
    "competitive": "Competitive runner",
}

UNITS = {"km": "Kilometres", "mi": "Miles"}

RUN_KINDS = {
    "walk": "Walk",
    "walk_run": "Walk-run intervals",
    "continuous": "Continuous run",
    "hills_speed": "Hills or speed",
    "buggy": "Run with buggy",
}
# Kinds that count as running volume; a pure walk does not load like running.
RUNNING_KINDS = ("walk_run", "continuous", "hills_speed", "buggy")

SYMPTOM_TIMINGS = {
    "during_run": "During the run",
    "within_24h": "Within 24 hours after",
    "not_linked": "Not linked to a run",
}

LEAKAGE_LEVELS = {"none": "None", "drops": "A few drops", "more": "More than drops"}

# The levels a midwife asks about. "heavy" is the urgent one (AWHONN POST-BIRTH [V]: a pad
# soaked in an hour, large clots). Before m004 the app had "more" (more than spotting),
# migrated to "like_period".
BLEEDING_LEVELS = {
    "none": "None",
    "spotting": "Spotting",
    "like_period": "Like a period",
    "heavy": "Heavy: soaking a pad in an hour or less, or clots bigger than a plum",
}

# Her country, asked once on the profile, for the helplines (content/helplines.toml).
COUNTRIES = {
    "uk": "United Kingdom",
    "ie": "Ireland",
    "us": "United States",
    "ca": "Canada",
    "au": "Australia",
    "other": "Another country",
}

PAIN_SITES = {
    "pelvis": "Pelvis",
    "low_back": "Low back",
    "hip": "Hip",
    "knee": "Knee",
    "foot_ankle": "Foot or ankle",
    "abdomen_scar": "Abdomen or C-section scar",
    "other": "Other",
}
PAIN_COLUMNS = tuple(f"pain_{site}_0_10" for site in PAIN_SITES)

FOUNDATION_ACTIVITIES = {
    "pelvic_floor": "Pelvic floor training",
    "strength": "Strength session",
    "breathing": "Breathing and core connection",
    "low_impact_cardio": "Low-impact cardio (walk, bike, swim)",
}

# Symptom kinds the lessons explain and the patterns page counts; pain is split by
# where it is, because pelvic pain and joint pain have different explanations.
SYMPTOM_KINDS = {
    "leakage": "Leakage of urine",
    "heaviness": "Heaviness, pressure or bulging",
    "pelvic_pain": "Pelvic, low back or abdominal pain",
    "joint_pain": "Hip, knee, foot or ankle pain",
    "bleeding": "Bleeding",
    "bowel_leakage": "Bowel leakage or urgency",
}
PELVIC_PAIN_SITES = ("pelvis", "low_back", "abdomen_scar")
JOINT_PAIN_SITES = ("hip", "knee", "foot_ankle")

# Phase codes, in order. Their rules, criteria and sources live in phases.py.
PHASE_CODES = {
    "early_recovery": "Early recovery",
    "rebuilding": "Rebuilding",
    "readiness": "Readiness testing",
    "return_to_running": "Return to running",
    "building_running": "Building running",
}

# Column lists document the DataFrames the pure modules receive (one row per record,
# dates as datetime.date). storage.load_history() returns exactly these.
RUN_COLUMNS = (
    "id",
    "run_date",
    "duration_min",
    "distance_km",
    "kind",
    "run_interval_min",
    "walk_interval_min",
    "interval_repeats",
    "effort_1_10",
    "notes",
    "source",
    "source_id",
)
SYMPTOM_COLUMNS = (
    "id",
    "symptom_date",
    "run_id",
    "timing",
    "leakage",
    "heaviness_0_10",
    *PAIN_COLUMNS,
    "bleeding",
    "bleeding_heavier_with_activity",
    "bleeding_is_period",
    "bowel_leakage",
    "notes",
)
READINESS_COLUMNS = (
    "id",
    "test_date",
    "test_code",
    "completed",
    "had_symptoms",
    "reps_left",
    "reps_right",
    "notes",
)
RED_FLAG_COLUMNS = ("id", "flag_code", "flagged_date", "symptom_id", "resolved_date", "resolved_note")
FOUNDATION_COLUMNS = ("id", "session_date", "activity", "duration_min", "notes")
# The weekly mood check: the two NICE CG192 (Whooley) questions, yes or no.
MOOD_COLUMNS = ("id", "check_date", "low_mood", "little_interest")


@dataclass(frozen=True)
class Profile:
    """What the guidance needs to know about her birth and background."""

    birth_date: date
    birth_type: str = "vaginal"
    perineal_tear: str = "unknown"
    feeding: str = "formula"
    leaked_before_or_during_pregnancy: bool = False
    running_background: str = "recreational"
    previous_running_injury: bool = False
    short_sleep_or_high_fatigue: bool = False
    units: str = "km"
    weight_kg: float | None = None
    country: str | None = None  # a COUNTRIES code; None until she says


def _empty(columns: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype="object") for name in columns})


@dataclass
class History:
    """Everything she has logged, one DataFrame per log (columns as in *_COLUMNS)."""

    runs: pd.DataFrame = field(default_factory=lambda: _empty(RUN_COLUMNS))
    symptoms: pd.DataFrame = field(default_factory=lambda: _empty(SYMPTOM_COLUMNS))
    readiness: pd.DataFrame = field(default_factory=lambda: _empty(READINESS_COLUMNS))
    red_flags: pd.DataFrame = field(default_factory=lambda: _empty(RED_FLAG_COLUMNS))
    foundation: pd.DataFrame = field(default_factory=lambda: _empty(FOUNDATION_COLUMNS))
    mood: pd.DataFrame = field(default_factory=lambda: _empty(MOOD_COLUMNS))

    @cached_property
    def records(self):
        """Every log as typed records (records.Records), built on first use and kept: the
        rules read her history once. A History is not changed after it is loaded."""
        # records reads this module's vocabulary, so it can only be imported once models is.
        from . import records

        return records.from_history(self)


def mid_sentence(label: str) -> str:
    """A label as it reads inside a sentence: only its first letter lowered ("Abdomen or
    C-section scar" -> "abdomen or C-section scar", "A temperature of 38 °C" keeps its °C)."""
    return label[:1].lower() + label[1:]


def run_label(run_date, kind: str, duration_min: float) -> str:
    """How a run is named in a choice list: '2026-03-01 · Walk-run intervals · 30 min'."""
    return f"{run_date} · {RUN_KINDS.get(kind, kind)} · {duration_min:g} min"


def weeks_since(birth_date: date, day: date) -> int:
    """Whole weeks from birth to `day` (0 in the first week; negative before birth)."""
    return (day - birth_date).days // 7


KM_PER_MILE = 1.609344


def to_km(distance: float, units: str) -> float:
    """Distance in her units -> kilometres."""
    return distance * KM_PER_MILE if units == "mi" else distance


def from_km(distance_km: float, units: str) -> float:
    """Kilometres -> distance in her units."""
    return distance_km / KM_PER_MILE if units == "mi" else distance_km


# The readiness battery. Doses from Goom, Donnelly & Brockwell 2019 (load and impact
# assessment; strength targets) [V2]; see docs/clinical-rules.md.
LOAD_IMPACT_TESTS = {
    "walk_30min": "Walk for 30 minutes",
    "single_leg_balance": "Single-leg balance, 10 seconds each side",
    "single_leg_squat": "Single-leg squat, 10 each side",
    "jog_on_spot": "Jog on the spot for 1 minute",
    "forward_bounds": "Forward bounds, 10 in a row",
    "hop_in_place": "Hop in place, 10 on each leg",
    "running_man": "Single-leg 'running man', 10 each side",
}
STRENGTH_TESTS = {
    "calf_raise": "Single-leg calf raise",
    "single_leg_bridge": "Single-leg bridge",
    "single_leg_sit_to_stand": "Single-leg sit to stand",
    "side_lying_hip_abduction": "Side-lying hip abduction",
}
STRENGTH_TARGET_REPS = 20
READINESS_TESTS = {**LOAD_IMPACT_TESTS, **STRENGTH_TESTS}
