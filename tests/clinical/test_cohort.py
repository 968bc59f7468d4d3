"""Cohort outcomes at weeks 4 and 12 (clinical/tracking/cohort.py), at their boundaries."""

import datetime as dt

from painwise.clinical.tracking.cohort import (
    PatientCourse,
    outcomes,
    psfs_change,
    week_outcome,
    week_window,
)
from painwise.clinical.tracking.rules import TrackingSettings

START = dt.date(2026, 1, 5)
RULES = TrackingSettings()


def course(baseline: float, week4: float | None, *, days: int = 7, pk: int = 1, psfs=()):
    pain = {START + dt.timedelta(d): baseline for d in range(days)}
    if week4 is not None:
        first, _last = week_window(START, 4)
        pain |= {first + dt.timedelta(d): week4 for d in range(days)}
    return PatientCourse(pk, START, pain, psfs)


def after_week(week: int) -> dt.date:
    return week_window(START, week)[1] + dt.timedelta(days=1)


def test_week_windows_are_days_21_to_27_and_77_to_83():
    assert week_window(START, 1) == (START, START + dt.timedelta(6))
    assert week_window(START, 4) == (START + dt.timedelta(21), START + dt.timedelta(27))
    assert week_window(START, 12) == (START + dt.timedelta(77), START + dt.timedelta(83))


def test_a_patient_counts_only_once_the_week_is_over():
    c = course(6, 4)
    assert week_outcome([c], 4, after_week(4) - dt.timedelta(days=1), RULES).patients == 0
    assert week_outcome([c], 4, after_week(4), RULES).patients == 1


def test_a_drop_of_two_points_is_meaningful_and_one_point_nine_is_not():
    today = after_week(4)
    # From 8, two points is 25%: only the two points make it meaningful.
    assert week_outcome([course(8, 6)], 4, today, RULES).improved == 1
    assert week_outcome([course(8, 6.1)], 4, today, RULES).improved == 0


def test_thirty_percent_of_a_low_baseline_is_meaningful():
    today = after_week(4)
    assert week_outcome([course(3, 2.1)], 4, today, RULES).improved == 1  # 30%
    assert week_outcome([course(3, 2.2)], 4, today, RULES).improved == 0  # 26.7%


def test_pain_free_or_nearly_is_a_mean_of_one_or_less():
    today = after_week(4)
    assert week_outcome([course(5, 1.0)], 4, today, RULES).pain_free == 1
    assert week_outcome([course(5, 1.1)], 4, today, RULES).pain_free == 0


def test_too_few_days_leave_the_pain_shares_without_this_patient():
    # Two days in week 4 (fewer than min_days_per_window, 3): retained, but no pain figure.
    out = week_outcome([course(6, 1, days=2)], 4, after_week(4), RULES)
    assert (out.patients, out.retained, out.with_pain) == (1, 1, 0)
    assert out.improved_share is None and out.retention == 1.0


def test_a_patient_with_no_check_in_in_the_week_is_not_retained():
    out = week_outcome([course(6, None)], 4, after_week(4), RULES)
    assert (out.patients, out.retained, out.retention) == (1, 0, 0.0)


def test_nobody_to_count_is_no_data_not_zero():
    [w4, w12] = outcomes([course(6, 4)], after_week(4), RULES)
    assert w4.patients == 1 and w12.patients == 0
    assert w12.retention is None and w12.improved_share is None and w12.psfs_change is None


def test_psfs_change_uses_the_latest_rating_no_older_than_two_weeks():
    last = week_window(START, 4)[1]
    ratings = [(START, 3.0), (last - dt.timedelta(days=14), 5.0)]
    assert psfs_change(ratings, last) == 2.0
    assert psfs_change([(START, 3.0), (last - dt.timedelta(days=15), 5.0)], last) is None
    assert psfs_change([(START, 3.0)], last) is None  # no later rating than the first
    assert psfs_change([(START, 3.0), (last + dt.timedelta(days=1), 9.0)], last) is None


def test_shares_are_over_the_right_patients():
    courses = [course(6, 3, pk=1), course(6, 5.5, pk=2), course(6, 1, days=2, pk=3)]
    out = week_outcome(courses, 4, after_week(4), RULES)
    assert (out.patients, out.with_pain, out.improved) == (3, 2, 1)
    assert out.improved_share == 0.5
