"""Assessment state changes: store a result, raise alerts, gate the program.

The engine lives in the clinical core; this module only translates at the edge, stores, and
tells the care team. Every change runs in one transaction with its audit entry. The rules
that decide what a patient may do next live here (and in the core), not in views.
"""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from painwise.accounts.access import clinicians_of
from painwise.accounts.models import User
from painwise.alerts import services as alerts
from painwise.alerts.models import AlertKind
from painwise.assessment.models import AssessmentRecord, IntakeDraft, Source
from painwise.assessment.questions import STEPS
from painwise.assessment.signals import assessment_recorded, program_reopened
from painwise.audit import services as audit
from painwise.clinical.assessment import RULES, Triage, assess, parse_intake
from painwise.clinical.assessment.engine import (
    screen_emergency,
    triage_new_symptoms,
    triage_reason,
)
from painwise.clinical.common import Reason
from painwise.lib import clock
from painwise.lib.errors import ConflictError, DomainError
from painwise.lib.once import set_once
from painwise.lib.reads import once_per_view

# --- where the patient stands -----------------------------------------------------------------


class ProgramState(StrEnum):
    NEEDS_INTAKE = "needs_intake"
    EMERGENCY = "emergency"
    URGENT = "urgent"
    OPEN = "open"


@dataclass(frozen=True)
class ProgramStatus:
    """Where the patient stands: may the program run, and if not, why not."""

    state: ProgramState
    record: AssessmentRecord | None
    crisis: AssessmentRecord | None  # a safety answer whose crisis page is not yet acknowledged

    @property
    def open(self) -> bool:
        return self.state == ProgramState.OPEN

    @property
    def paused(self) -> bool:
        """Red flags wait for a clinician (or a confirmed doctor's visit)."""
        return self.state in (ProgramState.EMERGENCY, ProgramState.URGENT)

    @property
    def emergency(self) -> bool:
        return self.state == ProgramState.EMERGENCY


def program_status(patient: User) -> ProgramStatus:
    """Red flags always win. Any emergency or urgent result that no clinician has cleared
    pauses the program, however calm the answers given after it: a patient cannot answer
    their way past a red flag. (Read once per page view; a request that may write reads
    afresh each time.)"""
    return once_per_view(("program_status", patient.pk), lambda: _program_status(patient))


def _program_status(patient: User) -> ProgramStatus:
    records = AssessmentRecord.objects.filter(patient=patient)
    crisis = (
        records.filter(safety_alert=True, crisis_acknowledged_at__isnull=True)
        .order_by("-created_at", "-pk")
        .first()
    )
    blocking = list(
        records.filter(
            triage__in=[Triage.EMERGENCY, Triage.URGENT],
            cleared_at__isnull=True,
            seen_confirmed_at__isnull=True,
        ).order_by("-created_at", "-pk")
    )
    if blocking:
        worst = next((r for r in blocking if r.level == Triage.EMERGENCY), blocking[0])
        return ProgramStatus(ProgramState(worst.triage), worst, crisis)
    latest_full = records.filter(complete=True).order_by("-created_at", "-pk").first()
    if latest_full is None:
        return ProgramStatus(ProgramState.NEEDS_INTAKE, None, crisis)
    return ProgramStatus(ProgramState.OPEN, latest_full, crisis)


RECORDS_LISTED = 20  # the newest assessments a list shows (the patient's and the clinician's)


def recent_records(patient: User) -> tuple[list[AssessmentRecord], int]:
    """The newest ``RECORDS_LISTED`` records for a list (when, from where, the triage and the
    clearance; not their answers), and how many there are in all."""
    mine = AssessmentRecord.objects.filter(patient=patient).order_by("-created_at", "-pk")
    shown = mine.only("patient", "created_at", "source", "triage", "cleared_at")
    return list(shown[:RECORDS_LISTED]), mine.count()


def latest_complete(patient: User) -> AssessmentRecord | None:
    return (
        AssessmentRecord.objects.filter(patient=patient, complete=True)
        .order_by("-created_at", "-pk")
        .first()
    )


def latest_reopened(patient: User) -> AssessmentRecord | None:
    """The latest red-flag result that a clinician cleared or a doctor's visit reopened."""
    return (
        AssessmentRecord.objects.filter(
            patient=patient, triage__in=[Triage.EMERGENCY, Triage.URGENT]
        )
        .exclude(cleared_at__isnull=True, seen_confirmed_at__isnull=True)
        .order_by("-created_at", "-pk")
        .first()
    )


