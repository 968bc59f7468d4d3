"""Graded motor imagery: every change goes through here, checked, in one transaction, audited.

A left/right session is created with its seed, level and parts; the pictures are drawn again
from those whenever they are needed. Answers arrive one at a time; a refused answer (after the
session ended, a second one for a picture, an impossible time) changes nothing and is logged.
"""

import datetime as dt
import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from painwise.accounts.models import User
from painwise.audit import services as audit
from painwise.clinical.gmi import results
from painwise.clinical.gmi.generate import LEVELS, PARTS, Picture, session_pictures
from painwise.clinical.gmi.results import GmiSettings, Summary, Trial
from painwise.gmi.models import Feedback, GmiSession, GmiTrial, ImagerySession
from painwise.lib import clock
from painwise.lib.errors import ConflictError, DomainError
from painwise.lib.once import set_once

log = logging.getLogger("painwise.gmi")

audit.register(
    {
        "gmi.session_started": gettext_lazy("Left/right session started"),
        "gmi.session_finished": gettext_lazy("Left/right session finished"),
        "gmi.imagery_started": gettext_lazy("Motor imagery session started"),
        "gmi.imagery_finished": gettext_lazy("Motor imagery session finished"),
    }
)

SETTINGS = GmiSettings(
    accuracy_norm=getattr(settings, "PAINWISE_GMI_ACCURACY_NORM", 0.80),
    response_norm_ms=getattr(
        settings,
        "PAINWISE_GMI_RESPONSE_NORM_MS",
        {"trunk": 1600, "neck": 1600, "hand": 2000, "foot": 2000},
    ),
)
DEFAULT_SIZE = 30
# The body parts a person chooses from, as sets of the core's parts.
PART_SETS: dict[str, tuple[str, ...]] = {
    "back": ("trunk", "neck"),
    "hands": ("hand",),
    "feet": ("foot",),
}
HISTORY = 20  # sessions shown on the results chart and to the clinician


def today(patient: User) -> dt.date:
    return clock.local_today(patient.time_zone)


# --- left/right sessions ------------------------------------------------------------------------


def _summary(trials: Sequence[GmiTrial]) -> Summary:
    return results.summarize([Trial(t.part, t.side, t.correct, t.response_ms) for t in trials])


def finished_sessions(patient: User, limit: int = HISTORY) -> list[GmiSession]:
    """The latest finished sessions with their trials, oldest first (two queries)."""
    rows = (
        GmiSession.objects.filter(patient=patient, finished_at__isnull=False)
        .order_by("-started_at")
        .prefetch_related("trials")[:limit]
    )
    return list(reversed(rows))


def current_level(patient: User) -> int:
    """The level for the next session (rule gmi_level_up), from the latest finished ones."""
    return _level_after(finished_sessions(patient, SETTINGS.level_up_sessions))


def level_after(session: GmiSession) -> int | None:
    """The level that ``session`` leads to, if it is the person's latest finished session (an
    older one's results page must not credit it with a move up that later sessions earned)."""
    recent = finished_sessions(session.patient, SETTINGS.level_up_sessions)
    if not recent or recent[-1].pk != session.pk:
        return None
    return _level_after(recent)


def _level_after(recent: list[GmiSession]) -> int:
    if not recent:
        return 1
    level = recent[-1].level
    same = [_summary(s.trials.all()) for s in recent if s.level == level]
    return results.next_level(level, same, SETTINGS)


@transaction.atomic
def start_session(
    patient: User, part_set: str = "back", size: int = DEFAULT_SIZE, feedback: str = "each"
) -> GmiSession:
    if part_set not in PART_SETS:
        raise DomainError(_("Choose backs, hands or feet."), "parts")
    low, high = SETTINGS.session_sizes
    if isinstance(size, bool) or not isinstance(size, int) or not low <= size <= high:
        raise DomainError(
            _("Choose from %(low)s to %(high)s pictures.") % {"low": low, "high": high}, "size"
        )
    if feedback not in Feedback.values:
        raise DomainError(_("Choose when to see if you were right."), "feedback")
    session = GmiSession.objects.create(
        patient=patient,
        local_date=today(patient),
        level=current_level(patient),
        parts=list(PART_SETS[part_set]),
        size=size,
        seed=secrets.randbelow(2**31),
        feedback=feedback,
    )
    audit.record("gmi.session_started", actor=patient, patient=patient, obj=session)
    return session


def pictures(session: GmiSession) -> list[Picture]:
    parts = [p for p in session.parts if p in PARTS]
    return session_pictures(session.seed, session.size, parts, session.level)  # type: ignore[arg-type]


def time_limit_ms(session: GmiSession) -> int | None:
    return LEVELS[session.level].limit_ms


def _refuse(session: GmiSession, index: Any, why: str, message: str, conflict: bool) -> None:
    log.warning("gmi answer refused: session %s picture %r: %s", session.pk, index, why)
    raise (ConflictError if conflict else DomainError)(message)


@dataclass(frozen=True)
class Answered:
    trial: GmiTrial
    finished: bool


