"""Left and right training (graded motor imagery): the same services and rules as the pages.
A new session gives its pictures (SVG) without their answers; each answer is sent with the
response time the client measured, and refused (400 or 409, nothing saved) when impossible."""

import datetime as dt
from typing import Any, Literal

from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from painwise.api.errors import answers
from painwise.api.learn import _patient
from painwise.clinical.gmi.results import Summary
from painwise.gmi import services
from painwise.gmi.models import GmiSession

router = Router(tags=["graded motor imagery"])


class SessionIn(Schema):
    parts: Literal["back", "hands", "feet"] = "back"
    size: int = Field(services.DEFAULT_SIZE, ge=20, le=50)
    feedback: Literal["each", "end"] = "each"


class PictureOut(Schema):
    index: int
    part: str
    svg: str = Field(description="The picture; its answer is not given")


class StatOut(Schema):
    n: int
    correct: int
    accuracy: float | None
    median_ms: float | None


class SessionOut(Schema):
    id: int
    date: dt.date
    level: int
    size: int
    parts: list[str]
    finished: bool
    time_limit_ms: int | None
    overall: StatOut | None = None
    by_side: dict[str, StatOut] | None = None
    by_part: dict[str, StatOut] | None = None


class NewSessionOut(SessionOut):
    pictures: list[PictureOut]


class AnswerIn(Schema):
    index: int
    answer: Literal["left", "right"]
    response_ms: float = Field(description="From the picture being painted to the answer")


class AnswerOut(Schema):
    index: int
    correct: bool
    side: str
    finished: bool


def _session(session: GmiSession, summary: Summary | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": session.pk,
        "date": session.local_date,
        "level": session.level,
        "size": session.size,
        "parts": session.parts,
        "finished": session.finished_at is not None,
        "time_limit_ms": services.time_limit_ms(session),
    }
    if summary is not None:
        # StatOut reads a Stat's attributes (accuracy is its property).
        out["overall"] = summary.overall
        out["by_side"] = summary.by_side
        out["by_part"] = summary.by_part
    return out


def _own(patient: Any, session_id: int) -> GmiSession:
    session = GmiSession.objects.filter(pk=session_id, patient=patient).first()
    if session is None:
        raise Http404("Not found")
    return session


@router.get("/gmi/sessions", response=answers(list[SessionOut], 403, 409))
def sessions(request: HttpRequest) -> list[dict[str, Any]]:
    """The latest finished sessions, oldest first, with accuracy and median time per side and
    body part."""
    patient = _patient(request)
    return [_session(r.session, r.summary) for r in services.history(patient)]


@router.post("/gmi/sessions", response=answers(NewSessionOut, 403, 409, status=201))
def start(request: HttpRequest, payload: SessionIn) -> Status:
    patient = _patient(request)
    session = services.start_session(patient, payload.parts, payload.size, payload.feedback)
    pictures = [
        {"index": i, "part": p.part, "svg": p.svg()}
        for i, p in enumerate(services.pictures(session))
    ]
    return Status(201, {**_session(session), "pictures": pictures})


@router.post(
    "/gmi/sessions/{session_id}/trials", response=answers(AnswerOut, 403, 404, 409, status=201)
)
def answer(request: HttpRequest, session_id: int, payload: AnswerIn) -> Status:
    """One answer. Refused, nothing saved: after the session ended or a second time for a
    picture (409); an unknown picture or a time under 150 ms or over 30 s (400)."""
    patient = _patient(request)
    _own(patient, session_id)
    done = services.answer(patient, session_id, payload.index, payload.answer, payload.response_ms)
    trial = done.trial
    return Status(
        201,
        {
            "index": trial.index,
            "correct": trial.correct,
            "side": trial.side,
            "finished": done.finished,
        },
    )


@router.post("/gmi/sessions/{session_id}/end", response=answers(SessionOut, 403, 404, 409))
def end(request: HttpRequest, session_id: int) -> dict[str, Any]:
    """Stop early: the answers given so far are kept."""
    patient = _patient(request)
    _own(patient, session_id)
    session = services.end_session(patient, session_id)
    found = services.result(session)
    return _session(found.session, found.summary)
