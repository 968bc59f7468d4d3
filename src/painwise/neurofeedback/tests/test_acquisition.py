"""The acquisition edge: the real recording replayed through BrainFlow's playback board at 10x
(no sample lost, alpha up with eyes closed, the gates on blinks and clenches), the command
line's analyze on each file format and on bad input, and a whole session against a fake API."""

import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from painwise.clinical.neuro.protocols import PROTOCOLS
from painwise.clinical.neuro.settings import NeuroSettings
from painwise.clinical.neuro.stream import Processor
from painwise.neurofeedback import acquire
from painwise.neurofeedback.boards import board
from painwise.neurofeedback.recordings import read
from tests.shared_data import EEG_RECORDING, need

SPEED = 10


def recording():
    return read(need(EEG_RECORDING))


def to_brainflow_csv(rec, path: Path, speed: float) -> None:
    """The recording in BrainFlow's CSV layout for the Cyton, timestamps in seconds, sped up."""
    from brainflow.data_filter import DataFilter

    cyton = board("cyton")
    n = rec.data.shape[1]
    table = np.zeros((cyton.rows, n))
    table[cyton.counter_row] = np.arange(n) % 256
    table[list(cyton.eeg_rows)] = rec.data
    table[cyton.timestamp_row] = 1.7e9 + np.arange(n) / (cyton.fs * speed)
    DataFilter.write_file(np.ascontiguousarray(table), str(path), "w")


def analyze_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "painwise.cli", "neurofeedback", "analyze", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def played(tmp_path_factory):
    """The whole recording through the playback board at 10x, through the live processor."""
    from brainflow.board_shim import BoardShim, BrainFlowInputParams

    rec = recording()
    path = tmp_path_factory.mktemp("playback") / "recording.csv"
    to_brainflow_csv(rec, path, SPEED)
    playback = board("playback")
    BoardShim.disable_board_logger()
    params = BrainFlowInputParams()
    params.file = str(path)
    params.master_board = playback.board_id
    shim = BoardShim(playback.stream_id, params)
    shim.prepare_session()
    shim.config_board("loopback_false")
    processor = Processor(
        playback.fs,
        list(playback.names),
        PROTOCOLS["alpha_up"],
        NeuroSettings(hop_s=0.5, window_s=2.0),
    )
    shim.start_stream(450_000)
    received, updates, chunks = 0, [], []
    deadline = time.monotonic() + rec.seconds / SPEED + 20
    try:
        while received < rec.data.shape[1] and time.monotonic() < deadline:
            time.sleep(0.02)
            data = shim.get_board_data()
            if data.shape[1]:
                received += data.shape[1]
                chunks.append(data[list(playback.eeg_rows)])
                updates += processor.push(
                    data[list(playback.eeg_rows)],
                    data[playback.counter_row],
                    data[playback.timestamp_row],
                )
    finally:
        shim.stop_stream()
        shim.release_session()
        del shim
    return rec, received, processor, updates, np.concatenate(chunks, axis=1)


def test_playback_at_10x_loses_no_sample(played):
    rec, received, processor, _updates, _data = played
    assert received == rec.data.shape[1]
    assert processor.lost == 0 and processor.gaps == 0


def test_playback_alpha_is_higher_with_eyes_closed(played):
    _rec, _n, _p, updates, _data = played

    def alpha(start, end):
        return np.mean(
            [u.bands["alpha"] for u in updates if start + 2 <= u.t <= end and not u.artifact]
        )

    assert alpha(32, 74) / alpha(18, 28) >= 1.5


def test_playback_gates_flag_blinks_and_clenches_and_pass_the_quiet_stretch(played):
    _rec, _n, _p, updates, _data = played
    blinks = [u.artifact for u in updates if 5 <= u.t <= 6 or 16 <= u.t <= 17]
    quiet = [u.artifact for u in updates if 20 <= u.t <= 24]
    assert blinks and all(a == "blink" for a in blinks)
    assert quiet and all(a is None for a in quiet)


