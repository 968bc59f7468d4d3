"""Neurofeedback: a person's choice to take part (and with which headset and protocol), their
sessions, and each session's record in chunks (band powers, scores and artifacts per window).

A session's record arrives while it runs, a chunk every few seconds, from the acquisition
process on the person's computer (directly when Painwise runs there, or through the API), so
a save that was acknowledged is never lost when the headset or the connection drops later."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from painwise.lib.models import PracticeSession

PATIENT = settings.AUTH_USER_MODEL


class Profile(models.Model):
    patient = models.OneToOneField(PATIENT, on_delete=models.CASCADE, related_name="nf_profile")
    opted_in = models.BooleanField(default=False)
    board = models.CharField(max_length=32, default="synthetic")
    protocol = models.CharField(max_length=32, default="alpha_up")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"neurofeedback choices of {self.patient_id}"


class Status(models.TextChoices):
    STARTING = "starting", _("Starting")
    CHECKING = "checking", _("Checking the signal")
    CALIBRATING = "calibrating", _("Calibrating")
    TRAINING = "training", _("Training")
    FINISHED = "finished", _("Finished")
    FAILED = "failed", _("Could not run")


class NfSession(PracticeSession):
    board = models.CharField(max_length=32)
    protocol = models.CharField(max_length=32)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.STARTING)
    message = models.CharField(max_length=300, blank=True)  # why it could not run, plainly
    # Where the acquisition serves the live stream (on the person's own computer) and the key
    # that page must present; cleared when the session ends.
    stream_url = models.CharField(max_length=200, blank=True)
    stream_key = models.CharField(max_length=64, blank=True)
    settings = models.JSONField(default=dict)  # the engine's settings, channels, sampling rate
    baseline = models.JSONField(null=True, blank=True)
    summary = models.JSONField(null=True, blank=True)  # time in reward, artifacts, latency...
    events = models.JSONField(default=list)  # disconnects, lost samples, reconnects

    class Meta:
        indexes = [models.Index(fields=["patient", "-started_at"])]

    @property
    def live(self) -> bool:
        return self.status not in (Status.FINISHED, Status.FAILED)


class Chunk(models.Model):
    """A few seconds of a session's record, column by column: ``t`` (seconds of signal),
    ``score``, ``reward``, ``threshold``, ``artifact``, ``rel`` and ``abs`` (band -> list)."""

    session = models.ForeignKey(NfSession, on_delete=models.CASCADE, related_name="chunks")
    seq = models.PositiveIntegerField()
    block = models.PositiveSmallIntegerField(default=1)
    data = models.JSONField()

    class Meta:
        ordering = ["seq"]
        constraints = [models.UniqueConstraint(fields=["session", "seq"], name="one_chunk_per_seq")]

    def __str__(self) -> str:
        return f"chunk {self.seq} of session {self.session_id}"
