from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from painwise.clinical.tracking.checkin import MAX_MINUTES, MAX_SLEEP_HOURS
from painwise.lib.models import DayRecord, PatientRecord, rating

PATIENT = settings.AUTH_USER_MODEL


def optional_scale() -> models.PositiveSmallIntegerField:
    return rating(null=True, blank=True)


class CheckIn(models.Model):
    """One daily check-in. A day may have several; daily figures use the day's mean.

    ``local_date`` is the patient's own calendar date the entry counts for (their time zone,
    at the time of entry); ``created_at`` is the UTC instant it was saved.
    """

    patient = models.ForeignKey(PATIENT, on_delete=models.CASCADE, related_name="checkins")
    local_date = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    pain_now = rating()
    pain_average = rating()
    stiffness = optional_scale()
    sleep_quality = optional_scale()
    sleep_hours = models.DecimalField(
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_SLEEP_HOURS)],
    )
    stress = optional_scale()
    mood = optional_scale()
    confidence = optional_scale()
    fear = optional_scale()
    activity_minutes = models.PositiveIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(MAX_MINUTES)]
    )
    practice_minutes = models.PositiveIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(MAX_MINUTES)]
    )
    flare = models.BooleanField(default=False)
    note = models.TextField(blank=True)
    new_symptoms = models.JSONField(default=list, blank=True)
    # Brought in from a diary kept elsewhere (not typed in here; the 30-day limit on typed-in
    # check-ins does not apply to them).
    imported = models.BooleanField(default=False, db_default=False)

    class Meta:
        indexes = [models.Index(fields=["patient", "local_date"])]
        ordering = ["-local_date", "-created_at"]

    def __str__(self) -> str:
        return f"check-in {self.local_date} of {self.patient_id}"

    VALUE_FIELDS = (
        "pain_now",
        "pain_average",
        "stiffness",
        "sleep_quality",
        "sleep_hours",
        "stress",
        "mood",
        "confidence",
        "fear",
        "activity_minutes",
        "practice_minutes",
        "flare",
        "note",
    )

    def snapshot(self) -> dict[str, Any]:
        return {
            name: (float(v) if name == "sleep_hours" and v is not None else v)
            for name in self.VALUE_FIELDS
            for v in [getattr(self, name)]
        }


class CheckInEdit(models.Model):
    """Every edit of a check-in, with the values before and after. Nothing is overwritten
    without a trace."""

    checkin = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="edits")
    edited_at = models.DateTimeField(default=timezone.now)
    editor = models.ForeignKey(PATIENT, null=True, on_delete=models.SET_NULL, related_name="+")
    before = models.JSONField()
    after = models.JSONField()

    class Meta:
        ordering = ["edited_at", "pk"]

    def __str__(self) -> str:
        return f"edit of {self.checkin_id} at {self.edited_at:%Y-%m-%d %H:%M}"


class ActivityGoal(PatientRecord):
    """An activity the patient wants back (Patient-Specific Functional Scale)."""

    MAX_ACTIVE = 5

    name = models.CharField(_("activity"), max_length=120)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name


class WeeklyCheck(DayRecord):
    """The weekly form: PEG (pain, enjoyment, general activity) and PSFS ratings."""

    peg_pain = optional_scale()
    peg_enjoyment = optional_scale()
    peg_activity = optional_scale()

    class Meta(DayRecord.Meta):
        ordering = ["local_date", "created_at"]


class GoalRating(models.Model):
    weekly = models.ForeignKey(WeeklyCheck, on_delete=models.CASCADE, related_name="ratings")
    goal = models.ForeignKey(ActivityGoal, on_delete=models.CASCADE, related_name="ratings")
    score = rating()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["weekly", "goal"], name="one_rating_per_goal")
        ]

    def __str__(self) -> str:
        return f"{self.goal_id}: {self.score}"


class BeliefsCheck(DayRecord):
    """Monthly: where the person thinks the pain comes from, and own-worded fear and
    catastrophizing items (0-10)."""

    # In the person's own words: what they think causes their pain (Ashar 2023 attribution).
    attribution_causes = models.TextField(blank=True)
    # 0 = all from damage in the body, 100 = all from the brain and nervous system.
    attribution_brain = rating(100)
    fear_damage = rating()
    fear_avoid = rating()
    catastrophizing_cant_stop = rating()
    catastrophizing_awful = rating()

    class Meta(DayRecord.Meta):
        ordering = ["local_date", "created_at"]

    @property
    def fear_score(self) -> float:
        return (self.fear_damage + self.fear_avoid) / 2

    @property
    def catastrophizing_score(self) -> float:
        return (self.catastrophizing_cant_stop + self.catastrophizing_awful) / 2


class ReminderSettings(models.Model):
    patient = models.OneToOneField(
        PATIENT, on_delete=models.CASCADE, related_name="reminder_settings"
    )
    enabled = models.BooleanField(default=False)
    time = models.TimeField(default="19:00", help_text=_("in the patient's own time zone"))

    def __str__(self) -> str:
        return f"reminders of {self.patient_id}: {self.enabled} at {self.time}"


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to be sent")
    SENT = "sent", _("Sent (accepted by the mail server)")
    FAILED = "failed", _("Failed, will retry")
    GAVE_UP = "gave_up", _("Failed repeatedly; not tried again")


class ReminderDelivery(models.Model):
    """One day's reminder for one patient. A failed send is kept and retried, never dropped."""

    patient = models.ForeignKey(PATIENT, on_delete=models.CASCADE, related_name="reminders")
    local_date = models.DateField()
    status = models.CharField(
        max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["patient", "local_date"], name="one_reminder_per_day")
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"reminder {self.local_date} for {self.patient_id}: {self.status}"


class InsightSnapshot(models.Model):
    """The latest personal patterns for a patient (recomputed by `painwise insights`)."""

    patient = models.OneToOneField(
        PATIENT, on_delete=models.CASCADE, related_name="insight_snapshot"
    )
    computed_at = models.DateTimeField(default=timezone.now)
    days = models.PositiveIntegerField(default=0)
    data = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"insights of {self.patient_id} ({self.computed_at:%Y-%m-%d})"


class DiaryUpload(PatientRecord):
    """A diary file between its preview and the person's confirmation (deleted on import, and
    by the worker after a day)."""

    uploaded_by = models.ForeignKey(PATIENT, null=True, on_delete=models.SET_NULL, related_name="+")
    name = models.CharField(max_length=200)
    content = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
