"""Neurofeedback sessions: the person's list and details, and the acquisition's channel for a
live session (its phase and stream address, the baseline, chunks of the record, the summary).

The acquisition authenticates with the session's own key (header X-Painwise-Session-Key), which
the server gave it when the session started and which stops working when the session ends;
a remote acquisition first creates the session with the person's token."""

import datetime as dt
import hmac
from typing import Any, Literal

from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from ninja.security import APIKeyHeader
from pydantic import Field

from painwise.api.auth import session_or_token
from painwise.api.errors import PlainText, answers
from painwise.api.learn import _patient
from painwise.lib.forms import whole_number
from painwise.neurofeedback import services
from painwise.neurofeedback.models import NfSession

router = Router(tags=["neurofeedback"])


class SessionKey(APIKeyHeader):
    """The live session's key, for the acquisition process."""

    param_name = "X-Painwise-Session-Key"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        if not key:
            return None
        match = request.resolver_match
        session_id = whole_number(match.kwargs.get("session_id", "")) if match else None
        if session_id is None:
            return None
        session = NfSession.objects.filter(pk=session_id).exclude(stream_key="").first()
        if session is None or not hmac.compare_digest(session.stream_key, key):
            return None
        request.nf_session = session  # type: ignore[attr-defined]
        return session


KEY_OR_PERSON = [SessionKey(), *session_or_token]


def _session(request: HttpRequest, session_id: int) -> NfSession:
    """The session the key opens, or the signed-in patient's own."""
    found = getattr(request, "nf_session", None)
    if found is not None and found.pk == session_id:
        return found
    patient = _patient(request)
    session = NfSession.objects.filter(pk=session_id, patient=patient).first()
    if session is None:
        raise Http404("Not found")
    return session


class SessionIn(Schema):
    board: str | None = Field(None, max_length=32)
    protocol: str | None = Field(None, max_length=32)


class SessionOut(Schema):
    id: int
    date: dt.date
    board: str
    protocol: str
    status: str
    message: str
    stream_url: str
    settings: dict[str, Any]
    baseline: dict[str, Any] | None
    summary: dict[str, Any] | None
    events: list[dict[str, Any]]


class NewSessionOut(SessionOut):
    key: str = Field(description="The session's key for the acquisition; shown only here")


class ReportIn(Schema):
    status: Literal["checking", "calibrating", "training", "failed"]
    message: PlainText = Field("", max_length=300)
    stream_url: str | None = Field(None, max_length=200)
    details: dict[str, Any] | None = None


class BaselineIn(Schema):
    medians: list[float] = Field(max_length=20)
    spreads: list[float] = Field(max_length=20)
    muscle: dict[str, float]
    windows: int = Field(ge=0, le=1_000_000)
    rejected: int = Field(ge=0, le=1_000_000)
    alpha_peak: float | None = Field(None, ge=1, le=40)


class ChunkIn(Schema):
    seq: int = Field(ge=1, le=1_000_000)
    block: int = Field(1, ge=1, le=100)
    data: dict[str, Any]


class ChunkOut(Schema):
    seq: int
    stored: bool = Field(description="False when this chunk was already stored (a retry)")


class FinishIn(Schema):
    summary: dict[str, Any]
    events: list[dict[str, Any]] = Field(default_factory=list, max_length=500)


def _out(session: NfSession) -> dict[str, Any]:
    return {
        "id": session.pk,
        "date": session.local_date,
        "board": session.board,
        "protocol": session.protocol,
        "status": session.status,
        "message": session.message,
        "stream_url": session.stream_url,
        "settings": session.settings,
        "baseline": session.baseline,
        "summary": session.summary,
        "events": session.events,
    }


@router.get("/neurofeedback/sessions", response=answers(list[SessionOut], 403, 409))
def sessions(request: HttpRequest) -> list[dict[str, Any]]:
    """Finished sessions, oldest first, with their summaries (time in reward, artifacts,
    measured latency)."""
    return [_out(s) for s in services.history(_patient(request))]


@router.post("/neurofeedback/sessions", response=answers(NewSessionOut, 403, 409, status=201))
def create(request: HttpRequest, payload: SessionIn) -> Status:
    """Start a session for an acquisition on the person's own computer (`painwise
    neurofeedback run`). Its board and protocol default to the person's choices."""
    session = services.start(_patient(request), board=payload.board, protocol=payload.protocol)
    return Status(201, {**_out(session), "key": session.stream_key})


@router.get(
    "/neurofeedback/sessions/{session_id}",
    auth=KEY_OR_PERSON,
    response=answers(SessionOut, 403, 404, 409),
)
def detail(request: HttpRequest, session_id: int) -> dict[str, Any]:
    return _out(_session(request, session_id))


@router.post(
    "/neurofeedback/sessions/{session_id}/report",
    auth=KEY_OR_PERSON,
    response=answers(SessionOut, 403, 404, 409),
)
def report(request: HttpRequest, session_id: int, payload: ReportIn) -> dict[str, Any]:
    """The acquisition's phase, where its live stream is, and why it stopped if it did."""
    session = services.report(
        _session(request, session_id),
        status=payload.status,
        message=payload.message,
        stream_url=payload.stream_url,
        details=payload.details,
    )
    return _out(session)


@router.post(
    "/neurofeedback/sessions/{session_id}/baseline",
    auth=KEY_OR_PERSON,
    response=answers(SessionOut, 403, 404, 409),
)
def baseline(request: HttpRequest, session_id: int, payload: BaselineIn) -> dict[str, Any]:
    return _out(services.save_baseline(_session(request, session_id), payload.dict()))


@router.post(
    "/neurofeedback/sessions/{session_id}/chunks",
    auth=KEY_OR_PERSON,
    response=answers(ChunkOut, 403, 404, 409, status=201),
)
def chunk(request: HttpRequest, session_id: int, payload: ChunkIn) -> Status:
    """A piece of the record. Sending a piece again stores nothing new (201, stored false)."""
    stored = services.add_chunk(
        _session(request, session_id), payload.seq, payload.block, payload.data
    )
    return Status(201, {"seq": payload.seq, "stored": stored})


@router.post(
    "/neurofeedback/sessions/{session_id}/finish",
    auth=KEY_OR_PERSON,
    response=answers(SessionOut, 403, 404, 409),
)
def finish(request: HttpRequest, session_id: int, payload: FinishIn) -> dict[str, Any]:
    session = services.finish(_session(request, session_id), payload.summary, payload.events)
    return _out(session)
