"""The pacing engine: unit tests at the rules' boundaries, and property tests."""

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from painwise.clinical.program.pacing import (
    DayLog,
    PacingError,
    PacingSettings,
    baseline_from,
    check_tolerance,
    detect_flare,
    run,
)

S = PacingSettings()

# Each example replays months of pacing twice: a third of the profile's examples (13 in the
# everyday profile, 333 with HYPOTHESIS_PROFILE=deep) keeps the core's tests quick.
HEAVY = settings(max_examples=max(10, settings.default.max_examples // 3))
START = dt.date(2026, 3, 2)


def day(n):
    return START + dt.timedelta(days=n)


def steady(days, amount, pain=4.0, flare_on=()):
    return [DayLog(day(i), amount, pain, i in flare_on) for i in range(days)]


class TestBaselineAndTolerance:
    def test_baseline_needs_three_tests(self):
        assert baseline_from([10, 12], S) is None
        assert baseline_from([10, 12, 14], S) == 12

    def test_only_the_first_seven_tests_count(self):
        assert baseline_from([10] * 7 + [100], S) == 10

    @pytest.mark.parametrize("value", [0, 5e-324, 0.09, -5, 24 * 60 + 1, float("nan")])
    def test_absurd_tolerance_tests_are_refused(self, value):
        with pytest.raises(PacingError):
            check_tolerance(value, "minutes")

    def test_a_tenth_is_the_least(self):
        assert check_tolerance(0.1, "minutes") == 0.1

    def test_a_full_day_is_the_most_minutes(self):
        assert check_tolerance(24 * 60, "minutes") == 24 * 60

    def test_no_baseline_means_no_quota(self):
        state = run(baseline=None, goal=30, quota_start=START, days=[], today=day(3))
        assert (state.phase, state.quota) == ("baseline", None)


class TestQuota:
    def test_it_starts_at_80_percent_of_baseline(self):
        assert run(baseline=20, goal=60, quota_start=START, days=[], today=START).quota == 16

    def test_a_good_week_adds_10_percent_of_baseline(self):
        state = run(baseline=20, goal=60, quota_start=START, days=steady(7, 16), today=day(7))
        assert state.quota == pytest.approx(18)
        assert state.events[-1][1].rule == "pacing_progress"

    @pytest.mark.parametrize(("done", "grows"), [(16 * 0.8, True), (16 * 0.79, False)])
    def test_adherence_threshold_is_80_percent(self, done, grows):
        state = run(baseline=20, goal=60, quota_start=START, days=steady(7, done), today=day(7))
        assert (state.quota > 16) is grows

    def test_a_flare_week_holds_even_with_full_adherence(self):
        days = steady(7, 16, flare_on={3})
        state = run(baseline=20, goal=60, quota_start=START, days=days, today=day(7))
        # Lowered on day 4, back to 16 once pain settled, and no weekly growth after a flare week.
        assert min(h.quota for h in state.history) < 16
        assert state.quota == 16
        assert state.events[-1][1].rule == "pacing_hold"

    def test_the_goal_caps_the_quota(self):
        state = run(baseline=20, goal=19, quota_start=START, days=steady(60, 30), today=day(60))
        assert state.quota == 19

    def test_doing_more_than_the_quota_does_not_raise_it_faster(self):
        a = run(baseline=20, goal=60, quota_start=START, days=steady(14, 16), today=day(14)).quota
        b = run(baseline=20, goal=60, quota_start=START, days=steady(14, 40), today=day(14)).quota
        assert a == b

    def test_the_weekly_step_is_a_setting_between_5_and_20_percent(self):
        fast = PacingSettings(weekly_increment=0.2)
        assert (
            run(
                baseline=20,
                goal=60,
                quota_start=START,
                days=steady(7, 20),
                today=day(7),
                settings=fast,
            ).quota
            == 20
        )
        with pytest.raises(ValueError):
            PacingSettings(weekly_increment=0.25)


class TestFlare:
    def test_a_declared_flare_drops_to_relative_rest(self):
        days = steady(20, 30, flare_on={17})  # quotas: 16, 18, 20 from day 14
        state = run(baseline=20, goal=60, quota_start=START, days=days, today=day(18))
        # quota of two weeks earlier (16), and at least one step (2) below 20 -> 16
        assert state.quota == 16
        assert state.phase == "rest"

    def test_relative_rest_never_goes_below_half_the_baseline(self):
        days = steady(3, 16, flare_on={1})
        state = run(baseline=20, goal=60, quota_start=START, days=days, today=day(2))
        assert state.quota == pytest.approx(14)  # 16 - one step of 2, above the floor of 10
        s = PacingSettings(floor_fraction=0.75)
        assert (
            run(baseline=20, goal=60, quota_start=START, days=days, today=day(2), settings=s).quota
            == 15
        )

    def test_pain_two_points_above_the_7_day_mean_two_days_running_is_a_flare(self):
        pains = {day(i): 4.0 for i in range(7)}
        pains[day(7)] = 6.0
        assert detect_flare(pains, day(7), False, S) is False  # one day is not enough
        pains[day(8)] = 6.0
        assert detect_flare(pains, day(8), False, S) is True
        pains[day(8)] = 5.9
        assert detect_flare(pains, day(8), False, S) is False

    @given(
        st.dictionaries(st.integers(0, 13), st.integers(0, 20).map(lambda half: half / 2)),
        st.integers(0, 13),
        st.integers(1, 3),
    )
    def test_a_shown_flare_is_the_rule_read_plainly(self, known, on, running):
        """The rule as written: the last ``running`` days each >= 2 above the mean of the 7 days
        before them (at least 3 of those rated)."""
        pains = {day(k): v for k, v in known.items()}
        s = replace(S, flare_days_running=running)
        run_days = [day(on - k) for k in range(running)]
        before = [
            pains[run_days[-1] - dt.timedelta(days=k)]
            for k in range(1, 8)
            if run_days[-1] - dt.timedelta(days=k) in pains
        ]
        expected = len(before) >= 3 and all(
            d in pains and pains[d] >= sum(before) / len(before) + 2 - 1e-9 for d in run_days
        )
        assert detect_flare(pains, day(on), False, s) is expected

    def test_it_returns_to_the_pre_flare_quota_in_steps_once_pain_settles(self):
        days = steady(14, 20, pain=4)  # quota 16 -> 18 -> 20 by day 14
        days += [DayLog(day(14), 20, 7, True), DayLog(day(15), 10, 7, False)]
        days += [DayLog(day(16 + i), 20, 4.5, False) for i in range(5)]
        state = run(baseline=20, goal=60, quota_start=START, days=days, today=day(21))
        quotas = [h.quota for h in state.history]
        assert quotas[13] == 18  # the day before
        assert quotas[14] == 16  # the declared flare acts on its own day: rest at once
        assert quotas[15] == 16  # rest
        assert quotas[16] == 16  # pain still high that day
        assert quotas[17] == pytest.approx(16 + 4 / 3)  # steps back up...
        assert quotas[19] == pytest.approx(20)  # ...to the pre-flare quota
        assert state.phase == "normal"

    def test_the_days_of_one_flare_do_not_keep_lowering_it(self):
        days = steady(14, 20) + [DayLog(day(14 + i), 10, 8, True) for i in range(4)]
        state = run(baseline=20, goal=60, quota_start=START, days=days, today=day(18))
        assert [h.quota for h in state.history[14:]] == [16, 16, 16, 16, 16]

    def test_a_flare_declared_today_lowers_todays_quota(self):
        days = steady(14, 20) + [DayLog(day(14), 0, None, True)]
        state = run(baseline=20, goal=60, quota_start=START, days=days, today=day(14))
        assert (state.quota, state.phase) == (16, "rest")
        assert state.events[-1][0] == day(14) and state.events[-1][1].rule == "pacing_flare"

    def test_a_flare_shown_by_pain_acts_from_the_next_day(self):
        days = steady(14, 20, pain=4) + [DayLog(day(14), 20, 7), DayLog(day(15), 20, 7)]
        before = run(baseline=20, goal=60, quota_start=START, days=days, today=day(15))
        after = run(baseline=20, goal=60, quota_start=START, days=days, today=day(16))
        assert (before.quota, before.phase) == (20, "normal")
        assert (after.quota, after.phase) == (16, "rest")


@st.composite
def histories(draw):
    baseline = draw(st.floats(1, 120))
    goal = draw(st.floats(1, 300))
    n = draw(st.integers(1, 70))
    days = [
        DayLog(
            day(i),
            draw(st.floats(0, 300)),
            draw(st.one_of(st.none(), st.floats(0, 10))),
            draw(st.booleans().map(lambda b: b and draw(st.integers(0, 9)) == 0)),
        )
        for i in range(n)
    ]
    inc = draw(st.sampled_from([0.05, 0.1, 0.15, 0.2]))
    return baseline, goal, days, PacingSettings(weekly_increment=inc)


def replay(history):
    """The engine over a drawn history, up to its last day."""
    baseline, goal, days, settings = history
    return run(
        baseline=baseline,
        goal=goal,
        quota_start=START,
        days=days,
        today=days[-1].date,
        settings=settings,
    )


@given(histories())
@HEAVY
def test_quotas_stay_between_the_floor_and_the_goal(h):
    baseline, goal, _, s = h
    state = replay(h)
    floor = min(goal, s.floor_fraction * baseline)
    for entry in state.history:
        assert floor - 1e-9 <= entry.quota <= goal + 1e-9


@given(histories())
@HEAVY
def test_a_declared_flare_always_lowers_its_own_days_quota_unless_at_the_floor(h):
    """Against the same history without that declaration: the day's quota is lower, unless
    the flare was already running or the quota was already at the floor."""
    baseline, goal, days, settings = h
    declared = [d.date for d in days if d.flare_declared]
    if not declared:
        return
    target = declared[0]
    without = [replace(d, flare_declared=False) if d.date == target else d for d in days]
    kwargs = dict(baseline=baseline, goal=goal, quota_start=START, today=target, settings=settings)
    flared, calm = run(days=days, **kwargs), run(days=without, **kwargs)
    floor = min(goal, settings.floor_fraction * baseline)
    running = target - dt.timedelta(days=1) in calm.flare_days
    if not running and calm.quota > floor + 1e-9:
        assert flared.quota < calm.quota


@given(histories())
@HEAVY
def test_the_replay_is_deterministic_and_explained(h):
    a, b = replay(h), replay(h)
    assert a == b
    assert a.events and a.events[0][1].rule == "pacing_start"
