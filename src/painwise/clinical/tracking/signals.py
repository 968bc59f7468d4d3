"""Daily figures and the three signals (function, symptoms, confidence) against baseline.

All dates are the patient's local calendar dates; the caller converts. Several entries on one
day count as that day's mean.
"""

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from painwise.clinical.common import Reason, at_least, at_most
from painwise.clinical.common import gettext_noop as _
from painwise.clinical.tracking import rules
from painwise.clinical.tracking.checkin import FIELDS
from painwise.clinical.tracking.rules import TrackingSettings

__all__ = ["FIELDS", "Day", "Entry", "Review", "WeeklyRating", "daily_means", "review"]


@dataclass(frozen=True, slots=True)
class Entry:
    """One check-in, as plain data. Missing values are None."""

    date: dt.date
    values: dict[str, float | None]
    flare: bool = False


@dataclass(frozen=True, slots=True)
class Day:
    date: dt.date
    values: dict[str, float | None]  # the day's mean of each field (None if never given)
    flare: bool
    entries: int


def daily_means(entries: Iterable[Entry]) -> list[Day]:
    """One Day per date with entries, sorted by date; each field is the mean of the day's
    entries that gave it. (Most days have one entry, whose values are the day's as they are.)"""
    by_date: dict[dt.date, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_date[entry.date].append(entry)
    days = []
    for date in sorted(by_date):
        group = by_date[date]
        values: dict[str, float | None]
        if len(group) == 1:
            given = group[0].values
            values = {n: None if (v := given.get(n)) is None else float(v) for n in FIELDS}
        else:
            values = {}
            for name in FIELDS:
                got = [float(v) for e in group if (v := e.values.get(name)) is not None]
                values[name] = sum(got) / len(got) if got else None
        days.append(Day(date, values, any(e.flare for e in group), len(group)))
    return days


def window_mean(
    days: Sequence[Day], name: str, start: dt.date, end: dt.date, min_days: int = 1
) -> float | None:
    """Mean of the daily means of ``name`` over [start, end], or None if too few days."""
    values = [
        d.values[name] for d in days if start <= d.date <= end and d.values.get(name) is not None
    ]
    if len(values) < max(1, min_days):
        return None
    return sum(v for v in values if v is not None) / len(values)


# --- changes ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Change:
    baseline: float | None
    current: float | None
    meaningful: bool = False
    direction: str = "unknown"  # better | worse | same | unknown

    @property
    def delta(self) -> float | None:
        if self.baseline is None or self.current is None:
            return None
        return self.current - self.baseline


def pain_improvement(
    baseline: float | None, current: float | None, settings: TrackingSettings
) -> Change:
    """Ostelo 2008: a drop of >= 2 points or >= 30% of baseline is a meaningful improvement."""
    if baseline is None or current is None:
        return Change(baseline, current)
    drop = baseline - current
    meaningful = drop > 0 and (
        at_least(drop, settings.pain_drop_points)
        or (baseline > 0 and at_least(drop / baseline, settings.pain_drop_fraction))
    )
    return Change(
        baseline, current, meaningful, _direction(current - baseline, lower_is_better=True)
    )


def rise(
    baseline: float | None, current: float | None, points: float, *, higher_is_better: bool
) -> Change:
    """A change that counts when it rises (or falls) by at least ``points``."""
    if baseline is None or current is None:
        return Change(baseline, current)
    delta = current - baseline
    meaningful = at_least(delta if higher_is_better else -delta, points)
    return Change(
        baseline, current, meaningful, _direction(delta, lower_is_better=not higher_is_better)
    )


def _direction(delta: float, *, lower_is_better: bool) -> str:
    if abs(delta) < 0.05:
        return "same"
    better = delta < 0 if lower_is_better else delta > 0
    return "better" if better else "worse"


# --- weekly series for plots ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WeekPoint:
    index: int
    start: dt.date
    mean: float | None
    days: int


def weekly_series(
    days: Sequence[Day], name: str, start: dt.date, today: dt.date
) -> list[WeekPoint]:
    """Mean of ``name`` per program week (7-day blocks from ``start``) up to today."""
    if today < start:
        return []
    buckets: dict[int, list[float]] = defaultdict(list)
    for d in days:
        value = d.values.get(name)
        if value is not None and start <= d.date <= today:
            buckets[(d.date - start).days // 7].append(value)
    weeks = (today - start).days // 7 + 1
    return [
        WeekPoint(
            k,
            start + dt.timedelta(days=7 * k),
            sum(buckets[k]) / len(buckets[k]) if buckets.get(k) else None,
            len(buckets.get(k, [])),
        )
        for k in range(weeks)
    ]


# --- the review ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WeeklyRating:
    """A weekly form: the three PEG items and the PSFS ratings (activity id -> 0..10)."""

    date: dt.date
    peg_pain: int | None = None
    peg_enjoyment: int | None = None
    peg_activity: int | None = None
    psfs: dict[str, int] = field(default_factory=dict)

    @property
    def peg_interference(self) -> float | None:
        if self.peg_enjoyment is None or self.peg_activity is None:
            return None
        return (self.peg_enjoyment + self.peg_activity) / 2

    @property
    def psfs_mean(self) -> float | None:
        return sum(self.psfs.values()) / len(self.psfs) if self.psfs else None


@dataclass(frozen=True, slots=True)
class Signal:
    key: str  # function | symptoms | confidence
    measures: dict[str, Change]
    meaningful: bool
    sentence: Reason


@dataclass(frozen=True, slots=True)
class Review:
    today: dt.date
    baseline_start: dt.date | None
    baseline_complete: bool
    signals: tuple[Signal, ...]
    pain_free_or_nearly: bool
    deterioration: tuple[Reason, ...]
    plateau: Reason | None
    reasons: tuple[Reason, ...]
    days_with_checkins: int
    weeks_regular: int

    def to_dict(self) -> dict[str, Any]:
        def change(c: Change) -> dict[str, Any]:
            return {
                "baseline": _round(c.baseline),
                "current": _round(c.current),
                "change": _round(c.delta),
                "meaningful": c.meaningful,
                "direction": c.direction,
            }

        return {
            "today": self.today.isoformat(),
            "baseline_start": self.baseline_start.isoformat() if self.baseline_start else None,
            "baseline_complete": self.baseline_complete,
            "days_with_checkins": self.days_with_checkins,
            "signals": {
                settings.key: {
                    "meaningful": settings.meaningful,
                    "sentence": settings.sentence.text,
                    "measures": {name: change(c) for name, c in settings.measures.items()},
                }
                for settings in self.signals
            },
            "pain_free_or_nearly": self.pain_free_or_nearly,
            "deterioration": [r.to_dict() for r in self.deterioration],
            "plateau": self.plateau.to_dict() if self.plateau else None,
            "reasons": [r.to_dict() for r in self.reasons],
        }


def _round(value: float | None) -> float | None:
    return None if value is None or math.isnan(value) else round(value, 2)


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def regular_weeks(
    days: Sequence[Day] | Sequence[dt.date], start: dt.date, today: dt.date, per_week: int
) -> int:
    """How many of the most recent complete program weeks in a row had >= per_week check-in days
    (``days``: the days with check-ins, or their dates)."""
    complete = (today - start).days // 7  # weeks fully in the past (the current one is running)
    counts: dict[int, int] = defaultdict(int)
    for d in days:
        date = d if isinstance(d, dt.date) else d.date
        if start <= date <= today:
            counts[(date - start).days // 7] += 1
    run = 0
    for k in range(complete - 1, -1, -1):
        if counts.get(k, 0) >= per_week:
            run += 1
        else:
            break
    return run


@dataclass(frozen=True, slots=True)
class Windows:
    """The review's time windows: the baseline week from the first check-in, and the last
    7 days up to today (compared only once the baseline week is over)."""

    days: Sequence[Day]
    start: dt.date
    baseline_end: dt.date
    current_start: dt.date
    today: dt.date
    min_days: int

    @property
    def baseline_complete(self) -> bool:
        return self.today > self.baseline_end

    def mean(self, name: str, start: dt.date, end: dt.date) -> float | None:
        return window_mean(self.days, name, start, end, self.min_days)

    def pair(self, name: str) -> tuple[float | None, float | None]:
        """(baseline week mean, last 7 days mean) of one daily field."""
        base = self.mean(name, self.start, self.baseline_end)
        current = (
            self.mean(name, self.current_start, self.today) if self.baseline_complete else None
        )
        return base, current


def _empty_review(today: dt.date) -> Review:
    waiting = Reason("review_waiting", _("Your review starts after your first check-in."))
    signals = tuple(Signal(k, {}, False, waiting) for k in ("function", "symptoms", "confidence"))
    return Review(today, None, False, signals, False, (), None, (), 0, 0)


def _symptoms(w: Windows, settings: TrackingSettings) -> tuple[Signal, bool, list[Reason]]:
    """Symptoms: pain (Ostelo), stiffness, sleep quality. Returns the signal, whether the
    last 7 days were pain-free or nearly, and the reasons to list."""
    pain = pain_improvement(*w.pair("pain_average"), settings)
    stiffness = pain_improvement(*w.pair("stiffness"), settings)
    sleep = rise(*w.pair("sleep_quality"), settings.pain_drop_points, higher_is_better=True)
    reasons = []
    if pain.meaningful:
        reasons.append(
            Reason(
                rules.PAIN_IMPROVED,
                _(
                    "Your average pain fell from {b} to {c} out of 10, "
                    "a change big enough to matter."
                ),
                {"b": _fmt(pain.baseline), "c": _fmt(pain.current)},
            )
        )
    pain_free = pain.current is not None and at_most(pain.current, settings.pain_free_max)
    if pain_free:
        reasons.append(
            Reason(
                rules.PAIN_FREE,
                _(
                    "Your average pain over the last 7 days was {c} out "
                    "of 10: pain-free or nearly pain-free."
                ),
                {"c": _fmt(pain.current)},
            )
        )
    signal = Signal(
        "symptoms",
        {"pain": pain, "stiffness": stiffness, "sleep": sleep},
        pain.meaningful,
        _symptom_sentence(pain, w.baseline_complete),
    )
    return signal, pain_free, reasons


def _first_and_last(values: list[float]) -> tuple[float | None, float | None]:
    """The first value as the baseline; the latest as current once there are two."""
    return (values[0] if values else None, values[-1] if len(values) > 1 else None)


def _function(
    weekly: Sequence[WeeklyRating], settings: TrackingSettings
) -> tuple[Signal, list[Reason]]:
    """Function: the PSFS mean (first ratings = baseline) and PEG interference."""
    psfs_means = [w.psfs_mean for w in weekly if w.psfs_mean is not None]
    psfs = rise(*_first_and_last(psfs_means), settings.psfs_rise_points, higher_is_better=True)
    interference = [w.peg_interference for w in weekly if w.peg_interference is not None]
    peg = rise(
        *_first_and_last(interference), settings.peg_interference_rise, higher_is_better=False
    )
    reasons = []
    if psfs.meaningful:
        reasons.append(
            Reason(
                rules.PSFS_IMPROVED,
                _(
                    "The activities you chose went from {b} to {c} "
                    "out of 10 on average, a real gain."
                ),
                {"b": _fmt(psfs.baseline), "c": _fmt(psfs.current)},
            )
        )
    signal = Signal(
        "function",
        {"psfs": psfs, "peg_interference": peg},
        psfs.meaningful,
        _function_sentence(psfs),
    )
    return signal, reasons


def _confidence(w: Windows, settings: TrackingSettings) -> Signal:
    """Confidence to be active (higher is better) and fear of movement (lower is better)."""
    confidence = rise(*w.pair("confidence"), settings.pain_drop_points, higher_is_better=True)
    fear = rise(*w.pair("fear"), settings.pain_drop_points, higher_is_better=False)
    return Signal(
        "confidence",
        {"confidence": confidence, "fear": fear},
        confidence.meaningful or fear.meaningful,
        _confidence_sentence(confidence, fear),
    )


def _deterioration(
    w: Windows, base_pain: float | None, peg: Change, settings: TrackingSettings
) -> list[Reason]:
    """Two weeks in a row >= baseline + 2 points, or PEG interference up by >= 2."""
    found = []
    previous_start = w.today - dt.timedelta(days=13)
    previous_end = w.today - dt.timedelta(days=7)
    if base_pain is not None and previous_start > w.baseline_end:
        last = w.mean("pain_average", w.current_start, w.today)
        previous = w.mean("pain_average", previous_start, previous_end)
        limit = base_pain + settings.deterioration_points
        if (
            last is not None
            and previous is not None
            and at_least(last, limit)
            and at_least(previous, limit)
        ):
            found.append(
                Reason(
                    rules.DETERIORATION_PAIN,
                    _(
                        "Your average pain has been at least {p} points above your first week for two "
                        "weeks in a row ({a} and {b}, against {c})."
                    ),
                    {
                        "p": f"{settings.deterioration_points:g}",
                        "a": _fmt(previous),
                        "b": _fmt(last),
                        "c": _fmt(base_pain),
                    },
                )
            )
    if peg.delta is not None and at_least(peg.delta, settings.peg_interference_rise):
        found.append(
            Reason(
                rules.DETERIORATION_PEG,
                _(
                    "Pain is getting in the way of life and activity more than at the start: from {b} to "
                    "{c} out of 10."
                ),
                {"b": _fmt(peg.baseline), "c": _fmt(peg.current)},
            )
        )
    return found


def _plateau(
    w: Windows, weekly: Sequence[WeeklyRating], weeks_regular: int, settings: TrackingSettings
) -> Reason | None:
    """After >= 6 regular weeks: no meaningful change in pain or function over the last 4."""
    last_week = (w.today - w.start).days // 7 - 1  # the latest complete program week
    earlier = last_week - settings.plateau_window_weeks
    if weeks_regular < settings.plateau_min_weeks or earlier < 0:
        return None
    last_start = w.start + dt.timedelta(days=7 * last_week)
    earlier_start = w.start + dt.timedelta(days=7 * earlier)
    last_end, earlier_end = last_start + dt.timedelta(days=6), earlier_start + dt.timedelta(days=6)
    pain_now = w.mean("pain_average", last_start, last_end)
    pain_then = w.mean("pain_average", earlier_start, earlier_end)
    if pain_now is None or pain_then is None:
        return None
    pain_moved = pain_improvement(pain_then, pain_now, settings).meaningful
    rated = [wk for wk in weekly if wk.psfs_mean is not None]
    psfs_then = [wk.psfs_mean for wk in rated if wk.date <= earlier_end]
    psfs_now = [wk.psfs_mean for wk in rated if wk.date <= last_end]
    function_moved = bool(psfs_then and psfs_now) and (
        rise(
            psfs_then[-1], psfs_now[-1], settings.psfs_rise_points, higher_is_better=True
        ).meaningful
    )
    if pain_moved or function_moved:
        return None
    return Reason(
        rules.PLATEAU,
        _(
            "You have checked in steadily for {w} weeks, and your pain and activities have "
            "not changed much in the last {n} weeks; more specialised care could help."
        ),
        {"w": weeks_regular, "n": settings.plateau_window_weeks},
    )


def review_window(
    first: dt.date, last: dt.date, today: dt.date, settings: TrackingSettings
) -> tuple[tuple[dt.date, dt.date], tuple[dt.date, dt.date]]:
    """The two runs of days that the review and the personal patterns read, from the first and
    the latest check-in: the baseline week, and the recent days (the patterns' window up to the
    latest check-in, and at least every week the deterioration and plateau rules compare). Older
    days change nothing but the counts, which come from the check-in dates."""
    baseline = (first, first + dt.timedelta(days=settings.baseline_days - 1))
    compared = today - dt.timedelta(days=7 * (settings.plateau_window_weeks + 2))
    recent = min(last - dt.timedelta(days=settings.pattern_window_days - 1), compared)
    return baseline, (max(first, recent), today)


def review(
    days: Sequence[Day],
    weekly: Sequence[WeeklyRating],
    today: dt.date,
    settings: TrackingSettings | None = None,
    *,
    checkin_dates: Sequence[dt.date] | None = None,
) -> Review:
    """The weekly review: each signal's 7-day mean against the baseline week.

    ``days`` may hold only the days the rules read (``review_window``: the baseline week and
    the recent weeks) when ``checkin_dates`` gives the date of every day with a check-in, from
    which the counts are taken; the review is then the same as from every day."""
    settings = settings or TrackingSettings()
    days = [d for d in days if d.date <= today]
    dates = (
        [d.date for d in days]
        if checkin_dates is None
        else [d for d in checkin_dates if d <= today]
    )
    weekly = sorted((w for w in weekly if w.date <= today), key=lambda w: w.date)
    if not days:
        return _empty_review(today)
    start = days[0].date
    windows = Windows(
        days,
        start,
        start + dt.timedelta(days=settings.baseline_days - 1),
        today - dt.timedelta(days=6),
        today,
        settings.min_days_per_window,
    )
    symptoms, pain_free, reasons = _symptoms(windows, settings)
    function, function_reasons = _function(weekly, settings)
    reasons += function_reasons
    deterioration = _deterioration(
        windows, symptoms.measures["pain"].baseline, function.measures["peg_interference"], settings
    )
    reasons += deterioration
    weeks_regular = regular_weeks(dates, start, today, settings.regular_days_per_week)
    plateau = None if pain_free else _plateau(windows, weekly, weeks_regular, settings)
    if plateau is not None:
        reasons.append(plateau)
    return Review(
        today=today,
        baseline_start=start,
        baseline_complete=windows.baseline_complete,
        signals=(function, symptoms, _confidence(windows, settings)),
        pain_free_or_nearly=pain_free,
        deterioration=tuple(deterioration),
        plateau=plateau,
        reasons=tuple(reasons),
        days_with_checkins=len(set(dates)),
        weeks_regular=weeks_regular,
    )


def _symptom_sentence(pain: Change, baseline_complete: bool) -> Reason:
    if not baseline_complete:
        return Reason(
            "review_baseline",
            _("This is your first week: it sets the baseline we compare against."),
        )
    if pain.baseline is None or pain.current is None:
        return Reason(
            "review_waiting",
            _("A few more check-ins and we can compare your pain with your first week."),
        )
    if pain.meaningful:
        return Reason(
            rules.PAIN_IMPROVED,
            _("Your pain is clearly lower than in your first week ({b} then, {c} now)."),
            {"b": _fmt(pain.baseline), "c": _fmt(pain.current)},
        )
    if pain.direction == "worse":
        return Reason(
            "review_pain_higher",
            _(
                "Your pain is a little higher than in your first "
                "week ({b} then, {c} now); ups and downs are "
                "normal."
            ),
            {"b": _fmt(pain.baseline), "c": _fmt(pain.current)},
        )
    return Reason(
        "review_pain_steady",
        _(
            "Your pain is about where it started ({b} then, {c} "
            "now); change often comes in small steps."
        ),
        {"b": _fmt(pain.baseline), "c": _fmt(pain.current)},
    )


def _function_sentence(psfs: Change) -> Reason:
    if psfs.baseline is None:
        return Reason(
            "review_psfs_missing", _("Rate the activities you want back each week to see this.")
        )
    if psfs.current is None:
        return Reason(
            "review_waiting", _("Your first ratings are in; next week's show the change.")
        )
    if psfs.meaningful:
        return Reason(
            rules.PSFS_IMPROVED,
            _("You can do more of what matters to you ({b} then, {c} now, out of 10)."),
            {"b": _fmt(psfs.baseline), "c": _fmt(psfs.current)},
        )
    return Reason(
        "review_psfs_steady",
        _("Your activities are rated {c} out of 10, against {b} at the start."),
        {"b": _fmt(psfs.baseline), "c": _fmt(psfs.current)},
    )


def _confidence_sentence(conf: Change, fear: Change) -> Reason:
    if conf.current is None:
        return Reason(
            "review_waiting",
            _("A few more check-ins and we can compare your confidence with your first week."),
        )
    if conf.meaningful or fear.meaningful:
        return Reason(
            "review_confidence_up",
            _(
                "You feel more confident about moving ({b} then, "
                "{c} now) and less afraid of it ({fb} then, {fc} "
                "now)."
            ),
            {
                "b": _fmt(conf.baseline),
                "c": _fmt(conf.current),
                "fb": _fmt(fear.baseline),
                "fc": _fmt(fear.current),
            },
        )
    return Reason(
        "review_confidence_steady",
        _("Your confidence to be active is {c} out of 10 (it was {b})."),
        {"b": _fmt(conf.baseline), "c": _fmt(conf.current)},
    )
