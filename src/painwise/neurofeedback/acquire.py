"""The acquisition: a headset through BrainFlow in, live scores out, the record sent to Painwise.

It runs as its own process on the computer the headset is paired with, never inside a web
worker: `painwise neurofeedback run`. A local Painwise starts it when the person starts a
session; with a remote Painwise the person starts it themselves with their API token. Either
way it then does the same three things:

* reads the board every 20 ms, feeds the engine (clinical/neuro), and detects lost samples
  (package counter gaps) and silence (no data for 2 s: reconnect, and say so);
* serves the live stream to the session page from 127.0.0.1 on a port of its own, as
  server-sent events (the page connects straight to it, so no server worker is held), and
  takes the page's commands (calibrate, train, stop, finish) on the same port;
* sends the record to Painwise through the API as it goes: its phase, the baseline, a chunk
  of windows every 5 s (retried until acknowledged), and the summary at the end.

No Django here: the process starts in about a second and needs only the server's address and
the session's key (or the person's token).
"""

import hmac
import json
import logging
import queue
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

import numpy as np

from painwise.clinical.neuro import artifacts
from painwise.clinical.neuro.protocols import ProtocolError, custom, for_headset
from painwise.clinical.neuro.scoring import BaselineError
from painwise.clinical.neuro.settings import NeuroSettings
from painwise.clinical.neuro.stream import Processor, Update
from painwise.neurofeedback.boards import Board

log = logging.getLogger("painwise.neurofeedback")

POLL_S = 0.02
CHUNK_S = 5.0
QUALITY_EVERY_S = 0.5
IDLE_S = 90.0  # no page connected this long: the session ends and is saved
RECONNECT_TRIES = 5
MAX_SESSION_S = 2 * 60 * 60
BLOCK_MINUTES = (5, 10, 15, 20)


class AcquireError(Exception):
    """The session cannot go on; the message is for the person."""


# --- sending the record -------------------------------------------------------------------------


