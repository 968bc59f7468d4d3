"""The background worker behind `painwise worker`.

One process, nothing but the database: each round runs the periodic jobs (which only enqueue
tasks, idempotently) and then drains the task queue with django-tasks-db's worker.
"""

import logging
import time
from collections.abc import Callable

from django.core.management import call_command
from django.db import close_old_connections

log = logging.getLogger("painwise.worker")

# Named periodic jobs. Apps add theirs at import time with `periodic_job`.
PERIODIC_JOBS: dict[str, Callable[[], int]] = {}


def periodic_job(name: str) -> Callable[[Callable[[], int]], Callable[[], int]]:
    def register(func: Callable[[], int]) -> Callable[[], int]:
        PERIODIC_JOBS[name] = func
        return func

    return register


def run_periodic() -> dict[str, int]:
    """Run every periodic job once; a failing job is logged and does not stop the others."""
    done = {}
    for name, job in PERIODIC_JOBS.items():
        try:
            done[name] = job()
        except Exception:  # noqa: BLE001 - one broken job must not stop reminders for everyone
            log.exception("periodic job %s failed", name)
            done[name] = -1
    return done


def drain_queue() -> None:
    call_command(
        "db_worker", batch=True, startup_delay=False, reload=False, queue_name="*", verbosity=0
    )


def run(*, interval: float, once: bool, periodic_every: float = 60.0) -> None:
    """Drain the queue every ``interval`` seconds; run the periodic jobs once a minute (they
    read every patient's reminder settings, so they should not run every few seconds)."""
    log.info("Painwise worker started (periodic jobs: %s)", ", ".join(PERIODIC_JOBS) or "none")
    last_periodic = float("-inf")
    while True:
        close_old_connections()
        if time.monotonic() - last_periodic >= periodic_every:
            run_periodic()
            last_periodic = time.monotonic()
        drain_queue()
        if once:
            return
        time.sleep(interval)
