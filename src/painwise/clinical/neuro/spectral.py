"""From samples to band powers: notch, band-pass, detrend, Welch, integration.

The filters run over the stream as it comes, causally, with their state kept between calls
(``StreamFilter``), exactly as a live session must: a window's samples are already filtered
when the window is taken, so there are no filter edges inside a window, and an analysis of a
recording gives the same numbers a live session would have. The filters start from their
steady state for the first sample (no step response at the start). Each window is then
detrended (linear) and its PSD computed by Welch's method (Hann segments); a band's power is
the trapezoid rule over the bins from its low edge to its high edge, both included.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import NDArray
from scipy import signal
from scipy.integrate import trapezoid

from painwise.clinical.neuro.bands import Band

Array = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Filters:
    """Second-order sections for one sampling rate: the mains notches (or None), the EEG
    band-pass and the high-pass of the muscle gate."""

    fs: float
    notch: Array | None
    bandpass: Array
    highpass: Array


@cache
def design(
    fs: float,
    notch_hz: tuple[float, ...],
    band: tuple[float, float],
    order: int,
    muscle_low: float,
) -> Filters:
    nyquist = fs / 2
    notches = [
        signal.tf2sos(*signal.iirnotch(hz, Q=30.0, fs=fs)) for hz in notch_hz if hz < nyquist - 1
    ]
    notch = np.vstack(notches) if notches else None
    high = min(band[1], nyquist * 0.9)
    bandpass = signal.butter(order, [band[0], high], btype="bandpass", fs=fs, output="sos")
    highpass = signal.butter(
        order, min(muscle_low, nyquist * 0.8), btype="highpass", fs=fs, output="sos"
    )
    return Filters(fs, notch, np.asarray(bandpass), np.asarray(highpass))


class _Section:
    """One causal filter over several channels, its state kept between calls."""

    def __init__(self, sos: Array) -> None:
        self.sos = sos
        self.state: Array | None = None

    def __call__(self, x: Array) -> Array:
        if self.state is None:  # start from the steady state for the first sample
            self.state = signal.sosfilt_zi(self.sos)[:, None, :] * x[None, :, :1]
        y, self.state = signal.sosfilt(self.sos, x, axis=-1, zi=self.state)
        return np.asarray(y)


class StreamFilter:
    """The stream's filters: feed every sample once, in order; get back the band-passed
    signal (for the bands and the blink gate) and the high-passed one (for the muscle gate)."""

    def __init__(self, filters: Filters) -> None:
        self.notch = _Section(filters.notch) if filters.notch is not None else None
        self.bandpass = _Section(filters.bandpass)
        self.highpass = _Section(filters.highpass)

    def __call__(self, x: Array) -> tuple[Array, Array]:
        """``x``: channels x new samples, microvolts."""
        if x.shape[-1] == 0:
            return x.copy(), x.copy()
        notched = self.notch(x) if self.notch is not None else x
        return self.bandpass(notched), self.highpass(notched)


def segment_length(n: int, fs: float, segment_s: float) -> int:
    """Samples per Welch segment: ``segment_s`` seconds, at most the whole window."""
    return max(8, min(n, round(segment_s * fs)))


def welch(x: Array, fs: float, nperseg: int, overlap: float) -> tuple[Array, Array]:
    """Welch's PSD in microvolts squared per hertz (Hann segments, no further detrend)."""
    freqs, psd = signal.welch(
        x,
        fs=fs,
        window="hann",
        nperseg=nperseg,
        noverlap=int(nperseg * overlap),
        detrend=False,
        scaling="density",
        axis=-1,
    )
    return freqs, psd


def band_power(freqs: Array, psd: Array, low: float, high: float) -> Array:
    """Power in [low, high] Hz by the trapezoid rule over the bins inside (edges included);
    one value per channel, in microvolts squared. Zero when fewer than two bins fall inside."""
    inside = (freqs >= low) & (freqs <= high)
    if inside.sum() < 2:
        return np.zeros(psd.shape[:-1])
    return np.asarray(trapezoid(psd[..., inside], freqs[inside], axis=-1))


def band_powers(
    freqs: Array, psd: Array, bands: Sequence[Band], total: tuple[float, float]
) -> tuple[Array, Array]:
    """Absolute and relative power, bands x channels. Relative is against the ``total`` range
    (1-40 Hz by default); a channel with no power at all has relative power 0."""
    absolute = np.array([band_power(freqs, psd, b.low, b.high) for b in bands])
    whole = band_power(freqs, psd, *total)
    with np.errstate(divide="ignore", invalid="ignore"):
        relative = np.where(whole > 0, absolute / whole, 0.0)
    return absolute, relative
