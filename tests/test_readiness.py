"""Unit tests for readiness.py: the pass rule, test validity and the 14-day symptom window,
each on its exact day and one either side."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from return_to_run import models, readiness
from return_to_run.readiness import EARLY_IMPACT_NOTE, FLAG_OPEN_NOTE
from return_to_run.readiness import TestOffer as Offer
from return_to_run.records import ReadinessRecord
from tests.scenario_helpers import flag, history, load_tests, on, profile, result, run, symptom

TODAY = on(20)


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


@pytest.mark.parametrize(
    ("completed", "had_symptoms", "reps", "outcome"),
    [
        (False, False, (25, 25), "not_completed"),
        (False, True, (25, 25), "not_completed"),
        (True, True, (25, 25), "symptoms"),
        (True, False, (20, 20), "passed"),
        (True, False, (19, 20), "under_target"),
        (True, False, (20, 19), "under_target"),
        (True, False, (25, None), "under_target"),  # a side not recorded counts as 0 reps
        (True, False, (None, 25), "under_target"),
        (True, False, (None, None), "under_target"),
    ],
)
def test_strength_outcome(completed, had_symptoms, reps, outcome):
    record = ReadinessRecord(1, TODAY, "calf_raise", completed, had_symptoms, *reps)
    assert readiness.readiness_outcome(record) == outcome
    assert readiness.passed_test(record) is (outcome == "passed")


def test_load_test_outcome_needs_no_reps():
    assert readiness.readiness_outcome(ReadinessRecord(1, TODAY, "hop_in_place", True, False)) == "passed"
    assert readiness.readiness_outcome(ReadinessRecord(1, TODAY, "hop_in_place", True, True)) == "symptoms"


def test_a_result_dated_today_counts_and_one_dated_tomorrow_does_not():
    h = history(readiness=[result(1, TODAY, "walk_30min"), result(2, TODAY + timedelta(days=1), "hop_in_place")])
    status = readiness.readiness_status(h, TODAY)
    assert (status["walk_30min"], status["hop_in_place"]) == ("passed", "not_done")
    assert set(readiness.latest_results(h, TODAY)) == {"walk_30min"}


@pytest.mark.parametrize(("age_days", "status"), [(55, "passed"), (56, "passed"), (57, "not_done")])
def test_a_result_is_valid_for_56_days_without_running(age_days, status):
    h = history(readiness=[result(1, days_ago(age_days), "walk_30min")])
    assert readiness.readiness_status(h, TODAY)["walk_30min"] == status


@pytest.mark.parametrize(
    ("run_days_ago", "status"), [(0, "passed"), (29, "passed"), (30, "passed"), (31, "not_done"), (-1, "not_done")]
)
def test_a_run_in_the_last_30_days_keeps_an_old_result_valid(run_days_ago, status):
    # -1: a run dated tomorrow is not "in the last 30 days"
    h = history(readiness=[result(1, days_ago(70), "walk_30min")], runs=[run(1, days_ago(run_days_ago), 20)])
    assert readiness.readiness_status(h, TODAY)["walk_30min"] == status


def test_tests_passed_date_is_the_last_of_the_seven():
    tests = load_tests(days_ago(10))
    tests[3]["test_date"] = days_ago(4)
    assert readiness.tests_passed_date(history(readiness=tests), TODAY) == days_ago(4)
    tests[3]["had_symptoms"] = 1
    assert readiness.tests_passed_date(history(readiness=tests), TODAY) is None


def pelvic(id: int, day: date, **fields) -> dict:
    return symptom(id, day, leakage="drops", **fields)


@pytest.mark.parametrize(("age_days", "counted"), [(0, True), (13, True), (14, False), (-1, False)])
def test_14_day_window_of_pelvic_symptoms(age_days, counted):
    day = days_ago(age_days)
    expected = [day] if counted else []
    entries = history(symptoms=[pelvic(1, day)])
    assert readiness.recent_pelvic_symptom_dates(entries, TODAY, passed_on=None) == expected
    tests = history(readiness=[result(1, day, "hop_in_place", had_symptoms=1)])
    assert readiness.recent_pelvic_symptom_dates(tests, TODAY, passed_on=None) == expected


def test_every_pelvic_entry_in_the_window_counts_whatever_comes_before_it():
    h = history(
        symptoms=[
            symptom(1, days_ago(20), leakage="drops"),  # outside the window
            symptom(2, days_ago(9), pain_knee_0_10=3),  # not pelvic
            pelvic(3, days_ago(6), timing="during_run"),  # run-linked after the tests: the plan's
            pelvic(4, days_ago(3)),
            symptom(5, days_ago(2), heaviness_0_10=2),
        ]
    )
    assert readiness.recent_pelvic_symptom_dates(h, TODAY, passed_on=days_ago(8)) == [days_ago(3), days_ago(2)]


@pytest.mark.parametrize(("passed_days_ago", "counted"), [(5, False), (4, False), (3, True)])
def test_run_linked_entries_from_the_day_the_tests_were_passed_are_the_plans(passed_days_ago, counted):
    h = history(symptoms=[pelvic(1, days_ago(4), timing="within_24h")])
    dates = readiness.recent_pelvic_symptom_dates(h, TODAY, passed_on=days_ago(passed_days_ago))
    assert dates == ([days_ago(4)] if counted else [])


@pytest.mark.parametrize(("age_days", "judged"), [(0, True), (13, True), (14, False), (-1, False)])
def test_something_logged_in_the_14_days_judges_symptoms(age_days, judged):
    day = days_ago(age_days)
    assert readiness.symptoms_judged(history(symptoms=[symptom(1, day)]), TODAY) is judged
    assert readiness.symptoms_judged(history(readiness=[result(1, day, "walk_30min")]), TODAY) is judged
    assert readiness.symptoms_judged(history(runs=[run(1, day, 20)]), TODAY) is judged
    assert readiness.symptoms_judged(history(), TODAY) is False


def test_tests_offered_in_full():
    labels = models.READINESS_TESTS
    impact = ("jog_on_spot", "forward_bounds", "hop_in_place", "running_man")
    assert readiness.tests_offered(profile(), history(), on(12)) == tuple(
        Offer(code, label, True, "", impact=code in impact) for code, label in labels.items()
    )
    assert readiness.tests_offered(profile(), history(), on(11, 6)) == tuple(
        Offer(code, label, True, EARLY_IMPACT_NOTE if code in impact else "", impact=code in impact)
        for code, label in labels.items()
    )
    flagged = history(red_flags=[flag(1, "fever", on(13))])
    assert readiness.tests_offered(profile(), flagged, on(14)) == tuple(
        Offer(code, label, False, FLAG_OPEN_NOTE, impact=True) if code in impact else Offer(code, label, True)
        for code, label in labels.items()
    )
