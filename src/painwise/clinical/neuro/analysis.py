"""Windows over a recording: band powers averaged over chosen channels, with artifact gates.

Used for the command line's ``analyze`` and for the baseline. Over a whole recording there is
no calibration stretch, so the muscle gate's reference is the recording's own median and MAD
(clenches are a small part of any usable recording); a live session uses its baseline's.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy import signal

from painwise.clinical.neuro import artifacts, spectral
from painwise.clinical.neuro.settings import NeuroSettings

Array = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Measure:
    """One window: absolute and relative power (bands x scored channels), the muscle gate's
    high-frequency power, and the gates other than the muscle gate that failed."""

    end: int  # the sample index just after the window
    absolute: Array
    relative: Array
    high_frequency: float
    gates: tuple[str, ...]
    freqs: Array
    psd: Array  # scored channels x frequencies (for the individual alpha peak)


class Measurer:
    """Measures windows of one recording layout: sampling rate, channels, settings.

    ``scored`` are the channels whose band powers are wanted; the gates also read the frontal
    channels (blinks) and every channel given (muscle)."""

    def __init__(
        self,
        fs: float,
        names: Sequence[str],
        scored: Sequence[int],
        settings: NeuroSettings,
    ) -> None:
        if fs <= 0:
            raise ValueError("the sampling rate must be above 0")
        self.fs = float(fs)
        self.names = list(names)
        self.scored = list(scored)
        self.settings = settings
        self.frontal = artifacts.frontal(self.names, settings.frontal_prefixes)
        self.filters = spectral.design(
            self.fs,
            settings.notch_hz,
            settings.bandpass,
            settings.filter_order,
            settings.muscle_cutoff(self.fs),
        )

    def stream(self) -> spectral.StreamFilter:
        """A new filter state for a stream of this layout (every channel)."""
        return spectral.StreamFilter(self.filters)

    def measure(self, raw: Array, passed: Array, high: Array, end: int) -> Measure:
        """One window: every channel x the window's samples, raw and filtered (microvolts)."""
        s = self.settings
        checks = (
            ("railed", artifacts.railed(raw[self.scored], s.rail_uv)),
            ("flat", artifacts.flat(raw[self.scored], s.flat_uv)),
            ("blink", artifacts.blink(passed[self.frontal], s.blink_uv)),
        )
        gates = tuple(kind for kind, failed in checks if failed)
        window = signal.detrend(passed[self.scored], axis=-1, type="linear")
        nperseg = spectral.segment_length(window.shape[-1], self.fs, s.segment_s)
        freqs, psd = spectral.welch(window, self.fs, nperseg, s.segment_overlap)
        absolute, relative = spectral.band_powers(freqs, psd, s.bands, s.total)
        hf = artifacts.high_frequency_power(high)
        return Measure(end, absolute, relative, hf, gates, freqs, psd)


def measure_all(measurer: Measurer, data: Array, window_s: float, step_s: float) -> list[Measure]:
    """Every full window of a whole recording (channels x samples), filtered as a stream."""
    size = max(2, round(window_s * measurer.fs))
    step = max(1, round(step_s * measurer.fs))
    passed, high = measurer.stream()(data)
    return [
        measurer.measure(
            data[:, end - size : end], passed[:, end - size : end], high[:, end - size : end], end
        )
        for end in range(size, data.shape[1] + 1, step)
    ]


@dataclass(frozen=True, slots=True)
class Window:
    """One line of the analysis: the window's end in seconds, band powers averaged over the
    chosen channels, and the artifact (or None)."""

    t: float
    bands: dict[str, dict[str, float]]
    artifact: str | None

    def to_dict(self) -> dict[str, object]:
        return {"t": self.t, "bands": self.bands, "artifact": self.artifact}


def muscle_flags(
    measures: Sequence[Measure], reference: artifacts.Reference, k: float
) -> list[str | None]:
    """Each window's artifact (the first failed gate), the muscle gate judged against
    ``reference``."""
    return [flag(m, reference, k) for m in measures]


def flag(measure: Measure, reference: artifacts.Reference, k: float) -> str | None:
    muscle = ("muscle",) if reference.exceeded(measure.high_frequency, k) else ()
    return artifacts.first(measure.gates + muscle)


def analyze(
    data: Array,
    fs: float,
    names: Sequence[str],
    channels: Sequence[int],
    settings: NeuroSettings,
    window_s: float = 2.0,
    step_s: float = 0.5,
) -> list[Window]:
    """Every full window of ``data`` (channels x samples, microvolts)."""
    if window_s <= 0 or step_s <= 0:
        raise ValueError("the window and the step must be above 0 seconds")
    measurer = Measurer(fs, names, channels, settings)
    measures = measure_all(measurer, data, window_s, step_s)
    reference = artifacts.Reference.of([m.high_frequency for m in measures])
    flags = muscle_flags(measures, reference, settings.muscle_k)
    return [
        Window(
            m.end / fs,
            {
                band.name: {
                    "abs": float(m.absolute[i].mean()),
                    "rel": float(m.relative[i].mean()),
                }
                for i, band in enumerate(settings.bands)
            },
            flag,
        )
        for m, flag in zip(measures, flags, strict=True)
    ]
