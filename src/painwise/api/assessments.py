"""Assessment endpoints: store for the signed-in patient, or evaluate without storing."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from painwise.accounts import access
from painwise.api.errors import answers
from painwise.assessment import services
from painwise.assessment.models import AssessmentRecord, Source
from painwise.clinical.assessment import Intake, assess
from painwise.clinical.common import public

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
    params: dict[str, Any]


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
        "result": public(record.result),
    }


@router.post(
    "/assessments/evaluate",
    response=answers(AssessmentOut),
)
def evaluate(request: HttpRequest, intake: Intake) -> dict[str, Any]:
    """Evaluate an intake and return the result. Nothing is stored."""
    return assess(intake).to_dict()


@router.post(
    "/assessments",
    response=answers(StoredAssessmentOut, 403, 409, status=201),
)
def create(request: HttpRequest, intake: Intake) -> Status:
    """Assess an intake and keep the result in the signed-in patient's history."""
    user = request.user
    if not user.is_patient:
        raise HttpError(403, "Only a patient can store an assessment for themselves.")
    record = services.record_assessment(
        user, intake.model_dump(mode="json", exclude_none=True), source=Source.API, actor=user
    )
    return Status(201, _stored(record))


@router.get(
    "/assessments",
    response=answers(list[StoredAssessmentOut]),
)
def history(request: HttpRequest) -> list[dict[str, Any]]:
    """The signed-in patient's assessments, newest first."""
    records = AssessmentRecord.objects.filter(patient=request.user).order_by("-created_at", "-pk")
    return [_stored(r) for r in records]


@router.get(
    "/patients/{patient_id}/assessments",
    response=answers(list[StoredAssessmentOut], 404),
)
def patient_history(request: HttpRequest, patient_id: int) -> list[dict[str, Any]]:
    """A patient's assessments (the patient themself, or a linked clinician; audited)."""
    patient = access.get_patient(request.user, patient_id, what="api.assessments")
    records = AssessmentRecord.objects.filter(patient=patient).order_by("-created_at", "-pk")
    return [_stored(r) for r in records]
