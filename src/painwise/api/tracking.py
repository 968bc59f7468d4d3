"""Check-in and review endpoints, with the same validation and permission rules as the pages."""

import datetime as dt
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from painwise.accounts import access
from painwise.accounts.models import User
from painwise.api.errors import DateRange, answers
from painwise.clinical.tracking.checkin import CheckInData
from painwise.clinical.tracking.diary import FIELDS as DIARY_FIELDS
from painwise.tracking import diary, services
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
    imported: bool = Field(description="brought in from a diary kept elsewhere")


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
        "imported": c.imported,
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


class DiaryIn(Schema):
    """A pain diary kept elsewhere, as the text of a CSV file, and which column is which."""

    csv: str = Field(max_length=2 * 1024 * 1024, description="the CSV file's text (UTF-8)")
    mapping: dict[Literal[*DIARY_FIELDS], Annotated[str, Field(max_length=200)]] = Field(  # type: ignore[valid-type]
        default_factory=dict,
        description="field -> column name; default: guessed from the column names",
    )
    date_order: Literal["ymd", "dmy", "mdy"] = "ymd"
    dry_run: bool = Field(default=False, description="only say what would be stored")
    patient_id: int | None = Field(
        default=None, description="for a clinician: the linked patient's id"
    )


class DiarySkippedOut(Schema):
    line: int
    reason: str


class DiaryOut(Schema):
    stored: int
    entries: int
    days: int
    rounded: int
    first_day: dt.date | None
    last_day: dt.date | None
    mapping: dict[str, str]
    skipped: list[DiarySkippedOut]


@router.post("/diary-import", response=answers(DiaryOut, 403, 404, 409))
def import_diary(request: HttpRequest, payload: DiaryIn) -> dict[str, Any]:
    """Import a pain diary (CSV text): dates as the person's local dates, pain 0-10 rounded half
    up, rows for days already in Painwise, in the future or unreadable are skipped with their
    reason. A clinician imports for a linked patient (``patient_id``). ``dry_run`` stores
    nothing."""
    user = request.user
    if payload.patient_id is not None and payload.patient_id != user.pk:
        patient = access.get_patient(user, payload.patient_id, what="api.diary_import")
    elif user.is_patient:
        patient = user
    else:
        raise HttpError(403, "Give the patient_id of a linked patient.")
    count, result = diary.import_file(
        patient,
        payload.csv.encode(),
        "api.csv",
        dict(payload.mapping),
        payload.date_order,
        by=user,
        dry_run=payload.dry_run,
    )
    return {"stored": count, "mapping": result.mapping, **diary.summary(result)}
