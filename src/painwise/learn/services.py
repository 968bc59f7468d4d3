"""Learn and Practice: every change goes through here, checked, in one transaction, audited.

Privacy: journal entries and exposure notes belong to the patient. What a clinician may read is
the counts, the ratings and the entries the patient chose to share (``for_clinician``).
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from painwise.accounts.access import set_shared
from painwise.accounts.models import User
from painwise.audit import services as audit
from painwise.clinical.common import Reason
from painwise.clinical.learn.lessons import Lesson, score
from painwise.clinical.learn.order import lesson_order, needs_from_plan, next_lesson
from painwise.clinical.learn.practice import (
    PracticeSettings,
    StepState,
    next_step,
    prediction_gap,
    somatic_summary,
    step_state,
)
from painwise.learn.content import library
from painwise.learn.models import (
    EvidenceKind,
    ExposureStep,
    ExposureTrial,
    JournalEntry,
    LessonProgress,
    SomaticSession,
)
from painwise.lib import clock
from painwise.lib.errors import ConflictError, DomainError
from painwise.program.services import plan_for
from painwise.tracking import services as tracking

audit.register(
    {
        "learn.lesson_opened": gettext_lazy("Lesson opened"),
        "learn.lesson_finished": gettext_lazy("Lesson finished"),
        "learn.somatic_started": gettext_lazy("Somatic tracking session started"),
        "learn.somatic_finished": gettext_lazy("Somatic tracking session finished"),
        "learn.journal_added": gettext_lazy("Evidence journal entry added"),
        "learn.journal_shared": gettext_lazy("Evidence journal entry shared or unshared"),
        "learn.step_added": gettext_lazy("Fear ladder step added"),
        "learn.step_removed": gettext_lazy("Fear ladder step removed"),
        "learn.trial_started": gettext_lazy("Exposure experiment started"),
        "learn.trial_finished": gettext_lazy("Exposure experiment finished"),
    }
)

# Longest text per field, in characters: enough for a few sentences, not an essay.
TEXT_LIMITS = {"journal": 1000, "step": 120, "harm": 500, "happened": 1000}
SETTINGS = PracticeSettings()


def today(patient: User) -> dt.date:
    return clock.local_today(patient.time_zone)


def _rating(value: Any, field: str, maximum: int = 10) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= maximum:
        raise DomainError(_("Choose a number from 0 to %(max)s.") % {"max": maximum}, field)
    return value


def _text(value: str, field: str, limit: int, *, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise DomainError(_("Please write a few words."), field)
    if len(value) > limit:
        raise DomainError(
            _("Please keep this under %(n)s characters (it has %(m)s).")
            % {"n": limit, "m": len(value)},
            field,
        )
    return value


# --- lessons ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LessonRow:
    lesson: Lesson
    reason: Reason | None  # why it comes early for this person, if it does
    opened: bool
    finished: bool
    correct: int | None


def lesson_rows(patient: User) -> list[LessonRow]:
    """Every lesson in this person's order (chosen by their plan), with their progress."""
    plan = plan_for(patient)
    needs = needs_from_plan(m["key"] for m in plan.data["modules"]) if plan else []
    progress = {p.lesson: p for p in LessonProgress.objects.filter(patient=patient)}
    rows = []
    for lesson, reason in lesson_order(library().lessons, needs):
        mine = progress.get(lesson.id)
        rows.append(
            LessonRow(
                lesson,
                reason,
                mine is not None,
                mine is not None and mine.finished_at is not None,
                mine.correct if mine else None,
            )
        )
    return rows


def next_lesson_for(patient: User) -> Lesson | None:
    rows = lesson_rows(patient)
    return next_lesson([r.lesson for r in rows], [r.lesson.id for r in rows if r.finished])


def get_lesson(lesson_id: str) -> Lesson | None:
    return library().get(lesson_id)