@transaction.atomic
def answer(patient: User, session_id: int, index: Any, side: Any, response_ms: Any) -> Answered:
    """Record the answer to one picture. The last answer finishes the session. Refused (and
    logged): an answer after the session ended, a second answer to a picture, an unknown
    picture or side, a time that is not a judgement (rule gmi_valid_answer)."""
    session = GmiSession.objects.select_for_update().filter(pk=session_id, patient=patient).first()
    if session is None:
        raise GmiSession.DoesNotExist
    if session.finished_at is not None:
        _refuse(session, index, "after the end", _("This session has ended."), conflict=True)
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < session.size:
        _refuse(session, index, "no such picture", _("There is no such picture."), False)
    if side not in ("left", "right"):
        _refuse(session, index, f"side {side!r}", _("Answer left or right."), False)
    ok_number = isinstance(response_ms, int | float) and not isinstance(response_ms, bool)
    if not ok_number or not results.valid_response(response_ms, SETTINGS):
        _refuse(
            session,
            index,
            f"time {response_ms!r}",
            _("That answer time cannot be right, so it was not saved."),
            False,
        )
    pic = pictures(session)[index]
    try:
        with transaction.atomic():
            trial = GmiTrial.answered(session, index, pic, side, round(response_ms))
            trial.save(force_insert=True)
    except IntegrityError:
        _refuse(session, index, "answered twice", _("This picture was already answered."), True)
    finished = session.trials.count() >= session.size
    if finished:
        _finish(patient, session)
    return Answered(trial, finished)


def _finish(patient: User, session: GmiSession) -> None:
    if set_once(session, finished_at=clock.now()):
        audit.record("gmi.session_finished", actor=patient, patient=patient, obj=session)


@transaction.atomic
def end_session(patient: User, session_id: int) -> GmiSession:
    """Stop a session early: the answers given so far are kept and counted."""
    session = GmiSession.objects.filter(pk=session_id, patient=patient).first()
    if session is None:
        raise GmiSession.DoesNotExist
    _finish(patient, session)
    return session


@dataclass(frozen=True)
class Result:
    session: GmiSession
    summary: Summary


def result(session: GmiSession) -> Result:
    return Result(session, _summary(list(session.trials.all())))


def history(patient: User, limit: int = HISTORY) -> list[Result]:
    return [Result(s, _summary(s.trials.all())) for s in finished_sessions(patient, limit)]


def below_usual(patient: User) -> bool:
    """Whether the latest finished session with backs or necks was below the usual range."""
    latest = _latest_back_session(patient)
    return latest is not None and results.below_usual(_summary(latest.trials.all()), SETTINGS)


def _latest_back_session(patient: User) -> GmiSession | None:
    for session in GmiSession.objects.filter(patient=patient, finished_at__isnull=False).order_by(
        "-started_at"
    )[:10]:
        if "trunk" in session.parts or "neck" in session.parts:
            return session
    return None


# --- explicit motor imagery -------------------------------------------------------------------


def _rating(value: Any, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise DomainError(_("Choose a number from 0 to 10."), field)
    return value


@transaction.atomic
def start_imagery(patient: User, movement: str, pain: int) -> ImagerySession:
    from painwise.gmi.imagery import SCRIPTS

    if movement not in SCRIPTS:
        raise DomainError(_("Choose a movement to imagine."), "movement")
    session = ImagerySession.objects.create(
        patient=patient,
        local_date=today(patient),
        movement=movement,
        pain_before=_rating(pain, "pain_before"),
    )
    audit.record("gmi.imagery_started", actor=patient, patient=patient, obj=session)
    return session


@transaction.atomic
def finish_imagery(
    patient: User, session_id: int, pain: int, vividness: int, threat: int
) -> ImagerySession:
    pain = _rating(pain, "pain_after")
    vividness, threat = _rating(vividness, "vividness"), _rating(threat, "threat")
    session = (
        ImagerySession.objects.select_for_update().filter(pk=session_id, patient=patient).first()
    )
    if session is None:
        raise ImagerySession.DoesNotExist
    if session.finished_at is not None:
        raise ConflictError(_("This session is already finished. Its ratings are kept."))
    session.finished_at, session.pain_after = clock.now(), pain
    session.vividness, session.threat = vividness, threat
    session.save(update_fields=["finished_at", "pain_after", "vividness", "threat"])
    audit.record("gmi.imagery_finished", actor=patient, patient=patient, obj=session)
    return session


# --- counts for Today, the weekly review and the clinician ---------------------------------------


def done_on(patient: User, day: dt.date) -> int:
    return (
        GmiSession.objects.filter(
            patient=patient, local_date=day, finished_at__isnull=False
        ).count()
        + ImagerySession.objects.filter(
            patient=patient, local_date=day, finished_at__isnull=False
        ).count()
    )


def counts_between(patient: User, start: dt.date, end: dt.date) -> dict[str, int]:
    return {
        "sessions": GmiSession.objects.filter(
            patient=patient, local_date__range=(start, end), finished_at__isnull=False
        ).count(),
        "imagery": ImagerySession.objects.filter(
            patient=patient, local_date__range=(start, end), finished_at__isnull=False
        ).count(),
    }