def test_analyze_reads_each_format_the_same(tmp_path):
    rec = recording()
    out = analyze_cli(str(EEG_RECORDING), "--channels", "o1,EEG O2.")
    assert out.returncode == 0, out.stderr
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert lines[0]["t"] == 2.0 and set(lines[0]["bands"]) == {"theta", "alpha", "smr", "beta"}
    assert set(lines[0]["bands"]["alpha"]) == {"abs", "rel"}
    assert {x["artifact"] for x in lines} <= {None, "blink", "muscle", "flat", "railed"}

    csv = tmp_path / "rec.csv"
    to_brainflow_csv(rec, csv, 1)
    from_csv = analyze_cli(str(csv), "--board", "cyton", "--channels", "O1,O2")
    assert from_csv.returncode == 0, from_csv.stderr
    assert from_csv.stdout.splitlines()[10] == out.stdout.splitlines()[10]

    from edfio import Edf, EdfSignal

    edf_path = tmp_path / "rec.edf"
    whole = rec.data[:, : int(rec.seconds) * 250]  # EDF holds whole 1 s records
    centred = whole - whole.mean(axis=1, keepdims=True)
    top = float(np.abs(centred).max()) * 1.01  # 16 bits over this range: small steps
    signals = [
        EdfSignal(ch, 250, label=f"EEG {name}", physical_dimension="uV", physical_range=(-top, top))
        for ch, name in zip(centred, rec.names, strict=True)
    ]
    Edf(signals).write(edf_path)
    from_edf = analyze_cli(str(edf_path), "--channels", "O1,O2", "--window", "2", "--step", "0.5")
    assert from_edf.returncode == 0, from_edf.stderr
    a = json.loads(from_edf.stdout.splitlines()[60])
    b = json.loads(out.stdout.splitlines()[60])
    assert a["t"] == b["t"]
    assert a["bands"]["alpha"]["rel"] == pytest.approx(b["bands"]["alpha"]["rel"], rel=1e-2)


def test_the_gui_s_older_files_without_column_names_read_the_same(tmp_path):
    """The OpenBCI GUI before version 5 wrote no header row: the counter, the 8 channels and
    the accelerometer straight after the '%' lines."""
    rec = recording()
    lines = need(EEG_RECORDING).read_text().splitlines()
    rows = [line.split(",") for line in lines if not line.startswith(("%", "Sample Index"))]
    old = tmp_path / "OpenBCI-RAW-2019.txt"
    head = "%OpenBCI Raw EEG Data\n%Number of channels = 8\n%Sample Rate = 250.0 Hz\n"
    old.write_text(head + "\n".join(", ".join(r[:12]) for r in rows) + "\n")
    older = read(old)
    assert older.fs == 250 and older.data.shape == rec.data.shape
    assert np.array_equal(older.data, rec.data) and np.array_equal(older.counters, rec.counters)


def test_analyze_handles_another_sampling_rate(tmp_path):
    from edfio import Edf, EdfSignal

    fs = 160
    t = np.arange(30 * fs) / fs
    sig = 30 * np.sin(2 * np.pi * 10 * t) + np.random.default_rng(1).normal(0, 3, t.size)
    path = tmp_path / "rate.edf"
    Edf(
        [EdfSignal(sig, fs, label="Oz.", physical_dimension="uV", physical_range=(-500, 500))]
    ).write(path)
    out = analyze_cli(str(path), "--channels", "oz", "--window", "1", "--step", "1")
    assert out.returncode == 0, out.stderr
    lines = [json.loads(x) for x in out.stdout.splitlines()]
    assert len(lines) == 30 and lines[-1]["t"] == 30.0
    assert lines[5]["bands"]["alpha"]["rel"] > 0.8


@pytest.mark.parametrize(
    ("content", "args", "says"),
    [
        (b"hello, not EEG\n", (), "not an EDF/BDF file"),
        (None, ("--channels", "Cz"), "no channel 'Cz'"),
        ("cut", (), "cut short"),
        (b"0       \x00\x01garbage", (), "not a readable EDF/BDF"),
        (b"1\t2\t3\n", ("--board", "cyton"), "a OpenBCI Cyton file has 24"),
    ],
)
def test_bad_input_gives_one_line_and_exit_2(tmp_path, content, args, says):
    if content is None:
        path = str(recording() and EEG_RECORDING)
    else:
        path = tmp_path / "bad"
        if content == "cut":
            recording()
            path.write_bytes(EEG_RECORDING.read_bytes()[:200_003])
        else:
            path.write_bytes(content)
    out = analyze_cli(str(path), *args)
    assert out.returncode == 2
    assert out.stdout == "" and len(out.stderr.strip().splitlines()) == 1
    assert says in out.stderr


class FakeApi:
    """Stands in for Painwise's API: keeps what the acquisition sends."""

    def __init__(self):
        self.key = "k"
        self.sent: list[tuple[str, dict]] = []

    def send(self, path, body, tries=6):
        self.sent.append((path, body))


