"""Test data shared by the page tests and the browser tests."""

import datetime as dt
import random

from painwise.learn import services
from painwise.tracking.models import CheckIn


def stressful_days(patient, n=42, seed=7):
    """Check-ins where pain goes with the day's stress (a pattern the insights show)."""
    rng = random.Random(seed)
    today = services.today(patient)
    rows = []
    for i in range(n):
        stress = rng.randint(0, 10)
        pain = 6 - i * 0.05 + 0.4 * stress + rng.gauss(0, 0.8)
        rows.append(
            CheckIn(
                patient=patient,
                local_date=today - dt.timedelta(days=n - i),
                pain_now=5,
                pain_average=round(min(10, max(0, pain))),
                stress=stress,
                activity_minutes=rng.randint(10, 60),
                sleep_quality=rng.randint(3, 8),
            )
        )
    CheckIn.objects.bulk_create(rows)
