import datetime as dt

import time_machine

from painwise.lib import clock


def test_today_is_the_persons_local_date():
    with time_machine.travel("2026-11-22 23:30Z", tick=False):
        assert clock.local_today("Europe/London") == dt.date(2026, 11, 22)
        assert clock.local_today("Australia/Sydney") == dt.date(2026, 11, 23)
        assert clock.local_today("America/Los_Angeles") == dt.date(2026, 11, 22)


def test_a_dst_day_has_23_hours():
    start, end = clock.local_day_bounds(dt.date(2026, 3, 29), "Europe/London")
    assert end - start == dt.timedelta(hours=23)
    assert start.tzinfo == dt.UTC
