from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from painwise.lib.reasons import reason_text


class AlertKind(models.TextChoices):
    EMERGENCY = "emergency", _("Emergency red flag")
    URGENT = "urgent", _("Urgent red flag")
    SAFETY = "safety", _("Mood safety answer")
    DETERIORATION = "deterioration", _("Getting worse")
    PLATEAU = "plateau", _("No progress despite steady work")
    REMINDER_FAILED = "reminder_failed", _("Reminders failing")
    MISSED_CHECKINS = "missed_checkins", _("No check-in for a week")


SEVERITY = {
    AlertKind.EMERGENCY: 0,
    AlertKind.SAFETY: 0,
    AlertKind.URGENT: 1,
    AlertKind.DETERIORATION: 2,
    AlertKind.PLATEAU: 3,
    AlertKind.MISSED_CHECKINS: 4,
    AlertKind.REMINDER_FAILED: 4,
}


CLEARED_BY_CLINICIAN = (AlertKind.EMERGENCY, AlertKind.URGENT)


class Alert(models.Model):
    """Something the care team must see. Alerts are resolved, never deleted."""

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alerts"
    )
    kind = models.CharField(max_length=32, choices=AlertKind.choices)
    rules = models.JSONField(default=list, blank=True)
    message = models.TextField()  # as raised, in the source language (the record's text)
    # The same message as sentence templates and parameters, shown in the reader's language.
    reasons = models.JSONField(default=list, blank=True)
    # What raised it, e.g. "assessment.assessmentrecord:12", so the same event alerts once.
    source = models.CharField(max_length=100)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolution_note = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "kind", "source"], name="one_alert_per_event"
            )
        ]
        indexes = [models.Index(fields=["patient", "resolved_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.patient_id}"

    @property
    def text(self) -> str:
        """The message in the reader's language (an alert raised before its reasons were kept:
        the message as stored)."""
        if self.reasons:
            return " ".join(reason_text(r) for r in self.reasons)
        return self.message

    @property
    def severity(self) -> int:
        return SEVERITY.get(self.kind, 9)

    @property
    def needs_clearance(self) -> bool:
        """A red-flag alert ends only when a clinician clears the result that raised it."""
        return self.kind in CLEARED_BY_CLINICIAN
