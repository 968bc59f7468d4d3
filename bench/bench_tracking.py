"""Benchmark: the review page and `painwise insights --all` with 1,000 patients x 365 days.

    python bench/bench_tracking.py [--patients 1000] [--days 365] [--pages 60]

Builds a fresh database (SQLite in a temporary data dir, or DATABASE_URL if set), fills it,
then reports: the review page's median and 95th-percentile render time and its SQL query count
(asserted to stay within a fixed bound, whatever the amount of data), and the wall-clock time of
`painwise insights --all` run as a separate process.
"""

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal

# The same bound as tracking/tests/test_review_page.py: 17 for the review itself (one of them
# the check-in dates, for the counts), the rest one or two per practice module (its line in
# the week, its values for the patterns).
MAX_QUERIES = 30


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--patients", type=int, default=1000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--pages", type=int, default=60)
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="painwise-bench-")
    os.environ["PAINWISE_DATA_DIR"] = data_dir
    os.environ.setdefault("PAINWISE_ALLOWED_HOSTS", "testserver")
    os.environ["DJANGO_SETTINGS_MODULE"] = "painwise.web.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from seeding import assess_all, make_patients

    from painwise.accounts.models import User
    from painwise.assessment.models import AssessmentRecord
    from painwise.lib import clock
    from painwise.tracking.models import CheckIn

    print(
        f"database: {connection.vendor} ({data_dir if connection.vendor == 'sqlite' else os.environ.get('DATABASE_URL')})"
    )
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    for model in (CheckIn, AssessmentRecord):
        model.objects.all().delete()
    User.objects.filter(email__endswith="@bench.example").delete()

    t0 = time.perf_counter()
    rng = random.Random(1)
    users = make_patients(args.patients)
    assess_all(users)
    today = clock.local_today("UTC")
    start = today - dt.timedelta(days=args.days - 1)
    rows = 0
    for u in users:
        batch = []
        for d in range(args.days):
            day = start + dt.timedelta(days=d)
            stress = rng.randint(0, 10)
            pain = max(
                0, min(10, round(6 - 3 * d / args.days + 0.3 * (stress - 5) + rng.gauss(0, 1)))
            )
            batch.append(
                CheckIn(
                    patient=u,
                    local_date=day,
                    pain_now=pain,
                    pain_average=pain,
                    stiffness=rng.randint(0, 10),
                    sleep_quality=rng.randint(0, 10),
                    sleep_hours=Decimal("7.0"),
                    stress=stress,
                    mood=rng.randint(0, 10),
                    confidence=rng.randint(0, 10),
                    fear=rng.randint(0, 10),
                    activity_minutes=rng.randint(0, 90),
                    practice_minutes=rng.randint(0, 20),
                )
            )
        CheckIn.objects.bulk_create(batch, batch_size=1000)
        rows += len(batch)
    print(
        f"filled {args.patients} patients x {args.days} days = {rows} check-ins in {time.perf_counter() - t0:.1f} s"
    )

    client = Client()
    sample = rng.sample(users, min(args.pages, len(users)))
    client.force_login(sample[0])
    client.get("/track/review/", secure=True)  # warm up templates and imports
    times, queries = [], []
    for u in sample:
        client.force_login(u)
        with CaptureQueriesContext(connection) as ctx:
            t = time.perf_counter()
            response = client.get("/track/review/", secure=True)
            times.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200, response.status_code
        queries.append(len(ctx.captured_queries))
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(
        f"review page: median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, "
        f"queries {min(queries)}-{max(queries)} per page ({len(times)} pages)"
    )
    assert max(queries) <= MAX_QUERIES, (
        f"review page used {max(queries)} queries (bound {MAX_QUERIES})"
    )

    t = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "painwise.cli", "insights", "--all"],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        check=True,
    )
    print(f"painwise insights --all: {time.perf_counter() - t:.1f} s wall ({out.stdout.strip()})")


if __name__ == "__main__":
    main()
