"""Assessment state changes: store a result, raise alerts, gate the program.

The engine lives in the clinical core; this module only translates at the edge, stores, and
tells the care team. Every change runs in one transaction with its audit entry.
"""

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from painwise.accounts.models import User
from painwise.assessment.models import AssessmentRecord, IntakeDraft, Source
from painwise.assessment.questions import STEPS
from painwise.audit import services as audit
from painwise.clinic import services as clinic
from painwise.clinic.models import AlertKind
from painwise.clinical.assessment import RULES, assess, parse_intake
from painwise.clinical.assessment.engine import screen_emergency
from painwise.clinical.common import Reason
from painwise.web import clock

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


# --- storing ----------------------------------------------------------------------------------


def _alerts_for(record: AssessmentRecord) -> None:
    source = f"assessment.assessmentrecord:{record.pk}"
    flags = record.red_flags
    if record.triage == "emergency":
        clinic.raise_alert(
            record.patient,
            kind=AlertKind.EMERGENCY,
            source=source,
            rules=flags,
            message=_(
                "Emergency red flag: %(flags)s. The patient was told to go to an emergency "
                "department now."
            )
            % {"flags": ", ".join(flags)},
        )
    elif record.triage == "urgent":
        clinic.raise_alert(
            record.patient,
            kind=AlertKind.URGENT,
            source=source,
            rules=flags,
            message=_(
                "Urgent red flag: %(flags)s. The patient was told to see a doctor within "
                "days; the program is paused until a clinician clears it."
            )
            % {"flags": ", ".join(flags)},
        )
    if record.safety_alert:
        clinic.raise_alert(
            record.patient,
            kind=AlertKind.SAFETY,
            source=source,
            rules=["phq9_item9_safety_alert"],
            message=_(
                "The patient answered above 0 on the PHQ-9 self-harm item. Crisis "
                "resources were shown at once. Please contact them today."
            ),
        )


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
    return record


@transaction.atomic
def record_assessment(
    patient: User, intake: dict[str, Any], *, source: str, actor: User | None
) -> AssessmentRecord:
    """Validate and assess an intake for ``patient`` and keep the result. Raises IntakeError."""
    parsed = parse_intake(intake)
    result = assess(parsed).to_dict()
    return _store(
        patient,
        intake=parsed.model_dump(mode="json", exclude_none=True),
        result=result,
        source=source,
        complete=True,
        actor=actor,
    )


