"""Lessons, somatic tracking, the evidence journal and the fear ladder: the same services and
rules as the pages. Journal entries and exposure notes are the patient's own; a clinician gets
counts, ratings and the entries the patient shared (``/patients/{id}/practice``)."""

import datetime as dt
from typing import Any, Literal

from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from painwise.accounts import access
from painwise.accounts.models import User
from painwise.api.errors import PlainText, answers
from painwise.assessment.services import program_status
from painwise.learn import services
from painwise.learn.models import ExposureTrial, JournalEntry, SomaticSession
from painwise.lib.reasons import reason_text

router = Router(tags=["learn and practice"])
Rating = Field(ge=0, le=10, description="0 to 10")
Rating100 = Field(ge=0, le=100, description="0 to 100")


def _patient(request: HttpRequest) -> User:
    """The signed-in patient, whose program is open (red flags pause practice too)."""
    if not request.user.is_patient:
        raise HttpError(403, "Only a patient has their own lessons and practice.")
    if not program_status(request.user).open:
        raise HttpError(409, "The program is paused or the assessment is not finished.")
    return request.user


# --- lessons ----------------------------------------------------------------------------------


class LessonOut(Schema):
    id: str
    title: str
    summary: str
    minutes: int
    position: int = Field(description="1 = first in this person's order (chosen by the plan)")
    early_because: str | None
    opened: bool
    finished: bool
    correct: int | None


class ChoiceOut(Schema):
    text: str


class QuestionOut(Schema):
    prompt: str
    choices: list[ChoiceOut]


class LessonDetailOut(LessonOut):
    body_markdown: str
    picture: str
    picture_alt: str
    references: list[str]
    questions: list[QuestionOut]


class AnswersIn(Schema):
    answers: list[int] = Field(description="One choice index per question, in order")


class AnswerResult(Schema):
    correct: bool
    explanation: str


class CheckOut(Schema):
    correct: int
    results: list[AnswerResult]


def _rows(patient: User) -> list[dict[str, Any]]:
    return [
        {
            "id": row.lesson.id,
            "title": row.lesson.title,
            "summary": row.lesson.summary,
            "minutes": row.lesson.minutes,
            "position": n,
            "early_because": reason_text(row.reason) if row.reason else None,
            "opened": row.opened,
            "finished": row.finished,
            "correct": row.correct,
        }
        for n, row in enumerate(services.lesson_rows(patient), start=1)
    ]


@router.get("/lessons", response=answers(list[LessonOut], 403, 409))
def lessons(request: HttpRequest) -> list[dict[str, Any]]:
    """Every lesson in the signed-in patient's order, with their progress."""
    return _rows(_patient(request))


@router.get("/lessons/{lesson_id}", response=answers(LessonDetailOut, 403, 404, 409))
def lesson(request: HttpRequest, lesson_id: str) -> dict[str, Any]:
    """One lesson: its text (Markdown), picture, sources and the two questions."""
    patient = _patient(request)
    row = next((r for r in _rows(patient) if r["id"] == lesson_id), None)
    found = services.get_lesson(lesson_id)
    if row is None or found is None:
        raise Http404("No such lesson")
    library = services.library()
    return {
        **row,
        "body_markdown": found.body,
        "picture": found.picture,
        "picture_alt": found.picture_alt,
        "references": [library.references[r] for r in found.references],
        "questions": [
            {"prompt": q.prompt, "choices": [{"text": c.text} for c in q.choices]}
            for q in found.questions
        ],
    }


@router.post("/lessons/{lesson_id}/opened", response=answers(None, 403, 404, 409, status=204))
def lesson_opened(request: HttpRequest, lesson_id: str) -> Status:
    patient = _patient(request)
    found = services.get_lesson(lesson_id)
    if found is None:
        raise Http404("No such lesson")
    services.open_lesson(patient, found)
    return Status(204, None)


@router.post("/lessons/{lesson_id}/check", response=answers(CheckOut, 403, 404, 409))
def lesson_check(request: HttpRequest, lesson_id: str, payload: AnswersIn) -> dict[str, Any]:
    """Answer the lesson's two questions; the first answer finishes the lesson."""
    patient = _patient(request)
    found = services.get_lesson(lesson_id)
    if found is None:
        raise Http404("No such lesson")
    right = services.finish_lesson(patient, found, payload.answers)
    return {
        "correct": sum(right),
        "results": [
            {"correct": ok, "explanation": q.choices[a].explain}
            for q, a, ok in zip(found.questions, payload.answers, right, strict=True)
        ],
    }


# --- somatic tracking -------------------------------------------------------------------------


class SomaticIn(Schema):
    pain_before: int = Rating
    fear_before: int = Rating


