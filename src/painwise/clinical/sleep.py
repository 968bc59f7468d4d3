"""A night from a sleep diary: time in bed, time asleep and sleep efficiency (pure Python).

Clock times are the person's local times on the night that began on ``night_of`` (the evening's
date). A bed time before noon is after midnight; the final wake is the first time it shows
after going to bed, and getting up the first after that. Durations come from time-zone-aware
datetimes, so a night across a daylight-saving change has its real length.
"""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from painwise.clinical.common import RuleBook

RULES = RuleBook(
    """
sleep_efficiency
    source: clinical-facts 12: sleep efficiency = time asleep / time in bed; 85% or more is the usual mark of good sleep (CBT-I convention)
    summary: Time asleep (from bed to the final wake, less the time to fall asleep and the time awake in the night) over time in bed (bed to getting up).

sleep_night_checks
    source: Painwise: a night that cannot have happened is refused
    summary: The final wake comes after going to bed, getting up at or after the final wake, a night of at most 24 hours, and no more time awake than the night holds.
"""
)
EFFICIENCY = RULES.id("sleep_efficiency")
CHECKS = RULES.id("sleep_night_checks")


@dataclass(frozen=True, slots=True)
class SleepSettings:
    """Named settings (docs/rules/sleep.md gives each one's source)."""

    good_efficiency: float = 0.85
    longest_night_hours: int = 24


class NightError(ValueError):
    """A diary entry that cannot describe a real night; ``field`` names the answer to fix."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True, slots=True)
class Night:
    in_bed_minutes: int
    asleep_minutes: int
    efficiency: float  # 0 to 1

    def good(self, settings: SleepSettings | None = None) -> bool:
        return self.efficiency >= (settings or SleepSettings()).good_efficiency


def _at(day: dt.date, clock: dt.time, zone: ZoneInfo) -> dt.datetime:
    # fold=0: an hour that happens twice (clocks going back) is read as its first time.
    return dt.datetime.combine(day, clock, tzinfo=zone)


def _minutes(a: dt.datetime, b: dt.datetime) -> int:
    utc = dt.UTC
    return round((b.astimezone(utc) - a.astimezone(utc)).total_seconds() / 60)


def _next(after: dt.datetime, clock: dt.time, zone: ZoneInfo) -> dt.datetime:
    """The first moment at or after ``after`` that shows ``clock`` on the wall."""
    day = after.date()
    for offset in (0, 1, 2):
        candidate = _at(day + dt.timedelta(days=offset), clock, zone)
        if _minutes(after, candidate) >= 0:
            return candidate
    raise NightError("no such time after going to bed", "final_wake")  # pragma: no cover


def night(
    night_of: dt.date,
    bed_time: dt.time,
    minutes_to_sleep: int,
    minutes_awake: int,
    final_wake: dt.time,
    out_of_bed: dt.time,
    time_zone: str,
    settings: SleepSettings | None = None,
) -> Night:
    """Compute one night (rules sleep_efficiency and sleep_night_checks)."""
    settings = settings or SleepSettings()
    zone = ZoneInfo(time_zone)
    if minutes_to_sleep < 0:
        raise NightError("minutes to fall asleep cannot be negative", "minutes_to_sleep")
    if minutes_awake < 0:
        raise NightError("minutes awake cannot be negative", "minutes_awake")
    bed_day = night_of + dt.timedelta(days=1) if bed_time < dt.time(12) else night_of
    bed = _at(bed_day, bed_time, zone)
    wake = _next(bed, final_wake, zone)
    up = _next(wake, out_of_bed, zone)
    in_bed = _minutes(bed, up)
    if in_bed > settings.longest_night_hours * 60:
        raise NightError("a night cannot be longer than 24 hours", "out_of_bed")
    span = _minutes(bed, wake)
    if minutes_to_sleep + minutes_awake > span:
        raise NightError(
            "the time to fall asleep and the time awake add up to more than the night",
            "minutes_awake",
        )
    asleep = span - minutes_to_sleep - minutes_awake
    efficiency = asleep / in_bed if in_bed else 0.0
    return Night(in_bed, asleep, efficiency)
