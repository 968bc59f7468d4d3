"""Benchmark: importing three years of a pain diary (about 1,000 rows), on SQLite and, when
DATABASE_URL is set, PostgreSQL. Reports the time to read the file (the core alone) beside the
whole import (read, check against existing days, store in one transaction, audit).

    python bench/bench_diary.py [--years 3] [--runs 5]
"""

import argparse
import datetime as dt
import os
import statistics
import tempfile
import time


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("PAINWISE_DATA_DIR", tempfile.mkdtemp(prefix="painwise-bench-diary-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "painwise.web.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from painwise.accounts.models import Role, User
    from painwise.clinical.tracking import diary as rules
    from painwise.lib import clock
    from painwise.tracking import diary

    call_command("migrate", verbosity=0)
    today = clock.now().date()
    days = 365 * args.years
    lines = ["Date,Time,Pain,Stress,Hours slept,Steps,Notes"]
    for i in range(days):
        day = today - dt.timedelta(days=days - i)
        lines.append(
            f"{day},{8 + i % 12}:30,{(i % 21) / 2:.1f},{i % 11},{6 + i % 3}.5,{4000 + i},walked"
        )
    raw = ("\n".join(lines) + "\n").encode()
    mapping = rules.guess_mapping(lines[0].split(","))
    read, whole = [], []
    for run in range(args.runs):
        patient = User.objects.create(
            email=f"diary{run}-{time.time_ns()}@bench.example", role=Role.PATIENT, password="!"
        )
        start = time.perf_counter()
        rules.parse(rules.decode(raw), mapping, time_zone="UTC", today=today, existing=set())
        read.append(time.perf_counter() - start)
        start = time.perf_counter()
        count, _result = diary.import_file(patient, raw, "bench.csv", mapping, "ymd", by=patient)
        whole.append(time.perf_counter() - start)
        assert count == days, count
    print(
        f"{connection.vendor}: {days} rows ({len(raw) // 1024} KB); reading the file "
        f"{statistics.median(read) * 1000:.0f} ms, the whole import "
        f"{statistics.median(whole) * 1000:.0f} ms (median of {args.runs})"
    )


if __name__ == "__main__":
    main()
