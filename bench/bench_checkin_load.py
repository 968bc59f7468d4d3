"""The daily check-in under load, beside a bare Django app that only parses a check-in and
inserts one row (bench/bare/app.py), in the same run, on the same machine, with the same server
(gunicorn, 2 workers x 4 threads) and the same load generator (wrk), on SQLite and PostgreSQL.

Painwise has PATIENTS patients with a year of check-ins each (and one with a day, one with three
years); every request is a random patient's POST /api/v1/checkins with their token. Reported:
requests a second for both apps and their ratio, and Painwise's p50/p95/p99 at 20 and 100
connections; the cost of one save for the one-day and the three-year patient; and durability:
the server killed with SIGKILL three times under load, then every acknowledged check-in looked
up (none may be missing) and every retry with its Idempotency-Key counted (none may be stored
twice). The background worker is not running during the load (the alert checks the saves
enqueue wait in the database queue). Prints figures; asserts nothing about time.

    python bench/bench_checkin_load.py [--patients 500] [--seconds 10] [--only sqlite|postgresql]
"""

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PG = "postgres://postgres@127.0.0.1:5432/"
LUA = """
local tokens = {}
local bare = false
init = function(args)
  for line in io.lines(args[1]) do table.insert(tokens, line) end
  bare = args[2] == "bare"
end
request = function()
  local n = math.random(#tokens)
  if bare then
    local body = string.format('{"patient": %d, "pain_now": 4, "pain_average": 5}', n)
    return wrk.format("POST", "/checkins", {["Content-Type"] = "application/json"}, body)
  end
  return wrk.format("POST", "/api/v1/checkins",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. tokens[n]},
    '{"pain_now": 4, "pain_average": 5}')
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.1f %.2f %.2f %.2f %d %d\\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout,
    summary.requests))
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(url: str) -> None:
    for _ in range(200):
        try:
            urllib.request.urlopen(url, timeout=1)  # noqa: S310
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not come up")


class Server:
    def __init__(self, command: list[str], env: dict[str, str], port: int, probe: str) -> None:
        self.command, self.env, self.port, self.probe = command, env, port, probe
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> "Server":
        self.process = subprocess.Popen(  # noqa: S603
            self.command,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_up(f"http://127.0.0.1:{self.port}{self.probe}")
        return self

    def kill(self) -> None:
        """SIGKILL to the whole process group: the master and every worker, mid-request."""
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=20)


def wrk(port: int, connections: int, seconds: int, tokens: Path, script: Path, bare: bool) -> dict:
    out = subprocess.run(  # noqa: S603
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            f"http://127.0.0.1:{port}",
            "--",
            str(tokens),
            "bare" if bare else "painwise",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(x for x in out.splitlines() if x.startswith("RESULT"))
    rps, p50, p95, p99, errors, total = line.split()[1:]
    return {
        "rps": float(rps),
        "p50": float(p50),
        "p95": float(p95),
        "p99": float(p99),
        "errors": int(errors),
        "requests": int(total),
    }


def post(port: int, token: str, key: str | None = None, body: dict | None = None) -> int:
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
    if key:
        headers["Idempotency-Key"] = key
    request = urllib.request.Request(  # noqa: S310
        f"http://127.0.0.1:{port}/api/v1/checkins",
        data=json.dumps(body or {"pain_now": 4, "pain_average": 5}).encode(),
        headers=headers,
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.status


def save_cost(port: int, token: str, n: int = 150) -> float:
    times = []
    for _ in range(n):
        started = time.perf_counter()
        post(port, token)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times[20:])


def durability(server: Server, env: dict[str, str], tokens: list[str], kills: int = 3) -> str:
    """Clients send check-ins with keys while the server is SIGKILLed; an acknowledged key must
    be stored exactly once; every unacknowledged one is retried with its key after a restart."""
    since = time.time() - 1
    acknowledged: list[tuple[str, str]] = []
    pending: list[tuple[str, str]] = []
    lock = threading.Lock()
    stop = threading.Event()

    def client(seed: int) -> None:
        n = seed
        while not stop.is_set():
            token = tokens[2 + n % (len(tokens) - 2)]
            key = str(uuid.uuid4())
            n += 7
            try:
                post(server.port, token, key)
                with lock:
                    acknowledged.append((token, key))
            except (OSError, urllib.error.HTTPError):
                with lock:
                    pending.append((token, key))
                time.sleep(0.05)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for _ in range(kills):
        time.sleep(2.0)
        server.kill()
        time.sleep(0.3)
        server.start()
    time.sleep(1.0)
    stop.set()
    for t in threads:
        t.join()
    retried = 0
    for token, key in pending:  # a client that never heard back tries again with its key
        post(server.port, token, key)
        retried += 1
    everything = [k for _t, k in acknowledged + pending]
    check = subprocess.run(  # noqa: S603
        [
            str(BIN / "python"),
            "-c",
            COUNT,
        ],
        # On stdin: thousands of keys are longer than a command line may be.
        input=json.dumps([[k for _t, k in acknowledged], everything, since]),
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    missing, doubled = int(check[0]), int(check[1])
    return (
        f"{kills} SIGKILLs under load: {len(acknowledged)} check-ins acknowledged, "
        f"{missing} of them missing afterwards; {retried} unanswered requests retried with "
        f"their key; check-ins stored beyond one per key: {doubled}"
    )


COUNT = """
import datetime as dt, json, sys
from painwise.cli import setup_django
setup_django()
from painwise.accounts.models import IdempotencyKey
from painwise.tracking.models import CheckIn
acknowledged, everything, since = json.loads(sys.stdin.read())
rows, saved = {}, set()
for i in range(0, len(everything), 500):  # in batches: a database limits a query's parameters
    for k in IdempotencyKey.objects.filter(key__in=everything[i:i + 500], status=201):
        rows[k.key] = json.loads(bytes(k.body))["checkin"]["id"]
