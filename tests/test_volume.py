"""Weekly totals and progression checks: whole results compared with literal values."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from return_to_run import caps, models, records, volume
from return_to_run.ui import tables

BIRTH = date(2025, 10, 6)  # a Monday: 11 weeks before 22 Dec 2025


def frame(columns: tuple[str, ...], rows: list[dict], **defaults) -> pd.DataFrame:
    """A History-shaped DataFrame: every column present, missing fields from defaults or None."""
    full = [{c: row.get(c, defaults.get(c)) for c in columns} for row in rows]
    return pd.DataFrame(full, columns=list(columns)) if full else models.History().runs.reindex(columns=columns)


def runs_frame(rows: list[dict]) -> pd.DataFrame:
    rows = [{"id": i, **row} for i, row in enumerate(rows, start=1)]
    return frame(models.RUN_COLUMNS, rows, notes="", source="manual")


def symptoms_frame(rows: list[dict]) -> pd.DataFrame:
    rows = [{"id": i, **row} for i, row in enumerate(rows, start=1)]
    defaults = {
        "timing": "not_linked",
        "leakage": "none",
        "heaviness_0_10": 0,
        "bleeding": "none",
        "bowel_leakage": 0,
        "notes": "",
        **{c: 0 for c in models.PAIN_COLUMNS},
    }
    return frame(models.SYMPTOM_COLUMNS, rows, **defaults)


def plain(weekly: pd.DataFrame) -> list[dict]:
    """Records with NaN as None, for whole-result comparisons."""
    return weekly.astype(object).where(weekly.notna(), None).to_dict("records")


# A log across the year boundary: ISO weeks start on Monday 22 Dec, 29 Dec (which
# belongs to ISO week 1 of 2026), 5 Jan (nothing logged but a red flag) and 12 Jan.
RUNS = runs_frame(
    [
        {"run_date": date(2025, 12, 22), "duration_min": 20.0, "distance_km": 3.0, "kind": "walk_run"},
        {"run_date": date(2025, 12, 24), "duration_min": 30.0, "distance_km": 2.5, "kind": "walk"},
        {"run_date": date(2025, 12, 29), "duration_min": 22.0, "distance_km": None, "kind": "continuous"},
        {"run_date": date(2026, 1, 1), "duration_min": 11.0, "distance_km": 2.0, "kind": "hills_speed"},
        {"run_date": date(2026, 1, 16), "duration_min": 36.0, "distance_km": 5.0, "kind": "buggy"},
    ]
)
SYMPTOMS = symptoms_frame(
    [
        {"symptom_date": date(2025, 12, 22), "run_id": 1, "timing": "during_run", "leakage": "drops"},
        {"symptom_date": date(2025, 12, 22), "heaviness_0_10": 4},  # same day: one symptom day
        {"symptom_date": date(2025, 12, 30), "pain_knee_0_10": 3, "pain_low_back_0_10": 5},
        {"symptom_date": date(2026, 1, 1)},  # logged, but nothing felt: not a symptom day
        {"symptom_date": date(2026, 1, 7), "bleeding": "spotting"},
    ]
)
RED_FLAGS = frame(
    models.RED_FLAG_COLUMNS,
    [
        {"id": 1, "flag_code": "bleeding", "flagged_date": date(2026, 1, 8), "resolved_note": ""},
    ],
)
FOUNDATION = frame(
    models.FOUNDATION_COLUMNS,
    [
        {"id": 1, "session_date": date(2025, 12, 23), "activity": "pelvic_floor", "duration_min": 10.0},
        {"id": 2, "session_date": date(2025, 12, 23), "activity": "strength", "duration_min": 30.0},
        {"id": 3, "session_date": date(2026, 1, 13), "activity": "pelvic_floor", "duration_min": 15.0},
        {"id": 4, "session_date": date(2026, 1, 14), "activity": "breathing", "duration_min": 5.0},
    ],
    notes="",
)

ZERO_WEEK = {
    "run_minutes": 0.0,
    "walk_minutes": 0.0,
    "run_distance_km": 0.0,
    "runs_without_distance": 0,
    "run_count": 0,
    "longest_run_min": 0.0,
    "symptom_entries": 0,
    "symptom_days": 0,
    "leakage_days": 0,
    "worst_heaviness_0_10": 0,
    "worst_pelvic_pain_0_10": 0,
    "worst_joint_pain_0_10": 0,
    "worst_pain_0_10": 0,
    "bleeding_days": 0,
    "red_flag": False,
    "pelvic_floor_sessions": 0,
    "strength_sessions": 0,
    "foundation_minutes": 0.0,
    "change_pct": None,
    "over_10pct": False,
}
EXPECTED = [
    {
        "week_start": date(2025, 12, 22),
        "weeks_since_birth": 11,
        "days_since_birth": 77,
        **ZERO_WEEK,
        "run_minutes": 20.0,
        "walk_minutes": 30.0,
        "run_distance_km": 3.0,
        "run_count": 1,
        "longest_run_min": 20.0,
        "symptom_entries": 2,
        "symptom_days": 1,
        "leakage_days": 1,
        "worst_heaviness_0_10": 4,
        "pelvic_floor_sessions": 1,
        "strength_sessions": 1,
        "foundation_minutes": 40.0,
    },
    {
        "week_start": date(2025, 12, 29),
        "weeks_since_birth": 12,
        "days_since_birth": 84,
        **ZERO_WEEK,
        "run_minutes": 33.0,
        "run_distance_km": 2.0,
        "runs_without_distance": 1,
        "run_count": 2,
        "longest_run_min": 22.0,
        "symptom_entries": 2,
        "symptom_days": 1,
        "worst_pelvic_pain_0_10": 5,
        "worst_joint_pain_0_10": 3,
        "worst_pain_0_10": 5,
        "change_pct": 65.0,
        "over_10pct": True,
    },
    {
        "week_start": date(2026, 1, 5),
        "weeks_since_birth": 13,
        "days_since_birth": 91,
        **ZERO_WEEK,
        "symptom_entries": 1,
        "symptom_days": 1,
        "bleeding_days": 1,
        "red_flag": True,
        "change_pct": -100.0,
    },
    {
        "week_start": date(2026, 1, 12),
        "weeks_since_birth": 14,
        "days_since_birth": 98,
        **ZERO_WEEK,
        "run_minutes": 36.0,
        "run_distance_km": 5.0,
        "run_count": 1,
        "longest_run_min": 36.0,
        "pelvic_floor_sessions": 1,
        "foundation_minutes": 20.0,
    },
]


def summary(**kwargs) -> pd.DataFrame:
    return volume.weekly_summary(RUNS, SYMPTOMS, birth_date=BIRTH, red_flags=RED_FLAGS, foundation=FOUNDATION, **kwargs)


def test_weekly_summary_whole_result_across_the_year_boundary():
    weekly = summary()
    assert list(weekly.columns) == list(volume.WEEKLY_COLUMNS)
    assert plain(weekly) == EXPECTED


def test_weekly_summary_dtypes_are_plain():
    weekly = summary()
    assert all(type(d) is date for d in weekly["week_start"])
    assert weekly["weeks_since_birth"].dtype == "int64"
    assert weekly["red_flag"].dtype == bool and weekly["over_10pct"].dtype == bool
    assert weekly["symptom_days"].dtype == "int64" and weekly["run_minutes"].dtype == "float64"


def test_start_and_end_add_empty_weeks_and_keep_the_real_previous_week():
    weekly = summary(start=date(2025, 12, 31), end=date(2026, 1, 25))
    assert [d.isoformat() for d in weekly["week_start"]] == ["2025-12-29", "2026-01-05", "2026-01-12", "2026-01-19"]
    # The first week shown still compares with 22 Dec, which is outside the window.
    assert plain(weekly)[0]["change_pct"] == 65.0
    assert plain(weekly)[-1] == {
        "week_start": date(2026, 1, 19),
        "weeks_since_birth": 15,
        "days_since_birth": 105,
        **ZERO_WEEK,
        "change_pct": -100.0,
    }


def test_a_week_still_going_shows_no_drop_yet_but_keeps_a_rise():
    # 21 Jan is a Wednesday: the week of 19 Jan has nothing logged *so far*.
    weekly = summary(start=date(2025, 12, 31), end=date(2026, 1, 21))
    assert plain(weekly)[-1]["change_pct"] is None
    # The week of 29 Dec, seen from its Thursday, already rose 65%: still marked.
    weekly = summary(end=date(2026, 1, 1))
    assert (weekly["change_pct"].iloc[-1], bool(weekly["over_10pct"].iloc[-1])) == (65.0, True)


def test_start_before_the_log_gives_leading_zero_weeks():
    weekly = summary(start=date(2025, 12, 10))
    assert [d.isoformat() for d in weekly["week_start"][:2]] == ["2025-12-08", "2025-12-15"]
    assert weekly["run_minutes"].tolist() == [0.0, 0.0, 20.0, 33.0, 0.0, 36.0]
    # 22 Dec follows a week with no running: nothing to compare with.
    assert weekly["change_pct"].isna().tolist() == [True, True, True, False, False, True]


def test_without_birth_date_weeks_since_birth_is_none():
    weekly = volume.weekly_summary(RUNS, SYMPTOMS, birth_date=None)
    assert weekly["weeks_since_birth"].tolist() == [None, None, None, None]
    assert weekly["red_flag"].tolist() == [False, False, False, False]
    assert weekly["pelvic_floor_sessions"].tolist() == [0, 0, 0, 0]


def test_empty_log_gives_empty_frame_with_all_columns():
    history = models.History()
    weekly = volume.weekly_summary(
        history.runs, history.symptoms, birth_date=BIRTH, red_flags=history.red_flags, foundation=history.foundation
    )
    assert weekly.empty
    assert list(weekly.columns) == list(volume.WEEKLY_COLUMNS)


def test_empty_log_with_a_window_gives_zero_weeks():
    history = models.History()
    weekly = volume.weekly_summary(
        history.runs, history.symptoms, birth_date=BIRTH, start=date(2026, 1, 1), end=date(2026, 1, 12)
    )
    assert plain(weekly) == [
        {"week_start": date(2025, 12, 29), "weeks_since_birth": 12, "days_since_birth": 84, **ZERO_WEEK},
        {"week_start": date(2026, 1, 5), "weeks_since_birth": 13, "days_since_birth": 91, **ZERO_WEEK},
        {"week_start": date(2026, 1, 12), "weeks_since_birth": 14, "days_since_birth": 98, **ZERO_WEEK},
    ]


def test_exactly_ten_percent_is_not_over():
    runs = runs_frame(
        [
            {"run_date": date(2026, 2, 2), "duration_min": 60.0, "kind": "continuous"},
            {"run_date": date(2026, 2, 9), "duration_min": 66.0, "kind": "continuous"},  # +10.0%
            {"run_date": date(2026, 2, 16), "duration_min": 72.7, "kind": "continuous"},  # +10.2%
        ]
    )
    weekly = volume.weekly_summary(runs, symptoms_frame([]), birth_date=None)
    assert weekly["change_pct"].tolist()[1:] == [10.0, 10.0]  # whole percentages, as on screen
    assert weekly["over_10pct"].tolist() == [False, False, True]  # 72.7 is over 66 x 1.1 = 72.6


def test_mixed_units_distances_are_stored_metric_and_shown_in_her_units():
    runs = runs_frame(
        [
            {
                "run_date": date(2026, 2, 2),
                "duration_min": 20.0,
                "distance_km": models.to_km(2.0, "mi"),
                "kind": "continuous",
            },  # entered as 2 miles
            {"run_date": date(2026, 2, 4), "duration_min": 30.0, "distance_km": 5.0, "kind": "continuous"},
        ]
    )
    weekly = volume.weekly_summary(runs, symptoms_frame([]), birth_date=None)
    assert weekly["run_distance_km"].tolist() == [pytest.approx(8.218688)]
    miles = volume.to_display_units(weekly, "mi")
    assert miles["run_distance"].tolist() == [pytest.approx(5.106855961)]
    assert miles["distance_unit"].tolist() == ["mi"]
    assert volume.to_display_units(weekly, "km")["run_distance"].tolist() == [pytest.approx(8.218688)]
    assert "run_distance" not in weekly  # the input is not changed


def test_weekly_table_is_labelled_newest_first_in_her_units():
    table = tables.weekly_table(summary(), units="mi")
    assert list(table.columns)[:4] == ["Week of", "Weeks since birth", "Running (min)", "Running distance (mi)"]
    assert table["Week of"].tolist() == [date(2026, 1, 12), date(2026, 1, 5), date(2025, 12, 29), date(2025, 12, 22)]
    assert table["Running distance (mi)"].tolist() == [3.11, 0.0, 1.24, 1.86]
    assert table["Red flag raised"].tolist() == [False, True, False, False]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 120), st.sampled_from(list(models.RUN_KINDS)), st.integers(1, 120)), max_size=40)
)
def test_weekly_totals_add_up_to_the_log(rows):
    runs = runs_frame(
        [
            {
                "run_date": date(2025, 12, 1) + timedelta(days=d),
                "kind": k,
                "duration_min": float(m),
                "distance_km": None,
            }
            for d, k, m in rows
        ]
    )
    weekly = volume.weekly_summary(runs, symptoms_frame([]), birth_date=BIRTH)
    running = [m for _, k, m in rows if k in models.RUNNING_KINDS]
    assert weekly["run_minutes"].sum() == sum(running)
    assert weekly["walk_minutes"].sum() == sum(m for _, k, m in rows if k == "walk")
    assert weekly["run_count"].sum() == weekly["runs_without_distance"].sum() == len(running)
    if rows:
        days = [d for d, _, _ in rows]  # 1 Dec 2025 is a Monday
        assert len(weekly) == max(days) // 7 - min(days) // 7 + 1
        assert all(d.weekday() == 0 for d in weekly["week_start"])
        assert weekly["week_start"].is_monotonic_increasing


# ------------------------------------------------------------------ spikes


def test_single_run_spikes_against_the_longest_run_in_the_previous_30_days():
    day0 = date(2026, 3, 2)
    runs = runs_frame(
        [
            {"run_date": day0, "duration_min": 30.0, "kind": "walk_run"},  # first ever: not a spike
            {"run_date": day0 + timedelta(days=10), "duration_min": 33.0, "kind": "continuous"},  # exactly 110%
            {"run_date": day0 + timedelta(days=20), "duration_min": 34.0, "kind": "continuous"},
            {"run_date": day0 + timedelta(days=25), "duration_min": 40.0, "kind": "hills_speed"},  # 40/34
            {"run_date": day0 + timedelta(days=26), "duration_min": 90.0, "kind": "walk"},  # walks never count
            {"run_date": day0 + timedelta(days=55), "duration_min": 44.0, "kind": "continuous"},  # 30 days after 40
            {"run_date": day0 + timedelta(days=90), "duration_min": 20.0, "kind": "buggy"},  # nothing in window
            {"run_date": day0 + timedelta(days=91), "duration_min": 30.0, "kind": "buggy"},  # 30/20
            {"run_date": day0 + timedelta(days=91), "duration_min": 25.0, "kind": "buggy"},  # same day not previous
        ]
    )
    spikes = volume.single_run_spikes(runs)
    assert list(spikes.columns) == [
        "id",
        "run_date",
        "kind",
        "duration_min",
        "running_min",
        "previous_longest_min",
        "ratio",
    ]
    assert spikes.to_dict("records") == [
        {
            "id": 4,
            "run_date": date(2026, 3, 27),
            "kind": "hills_speed",
            "duration_min": 40.0,
            "running_min": 40.0,
            "previous_longest_min": 34.0,
            "ratio": 1.18,
        },
        {
            "id": 8,
            "run_date": date(2026, 6, 1),
            "kind": "buggy",
            "duration_min": 30.0,
            "running_min": 30.0,
            "previous_longest_min": 20.0,
            "ratio": 1.5,
        },
        {
            "id": 9,
            "run_date": date(2026, 6, 1),
            "kind": "buggy",
            "duration_min": 25.0,
            "running_min": 25.0,
            "previous_longest_min": 20.0,
            "ratio": 1.25,
        },
    ]


@pytest.mark.parametrize(
    ("second", "minutes", "spike"),
    [
        (date(2026, 3, 9), 33.0, False),  # exactly 110% of 30
        (date(2026, 3, 9), 33.01, True),  # just over 110%
        (date(2026, 3, 9), 33.0000005, True),  # over by less than a millionth: still over
        (date(2026, 3, 31), 36.0, True),  # 30 days after the 30-min run: still in the window
        (date(2026, 4, 1), 36.0, False),  # 31 days after: nothing to compare with
        (date(2026, 3, 1), 36.0, False),  # same day: order unknown, not "previous"
    ],
)
def test_single_run_spikes_at_the_110_percent_and_30_day_boundaries(second, minutes, spike):
    runs = runs_frame(
        [
            {"run_date": date(2026, 3, 1), "duration_min": 30.0, "kind": "continuous"},
            {"run_date": second, "duration_min": minutes, "kind": "continuous"},
        ]
    )
    assert volume.single_run_spikes(runs)["id"].tolist() == ([2] if spike else [])


def test_single_run_spikes_of_an_empty_log():
    spikes = volume.single_run_spikes(models.History().runs)
    assert spikes.empty and "previous_longest_min" in spikes


def test_spike_docstring_names_its_source():
    assert "Frandsen" in volume.single_run_spikes.__doc__


def test_longest_in_window_is_the_one_30_day_window():
    sessions = [
        r
        for r in records.run_records(
            runs_frame(
                [
                    {"run_date": date(2026, 3, 1), "duration_min": 50.0, "kind": "continuous"},  # 31 days before
                    {"run_date": date(2026, 3, 2), "duration_min": 25.0, "kind": "walk_run"},  # exactly 30 days
                    {"run_date": date(2026, 3, 20), "duration_min": 60.0, "kind": "walk"},
                    {"run_date": date(2026, 4, 1), "duration_min": 20.0, "kind": "continuous"},  # today counts
                    {"run_date": date(2026, 4, 2), "duration_min": 99.0, "kind": "continuous"},  # future: ignored
                ]
            )
        )
        if r.running
    ]
    assert caps.longest_in_window(sessions, date(2026, 4, 1)) == 25.0
    assert caps.longest_in_window(sessions, date(2026, 3, 31)) == 50.0  # day 30 of the 50-min run
    assert caps.longest_in_window(sessions, date(2026, 4, 2), include_day=False) == 20.0  # 2 Mar is 31 days back
    assert caps.longest_in_window(sessions, date(2026, 2, 28)) is None
    assert caps.longest_in_window([], date(2026, 2, 1)) is None


def test_single_run_limit_and_over_cap():
    assert caps.single_run_limit_min(30.0) == 33.0
    assert volume.over_single_run_cap(33.0, 30.0) is False
    assert volume.over_single_run_cap(33.01, 30.0) is True
    assert volume.over_single_run_cap(99.0, None) is False
    assert volume.over_single_run_cap(99.0, 0.0) is False


# ------------------------------------------------------------------ ACWR


def test_acwr_is_this_week_over_the_four_week_mean_and_labelled_information_only():
    weekly = pd.DataFrame({"run_minutes": [10.0, 20.0, 30.0, 40.0, 50.0, 0.0, 0.0, 0.0, 0.0]})
    ratio = volume.acwr(weekly)
    values = [None if math.isnan(v) else v for v in ratio.tolist()]
    assert values == [None, None, None, 1.6, 1.43, 0.0, 0.0, 0.0, None]
    assert ratio.name == "acwr"
    assert "information only" in ratio.attrs["note"]
    assert "Lolli" in volume.acwr.__doc__ and "Impellizzeri" in volume.acwr.__doc__


def test_caps_count_running_minutes_not_walk_breaks():
    """A walk-run's walk breaks are not running (Deering 2024 Table 6): a 30-min session of 1 min
    run / 2 min walk x 10 is 10 running minutes, so a 33-min continuous run after it is a spike."""
    day0 = date(2026, 3, 2)
    runs = runs_frame(
        [
            {
                "run_date": day0,
                "duration_min": 30.0,
                "kind": "walk_run",
                "run_interval_min": 1.0,
                "walk_interval_min": 2.0,
                "interval_repeats": 10,
            },
            {"run_date": day0 + timedelta(days=2), "duration_min": 33.0, "kind": "continuous"},
            {"run_date": day0 + timedelta(days=3), "duration_min": 40.0, "kind": "walk"},
        ]
    )
    assert volume.running_minutes(runs).tolist() == [10.0, 33.0, 0.0]
    spikes = volume.single_run_spikes(runs)
    assert spikes[["duration_min", "running_min", "previous_longest_min", "ratio"]].to_dict("records") == [
        {"duration_min": 33.0, "running_min": 33.0, "previous_longest_min": 10.0, "ratio": 3.3}
    ]
    weekly = volume.weekly_summary(runs, symptoms_frame([]), birth_date=None)
    assert weekly[["run_minutes", "walk_minutes", "longest_run_min"]].to_dict("records") == [
        {"run_minutes": 43.0, "walk_minutes": 40.0, "longest_run_min": 33.0}
    ]


@pytest.mark.parametrize(
    ("previous", "now", "over"),
    [
        (60.0, 90.0, True),  # +50%: always said
        (60.0, 66.0, False),  # exactly +10%
        (60.0, 66.01, True),
        (20.0, 25.0, False),  # a tiny week: +5 min allowed (more than 10%)
        (20.0, 25.01, True),
        (0.0, 90.0, False),  # nothing the week before: nothing to compare with
    ],
)
def test_the_weekly_cap_on_trends_is_the_one_log_a_run_warns_about(previous, now, over):
    rows = [{"run_date": date(2026, 2, 9), "duration_min": now, "kind": "continuous"}]
    if previous:
        rows.insert(0, {"run_date": date(2026, 2, 2), "duration_min": previous, "kind": "continuous"})
    weekly = volume.weekly_summary(runs_frame(rows), symptoms_frame([]), birth_date=None, start=date(2026, 2, 2))
    assert bool(weekly["over_10pct"].iloc[-1]) is over
    limit = volume.weekly_limit_min(previous)
    assert (limit is not None and now > limit + 1e-9) is over


def test_weekly_limit_in_numbers():
    assert volume.weekly_limit_min(0.0) is None
    assert volume.weekly_limit_min(10.0) == 15.0  # the +5 allowance of a tiny week
    assert volume.weekly_limit_min(50.0) == 55.0  # both say 55
    assert volume.weekly_limit_min(60.0) == 66.0


def test_single_run_spikes_from_given_records_equals_from_the_frame():
    from tests.test_patterns import _random_history

    runs, _ = _random_history(17)
    given = volume.single_run_spikes(runs, run_recs=records.run_records(runs))
    pd.testing.assert_frame_equal(given, volume.single_run_spikes(runs))
    assert len(given) > 10


def _spikes_one_by_one(runs: pd.DataFrame) -> list[tuple]:
    """The single-run rule applied run by run with caps.RunWindow (the plain form)."""
    sessions = [r for r in records.run_records(runs) if r.running]
    window = caps.RunWindow(sessions)
    found = []
    for run in sessions:
        previous = window.longest(run.run_date, include_day=False)
        if caps.over_single_run_cap(run.running_min, previous):
            found.append((run.id, run.running_min, previous, round(run.running_min / previous, 2)))
    return found


@pytest.mark.parametrize("runs_a_day", [1, 3, 10])  # 10 a day: 300 in a 30-day window
@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 70), st.floats(0, 90, allow_nan=False)), min_size=1, max_size=40))
def test_single_run_spikes_equal_the_rule_applied_run_by_run(runs_a_day, drawn):
    """The sliding maximum finds the same runs, longest and ratio as the look-up per run:
    same-day runs, gaps past 30 days, zero minutes, and a dense month."""
    start = date(2026, 1, 1)
    rows = [
        {"run_date": start + timedelta(days=day), "duration_min": minutes, "kind": "continuous"}
        for day, minutes in drawn
    ]
    rows += [
        {"run_date": start + timedelta(days=day), "duration_min": 20.0 + n, "kind": "continuous"}
        for day in range(31)
        for n in range(runs_a_day - 1)
    ]
    runs = runs_frame(sorted(rows, key=lambda row: row["run_date"]))
    spikes = volume.single_run_spikes(runs)
    found = list(zip(spikes["id"], spikes["running_min"], spikes["previous_longest_min"], spikes["ratio"], strict=True))
    assert found == _spikes_one_by_one(runs)


def test_weekly_summary_reads_a_distance_or_duration_that_is_not_a_number_as_unknown():
    """Storage holds numbers, but a frame handed over with text in a number column (a file
    from elsewhere) is read as unknown, not refused: no distance, no minutes."""
    runs = runs_frame(
        [
            {"run_date": date(2026, 3, 2), "duration_min": 30.0, "kind": "continuous", "distance_km": "far"},
            {"run_date": date(2026, 3, 3), "duration_min": "long", "kind": "walk", "distance_km": 2.0},
        ]
    )
    week = volume.weekly_summary(runs, symptoms_frame([]), birth_date=None).iloc[0]
    assert (week["run_minutes"], week["runs_without_distance"], week["run_distance_km"]) == (30.0, 1, 0.0)
    assert week["walk_minutes"] == 0.0
