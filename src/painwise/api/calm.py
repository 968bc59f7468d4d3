"""Calm and cope: the sleep diary, slow breathing and mindfulness minutes, thought records,
planned activities and problem-solving sheets, through the same services and rules as the
pages. Thought records and problem sheets are the patient's own (private unless shared)."""

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from painwise.api.errors import PlainText, answers
from painwise.api.learn import _patient
from painwise.calm import activation, services, thoughts
from painwise.calm.models import (
    Area,
    BreathingSession,
    MindfulSession,
    ProblemSheet,
    SleepEntry,
    ThoughtRecord,
    Trap,
    ValuedActivity,
)
from painwise.lib.errors import DomainError

router = Router(tags=["calm and cope"])
Rating = Field(ge=0, le=10, description="0 to 10")
Percent = Field(ge=0, le=100, description="0 to 100")
Minutes = Field(ge=0, le=1440)


class NightIn(Schema):
    night_of: dt.date = Field(description="The evening the night began")
    bed_time: dt.time
    minutes_to_sleep: int = Minutes
    wake_ups: int = Field(ge=0, le=50)
    minutes_awake: int = Minutes
    final_wake: dt.time
    out_of_bed: dt.time
    quality: int = Rating


class NightOut(NightIn):
    in_bed_minutes: int
    asleep_minutes: int
    efficiency: float = Field(description="Asleep / in bed, 0 to 1")


def _night(e: SleepEntry) -> dict[str, Any]:
    return {f: getattr(e, f) for f in NightOut.model_fields}


@router.get("/sleep-diary", response=answers(list[NightOut], 403, 409))
def nights(request: HttpRequest) -> list[dict[str, Any]]:
    """The nights of the last 8 weeks, oldest first."""
    return [_night(e) for e in services.nights(_patient(request))]


@router.post("/sleep-diary", response=answers(NightOut, 403, 409, status=201))
def save_night(request: HttpRequest, payload: NightIn) -> Status:
    """Save or correct one night. A night that cannot have happened is refused (400)."""
    patient = _patient(request)
    data = payload.dict()
    night_of = data.pop("night_of")
    return Status(201, _night(services.save_night(patient, night_of, data)))


class BreathingIn(Schema):
    pattern: Literal["slow", "long_out", "box"]
    seconds: float


class MindfulIn(Schema):
    script: Literal["breath", "body_scan", "open_awareness", "kindness"]
    minutes: Literal[3, 5, 10, 20]
    seconds: float


class LoggedOut(Schema):
    id: int
    date: dt.date
    seconds: int


def _logged(row: BreathingSession | MindfulSession) -> dict[str, Any]:
    return {"id": row.pk, "date": row.local_date, "seconds": row.seconds}


@router.post("/breathing-sessions", response=answers(LoggedOut, 403, 409, status=201))
def breathing(request: HttpRequest, payload: BreathingIn) -> Status:
    row = services.log_breathing(_patient(request), payload.seconds, payload.pattern)
    return Status(201, _logged(row))


@router.post("/mindfulness-sessions", response=answers(LoggedOut, 403, 409, status=201))
def mindfulness(request: HttpRequest, payload: MindfulIn) -> Status:
    row = services.log_mindful(_patient(request), payload.script, payload.minutes, payload.seconds)
    return Status(201, _logged(row))


class ThoughtIn(Schema):
    situation: PlainText = Field(min_length=1, max_length=2000)
    thought: PlainText = Field(min_length=1, max_length=2000)
    emotion: PlainText = Field(min_length=1, max_length=80)
    intensity_before: int = Percent
    traps: list[Literal[tuple(Trap.values)]] = []  # type: ignore[misc]
    evidence_for: PlainText = Field(min_length=1, max_length=2000)
    evidence_against: PlainText = Field(min_length=1, max_length=2000)
    balanced: PlainText = Field(min_length=1, max_length=2000)
    intensity_after: int = Percent


class ThoughtOut(ThoughtIn):
    id: int
    date: dt.date
    shared: bool


def _thought(r: ThoughtRecord) -> dict[str, Any]:
    out = {f: getattr(r, f) for f in ThoughtIn.model_fields}
    return {**out, "id": r.pk, "date": r.local_date, "shared": r.shared}


@router.get("/thought-records", response=answers(list[ThoughtOut], 403, 409))
def thought_records(request: HttpRequest) -> list[dict[str, Any]]:
    """Finished records, newest first (drafts are kept on the pages)."""
    rows = ThoughtRecord.objects.filter(patient=_patient(request), finished_at__isnull=False)
    return [_thought(r) for r in rows[:100]]


@router.post("/thought-records", response=answers(ThoughtOut, 403, 409, status=201))
def add_thought(request: HttpRequest, payload: ThoughtIn) -> Status:
    """A whole record at once: saved through the same five steps as the pages."""
    patient = _patient(request)
    data = payload.dict()
    record = thoughts.start(patient)
    for number, step in enumerate(thoughts.STEPS, start=1):
        record = thoughts.save_step(patient, record.pk, number, {f: data[f] for f in step.fields})
    return Status(201, _thought(record))


class ShareIn(Schema):
    shared: bool


