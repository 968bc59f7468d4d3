"""Alerts for the care team. Raising one is idempotent per event (patient, kind, source)."""

import contextvars
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from painwise.accounts.models import User
from painwise.alerts.models import Alert
from painwise.alerts.tasks import NOTIFY_KINDS, notify_clinicians
from painwise.audit import services as audit
from painwise.clinical.common import Reason
from painwise.lib import clock
from painwise.lib.errors import DomainError
from painwise.lib.once import set_once

# Demo data raises real alerts, but nobody should be emailed about made-up people.
_emails_off: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "alert_emails_off", default=False
)


@contextmanager
def without_emails() -> Iterator[None]:
    """Raise alerts as usual, but email no one (used while loading demo data)."""
    token = _emails_off.set(True)
    try:
        yield
    finally:
        _emails_off.reset(token)


def raise_alert(
    patient: User,
    *,
    kind: str,
    source: str,
    reasons: Sequence[Reason] = (),
    message: str = "",
    rules: Iterable[str] = (),
) -> Alert:
    """Create the alert for this event, or return the one that already exists. What it says
    is its ``reasons`` (kept as templates and parameters, so that each clinician reads it in
    their own language), or a plain ``message``."""
    if bool(reasons) == bool(message):
        raise ValueError("an alert says its reasons or a message, one of the two")
    if reasons:
        message = " ".join(r.text for r in reasons)
    existing = Alert.objects.filter(patient=patient, kind=kind, source=source).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            alert = Alert.objects.create(
                patient=patient,
                kind=kind,
                message=message,
                reasons=[r.to_record() for r in reasons],
                source=source,
                rules=list(rules),
            )
            audit.record(
                "clinic.alert_raised",
                actor=None,
                patient=patient,
                obj=alert,
                data={"kind": kind, "rules": list(rules)},
            )
            if kind in NOTIFY_KINDS and not _emails_off.get():
                transaction.on_commit(lambda: notify_clinicians.enqueue(alert.pk))
            return alert
    except IntegrityError:
        # Two requests raised the same alert at once; the other one won.
        return Alert.objects.get(patient=patient, kind=kind, source=source)


@transaction.atomic
def resolve_alert(alert: Alert, *, by: User, note: str = "", clearance: bool = False) -> None:
    """Acknowledge an alert with a note on what was done. A red-flag alert is dealt with only by clearing the result
    that raised it (``clearance``), never by a click on the alert alone."""
    if alert.needs_clearance and not clearance:
        raise DomainError(_("This alert ends when a clinician clears the red-flag result."))
    if not note.strip():
        raise DomainError(_("Write a short note on what you did about this alert."), "note")
    if not set_once(alert, resolved_at=clock.now(), resolved_by=by, resolution_note=note):
        return  # already dealt with, perhaps by a colleague a moment ago
    audit.record("clinic.alert_resolved", actor=by, patient=alert.patient, obj=alert)


def open_alerts_for(patient: User) -> list[Alert]:
    alerts = list(Alert.objects.filter(patient=patient, resolved_at__isnull=True))
    return sorted(alerts, key=lambda a: (a.severity, -a.created_at.timestamp()))
