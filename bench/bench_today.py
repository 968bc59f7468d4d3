"""Benchmark: the Today page as the history grows, with and without pacing checkpoints.

    python bench/bench_today.py [--weeks 3 60 156] [--pages 20]

For each length of history, loads the demo data (SQLite in a temporary data dir, or
DATABASE_URL if set) with that many weeks, then reports for Maria (three graded activities):
the replay of her activities (`track_states`) and the whole Today page, median of ``--pages``
runs, first replaying every day from the start (the baseline, what Today did before
checkpoints) and then going on from the checkpoints the worker writes; and the page's SQL query
count. Also checks that both ways show the same quotas.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable


def median_ms(run: Callable[[], object], times: int) -> float:
    run()
    spent = []
    for _ in range(times):
        started = time.perf_counter()
        run()
        spent.append((time.perf_counter() - started) * 1000)
    return statistics.median(spent)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--weeks", type=int, nargs="+", default=[3, 60, 156])
    parser.add_argument("--pages", type=int, default=20)
    args = parser.parse_args()

    os.environ["PAINWISE_DATA_DIR"] = tempfile.mkdtemp(prefix="painwise-bench-")
    os.environ.setdefault("PAINWISE_ALLOWED_HOSTS", "testserver")
    os.environ["PAINWISE_SSL_REDIRECT"] = "0"
    os.environ["DJANGO_SETTINGS_MODULE"] = "painwise.web.settings"
    import django

    django.setup()
    from painwise import cli, demo
    from painwise.accounts.models import User

    cli.main(["setup", "--quiet"])  # migrations and the static files the page links
    print(f"{'weeks':>5} {'check-ins':>9} | {'replay ms':>17} | {'Today ms':>17} | queries")
    print(f"{'':>5} {'':>9} | {'start':>8} {'ckpt':>8} | {'start':>8} {'ckpt':>8} |")
    for weeks in args.weeks:
        demo.WEEKS = weeks
        demo.load_demo()
        print(measure(User.objects.get(email="maria@demo.painwise.example"), weeks, args.pages))


def measure(patient: object, weeks: int, pages: int) -> str:
    """One line of the table: the replay and the page, from the start and from checkpoints."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from painwise.program import services
    from painwise.program.models import PacingCheckpoint
    from painwise.tracking.models import CheckIn

    client = Client()
    client.force_login(patient)

    def page() -> object:
        return client.get("/program/today/")

    def replay() -> list[tuple[float | None, str]]:
        return [(s.state.quota, s.state.phase) for s in services.track_states(patient, recent=True)]

    PacingCheckpoint.objects.all().delete()  # Today replays from the start
    replay_start, page_start, before = median_ms(replay, pages), median_ms(page, pages), replay()
    services.move_checkpoints()
    replay_ckpt, page_ckpt, after = median_ms(replay, pages), median_ms(page, pages), replay()
    if after != before:
        sys.exit(f"{weeks} weeks: the quotas differ with checkpoints: {before} {after}")
    with CaptureQueriesContext(connection) as queries:
        page()
    checkins = CheckIn.objects.filter(patient=patient).count()
    return (
        f"{weeks:>5} {checkins:>9} | {replay_start:>8.1f} {replay_ckpt:>8.1f} | "
        f"{page_start:>8.1f} {page_ckpt:>8.1f} | {len(queries)}"
    )


if __name__ == "__main__":
    main()
