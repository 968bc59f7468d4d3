"""The neurofeedback engine (clinical/neuro) on synthetic signals with known answers and on the
real recording in ../shared/data/eeg (skipped with a message when it is absent)."""

import numpy as np
import pytest
from scipy import signal

from painwise.clinical.neuro import artifacts
from painwise.clinical.neuro.analysis import Measurer, analyze, measure_all
from painwise.clinical.neuro.bands import (
    DEFAULT_BANDS,
    individual_bands,
    match_channels,
    normal_name,
)
from painwise.clinical.neuro.protocols import PROTOCOLS, ProtocolError, custom, for_headset
from painwise.clinical.neuro.scoring import Baseline, BaselineError, Scorer, to_unit
from painwise.clinical.neuro.settings import NeuroSettings
from painwise.clinical.neuro.stream import Processor
from tests.shared_data import EEG_RECORDING, need

FS = 250.0
CYTON = ("Fp1", "Fp2", "C3", "C4", "P7", "P8", "O1", "O2")


def noise(seconds: float, channels: int = 8, seed: int = 1, uv: float = 10.0) -> np.ndarray:
    return np.random.default_rng(seed).normal(0, uv, (channels, int(seconds * FS)))


def sine(hz: float, seconds: float, uv: float) -> np.ndarray:
    t = np.arange(int(seconds * FS)) / FS
    return uv * np.sin(2 * np.pi * hz * t)


def real():
    table = np.loadtxt(
        need(EEG_RECORDING), delimiter=",", comments="%", skiprows=5, usecols=range(1, 9)
    )
    return table.T.copy()


# --- an independent computation of the same numbers -----------------------------------------


def oracle_band_powers(x, fs, window_end, size, bands, total=(1.0, 40.0)):
    """Written apart from the engine: its own filter design and state, a Welch PSD by hand with
    NumPy (Hann segments, half overlap, one-sided density), and its own trapezoid sum."""
    sos = []
    for hz in (50.0, 60.0):
        b, a = signal.iirnotch(hz, 30.0, fs)
        sos.append(signal.tf2sos(b, a))
    sos.append(signal.butter(4, [1.0, 40.0], btype="bandpass", fs=fs, output="sos"))
    y = x.copy()
    for s in sos:
        zi = signal.sosfilt_zi(s)[:, None, :] * y[None, :, :1]
        y, _ = signal.sosfilt(s, y, axis=-1, zi=zi)
    w = y[:, window_end - size : window_end]
    t = np.arange(size)
    w = w - np.array([np.polyval(np.polyfit(t, ch, 1), t) for ch in w])
    n = min(size, int(round(fs)))
    step = n - int(n * 0.5)
    hann = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(n) / n)  # periodic, as scipy's "hann"
    segments = [w[:, i : i + n] for i in range(0, size - n + 1, step)]
    spectra = [np.abs(np.fft.rfft(seg * hann, axis=-1)) ** 2 for seg in segments]
    psd = np.mean(spectra, axis=0) / (fs * np.sum(hann**2))
    psd[:, 1:-1] *= 2 if n % 2 == 0 else 1
    if n % 2:
        psd[:, 1:] *= 2
    freqs = np.fft.rfftfreq(n, 1 / fs)

    def integrate(lo, hi):
        idx = np.flatnonzero((freqs >= lo) & (freqs <= hi))
        return sum((freqs[i + 1] - freqs[i]) * (psd[:, i] + psd[:, i + 1]) / 2 for i in idx[:-1])

    absolute = np.array([integrate(b.low, b.high) for b in bands])
    return absolute, absolute / integrate(*total)


@pytest.mark.parametrize(
    ("fs", "window_s"), [(250.0, 1.0), (250.0, 2.0), (256.0, 2.0), (200.0, 1.0)]
)
def test_band_powers_agree_with_an_independent_welch(fs, window_s):
    x = np.random.default_rng(3).normal(0, 20, (4, int(6 * fs))) + 3000  # a DC offset, as boards
    x[1] += 40 * np.sin(2 * np.pi * 10 * np.arange(x.shape[1]) / fs)
    measurer = Measurer(fs, ["O1", "O2", "C3", "C4"], [0, 1, 2, 3], NeuroSettings())
    passed, high = measurer.stream()(x)
    size = int(window_s * fs)
    for end in (size, int(4.3 * fs), x.shape[1]):
        ours = measurer.measure(
            x[:, end - size : end], passed[:, end - size : end], high[:, end - size : end], end
        )
        absolute, relative = oracle_band_powers(x, fs, end, size, DEFAULT_BANDS)
        np.testing.assert_allclose(ours.absolute, absolute, rtol=1e-6)
        np.testing.assert_allclose(ours.relative, relative, rtol=1e-6)


