"""What unlocks the next phase (the checklist) and the plain sentences explaining each
decision of phases.assess. Pure: standard library; `today` is passed in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from . import models
from .levels import FINAL_LEVEL
from .models import GOOM_2019, History, Profile
from .plan import BUGGY_FROM_WEEKS, LevelStatus
from .readiness import RECENT_SYMPTOM_DAYS, RUNNING_GATE_DAYS
from .symptoms import RedFlag, running_sessions

REBUILDING_FROM_DAYS = 42  # 6 weeks (IOC / Bo 2017 [V])
FOUNDATION_RECENT_DAYS = 7  # "logged in the last 7 days" checklist items
# Before 12 weeks, runs in the last 14 days (today included) bring the "not before 3 months" note.
EARLY_RUN_NOTE_DAYS = 14
YEARS_AFTER_DAYS = 365
GOOM = GOOM_2019


@dataclass(frozen=True)
class ChecklistItem:
    """One thing that unlocks the next phase. required=False: it helps but does not gate."""

    label: str
    done: bool
    source: str
    required: bool = True


def logged_recently(history: History, today: date, activities: tuple[str, ...]) -> bool:
    start = today - timedelta(days=FOUNDATION_RECENT_DAYS - 1)
    return any(
        session.activity in activities and start <= session.session_date <= today
        for session in history.records.foundation
    )


def test_label(code: str) -> str:
    return models.READINESS_TESTS[code]


def checklist_for(
    code: str,
    history: History,
    today: date,
    readiness: dict,
    symptom_days: list[date] | None,
    status: LevelStatus | None,
    days: int,
) -> tuple[ChecklistItem, ...]:
    """What unlocks the next phase. required=False items help but do not gate. symptom_days
    None: nothing logged in the last 14 days to judge by, so that item is not ticked."""
    if code == "early_recovery":
        return (
            ChecklistItem("About 6 weeks since birth", days >= REBUILDING_FROM_DAYS, "IOC / Bo 2017 [V]"),
            ChecklistItem(
                "Pelvic floor exercises logged in the last 7 days",
                logged_recently(history, today, ("pelvic_floor",)),
                "UK CMO 2019 [V]; Canada 2025 [V]",
                required=False,
            ),
        )
    if code == "rebuilding":
        return (
            ChecklistItem("12 weeks since birth", days >= RUNNING_GATE_DAYS, f"{GOOM} rec. 2 [V]"),
            ChecklistItem(
                "Strength session logged in the last 7 days",
                logged_recently(history, today, ("strength",)),
                "UK CMO 2019 (strength twice a week) [V]",
                required=False,
            ),
            ChecklistItem(
                "Low-impact cardio logged in the last 7 days",
                logged_recently(history, today, ("low_impact_cardio",)),
                "UK CMO 2019 (150 min/week moderate activity) [V]; Canada 2025 [V]",
                required=False,
            ),
        )
    if code == "readiness":
        return (
            ChecklistItem("12 weeks since birth", days >= RUNNING_GATE_DAYS, f"{GOOM} rec. 2 [V]"),
            *(
                ChecklistItem(
                    f"Passed: {label}", readiness[test] == "passed", f"{GOOM} load and impact assessment [V2]"
                )
                for test, label in models.LOAD_IMPACT_TESTS.items()
            ),
            ChecklistItem(
                f"No pelvic floor symptoms in the last {RECENT_SYMPTOM_DAYS} days",
                symptom_days is not None and not symptom_days,
                f"{GOOM} rec. 2 [V]; CSP summary [V]",
            ),
        )
    if code == "return_to_running":
        assert status is not None
        at_final = status.level.number == FINAL_LEVEL.number
        done_here = status.symptom_free_sessions_at_level if at_final else 0
        return (
            ChecklistItem(
                f"Reach level {FINAL_LEVEL.number}: 30 minutes continuous running",
                at_final,
                "Deering 2024 (walk-run progression) [V]",
            ),
            ChecklistItem(
                f"{status.needed} symptom-free sessions at level {FINAL_LEVEL.number} ({done_here} so far)",
                status.plan_complete,
                "Deering 2024 [V]; app rule (symptom-gated levels)",
            ),
        )
    # building_running: no next phase; what unlocks the next variable
    return (
        ChecklistItem(
            f"Buggy running: {BUGGY_FROM_WEEKS} weeks (about 6 months) since birth",
            days >= BUGGY_FROM_WEEKS * 7,
            f"{GOOM} [V2]",
            required=False,
        ),
    )


def messages_for(
    code: str,
    profile: Profile,
    history: History,
    today: date,
    days: int,
    flags: tuple[RedFlag, ...],
    failed: tuple[str, ...],
    weak: tuple[str, ...],
    symptom_days: list[date],
    status: LevelStatus | None,
) -> tuple[str, ...]:
    out: list[str] = []
    if flags:
        worst = flags[0]
        out.append(
            f"Red flag: {worst.label}. {worst.advice} All training suggestions are paused "
            "until you mark it resolved (with the date); it stays in your history."
        )
    if days < 0:
        out.append("Your baby is not born yet: the phases start counting from the birth date.")
    if profile.birth_type in models.C_SECTION_BIRTH_TYPES:
        out.append(
            "After a C-section your own clinician decides when you are ready for exercise "
            "(ACOG). Your scar and abdominal wall keep healing for months (tissue healing "
            "takes about 4-6 months, Donnelly 2020): tell them about any scar pain, "
            "bulging or a gap along the middle of your tummy."
        )
    if code in ("early_recovery", "rebuilding"):
        out.append(
            "Why wait 12 weeks? An expert panel (Christopher 2024) said an individual "
            "return can be considered after at least 3 weeks of rest and recovery, with a "
            "clinician's assessment. This app cannot assess you, so it follows the more "
            "cautious guideline: no running before 12 weeks, and only after the load and "
            "impact tests (Goom 2019)."
        )
        recent_runs = [
            s
            for s in running_sessions(history.records)
            if today - timedelta(days=EARLY_RUN_NOTE_DAYS - 1) <= s.run_date <= today
        ]
        if recent_runs:
            out.append(
                "You have logged runs before 12 weeks. Running is not advised before 3 "
                "months after birth (Goom 2019); walking and strength work build the base."
            )
    if days >= YEARS_AFTER_DAYS:
        years = days // 365
        span = f"{years} year{'s' if years > 1 else ''}"
        out.append(
            f"It is {span} since the birth: the calendar steps are long past, so the load "
            "and impact tests and your symptoms decide when you run."
        )
    if failed:
        names = ", ".join(test_label(c).split(",")[0].lower() for c in failed)
        out.append(
            f"Not passed yet: {names}. Any leakage, heaviness, dragging or pain during a "
            "test counts as not passed, even if you finished it (Goom 2019). Keep up your "
            "pelvic floor and strength work and try again; a pelvic health physiotherapist "
            "can help."
        )
    if code == "readiness" and symptom_days:
        out.append(
            f"You logged pelvic floor symptoms on {len(symptom_days)} day(s) in the last "
            f"{RECENT_SYMPTOM_DAYS} days (most recently {symptom_days[-1].isoformat()}). "
            "Running waits until you are symptom-free; leaking, heaviness or pain are "
            "common but not normal, and a pelvic health physiotherapist can treat them "
            "(Goom 2019)."
        )
    if weak:
        out.append(
            f"Strength under {models.STRENGTH_TARGET_REPS} reps a side shows where to "
            "build strength; it does not stop you running (Goom 2019)."
        )
    if status is not None and status.last_change == "stepped_back":
        out.append(
            "You stepped back a level after symptoms. That is the plan working, not a "
            "failure: symptoms tell you what your body can take today (Deering 2024)."
        )
    return tuple(out)
