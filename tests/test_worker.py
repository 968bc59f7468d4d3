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
    assert response.status_code == 302
    queued = DBTaskResult.objects.get()
    assert queued.status == TaskResultStatus.READY
    assert mail.outbox == []  # nothing is sent until the worker runs

    from painwise.lib.jobs import run

    run(interval=0, once=True)

    queued.refresh_from_db()
    assert queued.status == TaskResultStatus.SUCCESSFUL
    assert [m.to for m in mail.outbox] == [["lee@example.org"]]
    assert mail.outbox[0].subject == "Welcome to Painwise"


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