@transaction.atomic
def open_lesson(patient: User, lesson: Lesson) -> LessonProgress:
    progress, created = LessonProgress.objects.get_or_create(patient=patient, lesson=lesson.id)
    if created:
        audit.record("learn.lesson_opened", actor=patient, patient=patient, obj=progress)
    return progress


@transaction.atomic
def finish_lesson(patient: User, lesson: Lesson, answers: list[int]) -> list[bool]:
    """Answer the lesson's check; the first answer finishes the lesson. Returns which answers
    were right. Answering again later updates the answers, not the day it was finished."""
    if len(answers) != len(lesson.questions) or any(
        not 0 <= a < len(q.choices) for q, a in zip(lesson.questions, answers, strict=False)
    ):
        raise DomainError(_("Please answer both questions."))
    right = score(lesson, answers)
    progress, _created = LessonProgress.objects.select_for_update().get_or_create(
        patient=patient, lesson=lesson.id
    )
    progress.answers, progress.correct = answers, sum(right)
    fields = ["answers", "correct"]
    if progress.finished_at is None:
        progress.finished_at, progress.finished_on = clock.now(), today(patient)
        fields += ["finished_at", "finished_on"]
        audit.record("learn.lesson_finished", actor=patient, patient=patient, obj=progress)
    progress.save(update_fields=fields)
    return right


def lesson_progress(patient: User, lesson: Lesson) -> LessonProgress | None:
    return LessonProgress.objects.filter(patient=patient, lesson=lesson.id).first()


# --- somatic tracking -------------------------------------------------------------------------


@transaction.atomic
def start_somatic(patient: User, pain: int, fear: int) -> SomaticSession:
    session = SomaticSession.objects.create(
        patient=patient,
        local_date=today(patient),
        pain_before=_rating(pain, "pain_before"),
        fear_before=_rating(fear, "fear_before"),
    )
    audit.record("learn.somatic_started", actor=patient, patient=patient, obj=session)
    return session


@transaction.atomic
def finish_somatic(patient: User, session_id: int, pain: int, fear: int) -> SomaticSession:
    """Rate pain and fear after the session. A session is finished once: a second finish (a
    double tap, an old tab) is refused and changes nothing."""
    pain, fear = _rating(pain, "pain_after"), _rating(fear, "fear_after")
    session = SomaticSession.objects.select_for_update().filter(pk=session_id, patient=patient)
    found = session.first()
    if found is None:
        raise SomaticSession.DoesNotExist
    if found.finished_at is not None:
        raise ConflictError(_("This session is already finished. Its ratings are kept."))
    found.finished_at, found.pain_after, found.fear_after = clock.now(), pain, fear
    found.save(update_fields=["finished_at", "pain_after", "fear_after"])
    audit.record("learn.somatic_finished", actor=patient, patient=patient, obj=found)
    return found


def somatic_history(patient: User, limit: int = 60) -> list[SomaticSession]:
    """The finished sessions, oldest first (the most recent ``limit`` of them)."""
    recent = SomaticSession.objects.filter(patient=patient, finished_at__isnull=False).order_by(
        "-finished_at"
    )[:limit]
    return list(reversed(recent))


def somatic_sentence(sessions: list[SomaticSession]) -> Reason | None:
    pairs = [(s.pain_before, s.pain_after) for s in sessions if s.pain_after is not None]
    return somatic_summary(pairs, SETTINGS)


# --- evidence journal -------------------------------------------------------------------------


@transaction.atomic
def add_journal_entry(patient: User, kind: str, text: str, *, shared: bool = False) -> JournalEntry:
    if kind not in EvidenceKind.values or kind == EvidenceKind.PATTERN:
        raise DomainError(_("Choose what you noticed."), "kind")
    entry = JournalEntry.objects.create(
        patient=patient,
        local_date=today(patient),
        kind=kind,
        text=_text(text, "text", TEXT_LIMITS["journal"]),
        shared=shared,
    )
    audit.record("learn.journal_added", actor=patient, patient=patient, obj=entry)
    return entry


