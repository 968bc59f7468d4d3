"""The insight statistics on generated series where the truth is known."""

import datetime as dt
import random

import pytest

from painwise.clinical.tracking.patterns import find_patterns, pattern_days, spearman
from painwise.clinical.tracking.rules import TrackingSettings
from painwise.clinical.tracking.signals import Day

START = dt.date(2026, 1, 1)


def days_from(rows):
    return [
        Day(START + dt.timedelta(days=i), {k: v for k, v in row.items()}, False, 1)
        for i, row in enumerate(rows)
        if row is not None
    ]


def noise_series(rng, n=60):
    return [
        {
            "pain_average": rng.randint(2, 7),
            "sleep_quality": rng.randint(2, 9),
            "sleep_hours": round(rng.uniform(5, 9), 1),
            "stress": rng.randint(0, 10),
            "activity_minutes": rng.randint(0, 90),
            "practice_minutes": rng.randint(0, 20),
        }
        for _ in range(n)
    ]


def test_a_real_stress_pain_relation_is_found_and_said_plainly():
    rng = random.Random(7)
    rows = []
    for i in range(42):
        stress = rng.randint(0, 10)
        # Pain falls over the weeks (the program works) and rises with the day's stress.
        pain = 6 - i * 0.05 + 0.4 * stress + rng.gauss(0, 0.8)
        rows.append(
            {
                "pain_average": round(min(10, max(0, pain)), 1),
                "stress": stress,
                "activity_minutes": rng.randint(10, 60),
                "sleep_quality": rng.randint(3, 8),
            }
        )
    found = find_patterns(days_from(rows))
    stress_same_day = next(r for r in found.relations if r.factor == "stress" and r.lag == 0)
    assert stress_same_day.shown and stress_same_day.rho > 0.4 and stress_same_day.low > 0
    activity = [r for r in found.relations if r.factor == "activity_minutes"]
    assert activity and not any(r.shown for r in activity)
    texts = [i.text for i in found.insights]
    assert any(
        "more stress than usual for you, your pain was higher the same day" in t for t in texts
    )
    assert any(
        "more stress than usual; it did not go up or down with how active you were" in t
        for t in texts
    )
    assert not any("nervous system" in t or "damage" in t for t in texts)  # no cause claimed


def test_a_next_day_sleep_relation_is_found():
    rng = random.Random(3)
    sleep = [rng.randint(2, 9) for _ in range(60)]
    rows = []
    for i in range(60):
        prev = sleep[i - 1] if i else 5
        rows.append(
            {
                "sleep_quality": sleep[i],
                "pain_average": round(8 - 0.5 * prev + rng.gauss(0, 0.7), 1),
            }
        )
    found = find_patterns(days_from(rows))
    # Today's sleep goes with tomorrow's pain: the lag-1 relation is the one that shows.
    lag1 = next(r for r in found.relations if r.factor == "sleep_quality" and r.lag == 1)
    assert lag1.shown and lag1.rho < 0


def test_pure_noise_shows_no_pattern_in_at_least_95_percent_of_200_series():
    rng = random.Random(2026)
    with_pattern = 0
    for _ in range(200):
        found = find_patterns(days_from(noise_series(rng)))
        if found.insights:
            with_pattern += 1
    assert with_pattern <= 10, with_pattern


def test_fewer_than_14_days_never_show_a_pattern():
    rows = [{"pain_average": s, "stress": s} for s in [1, 5, 2, 8, 3, 9, 2, 7, 1, 6, 2, 9, 3]]
    found = find_patterns(days_from(rows))
    assert found.relations == () and found.insights == ()


def test_delayed_pain_is_detected_when_pain_follows_activity_by_a_day():
    rng = random.Random(11)
    acts = [rng.choice([10, 20, 30, 90]) for _ in range(70)]
    rows = []
    for i in range(70):
        prev = acts[i - 1] if i else 20
        rows.append(
            {
                "activity_minutes": acts[i],
                "pain_average": round(3 + (2.5 if prev >= 90 else 0) + rng.gauss(0, 0.5), 1),
            }
        )
    found = find_patterns(days_from(rows))
    assert found.delayed is not None and found.delayed.detected
    assert any(i.rule == "delayed_pain" for i in found.insights)


def test_delayed_pain_is_not_claimed_on_noise():
    rng = random.Random(5)
    hits = sum(
        1
        for _ in range(100)
        if (d := find_patterns(days_from(noise_series(rng))).delayed) is not None and d.detected
    )
    assert hits <= 10


@pytest.mark.parametrize(
    ("x", "y", "rho"),
    [
        ([1, 2, 3, 4], [2, 4, 6, 8], 1.0),
        ([1, 2, 3, 4], [4, 3, 2, 1], -1.0),
        ([1, 1, 2, 2], [1, 2, 1, 2], 0.0),
    ],
)
def test_spearman(x, y, rho):
    import numpy as np

    assert spearman(np.array(x, float), np.array(y, float)) == pytest.approx(rho)


@pytest.mark.parametrize("n", [0, 1, 2, 6, 7, 13])
def test_short_histories_give_no_patterns_and_no_errors(n):
    rng = random.Random(n)
    found = find_patterns(days_from(noise_series(rng, n=n)))
    assert found.insights == ()


def _average_ranks(values):
    """Ranks from 0 with ties averaged, the slow and obvious way."""
    ordered = sorted(values)
    return [
        sum(i for i, v in enumerate(ordered) if v == value) / ordered.count(value)
        for value in values
    ]


def test_ranks_average_their_ties_like_the_obvious_computation():
    import random

    import numpy as np

    from painwise.clinical.tracking.patterns import _rank

    rng = random.Random(5)
    for _ in range(300):
        n = rng.randint(0, 60)
        tied = rng.random() < 0.5
        values = [float(rng.randint(0, 10)) if tied else rng.gauss(0, 1) for _ in range(n)]
        assert _rank(np.array(values, dtype=float)).tolist() == _average_ranks(values)


@pytest.mark.parametrize(("length", "kept"), [(364, 364), (365, 365), (366, 365), (500, 365)])
def test_patterns_read_the_last_365_days_up_to_the_latest(length, kept):
    """pattern_window_days (365): the latest day and the 364 before it."""
    days = days_from([{"pain_average": 5}] * length)
    window = pattern_days(days, TrackingSettings())
    assert len(window) == kept and window[-1] == days[-1]
    assert (window[-1].date - window[0].date).days == kept - 1
    assert find_patterns(days).days == kept


def test_a_gap_counts_as_days_in_the_window():
    """The window is of calendar days: a day 365 days before the latest is out, gap or not."""
    days = days_from([{"pain_average": 5}] * 10)
    far = [Day(days[-1].date + dt.timedelta(days=365), {"pain_average": 5}, False, 1)]
    assert pattern_days(days + far, TrackingSettings()) == far
