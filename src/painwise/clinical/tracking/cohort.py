"""Cohort outcomes: how a clinic's patients are doing at week 4 and week 12.

Per patient, the program starts on the first check-in; the baseline is the first 7 days (as in
the review). Week ``n`` is the 7 days ending on day ``7 n`` (days ``7 n - 7`` to ``7 n - 1``,
counting the first day as day 0). A patient counts at week ``n`` once that week is over.

- **Retention**: the share of those patients with at least one check-in in week ``n``.
- **Meaningful pain improvement** (rule ``pain_meaningful_improvement``, Ostelo 2008): among
  those with at least ``min_days_per_window`` check-in days in both the baseline week and week
  ``n``, the share whose mean pain fell by >= 2 points or >= 30% of the baseline.
- **Pain-free or nearly** (rule ``pain_free_or_nearly``, Ashar et al. 2022): among the same,
  the share whose week-``n`` mean pain is <= 1.
- **PSFS change**: the mean, over patients with both, of (the PSFS mean of the last weekly
  check on or before the end of week ``n``, no older than 14 days) minus (the first PSFS mean).

A share with no one to count is ``None`` (shown as "no data"), never 0%.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from painwise.clinical.common import at_most
from painwise.clinical.tracking.rules import TrackingSettings
from painwise.clinical.tracking.signals import pain_improvement

WEEKS = (4, 12)
PSFS_MAX_AGE_DAYS = 14


def week_window(start: dt.date, week: int) -> tuple[dt.date, dt.date]:
    """The first and last day of program week ``week`` (week 1 is the baseline week)."""
    first = start + dt.timedelta(days=7 * week - 7)
    return first, first + dt.timedelta(days=6)


@dataclass(frozen=True, slots=True)
class PatientCourse:
    """What the cohort needs of one patient: the start, the daily mean pain of the days in the
    baseline week and the outcome weeks, and the PSFS means by date."""

    patient_id: int
    start: dt.date
    pain: dict[dt.date, float]
    psfs: Sequence[tuple[dt.date, float]] = ()


@dataclass(slots=True)
class WeekOutcome:
    week: int
    patients: int = 0  # past this week
    retained: int = 0
    with_pain: int = 0  # enough days in both windows
    improved: int = 0
    pain_free: int = 0
    psfs_changes: list[float] = field(default_factory=list)

    @staticmethod
    def _share(part: int, whole: int) -> float | None:
        return part / whole if whole else None

    @property
    def retention(self) -> float | None:
        return self._share(self.retained, self.patients)

    @property
    def improved_share(self) -> float | None:
        return self._share(self.improved, self.with_pain)

    @property
    def pain_free_share(self) -> float | None:
        return self._share(self.pain_free, self.with_pain)

    @property
    def psfs_change(self) -> float | None:
        return sum(self.psfs_changes) / len(self.psfs_changes) if self.psfs_changes else None


def _week(pain: dict[dt.date, float], first: dt.date) -> list[float]:
    """The daily values of the 7 days from ``first`` that have one."""
    days = (first + dt.timedelta(days=i) for i in range(7))
    return [pain[d] for d in days if d in pain]


def _mean(values: list[float], min_days: int) -> float | None:
    return sum(values) / len(values) if len(values) >= max(1, min_days) else None


def psfs_change(psfs: Sequence[tuple[dt.date, float]], last: dt.date) -> float | None:
    """The latest PSFS mean on or before ``last`` (at most 14 days old) minus the first one;
    None without a later rating than the first."""
    before = sorted((day, v) for day, v in psfs if day <= last)
    if len(before) < 2:
        return None
    (first_day, first), (day, value) = before[0], before[-1]
    if day == first_day or (last - day).days > PSFS_MAX_AGE_DAYS:
        return None
    return value - first


def week_outcome(
    courses: Sequence[PatientCourse], week: int, today: dt.date, settings: TrackingSettings
) -> WeekOutcome:
    out = WeekOutcome(week)
    for course in courses:
        first, last = week_window(course.start, week)
        if last >= today:
            continue  # week not over yet
        out.patients += 1
        this_week = _week(course.pain, first)
        if this_week:
            out.retained += 1
        baseline = _mean(_week(course.pain, course.start), settings.min_days_per_window)
        current = _mean(this_week, settings.min_days_per_window)
        if baseline is not None and current is not None:
            out.with_pain += 1
            out.improved += pain_improvement(baseline, current, settings).meaningful
            out.pain_free += at_most(current, settings.pain_free_max)
        change = psfs_change(course.psfs, last)
        if change is not None:
            out.psfs_changes.append(change)
    return out


def outcomes(
    courses: Sequence[PatientCourse], today: dt.date, settings: TrackingSettings
) -> list[WeekOutcome]:
    return [week_outcome(courses, week, today, settings) for week in WEEKS]
