"""Model pieces the apps share: a rating field and the rule that a finished row is complete."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


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
