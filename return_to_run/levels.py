"""The walk-run levels, the modifiers that slow moving up, and which level a run covers.

Pure: standard library only. Rules and sources (docs/clinical-rules.md):
- Every level is a ~30 minute session (30-33 min): the length of the 30-minute walk she
  passed in the load and impact tests (Goom 2019 [V2]). Only the share of running changes
  from level to level, one variable at a time (Deering 2024 [V]).
- She moves up after SESSIONS_TO_PROGRESS (3) symptom-free running sessions at a level;
  each modifier adds one session, up to MAX_SESSIONS_TO_PROGRESS (5).
- level_covered: what a run she actually did shows she can do (placement from what she
  ran, not from how many sessions she logged).
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import DEERING_2024, GOOM_2019, Profile
from .records import RunRecord

SESSIONS_TO_PROGRESS = 3
EXTRA_SESSIONS_PER_MODIFIER = 1
MAX_SESSIONS_TO_PROGRESS = 5

DEERING = f"{DEERING_2024} [V]"
GOOM = GOOM_2019
# Minutes are floats: 2 x 10 = 20.000000001 must still cover a 20-minute level.
_TOLERANCE = 1e-6

_LEVEL_SOURCE = (
    f"{DEERING}: start with walk-run, one parameter at a time; session length from "
    f"the 30-minute walk test ({GOOM} [V2]); level steps are an app design"
)


def fmt_min(minutes: float) -> str:
    """Minutes as she reads them: 2 -> '2', 1.5 -> '1.5'."""
    return f"{minutes:g}"


@dataclass(frozen=True)
class Level:
    """One walk-run level: `repeats` rounds of run then walk. Minutes throughout."""

    number: int
    run_interval_min: float
    walk_interval_min: float
    repeats: int
    source: str = _LEVEL_SOURCE

    @property
    def total_min(self) -> float:
        """Session length in minutes, walking included."""
        return (self.run_interval_min + self.walk_interval_min) * self.repeats

    @property
    def run_min(self) -> float:
        """Minutes spent running."""
        return self.run_interval_min * self.repeats

    @property
    def continuous(self) -> bool:
        return self.walk_interval_min == 0

    def describe(self) -> str:
        if self.continuous:
            return f"{fmt_min(self.run_interval_min)} min continuous easy running"
        return f"run {fmt_min(self.run_interval_min)} min, walk {fmt_min(self.walk_interval_min)} min, x{self.repeats}"


# Each step changes one thing: the walk gets shorter or the run interval longer (the number
# of rounds follows so the session stays 30-33 min); the last step removes the walk breaks
# with the running minutes unchanged (30).
LEVELS: tuple[Level, ...] = (
    Level(1, 1, 2, 10),  # 30 min, 10 running
    Level(2, 1, 1.5, 12),  # 30 min, 12 running (walk shorter)
    Level(3, 1, 1, 15),  # 30 min, 15 running (walk shorter)
    Level(4, 2, 1, 10),  # 30 min, 20 running (run longer)
    Level(5, 3, 1, 8),  # 32 min, 24 running (run longer)
    Level(6, 5, 1, 5),  # 30 min, 25 running (run longer)
    Level(7, 7, 1, 4),  # 32 min, 28 running (run longer)
    Level(8, 10, 1, 3),  # 33 min, 30 running (run longer)
    Level(9, 15, 1, 2),  # 32 min, 30 running (run longer, one walk break)
    Level(10, 30, 0, 1),  # 30 min continuous (walk break removed)
)
FINAL_LEVEL = LEVELS[-1]


def describe_level(level: Level) -> str:
    """'Level 3: run 1 min, walk 1 min, x15 (30 min)'; 'Level 10: 30 min continuous easy running'."""
    if level.continuous:
        return f"Level {level.number}: {level.describe()}"
    return f"Level {level.number}: {level.describe()} ({fmt_min(level.total_min)} min)"


def level_covered(run: RunRecord) -> int:
    """The highest level number (1-10) whose running this run already holds, or 0.

    A run covers a level when its longest running stretch is at least the level's run
    interval and its running minutes (RunRecord.running_min) at least the level's. A
    continuous, hills or buggy run is one stretch of its whole length, so 30 minutes
    continuous covers level 10 and 20 minutes continuous covers level 4 (20 running
    minutes). A walk-run without its intervals recorded, and a walk, cover nothing.
    """
    stretch = run.longest_stretch_min
    if stretch is None:
        return 0
    covered = 0
    for level in LEVELS:
        if stretch + _TOLERANCE >= level.run_interval_min and run.running_min + _TOLERANCE >= level.run_min:
            covered = level.number
    return covered


@dataclass(frozen=True)
class Modifier:
    """Something about her that slows progression, with why, in plain words."""

    code: str
    label: str
    explanation: str
    source: str


MODIFIERS: dict[str, Modifier] = {
    m.code: m
    for m in (
        Modifier(
            "breastfeeding",
            "Breastfeeding",
            "Feeding your baby uses energy and calcium; the experts who wrote the postnatal "
            "running guidance advise adapting the plan for lactation and energy. One extra "
            "session at each level.",
            f"{DEERING} (modify for lactation, energy availability); {GOOM} rec. 4 [V]",
        ),
        Modifier(
            "short_sleep_or_high_fatigue",
            "Short sleep or high fatigue",
            "Tired tissues recover more slowly; in one study of postpartum runners, high "
            "fatigue went with more pain. One extra session at each level.",
            f"{DEERING} (modify for sleep); Christopher 2021 PLoS One (fatigue OR 2.48) [V]",
        ),
        Modifier(
            "new_to_running",
            "New to running",
            "Your body has not yet adapted to running's impact; new runners had more pain "
            "after birth in one study. One extra session at each level.",
            "Christopher 2021 PLoS One (novice runner OR 3.51) [V]",
        ),
        Modifier(
            "previous_running_injury",
            "Previous running injury",
            "A past running injury makes another one more likely. One extra session at each level.",
            "Christopher 2021 PLoS One (previous injury OR 1.95) [V]",
        ),
        Modifier(
            "leaked_before_or_during_pregnancy",
            "Leakage before or during pregnancy",
            "Women who leaked urine with a cough, sneeze or exercise before or during pregnancy "
            "had about 4 to 4.5 times the odds of leaking while running after birth. One extra "
            "session at each level.",
            "Moore 2021 BJSM 55:1286 (OR 4.01 before, 4.49 during pregnancy) [V]",
        ),
        Modifier(
            "assisted_birth_or_severe_tear",
            "Assisted birth or 3rd/4th degree tear",
            "A forceps or vacuum birth, or a tear into the muscles around the back passage, "
            "asks more of the pelvic floor's recovery. One extra session at each level; your "
            "clinician's advice comes first.",
            "Blyholder 2017 Sports Health 9:45 (assisted birth OR 2.08 for stress UI) [V]; "
            "3rd/4th degree tear: a cautious choice of this app (no study figure found; "
            f"obstetric trauma is listed among risk factors in summaries of {GOOM})",
        ),
        Modifier(
            "low_mood",
            "Low mood or little interest lately",
            "You answered yes on your last mood check. Your mind is part of your recovery: the "
            "plan moves more gently while you get support. One extra session at each level.",
            f"{DEERING} (modify the plan for mental health); {GOOM} rec. 4 (psychological "
            "status) [V]; Christopher 2024 (screen for psychological concerns) [V]",
        ),
    )
}


def modifiers_for(profile: Profile, *, low_mood: bool = False) -> list[Modifier]:
    """The modifiers that apply to her, in MODIFIERS order. `low_mood`: her latest mood
    check (mood.low_mood_now) answered yes to either question."""
    applies = {
        "breastfeeding": profile.feeding in ("breastfeeding", "mixed"),
        "short_sleep_or_high_fatigue": bool(profile.short_sleep_or_high_fatigue),
        "new_to_running": profile.running_background == "new",
        "previous_running_injury": bool(profile.previous_running_injury),
        "leaked_before_or_during_pregnancy": bool(profile.leaked_before_or_during_pregnancy),
        "assisted_birth_or_severe_tear": (
            profile.birth_type == "assisted_vaginal" or profile.perineal_tear == "third_fourth"
        ),
        "low_mood": low_mood,
    }
    return [m for code, m in MODIFIERS.items() if applies[code]]


def sessions_needed(profile: Profile, *, low_mood: bool = False) -> int:
    """Symptom-free sessions at a level before moving up: 3, +1 per modifier, at most 5."""
    extra = EXTRA_SESSIONS_PER_MODIFIER * len(modifiers_for(profile, low_mood=low_mood))
    return min(SESSIONS_TO_PROGRESS + extra, MAX_SESSIONS_TO_PROGRESS)
