"""Unit tests for levels.py: which level a run she did covers, on each level's exact minutes."""

from __future__ import annotations

from datetime import date

import pytest

from return_to_run import levels
from return_to_run.records import RunRecord

DAY = date(2026, 3, 4)


@pytest.mark.parametrize(
    ("minutes", "level"),
    [
        (0.5, 0),  # under a minute of running covers nothing
        (9.9, 0),
        (10, 1),  # level 1: 10 running minutes
        (11.9, 1),
        (12, 2),
        (15, 3),
        (19.9, 3),
        (20, 4),  # 2-min intervals, 20 running minutes
        (24, 5),
        (25, 6),
        (28, 7),
        (29.9, 7),
        (30, 10),  # 30 min continuous
    ],
)
def test_continuous_run_covers_the_level_of_its_running_minutes(minutes, level):
    assert levels.level_covered(RunRecord(1, DAY, "continuous", float(minutes))) == level


@pytest.mark.parametrize(
    ("run_interval", "walk_interval", "repeats", "level"),
    [
        (0.5, 1, 30, 0),  # 15 running minutes, but no stretch of a whole minute
        (1, 1, 9, 0),  # 9 running minutes
        (1, 1, 10, 1),
        (1, 1, 15, 3),
        (1.9, 1, 20, 3),  # 38 running minutes in stretches under 2 min
        (2, 1, 10, 4),
        (3, 1, 8, 5),
        (5, 1, 6, 6),  # 30 running minutes in 5-min stretches
        (10, 1, 3, 8),
        (15, 1, 2, 9),
    ],
)
def test_walk_run_covers_a_level_by_its_interval_and_its_running_minutes(run_interval, walk_interval, repeats, level):
    duration = (run_interval + walk_interval) * repeats
    run = RunRecord(
        1, DAY, "walk_run", float(duration), None, float(run_interval), float(walk_interval), float(repeats)
    )
    assert levels.level_covered(run) == level
