"""Plan building under concurrency: however many builds for one person run at once, each
assessment gets one plan version and nothing fails (a threaded test, SQLite and PostgreSQL)."""

import threading

import pytest
from django.db import connection

from painwise.assessment.models import AssessmentRecord
from painwise.program.models import Plan
from painwise.program.services import build_for, rebuild_if_stale


@pytest.mark.django_db(transaction=True)
def test_eight_simultaneous_builds_make_one_plan_version(assessed):
    # The assessment's plan is removed, so every thread finds it missing at the same moment.
    Plan.objects.filter(patient=assessed).delete()
    assert AssessmentRecord.objects.filter(patient=assessed, complete=True).exists()
    barrier = threading.Barrier(8)
    errors = []

    def build():
        try:
            barrier.wait()
            rebuild_if_stale(assessed)
        except Exception as exc:  # noqa: BLE001 - every failure is collected and reported
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=build) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert Plan.objects.filter(patient=assessed).count() == 1


@pytest.mark.django_db(transaction=True)
def test_simultaneous_changes_leave_one_current_version(assessed):
    barrier = threading.Barrier(6)
    errors = []

    def change(n):
        try:
            barrier.wait()
            build_for(
                assessed, actor=assessed, source="patient", preferences={"daily_minutes": 10 + n}
            )
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=change, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert Plan.objects.filter(patient=assessed, superseded_at__isnull=True).count() == 1
    assert Plan.objects.filter(patient=assessed).count() == 7  # the first and six changes
