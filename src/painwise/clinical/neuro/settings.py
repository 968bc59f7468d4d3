"""The named settings of the neurofeedback engine (docs/rules/neurofeedback.md gives each
one's source)."""

from dataclasses import dataclass

from painwise.clinical.neuro.bands import DEFAULT_BANDS, Band


@dataclass(frozen=True, slots=True)
class NeuroSettings:
    bands: tuple[Band, ...] = DEFAULT_BANDS
    window_s: float = 1.0  # feedback window
    hop_s: float = 0.1  # a new score every hop (10 Hz)
    baseline_window_s: float = 2.0  # windows for the baseline statistics
    baseline_step_s: float = 0.5
    baseline_s: float = 60.0  # eyes open, quiet
    segment_s: float = 1.0  # Welch segment (capped at the window)
    segment_overlap: float = 0.5
    notch_hz: tuple[float, ...] = (50.0, 60.0)  # mains; both by default (cheap, harmless)
    bandpass: tuple[float, float] = (1.0, 40.0)
    total: tuple[float, float] = (1.0, 40.0)  # relative power is against this range
    filter_order: int = 4
    blink_uv: float = 150.0
    frontal_prefixes: tuple[str, ...] = ("Fp", "AF")
    muscle_hz: float = 55.0  # 30 Hz when sampling below 200 Hz
    muscle_k: float = 5.0
    flat_uv: float = 1.0
    rail_uv: float | None = None  # the board's rail (configuration), if it has one
    smoothing_s: float = 0.3  # time constant of the score's light smoothing
    target_reward: float = 0.6
    threshold_memory_s: float = 30.0
    individual_alpha: bool = False
    gap_s: float = 2.0  # no data this long is a disconnect
    counter_modulo: int = 256

    def muscle_cutoff(self, fs: float) -> float:
        return self.muscle_hz if fs >= 200 else 30.0