def offered_patterns(patient: User) -> list[tuple[str, Reason]]:
    """The patterns the progress page shows now and the journal does not hold yet."""
    taken = set(
        JournalEntry.objects.filter(patient=patient)
        .exclude(pattern_key="")
        .values_list("pattern_key", flat=True)
    )
    return [(k, r) for k, r in tracking.shown_patterns(patient).items() if k not in taken]


def accept_pattern(patient: User, key: str) -> JournalEntry:
    """Add a shown pattern to the journal. Only a pattern the progress page shows now can be
    added (the key is checked against a fresh computation), and each one only once."""
    reason = tracking.shown_patterns(patient).get(key)
    if reason is None:
        raise DomainError(_("This pattern is no longer shown in your check-ins."))
    try:
        with transaction.atomic():
            entry = JournalEntry.objects.create(
                patient=patient,
                local_date=today(patient),
                kind=EvidenceKind.PATTERN,
                pattern=reason.to_record(),
                pattern_key=key,
            )
            audit.record("learn.journal_added", actor=patient, patient=patient, obj=entry)
    except IntegrityError:
        raise ConflictError(_("This pattern is already in your journal.")) from None
    return entry


def share_entry(patient: User, entry_id: int, shared: bool) -> JournalEntry:
    rows = JournalEntry.objects.filter(patient=patient)
    return set_shared(patient, rows, entry_id, shared, "learn.journal_shared")


def journal(patient: User) -> list[JournalEntry]:
    return list(JournalEntry.objects.filter(patient=patient)[:200])


# --- graded exposure --------------------------------------------------------------------------


@dataclass(frozen=True)
class Rung:
    step: ExposureStep
    state: StepState
    tries: int
    last_trial: ExposureTrial | None
    open_trial: ExposureTrial | None  # an experiment started and not yet finished


@transaction.atomic
def add_step(patient: User, name: str, fear: int) -> ExposureStep:
    step = ExposureStep.objects.create(
        patient=patient,
        name=_text(name, "name", TEXT_LIMITS["step"]),
        fear=_rating(fear, "fear", 100),
    )
    audit.record("learn.step_added", actor=patient, patient=patient, obj=step)
    return step


@transaction.atomic
def remove_step(patient: User, step_id: int) -> None:
    step = ExposureStep.objects.get(pk=step_id, patient=patient, archived_at__isnull=True)
    step.archived_at = clock.now()
    step.save(update_fields=["archived_at"])
    audit.record("learn.step_removed", actor=patient, patient=patient, obj=step)


def ladder(patient: User) -> list[Rung]:
    """The person's ladder, lowest fear first, each step with its state; two queries."""
    steps = list(ExposureStep.objects.filter(patient=patient, archived_at__isnull=True))
    trials: dict[int, list[ExposureTrial]] = {s.pk: [] for s in steps}
    for trial in ExposureTrial.objects.filter(step__in=steps).order_by("started_at", "pk"):
        trials[trial.step_id].append(trial)
    rungs = []
    for step in steps:
        done = [t for t in trials[step.pk] if t.finished_at is not None]
        fears = [t.fear_after for t in done if t.fear_after is not None]
        opened = next((t for t in reversed(trials[step.pk]) if t.finished_at is None), None)
        rungs.append(
            Rung(step, step_state(fears, SETTINGS), len(done), done[-1] if done else None, opened)
        )
    return rungs


def suggested_step(rungs: list[Rung]) -> ExposureStep | None:
    chosen = next_step([(r.step.pk, r.state) for r in rungs])
    return next((r.step for r in rungs if r.step.pk == chosen), None)


@transaction.atomic
def start_trial(
    patient: User, step_id: int, predicted_pain: int, predicted_harm: str
) -> ExposureTrial:
    step = ExposureStep.objects.get(pk=step_id, patient=patient, archived_at__isnull=True)
    trial = ExposureTrial.objects.create(
        step=step,
        local_date=today(patient),
        predicted_pain=_rating(predicted_pain, "predicted_pain"),
        predicted_harm=_text(predicted_harm, "predicted_harm", TEXT_LIMITS["harm"]),
    )
    audit.record("learn.trial_started", actor=patient, patient=patient, obj=trial)
    return trial


