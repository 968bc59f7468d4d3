"""Assessment endpoints: store for the signed-in patient, or evaluate without storing."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from painwise.accounts import access
from painwise.api.errors import ErrorOut
from painwise.assessment import services
from painwise.assessment.models import AssessmentRecord, Source
from painwise.clinical.assessment import Intake, assess

router = Router(tags=["assessments"])


class StartBackOut(Schema):
    total: int
    psychosocial: int
    risk: str


class InflammatoryOut(Schema):
    count: int
    recommendation: str


class NociplasticOut(Schema):
    grade: str
    criteria_met: list[str]


class NeuroplasticOut(Schema):
    count: int
    present: list[str]


class MoodOut(Schema):
    phq9_total: int | None
    phq9_band: str | None
    gad7_total: int | None
    gad7_band: str | None
    safety_alert: bool


class ReasonOut(Schema):
    rule: str
    text: str


class AssessmentOut(Schema):
    triage: str
    red_flags: list[str]
    pain_type: str
    chronic: bool
    startback: StartBackOut
    inflammatory: InflammatoryOut
    nociplastic: NociplasticOut
    neuroplastic_signs: NeuroplasticOut
    mood: MoodOut
    program_allowed: bool
    reasons: list[ReasonOut]


class StoredAssessmentOut(Schema):
    id: int
    created_at: datetime
    source: str
    complete: bool
    cleared_at: datetime | None
    result: dict[str, Any]


def _stored(record: AssessmentRecord) -> dict[str, Any]:
    return {
        "id": record.pk,
        "created_at": record.created_at,
        "source": record.source,
        "complete": record.complete,
        "cleared_at": record.cleared_at,
        "result": record.result,
    }


@router.post(
    "/assessments/evaluate",
    response={200: AssessmentOut, 401: ErrorOut, 422: ErrorOut, 400: ErrorOut},
)
def evaluate(request: HttpRequest, intake: Intake) -> dict[str, Any]:
    """Evaluate an intake and return the result. Nothing is stored."""
    return assess(intake).to_dict()


@router.post(
    "/assessments",
    response={
        201: StoredAssessmentOut,
        401: ErrorOut,
        403: ErrorOut,
        409: ErrorOut,
        422: ErrorOut,
        400: ErrorOut,
    },
)
def create(request: HttpRequest, intake: Intake) -> Status:
    """Assess an intake and keep the result in the signed-in patient's history."""
    user = request.user
    if not user.is_patient:
        raise HttpError(403, "Only a patient can store an assessment for themselves.")
    status = services.program_status(user)
    if status.state in ("emergency", "urgent"):
        raise HttpError(
            409,
            "Your last assessment found warning signs. A clinician must review them before a "
            "new assessment can be stored.",
        )
    record = services.record_assessment(
        user, intake.model_dump(mode="json", exclude_none=True), source=Source.API, actor=user
    )
    return Status(201, _stored(record))


@router.get(
    "/assessments",
    response={200: list[StoredAssessmentOut], 401: ErrorOut, 400: ErrorOut, 422: ErrorOut},
)
def history(request: HttpRequest) -> list[dict[str, Any]]:
    """The signed-in patient's assessments, newest first."""
    records = AssessmentRecord.objects.filter(patient=request.user).order_by("-created_at", "-pk")
    return [_stored(r) for r in records]


@router.get(
    "/patients/{patient_id}/assessments",
    response={
        200: list[StoredAssessmentOut],
        401: ErrorOut,
        404: ErrorOut,
        400: ErrorOut,
        422: ErrorOut,
    },
)
def patient_history(request: HttpRequest, patient_id: int) -> list[dict[str, Any]]:
    """A patient's assessments (the patient themself, or a linked clinician; audited)."""
    patient = access.get_patient(request.user, patient_id, what="api.assessments")
    records = AssessmentRecord.objects.filter(patient=patient).order_by("-created_at", "-pk")
    return [_stored(r) for r in records]
