"""Calm's rows kept their save times when ``saved_at`` became ``created_at`` (the one word the
other records use); run on SQLite and on PostgreSQL by the CI legs."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("calm", "0001_initial")]
SAVED = dt.datetime(2026, 3, 1, 20, 15, tzinfo=dt.UTC)


@pytest.mark.django_db(transaction=True)
def test_breathing_mindfulness_and_sleep_rows_keep_their_save_times():
    from painwise.accounts.models import User

    user = User.objects.create_user("renamed@example.org", display_name="Renamed")
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    day = dt.date(2026, 3, 1)
    old.get_model("calm", "BreathingSession").objects.create(
        patient_id=user.pk, local_date=day, saved_at=SAVED, pattern="slow", seconds=300
    )
    old.get_model("calm", "MindfulSession").objects.create(
        patient_id=user.pk,
        local_date=day,
        saved_at=SAVED,
        script="breath",
        planned_minutes=5,
        seconds=290,
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    from painwise.calm.models import BreathingSession, MindfulSession

    breathing = BreathingSession.objects.get()
    assert (breathing.created_at, breathing.seconds, breathing.patient_id) == (SAVED, 300, user.pk)
    assert MindfulSession.objects.get().created_at == SAVED
