"""Left/right judgement sessions and their answers, and explicit motor imagery sessions.

A session stores its seed, level and parts, so every picture it showed can be drawn again
(the pictures themselves are never stored). A trial is one answered picture."""

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from painwise.clinical.gmi.generate import Picture
from painwise.lib.models import PracticeSession, finished_has, rating


class Feedback(models.TextChoices):
    EACH = "each", _("After each picture")
    END = "end", _("Only at the end")


class GmiSession(PracticeSession):
    level = models.PositiveSmallIntegerField()
    parts = models.JSONField()  # body parts, for example ["trunk", "neck"]
    size = models.PositiveSmallIntegerField()
    seed = models.BigIntegerField()
    feedback = models.CharField(max_length=8, choices=Feedback.choices, default=Feedback.EACH)

    class Meta:
        indexes = [models.Index(fields=["patient", "-started_at"])]


class GmiTrial(models.Model):
    session = models.ForeignKey(GmiSession, on_delete=models.CASCADE, related_name="trials")
    index = models.PositiveSmallIntegerField()
    part = models.CharField(max_length=8)
    movement = models.CharField(max_length=16)
    side = models.CharField(max_length=5)  # the right answer, in the pictured person's terms
    amount = models.FloatField()
    view = models.CharField(max_length=16)
    answer = models.CharField(max_length=5)
    correct = models.BooleanField()
    response_ms = models.PositiveIntegerField()
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["index"]
        constraints = [
            models.UniqueConstraint(fields=["session", "index"], name="one_answer_per_picture")
        ]

    def __str__(self) -> str:
        return f"picture {self.index} of session {self.session_id}"

    @classmethod
    def answered(
        cls,
        session: GmiSession,
        index: int,
        pic: Picture,
        answer: str,
        response_ms: int,
        **more: Any,
    ) -> "GmiTrial":
        """The (unsaved) answer ``answer`` to picture ``pic``, the ``index``-th of ``session``:
        the picture's own fields are copied, so the trial can be read without drawing it again."""
        return cls(
            session=session,
            index=index,
            part=pic.part,
            movement=pic.movement,
            side=pic.side,
            amount=pic.amount,
            view=pic.view,
            answer=answer,
            correct=answer == pic.side,
            response_ms=response_ms,
            **more,
        )


class ImagerySession(PracticeSession):
    """Explicit motor imagery: imagining a movement slowly, with ratings before and after."""

    movement = models.CharField(max_length=32)
    pain_before = rating()
    pain_after = rating(null=True, blank=True)
    vividness = rating(null=True, blank=True)
    threat = rating(null=True, blank=True)

    class Meta(PracticeSession.Meta):
        constraints = [
            finished_has("finished_imagery_has_ratings", "pain_after", "vividness", "threat")
        ]
