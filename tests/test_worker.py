"""Background work goes through the real database queue and the real worker path."""

import pytest
from django.core import mail
from django.tasks import TaskResultStatus
from django.urls import reverse

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.mark.django_db(transaction=True)
def test_signup_enqueues_a_welcome_email_that_the_worker_sends(client, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DB_TASKS
    response = client.post(
        reverse("accounts:signup"),
        {
            "display_name": "Lee",
            "email": "lee@example.org",
            "password1": "a long quiet river",
            "password2": "a long quiet river",
            "time_zone": "UTC",
        },
    )
    assert response.status_code == 200  # "check your email"
    queued = DBTaskResult.objects.get()
    assert queued.status == TaskResultStatus.READY
    assert mail.outbox == []  # nothing is sent until the worker runs

    from painwise.lib.jobs import run

    run(interval=0, once=True)

    queued.refresh_from_db()
    assert queued.status == TaskResultStatus.SUCCESSFUL
    assert [m.to for m in mail.outbox] == [["lee@example.org"]]
    assert mail.outbox[0].subject == "Welcome to Painwise"
    assert "/accounts/link/" in mail.outbox[0].body  # the link that switches the account on


def test_a_failing_periodic_job_does_not_stop_the_others():
    from painwise.lib import jobs as worker

    calls = []

    def broken():
        raise RuntimeError("boom")

    def fine():
        calls.append("fine")
        return 1

    saved = dict(worker.PERIODIC_JOBS)
    worker.PERIODIC_JOBS.clear()
    worker.PERIODIC_JOBS.update({"broken": broken, "fine": fine})
    try:
        assert worker.run_periodic() == {"broken": -1, "fine": 1}
    finally:
        worker.PERIODIC_JOBS.clear()
        worker.PERIODIC_JOBS.update(saved)
    assert calls == ["fine"]


@pytest.mark.django_db(transaction=True)
def test_a_checkin_that_shows_deterioration_raises_the_alert_through_the_worker(
    client, assessed, settings
):
    """The save answers without reading the history; the worker raises the alert after it."""
    import datetime as dt

    from django_tasks_db.models import DBTaskResult

    from painwise.alerts.models import Alert
    from painwise.lib.jobs import run
    from painwise.tracking import services
    from tests.helpers import checkin_history

    settings.TASKS = DB_TASKS
    # 20 days up to yesterday: a week at 4, then 13 days at 6
    yesterday = services.local_today(assessed) - dt.timedelta(days=1)
    checkin_history(assessed, 20, lambda i: 4 if i < 7 else 6, end=yesterday)
    client.force_login(assessed)
    response = client.post(
        "/api/v1/checkins", {"pain_now": 6, "pain_average": 6}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    assert not Alert.objects.filter(kind="deterioration").exists()
    assert DBTaskResult.objects.filter(task_path__endswith="evaluate_patient_alerts").count() == 1

    run(interval=0, once=True)

    alert = Alert.objects.get(kind="deterioration", patient=assessed)
    assert "deterioration_pain" in alert.rules
