"""Artifact gates: a window that fails one is marked, holds the last good score, and never
enters a baseline. They are checked in this order, and the first that fails names the window:
railed, flat, blink, muscle. A window with a blink usually has some muscle power too (the
eyelids are muscles), so the blink gate is asked first and names it."""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from painwise.clinical.common import RuleBook

Array = NDArray[np.float64]

RULES = RuleBook(
    """
nf_gate_railed
    source: neurofeedback notes 3 (railed or flat-line check; BrainFlow get_railed_percentage)
    summary: A scored channel at or beyond the board's rail for at least half of the window.

nf_gate_flat
    source: neurofeedback notes 3 (flat-line check)
    summary: A scored channel whose peak-to-peak range, after detrending, is below flat_uv.

nf_gate_blink
    source: neurofeedback notes 3 (blink windows 280-360 uV peak-to-peak against 60-95 uV clean on Fp1/Fp2 in the real recording; a gate of about 150 uV after a 1-40 Hz band-pass)
    summary: Most frontal channels (Fp, AF; both of Fp1 and Fp2) with a band-passed peak-to-peak range above blink_uv: a blink shows on both sides, a one-sided jump at one sensor is not a blink.

nf_gate_muscle
    source: neurofeedback notes 3 (EMG gate: high-frequency power against the baseline median + k*MAD; jaw clench RMS 17-30 uV against 5-6 uV in the real recording)
    summary: Mean power above muscle_hz (55 Hz; 30 Hz when sampling below 200 Hz) over all channels above the reference median + muscle_k * MAD (scaled to a standard deviation).
"""
)
RAILED = RULES.id("nf_gate_railed")
FLAT = RULES.id("nf_gate_flat")
BLINK = RULES.id("nf_gate_blink")
MUSCLE = RULES.id("nf_gate_muscle")

# What a gate calls a window, as the analysis output and the session record show it.
KINDS = ("railed", "flat", "blink", "muscle")
MAD_TO_SD = 1.4826  # the MAD of normal data times this is its standard deviation


@dataclass(frozen=True, slots=True)
class Reference:
    """The muscle gate's reference: median and scaled MAD of the high-frequency power."""

    median: float
    spread: float

    @classmethod
    def of(cls, values: Sequence[float] | Array) -> "Reference":
        data = np.asarray(values, dtype=float)
        if data.size == 0:
            return cls(float("inf"), 0.0)
        median = float(np.median(data))
        return cls(median, MAD_TO_SD * float(np.median(np.abs(data - median))))

    def exceeded(self, value: float, k: float) -> bool:
        return value > self.median + k * self.spread


def frontal(names: Sequence[str], prefixes: Sequence[str]) -> list[int]:
    """Indexes of the channels over the eyes (names starting Fp or AF by default)."""
    lowered = [p.lower() for p in prefixes]
    return [i for i, n in enumerate(names) if any(n.lower().startswith(p) for p in lowered)]


def railed(raw: Array, rail_uv: float | None) -> bool:
    if rail_uv is None or raw.size == 0:
        return False
    return bool(np.any(np.mean(np.abs(raw) >= rail_uv, axis=-1) >= 0.5))


def flat(detrended: Array, flat_uv: float) -> bool:
    return bool(np.any(np.ptp(detrended, axis=-1) < flat_uv))


def blink(bandpassed_frontal: Array, blink_uv: float) -> bool:
    """More than half of the frontal channels (all of them, when there are two) above the
    peak-to-peak limit."""
    if bandpassed_frontal.size == 0:
        return False
    above = np.ptp(bandpassed_frontal, axis=-1) > blink_uv
    return bool(above.sum() * 2 > above.size)


def first(gates: Sequence[str]) -> str | None:
    """The gate that names a window: the first failed one in the order of KINDS."""
    return next((kind for kind in KINDS if kind in gates), None)


def high_frequency_power(highpassed: Array) -> float:
    """Mean square of the high-passed signal, averaged over channels (microvolts squared)."""
    return float(np.mean(highpassed**2))
