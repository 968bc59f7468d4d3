"""Personal patterns: how a person's own daily factors move with their pain.

Method (docs/rules/tracking.md):
- Each daily series is detrended by subtracting its centred moving average (7 days by
  default, ``detrend_window_days``), so that what
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
- Two shown factors that go together are each checked with the other held constant (a
  partial rank correlation) and stay shown only if they hold on their own.
- Delayed pain: the next day's pain against the person's usual level around it, after
  high-activity days (top quarter of the person's days) against after other days (Welch).
- The sentences say what went together, never a cause, and never contradict each other.
"""

import datetime as dt
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
    # Other shown factors that went together with this one: rho, the interval and the
    # sureness are then its partial relation with pain, those factors held constant.
    held_constant: tuple[str, ...] = ()

    @property
    def shown(self) -> bool:
        return self.sureness != "not_sure_yet"


@dataclass(frozen=True, slots=True)
class DelayedPain:
    n_high: int
    n_other: int
    # Mean of (next day's pain minus the person's usual level around it) after high-activity
    # days, minus the same after other days.
    difference: float
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
                    "held_constant": list(r.held_constant),
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
    """Ranks from 0, ties sharing their average rank. (One sort and a pass over its runs of
    equal values: about twice as quick as ``np.unique`` on a diary's 28-90 values, and the
    insights rank each series dozens of times.)"""
    order = np.argsort(a, kind="stable")
    ordered = a[order]
    starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    ends = np.append(starts[1:], len(a))
    ranks = np.empty(len(a))
    ranks[order] = np.repeat((starts + ends - 1) / 2.0, ends - starts)
    return ranks


def spearman(x: np.ndarray, y: np.ndarray) -> float:
    return _spearman_of_ranks(_rank(x), _rank(y))


def _spearman_of_ranks(rx: np.ndarray, ry: np.ndarray) -> float:
    """Spearman's rho from ranks already taken (ranking ranks again gives the same ranks)."""
    rx = rx - rx.mean()
    ry = ry - ry.mean()
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


AUTOCORR_LAGS = 10  # the autocorrelations Bartlett's formula sums (at most a quarter of n)


