"""The check-in's fields and their ranges, in one place for the web form, the API and the core."""

import datetime as dt
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from painwise.clinical.common import json_integer

SCALES = (
    "pain_now",
    "pain_average",
    "stiffness",
    "sleep_quality",
    "stress",
    "mood",
    "confidence",
    "fear",
)
REQUIRED = ("pain_now", "pain_average")
MAX_SLEEP_HOURS = 24
MAX_MINUTES = 24 * 60
# Red-flag symptoms a check-in can report as new (keys of the assessment's red flags, plus leg
# numbness or tingling, which the emergency rules also use).
NEW_SYMPTOMS = (
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
)

Scale = Annotated[int, Field(ge=0, le=10), BeforeValidator(json_integer)]
Minutes = Annotated[int, Field(ge=0, le=MAX_MINUTES), BeforeValidator(json_integer)]
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
assert get_args(NewSymptom) == NEW_SYMPTOMS


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
    note: str = ""
    new_symptoms: list[NewSymptom] = Field(default_factory=list)

    @field_validator("note")
    @classmethod
    def _no_nul(cls, note: str) -> str:
        # PostgreSQL text cannot hold NUL; refuse it clearly instead of failing with a 500.
        if "\x00" in note:
            raise ValueError("must not contain NUL characters")
        return note
