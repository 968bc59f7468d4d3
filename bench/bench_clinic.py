"""Benchmark: the clinician's workspace with 50 clinicians, 5,000 patients and a year of
check-ins each, on SQLite and on PostgreSQL.

    python bench/bench_clinic.py [--patients 5000] [--days 365] [--only sqlite|postgresql]

For each database, a fresh one is filled (1.8 million check-ins by default), then it reports:
- the caseload page of a clinician with 100 patients (median, p95, queries), beside the same
  page for a clinician with 10 patients in the same run (the query count must not grow);
- the whole clinic's caseload (a clinician on a team every patient is shared with, 5,000);
- cohort outcomes for a clinician's 100 patients and for the whole clinic;
- the one-page visit PDF and the FHIR bundle of a patient with a year of data.
Targets (the issue's): caseload < 200 ms median, outcomes < 1 s, PDF < 1 s, FHIR < 1 s.
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

PG = "postgres://postgres@127.0.0.1:5432/"
CLINICIANS = 50


def timed(call, runs: int) -> tuple[float, float, list[int]]:
    """Median and p95 in ms, and the query counts, of ``call`` run ``runs`` times."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call()  # warm up imports, templates, caches
    times, queries = [], []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            call()
            times.append((time.perf_counter() - start) * 1000)
        queries.append(len(ctx.captured_queries))
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))], queries


def fill(patients: int, days: int) -> dict:
    from django.db import connection, transaction
    from seeding import assess_all, make_patients

    from painwise.accounts.models import CareLink, Role, Team, TeamShare, User
    from painwise.alerts.models import Alert
    from painwise.lib import clock

    rng = random.Random(7)
    t0 = time.perf_counter()
    clinicians = User.objects.bulk_create(
        User(email=f"c{i}@bench.example", display_name=f"Dr {i}", role=Role.CLINICIAN, password="!")
        for i in range(CLINICIANS)
    )
    small = User.objects.create(
        email="small@bench.example", display_name="Dr Small", role=Role.CLINICIAN, password="!"
    )
    people = make_patients(patients)
    per = patients // CLINICIANS
    CareLink.objects.bulk_create(
        CareLink(patient=p, clinician=clinicians[i // per % CLINICIANS])
        for i, p in enumerate(people)
    )
    CareLink.objects.bulk_create(CareLink(patient=p, clinician=small) for p in people[:10])
    clinic = User.objects.create(
        email="clinic@bench.example", display_name="Dr Clinic", role=Role.CLINICIAN, password="!"
    )
    team = Team.objects.create(name="Whole clinic")
    team.members.add(clinic)
    TeamShare.objects.bulk_create(TeamShare(team=team, patient=p) for p in people)
    for n, risk_answers in enumerate(({}, {"unsafe_to_be_active": True})):
        assess_all(people[n::2], startback=risk_answers)
    Alert.objects.bulk_create(
        Alert(patient=p, kind="deterioration", message="Pain up", source=f"bench:{p.pk}")
        for p in people[::10]
    )
    today = clock.now().date()
    now = clock.now()
    rows = 0
    # Plain INSERTs of tuples: five times faster than building a million model objects.
    sql = (
        "INSERT INTO tracking_checkin (patient_id, local_date, created_at, updated_at, "
        "pain_now, pain_average, stress, sleep_quality, flare, note, new_symptoms) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
    )
    for chunk in range(0, patients, 50):
        batch = []
        for p in people[chunk : chunk + 50]:
            # A year for most; some started later, so every program week has a cohort.
            length = days if rng.random() < 0.5 else rng.randint(days // 3, days)
            start = today - dt.timedelta(days=length - 1)
            for d in range(length):
                pain = max(0, min(10, round(6 - 3 * d / length + rng.gauss(0, 1))))
                batch.append(
                    (
                        p.pk,
                        start + dt.timedelta(days=d),
                        now,
                        now,
                        pain,
                        pain,
                        rng.randint(0, 10),
                        rng.randint(0, 10),
                        False,
                        "",
                        "[]",
                    )
                )
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, batch)
        rows += len(batch)
    with connection.cursor() as cursor:
        # Fresh planner statistics, as PostgreSQL's autovacuum leaves them after a large load
        # (without them it guesses table sizes and scans); SQLite uses them too.
        cursor.execute("ANALYZE")
    print(
        f"  filled {patients} patients, {CLINICIANS + 2} clinicians, {rows} check-ins "
        f"in {time.perf_counter() - t0:.0f} s"
    )
    return {"clinicians": clinicians, "small": small, "clinic": clinic, "people": people}


def run(database: str, patients: int, days: int) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "painwise.web.settings"
    os.environ.setdefault("PAINWISE_ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from painwise.program import services as program
    from painwise.records import fhir

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    world = fill(patients, days)
    client = Client()

    def page(user, url):
        client.force_login(user)

        def get():
            response = client.get(url, secure=True)
            assert response.status_code == 200, (url, response.status_code)

        return get

    doctor = world["clinicians"][3]
    for label, user, url, runs in (
        ("caseload, 100 patients", doctor, "/clinic/", 20),
        ("caseload, 10 patients (baseline)", world["small"], "/clinic/", 20),
        ("caseload, whole clinic (5,000)", world["clinic"], "/clinic/", 5),
        ("cohort outcomes, 100 patients", doctor, "/clinic/outcomes/", 10),
        ("cohort outcomes, whole clinic", world["clinic"], "/clinic/outcomes/", 3),
    ):
        median, p95, queries = timed(page(user, url), runs)
        print(
            f"  {label}: median {median:.0f} ms, p95 {p95:.0f} ms, "
            f"queries {min(queries)}-{max(queries)}"
        )
    # A patient of this clinician with a whole year of check-ins.
    from django.db.models import Count

    from painwise.accounts.models import User

    patient = (
        User.objects.filter(clinician_links__clinician=doctor)
        .annotate(n=Count("checkins"))
        .order_by("-n", "pk")
        .first()
    )
    program.build_for(patient, actor=None)
    median, p95, queries = timed(page(doctor, f"/clinic/patients/{patient.pk}/report.pdf"), 10)
    print(f"  visit PDF: median {median:.0f} ms, p95 {p95:.0f} ms, queries {max(queries)}")
    median, p95, queries = timed(page(doctor, f"/clinic/patients/{patient.pk}/fhir.json"), 10)
    size = len(fhir.bundle(patient)["entry"])
    print(
        f"  FHIR bundle ({size} resources): median {median:.0f} ms, p95 {p95:.0f} ms, "
        f"queries {max(queries)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--patients", type=int, default=5000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    parser.add_argument("--inner", choices=["sqlite", "postgresql"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        run(args.inner, args.patients, args.days)
        return
    for database in ("sqlite", "postgresql"):
        if args.only and database != args.only:
            continue
        env = {k: v for k, v in os.environ.items() if not k.startswith("PAINWISE_")}
        env.pop("DATABASE_URL", None)
        env["PAINWISE_DATA_DIR"] = tempfile.mkdtemp(prefix="painwise-bench-clinic-")
        if database == "postgresql":
            name = "painwise_bench_clinic"
            for sql in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
                subprocess.run(["psql", PG + "postgres", "-qc", sql], check=True)
            env["DATABASE_URL"] = PG + name
        print(f"{database}:", flush=True)
        subprocess.run(
            [
                sys.executable,
                __file__,
                "--inner",
                database,
                "--patients",
                str(args.patients),
                "--days",
                str(args.days),
            ],
            env=env,
            check=True,
        )


if __name__ == "__main__":
    main()
