"""The report's inputs gathered from her database and the guidance engine: `report_for`."""

from __future__ import annotations

from datetime import date, timedelta

from .. import guidance, models, mood, plan, red_flags, storage, volume
from ..records import to_date
from .document import build_report
from .text import Font

MOOD_WEEKS = 12  # the weeks of mood checks the report covers


def phase_reason(assessment) -> str:
    """Why she is in her phase, in a few sentences, from a phases.Assessment."""
    phase = assessment.phase
    parts = [f"{assessment.weeks_since_birth} weeks since birth."]
    if phase.entry_criteria:
        parts.append("Reached because: " + "; ".join(phase.entry_criteria) + ".")
    parts.append(phase.what_it_means)
    status = assessment.level_status
    if status is not None:
        parts.append(
            f"Walk-run level {status.level.number} of {len(plan.LEVELS)} "
            f"({status.level.describe()}); {status.symptom_free_sessions_at_level} of "
            f"{status.needed} symptom-free sessions needed to move up."
        )
    if assessment.failed_tests:
        parts.append(
            "Load and impact tests not passed: "
            + ", ".join(models.READINESS_TESTS[c] for c in assessment.failed_tests)
            + "."
        )
    if assessment.strength_focus:
        parts.append(
            "Strength under target on: " + ", ".join(models.READINESS_TESTS[c] for c in assessment.strength_focus) + "."
        )
    if assessment.modifiers:
        parts.append("Slower progression for: " + ", ".join(m.label for m in assessment.modifiers) + ".")
    if assessment.training_withheld:
        parts.append(
            "Training suggestions are paused while a red flag is open: "
            + "; ".join(flag.label for flag in assessment.open_red_flags)
            + "."
        )
    return " ".join(parts)


def report_for(db, *, today: date, start: date, end: date, font: Font | None = None) -> bytes:
    """The clinician summary PDF for the period `start`..`end`, from her database.

    Readiness results are listed from the start of her log up to `end` (the tests are
    milestones a clinician wants even when they predate the period). Raises ValueError
    when she has no profile yet (the report starts from her birth date). `font` as for
    build_report (None: the best font on this machine).
    """
    profile = storage.get_profile(db)
    if profile is None:
        raise ValueError("Save your profile first: the report starts from your birth date.")
    if end < start:
        raise ValueError(f"The period ends ({end.isoformat()}) before it starts ({start.isoformat()}).")
    history = storage.load_history(db)
    # The same answer home shows (one place decides), and the full picture behind it.
    answer = guidance.today_answer(profile, history, today, placement_confirmed=storage.start_where_i_am(db))
    assessment = answer.assessment
    weekly = volume.weekly_summary(
        history.runs,
        history.symptoms,
        birth_date=profile.birth_date,
        start=start,
        end=end,
        red_flags=history.red_flags,
        foundation=history.foundation,
    )
    readiness = history.readiness
    if len(readiness):
        readiness = readiness.loc[
            readiness["test_date"].map(lambda d: to_date(d) is not None and to_date(d) <= end).astype(bool)
        ]
    return build_report(
        profile=profile,
        today=today,
        start=start,
        end=end,
        phase_name=assessment.phase.name,
        phase_reason=phase_reason(assessment),
        checklist=[(item.label, item.done) for item in assessment.checklist],
        readiness=readiness,
        symptoms=history.symptoms,
        red_flags=history.red_flags,
        flag_labels={code: flag.label for code, flag in red_flags.RED_FLAGS.items()},
        weekly=weekly,
        font=font,
        headline=answer.headline,
        spikes=volume.single_run_spikes(history.runs),
        flag_urgencies={code: flag.urgency for code, flag in red_flags.RED_FLAGS.items()},
        mood_lines=mood.mood_summary(history, today, weeks=MOOD_WEEKS),
        helplines=_helplines_if_yes(profile, history, today),
    )


def _helplines_if_yes(profile: models.Profile, history: models.History, today: date):
    """Her country's helplines (mood.mood_support) when a mood check in the weeks of
    mood.mood_summary said yes to either question, else None."""
    since = today - timedelta(weeks=MOOD_WEEKS)
    said_yes = [m for m in history.records.mood if since < m.check_date <= today and m.any_yes]
    return mood.mood_support(said_yes[-1], profile).helplines if said_yes else None