@router.post("/thought-records/{record_id}/share", response=answers(ThoughtOut, 403, 404, 409))
def share_thought(request: HttpRequest, record_id: int, payload: ShareIn) -> dict[str, Any]:
    patient = _patient(request)
    return _thought(thoughts.share(patient, record_id, payload.shared))


class ActivityIn(Schema):
    area: Literal[tuple(Area.values)]  # type: ignore[valid-type]
    name: PlainText = Field(min_length=1, max_length=120)


class PlannedOut(Schema):
    id: int
    day: dt.date
    done: bool | None
    mood_before: int | None
    mood_after: int | None


class ActivityOut(ActivityIn):
    id: int
    plans: list[PlannedOut]


def _activity(a: ValuedActivity) -> dict[str, Any]:
    plans = [
        {
            "id": p.pk,
            "day": p.day,
            "done": p.done,
            "mood_before": p.mood_before,
            "mood_after": p.mood_after,
        }
        for p in a.plans.all()
    ]
    return {"id": a.pk, "area": a.area, "name": a.name, "plans": plans}


@router.get("/activities", response=answers(list[ActivityOut], 403, 409))
def valued(request: HttpRequest) -> list[dict[str, Any]]:
    rows = ValuedActivity.objects.filter(patient=_patient(request)).prefetch_related("plans")
    return [_activity(a) for a in rows]


@router.post("/activities", response=answers(ActivityOut, 403, 409, status=201))
def add_valued(request: HttpRequest, payload: ActivityIn) -> Status:
    return Status(
        201, _activity(activation.add_activity(_patient(request), payload.area, payload.name))
    )


class PlanIn(Schema):
    day: dt.date = Field(description="Today or one of the next 6 days")


@router.post(
    "/activities/{activity_id}/plans", response=answers(PlannedOut, 403, 404, 409, status=201)
)
def plan(request: HttpRequest, activity_id: int, payload: PlanIn) -> Status:
    patient = _patient(request)
    p = activation.plan(patient, activity_id, payload.day)
    return Status(
        201, {"id": p.pk, "day": p.day, "done": None, "mood_before": None, "mood_after": None}
    )


class MarkIn(Schema):
    done: bool
    mood_before: int | None = Field(None, ge=0, le=10)
    mood_after: int | None = Field(None, ge=0, le=10)


@router.post("/plans/{plan_id}/mark", response=answers(PlannedOut, 403, 404, 409))
def mark(request: HttpRequest, plan_id: int, payload: MarkIn) -> dict[str, Any]:
    patient = _patient(request)
    p = activation.mark(patient, plan_id, payload.done, payload.mood_before, payload.mood_after)
    return {
        "id": p.pk,
        "day": p.day,
        "done": p.done,
        "mood_before": p.mood_before,
        "mood_after": p.mood_after,
    }


class OptionIn(Schema):
    text: PlainText = Field(min_length=1, max_length=200)
    pros: PlainText = Field("", max_length=200)
    cons: PlainText = Field("", max_length=200)


class ProblemIn(Schema):
    problem: PlainText = Field(min_length=1, max_length=2000)
    options: list[OptionIn] = Field(min_length=2, max_length=3)
    chosen: int = Field(ge=0, le=2, description="The index of the chosen option")
    first_step: PlainText = Field(min_length=1, max_length=2000)


class ProblemOut(ProblemIn):
    id: int
    date: dt.date
    review: str


@router.get("/problem-sheets", response=answers(list[ProblemOut], 403, 409))
def problem_sheets(request: HttpRequest) -> list[dict[str, Any]]:
    rows = ProblemSheet.objects.filter(patient=_patient(request))[:100]
    return [_sheet(s) for s in rows]


def _sheet(s: ProblemSheet) -> dict[str, Any]:
    return {
        "id": s.pk,
        "date": s.local_date,
        "problem": s.problem,
        "options": s.options,
        "chosen": s.chosen,
        "first_step": s.first_step,
        "review": s.review,
    }


@router.post("/problem-sheets", response=answers(ProblemOut, 403, 409, status=201))
def add_problem(request: HttpRequest, payload: ProblemIn) -> Status:
    patient = _patient(request)
    data: dict[str, Any] = {
        "problem": payload.problem,
        "chosen": str(payload.chosen),
        "first_step": payload.first_step,
    }
    for n, option in enumerate(payload.options, start=1):
        data.update(
            {f"option_{n}": option.text, f"pros_{n}": option.pros, f"cons_{n}": option.cons}
        )
    form = activation.ProblemForm(data)
    if not form.is_valid():
        raise DomainError(" ".join(e for errors in form.errors.values() for e in errors), "chosen")
    return Status(201, _sheet(form.save(patient)))


@router.post("/problem-sheets/{sheet_id}/share", response=answers(ProblemOut, 403, 404, 409))
def share_problem(request: HttpRequest, sheet_id: int, payload: ShareIn) -> dict[str, Any]:
    """Share a sheet with the linked clinician, or make it private again (409 with no clinician)."""
    patient = _patient(request)
    return _sheet(activation.share_problem(patient, sheet_id, payload.shared))
