"""The headsets, as configuration (boards.toml, or the file PAINWISE_NF_BOARDS names), and
what BrainFlow says about each: sampling rate, which rows hold EEG, the package counter and
the timestamps. No Django here: the command line reads recordings without a database."""

import os
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from brainflow.board_shim import BoardIds, BoardShim

DEFAULT_FILE = Path(__file__).with_name("boards.toml")


class BoardError(ValueError):
    """A board that is not configured, or configured wrongly."""


@dataclass(frozen=True, slots=True)
class Board:
    key: str
    label: str
    board_id: int  # BrainFlow's id of the board itself (for playback: of the master board)
    stream_id: int  # the id the session opens (playback's own id for playback)
    fs: float
    eeg_rows: tuple[int, ...]
    names: tuple[str, ...]
    counter_row: int
    timestamp_row: int
    rows: int
    port: str = ""
    mac: str = ""
    rail_uv: float | None = None
    timeout: int = 0
    playback: bool = False


def _board_id(name: str, key: str) -> int:
    try:
        return int(BoardIds[name].value)
    except KeyError:
        raise BoardError(f"board {key}: BrainFlow has no board called {name}") from None


def _board(key: str, entry: dict[str, object]) -> Board:
    name = str(entry.get("brainflow", ""))
    playback = name == "PLAYBACK_FILE_BOARD"
    master = _board_id(str(entry.get("master", "")), key) if playback else _board_id(name, key)
    description = BoardShim.get_board_descr(master)
    rows = tuple(description.get("eeg_channels", ()))
    configured = entry.get("channels")
    if configured is not None:
        if not isinstance(configured, list) or len(configured) != len(rows):
            raise BoardError(f"board {key}: channels must name all {len(rows)} EEG channels")
        names = tuple(str(n) for n in configured)
    elif description.get("eeg_names"):
        names = tuple(str(description["eeg_names"]).split(","))
    else:
        names = tuple(f"Ch{i + 1}" for i in range(len(rows)))
    rail = entry.get("rail_uv")
    return Board(
        key=key,
        label=str(entry.get("label", key)),
        board_id=master,
        stream_id=_board_id(name, key),
        fs=float(description["sampling_rate"]),
        eeg_rows=rows,
        names=names,
        counter_row=int(description["package_num_channel"]),
        timestamp_row=int(description["timestamp_channel"]),
        rows=int(description["num_rows"]),
        port=str(entry.get("port", "")),
        mac=str(entry.get("mac", "")),
        rail_uv=float(rail) if isinstance(rail, int | float) else None,
        timeout=int(entry.get("timeout", 0) or 0),  # type: ignore[call-overload]
        playback=playback,
    )


@cache
def _load(path: str) -> dict[str, Board]:
    try:
        data = tomllib.loads(Path(path).read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise BoardError(f"cannot read the board list {path}: {exc}") from None
    return {key: _board(key, entry) for key, entry in data.items() if isinstance(entry, dict)}


def boards() -> dict[str, Board]:
    return _load(os.environ.get("PAINWISE_NF_BOARDS") or str(DEFAULT_FILE))


def board(key: str) -> Board:
    found = boards().get(key)
    if found is None:
        raise BoardError(f"no board called {key!r} (known: {', '.join(boards())})")
    return found


def by_brainflow_name(name: str) -> Board:
    """A board for a BrainFlow CSV: a configured key ("cyton") or BrainFlow's own name."""
    known = boards()
    if name.lower() in known:
        return known[name.lower()]
    for found in known.values():
        if BoardIds(found.board_id).name.lower() in (name.lower(), f"{name.lower()}_board"):
            return found
    return _board(name, {"brainflow": name.upper()})