ids = list(rows.values())
for i in range(0, len(ids), 500):
    saved.update(CheckIn.objects.filter(pk__in=ids[i:i + 500]).values_list("pk", flat=True))
missing = sum(1 for k in acknowledged if rows.get(k) not in saved)
made = CheckIn.objects.filter(created_at__gte=dt.datetime.fromtimestamp(since, dt.UTC)).count()
print(missing, made - len(rows))
"""


def run(database: str, patients: int, seconds: int) -> None:
    data = Path(tempfile.mkdtemp(prefix=f"painwise-load-{database}-"))
    # Production settings (DEBUG off), minus the redirect to HTTPS that a proxy would end.
    env = {**os.environ, "PAINWISE_DATA_DIR": str(data), "PAINWISE_SSL_REDIRECT": "0"}
    if database == "postgresql":
        for name in ("painwise_load", "painwise_bare"):
            subprocess.run(
                ["psql", PG + "postgres", "-qc", f"DROP DATABASE IF EXISTS {name}"],
                check=True,
                capture_output=True,
            )
            subprocess.run(
                ["psql", PG + "postgres", "-qc", f"CREATE DATABASE {name}"],
                check=True,
                capture_output=True,
            )
        env["DATABASE_URL"] = PG + "painwise_load"
        bare_url = PG + "painwise_bare"
    else:
        bare_url = f"sqlite:///{data}/bare.sqlite3"
    painwise = str(BIN / "painwise")
    subprocess.run([painwise, "setup", "--quiet"], env=env, check=True, capture_output=True)
    tokens_file = data / "tokens.txt"
    started = time.monotonic()
    subprocess.run(
        [
            str(BIN / "python"),
            str(ROOT / "bench" / "seed_checkins.py"),
            str(patients),
            "365",
            str(tokens_file),
        ],
        env=env,
        check=True,
    )
    tokens = tokens_file.read_text().split()
    print(
        f"[{database}] {patients} patients x 365 days seeded in {time.monotonic() - started:.0f} s"
    )
    script = data / "load.lua"
    script.write_text(LUA)
    port, bare_port = free_port(), free_port()
    server = Server(
        [painwise, "serve", "--port", str(port), "--workers", "2", "--threads", "4"],
        env,
        port,
        "/api/v1/health",
    ).start()
    bare_env = {
        **os.environ,
        "BARE_DATABASE_URL": bare_url,
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "bench.bare.app",
    }
    subprocess.run(
        [
            str(BIN / "python"),
            "-c",
            "import django; django.setup(); "
            "from bench.bare.app import create_table; create_table()",
        ],
        env=bare_env,
        check=True,
    )
    bare = Server(
        [
            str(BIN / "gunicorn"),
            "--workers",
            "2",
            "--threads",
            "4",
            "-b",
            f"127.0.0.1:{bare_port}",
            "bench.bare.app:application()",
        ],
        bare_env,
        bare_port,
        "/checkins",
    ).start()
    try:
        one_day = save_cost(port, tokens[0])
        three_years = save_cost(port, tokens[1])
        print(
            f"[{database}] one save, median of 130 in a row: one day of history {one_day:.1f} ms,"
            f" three years {three_years:.1f} ms"
        )
        for connections in (20, 100):
            ours = wrk(port, connections, seconds, tokens_file, script, bare=False)
            theirs = wrk(bare_port, connections, seconds, tokens_file, script, bare=True)
            print(
                f"[{database}] {connections} connections: Painwise {ours['rps']:.0f} req/s "
                f"(p50 {ours['p50']:.1f} ms, p95 {ours['p95']:.1f} ms, p99 {ours['p99']:.1f} ms, "
                f"{ours['errors']} errors of {ours['requests']}); bare app {theirs['rps']:.0f} "
                f"req/s (p95 {theirs['p95']:.1f} ms); ratio {ours['rps'] / theirs['rps']:.0%}"
            )
        print(f"[{database}] " + durability(server, env, tokens))
    finally:
        server.stop()
        bare.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--patients", type=int, default=500)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    args = parser.parse_args()
    for database in ("sqlite", "postgresql"):
        if args.only in (None, database):
            run(database, args.patients, args.seconds)


if __name__ == "__main__":
    main()
