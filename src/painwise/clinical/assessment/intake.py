"""The intake: what a person (and, optionally, their clinician) tells Painwise at assessment.

Validation is strict, because a silently coerced answer could change a triage result:
unknown keys are errors, booleans must be JSON booleans (not 0/1 or "yes"), integers must be
JSON integers, and every number has its range. Every boolean defaults to false. The objects
of booleans may be left out entirely (all false). PHQ-9, GAD-7 and the clinical examination
are optional.
"""

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)

from painwise.clinical.assessment.regions import Region
from painwise.clinical.common import json_integer

MIN_AGE = 18
MAX_AGE = 120

# Field before BeforeValidator, so the OpenAPI schema keeps minimum/maximum.
Score10 = Annotated[int, Field(ge=0, le=10), BeforeValidator(json_integer)]
Item03 = Annotated[int, Field(ge=0, le=3), BeforeValidator(json_integer)]
Distribution = Literal["discrete", "regional", "multifocal", "widespread"]
DurationUnit = Literal["weeks", "months", "years"]
WEEKS_PER_UNIT = {"weeks": 1.0, "months": 4.348, "years": 52.18}


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class RedFlags(_Strict):
    saddle_numbness: bool = False
    new_bladder_dysfunction: bool = False
    bowel_incontinence_or_rectal_numbness: bool = False
    new_sexual_dysfunction: bool = False
    sciatica_both_legs: bool = False
    progressive_leg_weakness: bool = False
    gait_disturbance: bool = False
    fever_or_chills: bool = False
    iv_drug_use: bool = False
    immunosuppression: bool = False
    recent_infection_or_spinal_procedure: bool = False
    history_of_cancer: bool = False
    unexplained_weight_loss: bool = False
    constant_night_pain: bool = False
    significant_trauma: bool = False
    osteoporosis_or_long_term_steroids: bool = False


class Inflammatory(_Strict):
    back_pain_onset_age: (
        Annotated[int, Field(ge=0, le=MAX_AGE), BeforeValidator(json_integer)] | None
    ) = None
    onset_before_35: bool = False
    wakes_second_half_of_night: bool = False
    buttock_pain: bool = False
    better_with_movement: bool = False
    better_within_48h_of_nsaids: bool = False
    relative_with_spondyloarthritis: bool = False
    arthritis: bool = False
    enthesitis: bool = False
    psoriasis: bool = False


class StartBack(_Strict):
    """The nine Keele STarT Back items, in the order of the Keele form."""

    leg_pain: bool = False
    shoulder_or_neck_pain: bool = False
    walked_only_short_distances: bool = False
    dressed_more_slowly: bool = False
    unsafe_to_be_active: bool = False
    worrying_thoughts: bool = False
    feels_terrible_never_better: bool = False
    not_enjoyed_things: bool = False
    bothersomeness: Annotated[int, Field(ge=0, le=4), BeforeValidator(json_integer)] = Field(
        default=0, description="0 not at all, 1 slightly, 2 moderately, 3 very much, 4 extremely"
    )


class Sensitivity(_Strict):
    # In the painful region:
    touch: bool = False
    pressure: bool = False
    movement: bool = False
    heat_or_cold: bool = False
    # In general:
    sound: bool = False
    light: bool = False
    smell: bool = False
    sleep_disturbance: bool = False
    fatigue: bool = False
    cognitive_problems: bool = False


class NeuroplasticSigns(_Strict):
    began_during_stress: bool = False
    began_without_injury: bool = False
    symptoms_inconsistent: bool = False
    pain_moves_or_spreads: bool = False
    symmetrical_pain: bool = False
    delayed_pain_after_activity: bool = False
    many_other_symptoms: bool = False
    non_physical_triggers: bool = False
    worse_with_stress: bool = False
    eases_when_absorbed: bool = False


class ClinicalExam(_Strict):
    """Filled in by a clinician after examining the person."""

    hypersensitivity_signs: bool = False
    nociceptive_or_neuropathic_fully_explains: bool = False