def test_a_synthetic_session_runs_calibrates_trains_and_reports(monkeypatch):
    """The real synthetic board, a session driven by the commands a page would send."""
    monkeypatch.setattr(acquire, "IDLE_S", 60.0)
    api = FakeApi()
    session = acquire.Session(board("synthetic"), "alpha_up", api, "k", baseline_seconds=3)
    thread = __import__("threading").Thread(target=session.run)
    thread.start()
    try:
        session.commands.put({"action": "calibrate"})
        deadline = time.monotonic() + 20
        while session.phase != "ready" and time.monotonic() < deadline:
            time.sleep(0.05)
        assert session.phase == "ready"
        session.commands.put({"action": "train", "minutes": 5})
        time.sleep(3)
        session.commands.put({"action": "latency", "values": [12.5, 20.0, "x", -1]})
        session.commands.put({"action": "finish"})
        thread.join(20)
    finally:
        session.finished = True
        thread.join(5)
    paths = [p for p, _b in api.sent]
    assert paths[0] == "/report" and api.sent[0][1]["stream_url"].startswith("http://127.0.0.1:")
    assert "/baseline" in paths and "/chunks" in paths and paths[-1] == "/finish"
    summary = api.sent[-1][1]["summary"]
    assert summary["windows"] >= 20 and summary["lost_samples"] == 0
    assert summary["latency_samples"] == 2 and summary["compute_ms_p99"] < 50
    assert 9 <= summary["updates_per_second"] <= 11


def test_a_headset_that_cannot_be_found_fails_with_a_message():
    def missing(_board):
        raise RuntimeError("BOARD_NOT_READY_ERROR:7")

    session = acquire.Session(board("muse_2"), "alpha_up", FakeApi(), "k", open_board=missing)
    started = time.monotonic()
    with pytest.raises(acquire.AcquireError, match="could not find your headset"):
        session.run()
    assert time.monotonic() - started < 2


class FlakyBoard:
    """A board that sends 250 Hz noise, then goes silent for a while (a headset out of range)."""

    def __init__(self, opened, silent_after, silent_for):
        self.opened = opened
        self.start = time.monotonic()
        self.sent = 0
        self.silent_after, self.silent_for = silent_after, silent_for
        self.cyton = board("cyton")

    def get_board_data(self):
        elapsed = time.monotonic() - self.start
        if self.silent_after <= elapsed < self.silent_after + self.silent_for:
            return np.zeros((self.cyton.rows, 0))
        due = int(elapsed * 250) - self.sent
        table = np.zeros((self.cyton.rows, max(due, 0)))
        table[list(self.cyton.eeg_rows)] = np.random.default_rng(self.sent).normal(
            0, 10, (8, max(due, 0))
        )
        table[self.cyton.counter_row] = (np.arange(self.sent, self.sent + max(due, 0))) % 256
        self.sent += max(due, 0)
        return table

    def is_prepared(self):
        return True

    def stop_stream(self):
        pass

    def release_session(self):
        pass


def test_silence_is_a_disconnect_that_is_shown_recorded_and_retried(monkeypatch):
    monkeypatch.setattr(acquire, "IDLE_S", 60.0)
    opened = []

    def open_board(_board):
        opened.append(time.monotonic())
        # the first connection goes silent after 1 s for 3 s; the reconnection works
        return FlakyBoard(opened, 1.0, 3.0) if len(opened) == 1 else FlakyBoard(opened, 99, 0)

    api = FakeApi()
    session = acquire.Session(board("cyton"), "alpha_up", api, "k", open_board=open_board)
    client = session.hub.join()
    thread = __import__("threading").Thread(target=session.run)
    thread.start()
    try:
        deadline = time.monotonic() + 15
        while len(opened) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)
        session.commands.put({"action": "finish"})
        thread.join(15)
    finally:
        session.finished = True
        thread.join(5)
    assert len(opened) == 2
    silent = opened[1] - opened[0]
    assert 1.0 + 2.0 <= silent < 1.0 + 2.0 + 3.0  # detected after 2 s of silence, then retried
    messages = []
    while not client.empty():
        messages.append(client.get_nowait())
    assert any('"state":"lost"' in m for m in messages) and any(
        '"state":"back"' in m for m in messages
    )
    events = [e["event"] for e in api.sent[-1][1]["events"]]
    assert events[:2] == ["signal_lost", "reconnected"]
    assert api.sent[-1][1]["summary"]["disconnects"] == 1


def test_playback_muscle_gate_flags_the_jaw_clenches(played):
    """As a live session does: a baseline from the quiet eyes-open stretch of what came
    through the board, then the whole played-back stream scored against it."""
    _rec, _n, _p, _updates, data = played
    playback = board("playback")
    processor = Processor(
        playback.fs, list(playback.names), PROTOCOLS["alpha_up"], NeuroSettings(hop_s=0.5)
    )
    processor.calibrate(data[:, 19 * 250 : 28 * 250])
    updates = processor.push(data)
    clench = [u.artifact for u in updates if 9 <= u.t <= 13 or 83 <= u.t <= 84]
    quiet = [u.artifact for u in updates if 20 <= u.t <= 24]
    assert clench and all(a == "muscle" for a in clench), clench
    assert quiet and all(a is None for a in quiet)
