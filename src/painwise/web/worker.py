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


def run(*, interval: float, once: bool) -> None:
    log.info("Painwise worker started (periodic jobs: %s)", ", ".join(PERIODIC_JOBS) or "none")
    while True:
        close_old_connections()
        run_periodic()
        drain_queue()
        if once:
            return
        time.sleep(interval)
