"""Reading EEG recordings: EDF/BDF (edfio), OpenBCI GUI text, BrainFlow CSV. Each gives the
sampling rate, channel names and microvolts (channels x samples). Anything that is not such a
recording ends in RecordingError with one line that says what is wrong."""

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from painwise.neurofeedback.boards import BoardError, board, by_brainflow_name

Array = NDArray[np.float64]
# EDF's units for microvolts, millivolts and volts, and the factor to microvolts.
UNITS = {"uv": 1.0, "µv": 1.0, "μv": 1.0, "mv": 1e3, "v": 1e6}


class RecordingError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Recording:
    fs: float
    names: tuple[str, ...]
    data: Array  # channels x samples, microvolts
    counters: Array | None = None  # the board's package counter, when the file has one

    @property
    def seconds(self) -> float:
        return self.data.shape[1] / self.fs


def read(path: str | Path, board_name: str | None = None) -> Recording:
    """Any of the three formats, told apart by content (and ``board_name`` for BrainFlow
    CSV, whose rows depend on the board)."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(256)
    except OSError as exc:
        raise RecordingError(f"cannot read {path}: {exc.strerror}") from None
    if head[:8] in (b"0       ", b"\xffBIOSEMI"):
        return read_edf(path)
    if head.startswith(b"%OpenBCI"):
        return read_openbci(path)
    if board_name:
        return read_brainflow(path, board_name)
    raise RecordingError(
        f"{path.name} is not an EDF/BDF file or an OpenBCI GUI recording "
        "(for a BrainFlow CSV, say which board with --board)"
    )


def read_edf(path: Path) -> Recording:
    from edfio import read_bdf, read_edf

    try:
        edf = read_bdf(path) if path.read_bytes()[:1] == b"\xff" else read_edf(path)
        signals = [s for s in edf.signals if s.physical_dimension.strip().lower() in UNITS]
        if not signals:
            raise RecordingError(f"{path.name} has no EEG channel (no signal in volts)")
        fs = max(s.sampling_frequency for s in signals)
        same = [s for s in signals if s.sampling_frequency == fs]
        data = np.vstack(
            [s.data * UNITS[s.physical_dimension.strip().lower()] for s in same]
        ).astype(float)
    except RecordingError:
        raise
    except Exception as exc:  # noqa: BLE001 - edfio raises many kinds for a broken file
        raise RecordingError(f"{path.name} is not a readable EDF/BDF file: {exc}") from None
    return Recording(float(fs), tuple(s.label for s in same), data)


_RATE = re.compile(r"^%\s*Sample Rate\s*=\s*([\d.]+)", re.IGNORECASE)
_BOARD = re.compile(r"^%\s*Board\s*=\s*(.+)$", re.IGNORECASE)
_COUNT = re.compile(r"^%\s*Number of channels\s*=\s*(\d+)", re.IGNORECASE)
_NUMBERS = re.compile(r"^\s*-?\d+(\.\d+)?\s*,")


def read_openbci(path: Path) -> Recording:
    """The OpenBCI GUI's text format: '%' header lines (the sampling rate, the board), a CSV
    header row, then one row per sample (the counter, then the EXG channels in microvolts).
    The GUI's older files (version 4 and before) have no header row: the rows start at once,
    with the counter and then as many channels as the '%Number of channels' line says."""
    fs, count = None, 0
    gui_board = ""
    lines = path.read_text("utf-8", errors="replace").splitlines()
    start = 0
    for start, line in enumerate(lines):  # noqa: B007 - the header's end is wanted after
        if not line.startswith("%"):
            break
        if found := _RATE.match(line):
            fs = float(found.group(1))
        elif found := _BOARD.match(line):
            gui_board = found.group(1)
        elif found := _COUNT.match(line):
            count = int(found.group(1))
    if not fs:
        raise RecordingError(f"{path.name}: the header gives no sample rate")
    header = [h.strip() for h in lines[start].split(",")] if start < len(lines) else []
    exg = [i for i, h in enumerate(header) if h.lower().startswith("exg channel")]
    first = start + 1
    if not exg and count and start < len(lines) and _NUMBERS.match(lines[start]):
        exg, first = list(range(1, count + 1)), start  # the older format: no header row
    if not exg:
        raise RecordingError(f"{path.name}: no EXG channel columns in the header")
    if first >= len(lines):
        raise RecordingError(f"{path.name}: no samples")
    if lines[-1].count(",") != lines[start].count(","):
        raise RecordingError(f"{path.name}: the last row is cut short (truncated?)")
    try:
        table = np.loadtxt(lines[first:], delimiter=",", usecols=(0, *exg), ndmin=2, dtype=float)
    except (ValueError, IndexError):
        raise RecordingError(
            f"{path.name}: a row is cut short or not numbers (truncated?)"
        ) from None
    names = _openbci_names(gui_board, len(exg))
    return Recording(fs, names, table[:, 1:].T.copy(), table[:, 0].copy())


def _openbci_names(gui_board: str, count: int) -> tuple[str, ...]:
    """The GUI numbers channels; the sites come from the board's channel map."""
    key = "cyton" if "cyton" in gui_board.lower() and count == 8 else None
    key = "ganglion" if "ganglion" in gui_board.lower() and count == 4 else key
    if key is not None:
        try:
            return board(key).names
        except BoardError:
            pass
    return tuple(f"EXG Channel {i}" for i in range(count))


def read_brainflow(path: Path, board_name: str) -> Recording:
    try:
        found = by_brainflow_name(board_name)
    except BoardError as exc:
        raise RecordingError(str(exc)) from None
    try:
        table = np.loadtxt(path, delimiter="\t", ndmin=2)
    except ValueError:
        try:
            table = np.loadtxt(path, delimiter=",", ndmin=2)
        except ValueError:
            raise RecordingError(
                f"{path.name}: not a BrainFlow CSV (rows of numbers; cut short?)"
            ) from None
    if table.shape[1] != found.rows:
        raise RecordingError(
            f"{path.name}: rows have {table.shape[1]} values; a {found.label} file has {found.rows}"
        )
    return Recording(
        found.fs,
        found.names,
        table[:, list(found.eeg_rows)].T.copy(),
        table[:, found.counter_row].copy(),
    )
