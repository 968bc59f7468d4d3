"""Model pieces the apps share: the abstract rows of a patient's records, a rating field and the
rule that a finished row is complete."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone


def rating(maximum: int = 10, **extra: object) -> models.PositiveSmallIntegerField:
    """A whole-number rating from 0 to ``maximum`` (0-10 unless said otherwise)."""
    return models.PositiveSmallIntegerField(
        validators=[MinValueValidator(0), MaxValueValidator(maximum)], **extra
    )


def finished_has(name: str, *fields: str) -> models.CheckConstraint:
    """A finished row (``finished_at`` set) has every one of ``fields``."""
    filled = {f"{field}__isnull": False for field in fields}
    return models.CheckConstraint(
        condition=models.Q(finished_at__isnull=True) | models.Q(**filled), name=name
    )


class PatientRecord(models.Model):
    """A row of one patient's, gone with their account (the audit trail keeps only ids)."""

    patient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.pk} of {self.patient_id}"


class DayRecord(PatientRecord):
    """Something a patient did or noted, counted on ``local_date`` (their own calendar, in their
    time zone at the time) and saved at the UTC instant ``created_at``."""

    local_date = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        indexes = [models.Index(fields=["patient", "local_date"])]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.local_date} of {self.patient_id}"


class PracticeSession(PatientRecord):
    """A practice session on the patient's ``local_date``: started, and finished when
    ``finished_at`` is set (an unfinished one is a session left open)."""

    local_date = models.DateField()
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        indexes = [models.Index(fields=["patient", "local_date"])]
