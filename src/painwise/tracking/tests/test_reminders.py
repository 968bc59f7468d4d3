import datetime as dt
import re

import pytest
import time_machine
from django.core import mail

from painwise.alerts.models import Alert
from painwise.assessment.services import record_assessment
from painwise.clinical.tracking.checkin import CheckInData
from painwise.lib import mail as lib_mail
from painwise.tracking import jobs, services, tasks
from painwise.tracking.models import DeliveryStatus, ReminderDelivery, ReminderSettings
from tests.clinical.factories import intake

# 19:30 in London on 22 November (GMT, UTC+0)
EVENING = "2026-11-22 19:30Z"
MORNING = "2026-11-22 08:00Z"


@pytest.fixture
def reminded(patient):
    record_assessment(patient, intake(), source="intake", actor=patient)
    ReminderSettings.objects.create(patient=patient, enabled=True, time=dt.time(19, 0))
    return patient


def run_jobs(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        created = jobs.enqueue_due_reminders()
        retried = jobs.retry_reminders()
    return created, retried


@pytest.mark.django_db
class TestReminders:
    def test_nothing_before_the_chosen_time(self, reminded, django_capture_on_commit_callbacks):
        with time_machine.travel(MORNING, tick=False):
            assert run_jobs(django_capture_on_commit_callbacks) == (0, 0)
        assert mail.outbox == []

    def test_sent_once_at_the_chosen_local_time_with_a_one_time_link(
        self, client, reminded, django_capture_on_commit_callbacks
    ):
        with time_machine.travel(EVENING, tick=False):
            run_jobs(django_capture_on_commit_callbacks)
            run_jobs(django_capture_on_commit_callbacks)  # a second round sends nothing more
        assert len(mail.outbox) == 1
        delivery = ReminderDelivery.objects.get()
        assert (delivery.status, delivery.attempts, delivery.local_date) == (
            "sent",
            1,
            dt.date(2026, 11, 22),
        )
        link = re.search(r"http://\S+/accounts/link/\S+", mail.outbox[0].body).group(0)
        path = link.split("://", 1)[1].split("/", 1)[1]
        with time_machine.travel(EVENING, tick=False):
            response = client.post("/" + path)
        assert response["Location"] == "/track/checkin/"
        client.logout()
        with time_machine.travel(EVENING, tick=False):
            assert client.post("/" + path).status_code == 410  # single use

    def test_the_time_is_the_patients_own(self, reminded, django_capture_on_commit_callbacks):
        reminded.time_zone = "America/New_York"  # 19:30Z is 14:30 in New York
        reminded.save()
        with time_machine.travel(EVENING, tick=False):
            assert run_jobs(django_capture_on_commit_callbacks) == (0, 0)

    def test_no_reminder_after_a_check_in_today(self, reminded, django_capture_on_commit_callbacks):
        with time_machine.travel("2026-11-22 12:00Z", tick=False):
            services.save_checkin(reminded, CheckInData(pain_now=3, pain_average=3))
        with time_machine.travel(EVENING, tick=False):
            assert run_jobs(django_capture_on_commit_callbacks) == (0, 0)

    def test_a_failed_send_is_recorded_retried_and_never_dropped(
        self, reminded, clinician, monkeypatch, django_capture_on_commit_callbacks
    ):
        calls = {"n": 0}

        def broken(*args, **kwargs):
            calls["n"] += 1
            raise ConnectionRefusedError("mail server down")

        monkeypatch.setattr(lib_mail, "send_mail", broken)
        with time_machine.travel(EVENING, tick=False) as traveller:
            run_jobs(django_capture_on_commit_callbacks)
            delivery = ReminderDelivery.objects.get()
            assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, 1)
            assert "mail server down" in delivery.last_error
            # Not yet time to retry:
            assert run_jobs(django_capture_on_commit_callbacks) == (0, 0)
            for _ in range(tasks.MAX_ATTEMPTS - 1):
                traveller.shift(dt.timedelta(hours=2))
                run_jobs(django_capture_on_commit_callbacks)
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts) == (DeliveryStatus.GAVE_UP, tasks.MAX_ATTEMPTS)
        assert calls["n"] == tasks.MAX_ATTEMPTS
        alert = Alert.objects.get()
        assert alert.kind == "reminder_failed" and "mail server down" in alert.message

    def test_a_failure_then_success(
        self, reminded, monkeypatch, django_capture_on_commit_callbacks
    ):
        real = lib_mail.send_mail
        state = {"fail": True}

        def flaky(*args, **kwargs):
            if state["fail"]:
                state["fail"] = False
                raise TimeoutError("timed out")
            return real(*args, **kwargs)

        monkeypatch.setattr(lib_mail, "send_mail", flaky)
        with time_machine.travel(EVENING, tick=False) as traveller:
            run_jobs(django_capture_on_commit_callbacks)
            traveller.shift(dt.timedelta(minutes=6))
            run_jobs(django_capture_on_commit_callbacks)
        delivery = ReminderDelivery.objects.get()
        assert (delivery.status, delivery.attempts, delivery.last_error) == ("sent", 2, "")
        assert len(mail.outbox) == 1

    def test_reminders_that_keep_failing_speak_of_a_care_team_only_to_those_with_one(
        self, client, reminded
    ):
        from conftest import clinician_of

        ReminderDelivery.objects.create(
            patient=reminded,
            local_date=dt.date(2026, 11, 20),
            status=DeliveryStatus.GAVE_UP,
            attempts=tasks.MAX_ATTEMPTS,
            last_error="mail server down",
        )
        client.force_login(reminded)
        alone = client.get("/track/reminders/").content.decode()
        assert "Failed repeatedly; not tried again" in alone
        assert f"could not send this reminder to {reminded.email}" in alone
        assert "care team" not in alone
        clinician_of(reminded, "clin@example.org")
        linked = client.get("/track/reminders/").content.decode()
        assert "Your care team can see in Painwise that your reminders are failing." in linked

    def test_patient_and_clinician_see_the_last_reminder(
        self, client, reminded, clinician, django_capture_on_commit_callbacks
    ):
        with time_machine.travel(EVENING, tick=False):
            run_jobs(django_capture_on_commit_callbacks)
            client.force_login(reminded)
            assert (
                "Sent (accepted by the mail server)"
                in client.get("/track/reminders/").content.decode()
            )
            client.force_login(clinician)
            page = client.get(f"/clinic/patients/{reminded.pk}/").content.decode()
            assert "Sent (accepted by the mail server)" in page


@pytest.mark.django_db(transaction=True)
def test_a_reminder_goes_through_the_real_worker(patient, settings):
    from django_tasks_db.models import DBTaskResult

    from painwise.lib.jobs import run

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    record_assessment(patient, intake(), source="intake", actor=patient)
    ReminderSettings.objects.create(patient=patient, enabled=True, time=dt.time(19, 0))
    with time_machine.travel(EVENING, tick=False):
        run(interval=0, once=True)
    assert ReminderDelivery.objects.get().status == "sent"
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_thousand_reminders_due_at_once(django_capture_on_commit_callbacks):
    """All due at the same moment: one job run creates them all (and SQLite copes)."""
    from painwise.accounts.models import User

    users = User.objects.bulk_create(
        User(email=f"r{i}@example.org", display_name="R", time_zone="Europe/London", password="!")
        for i in range(1200)
    )
    ReminderSettings.objects.bulk_create(
        ReminderSettings(patient=u, enabled=True, time=dt.time(19, 0)) for u in users
    )
    with time_machine.travel(EVENING, tick=False):
        with django_capture_on_commit_callbacks(execute=False):
            assert jobs.enqueue_due_reminders() == 1200
            assert jobs.enqueue_due_reminders() == 0
