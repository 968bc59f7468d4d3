"""What a person does in the Learn and Practice areas. Journal entries and exposure notes are
private to the patient: a clinician sees an entry only when the patient shares it."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from painwise.lib.models import DayRecord, PatientRecord, PracticeSession, finished_has, rating


class LessonProgress(PatientRecord):
    """One person's progress through one lesson (lessons themselves are content files)."""

    lesson = models.CharField(max_length=80)
    opened_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    finished_on = models.DateField(null=True, blank=True)  # the patient's local date
    answers = models.JSONField(default=list, blank=True)  # one choice index per question
    correct = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["patient", "lesson"], name="one_progress_per_lesson")
        ]

    def __str__(self) -> str:
        return f"{self.lesson} for {self.patient_id}"


class SomaticSession(PracticeSession):
    """A somatic tracking session with pain and fear (0-10) before and after."""

    pain_before = rating()
    fear_before = rating()
    pain_after = rating(null=True, blank=True)
    fear_after = rating(null=True, blank=True)

    class Meta(PracticeSession.Meta):
        constraints = [
            finished_has("finished_session_has_after_ratings", "pain_after", "fear_after")
        ]


class EvidenceKind(models.TextChoices):
    STRESS = "stress", _("It changed with stress or feelings")
    ABSORBED = "absorbed", _("It eased while I was busy or absorbed")
    DELAYED = "delayed", _("It came later, not during the activity")
    MOVED = "moved", _("It moved, spread or switched sides")
    PATTERN = "pattern", _("A pattern in my check-ins")
    OTHER = "other", _("Something else")


class JournalEntry(DayRecord):
    """Evidence that the pain is changeable, in the person's words or from a shown pattern."""

    kind = models.CharField(max_length=20, choices=EvidenceKind.choices)
    text = models.TextField(blank=True)  # the person's words (hand-written entries)
    pattern = models.JSONField(null=True, blank=True)  # a stored reason (accepted patterns)
    pattern_key = models.CharField(max_length=40, blank=True)
    shared = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "pattern_key"],
                condition=~models.Q(pattern_key=""),
                name="one_entry_per_pattern",
            )
        ]


class ExposureStep(PatientRecord):
    """A rung of the fear ladder: an avoided movement or activity and how feared it is."""

    name = models.CharField(max_length=120)
    fear = rating(100)
    created_at = models.DateTimeField(default=timezone.now)
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["fear", "created_at", "pk"]

    def __str__(self) -> str:
        return self.name


class ExposureTrial(models.Model):
    """One experiment on a step: the prediction before, what happened after."""

    step = models.ForeignKey(ExposureStep, on_delete=models.CASCADE, related_name="trials")
    local_date = models.DateField()
    started_at = models.DateTimeField(default=timezone.now)
    predicted_pain = rating()
    predicted_harm = models.TextField()
    finished_at = models.DateTimeField(null=True, blank=True)
    actual_pain = rating(null=True, blank=True)
    what_happened = models.TextField(blank=True)
    fear_after = rating(100, null=True, blank=True)

    class Meta:
        ordering = ["started_at", "pk"]
        constraints = [finished_has("finished_trial_has_outcome", "actual_pain", "fear_after")]

    def __str__(self) -> str:
        return f"experiment on {self.step_id} ({self.local_date})"