def ensure_intake_allowed(patient: User) -> None:
    """While an emergency or urgent result waits for a clinician, no new intake is taken from
    the patient: a patient must never be able to answer their way past a red flag."""
    if program_status(patient).paused:
        raise ConflictError(
            _(
                "Your last answers found warning signs. A clinician must review them before a "
                "new assessment can be stored."
            )
        )


# --- building an intake from the web answers ---------------------------------------------------


def build_intake(answers: dict[str, Any]) -> dict[str, Any]:
    """Turn the draft's flat answers ({"red_flags.x": True, "phq9.8": 1}) into intake JSON."""
    intake: dict[str, Any] = {}
    lists: dict[str, dict[int, int]] = {}
    for key, value in answers.items():
        if key.startswith("_"):
            continue  # web-only bookkeeping, such as the unit the duration was given in
        head, _dot, tail = key.partition(".")
        if head in ("phq9", "gad7"):
            lists.setdefault(head, {})[int(tail)] = value
        elif tail:
            intake.setdefault(head, {})[tail] = value
        else:
            intake[head] = value
    for name, items in lists.items():
        intake[name] = [items[i] for i in sorted(items)]
    return intake


def step_keys(slug: str) -> list[str]:
    for step in STEPS:
        if step.slug == slug:
            return [q.key for q in step.questions]
    raise KeyError(slug)


# --- storing ----------------------------------------------------------------------------------

_ALERT_TEXT = {
    Triage.EMERGENCY: (
        AlertKind.EMERGENCY,
        gettext_noop(
            "Emergency red flag: {flags}. The patient was told to go to an emergency "
            "department now."
        ),
    ),
    Triage.URGENT: (
        AlertKind.URGENT,
        gettext_noop(
            "Urgent red flag: {flags}. The patient was told to see a doctor within days; "
            "the program is paused until a clinician clears it."
        ),
    ),
}


def _alerts_for(record: AssessmentRecord) -> None:
    source = f"assessment.assessmentrecord:{record.pk}"
    if record.level in _ALERT_TEXT:
        kind, text = _ALERT_TEXT[record.level]
        alerts.raise_alert(
            record.patient,
            kind=kind,
            source=source,
            rules=record.red_flags,
            reasons=[Reason(kind, text, {"flags": ", ".join(record.red_flags)})],
        )
    if record.safety_alert and not _open_safety_alert(record.patient):
        _raise_safety_alert(record.patient, source)


SAFETY_ANSWER_SOURCE = "assessment.intake_answer:{patient}"


def _open_safety_alert(patient: User) -> bool:
    """A safety alert raised at the moment of the answer, still open: the finished intake
    does not raise a second one for the same answer."""
    return patient.alerts.filter(
        kind=AlertKind.SAFETY,
        resolved_at__isnull=True,
        source=SAFETY_ANSWER_SOURCE.format(patient=patient.pk),
    ).exists()


def _raise_safety_alert(patient: User, source: str) -> None:
    alerts.raise_alert(
        patient,
        kind=AlertKind.SAFETY,
        source=source,
        rules=["phq9_item9_safety_alert"],
        reasons=[
            Reason(
                "phq9_item9_safety_alert",
                gettext_noop(
                    "The patient answered above 0 on the PHQ-9 self-harm item. Crisis "
                    "resources were shown at once. Please contact them today."
                ),
            )
        ],
    )


def safety_answer_given(answers: dict[str, Any]) -> bool:
    """PHQ-9 item 9 above 0 in the answers so far (any answer above 0 needs a safety response,
    whatever the total: clinical-facts 4.1)."""
    value = answers.get("phq9.8")
    return isinstance(value, int) and value > 0


@transaction.atomic
def note_safety_answer(patient: User) -> None:
    """The self-harm item was answered above 0 on the mood page: tell the care team now, not
    when (or if) the rest of the intake is sent."""
    if not _open_safety_alert(patient):
        _raise_safety_alert(patient, SAFETY_ANSWER_SOURCE.format(patient=patient.pk))


