"""The Alert table moved from the clinic app to this one without losing a row (run on SQLite
and on PostgreSQL by the CI legs)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("clinic", "0001_initial"), ("alerts", None)]


@pytest.mark.django_db(transaction=True)
def test_the_alerts_table_moves_with_every_row():
    from painwise.accounts.models import User

    # The accounts table is not part of the move: make the patient with today's model.
    user = User.objects.create_user("moved@example.org", display_name="Moved")
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state([("clinic", "0001_initial")]).apps
    old_alert = old.get_model("clinic", "Alert")
    old_alert.objects.create(patient_id=user.pk, kind="emergency", message="m1", source="s:1")
    old_alert.objects.create(
        patient_id=user.pk, kind="plateau", message="m2", source="s:2", resolution_note="seen"
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    from painwise.alerts.models import Alert

    moved = list(Alert.objects.order_by("source").values_list("kind", "message", "source"))
    assert moved == [("emergency", "m1", "s:1"), ("plateau", "m2", "s:2")]
    assert Alert.objects.get(source="s:2").resolution_note == "seen"
    assert Alert._meta.db_table == "alerts_alert"
    assert "clinic_alert" not in connection.introspection.table_names()
