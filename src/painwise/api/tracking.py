"""Check-in and review endpoints, with the same validation and permission rules as the pages."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError

from painwise.accounts import access
from painwise.accounts.models import User
from painwise.api.errors import DateRange, answers
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


def _range(patient: User, dates: DateRange) -> list[dict[str, Any]]:
    start, end = dates.dates()
    rows = CheckIn.objects.filter(patient=patient).order_by("local_date", "created_at")
    if start:
        rows = rows.filter(local_date__gte=start)
    if end:
        rows = rows.filter(local_date__lte=end)
    return [out(c) for c in rows]


@router.post(
    "/checkins",
    response=answers(SavedOut, 403, status=201),
)
def create_checkin(request: HttpRequest, payload: CheckInData) -> Status:
    """Save a check-in for the signed-in patient. Several a day are allowed; a future date is
    refused; new red-flag symptoms take the assessment's emergency or urgent path."""
    if not request.user.is_patient:
        raise HttpError(403, "Only a patient can save their own check-in.")
    saved = services.save_checkin(request.user, payload)
    record = saved.red_flag_record
    return Status(
        201,
        {
            "checkin": out(saved.checkin, edited=False),
            "red_flag_triage": record.triage if record else None,
            "red_flags": record.red_flags if record else [],
        },
    )


@router.get("/checkins", response=answers(list[CheckInOut]))
def list_checkins(
    request: HttpRequest,
    dates: Query[DateRange],
) -> list[dict[str, Any]]:
    """The signed-in patient's check-ins between `from` and `to` (local dates, inclusive)."""
    return _range(request.user, dates)


@router.get(
    "/patients/{patient_id}/checkins",
    response=answers(list[CheckInOut], 404),
)
def patient_checkins(
    request: HttpRequest,
    patient_id: int,
    dates: Query[DateRange],
) -> list[dict[str, Any]]:
    patient = access.get_patient(request.user, patient_id, what="api.checkins")
    return _range(patient, dates)


def _review(patient: User) -> dict[str, Any]:
    data = services.review_for(patient)
    return {**data.review.to_dict(), "patterns": data.patterns.to_dict()}


@router.get(
    "/review",
    response=answers(dict[str, Any], 403),
)
def my_review(request: HttpRequest) -> dict[str, Any]:
    """The weekly review's figures: the three signals against baseline, alerts, patterns."""
    if not request.user.is_patient:
        raise HttpError(403, "Clinicians read a patient's review at /patients/{id}/review.")
    return _review(request.user)


@router.get(
    "/patients/{patient_id}/review",
    response=answers(dict[str, Any], 404),
)
def patient_review(request: HttpRequest, patient_id: int) -> dict[str, Any]:
    return _review(access.get_patient(request.user, patient_id, what="api.review"))
