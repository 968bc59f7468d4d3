"""Personal patterns: how a person's own daily factors move with their pain.

Method (docs/rules/tracking.md):
- Each daily series is detrended by subtracting its centred 7-day moving average, so that what
  is compared is "a day higher than usual for this person" with "pain higher than usual". This
  removes the slow improvement over the program, which would otherwise make every factor that
  changed over the weeks look related to pain.
- The relation is Spearman's rank correlation of the detrended values, for same-day pain and
  next-day pain.
- Its interval uses Fisher's z with the Bonett-Wright (2000) standard error, at a level adjusted
  (Bonferroni) for every relation tested for that person, so that pure noise shows a pattern in
  well under 5% of people. A pattern is shown only with >= 14 paired days and an interval that
  excludes zero. How sure: "very sure" when even a 10-fold stricter interval excludes zero,
  otherwise "fairly sure"; relations not shown are "not sure yet".
- Delayed pain: the change in pain from a high-activity day (top quarter of the person's days)
  to the next day, against the same change after other days (Welch interval).
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist
from typing import Any

import numpy as np

from painwise.clinical.common import Reason
from painwise.clinical.common import gettext_noop as _
from painwise.clinical.tracking import rules
from painwise.clinical.tracking.rules import TrackingSettings
from painwise.clinical.tracking.signals import Day

FACTORS = (
    "sleep_quality",
    "sleep_hours",
    "stress",
    "activity_minutes",
    "practice_minutes",
    "sleep_efficiency",  # from the sleep diary: the night before the day
)
OUTCOME = "pain_average"
FACTOR_WORDS = {
    "sleep_quality": _("better sleep"),
    "sleep_hours": _("more hours of sleep"),
    "stress": _("more stress"),
    "activity_minutes": _("more activity"),
    "practice_minutes": _("more practice"),
    "sleep_efficiency": _("more of the night asleep"),
}


@dataclass(frozen=True, slots=True)
class Relation:
    factor: str
    lag: int  # 0 = same day, 1 = next day's pain
    n: int
    rho: float
    low: float
    high: float
    sureness: str  # very_sure | fairly_sure | not_sure_yet

    @property
    def shown(self) -> bool:
        return self.sureness != "not_sure_yet"


@dataclass(frozen=True, slots=True)
class DelayedPain:
    n_high: int
    n_other: int
    difference: float  # mean next-day rise after high days minus after other days
    low: float
    high: float
    detected: bool


@dataclass(frozen=True, slots=True)
class Patterns:
    days: int
    relations: tuple[Relation, ...]
    delayed: DelayedPain | None
    insights: tuple[Reason, ...]

    def to_dict(self, *, record: bool = False) -> dict[str, Any]:
        """Plain JSON data; ``record=True`` keeps each insight's template (for storing)."""
        return {
            "days": self.days,
            "relations": [
                {
                    "factor": r.factor,
                    "lag": r.lag,
                    "n": r.n,
                    "rho": round(r.rho, 3),
                    "interval": [round(r.low, 3), round(r.high, 3)],
                    "sureness": r.sureness,
                    "shown": r.shown,
                }
                for r in self.relations
            ],
            "delayed_pain": None
            if self.delayed is None
            else {
                "n_high": self.delayed.n_high,
                "n_other": self.delayed.n_other,
                "difference": round(self.delayed.difference, 3),
                "interval": [round(self.delayed.low, 3), round(self.delayed.high, 3)],
                "detected": self.delayed.detected,
            },
            "insights": [r.to_record() if record else r.to_dict() for r in self.insights],
        }


def _series(days: Sequence[Day], name: str, start_ordinal: int, length: int) -> np.ndarray:
    out = np.full(length, np.nan)
    for d in days:
        value = d.values.get(name)
        if value is not None:
            out[d.date.toordinal() - start_ordinal] = value
    return out


