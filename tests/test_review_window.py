"""The review reads only the baseline week, the recent days and the check-in dates, and gives
the same review and the same patterns as from every day (the review's cost stays the same
however long the history)."""

import datetime as dt
import random

import pytest

from painwise.calm.models import BreathingSession, Pattern
from painwise.clinical.tracking.patterns import find_patterns
from painwise.clinical.tracking.signals import review
from painwise.tracking import services
from painwise.tracking.models import CheckIn, WeeklyCheck


def history(patient, days, *, skip=(), silent=0, worse_lately=False, seed=0):
    """``days`` days of check-ins up to ``silent`` days ago (none in ``skip``, days back from
    today), some days twice, stress going with pain in the last year and activity going with
    pain only before it; a weekly check every 7 days."""
    rng = random.Random(seed)
    today = services.local_today(patient)
    rows, weekly = [], []
    for back in range(silent, silent + days):
        if back in skip:
            continue
        stress = rng.randint(0, 10)
        activity = rng.randint(0, 90)
        pain = 5 + (stress - 5) * 0.3 if back < 365 else 5 + (activity - 45) / 30
        if worse_lately and back < 14:
            pain += 3
        for _ in range(1 + (back % 5 == 0)):
            rows.append(
                CheckIn(
                    patient=patient,
                    local_date=today - dt.timedelta(days=back),
                    pain_now=round(min(10, max(0, pain + rng.gauss(0, 1)))),
                    pain_average=round(min(10, max(0, pain + rng.gauss(0, 0.7)))),
                    stiffness=rng.randint(2, 7),
                    sleep_quality=rng.randint(2, 9),
                    stress=stress,
                    confidence=rng.randint(3, 8),
                    fear=rng.randint(2, 7),
                    activity_minutes=activity,
                    flare=rng.random() < 0.03,
                )
            )
        if back % 7 == 3:
            weekly.append(
                WeeklyCheck(
                    patient=patient,
                    local_date=today - dt.timedelta(days=back),
                    peg_pain=6,
                    peg_enjoyment=5,
                    peg_activity=5,
                )
            )
    CheckIn.objects.bulk_create(rows)
    WeeklyCheck.objects.bulk_create(weekly)


def from_every_day(patient):
    today = services.local_today(patient)
    rules = services.tracking_settings()
    every = services.days_for(patient, end=today)
    return (
        every,
        review(every, services.weekly_for(patient), today, rules),
        find_patterns(every, rules),
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("days", "options"),
    [
        (20, {}),
        (200, {"worse_lately": True}),
        (400, {}),
        (1100, {"skip": set(range(300, 480))}),  # a half-year away, then back
        (800, {"silent": 200}),  # no check-in for 200 days
        (900, {"worse_lately": True, "seed": 3}),
    ],
)
def test_the_review_from_its_windows_is_the_review_from_every_day(patient, days, options):
    history(patient, days, **options)
    today = services.local_today(patient)
    BreathingSession.objects.create(
        patient=patient,
        local_date=today - dt.timedelta(days=2),
        pattern=Pattern.SLOW,
        seconds=600,
    )
    data = services.review_for(patient)
    every, full_review, full_patterns = from_every_day(patient)
    assert data.review.to_dict() == full_review.to_dict()
    assert data.patterns.to_dict() == full_patterns.to_dict()
    assert data.review.days_with_checkins == len(every)
    if days > 400:
        assert len(data.days) < 400 < len(every)  # the long histories read a year at most


@pytest.mark.django_db
def test_what_showed_only_before_the_last_year_is_no_longer_shown(patient):
    """Activity went with pain only in the first two years; stress does in the last year."""
    history(patient, 1000, seed=5)
    rules = services.tracking_settings()

    def shown(patterns):
        return {r.factor for r in patterns.relations if r.shown}

    assert shown(services.review_for(patient).patterns) == {"stress"}
    every = services.days_for(patient, end=services.local_today(patient))
    older = every[: -rules.pattern_window_days]
    assert "activity_minutes" in shown(find_patterns(older, rules))  # there, before the year


@pytest.mark.django_db
def test_the_alert_check_reads_the_same_review(patient, clinician):
    """The worker's deterioration check gets the same answer from the windows."""
    history(patient, 700, worse_lately=True, seed=1)
    _every, full_review, _patterns = from_every_day(patient)
    assert full_review.deterioration  # the generated history is one that alerts
    assert "deterioration" in services.evaluate_alerts(patient)