@transaction.atomic
def acknowledge_crisis_answer(patient: User) -> None:
    """The person read the crisis help shown after their answer: the finished intake will not
    show it to them a second time before their results (it stays one tap away)."""
    draft, _created = IntakeDraft.objects.select_for_update().get_or_create(patient=patient)
    draft.answers = {**draft.answers, "_crisis_seen_at": clock.now().isoformat()}
    draft.save(update_fields=["answers", "updated_at"])


def _store(
    patient: User,
    *,
    intake: dict[str, Any],
    result: dict[str, Any],
    source: str,
    complete: bool,
    actor: User | None,
) -> AssessmentRecord:
    fired = {r["rule"] for r in result.get("reasons", [])}
    record = AssessmentRecord.objects.create(
        patient=patient,
        source=source,
        complete=complete,
        intake=intake,
        result=result,
        triage=result["triage"],
        program_allowed=result["program_allowed"],
        safety_alert=result.get("mood", {}).get("safety_alert", False),
        rule_versions={rule: RULES[rule].version for rule in sorted(fired) if rule in RULES},
    )
    audit.record(
        "assessment.submitted",
        actor=actor,
        patient=patient,
        obj=record,
        data={"triage": record.triage, "red_flags": record.red_flags, "source": source},
    )
    _alerts_for(record)
    assessment_recorded.send(sender=AssessmentRecord, patient=patient, record=record)
    return record


@transaction.atomic
def record_assessment(
    patient: User, intake: dict[str, Any], *, source: str, actor: User | None
) -> AssessmentRecord:
    """Validate and assess an intake for ``patient`` and keep the result. Raises IntakeError
    for a bad intake, and ConflictError when the patient gives one while red flags wait."""
    if actor is not None and actor.pk == patient.pk:
        ensure_intake_allowed(patient)
    parsed = parse_intake(intake)
    return _store(
        patient,
        intake=parsed.model_dump(mode="json", exclude_none=True),
        result=assess(parsed).to_dict(record=True),
        source=source,
        complete=True,
        actor=actor,
    )


def emergency_screen(answers: dict[str, Any]) -> tuple[Any, ...]:
    intake = build_intake(answers)
    return screen_emergency(
        intake.get("red_flags", {}), bool(intake.get("leg_numbness_or_tingling", False))
    )


@transaction.atomic
def stop_at_emergency(
    patient: User, answers: dict[str, Any], flags: tuple[Any, ...]
) -> AssessmentRecord:
    """The intake stops at an emergency answer: keep what was said, alert, clear the draft."""
    result = {
        "triage": str(Triage.EMERGENCY),
        "red_flags": sorted(f.id for f in flags),
        "program_allowed": False,
        "reasons": [
            *(Reason(f.id, f.reason).to_record() for f in flags),
            triage_reason(Triage.EMERGENCY).to_record(),
        ],
    }
    record = _store(
        patient,
        intake=build_intake(answers),
        result=result,
        source=Source.SCREEN,
        complete=False,
        actor=patient,
    )
    IntakeDraft.objects.filter(patient=patient).delete()
    return record


@transaction.atomic
def submit_intake(
    patient: User, answers: dict[str, Any], *, source: str = Source.INTAKE
) -> AssessmentRecord:
    record = record_assessment(patient, build_intake(answers), source=source, actor=patient)
    if record.safety_alert and answers.get("_crisis_seen_at"):
        record.crisis_acknowledged_at = clock.now()
        record.save(update_fields=["crisis_acknowledged_at"])
    IntakeDraft.objects.filter(patient=patient).delete()
    return record


def _draft_for_update(patient: User, slug: str) -> IntakeDraft:
    ensure_intake_allowed(patient)
    draft, _created = IntakeDraft.objects.select_for_update().get_or_create(patient=patient)
    if slug not in draft.completed_steps:
        draft.completed_steps = [*draft.completed_steps, slug]
    return draft


@transaction.atomic
def save_step(patient: User, slug: str, step_answers: dict[str, Any]) -> IntakeDraft:
    draft = _draft_for_update(patient, slug)
    draft.answers = {**draft.answers, **step_answers}
    draft.save(update_fields=["answers", "completed_steps", "updated_at"])
    return draft


