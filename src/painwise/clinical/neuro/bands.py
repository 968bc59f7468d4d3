"""Frequency bands, channel names and the individual alpha peak."""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from painwise.clinical.common import RuleBook

RULES = RuleBook(
    """
nf_bands
    source: clinical-facts 9 (alpha about 8-12 Hz, SMR 12-15 Hz, theta 4-8 Hz, beta up to 30 Hz in the trials reviewed); neurofeedback issue
    summary: Default bands theta 4-8, alpha 8-12, SMR 12-15, beta 15-30 Hz; relative power is a band's power over the 1-40 Hz total.

nf_individual_alpha
    source: clinical-facts 9 (Al-Taleb 2019: a low individual alpha peak argues for individual band edges); Klimesch 1999 (bands set around the peak)
    summary: Optional: the alpha band becomes the peak frequency (7-13 Hz, from the baseline) minus 2 to plus 2 Hz, and theta the 4 Hz below it.
"""
)
BANDS_RULE = RULES.id("nf_bands")
IAF_RULE = RULES.id("nf_individual_alpha")


@dataclass(frozen=True, slots=True)
class Band:
    name: str
    low: float  # Hz, included
    high: float  # Hz, included

    def __post_init__(self) -> None:
        if not 0 <= self.low < self.high:
            raise ValueError(f"band {self.name}: the low edge must be below the high edge")


DEFAULT_BANDS: tuple[Band, ...] = (
    Band("theta", 4.0, 8.0),
    Band("alpha", 8.0, 12.0),
    Band("smr", 12.0, 15.0),
    Band("beta", 15.0, 30.0),
)

_PREFIX = re.compile(r"^(eeg|exg|emg)[\s_-]+", re.IGNORECASE)


def normal_name(name: str) -> str:
    """A channel name as it is matched: case-insensitive, without a prefix such as "EEG " and
    without trailing dots or spaces ("EEG O1.." -> "o1")."""
    return _PREFIX.sub("", name.strip()).rstrip(". ").strip().lower()


def match_channels(available: Sequence[str], wanted: Iterable[str]) -> list[int]:
    """The indexes in ``available`` of each wanted channel name, in the order asked.
    Raises KeyError naming the first channel that is not there."""
    index = {normal_name(name): i for i, name in enumerate(available)}
    found = []
    for name in wanted:
        key = normal_name(name)
        if key not in index:
            raise KeyError(name)
        found.append(index[key])
    return found


def individual_bands(
    freqs: NDArray[np.float64],
    psd: NDArray[np.float64],
    bands: Sequence[Band] = DEFAULT_BANDS,
    search: tuple[float, float] = (7.0, 13.0),
) -> tuple[tuple[Band, ...], float | None]:
    """Bands moved to the individual alpha peak found in ``psd`` (a spectrum averaged over
    channels), and the peak. The peak is the highest bin in ``search``; with no bin there, or
    a peak at the edge of the search range (no real peak), the bands are left as they are."""
    inside = np.flatnonzero((freqs >= search[0]) & (freqs <= search[1]))
    if inside.size < 3:
        return tuple(bands), None
    top = int(inside[np.argmax(psd[inside])])
    if top in (inside[0], inside[-1]):
        return tuple(bands), None
    peak = float(freqs[top])
    moved = {
        "alpha": Band("alpha", peak - 2.0, peak + 2.0),
        "theta": Band("theta", peak - 6.0, peak - 2.0),
    }
    return tuple(moved.get(b.name, b) for b in bands), peak