@transaction.atomic
def finish_trial(
    patient: User, trial_id: int, actual_pain: int, what_happened: str, fear_after: int
) -> ExposureTrial:
    """Record what happened. An experiment is finished once; a second finish is refused."""
    actual_pain = _rating(actual_pain, "actual_pain")
    fear_after = _rating(fear_after, "fear_after", 100)
    happened = _text(what_happened, "what_happened", TEXT_LIMITS["happened"], required=False)
    trial = ExposureTrial.objects.select_for_update().get(pk=trial_id, step__patient=patient)
    if trial.finished_at is not None:
        raise ConflictError(_("This experiment is already finished. Its results are kept."))
    trial.finished_at, trial.actual_pain = clock.now(), actual_pain
    trial.what_happened, trial.fear_after = happened, fear_after
    trial.save(update_fields=["finished_at", "actual_pain", "what_happened", "fear_after"])
    audit.record("learn.trial_finished", actor=patient, patient=patient, obj=trial)
    return trial


def trial_result(trial: ExposureTrial) -> Reason | None:
    if trial.actual_pain is None:
        return None
    return prediction_gap(trial.predicted_pain, trial.actual_pain)


def get_trial(patient: User, trial_id: int) -> ExposureTrial:
    return ExposureTrial.objects.select_related("step").get(pk=trial_id, step__patient=patient)


# --- what the day, the week and the clinician see ---------------------------------------------


def done_on(patient: User, day: dt.date, kind: str) -> bool:
    """Whether a ``kind`` of practice ("lessons", "somatic", "exposure") was finished on the
    person's local day (one query)."""
    return _finished(patient, kind, day, day).exists()


def counts_between(patient: User, start: dt.date, end: dt.date) -> dict[str, int]:
    """Practice finished from ``start`` to ``end`` (local dates, both included)."""
    return {kind: _finished(patient, kind, start, end).count() for kind in _FINISHED}


def _finished(patient: User, kind: str, start: dt.date, end: dt.date) -> QuerySet[Any]:
    model, owner, date, finished = _FINISHED[kind]
    return model.objects.filter(**{owner: patient, f"{date}__range": (start, end)}, **finished)


# Each kind of practice: its rows, who they belong to, the local date they count on, and what
# makes one finished (a lesson's date is set when it is finished).
_FINISHED: dict[str, tuple[Any, str, str, dict[str, Any]]] = {
    "lessons": (LessonProgress, "patient", "finished_on", {}),
    "somatic": (SomaticSession, "patient", "local_date", {"finished_at__isnull": False}),
    "exposure": (ExposureTrial, "step__patient", "local_date", {"finished_at__isnull": False}),
}


@dataclass(frozen=True)
class ClinicianView:
    lessons_finished: int
    lessons_total: int
    somatic: list[SomaticSession]  # the most recent finished sessions (up to 30), oldest first
    somatic_finished: int  # all finished sessions
    exposure_tries: int
    steps: int
    steps_climbed: int
    shared_entries: list[JournalEntry]


def for_clinician(patient: User) -> ClinicianView:
    """What a clinician may see: counts, ratings and shared entries only (never private text)."""
    rungs = ladder(patient)
    return ClinicianView(
        lessons_finished=LessonProgress.objects.filter(
            patient=patient, finished_at__isnull=False
        ).count(),
        lessons_total=len(library().lessons),
        somatic=somatic_history(patient, limit=30),
        somatic_finished=SomaticSession.objects.filter(
            patient=patient, finished_at__isnull=False
        ).count(),
        exposure_tries=sum(r.tries for r in rungs),
        steps=len(rungs),
        steps_climbed=sum(r.state == "climbed" for r in rungs),
        shared_entries=list(JournalEntry.objects.filter(patient=patient, shared=True)[:20]),
    )