def detrend(x: np.ndarray, window: int = 7) -> np.ndarray:
    """Subtract a centred moving average (ignoring missing days); NaN where no neighbours."""
    if len(x) < window:
        return np.full(len(x), np.nan)  # too short to say what "usual" is
    valid = ~np.isnan(x)
    filled = np.where(valid, x, 0.0)
    kernel = np.ones(window)
    sums = np.convolve(filled, kernel, mode="same")
    counts = np.convolve(valid.astype(float), kernel, mode="same")
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = sums / counts
    out = x - mean
    out[counts < 3] = np.nan
    return out


def _rank(a: np.ndarray) -> np.ndarray:
    order = a.argsort(kind="mergesort")
    ranks = np.empty(len(a))
    ranks[order] = np.arange(len(a), dtype=float)
    # average ties
    sorted_a = a[order]
    boundaries = np.flatnonzero(np.diff(sorted_a)) + 1
    starts = np.concatenate(([0], boundaries))
    ends = np.concatenate((boundaries, [len(a)]))
    for settings, e in zip(starts, ends, strict=True):
        if e - settings > 1:
            ranks[order[settings:e]] = (settings + e - 1) / 2
    return ranks


def spearman(x: np.ndarray, y: np.ndarray) -> float:
    rx, ry = _rank(x), _rank(y)
    rx -= rx.mean()
    ry -= ry.mean()
    denom = math.sqrt(float((rx * rx).sum() * (ry * ry).sum()))
    return float((rx * ry).sum() / denom) if denom > 0 else 0.0


def spearman_interval(rho: float, n: float, alpha: float) -> tuple[float, float]:
    """Fisher-z interval for Spearman's rho with the Bonett-Wright standard error."""
    rho = max(min(rho, 0.999999), -0.999999)
    z = math.atanh(rho)
    se = math.sqrt((1 + rho * rho / 2) / max(n - 3, 1.0))
    crit = NormalDist().inv_cdf(1 - alpha / 2)
    return math.tanh(z - crit * se), math.tanh(z + crit * se)


def _autocorr(x: np.ndarray, max_lag: int) -> np.ndarray:
    x = x - x.mean()
    denom = float((x * x).sum())
    if denom == 0:
        return np.zeros(max_lag)
    return np.array([float((x[:-k] * x[k:]).sum()) / denom for k in range(1, max_lag + 1)])