class Api:
    """Painwise's API for one session: the session key (local) or the person's token."""

    def __init__(self, server: str, *, key: str = "", token: str = "") -> None:
        self.base = server.rstrip("/") + "/api/v1/neurofeedback"
        self.key = key
        self.token = token
        self.session_id: int | None = None

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.key:
            headers["X-Painwise-Session-Key"] = self.key
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(  # noqa: S310 - the server's own http(s) address
            self.base + path,
            data=None if body is None else json.dumps(body).encode(),
            method=method,
            headers=headers,
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            text = response.read()
        return json.loads(text) if text else None

    def send(self, path: str, body: dict[str, Any], tries: int = 6) -> Any:
        """POST to the session, retried with growing waits on a network error or a server
        error (the server stores a repeated chunk once). A refusal (4xx) is not retried."""
        wait = 0.5
        for attempt in range(tries):
            try:
                return self.call("POST", f"/sessions/{self.session_id}{path}", body)
            except urllib.error.HTTPError as exc:
                if exc.code < 500 or attempt == tries - 1:
                    raise
            except (urllib.error.URLError, TimeoutError, ConnectionError):
                if attempt == tries - 1:
                    raise
            time.sleep(wait)
            wait = min(wait * 2, 8.0)
        return None

    def create(self, board: str | None, protocol: str | None) -> dict[str, Any]:
        body = {k: v for k, v in (("board", board), ("protocol", protocol)) if v}
        found = self.call("POST", "/sessions", body)
        self.session_id = int(found["id"])
        self.key = str(found["key"])
        return dict(found)

    def details(self) -> dict[str, Any]:
        return dict(self.call("GET", f"/sessions/{self.session_id}"))


# --- the live stream to the page ------------------------------------------------------------


class Hub:
    """Fans each message out to every connected page (server-sent events)."""

    def __init__(self) -> None:
        self.clients: set[queue.Queue[str]] = set()
        self.lock = threading.Lock()
        self.last_state = ""
        self.last_seen = time.monotonic()

    def publish(self, message: dict[str, Any]) -> None:
        text = json.dumps(message, separators=(",", ":"))
        if message.get("type") == "state":
            self.last_state = text
        with self.lock:
            for client in self.clients:
                if client.full():  # a stalled page loses old messages, never stalls us
                    try:
                        client.get_nowait()
                    except queue.Empty:
                        pass
                client.put_nowait(text)

    def join(self) -> queue.Queue[str]:
        client: queue.Queue[str] = queue.Queue(maxsize=100)
        if self.last_state:
            client.put_nowait(self.last_state)
        with self.lock:
            self.clients.add(client)
        return client

    def leave(self, client: queue.Queue[str]) -> None:
        with self.lock:
            self.clients.discard(client)
        self.last_seen = time.monotonic()

    def connected(self) -> bool:
        with self.lock:
            if self.clients:
                self.last_seen = time.monotonic()
                return True
        return False


def handler(hub: Hub, key: str, commands: "queue.Queue[dict[str, Any]]") -> type:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
            log.debug(format, *args)

        def _allowed(self) -> bool:
            given = parse_qs(urlparse(self.path).query).get("key", [""])[0]
            return hmac.compare_digest(given.encode(), key.encode())

        def _plain(self, code: int, text: str = "") -> None:
            body = text.encode()
            self.send_response(code)
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_OPTIONS(self) -> None:  # noqa: N802 - the standard library's name
            self.send_response(204)
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Allow-Methods", "GET, POST")
            self.send_header("Access-Control-Allow-Headers", "Content-Type")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_GET(self) -> None:  # noqa: N802
            if urlparse(self.path).path != "/events" or not self._allowed():
                self._plain(404, "not found")
                return
            self.send_response(200)
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Connection", "close")
            self.end_headers()
            client = hub.join()
            try:
                while True:
                    try:
                        text = client.get(timeout=10)
                        if text == "":
                            break
                        self.wfile.write(f"data: {text}\n\n".encode())
                    except queue.Empty:
                        self.wfile.write(b": still here\n\n")
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass
            finally:
                hub.leave(client)
                self.close_connection = True

        def do_POST(self) -> None:  # noqa: N802
            if urlparse(self.path).path != "/control" or not self._allowed():
                self._plain(404, "not found")
                return
            length = min(int(self.headers.get("Content-Length") or 0), 65536)
            try:
                command = json.loads(self.rfile.read(length) or b"{}")
            except ValueError:
                self._plain(400, "not JSON")
                return
            if not isinstance(command, dict) or not isinstance(command.get("action"), str):
                self._plain(400, "an action is needed")
                return
            commands.put(command)
            self._plain(202, "ok")

    return Handler


# --- the session --------------------------------------------------------------------------------


@dataclass
class Record:
    """The training windows so far, kept for the summary, and those not yet sent."""

    block: int = 0
    seq: int = 0
    pending: list[Update] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)
    rewards: list[bool] = field(default_factory=list)
    held: list[bool] = field(default_factory=list)
    artifacts: Counter[str] = field(default_factory=Counter)
    compute_ms: list[float] = field(default_factory=list)
    zs: list[float] = field(default_factory=list)
    latency_ms: list[float] = field(default_factory=list)
    blocks: list[dict[str, Any]] = field(default_factory=list)
    windows: int = 0


def chunk_data(updates: list[Update], bands: list[str]) -> dict[str, Any]:
    return {
        "t": [round(u.t, 3) for u in updates],
        "score": [None if u.score is None else round(u.score, 4) for u in updates],
        "reward": [u.reward for u in updates],
        "threshold": [None if u.threshold is None else round(u.threshold, 4) for u in updates],
        "artifact": [u.artifact for u in updates],
        "held": [u.held for u in updates],
        "rel": {b: [round(u.bands[b], 5) for u in updates] for b in bands},
        "abs": {b: [round(u.absolute[b], 4) for u in updates] for b in bands},
    }


def percentile(values: list[float], q: float) -> float | None:
    return round(float(np.percentile(values, q)), 3) if values else None


