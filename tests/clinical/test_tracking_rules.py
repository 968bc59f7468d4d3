"""The tracking rules at their boundaries (docs/rules/tracking.md)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from painwise.clinical.tracking.rules import TrackingSettings
from painwise.clinical.tracking.signals import (
    Day,
    Entry,
    WeeklyRating,
    daily_means,
    pain_improvement,
    regular_weeks,
    review,
)

S = TrackingSettings()
START = dt.date(2026, 1, 5)


def series(pains, start=START, **extra):
    """One day per value; None skips the day."""
    return [
        Day(start + dt.timedelta(days=i), {"pain_average": p, **extra}, False, 1)
        for i, p in enumerate(pains)
        if p is not None
    ]


def today_after(days):
    return START + dt.timedelta(days=days - 1)


class TestMeaningfulPainImprovement:
    @pytest.mark.parametrize(
        ("baseline", "current", "meaningful"),
        [
            (6, 4, True),  # 2 points
            (6, 4.1, True),  # 1.9 points, but 1.9/6 = 31.7% >= 30%
            (8, 6.1, False),  # 1.9 points and 23.75%
            (8, 6.0, True),  # 2 points
            (3, 2.1, True),  # 0.9 points = 30%
            (3, 2.2, False),  # 0.8 points = 26.7%
            (0, 0, False),
            (5, 6, False),
        ],
    )
    def test_two_points_or_thirty_percent(self, baseline, current, meaningful):
        assert pain_improvement(baseline, current, S).meaningful is meaningful

    def test_missing_values_are_never_meaningful(self):
        assert pain_improvement(None, 2, S).meaningful is False
        assert pain_improvement(5, None, S).meaningful is False


class TestDailyMeans:
    def test_several_entries_on_a_day_average(self):
        d = dt.date(2026, 2, 1)
        days = daily_means(
            [
                Entry(d, {"pain_average": 4, "stress": None}),
                Entry(d, {"pain_average": 6, "stress": 2}),
                Entry(d + dt.timedelta(days=1), {"pain_average": 3}, flare=True),
            ]
        )
        assert [x.values["pain_average"] for x in days] == [5, 3]
        assert days[0].values["stress"] == 2  # only the entry that gave it
        assert (days[0].entries, days[1].flare) == (2, True)

    @given(
        st.lists(
            st.tuples(
                st.integers(0, 9),  # the day
                st.lists(
                    st.one_of(st.none(), st.integers(0, 10), st.floats(0, 24)),
                    min_size=3,
                    max_size=3,
                ),
                st.booleans(),
            ),
            max_size=25,
        )
    )
    def test_the_same_figures_as_the_plain_computation(self, rows):
        """Every field's mean of the entries that gave it, to the bit, in entry order."""
        entries = [
            Entry(
                START + dt.timedelta(days=d),
                dict(zip(("pain_average", "sleep_hours", "stress"), v, strict=True)),
                f,
            )
            for d, v, f in rows
        ]
        got = {day.date: day for day in daily_means(entries)}
        assert list(got) == sorted(got)
        for date, day in got.items():
            mine = [e for e in entries if e.date == date]
            assert (day.entries, day.flare) == (len(mine), any(e.flare for e in mine))
            for name, value in day.values.items():
                given_ = [float(e.values[name]) for e in mine if e.values.get(name) is not None]
                assert value == (sum(given_) / len(given_) if given_ else None)
        assert len(got) == len({e.date for e in entries})


class TestReview:
    def test_the_first_week_is_the_baseline(self):
        rv = review(series([6] * 5), [], today_after(5))
        assert rv.baseline_complete is False
        assert rv.signals[1].measures["pain"].current is None

    def test_a_meaningful_drop_is_reported(self):
        rv = review(series([6] * 7 + [5] * 7 + [4] * 7), [], today_after(21))
        pain = rv.signals[1].measures["pain"]
        assert (pain.baseline, pain.current, pain.meaningful) == (6, 4, True)
        assert any(r.rule == "pain_meaningful_improvement" for r in rv.reasons)

    @pytest.mark.parametrize(("last", "free"), [(1, True), (1.1, False), (0, True)])
    def test_pain_free_or_nearly_at_one_or_less(self, last, free):
        rv = review(series([5] * 7 + [last] * 7), [], today_after(14))
        assert rv.pain_free_or_nearly is free

    def test_too_few_days_in_a_window_say_nothing(self):
        rv = review(series([6, 6, 6, 6, 6, 6, 6] + [None] * 5 + [2, 2]), [], today_after(14))
        assert rv.signals[1].measures["pain"].current is None

    def test_psfs_mean_up_by_two_is_meaningful(self):
        weekly = [
            WeeklyRating(START, psfs={"a": 2, "b": 4}),
            WeeklyRating(START + dt.timedelta(days=7), psfs={"a": 4, "b": 5}),
            WeeklyRating(START + dt.timedelta(days=14), psfs={"a": 5, "b": 5}),
        ]
        rv = review(series([5] * 15), weekly[:2], today_after(15))
        assert rv.signals[0].measures["psfs"].meaningful is False  # 3 -> 4.5
        rv = review(series([5] * 15), weekly, today_after(15))
        assert rv.signals[0].measures["psfs"].meaningful is True  # 3 -> 5


