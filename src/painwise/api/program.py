"""Plan, quota and activity-log endpoints."""

import datetime as dt
from typing import Any, Literal, get_args

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from painwise.accounts import access
from painwise.accounts.models import User
from painwise.api.errors import DateRange, answers
from painwise.clinical.common import public
from painwise.clinical.program.catalog import ACTIVITIES
from painwise.program import services
from painwise.program.models import ActivityLog, ActivityTrack

router = Router(tags=["program"])


class QuotaOut(Schema):
    activity: str
    unit: str
    phase: str
    baseline: float | None
    goal: float
    quota: float | None
    done_today: float
    tolerance_tests: int
    events: list[dict[str, Any]]


ActivityKey = Literal["walking", "walking_distance", "sitting", "standing", "sit_to_stand"]
assert set(get_args(ActivityKey)) == set(ACTIVITIES)


class AmountIn(Schema):
    activity: ActivityKey
    amount: float = Field(gt=0, allow_inf_nan=False)
    date: dt.date | None = None


class LogOut(Schema):
    id: int
    activity: str
    date: dt.date
    amount: float


def _patient(request: HttpRequest) -> User:
    if not request.user.is_patient:
        raise HttpError(
            403, "Only a patient has their own plan; clinicians use /patients/{id}/plan."
        )
    return request.user


def _quotas(patient: User) -> list[dict[str, Any]]:
    return [
        {
            "activity": st.track.key,
            "unit": st.track.unit,
            "phase": st.state.phase,
            "baseline": st.baseline,
            "goal": st.track.goal,
            "quota": None if st.state.quota is None else round(st.state.quota, 2),
            "done_today": st.done_today,
            "tolerance_tests": len(st.tests),
            "events": st.state.to_dict()["events"],
        }
        for st in services.track_states(patient)
    ]


def _plan(patient: User) -> dict[str, Any]:
    plan = services.plan_for(patient)
    if plan is None:
        raise HttpError(409, "No plan while the program is paused or the assessment is not done.")
    return {
        "id": plan.pk,
        "created_at": plan.created_at,
        "source": plan.source,
        **public(plan.data),
    }


@router.get(
    "/plan",
    response=answers(dict[str, Any], 403, 409),
)
def my_plan(request: HttpRequest) -> dict[str, Any]:
    """The signed-in patient's current plan, with the reason for every choice."""
    return _plan(_patient(request))


@router.get(
    "/patients/{patient_id}/plan",
    response=answers(dict[str, Any], 404, 409),
)
def patient_plan(request: HttpRequest, patient_id: int) -> dict[str, Any]:
    return _plan(access.get_patient(request.user, patient_id, what="api.plan"))


@router.get(
    "/quotas",
    response=answers(list[QuotaOut], 403),
)
def my_quotas(request: HttpRequest) -> list[dict[str, Any]]:
    """Today's quota for each activity (or the baseline week's progress)."""
    patient = _patient(request)
    if services.plan_for(patient) is None:
        return []
    return _quotas(patient)


@router.get(
    "/patients/{patient_id}/quotas",
    response=answers(list[QuotaOut], 404),
)
def patient_quotas(request: HttpRequest, patient_id: int) -> list[dict[str, Any]]:
    return _quotas(access.get_patient(request.user, patient_id, what="api.quotas"))


def _track(patient: User, key: str) -> ActivityTrack:
    track = ActivityTrack.objects.filter(patient=patient, key=key, active=True).first()
    if track is None:
        raise HttpError(400, f"'{key}' is not one of your activities.")
    return track


@router.post(
    "/activity-logs",
    response=answers(LogOut, 403, 409, status=201),
)
def create_log(request: HttpRequest, payload: AmountIn) -> Status:
    """Log an amount of an activity (minutes, metres or repetitions) for today or a past day."""
    patient = _patient(request)
    if services.plan_for(patient) is None:
        raise HttpError(409, "No plan while the program is paused.")
    log = services.log_activity(_track(patient, payload.activity), payload.amount, on=payload.date)
    return Status(
        201,
        {"id": log.pk, "activity": payload.activity, "date": log.local_date, "amount": log.amount},
    )


@router.get(
    "/activity-logs",
    response=answers(list[LogOut], 403),
)
def list_logs(
    request: HttpRequest,
    dates: Query[DateRange],
) -> list[dict[str, Any]]:
    patient = _patient(request)
    start, end = dates.dates()
    logs = (
        ActivityLog.objects.filter(track__patient=patient)
        .select_related("track")
        .order_by("local_date", "pk")
    )
    if start:
        logs = logs.filter(local_date__gte=start)
    if end:
        logs = logs.filter(local_date__lte=end)
    return [
        {"id": g.pk, "activity": g.track.key, "date": g.local_date, "amount": g.amount}
        for g in logs
    ]


@router.post(
    "/tolerance-tests",
    response=answers(dict[str, Any], 403, 409, status=201),
)
def create_test(request: HttpRequest, payload: AmountIn) -> Status:
    """Record a tolerance test (how much before pain or tiredness says stop). Refused: 0,
    negative, or more than is possible (for minutes, over 24 hours)."""
    patient = _patient(request)
    if services.plan_for(patient) is None:
        raise HttpError(409, "No plan while the program is paused.")
    test = services.record_tolerance(
        _track(patient, payload.activity), payload.amount, on=payload.date
    )
    return Status(
        201,
        {"id": test.pk, "activity": payload.activity, "date": test.local_date, "value": test.value},
    )


@router.post(
    "/flares",
    response=answers(dict[str, Any], 403, status=201),
)
def declare_flare(request: HttpRequest) -> Status:
    """Declare a flare-up: quotas drop to relative rest."""
    flare = services.declare_flare(_patient(request))
    return Status(201, {"id": flare.pk, "date": flare.local_date})
