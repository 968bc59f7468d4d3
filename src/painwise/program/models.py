from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from painwise.lib.models import DayRecord

PATIENT = settings.AUTH_USER_MODEL


class PlanSource(models.TextChoices):
    ASSESSMENT = "assessment", _("Built from an assessment")
    PATIENT = "patient", _("Changed by the patient")
    CLINICIAN = "clinician", _("Adjusted by a clinician")


class Plan(models.Model):
    """A version of a patient's plan. A new version replaces the old one, which is kept."""

    patient = models.ForeignKey(PATIENT, on_delete=models.CASCADE, related_name="plans")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(PATIENT, null=True, on_delete=models.SET_NULL, related_name="+")
    source = models.CharField(max_length=16, choices=PlanSource.choices)
    assessment = models.ForeignKey(
        "assessment.AssessmentRecord", null=True, on_delete=models.SET_NULL, related_name="plans"
    )
    data = models.JSONField()  # the core Plan as JSON: modules, minutes, activities, reasons
    preferences = models.JSONField(default=dict)
    review_date = models.DateField()
    reason = models.TextField(blank=True)  # a clinician's version says why it was made
    superseded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["patient", "superseded_at"])]
        constraints = [
            # One current version per person, whatever the concurrency.
            models.UniqueConstraint(
                fields=["patient"],
                condition=models.Q(superseded_at__isnull=True),
                name="one_current_plan",
            )
        ]

    def __str__(self) -> str:
        return f"plan {self.pk} of {self.patient_id} ({self.source})"


class ActivityTrack(models.Model):
    """One graded activity for one patient (walking minutes, sitting minutes, ...). It outlives
    plan versions, so baselines and quotas carry on when a plan is rebuilt."""

    patient = models.ForeignKey(PATIENT, on_delete=models.CASCADE, related_name="activity_tracks")
    key = models.CharField(max_length=32)
    unit = models.CharField(max_length=16)
    goal = models.FloatField()
    started_on = models.DateField()  # the first day of the baseline week (local date)
    baseline = models.FloatField(null=True, blank=True)  # set by a clinician; else from tests
    baseline_set_by = models.ForeignKey(
        PATIENT, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    quota_start = models.DateField(null=True, blank=True)
    weekly_increment = models.FloatField(default=0.10)
    active = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["patient", "key"], name="one_track_per_activity")
        ]

    def __str__(self) -> str:
        return f"{self.key} for {self.patient_id}"


class TrackEntry(models.Model):
    """An amount of one activity on one of the patient's local days."""

    track = models.ForeignKey(ActivityTrack, on_delete=models.CASCADE, related_name="+")
    local_date = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True


class ToleranceTest(TrackEntry):
    """How much the patient could do before pain or tiredness said stop (baseline week)."""

    value = models.FloatField()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.value} on {self.local_date}"


class ActivityLog(TrackEntry):
    """How much of the activity the patient did."""

    amount = models.FloatField()

    class Meta:
        indexes = [models.Index(fields=["track", "local_date"])]

    def __str__(self) -> str:
        return f"{self.amount} on {self.local_date}"


class FlarePlan(models.Model):
    """The patient's own flare-up plan, written in calm times."""

    patient = models.OneToOneField(PATIENT, on_delete=models.CASCADE, related_name="flare_plan")
    what_helps = models.TextField(blank=True)
    what_to_reduce = models.TextField(blank=True)
    who_to_call = models.TextField(blank=True)
    staple_exercises = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"flare plan of {self.patient_id}"


class FlareDeclaration(DayRecord):
    """The patient said a flare-up began on ``local_date``."""


class PacingCheckpoint(models.Model):
    """Where the pacing replay of one activity stood at the end of ``as_of`` (the core's
    ``pacing.Checkpoint`` as JSON; empty while no quota ran by then), so that Today replays only
    the days since. Written by the worker, never by a page read; kept further back than any
    typed-in entry can be dated; dropped when a diary import brings in days on or before it;
    ignored when the activity's baseline, goal, start or settings are no longer its own."""

    track = models.OneToOneField(
        ActivityTrack, on_delete=models.CASCADE, primary_key=True, related_name="checkpoint"
    )
    as_of = models.DateField(db_index=True)
    data = models.JSONField(null=True, blank=True)
    saved_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"pacing checkpoint of track {self.track_id} on {self.as_of}"
