"""Alerts for the care team. Raising one is idempotent per event (patient, kind, source)."""

from collections.abc import Iterable

from django.db import IntegrityError, transaction

from painwise.accounts.models import User
from painwise.audit import services as audit
from painwise.clinic.models import Alert
from painwise.clinic.tasks import NOTIFY_KINDS, notify_clinicians
from painwise.web import clock


def raise_alert(
    patient: User, *, kind: str, message: str, source: str, rules: Iterable[str] = ()
) -> Alert:
    """Create the alert for this event, or return the one that already exists."""
    existing = Alert.objects.filter(patient=patient, kind=kind, source=source).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            alert = Alert.objects.create(
                patient=patient, kind=kind, message=message, source=source, rules=list(rules)
            )
            audit.record(
                "clinic.alert_raised",
                actor=None,
                patient=patient,
                obj=alert,
                data={"kind": kind, "rules": list(rules)},
            )
            if kind in NOTIFY_KINDS:
                transaction.on_commit(lambda: notify_clinicians.enqueue(alert.pk))
            return alert
    except IntegrityError:
        # Two requests raised the same alert at once; the other one won.
        return Alert.objects.get(patient=patient, kind=kind, source=source)


@transaction.atomic
def resolve_alert(alert: Alert, *, by: User, note: str = "") -> None:
    if alert.resolved_at is not None:
        return
    alert.resolved_at = clock.now()
    alert.resolved_by = by
    alert.resolution_note = note
    alert.save(update_fields=["resolved_at", "resolved_by", "resolution_note"])
    audit.record("clinic.alert_resolved", actor=by, patient=alert.patient, obj=alert)


def open_alerts_for(patient: User) -> list[Alert]:
    alerts = list(Alert.objects.filter(patient=patient, resolved_at__isnull=True))
    return sorted(alerts, key=lambda a: (a.severity, -a.created_at.timestamp()))
