"""The Alert model moves from the clinic app to this one without touching a row: the table
stays where it is (clinic_alert) while the model's state changes owner. 0002 then renames the
table in a real, data-preserving ALTER."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("clinic", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Alert",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("emergency", "Emergency red flag"),
                                    ("urgent", "Urgent red flag"),
                                    ("safety", "Mood safety answer"),
                                    ("deterioration", "Getting worse"),
                                    ("plateau", "No progress despite steady work"),
                                    ("reminder_failed", "Reminders failing"),
                                ],
                                max_length=32,
                            ),
                        ),
                        ("rules", models.JSONField(blank=True, default=list)),
                        ("message", models.TextField()),
                        ("source", models.CharField(max_length=100)),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("resolved_at", models.DateTimeField(blank=True, null=True)),
                        ("resolution_note", models.TextField(blank=True)),
                        (
                            "patient",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="alerts",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "resolved_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "clinic_alert",
                        "indexes": [
                            models.Index(
                                fields=["patient", "resolved_at"],
                                name="clinic_aler_patient_70d209_idx",
                            )
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("patient", "kind", "source"), name="one_alert_per_event"
                            )
                        ],
                    },
                ),
            ],
        ),
    ]
