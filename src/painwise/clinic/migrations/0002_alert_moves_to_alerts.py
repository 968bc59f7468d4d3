"""The Alert model now belongs to painwise.alerts (see alerts/0001). Only Django's record of
the model moves; the table and every row in it stay."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0001_initial"),
        ("alerts", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name="Alert")],
        ),
    ]