def test_a_pure_tone_lands_in_its_band():
    x = np.vstack([sine(10, 4, 20) + noise(4, 1, uv=1)[0], sine(20, 4, 20) + noise(4, 1, 2, 1)[0]])
    windows = analyze(x, FS, ["O1", "O2"], [0], NeuroSettings(), 2.0, 1.0)
    assert all(w.bands["alpha"]["rel"] > 0.8 for w in windows[1:])
    beta = analyze(x, FS, ["O1", "O2"], [1], NeuroSettings(), 2.0, 1.0)
    assert all(w.bands["beta"]["rel"] > 0.8 for w in beta[1:])


def test_channel_names_match_without_case_prefix_or_trailing_dots():
    names = ["EEG Fp1.", "eeg o1..", "O2", "EXG-C3"]
    assert normal_name("EEG O1..") == "o1"
    assert match_channels(names, ["o1", "O2", "c3", "FP1"]) == [1, 2, 3, 0]
    with pytest.raises(KeyError):
        match_channels(names, ["Cz"])


# --- gates ------------------------------------------------------------------------------------


def test_flat_and_railed_channels_are_caught():
    x = noise(3)
    x[6] = 12.0  # flat O1
    windows = analyze(x, FS, CYTON, [6, 7], NeuroSettings(), 1.0, 1.0)
    assert {w.artifact for w in windows} == {"flat"}
    y = noise(3)
    y[7] = 187500.0 + np.abs(noise(3, 1)[0])
    railed = analyze(y, FS, CYTON, [6, 7], NeuroSettings(rail_uv=187500.0), 1.0, 1.0)
    assert {w.artifact for w in railed} == {"railed"}


def test_blink_gate_needs_both_sides_and_the_limit():
    settings = NeuroSettings()
    x = noise(6, uv=5)
    t = np.arange(x.shape[1]) / FS
    bump = 200 * np.exp(-(((t - 3.0) / 0.1) ** 2))  # a blink: 200 uV on both Fp channels
    one_side = x.copy()
    one_side[0] += bump
    both = x.copy()
    both[0] += bump
    both[1] += bump
    flags_one = [w.artifact for w in analyze(one_side, FS, CYTON, [6, 7], settings, 1.0, 0.5)]
    flags_both = [w.artifact for w in analyze(both, FS, CYTON, [6, 7], settings, 1.0, 0.5)]
    assert "blink" not in flags_one
    assert "blink" in flags_both
    assert artifacts.blink(np.array([[0.0, 150.0], [0.0, 150.0]]), 150.0) is False  # at the limit
    assert artifacts.blink(np.array([[0.0, 150.1], [0.0, 150.1]]), 150.0) is True


def test_muscle_gate_uses_median_plus_k_mad():
    ref = artifacts.Reference.of([10, 11, 12, 13, 14])
    assert ref.median == 12 and ref.spread == pytest.approx(1.4826)
    assert not ref.exceeded(12 + 5 * 1.4826, 5)
    assert ref.exceeded(12 + 5 * 1.4826 + 1e-6, 5)


# --- the real recording -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def recording():
    return real()


@pytest.fixture(scope="module")
def occipital(recording):
    return analyze(recording, FS, CYTON, [6, 7], NeuroSettings(), 2.0, 0.5)


def mean_rel(windows, start, end, band="alpha"):
    inside = [w.bands[band]["rel"] for w in windows if start + 2 <= w.t <= end and not w.artifact]
    return float(np.mean(inside))


def test_alpha_rises_with_eyes_closed_in_the_real_recording(occipital):
    ratio = mean_rel(occipital, 32, 74) / mean_rel(occipital, 18, 28)
    assert ratio >= 1.5, ratio


def test_blink_gate_flags_blinks_and_passes_the_quiet_stretch(occipital):
    def flags(start, end):
        return [w.artifact for w in occipital if start + 2 <= w.t <= end]

    assert all(f == "blink" for f in flags(3, 6)) and flags(3, 6)
    assert all(f == "blink" for f in flags(14, 17)) and flags(14, 17)
    assert flags(19.5, 28) and all(f is None for f in flags(19.5, 24))
    assert flags(32, 74).count(None) / len(flags(32, 74)) > 0.8


def test_muscle_gate_flags_the_jaw_clenches(occipital):
    clench = [w.artifact for w in occipital if 9 <= w.t <= 13]
    assert clench and all(f == "muscle" for f in clench)
    late = [w.artifact for w in occipital if 83 <= w.t <= 84]
    assert late and all(f == "muscle" for f in late)


# --- protocols, baseline, score ---------------------------------------------------------------


