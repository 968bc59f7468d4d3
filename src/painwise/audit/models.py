from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditError(Exception):
    """An attempt to change or remove the audit trail."""


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise AuditError("audit entries are never changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditError("audit entries are never deleted")


class AuditEntry(models.Model):
    """One recorded action: who did what, to whose data, when. Never edited, never deleted.

    The actor and the patient are kept twice: as links (for reading while the accounts exist)
    and as plain ids and the actor's role, which stay when an account is deleted, so the trail
    still says who did what (a user id, not their name or email, which deletion must remove)."""

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=64)
    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    actor_ref = models.PositiveBigIntegerField(null=True, blank=True)
    actor_role = models.CharField(max_length=16, blank=True)
    patient_ref = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    data = models.JSONField(default=dict, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["patient", "-created_at"])]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AuditError("audit entries are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditError("audit entries are never deleted")
