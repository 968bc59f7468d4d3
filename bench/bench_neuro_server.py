"""Two live neurofeedback sessions and ordinary page loads at once, on the default `make run`
server (gunicorn, 2 workers x 4 threads, SQLite, the worker beside it): does a live session
hold a server worker? Two demo patients run real sessions in headless Chromium (the server
starts their acquisition processes, on the synthetic board); meanwhile a third person's pages
are loaded 8 at a time, as many as the server has threads. The baseline is the same page loads
with no session running, in the same run. Prints figures; asserts nothing about time."""

import concurrent.futures
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

PATIENTS = ["maria@demo.painwise.example", "james@demo.painwise.example"]
READER = "aiko@demo.painwise.example"
PAGES = ["/track/review/", "/practice/", "/program/today/", "/program/plan/"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sign_in(context, base, email):
    page = context.new_page()
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill("painwise-demo")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    return page


def loads(base, cookie, rounds=6):
    """Every page, 8 requests at a time, ``rounds`` times: each request's time in ms."""

    def one(path):
        request = urllib.request.Request(base + path, headers={"Cookie": cookie})  # noqa: S310
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            response.read()
            assert response.status == 200
        return (time.perf_counter() - started) * 1000

    times = []
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        for _ in range(rounds):
            times += list(pool.map(one, PAGES * 2))
    return times


def describe(name, times):
    times = sorted(times)
    p95 = times[int(len(times) * 0.95) - 1]
    print(
        f"  {name}: {len(times)} page loads, median {statistics.median(times):.0f} ms, "
        f"p95 {p95:.0f} ms, slowest {times[-1]:.0f} ms"
    )


def main():
    data = tempfile.mkdtemp(prefix="painwise-bench-")
    env = {
        **os.environ,
        "PAINWISE_DATA_DIR": data,
        "PAINWISE_DEBUG": "1",
        "PAINWISE_NF_BASELINE_SECONDS": "5",
    }
    painwise = str(Path(sys.executable).with_name("painwise"))
    subprocess.run([painwise, "setup", "--quiet"], env=env, check=True, capture_output=True)
    subprocess.run([painwise, "demo"], env=env, check=True, capture_output=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = Path(data) / "server.log"
    server = subprocess.Popen(  # noqa: S603
        [painwise, "serve", "--port", str(port), "--with-worker"],
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/api/v1/health", timeout=1)  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"]
            )
            reader = browser.new_context()
            sign_in(reader, base, READER)
            cookie = "; ".join(f"{c['name']}={c['value']}" for c in reader.cookies())
            loads(base, cookie, 1)  # warm up
            describe("no session running", loads(base, cookie))
            pages = []
            for email in PATIENTS:
                page = sign_in(browser.new_context(), base, email)
                page.goto(base + "/practice/neurofeedback/")
                page.get_by_label("Yes, I want to try").check()
                page.get_by_role("button", name="Save my choices").click()
                page.get_by_role("button", name="Start a session").click()
                page.wait_for_selector("[data-nf][data-phase=checking]", timeout=30_000)
                page.get_by_role("button", name="The signal looks good").click()
                pages.append(page)
            for page in pages:
                page.wait_for_selector("[data-nf][data-phase=ready]", timeout=30_000)
                page.get_by_role("button", name="Start training").click()
                page.wait_for_selector("[data-nf][data-phase=training]")
            before = [int(pg.get_attribute("[data-nf]", "data-updates")) for pg in pages]
            started = time.monotonic()
            during = loads(base, cookie)
            elapsed = time.monotonic() - started
            after = [int(pg.get_attribute("[data-nf]", "data-updates")) for pg in pages]
            describe("two live sessions streaming", during)
            rates = [(a - b) / elapsed for a, b in zip(after, before, strict=True)]
            print(
                "  the two sessions' feedback rates meanwhile: "
                + ", ".join(f"{r:.1f} Hz" for r in rates)
            )
            for page in pages:
                page.get_by_role("button", name="Finish and save").click()
            for page in pages:
                page.wait_for_selector("h1:has-text('Session results')", timeout=30_000)
            browser.close()
        lines = log.read_text().splitlines()
        nf = [line for line in lines if "/neurofeedback/" in line]
        print(
            f"  requests the two sessions made to the server in all (start, polls, record): "
            f"{len(nf)}; the live streams went straight from each acquisition process to its page"
        )
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