class TestDeterioration:
    def test_two_weeks_in_a_row_two_points_above_baseline(self):
        rv = review(series([4] * 7 + [6] * 14), [], today_after(21))
        assert [r.rule for r in rv.deterioration] == ["deterioration_pain"]

    def test_one_bad_week_is_not_deterioration(self):
        rv = review(series([4] * 7 + [4] * 7 + [7] * 7), [], today_after(21))
        assert rv.deterioration == ()

    def test_just_under_two_points_is_not_deterioration(self):
        rv = review(series([4] * 7 + [5.9] * 14), [], today_after(21))
        assert rv.deterioration == ()

    @pytest.mark.parametrize(("later", "worse"), [((3, 3), False), ((4, 5), True), ((5, 4), True)])
    def test_peg_interference_up_by_two(self, later, worse):
        weekly = [
            WeeklyRating(START, 5, 2, 3),  # interference 2.5
            WeeklyRating(START + dt.timedelta(days=7), 5, *later),
        ]
        rv = review(series([5] * 10), weekly, today_after(10))
        assert ("deterioration_peg_interference" in [r.rule for r in rv.deterioration]) is worse


class TestPlateau:
    def steady(self, weeks, pains_per_week, days_per_week=5):
        days = []
        for w in range(weeks):
            for d in range(days_per_week):
                days.append(
                    Day(
                        START + dt.timedelta(days=7 * w + d),
                        {"pain_average": pains_per_week[w]},
                        False,
                        1,
                    )
                )
        return days

    def test_six_steady_weeks_without_change_is_a_plateau(self):
        days = self.steady(7, [6] * 7)
        rv = review(days, [], START + dt.timedelta(days=7 * 7 - 1))
        assert rv.weeks_regular >= 6
        assert rv.plateau is not None and rv.plateau.rule == "plateau"

    def test_improving_steadily_is_not_a_plateau(self):
        days = self.steady(7, [7, 7, 6.5, 6, 5, 4.5, 4])
        rv = review(days, [], START + dt.timedelta(days=7 * 7 - 1))
        assert rv.plateau is None

    def test_five_steady_weeks_are_too_few(self):
        days = self.steady(5, [6] * 5)
        rv = review(days, [], START + dt.timedelta(days=7 * 5 + 2))
        assert rv.plateau is None

    def test_three_days_a_week_is_not_regular_use(self):
        days = self.steady(8, [6] * 8, days_per_week=3)
        assert regular_weeks(days, START, START + dt.timedelta(days=55), 4) == 0
        assert regular_weeks(self.steady(8, [6] * 8), START, START + dt.timedelta(days=55), 4) == 7
        assert review(days, [], START + dt.timedelta(days=55)).plateau is None

    def test_function_gains_prevent_a_plateau(self):
        days = self.steady(7, [6] * 7)
        weekly = [
            WeeklyRating(START + dt.timedelta(days=7 * w), psfs={"a": 2 + w}) for w in range(7)
        ]
        rv = review(days, weekly, START + dt.timedelta(days=7 * 7 - 1))
        assert rv.plateau is None

    def test_the_weeks_are_settings(self):
        days = self.steady(5, [6] * 5)
        rv = review(
            days,
            [],
            START + dt.timedelta(days=34),
            TrackingSettings(plateau_min_weeks=4, plateau_window_weeks=3),
        )
        assert rv.plateau is not None


@given(
    st.lists(st.one_of(st.none(), st.floats(0, 10, allow_nan=False)), min_size=0, max_size=120),
    st.integers(0, 130),
)
def test_review_never_crashes_and_meaningful_needs_both_windows(pains, offset):
    days = series(pains)
    rv = review(days, [], START + dt.timedelta(days=offset))
    pain = rv.signals[1].measures.get("pain")
    if pain is not None and pain.meaningful:
        assert (
            pain.baseline is not None and pain.current is not None and pain.current < pain.baseline
        )
    assert rv.to_dict()["signals"].keys() == {"function", "symptoms", "confidence"}


def test_the_counts_can_come_from_the_check_in_dates_alone():
    """review(..., checkin_dates=...) takes the days counted and the regular weeks from the
    dates, so that ``days`` may hold only the windows the rules read."""
    start, today = START, START + dt.timedelta(days=7 * 9 + 2)
    every = [Day(start + dt.timedelta(days=i), {"pain_average": 6.0}, False, 1) for i in range(66)]
    windows = [
        d
        for d in every
        if d.date < start + dt.timedelta(days=7) or d.date > today - dt.timedelta(days=42)
    ]
    dates = [d.date for d in every]
    full = review(every, [], today)
    assert full.weeks_regular == 9 and full.plateau is not None
    assert review(windows, [], today, checkin_dates=dates).to_dict() == full.to_dict()
    assert review(windows, [], today).days_with_checkins == len(windows) < len(every)
