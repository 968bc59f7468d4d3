"""Check-in and review endpoints, with the same validation and permission rules as the pages."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError

from painwise.accounts import access
from painwise.accounts.models import User
from painwise.api.errors import ErrorOut, query_date
from painwise.clinical.tracking.checkin import CheckInData
from painwise.tracking import services
from painwise.tracking.models import CheckIn

router = Router(tags=["tracking"])


class CheckInOut(Schema):
    id: int
    date: dt.date
    created_at: dt.datetime
    updated_at: dt.datetime
    pain_now: int
    pain_average: int
    stiffness: int | None
    sleep_quality: int | None
    sleep_hours: float | None
    stress: int | None
    mood: int | None
    confidence: int | None
    fear: int | None
    activity_minutes: int | None
    practice_minutes: int | None
    flare: bool
    note: str
    new_symptoms: list[str]
    edited: bool


class SavedOut(Schema):
    checkin: CheckInOut
    red_flag_triage: str | None
    red_flags: list[str]


def out(c: CheckIn, edited: bool | None = None) -> dict[str, Any]:
    return {
        "id": c.pk,
        "date": c.local_date,
        "created_at": c.created_at,
        "updated_at": c.updated_at,
        **{k: v for k, v in c.snapshot().items()},
        "new_symptoms": c.new_symptoms,
        "edited": c.updated_at > c.created_at if edited is None else edited,
    }


def _range(patient: User, start_text: str | None, end_text: str | None) -> list[dict[str, Any]]:
    start, end = query_date(start_text, "from"), query_date(end_text, "to")
    if start and end and start > end:
        raise HttpError(400, "'from' must not be after 'to'.")
    rows = CheckIn.objects.filter(patient=patient).order_by("local_date", "created_at")
    if start:
        rows = rows.filter(local_date__gte=start)
    if end:
        rows = rows.filter(local_date__lte=end)
    return [out(c) for c in rows]


@router.post(
    "/checkins",
    response={201: SavedOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut},
)
def create_checkin(request: HttpRequest, payload: CheckInData) -> Status:
    """Save a check-in for the signed-in patient. Several a day are allowed; a future date is
    refused; new red-flag symptoms take the assessment's emergency or urgent path."""
    if not request.user.is_patient:
        raise HttpError(403, "Only a patient can save their own check-in.")
    try:
        saved = services.save_checkin(request.user, payload.model_dump())
    except services.TrackingError as exc:
        raise HttpError(400, str(exc)) from None
    record = saved.red_flag_record
    return Status(
        201,
        {
            "checkin": out(saved.checkin, edited=False),
            "red_flag_triage": record.triage if record else None,
            "red_flags": record.red_flags if record else [],
        },
    )


@router.get(
    "/checkins", response={200: list[CheckInOut], 400: ErrorOut, 401: ErrorOut, 422: ErrorOut}
)
def list_checkins(
    request: HttpRequest,
    from_: str | None = Query(
        None,
        alias="from",
        description="YYYY-MM-DD, inclusive",
        format="date",
    ),
    to: str | None = Query(None, description="YYYY-MM-DD, inclusive", format="date"),
) -> list[dict[str, Any]]:
    """The signed-in patient's check-ins between `from` and `to` (local dates, inclusive)."""
    return _range(request.user, from_, to)


@router.get(
    "/patients/{patient_id}/checkins",
    response={200: list[CheckInOut], 400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
)
def patient_checkins(
    request: HttpRequest,
    patient_id: int,
    from_: str | None = Query(
        None,
        alias="from",
        description="YYYY-MM-DD, inclusive",
        format="date",
    ),
    to: str | None = Query(None, description="YYYY-MM-DD, inclusive", format="date"),
) -> list[dict[str, Any]]:
    patient = access.get_patient(request.user, patient_id, what="api.checkins")
    return _range(patient, from_, to)


def _review(patient: User) -> dict[str, Any]:
    data = services.review_for(patient)
    return {**data.review.to_dict(), "patterns": data.patterns.to_dict()}


@router.get(
    "/review",
    response={200: dict[str, Any], 401: ErrorOut, 403: ErrorOut, 400: ErrorOut, 422: ErrorOut},
)
def my_review(request: HttpRequest) -> dict[str, Any]:
    """The weekly review's figures: the three signals against baseline, alerts, patterns."""
    if not request.user.is_patient:
        raise HttpError(403, "Clinicians read a patient's review at /patients/{id}/review.")
    return _review(request.user)


@router.get(
    "/patients/{patient_id}/review",
    response={200: dict[str, Any], 401: ErrorOut, 404: ErrorOut, 400: ErrorOut, 422: ErrorOut},
)
def patient_review(request: HttpRequest, patient_id: int) -> dict[str, Any]:
    return _review(access.get_patient(request.user, patient_id, what="api.review"))