class Intake(_Strict):
    age: Annotated[int, BeforeValidator(json_integer)] = Field(
        description=f"years, {MIN_AGE} to {MAX_AGE}",
        json_schema_extra={"minimum": MIN_AGE, "maximum": MAX_AGE},
    )
    pain_duration_weeks: float = Field(ge=0, allow_inf_nan=False)
    pain_duration_unit: DurationUnit | None = Field(
        default=None,
        description="the unit the person gave the duration in; sentences repeat it in that unit",
    )
    first_episode: bool = False
    pain_regions: list[Region] = Field(default_factory=list)
    pain_distribution: Distribution
    pain_now: Score10
    pain_average_week: Score10
    pain_worst_week: Score10
    leg_pain_below_knee: bool = False
    leg_numbness_or_tingling: bool = False
    red_flags: RedFlags = Field(default_factory=RedFlags)
    inflammatory: Inflammatory = Field(default_factory=Inflammatory)
    startback: StartBack = Field(default_factory=StartBack)
    sensitivity: Sensitivity = Field(default_factory=Sensitivity)
    neuroplastic_signs: NeuroplasticSigns = Field(default_factory=NeuroplasticSigns)
    phq9: Annotated[list[Item03], Field(min_length=9, max_length=9)] | None = None
    gad7: Annotated[list[Item03], Field(min_length=7, max_length=7)] | None = None
    clinical_exam: ClinicalExam | None = None

    @field_validator("age")
    @classmethod
    def _adult(cls, age: int) -> int:
        if age < MIN_AGE:
            raise ValueError("Painwise is for adults (age must be 18 or over)")
        if age > MAX_AGE:
            raise ValueError(f"age must be {MAX_AGE} or less")
        return age


# --- errors ----------------------------------------------------------------------------------


class FieldProblem(BaseModel):
    field: str
    message: str


class IntakeError(ValueError):
    """The intake is not valid. ``problems`` names each bad field by its JSON path."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))


_FRIENDLY = {
    "missing": "is required",
    "extra_forbidden": "is not a known field",
    "bool_type": "must be true or false",
    "int_type": "must be a whole number",
    "float_type": "must be a number",
    "list_type": "must be a list",
    "model_type": "must be an object",
    "dict_type": "must be an object",
}


def field_path(loc: tuple[Any, ...] | list[Any], prefix: str = "") -> str:
    path = prefix
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def friendly_message(err: Any) -> str:
    """A plain message for one pydantic error (used by the API too, for one voice)."""
    kind, ctx = err["type"], err.get("ctx") or {}
    if kind in _FRIENDLY and _FRIENDLY[kind]:
        return str(_FRIENDLY[kind])
    if kind == "less_than_equal":
        return f"must be {ctx['le']} or less"
    if kind == "greater_than_equal":
        return f"must be {ctx['ge']} or more"
    if kind == "literal_error":
        return f"must be one of {ctx['expected']}"
    if kind == "too_short":
        return f"has too few answers (needs {ctx.get('min_length')})"
    if kind == "too_long":
        return f"has too many answers (needs {ctx.get('max_length')})"
    if kind == "finite_number":
        return "must be a finite number"
    return str(err["msg"]).removeprefix("Value error, ")


def problems_from(error: ValidationError, prefix: str = "") -> list[FieldProblem]:
    problems = []
    for err in error.errors(include_url=False):
        message = friendly_message(err)
        if err["type"] == "model_type" and err["loc"] == ():
            message = "the intake must be a JSON object"
        field = field_path(err["loc"], prefix) or "(intake)"
        problems.append(FieldProblem(field=field, message=message))
    return problems


def parse_intake(data: object) -> Intake:
    """Validate plain data (as from json.loads) into an Intake, or raise IntakeError."""
    try:
        return Intake.model_validate(data)
    except ValidationError as exc:
        raise IntakeError(problems_from(exc)) from None
