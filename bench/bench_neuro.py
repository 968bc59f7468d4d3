"""Neurofeedback figures: processing time per update (8 channels, 250 Hz; baseline in the same
run: one bare scipy Welch of the same window), CPU of a live synthetic-board session (baseline:
reading the same board with no processing), analyze throughput in multiples of real time (in
process and through the CLI; baseline: starting Python), and the delay from a sample entering
BrainFlow to its score being drawn in headless Chromium. Prints figures; asserts nothing."""

import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
from scipy import signal

from painwise.clinical.neuro.analysis import analyze
from painwise.clinical.neuro.protocols import PROTOCOLS
from painwise.clinical.neuro.settings import NeuroSettings
from painwise.clinical.neuro.stream import Processor
from painwise.neurofeedback import acquire
from painwise.neurofeedback.acquire import open_brainflow
from painwise.neurofeedback.boards import board
from painwise.neurofeedback.recordings import read

FS = 250
CYTON = ["Fp1", "Fp2", "C3", "C4", "P7", "P8", "O1", "O2"]


def pct(values, q):
    return float(np.percentile(values, q))


def per_update():
    x = np.random.default_rng(1).normal(0, 20, (8, FS * 120))
    processor = Processor(FS, CYTON, PROTOCOLS["alpha_up"], NeuroSettings())
    processor.calibrate(x[:, : FS * 60])
    times = []
    for start in range(FS * 60, x.shape[1], 25):
        begun = time.perf_counter()
        processor.push(x[:, start : start + 25])
        times.append((time.perf_counter() - begun) * 1000)
    bare = []
    for start in range(FS * 60, x.shape[1], 25):
        begun = time.perf_counter()
        signal.welch(x[:, start - FS : start], fs=FS, nperseg=FS)
        bare.append((time.perf_counter() - begun) * 1000)
    print(
        f"  per update, 8 channels: p50 {pct(times, 50):.2f} ms, p99 {pct(times, 99):.2f} ms "
        f"(target p99 < 5 ms); bare scipy Welch of the window: p50 {pct(bare, 50):.2f} ms"
    )


class Quiet:
    key = "k"

    def send(self, path, body, tries=6):
        self.last = (path, body)


def live_session(seconds=20.0):
    acquire.IDLE_S = 600
    api = Quiet()
    session = acquire.Session(board("synthetic"), "alpha_up", api, "k", baseline_seconds=5)
    thread = threading.Thread(target=session.run)
    thread.start()
    session.commands.put({"action": "calibrate"})
    while session.phase != "ready":
        time.sleep(0.05)
    session.commands.put({"action": "train", "minutes": 5})
    time.sleep(0.5)
    return session, thread, api


def cpu():
    session, thread, api = live_session()
    cpu0, wall0 = time.process_time(), time.monotonic()
    time.sleep(20)
    used = 100 * (time.process_time() - cpu0) / (time.monotonic() - wall0)
    session.commands.put({"action": "finish"})
    thread.join()
    shim = open_brainflow(board("synthetic"))
    cpu0, wall0 = time.process_time(), time.monotonic()
    end = time.monotonic() + 20
    while time.monotonic() < end:
        shim.get_board_data()
        time.sleep(acquire.POLL_S)
    bare = 100 * (time.process_time() - cpu0) / (time.monotonic() - wall0)
    acquire.close_brainflow(shim)
    print(
        f"  live session (synthetic board, 16 channels, 10 Hz): {used:.1f}% of one core over 20 s "
        f"(target < 10%); reading the board alone: {bare:.1f}%"
    )
    print(
        f"  the session's own summary: {api.last[1]['summary']['cpu_percent']}% CPU, "
        f"compute p99 {api.last[1]['summary']['compute_ms_p99']} ms"
    )


def throughput():
    from brainflow.data_filter import DataFilter

    cyton = board("cyton")
    minutes = 10
    n = FS * 60 * minutes
    table = np.zeros((cyton.rows, n))
    table[cyton.counter_row] = np.arange(n) % 256
    table[list(cyton.eeg_rows)] = np.random.default_rng(2).normal(0, 20, (8, n))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ten-minutes.csv"
        DataFilter.write_file(np.ascontiguousarray(table), str(path), "w")
        begun = time.perf_counter()
        rec = read(path, "cyton")
        windows = analyze(rec.data, rec.fs, rec.names, list(range(8)), NeuroSettings())
        inside = time.perf_counter() - begun
        painwise = Path(sys.executable).with_name("painwise")
        begun = time.perf_counter()
        subprocess.run(
            [str(painwise), "neurofeedback", "analyze", str(path), "--board", "cyton"],
            check=True,
            capture_output=True,
        )
        whole = time.perf_counter() - begun
    begun = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    python = time.perf_counter() - begun
    seconds = minutes * 60
    print(
        f"  analyze, 8 channels at 250 Hz, {minutes} min ({len(windows)} windows): in process "
        f"{inside:.2f} s = {seconds / inside:.0f}x real time; CLI {whole:.2f} s = "
        f"{seconds / whole:.0f}x (target >= 100x); starting Python alone {python:.2f} s"
    )


def browser_latency():
    from playwright.sync_api import sync_playwright

    session, thread, _api = live_session()
    url = None
    while url is None:
        for client in [session]:
            url = getattr(client, "stream_url", None)
        time.sleep(0.05)
    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"]
        )
        page = chromium.new_page()
        page.goto(f"{url}/")  # the acquisition's own origin (a 404 page): no cross-origin rules
        delays = page.evaluate(
            """url => new Promise(done => {
                const out = []; const source = new EventSource(url);
                source.onmessage = e => { const m = JSON.parse(e.data);
                  if (m.type === 'update' && m.stamp) requestAnimationFrame(() => out.push(Date.now() - m.stamp * 1000)); };
                setTimeout(() => { source.close(); done(out); }, 10000);
            })""",
            f"{url}/events?key=k",
        )
        chromium.close()
    session.commands.put({"action": "finish"})
    thread.join()
    print(
        f"  sample entering BrainFlow -> score drawn in Chromium ({len(delays)} updates): "
        f"p50 {pct(delays, 50):.1f} ms, p95 {pct(delays, 95):.1f} ms (target p95 <= 100 ms; "
        "not counting the 1 s window)"
    )


if __name__ == "__main__":
    per_update()
    throughput()
    cpu()
    if Path("/usr/bin/chromium").exists():
        browser_latency()