def effective_n(
    x: np.ndarray,
    y: np.ndarray,
    max_lag: int = AUTOCORR_LAGS,
    y_autocorr: np.ndarray | None = None,
) -> float:
    """Bartlett's effective sample size for a correlation of two autocorrelated series:
    n / (1 + 2 * sum_k rx(k) ry(k)). Detrending and day-to-day carry-over make neighbouring
    days alike; treating them as independent would overstate how sure we are.
    (``y_autocorr``: ``y``'s autocorrelations, when already known.)"""
    n = len(x)
    lags = min(max_lag, n // 4)
    if lags < 1:
        return float(n)
    ry = _autocorr(y, lags) if y_autocorr is None else y_autocorr
    inflation = 1 + 2 * float((_autocorr(x, lags) * ry).sum())
    return max(4.0, min(float(n), n / max(inflation, 1e-9)))


def _sureness(rho: float, n_eff: float, alpha: float, held: int = 0) -> tuple[float, float, str]:
    """The interval at the family's level and the words for how sure (``held`` factors held
    constant cost one degree of freedom each)."""
    n = n_eff - held
    low, high = spearman_interval(rho, n, alpha)
    strict_low, strict_high = spearman_interval(rho, n, alpha / 10)
    if strict_low > 0 or strict_high < 0:
        return low, high, "very_sure"
    if low > 0 or high < 0:
        return low, high, "fairly_sure"
    return low, high, "not_sure_yet"


def _residual(y: np.ndarray, controls: np.ndarray) -> np.ndarray:
    """What is left of ``y`` after a least-squares fit on ``controls`` (with an intercept)."""
    design = np.column_stack([np.ones(len(y)), controls])
    coef, *_rest = np.linalg.lstsq(design, y, rcond=None)
    return np.asarray(y - design @ coef)


def partial_spearman(x: np.ndarray, y: np.ndarray, controls: list[np.ndarray]) -> float:
    """Spearman's rho of ``x`` and ``y`` with ``controls`` held constant: the correlation of
    their ranks after each is fitted on the controls' ranks (a partial rank correlation)."""
    z = np.column_stack([_rank(c) for c in controls])
    rx, ry = _residual(_rank(x), z), _residual(_rank(y), z)
    denom = math.sqrt(float((rx * rx).sum() * (ry * ry).sum()))
    return float((rx * ry).sum() / denom) if denom > 0 else 0.0


@dataclass(frozen=True, slots=True)
class _Series:
    pain: np.ndarray
    factors: dict[str, np.ndarray]


def _all_series(days: Sequence[Day]) -> dict[str, np.ndarray]:
    """The outcome and every factor as day-indexed series (NaN where not given), in one pass."""
    start = days[0].date.toordinal()
    names = (OUTCOME, *FACTORS)
    out = {name: np.full(days[-1].date.toordinal() - start + 1, np.nan) for name in names}
    for d in days:
        i = d.date.toordinal() - start
        for name in names:
            value = d.values.get(name)
            if value is not None:
                out[name][i] = value
    return out


def _detrended(days: Sequence[Day], settings: TrackingSettings) -> _Series:
    window = settings.detrend_window_days
    series = {name: detrend(x, window) for name, x in _all_series(days).items()}
    return _Series(series.pop(OUTCOME), series)


def _pair(x: np.ndarray, pain: np.ndarray, lag: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A factor's days and the pain ``lag`` days later, where both are known."""
    xx, y = x[: len(x) - lag], pain[lag:]
    ok = ~np.isnan(xx) & ~np.isnan(y)
    return xx, y, ok


def relations(days: Sequence[Day], settings: TrackingSettings) -> list[Relation]:
    if not days:
        return []
    series = _detrended(days, settings)
    candidates = []
    # The pain side of a pair depends only on the lag and the days both are known: factors
    # given on the same days (most come from one check-in) share its ranks and autocorrelation.
    pain_side: dict[tuple[int, bytes], tuple[np.ndarray, np.ndarray]] = {}
    for factor in FACTORS:
        for lag in (0, 1):
            xx, y, ok = _pair(series.factors[factor], series.pain, lag)
            n = int(ok.sum())
            if n < settings.pattern_min_days or np.ptp(xx[ok]) == 0 or np.ptp(y[ok]) == 0:
                continue
            # Autocorrelation is measured on the series as days in a row (missing days dropped).
            key = (lag, ok.tobytes())
            if key not in pain_side:
                ry = _rank(y[ok])
                pain_side[key] = (ry, _autocorr(ry, min(AUTOCORR_LAGS, n // 4)))
            ry, ry_auto = pain_side[key]
            rx = _rank(xx[ok])
            n_eff = effective_n(rx, ry, y_autocorr=ry_auto)
            candidates.append((factor, lag, n, n_eff, _spearman_of_ranks(rx, ry)))
    # One family per person: every relation tested, plus the delayed-pain check.
    alpha = settings.pattern_family_alpha / (len(candidates) + 1)
    found = [
        Relation(factor, lag, n, rho, *_sureness(rho, n_eff, alpha))
        for factor, lag, n, n_eff, rho in candidates
    ]
    return _hold_linked_constant(found, series, settings, alpha)


def linked(a: np.ndarray, b: np.ndarray, alpha: float, min_days: int) -> bool:
    """Do two factors go together (their detrended days correlate, at the family's level)?"""
    ok = ~np.isnan(a) & ~np.isnan(b)
    if ok.sum() < min_days or np.ptp(a[ok]) == 0 or np.ptp(b[ok]) == 0:
        return False
    ra, rb = _rank(a[ok]), _rank(b[ok])
    low, high = spearman_interval(_spearman_of_ranks(ra, rb), effective_n(ra, rb), alpha)
    return low > 0 or high < 0


def _hold_linked_constant(
    found: list[Relation], series: _Series, settings: TrackingSettings, alpha: float
) -> list[Relation]:
    """A shown factor that went together with another shown factor (for the same day, or the
    next) is checked again with that factor held constant, and stays shown only if it holds
    on its own. Without this, poor sleep that raises pain makes stress look linked too when
    stressful days tend to be poor-sleep days."""
    out = []
    for rel in found:
        partners = [
            other.factor
            for other in found
            if other.shown
            and rel.shown
            and other.lag == rel.lag
            and other.factor != rel.factor
            and linked(
                series.factors[rel.factor],
                series.factors[other.factor],
                alpha,
                settings.pattern_min_days,
            )
        ]
        if not partners:
            out.append(rel)
            continue
        xx, y, ok = _pair(series.factors[rel.factor], series.pain, rel.lag)
        controls = [series.factors[p][: len(xx)] for p in partners]
        for c in controls:
            ok &= ~np.isnan(c)
        if ok.sum() < settings.pattern_min_days + len(partners):
            out.append(
                Relation(
                    rel.factor,
                    rel.lag,
                    int(ok.sum()),
                    0.0,
                    -1.0,
                    1.0,
                    "not_sure_yet",
                    tuple(partners),
                )
            )
            continue
        rho = partial_spearman(xx[ok], y[ok], [c[ok] for c in controls])
        n_eff = effective_n(_rank(xx[ok]), _rank(y[ok]))
        low, high, sure = _sureness(rho, n_eff, alpha, held=len(partners))
        out.append(
            Relation(rel.factor, rel.lag, int(ok.sum()), rho, low, high, sure, tuple(partners))
        )
    return out


def usual_levels(pain: np.ndarray, half: int) -> np.ndarray:
    """Each day's usual pain for the person: the mean of the days within ``half`` days of it,
    leaving out the day itself and the day before (the active day, whose own pain would pull
    the comparison towards it). NaN with fewer than 3 such days."""
    if len(pain) < 2 * half + 1:
        return np.full(len(pain), np.nan)  # too short to say what "usual" is
    valid = ~np.isnan(pain)
    filled = np.where(valid, pain, 0.0)
    kernel = np.ones(2 * half + 1)
    sums = np.convolve(filled, kernel, mode="same")
    counts = np.convolve(valid.astype(float), kernel, mode="same")
    before = np.concatenate(([0.0], filled[:-1]))
    before_valid = np.concatenate(([0.0], valid[:-1].astype(float)))
    sums -= filled + before
    counts -= valid.astype(float) + before_valid
    with np.errstate(invalid="ignore", divide="ignore"):
        usual = sums / counts
    usual[counts < 3] = np.nan
    return usual


def delayed_pain(
    days: Sequence[Day], settings: TrackingSettings, alpha: float
) -> DelayedPain | None:
    """Is the day after a high-activity day more painful than usual for the person, compared
    with the day after other days? Usual is the person's own level around that day (the same
    window as the other patterns), so a good active day followed by an ordinary day is not
    mistaken for a rise."""
    if not days:
        return None
    start = days[0].date.toordinal()
    length = days[-1].date.toordinal() - start + 1
    pain = _series(days, OUTCOME, start, length)
    activity = _series(days, "activity_minutes", start, length)
    # Day d's activity with day d+1's pain above the usual level around d+1.
    above_all = (pain - usual_levels(pain, settings.detrend_window_days // 2))[1:]
    act_all = activity[:-1]
    ok = ~np.isnan(act_all) & ~np.isnan(above_all)
    if ok.sum() < settings.pattern_min_days:
        return None
    acts, above = act_all[ok], above_all[ok]
    cut = float(np.quantile(acts, settings.high_activity_quantile))
    high = (acts >= cut) & (acts > 0)
    if high.all() or not high.any():
        return None
    a, b = above[high], above[~high]
    if len(a) < settings.delayed_min_pairs or len(b) < settings.delayed_min_pairs:
        return None
    diff = float(a.mean() - b.mean())
    se = math.sqrt(a.var(ddof=1) / len(a) + b.var(ddof=1) / len(b))
    if se == 0:
        return None
    crit = NormalDist().inv_cdf(1 - alpha / 2)
    low, upper = diff - crit * se, diff + crit * se
    return DelayedPain(len(a), len(b), diff, low, upper, detected=low > 0)


# --- what is said -----------------------------------------------------------------------------

_SURE_WORDS = {"very_sure": _("very sure"), "fairly_sure": _("fairly sure")}
FACTOR_NAMES = {
    "sleep_quality": _("sleep quality"),
    "sleep_hours": _("hours of sleep"),
    "stress": _("stress"),
    "activity_minutes": _("activity"),
    "practice_minutes": _("practice"),
    "sleep_efficiency": _("the share of the night asleep"),
}
SAME_DAY, NEXT_DAY, ANY_DAY = 0, 1, -1

# A claim an insight makes: (factor, when: 0 same day / 1 next day / -1 either, direction:
# +1 pain higher with more of it, -1 lower, 0 not linked).
Claim = tuple[str, int, int]


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


def _together(rel: Relation, dropped: str) -> Reason:
    when = _("that day") if rel.lag == 0 else _("the next day")
    return Reason(
        rules.PATTERN,
        _(
            "Days with changes in {a} and in {b} often came together; {a} was the one "
            "that went with your pain {when}."
        ),
        {"a": FACTOR_NAMES[rel.factor], "b": FACTOR_NAMES[dropped], "when": when},
    )


def contradicts(first: list[Claim], second: list[Claim]) -> bool:
    """Two insights contradict when they say different things about the same factor at the
    same time (a claim about either day covers both)."""
    for factor, when, direction in first:
        for other_factor, other_when, other_direction in second:
            same_time = when == other_when or ANY_DAY in (when, other_when)
            if factor == other_factor and same_time and direction != other_direction:
                return True
    return False


def compose(
    rels: Sequence[Relation], delayed: DelayedPain | None
) -> list[tuple[Reason, list[Claim]]]:
    """The sentences shown, each with the claims it makes. They describe what went together
    in the person's days, never a cause; none contradicts another (evidence that disagrees
    with itself is not shown at all)."""
    shown = sorted((r for r in rels if r.shown), key=lambda r: -abs(r.rho))
    said: list[tuple[Reason, list[Claim]]] = []
    delayed_claim: list[Claim] = [("activity_minutes", NEXT_DAY, +1)]
    conflict = (
        delayed is not None
        and delayed.detected
        and any(
            contradicts([(r.factor, r.lag, 1 if r.rho > 0 else -1)], delayed_claim) for r in shown
        )
    )
    for rel in shown:
        claim = (rel.factor, rel.lag, 1 if rel.rho > 0 else -1)
        if conflict and rel.factor == "activity_minutes":
            continue
        said.append((_insight(rel), [claim]))
    for rel in shown:
        for partner in rel.held_constant:
            if not any(r.factor == partner and r.lag == rel.lag and r.shown for r in rels):
                said.append((_together(rel, partner), [(partner, rel.lag, 0)]))
    if delayed is not None and delayed.detected and not conflict:
        said.append(
            (
                Reason(
                    rules.DELAYED_PAIN,
                    _(
                        "On the day after your most active days, your pain was higher than "
                        "usual for you, more than after other days (fairly sure)."
                    ),
                ),
                delayed_claim,
            )
        )
    activity_tested = any(r.factor == "activity_minutes" for r in rels)
    activity_said = any(
        claim[0] == "activity_minutes" for _reason, claims in said for claim in claims
    )
    stress_up = any(r.factor == "stress" and r.lag == 0 and r.shown and r.rho > 0 for r in rels)
    activity_unsure = activity_tested and not any(
        r.factor == "activity_minutes" and r.shown for r in rels
    )
    if stress_up and activity_unsure and not activity_said and not (delayed and delayed.detected):
        said.append(
            (
                Reason(
                    rules.PATTERN,
                    _(
                        "Your pain was higher on days with more stress than usual; it did not "
                        "go up or down with how active you were."
                    ),
                ),
                [("stress", SAME_DAY, +1), ("activity_minutes", ANY_DAY, 0)],
            )
        )
    return said


def pattern_days(days: Sequence[Day], settings: TrackingSettings) -> Sequence[Day]:
    """The days patterns are looked for in: the last ``pattern_window_days`` up to the latest
    day (``days`` in date order)."""
    if not days:
        return days
    first = days[-1].date - dt.timedelta(days=settings.pattern_window_days - 1)
    if days[0].date >= first:
        return days
    return [d for d in days if d.date >= first]


def find_patterns(days: Sequence[Day], settings: TrackingSettings | None = None) -> Patterns:
    settings = settings or TrackingSettings()
    days = pattern_days(days, settings)
    rels = relations(days, settings)
    delayed = delayed_pain(days, settings, settings.pattern_family_alpha / (len(rels) + 1))
    insights = tuple(reason for reason, _claims in compose(rels, delayed))
    return Patterns(len(days), tuple(rels), delayed, insights)
