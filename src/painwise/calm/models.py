"""The sleep diary and breathing practice."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from painwise.lib.models import DayRecord, PatientRecord, rating


class SleepEntry(PatientRecord):
    """One night, in the person's local clock times; the numbers come from the clinical core."""

    night_of = models.DateField()  # the evening the night began
    bed_time = models.TimeField()
    minutes_to_sleep = models.PositiveSmallIntegerField()
    wake_ups = models.PositiveSmallIntegerField()
    minutes_awake = models.PositiveSmallIntegerField()
    final_wake = models.TimeField()
    out_of_bed = models.TimeField()
    quality = rating()
    in_bed_minutes = models.PositiveSmallIntegerField()
    asleep_minutes = models.PositiveSmallIntegerField()
    efficiency = models.FloatField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["night_of"]
        constraints = [
            models.UniqueConstraint(fields=["patient", "night_of"], name="one_entry_per_night")
        ]

    def __str__(self) -> str:
        return f"night of {self.night_of} for {self.patient_id}"


class Pattern(models.TextChoices):
    SLOW = "slow", _("Slow and even (about 6 breaths a minute)")
    LONG_OUT = "long_out", _("A longer breath out")
    BOX = "box", _("Box breathing (in, hold, out, hold)")


class BreathingSession(DayRecord):
    pattern = models.CharField(max_length=10, choices=Pattern.choices)
    seconds = models.PositiveIntegerField()


class MindfulSession(DayRecord):
    """A guided mindfulness session: what was chosen, and how long was practised."""

    script = models.CharField(max_length=20)
    planned_minutes = models.PositiveSmallIntegerField()
    seconds = models.PositiveIntegerField()


class Trap(models.TextChoices):
    CATASTROPHIZING = "catastrophizing", _("Expecting the worst")
    ALL_OR_NOTHING = "all_or_nothing", _("All or nothing")
    FORTUNE_TELLING = "fortune_telling", _("Predicting the future")
    MIND_READING = "mind_reading", _("Mind reading")
    SHOULD = "should", _("Should and must")
    LABELLING = "labelling", _("Labelling")
    DISCOUNTING = "discounting", _("Discounting the good")
    EMOTIONAL_REASONING = "emotional_reasoning", _("Feelings as facts")
    OVERGENERALISING = "overgeneralising", _("Always and never")


class ThoughtRecord(DayRecord):
    """A thought record, filled in step by step; a draft until the last step is saved. Private
    to the patient unless shared."""

    situation = models.TextField(blank=True)
    thought = models.TextField(blank=True)
    emotion = models.CharField(max_length=80, blank=True)
    intensity_before = rating(100, null=True, blank=True)
    traps = models.JSONField(default=list, blank=True)
    evidence_for = models.TextField(blank=True)
    evidence_against = models.TextField(blank=True)
    balanced = models.TextField(blank=True)
    intensity_after = rating(100, null=True, blank=True)
    steps_done = models.PositiveSmallIntegerField(default=0)  # the draft goes on after this
    finished_at = models.DateTimeField(null=True, blank=True)
    shared = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["patient", "-created_at"])]


class Area(models.TextChoices):
    PEOPLE = "people", _("People I care about")
    HEALTH = "health", _("Health and body")
    HOME = "home", _("Home and work")
    FUN = "fun", _("Fun and rest")
    GROWTH = "growth", _("Learning and meaning")


class ValuedActivity(PatientRecord):
    area = models.CharField(max_length=10, choices=Area.choices)
    name = models.CharField(max_length=120)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["area", "name"]

    def __str__(self) -> str:
        return self.name


class PlannedActivity(models.Model):
    """A valued activity put on a day of the week; done or not, with mood before and after."""

    activity = models.ForeignKey(ValuedActivity, on_delete=models.CASCADE, related_name="plans")
    day = models.DateField()
    done = models.BooleanField(null=True, blank=True)  # None until the person says
    mood_before = rating(null=True, blank=True)
    mood_after = rating(null=True, blank=True)

    class Meta:
        ordering = ["day", "pk"]
        indexes = [models.Index(fields=["activity", "day"])]

    def __str__(self) -> str:
        return f"{self.activity} on {self.day}"


class ProblemSheet(DayRecord):
    """Problem solving: the problem, options weighed, one chosen, a first step, a review."""

    problem = models.TextField()
    options = models.JSONField(default=list)  # [{"text", "pros", "cons"}]
    chosen = models.PositiveSmallIntegerField()  # index into options
    first_step = models.TextField()
    review = models.TextField(blank=True)
    shared = models.BooleanField(default=False)

    class Meta(DayRecord.Meta):
        ordering = ["-created_at", "-pk"]
