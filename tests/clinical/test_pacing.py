"""The pacing engine: unit tests at the rules' boundaries, and property tests."""

import datetime as dt
import json
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from painwise.clinical.program.pacing import (
    Checkpoint,
    DayLog,
    PacingError,
    PacingSettings,
    baseline_from,
    check_tolerance,
    checkpoint,
    detect_flare,
    lookback_days,
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


# --- going on from a checkpoint -------------------------------------------------------------


def _from(days, first):
    return [d for d in days if d.date >= first]


@given(histories(), st.data())
@HEAVY
def test_a_replay_from_a_checkpoint_ends_where_one_from_the_start_does(h, data):
    """At any checkpoint day, stored as JSON and read back, with only the days from the
    lookback on: today's quota, phase, floor and latest event, and the history from the
    checkpoint's tail on, are those of the replay from the start. A checkpoint taken from an
    earlier one is the one taken from the start."""
    baseline, goal, days, settings = h
    today = days[-1].date
    if today <= START:
        return
    on = data.draw(st.sampled_from([d.date for d in days if d.date < today]))
    kwargs = dict(baseline=baseline, goal=goal, quota_start=START, settings=settings)
    saved = checkpoint(days=days, on=on, **kwargs)
    saved = Checkpoint.from_dict(json.loads(json.dumps(saved.to_dict())))
    first = on + dt.timedelta(days=1) - dt.timedelta(days=lookback_days(settings))
    whole = run(days=days, today=today, **kwargs)
    resumed = run(days=_from(days, first), today=today, resume=saved, **kwargs)
    assert (resumed.quota, resumed.phase, resumed.floor) == (whole.quota, whole.phase, whole.floor)
    assert resumed.events[-1] == whole.events[-1]
    tail = resumed.history[0].date
    assert resumed.history == tuple(q for q in whole.history if q.date >= tail)
    assert tail <= on - dt.timedelta(days=7 * settings.rest_weeks_back) or tail == START
    later = data.draw(st.sampled_from([d.date for d in days if on <= d.date < today]))
    chained = checkpoint(days=_from(days, first), on=later, resume=saved, **kwargs)
    assert chained == checkpoint(days=days, on=later, **kwargs)


def test_a_checkpoint_of_another_baseline_goal_or_setting_or_not_before_is_refused():
    days = steady(30, 8.0)
    saved = checkpoint(baseline=10, goal=30, quota_start=START, days=days, on=day(20))
    for change in ({"baseline": 11}, {"goal": 31}, {"settings": PacingSettings(recovery_steps=4)}):
        kwargs = {"baseline": 10, "goal": 30, "settings": S, **change}
        with pytest.raises(PacingError):
            run(quota_start=START, days=days, today=day(29), resume=saved, **kwargs)
    same = {"baseline": 10, "goal": 30, "quota_start": START, "days": days, "resume": saved}
    with pytest.raises(PacingError, match="not before"):
        run(today=day(20), **same)
    with pytest.raises(PacingError, match="not before"):
        checkpoint(on=day(19), **same)
    assert checkpoint(on=day(20), **same) == saved
    assert run(today=day(21), **same).quota == run(**{**same, "resume": None}, today=day(21)).quota


@pytest.mark.parametrize("on", [19, 20, 21, 22, 23, 24, 25, 26, 27])
def test_a_flare_running_across_the_checkpoint_is_one_flare(on):
    """Declared on days 20 and 21, shown by pain on 25 and 26, settling from 28: a checkpoint
    on any of those days goes on as one flare, not a new one each time."""
    pains = {25: 8.0, 26: 8.0, 27: 8.0}
    days = [DayLog(day(i), 8.0, pains.get(i, 2.0 + i % 4), i in (20, 21)) for i in range(45)]
    kwargs = dict(baseline=10, goal=30, quota_start=START, settings=S)
    saved = checkpoint(days=days, on=day(on), **kwargs)
    first = day(on + 1) - dt.timedelta(days=lookback_days(S))
    for today in range(on + 1, 45):
        whole = run(days=days, today=day(today), **kwargs)
        resumed = run(days=_from(days, first), today=day(today), resume=saved, **kwargs)
        assert (resumed.quota, resumed.phase, resumed.events[-1]) == (
            whole.quota,
            whole.phase,
            whole.events[-1],
        ), today


def test_the_week_before_a_flare_that_starts_after_the_checkpoint_is_read_in_full():
    """A flare shown on day 30 (pain 8 on days 29 and 30): its reference is the mean pain of
    days 22 to 28, one of them 0, so pain of 4.8 afterwards is not yet 'settled'. A checkpoint
    on day 29 must still read day 22."""
    pains = {22: 0.0, 29: 8.0, 30: 8.0}
    days = [DayLog(day(i), 10.0, pains.get(i, 4.8 if i > 30 else 4.0)) for i in range(45)]
    kwargs = dict(baseline=10, goal=30, quota_start=START, settings=S)
    saved = checkpoint(days=days, on=day(29), **kwargs)
    first = day(30) - dt.timedelta(days=lookback_days(S))
    whole = run(days=days, today=day(44), **kwargs)
    resumed = run(days=_from(days, first), today=day(44), resume=saved, **kwargs)
    assert whole.phase == "rest"
    assert (resumed.quota, resumed.phase) == (whole.quota, whole.phase)
