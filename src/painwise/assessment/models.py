from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from painwise.clinical.assessment import Triage


class Source(models.TextChoices):
    INTAKE = "intake", _("Intake")
    REVIEW = "review", _("Review")
    API = "api", _("API")
    CHECKIN = "checkin", _("Check-in")
    SCREEN = "screen", _("Early red-flag screen")


class AssessmentRecord(models.Model):
    """One run of the assessment engine for a patient. Kept as history, never overwritten.

    ``complete`` is false for an early red-flag screen that stopped the intake at an emergency
    answer, and for a check-in that reported new red flags: the result then holds the flags
    and reasons, not every score.
    """

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessments"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    source = models.CharField(max_length=16, choices=Source.choices)
    complete = models.BooleanField(default=True)
    intake = models.JSONField()
    result = models.JSONField()
    triage = models.CharField(max_length=20, choices=[(t.value, t.value) for t in Triage])
    program_allowed = models.BooleanField()
    safety_alert = models.BooleanField(default=False)
    rule_versions = models.JSONField(default=dict)
    # An urgent (or, once treated, emergency) result pauses the program until a clinician
    # who has seen the patient clears it. The patient can never clear it themselves.
    cleared_at = models.DateTimeField(null=True, blank=True)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    clearance_note = models.TextField(blank=True)
    crisis_acknowledged_at = models.DateTimeField(null=True, blank=True)
    # Someone with no linked clinician can reopen their program by confirming that a doctor
    # checked these warning signs: who and when, as they told us. The red flag stays on the
    # record; a clinician linked later sees both.
    seen_on = models.DateField(null=True, blank=True)
    seen_by = models.CharField(max_length=200, blank=True)
    seen_confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["patient", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.created_at:%Y-%m-%d}: {self.triage}"

    @property
    def level(self) -> Triage:
        return Triage(self.triage)

    @property
    def reopened(self) -> bool:
        """A red-flag result that no longer pauses the program (a clinician cleared it, or
        the patient confirmed a doctor's visit)."""
        return self.cleared_at is not None or self.seen_confirmed_at is not None

    @property
    def red_flags(self) -> list[str]:
        return list(self.result.get("red_flags", []))

    @property
    def reasons(self) -> list[dict[str, Any]]:
        return list(self.result.get("reasons", []))


class IntakeDraft(models.Model):
    """The answers so far, so a person who leaves in the middle can pick up where they were."""

    patient = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="intake_draft"
    )
    answers = models.JSONField(default=dict)
    completed_steps = models.JSONField(default=list)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"intake draft of {self.patient_id}"