class SomaticFinishIn(Schema):
    pain_after: int = Rating
    fear_after: int = Rating


class SomaticOut(Schema):
    id: int
    date: dt.date
    pain_before: int
    fear_before: int
    pain_after: int | None
    fear_after: int | None
    finished: bool


def _session(s: SomaticSession) -> dict[str, Any]:
    return {
        "id": s.pk,
        "date": s.local_date,
        "pain_before": s.pain_before,
        "fear_before": s.fear_before,
        "pain_after": s.pain_after,
        "fear_after": s.fear_after,
        "finished": s.finished_at is not None,
    }


class SomaticListOut(Schema):
    summary: str | None
    sessions: list[SomaticOut]


@router.get("/somatic-sessions", response=answers(SomaticListOut, 403, 409))
def somatic_sessions(request: HttpRequest) -> dict[str, Any]:
    """Finished sessions, oldest first, with the sentence the Practice page shows."""
    patient = _patient(request)
    sessions = services.somatic_history(patient)
    sentence = services.somatic_sentence(sessions)
    return {
        "summary": reason_text(sentence) if sentence else None,
        "sessions": [_session(s) for s in sessions],
    }


@router.post("/somatic-sessions", response=answers(SomaticOut, 403, 409, status=201))
def start_somatic(request: HttpRequest, payload: SomaticIn) -> Status:
    patient = _patient(request)
    session = services.start_somatic(patient, payload.pain_before, payload.fear_before)
    return Status(201, _session(session))


@router.post("/somatic-sessions/{session_id}/finish", response=answers(SomaticOut, 403, 404, 409))
def finish_somatic(
    request: HttpRequest, session_id: int, payload: SomaticFinishIn
) -> dict[str, Any]:
    """Rate pain and fear after the session. A session is finished once (409 after that)."""
    patient = _patient(request)
    session = services.finish_somatic(patient, session_id, payload.pain_after, payload.fear_after)
    return _session(session)


# --- evidence journal -------------------------------------------------------------------------


class JournalIn(Schema):
    kind: Literal["stress", "absorbed", "delayed", "moved", "other"]
    text: PlainText = Field(min_length=1, max_length=services.TEXT_LIMITS["journal"])
    shared: bool = False


class PatternIn(Schema):
    key: PlainText = Field(min_length=1, max_length=40)


class ShareIn(Schema):
    shared: bool


class JournalOut(Schema):
    id: int
    date: dt.date
    kind: str
    text: str
    shared: bool


class OfferedOut(Schema):
    key: str
    text: str


class JournalListOut(Schema):
    entries: list[JournalOut]
    offered_patterns: list[OfferedOut]


def _entry(e: JournalEntry) -> dict[str, Any]:
    text = reason_text(e.pattern) if e.pattern else e.text
    return {"id": e.pk, "date": e.local_date, "kind": e.kind, "text": text, "shared": e.shared}


@router.get("/journal", response=answers(JournalListOut, 403, 409))
def journal(request: HttpRequest) -> dict[str, Any]:
    """The patient's entries (newest first) and the shown patterns they can add."""
    patient = _patient(request)
    return {
        "entries": [_entry(e) for e in services.journal(patient)],
        "offered_patterns": [
            {"key": k, "text": reason_text(r)} for k, r in services.offered_patterns(patient)
        ],
    }


@router.post("/journal", response=answers(JournalOut, 403, 409, status=201))
def add_entry(request: HttpRequest, payload: JournalIn) -> Status:
    patient = _patient(request)
    if payload.shared and not access.clinicians_of(patient).exists():
        raise HttpError(
            409, "No clinician is linked to this account, so there is no one to share with."
        )
    entry = services.add_journal_entry(patient, payload.kind, payload.text, shared=payload.shared)
    return Status(201, _entry(entry))


@router.post("/journal/patterns", response=answers(JournalOut, 403, 409, status=201))
def accept_pattern(request: HttpRequest, payload: PatternIn) -> Status:
    """Add a pattern the progress page shows now (its key from ``offered_patterns``)."""
    entry = services.accept_pattern(_patient(request), payload.key)
    return Status(201, _entry(entry))


@router.post("/journal/{entry_id}/share", response=answers(JournalOut, 403, 404, 409))
def share_entry(request: HttpRequest, entry_id: int, payload: ShareIn) -> dict[str, Any]:
    patient = _patient(request)
    if payload.shared and not access.clinicians_of(patient).exists():
        raise HttpError(
            409, "No clinician is linked to this account, so there is no one to share with."
        )
    return _entry(services.share_entry(patient, entry_id, payload.shared))


# --- graded exposure --------------------------------------------------------------------------


class StepIn(Schema):
    name: PlainText = Field(min_length=1, max_length=services.TEXT_LIMITS["step"])
    fear: int = Rating100


