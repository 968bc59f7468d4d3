"""The check-in's fields and their ranges, in one place for the web form, the API and the core."""

import datetime as dt
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from painwise.clinical.common import json_integer

SCALE, HOURS, MINUTES = "scale", "hours", "minutes"
MAX_SLEEP_HOURS = 24
MAX_MINUTES = 24 * 60
NOTE_MAX = 2000  # characters: a few paragraphs

# The check-in's daily values, declared once, in the order forms and tables show them. The
# model, the web form, the API's output and the review's daily means are derived from this.
VALUES: dict[str, str] = {
    "pain_now": SCALE,
    "pain_average": SCALE,
    "stiffness": SCALE,
    "sleep_quality": SCALE,
    "sleep_hours": HOURS,
    "stress": SCALE,
    "mood": SCALE,
    "confidence": SCALE,
    "fear": SCALE,
    "activity_minutes": MINUTES,
    "practice_minutes": MINUTES,
}
FIELDS = tuple(VALUES)
SCALES = tuple(name for name, kind in VALUES.items() if kind == SCALE)
REQUIRED = ("pain_now", "pain_average")

Scale = Annotated[int, Field(ge=0, le=10), BeforeValidator(json_integer)]
Minutes = Annotated[int, Field(ge=0, le=MAX_MINUTES), BeforeValidator(json_integer)]
# Red-flag symptoms a check-in can report as new (keys of the assessment's red flags, plus leg
# numbness or tingling, which the emergency rules also use). Declared once, here.
NewSymptom = Literal[
    "saddle_numbness",
    "new_bladder_dysfunction",
    "bowel_incontinence_or_rectal_numbness",
    "new_sexual_dysfunction",
    "sciatica_both_legs",
    "progressive_leg_weakness",
    "gait_disturbance",
    "leg_numbness_or_tingling",
    "fever_or_chills",
    "unexplained_weight_loss",
    "constant_night_pain",
    "significant_trauma",
]
NEW_SYMPTOMS: tuple[str, ...] = get_args(NewSymptom)


class CheckInData(BaseModel):
    """A check-in as the API receives it. Strict: unknown keys and wrong types are errors."""

    model_config = ConfigDict(strict=True, extra="forbid")

    # Dates arrive as ISO strings in JSON, so this one field is parsed leniently.
    date: Annotated[dt.date, Field(strict=False)] | None = Field(
        default=None, description="the local date it counts for; default today; never in the future"
    )
    pain_now: Scale
    pain_average: Scale
    stiffness: Scale | None = None
    sleep_quality: Scale | None = Field(default=None, description="last night, 10 = best")
    sleep_hours: Annotated[float, Field(ge=0, le=MAX_SLEEP_HOURS, allow_inf_nan=False)] | None = (
        None
    )
    stress: Scale | None = None
    mood: Scale | None = Field(default=None, description="10 = best")
    confidence: Scale | None = Field(default=None, description="confidence to be active, 10 = most")
    fear: Scale | None = Field(default=None, description="fear of movement, 10 = most")
    activity_minutes: Minutes | None = None
    practice_minutes: Minutes | None = None
    flare: bool = False
    note: str = Field(default="", max_length=NOTE_MAX)
    new_symptoms: list[NewSymptom] = Field(default_factory=list)

    @field_validator("note")
    @classmethod
    def _no_nul(cls, note: str) -> str:
        # PostgreSQL text cannot hold NUL; refuse it clearly instead of failing with a 500.
        if "\x00" in note:
            raise ValueError("must not contain NUL characters")
        return note


assert set(VALUES) <= set(CheckInData.model_fields), "every daily value is in the schema"