def test_protocols_are_data_and_refuse_a_headset_without_their_sites():
    muse = ["TP9", "AF7", "AF8", "TP10"]
    assert PROTOCOLS["alpha_up"].channels(muse) == [[0, 3]]
    with pytest.raises(ProtocolError):
        for_headset("smr_theta", muse)
    assert for_headset("smr_theta", list(CYTON)).terms[0].sites == ("C4",)
    mine = custom(
        {"terms": [{"band": "theta/beta", "sites": ["C3"], "direction": "down"}]}, ["theta", "beta"]
    )
    assert mine.terms[0].direction == -1 and mine.terms[0].bands == ("theta", "beta")
    for bad in (
        {},
        {"terms": [{"band": "gamma", "sites": ["C3"], "direction": "up"}]},
        {"terms": [{"band": "beta", "sites": "C3", "direction": "up"}]},
        {"terms": [{"band": "beta", "sites": ["C3"], "direction": "sideways"}]},
        {"terms": [{"band": "beta", "sites": ["C3"], "direction": "up", "weight": 0}]},
    ):
        with pytest.raises(ProtocolError):
            custom(bad, ["theta", "beta"])


def test_scorer_holds_on_artifacts_and_keeps_reward_near_target():
    settings = NeuroSettings()
    scorer = Scorer(settings)
    rng = np.random.default_rng(5)
    results = [scorer.update(float(z)) for z in rng.normal(0, 1, 3000)]
    rate = np.mean([r.reward for r in results[600:]])
    assert 0.55 <= rate <= 0.65
    held = scorer.update(None)
    assert held.held and held.score == results[-1].score and not held.reward
    assert to_unit(0.0) == 0.5


def test_baseline_leaves_out_rejected_windows_and_refuses_a_noisy_calibration():
    processor = Processor(FS, list(CYTON), PROTOCOLS["alpha_up"], NeuroSettings())
    x = noise(20, uv=8)
    baseline = processor.calibrate(x)
    assert baseline.windows > 30 and baseline.rejected == 0
    x[0:2, 2000:3000] += 400 * np.sin(np.arange(1000) / 40)  # blinking through 4 s
    second = Processor(FS, list(CYTON), PROTOCOLS["alpha_up"], NeuroSettings())
    found = second.calibrate(x)
    assert found.rejected > 0 and found.windows + found.rejected == baseline.windows
    bad = noise(20, uv=8)
    bad[0:2] += 400 * np.sin(np.arange(bad.shape[1]) / 40)
    with pytest.raises(BaselineError):
        Processor(FS, list(CYTON), PROTOCOLS["alpha_up"], NeuroSettings()).calibrate(bad)
    assert Baseline.from_dict(baseline.to_dict()) == baseline


def test_processor_scores_every_hop_and_counts_lost_samples():
    processor = Processor(FS, list(CYTON), PROTOCOLS["alpha_up"], NeuroSettings())
    processor.calibrate(noise(10, seed=2))
    x = noise(5, seed=3)
    counters = np.arange(x.shape[1]) % 256
    keep = np.ones(x.shape[1], bool)
    keep[500:503] = False  # three samples dropped
    updates = []
    for start in range(0, x.shape[1], 12):  # the board's packets
        part = slice(start, start + 12)
        updates += processor.push(x[:, part][:, keep[part]], counters[part][keep[part]])
    assert processor.lost == 3 and processor.gaps == 1
    assert len(updates) == int((x.shape[1] - 3 - 250) / 25) + 1
    assert all(u.score is not None and 0 <= u.score <= 1 for u in updates)


@pytest.mark.parametrize("packet", [7, 250, 10_000])  # a late read brings a big packet
def test_live_windows_equal_the_analysis_of_the_whole_recording(packet):
    x = noise(6, seed=9)
    processor = Processor(FS, list(CYTON), PROTOCOLS["alpha_up"], NeuroSettings())
    live = []
    for start in range(0, x.shape[1], packet):
        live += processor.push(x[:, start : start + packet])
    whole = measure_all(processor.measurer, x, 1.0, 0.1)
    assert len(live) == len(whole)
    np.testing.assert_allclose(
        [u.bands["alpha"] for u in live], [m.relative[1].mean() for m in whole], rtol=1e-9
    )


def test_individual_alpha_peak_moves_the_bands():
    freqs = np.arange(0, 40, 0.5)
    psd = np.exp(-((freqs - 9.5) ** 2))
    bands, peak = individual_bands(freqs, psd)
    assert peak == 9.5
    alpha = next(b for b in bands if b.name == "alpha")
    assert (alpha.low, alpha.high) == (7.5, 11.5)
    flat, none = individual_bands(freqs, freqs * 0 + 1.0 + freqs * 0.01)
    assert none is None and flat == DEFAULT_BANDS
