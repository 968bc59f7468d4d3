"""The one place the Django side asks for the time, so tests can move it (time-machine).

Everything is stored in UTC; "today" is always the person's own local calendar day.
"""

import datetime as dt
import zoneinfo

from django.utils import timezone
from django.utils.translation import gettext as _

from painwise.lib.errors import DomainError


def now() -> dt.datetime:
    return timezone.now()


def local_now(time_zone: str) -> dt.datetime:
    return now().astimezone(zoneinfo.ZoneInfo(time_zone))


def local_today(time_zone: str) -> dt.date:
    """The calendar date for someone in ``time_zone`` right now (DST and all)."""
    return local_now(time_zone).date()


def local_day_bounds(day: dt.date, time_zone: str) -> tuple[dt.datetime, dt.datetime]:
    """The UTC instants where ``day`` starts and ends in ``time_zone`` (23 or 25 h on DST days)."""
    tz = zoneinfo.ZoneInfo(time_zone)
    start = dt.datetime.combine(day, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


# A missed day (a check-in, an activity log, a practice) can be added for up to a month back.
MAX_DAYS_BACK = 30


def recent_day(day: dt.date | None, time_zone: str, *, field: str = "date") -> dt.date:
    """The person's local day something is recorded for: today when not given, never a day
    that has not happened yet, and at most MAX_DAYS_BACK days back. Raises DomainError."""
    today = local_today(time_zone)
    if day is None:
        return today
    if day > today:
        raise DomainError(_("This cannot be for a day that has not happened yet."), field)
    if day < today - dt.timedelta(days=MAX_DAYS_BACK):
        raise DomainError(
            _("This can be added for up to %(n)d days back.") % {"n": MAX_DAYS_BACK}, field
        )
    return day
