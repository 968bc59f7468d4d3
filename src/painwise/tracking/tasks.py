"""Daily check-in reminders, sent by the background worker.

A delivery row exists for every reminder due; the task marks it sent, or failed with the error
and a time to retry. The periodic job re-queues failed and stuck deliveries, and after
MAX_ATTEMPTS tells the care team. Nothing is dropped silently.
"""

import datetime as dt
import logging

from django.db import transaction
from django.tasks import task
from django.urls import reverse
from django.utils.translation import gettext_noop

from painwise.accounts.services import login_link_url
from painwise.alerts import services as alerts
from painwise.alerts.models import AlertKind
from painwise.clinical.common import Reason
from painwise.lib import clock
from painwise.lib.mail import send_templated
from painwise.tracking.models import DeliveryStatus, ReminderDelivery

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
LINK_VALID_FOR = dt.timedelta(hours=24)


def backoff(attempts: int) -> dt.timedelta:
    return dt.timedelta(minutes=5 * 2 ** max(0, attempts - 1))  # 5, 10, 20, 40 minutes


@task
def evaluate_patient_alerts(patient_id: int) -> list[str]:
    """Deterioration and plateau alerts after a check-in (see services.alerts_after_commit)."""
    from painwise.accounts.models import User
    from painwise.tracking.services import evaluate_alerts

    patient = User.objects.filter(pk=patient_id, is_active=True).first()
    return evaluate_alerts(patient) if patient is not None else []


@task
def send_checkin_reminder(delivery_id: int) -> str:
    with transaction.atomic():
        delivery = (
            ReminderDelivery.objects.select_for_update()
            .select_related("patient")
            .get(pk=delivery_id)
        )
        if delivery.status in (DeliveryStatus.SENT, DeliveryStatus.GAVE_UP):
            return delivery.status
        delivery.attempts += 1
        delivery.updated_at = clock.now()
        delivery.save(update_fields=["attempts", "updated_at"])
    patient = delivery.patient
    try:
        link = login_link_url(
            patient, valid_for=LINK_VALID_FOR, next_url=reverse("tracking:checkin")
        )
        hours = int(LINK_VALID_FOR.total_seconds() // 3600)
        context = {"patient": patient, "link": link, "hours": hours}
        send_templated("tracking/email/reminder", context, patient.email)
    except Exception as exc:  # noqa: BLE001 - any failure is recorded and retried, never lost
        _failed(delivery.pk, exc)
        return "failed"
    now = clock.now()
    ReminderDelivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.SENT, sent_at=now, updated_at=now, last_error=""
    )
    return "sent"


def _failed(delivery_id: int, exc: Exception) -> None:
    now = clock.now()
    with transaction.atomic():
        delivery = (
            ReminderDelivery.objects.select_for_update()
            .select_related("patient")
            .get(pk=delivery_id)
        )
        delivery.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        delivery.updated_at = now
        if delivery.attempts >= MAX_ATTEMPTS:
            delivery.status = DeliveryStatus.GAVE_UP
            delivery.next_attempt_at = None
            alerts.raise_alert(
                delivery.patient,
                kind=AlertKind.REMINDER_FAILED,
                source=f"tracking.reminder:{delivery.pk}",
                reasons=[
                    Reason(
                        "reminder_failed",
                        gettext_noop(
                            "Daily reminders to {email} keep failing ({attempts} attempts): {error}"
                        ),
                        {
                            "email": delivery.patient.email,
                            "attempts": delivery.attempts,
                            "error": delivery.last_error,
                        },
                    )
                ],
            )
        else:
            delivery.status = DeliveryStatus.FAILED
            delivery.next_attempt_at = now + backoff(delivery.attempts)
        delivery.save(update_fields=["status", "last_error", "updated_at", "next_attempt_at"])
    log.warning("reminder %s failed (attempt %s): %s", delivery_id, delivery.attempts, exc)