class TrialIn(Schema):
    predicted_pain: int = Rating
    predicted_harm: PlainText = Field(min_length=1, max_length=services.TEXT_LIMITS["harm"])


class TrialFinishIn(Schema):
    actual_pain: int = Rating
    what_happened: PlainText = Field("", max_length=services.TEXT_LIMITS["happened"])
    fear_after: int = Rating100


class TrialOut(Schema):
    id: int
    step_id: int
    date: dt.date
    predicted_pain: int
    predicted_harm: str
    actual_pain: int | None
    what_happened: str
    fear_after: int | None
    finished: bool
    result: str | None


class StepOut(Schema):
    id: int
    name: str
    fear: int
    state: Literal["not_tried", "practising", "climbed"]
    tries: int
    suggested: bool


def _trial(t: ExposureTrial) -> dict[str, Any]:
    result = services.trial_result(t)
    return {
        "id": t.pk,
        "step_id": t.step_id,
        "date": t.local_date,
        "predicted_pain": t.predicted_pain,
        "predicted_harm": t.predicted_harm,
        "actual_pain": t.actual_pain,
        "what_happened": t.what_happened,
        "fear_after": t.fear_after,
        "finished": t.finished_at is not None,
        "result": reason_text(result) if result else None,
    }


@router.get("/exposure-steps", response=answers(list[StepOut], 403, 409))
def exposure_steps(request: HttpRequest) -> list[dict[str, Any]]:
    """The fear ladder, lowest fear first, each step with its state; ``suggested`` marks the
    step to try next."""
    rungs = services.ladder(_patient(request))
    suggested = services.suggested_step(rungs)
    return [
        {
            "id": r.step.pk,
            "name": r.step.name,
            "fear": r.step.fear,
            "state": r.state,
            "tries": r.tries,
            "suggested": suggested is not None and suggested.pk == r.step.pk,
        }
        for r in rungs
    ]


@router.post("/exposure-steps", response=answers(StepOut, 403, 409, status=201))
def add_step(request: HttpRequest, payload: StepIn) -> Status:
    step = services.add_step(_patient(request), payload.name, payload.fear)
    body = {"id": step.pk, "name": step.name, "fear": step.fear, "state": "not_tried", "tries": 0}
    return Status(201, {**body, "suggested": False})


@router.post(
    "/exposure-steps/{step_id}/trials", response=answers(TrialOut, 403, 404, 409, status=201)
)
def start_trial(request: HttpRequest, step_id: int, payload: TrialIn) -> Status:
    """Start an experiment on one of the patient's steps, with the prediction."""
    patient = _patient(request)
    trial = services.start_trial(patient, step_id, payload.predicted_pain, payload.predicted_harm)
    return Status(201, _trial(trial))


@router.post("/exposure-trials/{trial_id}/finish", response=answers(TrialOut, 403, 404, 409))
def finish_trial(request: HttpRequest, trial_id: int, payload: TrialFinishIn) -> dict[str, Any]:
    """Record what happened. An experiment is finished once (409 after that)."""
    patient = _patient(request)
    trial = services.finish_trial(
        patient, trial_id, payload.actual_pain, payload.what_happened, payload.fear_after
    )
    return _trial(trial)


# --- for the care team ------------------------------------------------------------------------


class SharedEntryOut(Schema):
    date: dt.date
    kind: str
    text: str


class PracticeSummaryOut(Schema):
    lessons_finished: int
    lessons_total: int
    somatic_sessions: list[SomaticOut]  # the most recent 30 finished, oldest first
    somatic_sessions_finished: int  # all finished sessions
    exposure_steps: int
    exposure_steps_climbed: int
    exposure_trials: int
    shared_journal_entries: list[SharedEntryOut]


@router.get("/patients/{patient_id}/practice", response=answers(PracticeSummaryOut, 404))
def patient_practice(request: HttpRequest, patient_id: int) -> dict[str, Any]:
    """What the care team may see of a patient's practice: counts, ratings and shared entries
    (never a private journal entry or exposure note)."""
    patient = access.get_patient(request.user, patient_id, what="api.practice")
    view = services.for_clinician(patient)
    return {
        "lessons_finished": view.lessons_finished,
        "lessons_total": view.lessons_total,
        "somatic_sessions": [_session(s) for s in view.somatic],
        "somatic_sessions_finished": view.somatic_finished,
        "exposure_steps": view.steps,
        "exposure_steps_climbed": view.steps_climbed,
        "exposure_trials": view.exposure_tries,
        "shared_journal_entries": [
            {"date": e.local_date, "kind": e.kind, "text": _entry(e)["text"]}
            for e in view.shared_entries
        ],
    }
