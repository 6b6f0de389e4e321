"""The example persona behind "Explore with example data": a made-up mother, Maya.

Maya gave birth (vaginal, 2nd-degree tear) about 26 weeks before `today`, is
breastfeeding, lives in the UK and ran recreationally before pregnancy. Her log follows
the path the app teaches (clinical-facts.md section 7), and from week 14 the app itself:

- weeks 0-6: pelvic floor training, breathing, short walks; at week 5 her bleeding got
  heavier after a long walk (the "heavier with activity" red flag, resolved three days
  later after a call to the midwife);
- weeks 6-12: strength twice a week and low-impact cardio; a weekly mood check from the
  six-week check on; mastitis at week 9 (a red flag, resolved after the GP's antibiotics);
- week 12: readiness tests, the hop test failed with leakage; strength below 20 reps
  on some tests (single-leg bridge 14/16);
- week 14: retest, every load and impact test passed; from then on she runs on Tuesdays,
  Thursdays and Saturdays the session the app suggests that day (plan.suggest_session:
  her level cut to the 110% and weekly caps, in running minutes), skips the days it says
  rest, and checks in after each one (mostly "no symptoms"); a mild knee ache once;
- week 16: a "yes" to low mood on the weekly check (she talked to her health visitor;
  "no" again the week after);
- week 18: a 30-minute run with a friend, far longer than her longest (a single-run
  spike) -> heaviness 4 and leakage the next day, the heaviness red flag, a pelvic health
  physiotherapist, one level back;
- week 22: a Sunday run after the app said her week was full (over the weekly cap) -> a
  few drops of leakage during it, so the app has her repeat the level;
- week 24: her period is back (bleeding she marks as her period: no flag).

Everything is written through the services, so it passes validation and raises
red flags exactly as her own entries would. Dates are offsets from the birth, which is
a Monday: weeks since birth then line up with the Monday-start weeks of the weekly
chart, and the row counts do not depend on the weekday of `today`. Nothing is random:
the sessions she follows are what the engine suggests on each day, given the log so far.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlite_utils import Database

from . import guidance, models, services, storage

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
    "country": "uk",
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

# Running days since birth (birth is a Monday, so day % 7 == 1 is a Tuesday, 3 Thursday,
# 5 Saturday): from the day after the retest to the last Saturday before any `today`.
FIRST_RUN_DAY = 99
RUN_DAYS: tuple[int, ...] = tuple(day for day in range(FIRST_RUN_DAY, 182) if day % 7 in (1, 3, 5))
# The days she ran something other than the app's session.
SPIKE_RUN_DAY = 131  # week 18, a Saturday: 30 min continuous with a friend
SPIKE_RUN = {"kind": "continuous", "duration_min": 30}
# Week 22, a Sunday: Thursday's session again, after the app said her week was full (the
# Saturday was a rest day under the weekly cap): the week ends far over +10%.
EXTRA_RUN_DAY = 160
# Notes on some runs, by day.
RUN_NOTES = {
    FIRST_RUN_DAY: "First run since the birth! Level 1 felt easy, no leaks.",
    117: "Left knee a little sore on the downhill.",
    SPIKE_RUN_DAY: "Met a friend at the park and kept going: much longer than planned.",
    EXTRA_RUN_DAY: "Extra Sunday run because the weather was lovely.",
}

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
    # Week 5: heavier after the long walk -> the "heavier with activity" red flag.
    (
        36,
        None,
        "not_linked",
        {"bleeding": "like_period", "bleeding_heavier_with_activity": True},
        "Bleeding heavier and brighter red after yesterday's long walk.",
    ),
    (37, None, "not_linked", {"bleeding": "spotting"}, ""),
    (39, None, "not_linked", {}, "Bleeding has settled."),
    (44, None, "not_linked", {}, "Six-week check with the GP: stitches healed."),
    (84, None, "not_linked", {"leakage": "drops"}, "Leaked a few drops on the hop test."),
    (117, 117, "during_run", {"pain_knee_0_10": 2}, ""),
    # Week 18: the long run.
    (
        132,
        SPIKE_RUN_DAY,
        "within_24h",
        {"leakage": "drops", "heaviness_0_10": 4},
        "Heavy, dragging feeling in the evening after yesterday's long run, and a few drops.",
    ),
    # Week 22: the extra run.
    (EXTRA_RUN_DAY, EXTRA_RUN_DAY, "during_run", {"leakage": "drops"}, "Leaked a few drops on the downhill."),
    # Week 24: her period is back (she marks it as her period: no flag, not a symptom).
    (
        168,
        None,
        "not_linked",
        {"bleeding": "like_period", "bleeding_is_period": True},
        "My period is back.",
    ),
)

# The check-in flags she ticked (flags a symptom entry cannot raise): (day, code).
CHECKIN_FLAGS: tuple[tuple[int, str], ...] = ((66, "mastitis"),)
# When each red flag was resolved, by the day it was raised: (days later, note).
RESOLUTIONS: dict[int, tuple[int, str]] = {
    36: (
        3,
        "Phoned the midwife the same day: bleeding can get heavier with too much activity "
        "this early. Rested and kept walks short; back to light spotting within two days.",
    ),
    66: (
        3,
        "GP: mastitis. Antibiotics, rest and keep feeding from that side; the fever went "
        "within two days and the redness by the third.",
    ),
    132: (
        3,
        "Saw a pelvic health physiotherapist: no prolapse found, the heaviness had gone after "
        "two days. Advice: one level back, and increase one thing at a time.",
    ),
}
# Strength and cardio wait while a red flag is open (pelvic floor exercises go on).
PAUSED_DAYS = frozenset(day for raised, (later, _) in RESOLUTIONS.items() for day in range(raised, raised + later))

# The weekly mood check (NICE CG192 questions), on Mondays from the six-week check:
# (day, low mood, little interest). One "yes" at week 16.
MOOD_CHECKS: tuple[tuple[int, bool, bool], ...] = tuple((day, day == 112, False) for day in range(42, 183, 7))

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
    ("progressing-running", 98),
    ("your-mind", 112),
    ("when-to-see-someone", 133),
)


def birth_date_for(today: date) -> date:
    """Her birth date for a given `today`: the Monday 182-188 days (26 weeks) before."""
    day = today - timedelta(weeks=WEEKS_SINCE_BIRTH)
    return day - timedelta(days=day.weekday())


def example_summary() -> str:
    """One line describing the persona, for the example-data banner."""
    return (
        f"{PERSONA_NAME}: about six months after a vaginal birth (2nd-degree tear), breastfeeding, "
        "back to walk-run with the app's plan after one run far longer than her longest set her back."
    )


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
    rows = [row for row in rows if row[1] in ("pelvic_floor", "breathing") or row[0] not in PAUSED_DAYS]
    return sorted(rows, key=lambda r: (r[0], r[1]))


def _session_fields(session) -> dict:
    """Run fields for a plan.Session as she logs it: the pattern, its rounds (a shortened
    last round included: records.walk_run_running_min reads it back) and its length."""
    if not session.walk_interval_min:
        return {"kind": "continuous", "duration_min": session.run_min}
    return {
        "kind": "walk_run",
        "run_interval_min": session.run_interval_min,
        "walk_interval_min": session.walk_interval_min,
        "interval_repeats": session.repeats,
        "duration_min": session.total_min,
    }


def load_example(db: Database, *, today: date) -> dict[str, int]:
    """Write the persona into `db` (an empty, migrated database) with dates relative to `today`.

    Returns how many rows were written per table: profile, runs, symptoms, red_flags,
    readiness_results, foundation_sessions, lesson_progress, mood_checks.
    """
    birth = birth_date_for(today)

    def on(day: int) -> date:
        return birth + timedelta(days=day)

    written = dict.fromkeys(
        (
            "profile",
            "runs",
            "symptoms",
            "red_flags",
            "readiness_results",
            "foundation_sessions",
            "lesson_progress",
            "mood_checks",
        ),
        0,
    )
    profile = services.save_profile(db, {**PROFILE, "birth_date": birth}, today=today)
    written["profile"] = 1

    for day, activity, minutes, notes in _foundation_days():
        services.add_foundation_session(
            db, {"session_date": on(day), "activity": activity, "duration_min": minutes, "notes": notes}, today=today
        )
        written["foundation_sessions"] += 1

    # Everything goes in date order, so each symptom entry sees the history before it when
    # storage checks it for red flags, and each running day sees the log so far when she
    # asks the app for her session (as her own entries would).
    episode_run_days = {run_day for _, run_day, *_ in SYMPTOM_EPISODES if run_day is not None}
    events: list[tuple[int, int, tuple]] = []
    events += [(day, 0, ("walk", day, minutes, notes)) for day, minutes, notes in WALKS]
    events += [(day, 0, ("session", day)) for day in (*RUN_DAYS, EXTRA_RUN_DAY)]
    events += [(day, 1, ("checkin", day)) for day in (*RUN_DAYS, EXTRA_RUN_DAY) if day not in episode_run_days]
    events += [(episode[0], 1, ("symptom", *episode)) for episode in SYMPTOM_EPISODES]
    events += [(day, 2, ("checkin_flag", day, code)) for day, code in CHECKIN_FLAGS]
    events += [(day, 3, ("readiness", day)) for day in (FIRST_TEST_DAY, RETEST_DAY)]
    events += [(day, 4, ("lesson", day, slug)) for slug, day in LESSONS_READ]
    events += [(day, 4, ("mood", day, low, little)) for day, low, little in MOOD_CHECKS]
    events += [(day + later, 5, ("resolve", day)) for day, (later, _) in RESOLUTIONS.items()]
    events.sort(key=lambda event: (event[0], event[1]))

    run_ids: dict[int, int] = {}  # day -> id of that day's run
    flag_ids: dict[int, list[int]] = {}  # day raised -> red flag ids
    last_session: dict = {}
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
            _, day = event
            if day == SPIKE_RUN_DAY:
                fields = SPIKE_RUN
            elif day == EXTRA_RUN_DAY:
                fields = last_session
            else:
                answer = guidance.today_answer(profile, storage.load_history(db), on(day))
                if answer.state != "run":
                    continue  # a rest day, or paused by a red flag: she does not run
                fields = last_session = _session_fields(answer.session)
            run_ids[day] = services.add_run(
                db,
                {
                    **fields,
                    "run_date": on(day),
                    "notes": RUN_NOTES.get(day, ""),
                    "effort_1_10": 6 if day == SPIKE_RUN_DAY else 4,
                    "distance_km": round(fields["duration_min"] / WALK_RUN_PACE_MIN_PER_KM, 1),
                },
                today=today,
            )
            written["runs"] += 1
        elif kind in ("checkin", "symptom"):
            if kind == "checkin":
                day, run_day, timing, fields, notes = event[1], event[1], "within_24h", {}, ""
                if day not in run_ids:
                    continue  # no run that day, nothing to check in about
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
        elif kind == "mood":
            _, day, low, little = event
            services.add_mood_check(
                db, {"check_date": on(day), "low_mood": low, "little_interest": little}, today=today
            )
            written["mood_checks"] += 1
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
