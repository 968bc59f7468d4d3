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

from painwise.clinical.common import Reason
from painwise.clinical.common import gettext_noop as _
from painwise.clinical.tracking import rules as R
from painwise.clinical.tracking.rules import TrackingSettings

FIELDS = (
    "pain_now",
    "pain_average",
    "stiffness",
    "sleep_quality",
    "sleep_hours",
    "stress",
    "mood",
    "confidence",
    "fear",
    "activity_minutes",
    "practice_minutes",
)


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
    entries that gave it."""
    sums: dict[dt.date, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    flares: dict[dt.date, bool] = defaultdict(bool)
    counts: dict[dt.date, int] = defaultdict(int)
    for entry in entries:
        counts[entry.date] += 1
        flares[entry.date] |= entry.flare
        for name, value in entry.values.items():
            if value is not None:
                sums[entry.date][name].append(float(value))
    days = []
    for date in sorted(counts):
        values: dict[str, float | None] = {}
        for name in FIELDS:
            got = sums[date].get(name)
            values[name] = sum(got) / len(got) if got else None
        days.append(Day(date, values, flares[date], counts[date]))
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


def pain_improvement(baseline: float | None, current: float | None, s: TrackingSettings) -> Change:
    """Ostelo 2008: a drop of >= 2 points or >= 30% of baseline is a meaningful improvement."""
    if baseline is None or current is None:
        return Change(baseline, current)
    drop = baseline - current
    meaningful = drop > 0 and (
        drop >= s.pain_drop_points - 1e-9
        or (baseline > 0 and drop / baseline >= s.pain_drop_fraction - 1e-9)
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
    meaningful = (delta >= points - 1e-9) if higher_is_better else (-delta >= points - 1e-9)
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
                s.key: {
                    "meaningful": s.meaningful,
                    "sentence": s.sentence.text,
                    "measures": {name: change(c) for name, c in s.measures.items()},
                }
                for s in self.signals
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


def regular_weeks(days: Sequence[Day], start: dt.date, today: dt.date, per_week: int) -> int:
    """How many of the most recent complete program weeks in a row had >= per_week check-in days."""
    complete = (today - start).days // 7  # weeks fully in the past (the current one is running)
    counts: dict[int, int] = defaultdict(int)
    for d in days:
        if start <= d.date <= today:
            counts[(d.date - start).days // 7] += 1
    run = 0
    for k in range(complete - 1, -1, -1):
        if counts.get(k, 0) >= per_week:
            run += 1
        else:
            break
    return run


def review(
    days: Sequence[Day],
    weekly: Sequence[WeeklyRating],
    today: dt.date,
    s: TrackingSettings | None = None,
) -> Review:
    """The weekly review: each signal's 7-day mean against the baseline week."""
    s = s or TrackingSettings()
    days = [d for d in days if d.date <= today]
    weekly = sorted((w for w in weekly if w.date <= today), key=lambda w: w.date)
    if not days:
        empty = Reason("review_waiting", _("Your review starts after your first check-in."))
        signals = tuple(Signal(k, {}, False, empty) for k in ("function", "symptoms", "confidence"))
        return Review(today, None, False, signals, False, (), None, (), 0, 0)

    start = days[0].date
    base_end = start + dt.timedelta(days=s.baseline_days - 1)
    cur_start = today - dt.timedelta(days=6)
    baseline_complete = today > base_end
    md = s.min_days_per_window

    def pair(name: str) -> tuple[float | None, float | None]:
        base = window_mean(days, name, start, base_end, md)
        cur = window_mean(days, name, cur_start, today, md) if baseline_complete else None
        return base, cur

    reasons: list[Reason] = []

    # Symptoms: pain (Ostelo), stiffness, sleep quality.
    pain = pain_improvement(*pair("pain_average"), s)
    stiffness = pain_improvement(*pair("stiffness"), s)
    sleep = rise(*pair("sleep_quality"), s.pain_drop_points, higher_is_better=True)
    if pain.meaningful:
        reasons.append(
            Reason(
                R.PAIN_IMPROVED,
                _(
                    "Your average pain fell from {b} to {c} out of 10, "
                    "a change big enough to matter."
                ),
                {"b": _fmt(pain.baseline), "c": _fmt(pain.current)},
            )
        )
    pain_free = pain.current is not None and pain.current <= s.pain_free_max + 1e-9
    if pain_free:
        reasons.append(
            Reason(
                R.PAIN_FREE,
                _(
                    "Your average pain over the last 7 days was {c} out "
                    "of 10: pain-free or nearly pain-free."
                ),
                {"c": _fmt(pain.current)},
            )
        )
    symptoms = Signal(
        "symptoms",
        {"pain": pain, "stiffness": stiffness, "sleep": sleep},
        pain.meaningful,
        _symptom_sentence(pain, baseline_complete),
    )

    # Function: PSFS mean (first ratings = baseline), PEG interference.
    psfs_rated = [w for w in weekly if w.psfs_mean is not None]
    psfs = rise(
        psfs_rated[0].psfs_mean if psfs_rated else None,
        psfs_rated[-1].psfs_mean if len(psfs_rated) > 1 else None,
        s.psfs_rise_points,
        higher_is_better=True,
    )
    pegs = [w for w in weekly if w.peg_interference is not None]
    peg = rise(
        pegs[0].peg_interference if pegs else None,
        pegs[-1].peg_interference if len(pegs) > 1 else None,
        s.peg_interference_rise,
        higher_is_better=False,
    )
    if psfs.meaningful:
        reasons.append(
            Reason(
                R.PSFS_IMPROVED,
                _(
                    "The activities you chose went from {b} to {c} "
                    "out of 10 on average, a real gain."
                ),
                {"b": _fmt(psfs.baseline), "c": _fmt(psfs.current)},
            )
        )
    function = Signal(
        "function",
        {"psfs": psfs, "peg_interference": peg},
        psfs.meaningful,
        _function_sentence(psfs),
    )

    # Confidence: confidence to be active (higher is better), fear of movement (lower is better).
    conf = rise(*pair("confidence"), s.pain_drop_points, higher_is_better=True)
    fear = rise(*pair("fear"), s.pain_drop_points, higher_is_better=False)
    confidence = Signal(
        "confidence",
        {"confidence": conf, "fear": fear},
        conf.meaningful or fear.meaningful,
        _confidence_sentence(conf, fear),
    )

    # Deterioration: two consecutive weeks >= baseline + 2, or PEG interference up by >= 2.
    deterioration: list[Reason] = []
    base_pain = pain.baseline
    prev_start, prev_end = today - dt.timedelta(days=13), today - dt.timedelta(days=7)
    if base_pain is not None and prev_start > base_end:
        last = window_mean(days, "pain_average", cur_start, today, md)
        prev = window_mean(days, "pain_average", prev_start, prev_end, md)
        limit = base_pain + s.deterioration_points - 1e-9
        if last is not None and prev is not None and last >= limit and prev >= limit:
            deterioration.append(
                Reason(
                    R.DETERIORATION_PAIN,
                    _(
                        "Your average pain has been at least {p} points above your first week for two "
                        "weeks in a row ({a} and {b}, against {c})."
                    ),
                    {
                        "p": f"{s.deterioration_points:g}",
                        "a": _fmt(prev),
                        "b": _fmt(last),
                        "c": _fmt(base_pain),
                    },
                )
            )
    peg_worse = peg.delta is not None and peg.delta >= s.peg_interference_rise - 1e-9
    if peg_worse:
        deterioration.append(
            Reason(
                R.DETERIORATION_PEG,
                _(
                    "Pain is getting in the way of life and activity more than at the start: from {b} to "
                    "{c} out of 10."
                ),
                {"b": _fmt(peg.baseline), "c": _fmt(peg.current)},
            )
        )
    reasons.extend(deterioration)

    # Plateau: steady use for >= 6 weeks, no meaningful change in pain or function in 4 weeks.
    weeks_regular = regular_weeks(days, start, today, s.regular_days_per_week)
    plateau = None
    if weeks_regular >= s.plateau_min_weeks and not pain_free:
        complete = (today - start).days // 7
        last_week = complete - 1
        earlier = last_week - s.plateau_window_weeks
        if earlier >= 0:
            ws = start + dt.timedelta(days=7 * last_week)
            es = start + dt.timedelta(days=7 * earlier)
            now_pain = window_mean(days, "pain_average", ws, ws + dt.timedelta(days=6), md)
            then_pain = window_mean(days, "pain_average", es, es + dt.timedelta(days=6), md)
            pain_moved = pain_improvement(then_pain, now_pain, s).meaningful
            then_psfs = [w.psfs_mean for w in psfs_rated if w.date <= es + dt.timedelta(days=6)]
            now_psfs = [w.psfs_mean for w in psfs_rated if w.date <= ws + dt.timedelta(days=6)]
            function_moved = (
                bool(then_psfs and now_psfs)
                and rise(
                    then_psfs[-1], now_psfs[-1], s.psfs_rise_points, higher_is_better=True
                ).meaningful
            )
            if (
                now_pain is not None
                and then_pain is not None
                and not (pain_moved or function_moved)
            ):
                plateau = Reason(
                    R.PLATEAU,
                    _(
                        "You have checked in steadily for {w} weeks, and your pain and activities have "
                        "not changed much in the last {n} weeks; more specialised care could help, and "
                        "we have let your care team know."
                    ),
                    {"w": weeks_regular, "n": s.plateau_window_weeks},
                )
                reasons.append(plateau)

    return Review(
        today=today,
        baseline_start=start,
        baseline_complete=baseline_complete,
        signals=(function, symptoms, confidence),
        pain_free_or_nearly=pain_free,
        deterioration=tuple(deterioration),
        plateau=plateau,
        reasons=tuple(reasons),
        days_with_checkins=len(days),
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
            R.PAIN_IMPROVED,
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
            R.PSFS_IMPROVED,
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
