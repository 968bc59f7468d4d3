"""Rename the moved table from clinic_alert to alerts_alert (a plain ALTER TABLE: rows stay)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("alerts", "0001_initial"),
        ("clinic", "0002_alert_moves_to_alerts"),
    ]

    operations = [
        migrations.RenameIndex(
            model_name="alert",
            new_name="alerts_aler_patient_dfbfe1_idx",
            old_name="clinic_aler_patient_70d209_idx",
        ),
        migrations.AlterModelTable(
            name="alert",
            table=None,
        ),
    ]
