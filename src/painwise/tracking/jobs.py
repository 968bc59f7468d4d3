"""Periodic jobs run by `painwise worker`: enqueue due reminders, retry failed ones."""

import datetime as dt
import zoneinfo

from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext_noop

from painwise.accounts.models import CareLink, Role, TeamShare, User
from painwise.alerts.models import Alert, AlertKind
from painwise.alerts.services import raise_alert
from painwise.clinical.common import Reason
from painwise.clinical.tracking.rules import MISSED_CHECKINS
from painwise.lib import clock
from painwise.lib.jobs import periodic_job
from painwise.tracking.models import CheckIn, DeliveryStatus, ReminderDelivery, ReminderSettings
from painwise.tracking.services import tracking_settings
from painwise.tracking.tasks import send_checkin_reminder

STUCK_AFTER = dt.timedelta(minutes=30)


def _enqueue(delivery_id: int) -> None:
    transaction.on_commit(lambda: send_checkin_reminder.enqueue(delivery_id))


@periodic_job("tracking.reminders")
def enqueue_due_reminders() -> int:
    """Create today's reminder for everyone whose time has come and who has not checked in."""
    now = clock.now()
    due: list[tuple[int, dt.date]] = []
    for patient_id, tz, at in ReminderSettings.objects.filter(
        enabled=True, patient__is_active=True
    ).values_list("patient_id", "patient__time_zone", "time"):
        local = now.astimezone(zoneinfo.ZoneInfo(tz))
        if local.time() >= at:
            due.append((patient_id, local.date()))
    if not due:
        return 0
    # Two queries for everyone, not two per patient. (Not one OR per patient: SQLite refuses
    # expressions deeper than 1,000 terms.) There are at most a few distinct local dates at any
    # moment, so "these patients, these dates" is a small superset, filtered below.
    ids = {patient_id for patient_id, _date in due}
    dates = {date for _id, date in due}
    checked_in: set[tuple[int, dt.date]] = set()
    already: set[tuple[int, dt.date]] = set()
    for chunk in _chunks(sorted(ids), 500):
        checked_in |= set(
            CheckIn.objects.filter(patient_id__in=chunk, local_date__in=dates).values_list(
                "patient_id", "local_date"
            )
        )
        already |= set(
            ReminderDelivery.objects.filter(patient_id__in=chunk, local_date__in=dates).values_list(
                "patient_id", "local_date"
            )
        )
    created = 0
    for patient_id, date in due:
        if (patient_id, date) in checked_in or (patient_id, date) in already:
            continue
        try:
            with transaction.atomic():
                delivery = ReminderDelivery.objects.create(patient_id=patient_id, local_date=date)
                _enqueue(delivery.pk)
        except IntegrityError:
            continue  # another worker created it first
        created += 1
    return created


def _chunks(items: list[int], size: int) -> list[list[int]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


@periodic_job("tracking.reminder_retries")
def retry_reminders() -> int:
    """Re-queue failed deliveries whose retry time has come, and queued ones that got stuck
    (for example when a worker died mid-send)."""
    now = clock.now()
    retry = ReminderDelivery.objects.filter(
        Q(status=DeliveryStatus.FAILED, next_attempt_at__lte=now)
        | Q(status=DeliveryStatus.QUEUED, updated_at__lte=now - STUCK_AFTER)
    )
    count = 0
    for delivery_id in retry.values_list("pk", flat=True):
        with transaction.atomic():
            updated = ReminderDelivery.objects.filter(pk=delivery_id).update(
                status=DeliveryStatus.QUEUED, updated_at=now, next_attempt_at=None
            )
            if updated:
                _enqueue(delivery_id)
                count += 1
    return count


@periodic_job("tracking.missed_checkins")
def alert_missed_checkins() -> int:
    """Tell the care team when someone who used to check in has not for a week.

    Only patients with a care team (nobody else would see the alert), and one alert per gap:
    its source names the last check-in, so the same silence alerts once, and a new silence
    after the person came back alerts again. One query per round (an index seek per patient
    for the last check-in), whatever the length of anyone's history."""
    days = tracking_settings().missed_checkin_days
    cutoff = clock.now().date() - dt.timedelta(days=days)
    last = CheckIn.objects.filter(patient=OuterRef("pk")).order_by("-local_date")
    silent = (
        User.objects.filter(is_active=True, role=Role.PATIENT)
        .filter(
            Q(pk__in=CareLink.objects.values("patient"))
            | Q(pk__in=TeamShare.objects.values("patient"))
        )
        .annotate(last=Subquery(last.values("local_date")[:1]))
        .filter(last__lte=cutoff)
    )
    raised = 0
    for patient in silent:
        source = f"tracking.missed:{patient.last.isoformat()}"
        done = Alert.objects.filter(patient=patient, kind=AlertKind.MISSED_CHECKINS, source=source)
        if done.exists():
            continue
        raise_alert(
            patient,
            kind=AlertKind.MISSED_CHECKINS,
            source=source,
            rules=[MISSED_CHECKINS],
            reasons=[
                Reason(
                    MISSED_CHECKINS,
                    gettext_noop("No check-in for {days} days or more (the last was on {date})."),
                    {"days": days, "date": patient.last.isoformat()},
                )
            ],
        )
        raised += 1
    return raised
