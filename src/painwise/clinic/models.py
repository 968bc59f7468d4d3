from django.conf import settings
from django.db import models
from django.utils import timezone


class ClinicalNote(models.Model):
    """A clinician's private note about a patient. The patient does not see it; every clinician
    on the patient's care team does. Notes are added, never edited."""

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clinical_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["patient", "-created_at"])]

    def __str__(self) -> str:
        return f"note {self.pk} on {self.patient_id}"
