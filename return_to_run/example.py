"""The example persona behind "Explore with example data": a made-up mother, Maya.

Maya gave birth (vaginal, 2nd-degree tear) about 26 weeks before `today`, is
breastfeeding and ran recreationally before pregnancy. Her log follows the path the
app teaches (clinical-facts.md section 7):

- weeks 0-6: pelvic floor training, breathing, short walks; at week 5 her bleeding
  got heavier after a long walk (a red flag, resolved three days later with a note);
- weeks 6-12: strength twice a week and low-impact cardio;
- week 12: readiness tests, the hop test failed with leakage; strength below 20 reps
  on some tests (single-leg bridge 14/16);
- week 14: retest, every load and impact test passed; walk-run from level 1, three
  sessions a week on the plan's levels, a check-in after each (mostly "no symptoms");
- week 17: one run far longer than her longest (45 min against 30) -> leakage and
  heaviness 3 the next day, the app's red flag, a physio visit, a step back;
- week 22: a week 40% bigger than the one before -> leakage and heaviness 4, again a
  red flag, rest, a step back; then steady progress to today.

Everything is written through the services, so it passes validation and raises
red flags exactly as her own entries would. Dates are offsets from the birth, which is
a Monday: weeks since birth then line up with the Monday-start weeks of the weekly
chart, and the row counts do not depend on the weekday of `today`. Nothing is random.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlite_utils import Database

from . import models, plan, services, storage

PERSONA_NAME = "Maya"
# The birth is the Monday 182 to 188 days (26 weeks and 0-6 days) before today.
WEEKS_SINCE_BIRTH = 26

PROFILE = {
    "birth_type": "vaginal",
    "perineal_tear": "first_second",
    "feeding": "breastfeeding",
    "leaked_before_or_during_pregnancy": False,
    "running_background": "recreational",
    "previous_running_injury": False,
    "short_sleep_or_high_fatigue": False,
    "units": "km",
    "weight_kg": 64,
}

# Walking pace for walk distances and walk-run pace (min/km), to give plausible km.
WALK_PACE_MIN_PER_KM = 12.0
WALK_RUN_PACE_MIN_PER_KM = 8.0

# Walks in weeks 0-14, (day since birth, minutes, notes).
WALKS: tuple[tuple[int, int, str], ...] = (
    (4, 10, "First walk round the block with the pram."),
    (7, 10, ""),
    (10, 15, ""),
    (14, 15, ""),
    (17, 20, ""),
    (21, 20, ""),
    (24, 25, ""),
    (28, 25, ""),
    (31, 30, ""),
    (35, 45, "Long walk to the park and back with the pram. Too far, in hindsight."),
    (38, 15, "Short and gentle after the bleeding."),
    (42, 20, ""),
    (45, 30, ""),
    (49, 30, ""),
    (52, 35, ""),
    (56, 35, ""),
    (59, 40, ""),
    (63, 40, ""),
    (66, 40, ""),
    (70, 45, ""),
    (73, 45, ""),
    (77, 45, ""),
    (80, 45, ""),
    (87, 45, ""),
    (91, 45, ""),
    (94, 45, ""),
)

# Walk-run sessions, (day since birth, plan level or None for the one-off long run,
# notes). Birth is a Monday, so day % 7 == 1 is a Tuesday, 3 Thursday, 5 Saturday.
# The levels are plan.LEVELS, and each is the level plan.current_level gives on that day:
# she follows the app's plan, except for the two jumps (tests/test_example.py checks this).
SPIKE_RUN_DAY = 124  # week 17: 45 min, her longest in 30 days was 30 min (150%)
SPIKE_RUN = {
    "kind": "walk_run",
    "run_interval_min": 8,
    "walk_interval_min": 1,
    "interval_repeats": 5,
    "duration_min": 45,
}
EXTRA_RUN_DAY = 160  # week 22: a 4th session, 126 min against 90 the week before (+40%)
SESSIONS: tuple[tuple[int, int | None, str], ...] = (
    (99, 1, "First run since the birth! Level 1 felt easy, no leaks."),
    (101, 1, ""),
    (103, 1, ""),
    (106, 1, ""),
    (108, 2, ""),
    (110, 2, ""),
    (113, 2, ""),
    (115, 2, ""),
    (117, 3, "Left knee a little sore on the downhill."),
    (120, 3, ""),
    (122, 3, ""),
    (SPIKE_RUN_DAY, None, "Met a friend at the park and kept going: much longer than planned."),
    # Flag raised on day 125, resolved day 128: no running in between.
    (129, 2, "Back down a level, as the physio suggested."),
    (131, 2, ""),
    (134, 2, ""),
    (136, 2, ""),
    (138, 3, ""),
    (141, 3, ""),
    (143, 3, ""),
    (145, 3, ""),
    (148, 4, ""),
    (150, 4, ""),
    (152, 4, ""),
    (155, 4, ""),
    (157, 5, ""),
    (159, 5, ""),
    (EXTRA_RUN_DAY, 5, "Extra Sunday run because the weather was lovely."),
    # Flag raised on day 161, resolved day 163.
    (164, 4, "Stepped back to level 4."),
    (166, 4, ""),
    (169, 4, ""),
    (171, 4, ""),
    (173, 5, ""),
    (176, 5, ""),
    (178, 5, ""),
    (180, 5, "Four good sessions at level 5. Moving up next time."),
)

# Symptom entries that are not the routine "no symptoms" check-in after a run:
# (day, run day or None, timing, fields, notes).
SYMPTOM_EPISODES: tuple[tuple[int, int | None, str, dict, str], ...] = (
    (5, None, "not_linked", {"pain_pelvis_0_10": 4, "bleeding": "like_period"}, "Stitches sore when sitting."),
    (
        12,
        None,
        "not_linked",
        {"pain_pelvis_0_10": 3, "bleeding": "spotting", "leakage": "drops"},
        "A few drops when I sneezed.",
    ),
    (19, None, "not_linked", {"pain_pelvis_0_10": 2, "bleeding": "spotting"}, ""),
    (26, None, "not_linked", {"pain_pelvis_0_10": 1, "bleeding": "spotting", "leakage": "drops"}, ""),
    (36, None, "not_linked", {"bleeding": "like_period"}, "Bleeding heavier and brighter red after yesterday's long walk."),
    (37, None, "not_linked", {"bleeding": "spotting"}, ""),
    (39, None, "not_linked", {}, "Bleeding has settled."),
    (44, None, "not_linked", {}, "Six-week check with the GP: stitches healed."),
    (84, None, "not_linked", {"leakage": "drops"}, "Leaked a few drops on the hop test."),
    (117, 117, "during_run", {"pain_knee_0_10": 2}, ""),
    # Week 17: the long run.
    (
        125,
        SPIKE_RUN_DAY,
        "within_24h",
        {"leakage": "drops", "heaviness_0_10": 3},
        "Heavy, dragging feeling in the evening after yesterday's long run, and a few drops.",
    ),
    # Week 22: the big week.
    (160, 159, "within_24h", {"leakage": "drops"}, "A few drops when I lifted the baby this morning."),
    (160, 160, "during_run", {"leakage": "drops"}, "Leaked on the downhill, walked home."),
    (161, 160, "within_24h", {"heaviness_0_10": 4}, "Heaviness most of the day."),
)

# The check-in flag she ticked at week 5 (a symptom entry this early raises none itself).
CHECKIN_FLAGS: tuple[tuple[int, str], ...] = ((36, "heavy_bleeding"),)
# When each red flag was resolved, by the day it was raised: (days later, note).
RESOLUTIONS: dict[int, tuple[int, str]] = {
    36: (
        3,
        "Phoned the midwife the same day: bleeding can get heavier with too much activity "
        "this early. Rested and kept walks short; back to light spotting within two days.",
    ),
    125: (
        3,
        "Saw a pelvic health physiotherapist: no prolapse found, the heaviness had gone after "
        "two days. Advice: step back a level and increase one thing at a time.",
    ),
    161: (
        2,
        "Physio review: a 40% jump in one week was too much. Heaviness eased after two days. "
        "Back to level 4, add one session at a time, keep up strength work.",
    ),
}

# Readiness tests: week 12 (hop test failed with leakage) and the retest at week 14.
FIRST_TEST_DAY = 84
RETEST_DAY = 98
FIRST_STRENGTH_REPS = {
    "calf_raise": (18, 20),
    "single_leg_bridge": (14, 16),
    "single_leg_sit_to_stand": (12, 13),
    "side_lying_hip_abduction": (20, 22),
}
RETEST_STRENGTH_REPS = {
    "calf_raise": (22, 23),
    "single_leg_bridge": (17, 19),
    "single_leg_sit_to_stand": (15, 15),
    "side_lying_hip_abduction": (24, 25),
}

# Lessons she read (slug = file name in content/), with the day since birth.
LESSONS_READ = (
    ("body-changes", 3),
    ("foundation", 10),
    ("six-week-check", 40),
    ("hormones-feeding", 60),
    ("pressure", 70),
    ("impact-load", 82),
)


def birth_date_for(today: date) -> date:
    """Her birth date for a given `today`: the Monday 182-188 days (26 weeks) before."""
    day = today - timedelta(weeks=WEEKS_SINCE_BIRTH)
    return day - timedelta(days=day.weekday())


def example_summary() -> str:
    """One line describing the persona, for the example-data banner."""
    return (
        f"{PERSONA_NAME}: about six months after a vaginal birth (2nd-degree tear), breastfeeding, "
        "back to walk-run after two flare-ups when she increased her running too fast."
    )


def _walk_run(level_number: int) -> dict:
    """Run fields for a session at plan level `level_number`."""
    level = plan.LEVELS[level_number - 1]
    return {
        "kind": "walk_run",
        "run_interval_min": level.run_interval_min,
        "walk_interval_min": level.walk_interval_min,
        "interval_repeats": level.repeats,
        "duration_min": level.total_min,
    }


def _foundation_days() -> list[tuple[int, str, int, str]]:
    """(day, activity, minutes, notes) for every foundation session, in date order."""
    rows: list[tuple[int, str, int, str]] = []
    # Pelvic floor every third day from day 2 throughout.
    rows += [(2, "pelvic_floor", 5, "Gentle squeezes lying down, as the midwife showed me.")]
    rows += [(day, "pelvic_floor", 10, "") for day in range(5, 182, 3)]
    # Breathing and core connection twice a week in the first six weeks.
    rows += [(day, "breathing", 10, "") for day in range(3, 42, 4)]
    # Strength on Tuesdays and Fridays from week 6.
    rows += [(7 * week + offset, "strength", 30, "") for week in range(6, 26) for offset in (1, 4)]
    # Low-impact cardio (bike or swim) on Thursdays, weeks 6-13.
    rows += [(7 * week + 3, "low_impact_cardio", 30 if week < 9 else 40, "") for week in range(6, 14)]
    return sorted(rows, key=lambda r: (r[0], r[1]))


def load_example(db: Database, *, today: date) -> dict[str, int]:
    """Write the persona into `db` (an empty, migrated database) with dates relative to `today`.

    Returns how many rows were written per table: profile, runs, symptoms, red_flags,
    readiness_results, foundation_sessions, lesson_progress.
    """
    birth = birth_date_for(today)

    def on(day: int) -> date:
        return birth + timedelta(days=day)

    written = dict.fromkeys(
        ("profile", "runs", "symptoms", "red_flags", "readiness_results", "foundation_sessions", "lesson_progress"), 0
    )
    services.save_profile(db, {**PROFILE, "birth_date": birth}, today=today)
    written["profile"] = 1

    for day, activity, minutes, notes in _foundation_days():
        services.add_foundation_session(
            db, {"session_date": on(day), "activity": activity, "duration_min": minutes, "notes": notes}, today=today
        )
        written["foundation_sessions"] += 1

    # Runs and symptoms go in date order, so each symptom entry sees the history before it
    # when storage checks it for red flags (as her own entries would).
    events: list[tuple[int, int, tuple]] = []
    events += [(day, 0, ("walk", day, minutes, notes)) for day, minutes, notes in WALKS]
    events += [(day, 0, ("session", day, level, notes)) for day, level, notes in SESSIONS]
    episode_run_days = {run_day for _, run_day, *_ in SYMPTOM_EPISODES if run_day is not None}
    events += [(day, 1, ("checkin", day)) for day, *_ in SESSIONS if day not in episode_run_days]
    events += [(episode[0], 1, ("symptom", *episode)) for episode in SYMPTOM_EPISODES]
    events += [(day, 2, ("checkin_flag", day, code)) for day, code in CHECKIN_FLAGS]
    events += [(day, 3, ("readiness", day)) for day in (FIRST_TEST_DAY, RETEST_DAY)]
    events += [(day, 4, ("lesson", day, slug)) for slug, day in LESSONS_READ]
    events += [(day + later, 5, ("resolve", day)) for day, (later, _) in RESOLUTIONS.items()]
    events.sort(key=lambda event: (event[0], event[1]))

    run_ids: dict[int, int] = {}  # day -> id of that day's run
    flag_ids: dict[int, list[int]] = {}  # day raised -> red flag ids
    for _, _, event in events:
        kind = event[0]
        if kind == "walk":
            _, day, minutes, notes = event
            run_ids[day] = services.add_run(
                db,
                {
                    "run_date": on(day),
                    "kind": "walk",
                    "duration_min": minutes,
                    "distance_km": round(minutes / WALK_PACE_MIN_PER_KM, 1),
                    "notes": notes,
                },
                today=today,
            )
            written["runs"] += 1
        elif kind == "session":
            _, day, level, notes = event
            fields = _walk_run(level) if level else SPIKE_RUN
            run_ids[day] = services.add_run(
                db,
                {
                    **fields,
                    "run_date": on(day),
                    "notes": notes,
                    "effort_1_10": 6 if level is None else 4,
                    "distance_km": round(fields["duration_min"] / WALK_RUN_PACE_MIN_PER_KM, 1),
                },
                today=today,
            )
            written["runs"] += 1
        elif kind in ("checkin", "symptom"):
            if kind == "checkin":
                day, run_day, timing, fields, notes = event[1], event[1], "within_24h", {}, ""
            else:
                _, day, run_day, timing, fields, notes = event
            _, codes = services.add_symptom(
                db,
                {
                    "symptom_date": on(day),
                    "run_id": run_ids[run_day] if run_day is not None else None,
                    "timing": timing,
                    **fields,
                    "notes": notes,
                },
                today=today,
            )
            written["symptoms"] += 1
            written["red_flags"] += len(codes)
            if codes:
                flag_ids.setdefault(day, []).extend(_flag_ids_raised_on(db, on(day)))
        elif kind == "checkin_flag":
            _, day, code = event
            flag_ids.setdefault(day, []).extend(services.add_red_flags(db, [code], flagged_date=on(day), today=today))
            written["red_flags"] += 1
        elif kind == "readiness":
            _, day = event
            written["readiness_results"] += len(
                services.add_readiness_results(
                    db, _readiness_results(on(day), first=day == FIRST_TEST_DAY), today=today
                )
            )
        elif kind == "lesson":
            _, day, slug = event
            services.mark_lesson_read(db, slug, today=on(day))
            written["lesson_progress"] += 1
        elif kind == "resolve":
            _, raised_day = event
            later, note = RESOLUTIONS[raised_day]
            for flag_id in sorted(set(flag_ids.get(raised_day, []))):
                services.resolve_red_flag(db, flag_id, resolved_date=on(raised_day + later), note=note, today=today)
    return written


def _flag_ids_raised_on(db: Database, day: date) -> list[int]:
    """Ids of the red flags raised on `day` (services.add_symptom returns codes, not ids)."""
    flags = storage.list_red_flags(db)
    return [int(i) for i in flags.loc[flags["flagged_date"] == day, "id"]]


def _readiness_results(test_date: date, *, first: bool) -> list[dict]:
    """The full battery on `test_date`: at the first attempt the hop test brought leakage."""
    results = []
    for code in models.LOAD_IMPACT_TESTS:
        leaked = first and code == "hop_in_place"
        results.append(
            {
                "test_date": test_date,
                "test_code": code,
                "completed": True,
                "had_symptoms": leaked,
                "notes": "A few drops of leakage from the fourth hop." if leaked else "",
            }
        )
    reps = FIRST_STRENGTH_REPS if first else RETEST_STRENGTH_REPS
    for code, (left, right) in reps.items():
        results.append(
            {
                "test_date": test_date,
                "test_code": code,
                "completed": True,
                "had_symptoms": False,
                "reps_left": left,
                "reps_right": right,
                "notes": "",
            }
        )
    return results