@transaction.atomic
def skip_step(patient: User, slug: str, keys: list[str]) -> IntakeDraft:
    """Skip an optional step: forget any answers it had."""
    draft = _draft_for_update(patient, slug)
    draft.answers = {k: v for k, v in draft.answers.items() if k not in keys}
    draft.save(update_fields=["answers", "completed_steps", "updated_at"])
    return draft


@transaction.atomic
def restart_intake(patient: User) -> None:
    """Start a fresh assessment (the 4-weekly review, or when something has changed)."""
    ensure_intake_allowed(patient)
    IntakeDraft.objects.filter(patient=patient).delete()


@transaction.atomic
def clear_program(record: AssessmentRecord, *, clinician: User, note: str) -> None:
    """A clinician who has seen the patient reopens the program after a red-flag result.
    Only red-flag results pause a program, so only they can be cleared."""
    if not record.level.red_flag:
        raise DomainError(_("Only a result with warning signs can be cleared."))
    if not note.strip():
        raise DomainError(_("Please write what you found before reopening the program."), "note")
    if not set_once(record, cleared_at=clock.now(), cleared_by=clinician, clearance_note=note):
        return  # already cleared, perhaps by a colleague a moment ago
    audit.record(
        "assessment.cleared",
        actor=clinician,
        patient=record.patient,
        obj=record,
        data={"triage": record.triage},
    )
    for alert in record.patient.alerts.filter(
        source=f"assessment.assessmentrecord:{record.pk}",
        kind__in=[AlertKind.EMERGENCY, AlertKind.URGENT],
        resolved_at__isnull=True,
    ):
        alerts.resolve_alert(alert, by=clinician, note=note, clearance=True)
    program_reopened.send(sender=AssessmentRecord, patient=record.patient, record=record)


def confirm_seen_by_doctor(record: AssessmentRecord, *, seen_on: dt.date, seen_by: str) -> None:
    """Someone alone (no linked clinician) confirms that a doctor checked these warning signs:
    who and when. The program reopens with a visible note; the red flag stays on the record,
    and its alerts stay open for any clinician linked later."""
    patient = record.patient
    if not record.level.red_flag:
        raise DomainError(_("Only a result with warning signs pauses the program."))
    if clinicians_of(patient).exists():
        raise DomainError(_("Your clinician reopens your program after they have checked you."))
    seen_by = seen_by.strip()
    if not seen_by:
        raise DomainError(_("Please say who checked you."), "seen_by")
    today = clock.local_today(patient.time_zone)
    made_on = record.created_at.astimezone(patient.tzinfo).date()
    if seen_on > today:
        raise DomainError(_("The date cannot be in the future."), "seen_on")
    if seen_on < made_on:
        raise DomainError(
            _("The visit must be on or after the day of your answers (%(date)s).")
            % {"date": made_on.isoformat()},
            "seen_on",
        )
    if record.reopened:
        return
    with transaction.atomic():
        record.seen_on, record.seen_by, record.seen_confirmed_at = seen_on, seen_by, clock.now()
        record.save(update_fields=["seen_on", "seen_by", "seen_confirmed_at"])
        audit.record(
            "assessment.seen_confirmed",
            actor=patient,
            patient=patient,
            obj=record,
            data={"triage": record.triage, "seen_on": seen_on.isoformat()},
        )
        program_reopened.send(sender=AssessmentRecord, patient=patient, record=record)


def acknowledge_crisis(record: AssessmentRecord) -> None:
    if record.crisis_acknowledged_at is None:
        record.crisis_acknowledged_at = clock.now()
        record.save(update_fields=["crisis_acknowledged_at"])


# --- new symptoms reported later (check-ins) --------------------------------------------------


@transaction.atomic
def record_new_red_flags(
    patient: User, symptoms: list[str], *, source: str
) -> AssessmentRecord | None:
    """A check-in reported new symptoms: the core runs the same red-flag rules on the latest
    intake with them added (only flags the new symptoms make fire count). Returns the stored
    record when a flag fired, else None."""
    if not symptoms:
        return None
    latest = latest_complete(patient)
    found = triage_new_symptoms(latest.intake if latest is not None else None, symptoms)
    if found.triage is None:
        return None
    result = {**found.to_dict(record=True), "reported_symptoms": sorted(symptoms)}
    return _store(
        patient, intake=found.intake, result=result, source=source, complete=False, actor=patient
    )
