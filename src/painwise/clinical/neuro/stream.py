"""The live processor: samples in as they arrive, one update per hop out.

It keeps the last window of every channel, runs the causal filters over each new sample once,
counts samples lost in the board's package counter, and, every ``hop_s`` of samples, measures
the last ``window_s`` and scores it. Time is counted in samples (the board's clock), never in
arrival times, which drift.
"""

import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from numpy.typing import NDArray

from painwise.clinical.neuro import artifacts
from painwise.clinical.neuro.analysis import Measurer, flag, measure_all
from painwise.clinical.neuro.bands import individual_bands
from painwise.clinical.neuro.protocols import Protocol
from painwise.clinical.neuro.scoring import Baseline, Scorer, term_values
from painwise.clinical.neuro.settings import NeuroSettings

Array = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Update:
    t: float  # seconds of signal from the start to the window's end
    bands: dict[str, float]  # relative power of each band, averaged over the scored channels
    absolute: dict[str, float]
    artifact: str | None
    score: float | None  # None before a baseline
    reward: bool
    threshold: float | None
    held: bool
    stamp: float | None  # the board's timestamp of the window's newest sample (latency)
    compute_ms: float
    values: tuple[float, ...] = field(default=())  # the protocol terms' values

    def to_dict(self) -> dict[str, object]:
        return {
            "t": round(self.t, 3),
            "bands": {k: round(v, 5) for k, v in self.bands.items()},
            "abs": {k: round(v, 4) for k, v in self.absolute.items()},
            "artifact": self.artifact,
            "score": None if self.score is None else round(self.score, 4),
            "reward": self.reward,
            "threshold": None if self.threshold is None else round(self.threshold, 4),
            "held": self.held,
            "stamp": self.stamp,
            "compute_ms": round(self.compute_ms, 3),
        }


class Processor:
    def __init__(
        self,
        fs: float,
        names: Sequence[str],
        protocol: Protocol,
        settings: NeuroSettings | None = None,
    ) -> None:
        self.settings = s = settings or NeuroSettings()
        self.fs = float(fs)
        self.names = list(names)
        self.protocol = protocol
        per_term = protocol.channels(self.names)
        self.scored = sorted({c for term in per_term for c in term})
        position = {c: i for i, c in enumerate(self.scored)}
        self.term_positions = [[position[c] for c in term] for term in per_term]
        self.measurer = Measurer(self.fs, self.names, self.scored, s)
        self.filter = self.measurer.stream()
        self.size = max(2, round(s.window_s * self.fs))
        self.hop = max(1, round(s.hop_s * self.fs))
        n = len(self.names)
        self.raw = np.zeros((n, 0))
        self.passed = np.zeros((n, 0))
        self.high = np.zeros((n, 0))
        self.stamps = np.zeros(0)
        self.received = 0  # samples since the start
        self.next_end = self.size
        self.lost = 0
        self.gaps = 0
        self.last_counter: int | None = None
        self.baseline: Baseline | None = None
        self.scorer = Scorer(s)

    def _count(self, counters: Array) -> None:
        """Lost samples from the package counter (it wraps at ``counter_modulo``)."""
        if counters.size == 0:
            return
        values = counters.astype(np.int64)
        previous = np.concatenate(
            ([values[0] - 1 if self.last_counter is None else self.last_counter], values[:-1])
        )
        missing = (values - previous - 1) % self.settings.counter_modulo
        self.lost += int(missing.sum())
        self.gaps += int(np.count_nonzero(missing))
        self.last_counter = int(values[-1])

    def push(
        self, samples: Array, counters: Array | None = None, stamps: Array | None = None
    ) -> list[Update]:
        """``samples``: every channel x new samples (microvolts), in order."""
        n = samples.shape[1]
        if n == 0:
            return []
        if counters is not None:
            self._count(counters)
        passed, high = self.filter(samples)
        self.raw = np.concatenate((self.raw, samples), axis=1)
        self.passed = np.concatenate((self.passed, passed), axis=1)
        self.high = np.concatenate((self.high, high), axis=1)
        if stamps is None:
            stamps = np.full(n, np.nan)
        self.stamps = np.concatenate((self.stamps, stamps))
        self.received += n
        updates = []
        while self.next_end <= self.received:
            end = self.raw.shape[1] - (self.received - self.next_end)
            if end - self.size >= 0:
                updates.append(self._update(end, self.next_end))
            self.next_end += self.hop
        # Keep what the next windows need: a window, and the hop before it.
        keep = self.size + self.hop
        self.raw, self.passed, self.high = (
            a[:, -keep:] for a in (self.raw, self.passed, self.high)
        )
        self.stamps = self.stamps[-keep:]
        return updates

    def _update(self, end: int, sample_end: int) -> Update:
        started = time.perf_counter()
        window = slice(end - self.size, end)
        measure = self.measurer.measure(
            self.raw[:, window], self.passed[:, window], self.high[:, window], sample_end
        )
        bands = self.settings.bands
        values = term_values(measure, self.protocol, self.term_positions, bands)
        score = reward = threshold = None
        held = False
        if self.baseline is None:
            artifact = artifacts.first(measure.gates)
        else:
            artifact = flag(measure, self.baseline.muscle, self.settings.muscle_k)
            found = self.scorer.update(None if artifact else self.baseline.z(values, self.protocol))
            score, reward, threshold, held = found.score, found.reward, found.threshold, found.held
        stamp = float(self.stamps[end - 1]) if not np.isnan(self.stamps[end - 1]) else None
        return Update(
            sample_end / self.fs,
            {b.name: float(measure.relative[i].mean()) for i, b in enumerate(bands)},
            {b.name: float(measure.absolute[i].mean()) for i, b in enumerate(bands)},
            artifact,
            score,
            bool(reward),
            threshold,
            held,
            stamp,
            (time.perf_counter() - started) * 1000,
            tuple(values),
        )

    def calibrate(self, recording: Array) -> Baseline:
        """Set the baseline from the calibration's raw samples (every channel x samples):
        2 s windows, filtered as a stream, clean windows only. With the individual alpha
        option, the bands move to the alpha peak first. Raises BaselineError if too noisy."""
        s = self.settings
        measures = measure_all(self.measurer, recording, s.baseline_window_s, s.baseline_step_s)
        peak = None
        if s.individual_alpha and measures:
            clean = [m for m in measures if not m.gates] or list(measures)
            spectrum = np.mean([m.psd.mean(axis=0) for m in clean], axis=0)
            moved, peak = individual_bands(clean[0].freqs, spectrum, s.bands)
            if peak is not None:
                self.settings = s = replace(s, bands=moved)
                self.measurer = Measurer(self.fs, self.names, self.scored, s)
                measures = measure_all(
                    self.measurer, recording, s.baseline_window_s, s.baseline_step_s
                )
        values = [term_values(m, self.protocol, self.term_positions, s.bands) for m in measures]
        self.baseline = Baseline.of(measures, values, s, peak)
        return self.baseline