def effective_n(x: np.ndarray, y: np.ndarray, max_lag: int = 10) -> float:
    """Bartlett's effective sample size for a correlation of two autocorrelated series:
    n / (1 + 2 * sum_k rx(k) ry(k)). Detrending and day-to-day carry-over make neighbouring
    days alike; treating them as independent would overstate how sure we are."""
    n = len(x)
    lags = min(max_lag, n // 4)
    if lags < 1:
        return float(n)
    inflation = 1 + 2 * float((_autocorr(x, lags) * _autocorr(y, lags)).sum())
    return max(4.0, min(float(n), n / max(inflation, 1e-9)))


def relations(days: Sequence[Day], settings: TrackingSettings) -> list[Relation]:
    if not days:
        return []
    start = days[0].date.toordinal()
    length = days[-1].date.toordinal() - start + 1
    pain = detrend(_series(days, OUTCOME, start, length))
    candidates = []
    for factor in FACTORS:
        x = detrend(_series(days, factor, start, length))
        for lag in (0, 1):
            y = pain[lag:]
            xx = x[: length - lag]
            ok = ~np.isnan(xx) & ~np.isnan(y)
            n = int(ok.sum())
            if n < settings.pattern_min_days or np.ptp(xx[ok]) == 0 or np.ptp(y[ok]) == 0:
                continue
            # Autocorrelation is measured on the series as days in a row (missing days dropped).
            n_eff = effective_n(_rank(xx[ok]), _rank(y[ok]))
            candidates.append((factor, lag, n, n_eff, spearman(xx[ok], y[ok])))
    # One family per person: every relation tested, plus the delayed-pain check.
    m = len(candidates) + 1
    alpha = settings.pattern_family_alpha / m
    out = []
    for factor, lag, n, n_eff, rho in candidates:
        low, high = spearman_interval(rho, n_eff, alpha)
        strict_low, strict_high = spearman_interval(rho, n_eff, alpha / 10)
        if strict_low > 0 or strict_high < 0:
            sure = "very_sure"
        elif low > 0 or high < 0:
            sure = "fairly_sure"
        else:
            sure = "not_sure_yet"
        out.append(Relation(factor, lag, n, rho, low, high, sure))
    return out


def delayed_pain(
    days: Sequence[Day], settings: TrackingSettings, alpha: float
) -> DelayedPain | None:
    by_date = {d.date.toordinal(): d for d in days}
    pairs = []
    for ordinal, day in by_date.items():
        nxt = by_date.get(ordinal + 1)
        act, p0 = day.values.get("activity_minutes"), day.values.get(OUTCOME)
        if nxt is None or act is None or p0 is None or nxt.values.get(OUTCOME) is None:
            continue
        pairs.append((act, float(nxt.values[OUTCOME]) - p0))  # type: ignore[arg-type]
    if len(pairs) < settings.pattern_min_days:
        return None
    acts = np.array([a for a, _ in pairs])
    rises = np.array([r for _, r in pairs])
    cut = float(np.quantile(acts, settings.high_activity_quantile))
    high = (acts >= cut) & (acts > 0)
    if high.all() or not high.any():
        return None
    a, b = rises[high], rises[~high]
    if len(a) < settings.delayed_min_pairs or len(b) < settings.delayed_min_pairs:
        return None
    diff = float(a.mean() - b.mean())
    se = math.sqrt(a.var(ddof=1) / len(a) + b.var(ddof=1) / len(b))
    crit = NormalDist().inv_cdf(1 - alpha / 2)
    low, upper = diff - crit * se, diff + crit * se
    return DelayedPain(len(a), len(b), diff, low, upper, detected=low > 0)


_SURE_WORDS = {"very_sure": _("very sure"), "fairly_sure": _("fairly sure")}


def _insight(rel: Relation) -> Reason:
    when = _("the same day") if rel.lag == 0 else _("the next day")
    direction = _("higher") if rel.rho > 0 else _("lower")
    return Reason(
        rules.PATTERN,
        _("On days with {factor} than usual for you, your pain was {direction} {when} ({sure})."),
        {
            "factor": FACTOR_WORDS[rel.factor],
            "direction": direction,
            "when": when,
            "sure": _SURE_WORDS[rel.sureness],
        },
    )


def find_patterns(days: Sequence[Day], settings: TrackingSettings | None = None) -> Patterns:
    settings = settings or TrackingSettings()
    rels = relations(days, settings)
    delayed = delayed_pain(days, settings, settings.pattern_family_alpha / (len(rels) + 1))
    insights = [_insight(r) for r in sorted(rels, key=lambda r: -abs(r.rho)) if r.shown]
    activity_linked = any(r.factor == "activity_minutes" and r.shown and r.rho > 0 for r in rels)
    stress_linked = any(r.factor == "stress" and r.shown and r.rho > 0 for r in rels)
    if stress_linked and not activity_linked and any(r.factor == "activity_minutes" for r in rels):
        insights.append(
            Reason(
                rules.PATTERN,
                _(
                    "Your pain was higher on high-stress days, not on active days: "
                    "a sign that your pain follows your nervous system, not damage."
                ),
            )
        )
    if delayed is not None and delayed.detected:
        insights.append(
            Reason(
                rules.DELAYED_PAIN,
                _(
                    "After your most active days, pain tended to rise the next "
                    "day rather than on the day itself (fairly sure); pacing "
                    "your activity can smooth this out."
                ),
            )
        )
    return Patterns(len(days), tuple(rels), delayed, tuple(insights))