def _screen_result(flags: tuple[Any, ...]) -> dict[str, Any]:
    reasons = [Reason(f.id, f.reason).to_dict() for f in flags]
    reasons.append(_TRIAGE_REASON["emergency"])
    return {
        "triage": "emergency",
        "red_flags": sorted(f.id for f in flags),
        "program_allowed": False,
        "reasons": reasons,
    }


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
    record = _store(
        patient,
        intake=build_intake(answers),
        result=_screen_result(flags),
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
    IntakeDraft.objects.filter(patient=patient).delete()
    return record


@transaction.atomic
def save_step(patient: User, slug: str, step_answers: dict[str, Any]) -> IntakeDraft:
    draft, _created = IntakeDraft.objects.select_for_update().get_or_create(patient=patient)
    draft.answers = {**draft.answers, **step_answers}
    if slug not in draft.completed_steps:
        draft.completed_steps = [*draft.completed_steps, slug]
    draft.save(update_fields=["answers", "completed_steps", "updated_at"])
    return draft


@transaction.atomic
def skip_step(patient: User, slug: str, keys: list[str]) -> IntakeDraft:
    """Skip an optional step: forget any answers it had."""
    draft, _created = IntakeDraft.objects.select_for_update().get_or_create(patient=patient)
    draft.answers = {k: v for k, v in draft.answers.items() if k not in keys}
    if slug not in draft.completed_steps:
        draft.completed_steps = [*draft.completed_steps, slug]
    draft.save(update_fields=["answers", "completed_steps", "updated_at"])
    return draft


@transaction.atomic
def clear_program(record: AssessmentRecord, *, clinician: User, note: str) -> None:
    """A clinician who has seen the patient reopens the program after a red-flag result."""
    if record.cleared_at is not None:
        return
    record.cleared_at = clock.now()
    record.cleared_by = clinician
    record.clearance_note = note
    record.save(update_fields=["cleared_at", "cleared_by", "clearance_note"])
    audit.record(
        "assessment.cleared",
        actor=clinician,
        patient=record.patient,
        obj=record,
        data={"triage": record.triage},
    )
    for alert in record.patient.alerts.filter(
        source=f"assessment.assessmentrecord:{record.pk}",
        kind__in=["emergency", "urgent"],
        resolved_at__isnull=True,
    ):
        clinic.resolve_alert(alert, by=clinician, note=note)


def acknowledge_crisis(record: AssessmentRecord) -> None:
    if record.crisis_acknowledged_at is None:
        record.crisis_acknowledged_at = clock.now()
        record.save(update_fields=["crisis_acknowledged_at"])


# --- the program gate -------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgramStatus:
    """Where the patient stands: may the program run, and if not, why not."""

    state: str  # needs_intake | emergency | urgent | open
    record: AssessmentRecord | None
    crisis: AssessmentRecord | None  # a safety answer whose crisis page is not yet acknowledged

    @property
    def open(self) -> bool:
        return self.state == "open"


def program_status(patient: User) -> ProgramStatus:
    """Red flags always win. Any emergency or urgent result that no clinician has cleared
    pauses the program, however calm the answers given after it: a patient cannot answer
    their way past a red flag."""
    records = AssessmentRecord.objects.filter(patient=patient)
    crisis = (
        records.filter(safety_alert=True, crisis_acknowledged_at__isnull=True)
        .order_by("-created_at", "-pk")
        .first()
    )
    blocking = list(
        records.filter(triage__in=["emergency", "urgent"], cleared_at__isnull=True).order_by(
            "-created_at", "-pk"
        )
    )
    if blocking:
        worst = next((r for r in blocking if r.triage == "emergency"), blocking[0])
        return ProgramStatus(worst.triage, worst, crisis)
    latest_full = records.filter(complete=True).order_by("-created_at", "-pk").first()
    if latest_full is None:
        return ProgramStatus("needs_intake", None, crisis)
    return ProgramStatus("open", latest_full, crisis)


def step_keys(slug: str) -> list[str]:
    for step in STEPS:
        if step.slug == slug:
            return [q.key for q in step.questions]
    raise KeyError(slug)


# --- new symptoms reported later (check-ins) --------------------------------------------------


@transaction.atomic
def record_new_red_flags(
    patient: User, symptoms: list[str], *, source: str
) -> AssessmentRecord | None:
    """A check-in reported new symptoms: run the same red-flag rules on the latest intake with
    them added. Only flags that the new symptoms make fire count (an old, cleared flag does not
    fire again). Returns the stored record when a flag fired, else None."""
    from painwise.clinical.assessment.engine import NEUTRAL_INTAKE, red_flags

    if not symptoms:
        return None
    latest = (
        AssessmentRecord.objects.filter(patient=patient, complete=True)
        .order_by("-created_at", "-pk")
        .first()
    )
    base = dict(latest.intake) if latest is not None else dict(NEUTRAL_INTAKE)
    base.pop("clinical_exam", None)
    merged = {**base, "red_flags": {**base.get("red_flags", {})}}
    for symptom in symptoms:
        if symptom == "leg_numbness_or_tingling":
            merged["leg_numbness_or_tingling"] = True
        else:
            merged["red_flags"][symptom] = True
    before = {f.id for f in red_flags(parse_intake(base))}
    new = [f for f in red_flags(parse_intake(merged)) if f.id not in before]
    if not new:
        return None
    emergency = any(f.tier == "emergency" for f in new)
    triage = "emergency" if emergency else "urgent"
    reasons = [Reason(f.id, f.reason).to_dict() for f in new]
    reasons.append(_TRIAGE_REASON[triage])
    result = {
        "triage": triage,
        "red_flags": sorted(f.id for f in new),
        "program_allowed": False,
        "reasons": reasons,
        "reported_symptoms": sorted(symptoms),
    }
    return _store(
        patient, intake=merged, result=result, source=source, complete=False, actor=patient
    )


_TRIAGE_REASON = {
    "emergency": Reason(
        "triage_emergency",
        "At least one answer points to something that needs emergency care today, so this comes "
        "before anything else.",
    ).to_dict(),
    "urgent": Reason(
        "triage_urgent",
        "At least one answer should be checked by a doctor within the next few days before you "
        "go on with the program.",
    ).to_dict(),
}
