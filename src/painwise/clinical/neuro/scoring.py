"""The baseline, the 0-1 feedback score and the adaptive threshold.

A protocol's terms are each measured in a window (relative power of a band, or a ratio of two
bands' absolute power, averaged over the term's channels). The baseline gives each term's
median and spread (scaled MAD) over clean windows. The score is the weighted mean of the
terms' z-scores against the baseline (signed by the direction they are rewarded in), lightly
smoothed, then mapped to 0-1 by the normal distribution function: 0.5 is the baseline's usual
level. Reward is a score above the threshold, which follows the recent scores so that reward
comes about ``target_reward`` of the time.
"""

import math
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from painwise.clinical.common import RuleBook
from painwise.clinical.neuro.analysis import Measure
from painwise.clinical.neuro.artifacts import MAD_TO_SD, Reference
from painwise.clinical.neuro.bands import Band
from painwise.clinical.neuro.protocols import Protocol
from painwise.clinical.neuro.settings import NeuroSettings

RULES = RuleBook(
    """
nf_baseline
    source: neurofeedback issue (60 s eyes open, quiet); neurofeedback notes 3 (exclude rejected windows from the baseline; neurofeedbacklab calibrates on a baseline run first)
    summary: Median and scaled MAD of each protocol term over the clean 2 s windows of the calibration; the muscle gate's reference from the same windows. Too few clean windows (under half) and the baseline is refused.

nf_score
    source: neurofeedback issue (weighted z-score against the baseline, smoothed lightly); neurofeedback notes 3 (EMA time constant 0.5 s or less)
    summary: Weighted mean of the terms' signed z-scores, smoothed with a time constant of smoothing_s, mapped to 0-1 by the normal distribution function. A rejected window holds the last good score.

nf_threshold
    source: neurofeedback issue (reward near a target rate, 60% by default); Al-Taleb 2019 (thresholds set from the person's own recent levels)
    summary: The threshold is the (1 - target_reward) quantile of the good scores of the last threshold_memory_s seconds; before 2 s of scores it is 1 - target_reward.
"""
)
BASELINE = RULES.id("nf_baseline")
SCORE = RULES.id("nf_score")
THRESHOLD = RULES.id("nf_threshold")
SMALLEST_SPREAD = 1e-9


class BaselineError(ValueError):
    """The calibration was too noisy to give a baseline."""


def term_values(
    measure: Measure, protocol: Protocol, channels: Sequence[Sequence[int]], bands: Sequence[Band]
) -> list[float]:
    """Each term's value in one window. ``channels`` are, per term, positions among the
    measured (scored) channels."""
    where = {band.name: i for i, band in enumerate(bands)}
    values = []
    for term, positions in zip(protocol.terms, channels, strict=True):
        names = term.bands
        if len(names) == 1:
            values.append(float(measure.relative[where[names[0]], positions].mean()))
        else:
            top = measure.absolute[where[names[0]], positions]
            bottom = measure.absolute[where[names[1]], positions]
            ratio = np.divide(top, bottom, out=np.zeros_like(top), where=bottom > 0)
            values.append(float(ratio.mean()))
    return values


@dataclass(frozen=True, slots=True)
class Baseline:
    medians: tuple[float, ...]  # one per protocol term
    spreads: tuple[float, ...]
    muscle: Reference
    windows: int  # windows used
    rejected: int  # windows left out by a gate
    alpha_peak: float | None = None

    @classmethod
    def of(
        cls,
        measures: Sequence[Measure],
        values: Sequence[Sequence[float]],
        settings: NeuroSettings,
        alpha_peak: float | None = None,
    ) -> "Baseline":
        """From every calibration window and its term values."""
        muscle = Reference.of([m.high_frequency for m in measures if not m.gates])
        clean = [
            v
            for m, v in zip(measures, values, strict=True)
            if not m.gates and not muscle.exceeded(m.high_frequency, settings.muscle_k)
        ]
        if not measures or len(clean) * 2 < len(measures):
            raise BaselineError(
                f"only {len(clean)} of {len(measures)} calibration windows were clean"
            )
        table = np.asarray(clean)
        medians = np.median(table, axis=0)
        spreads = MAD_TO_SD * np.median(np.abs(table - medians), axis=0)
        spreads = np.maximum(spreads, np.maximum(np.abs(medians) * 1e-3, SMALLEST_SPREAD))
        return cls(
            tuple(float(v) for v in medians),
            tuple(float(v) for v in spreads),
            muscle,
            len(clean),
            len(measures) - len(clean),
            alpha_peak,
        )

    def z(self, values: Sequence[float], protocol: Protocol) -> float:
        total = sum(t.weight for t in protocol.terms)
        return (
            sum(
                t.weight * t.direction * (v - m) / s
                for t, v, m, s in zip(
                    protocol.terms, values, self.medians, self.spreads, strict=True
                )
            )
            / total
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "medians": list(self.medians),
            "spreads": list(self.spreads),
            "muscle": {"median": self.muscle.median, "spread": self.muscle.spread},
            "windows": self.windows,
            "rejected": self.rejected,
            "alpha_peak": self.alpha_peak,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Baseline":
        return cls(
            tuple(float(v) for v in data["medians"]),
            tuple(float(v) for v in data["spreads"]),
            Reference(float(data["muscle"]["median"]), float(data["muscle"]["spread"])),
            int(data["windows"]),
            int(data["rejected"]),
            data.get("alpha_peak"),
        )


def to_unit(z: float) -> float:
    """The normal distribution function: z = 0 is 0.5."""
    return 0.5 * (1.0 + math.erf(z / math.sqrt(2.0)))


@dataclass(frozen=True, slots=True)
class Score:
    score: float
    reward: bool
    threshold: float
    held: bool  # the window was rejected; the score is the last good one


class Scorer:
    """The live score: smoothing, holding over rejected windows, the adaptive threshold."""

    def __init__(self, settings: NeuroSettings) -> None:
        self.settings = settings
        self.alpha = (
            1.0 - math.exp(-settings.hop_s / settings.smoothing_s)
            if settings.smoothing_s > 0
            else 1.0
        )
        self.smoothed: float | None = None
        memory = max(1, round(settings.threshold_memory_s / settings.hop_s))
        self.recent: deque[float] = deque(maxlen=memory)
        self.warmup = max(1, round(2.0 / settings.hop_s))
        self.threshold = 1.0 - settings.target_reward
        self.last = 0.5

    def update(self, z: float | None) -> Score:
        """``z``: the window's z-score, or None for a rejected window."""
        if z is None:
            return Score(self.last, False, self.threshold, True)  # no reward for an artifact
        self.smoothed = (
            z if self.smoothed is None else self.smoothed + self.alpha * (z - self.smoothed)
        )
        self.last = to_unit(self.smoothed)
        self.recent.append(self.last)
        if len(self.recent) >= self.warmup:
            self.threshold = float(np.quantile(self.recent, 1.0 - self.settings.target_reward))
        return Score(self.last, self.last > self.threshold, self.threshold, False)