class Session:
    """One session from the board's start to the summary."""

    def __init__(
        self,
        board: Board,
        protocol: str,
        api: Api,
        key: str,
        *,
        baseline_seconds: float = 60.0,
        settings: NeuroSettings | None = None,
        open_board: Callable[[Board], Any] | None = None,
        terms: dict[str, Any] | None = None,
    ) -> None:
        self.board = board
        self.api = api
        self.key = key
        self.settings = replace(
            settings or NeuroSettings(), rail_uv=board.rail_uv, baseline_s=baseline_seconds
        )
        try:
            if protocol == "custom":
                self.protocol = custom(terms or {}, [b.name for b in self.settings.bands])
                self.protocol.channels(board.names)  # refused here if a site is missing
            else:
                self.protocol = for_headset(protocol, board.names)
            self.processor = Processor(board.fs, board.names, self.protocol, self.settings)
        except ProtocolError as exc:
            raise AcquireError(
                "This headset has no sensor where this training needs one. Choose another "
                "training type."
            ) from exc
        self.open_board = open_board or open_brainflow
        self.hub = Hub()
        self.commands: queue.Queue[dict[str, Any]] = queue.Queue()
        self.phase = "checking"
        self.calibration: list[np.ndarray] = []
        self.calibrated = 0
        self.block_end: float | None = None
        self.block_minutes = 0
        self.record = Record()
        self.events: list[dict[str, Any]] = []
        self.disconnects = 0
        self.last_data = time.monotonic()
        self.started = time.monotonic()
        self.cpu_started = time.process_time()
        self.finished = False
        self.bands = [b.name for b in self.settings.bands]
        self.latest: Update | None = None

    # the board -------------------------------------------------------------------------------

    def _connect(self) -> Any:
        try:
            return self.open_board(self.board)
        except Exception as exc:  # noqa: BLE001 - BrainFlow raises its own error for every cause
            log.warning("board %s: %s", self.board.key, exc)
            raise AcquireError(
                f"We could not find your headset ({self.board.label}). Check that it is "
                "switched on, charged and close by, then try again."
            ) from exc

    def _reconnect(self, shim: Any) -> Any:
        self.disconnects += 1
        self._event("signal_lost")
        self.hub.publish({"type": "signal", "state": "lost"})
        close_brainflow(shim)
        for attempt in range(RECONNECT_TRIES):
            time.sleep(min(1.0 * (attempt + 1), 5.0))
            try:
                shim = self.open_board(self.board)
            except Exception:  # noqa: BLE001, S112 - try again; the last failure ends the session
                continue
            self._event("reconnected", attempt=attempt + 1)
            self.hub.publish({"type": "signal", "state": "back"})
            self.last_data = time.monotonic()
            return shim
        raise AcquireError("The headset stopped sending and could not be reached again.")

    def _event(self, kind: str, **data: Any) -> None:
        self.events.append({"t": round(time.monotonic() - self.started, 2), "event": kind, **data})

    # the run ---------------------------------------------------------------------------------

    def run(self) -> None:
        shim = self._connect()
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler(self.hub, self.key, self.commands))
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}"
        self.stream_url = url
        try:
            self._report(
                "checking",
                stream_url=url,
                details={
                    "fs": self.board.fs,
                    "channels": list(self.board.names),
                    "protocol_channels": [self.board.names[c] for c in self.processor.scored],
                    "board_label": self.board.label,
                },
            )
            self._state()
            self._loop(shim)
            self._finish()
        finally:
            close_brainflow(shim)
            self.hub.publish({"type": "state", "phase": "finished"})
            for client in list(self.hub.clients):
                client.put_nowait("")
            server.shutdown()

    def _loop(self, shim: Any) -> None:
        next_quality = 0.0
        while not self.finished:
            shim = self._read(shim)
            self._commands()
            now = time.monotonic()
            if self.phase in ("checking", "ready") and now >= next_quality:
                self._quality()
                next_quality = now + QUALITY_EVERY_S
            if not self.hub.connected() and now - self.hub.last_seen > IDLE_S:
                self._event("page_gone")
                break
            if now - self.started > MAX_SESSION_S:
                break
            time.sleep(POLL_S)

    def _read(self, shim: Any) -> Any:
        data = shim.get_board_data()
        if data.shape[1] == 0:
            if time.monotonic() - self.last_data > self.settings.gap_s:
                return self._reconnect(shim)
            return shim
        self.last_data = time.monotonic()
        samples = np.ascontiguousarray(data[list(self.board.eeg_rows)], dtype=float)
        counters = data[self.board.counter_row]
        stamps = data[self.board.timestamp_row]
        lost_before = self.processor.lost
        updates = self.processor.push(samples, counters, stamps)
        if self.processor.lost > lost_before:
            self._event("samples_lost", n=self.processor.lost - lost_before)
        if self.phase == "calibrating":
            self._calibrate(samples)
        for update in updates:
            self._update(update)
        return shim

    def _update(self, update: Update) -> None:
        self.latest = update
        message = {"type": "update", **update.to_dict(), "sent": time.time()}
        self.hub.publish(message)
        if self.phase != "training":
            return
        r = self.record
        r.pending.append(update)
        r.windows += 1
        r.compute_ms.append(update.compute_ms)
        if update.score is not None:
            r.scores.append(update.score)
            r.rewards.append(update.reward)
            r.held.append(update.held)
        if update.artifact:
            r.artifacts[update.artifact] += 1
        elif self.processor.baseline is not None:
            r.zs.append(self.processor.baseline.z(update.values, self.protocol))
        if len(r.pending) >= round(CHUNK_S / self.settings.hop_s):
            self._flush()
        if self.block_end is not None and update.t >= self.block_end:
            self._end_block()

    def _flush(self) -> None:
        r = self.record
        if not r.pending:
            return
        r.seq += 1
        self.api.send(
            "/chunks", {"seq": r.seq, "block": r.block, "data": chunk_data(r.pending, self.bands)}
        )
        r.pending = []

    def _calibrate(self, samples: np.ndarray) -> None:
        self.calibration.append(samples)
        self.calibrated += samples.shape[1]
        need = self.settings.baseline_s * self.board.fs
        self.hub.publish({"type": "progress", "done": round(min(1.0, self.calibrated / need), 3)})
        if self.calibrated < need:
            return
        recording = np.concatenate(self.calibration, axis=1)
        self.calibration = []
        try:
            baseline = self.processor.calibrate(recording)
        except BaselineError:
            self._event("baseline_too_noisy")
            self.phase = "checking"
            self._report("checking", message="calibration_noisy")
            self._state(problem="noisy")
            return
        self.api.send("/baseline", baseline.to_dict())
        self.phase = "ready"
        self._report("training")
        self._state()

    def _commands(self) -> None:
        while True:
            try:
                command = self.commands.get_nowait()
            except queue.Empty:
                return
            action = command.get("action")
            if action == "latency":
                values = command.get("values")
                if isinstance(values, list):
                    self.record.latency_ms += [
                        float(v)
                        for v in values[:1000]
                        if isinstance(v, int | float) and 0 <= v < 60_000
                    ]
            elif action == "calibrate" and self.phase in ("checking", "ready"):
                self.phase, self.calibration, self.calibrated = "calibrating", [], 0
                self._report("calibrating")
                self._state()
            elif action == "train" and self.phase == "ready":
                self._start_block(command.get("minutes"))
            elif action == "stop" and self.phase == "training":
                self._end_block()
            elif action == "finish":
                if self.phase == "training":
                    self._end_block()
                self.finished = True

    def _start_block(self, minutes: Any) -> None:
        minutes = minutes if minutes in BLOCK_MINUTES else BLOCK_MINUTES[0]
        self.record.block += 1
        self.block_minutes = minutes
        latest_t = self.latest.t if self.latest else 0.0
        self.block_start = latest_t
        self.block_end = latest_t + minutes * 60
        self.block_windows = self.record.windows
        self.block_rewards = sum(self.record.rewards)
        self.block_scored = len(self.record.rewards)
        self.phase = "training"
        self._state()

    def _end_block(self) -> None:
        r = self.record
        scored = len(r.rewards) - self.block_scored
        good = scored - sum(r.held[self.block_scored :])
        rewarded = sum(r.rewards) - self.block_rewards
        r.blocks.append(
            {
                "minutes": self.block_minutes,
                "seconds": round((self.latest.t if self.latest else 0) - self.block_start, 1),
                "windows": r.windows - self.block_windows,
                "time_in_reward": round(rewarded / good, 4) if good else None,
            }
        )
        self._flush()
        self.block_end = None
        self.phase = "ready"
        self._state()

    def _quality(self) -> None:
        p = self.processor
        size = min(p.raw.shape[1], round(self.board.fs))
        if size < 2:
            return
        raw, passed = p.raw[:, -size:], p.passed[:, -size:]
        channels = []
        for i, name in enumerate(self.board.names):
            if artifacts.railed(raw[i : i + 1], self.settings.rail_uv):
                state = "railed"
            elif artifacts.flat(raw[i : i + 1], self.settings.flat_uv):
                state = "flat"
            elif np.ptp(passed[i]) > self.settings.blink_uv:
                state = "noisy"
            else:
                state = "good"
            channels.append({"name": name, "state": state, "scored": i in p.scored})
        self.hub.publish({"type": "quality", "channels": channels})

    def _state(self, problem: str = "") -> None:
        self.hub.publish(
            {
                "type": "state",
                "phase": self.phase,
                "problem": problem,
                "baseline_seconds": self.settings.baseline_s,
                "block_minutes": self.block_minutes if self.phase == "training" else None,
                "blocks_done": len(self.record.blocks),
            }
        )

    def _report(self, status: str, **extra: Any) -> None:
        self.api.send("/report", {"status": status, **extra})

    def summary(self) -> dict[str, Any]:
        r = self.record
        good = [rw for rw, h in zip(r.rewards, r.held, strict=True) if not h]
        wall = max(time.monotonic() - self.started, 1e-9)
        seconds = sum(b["seconds"] for b in r.blocks)
        return {
            "seconds": round(seconds, 1),
            "windows": r.windows,
            "good_windows": len(good),
            "time_in_reward": round(sum(good) / len(good), 4) if good else None,
            "artifacts": dict(r.artifacts),
            "mean_score": round(float(np.mean(r.scores)), 4) if r.scores else None,
            "protocol_change": round(float(np.mean(r.zs)), 3) if r.zs else None,
            "compute_ms_p50": percentile(r.compute_ms, 50),
            "compute_ms_p99": percentile(r.compute_ms, 99),
            "latency_ms_p50": percentile(r.latency_ms, 50),
            "latency_ms_p95": percentile(r.latency_ms, 95),
            "latency_samples": len(r.latency_ms),
            "lost_samples": self.processor.lost,
            "counter_gaps": self.processor.gaps,
            "disconnects": self.disconnects,
            "cpu_percent": round(100 * (time.process_time() - self.cpu_started) / wall, 2),
            "blocks": r.blocks,
            "updates_per_second": round(r.windows / seconds, 2) if seconds else None,
        }

    def _finish(self) -> None:
        if self.phase == "training":
            self._end_block()
        self._flush()
        self.api.send("/finish", {"summary": self.summary(), "events": self.events})


# --- BrainFlow ----------------------------------------------------------------------------------


def open_brainflow(board: Board, file: str = "") -> Any:
    """Prepare and start a BrainFlow board (raises BrainFlowError when it cannot be found)."""
    from brainflow.board_shim import BoardShim, BrainFlowInputParams

    BoardShim.disable_board_logger()
    params = BrainFlowInputParams()
    params.serial_port = board.port
    params.mac_address = board.mac
    params.timeout = board.timeout
    if board.playback:
        params.file = file
        params.master_board = board.board_id
    shim = BoardShim(board.stream_id, params)
    shim.prepare_session()
    if board.playback:
        shim.config_board("loopback_false")
    shim.start_stream(450_000)
    return shim


def close_brainflow(shim: Any) -> None:
    try:
        if shim.is_prepared():
            shim.stop_stream()
            shim.release_session()
    except Exception:  # noqa: BLE001, S110 - closing a board that is already gone
        pass
