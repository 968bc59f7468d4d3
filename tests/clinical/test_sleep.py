"""Sleep efficiency at its edges: midnight, bed after midnight, clock changes, zero sleep, and
nights that cannot have happened."""

import datetime as dt

import pytest

from painwise.clinical.sleep import Night, NightError, SleepSettings, night

T = dt.time


def london(night_of, bed, to_sleep, awake, wake, up):
    return night(dt.date.fromisoformat(night_of), bed, to_sleep, awake, wake, up, "Europe/London")


def test_an_ordinary_night_across_midnight():
    n = london("2026-06-10", T(23, 0), 20, 40, T(7, 0), T(7, 30))
    assert (n.in_bed_minutes, n.asleep_minutes) == (510, 420)
    assert n.efficiency == pytest.approx(420 / 510)


def test_a_bed_time_after_midnight_is_the_same_night():
    n = london("2026-06-10", T(1, 30), 0, 0, T(8, 0), T(8, 0))
    assert n.in_bed_minutes == 390 and n.efficiency == 1.0


def test_clocks_going_forward_make_the_night_an_hour_shorter():
    # Europe/London went from 01:00 to 02:00 on 29 March 2026.
    assert london("2026-03-28", T(23, 0), 0, 0, T(7, 0), T(7, 0)).in_bed_minutes == 7 * 60


def test_clocks_going_back_make_the_night_an_hour_longer():
    # ... and from 02:00 back to 01:00 on 25 October 2026.
    assert london("2026-10-24", T(23, 0), 0, 0, T(7, 0), T(7, 0)).in_bed_minutes == 9 * 60


def test_another_time_zone_has_its_own_clock_change():
    n = night(dt.date(2026, 3, 7), T(23, 0), 0, 0, T(7, 0), T(7, 0), "America/New_York")
    assert n.in_bed_minutes == 7 * 60  # New York's clocks went forward at 02:00 on 8 March
    n = night(dt.date(2026, 3, 7), T(23, 0), 0, 0, T(7, 0), T(7, 0), "Europe/London")
    assert n.in_bed_minutes == 8 * 60


def test_zero_sleep_is_an_efficiency_of_zero():
    n = london("2026-06-10", T(23, 0), 60, 420, T(7, 0), T(7, 0))
    assert (n.asleep_minutes, n.efficiency) == (0, 0.0)


def test_awake_longer_than_the_night_is_refused():
    with pytest.raises(NightError) as error:
        london("2026-06-10", T(23, 0), 60, 421, T(7, 0), T(7, 0))
    assert error.value.field == "minutes_awake"


def test_a_night_longer_than_24_hours_is_refused():
    with pytest.raises(NightError) as error:
        london("2026-06-10", T(20, 0), 0, 0, T(19, 0), T(21, 0))
    assert error.value.field == "out_of_bed"


@pytest.mark.parametrize("field,args", [("minutes_to_sleep", (-1, 0)), ("minutes_awake", (0, -5))])
def test_negative_minutes_are_refused(field, args):
    with pytest.raises(NightError) as error:
        london("2026-06-10", T(23, 0), *args, T(7, 0), T(7, 0))
    assert error.value.field == field


def test_getting_up_later_than_the_final_wake_counts_as_time_in_bed():
    n = london("2026-06-10", T(22, 0), 0, 0, T(6, 0), T(8, 0))
    assert (n.in_bed_minutes, n.asleep_minutes) == (600, 480)
    assert n.efficiency == pytest.approx(0.8)


@pytest.mark.parametrize("efficiency,good", [(0.85, True), (0.849, False), (1.0, True)])
def test_the_good_sleep_mark_at_its_boundary(efficiency, good):
    assert Night(100, round(efficiency * 100), efficiency).good() is good
    assert Night(100, 0, efficiency).good(SleepSettings(good_efficiency=0.9)) is (efficiency >= 0.9)
