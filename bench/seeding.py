"""Helpers the benchmarks share to fill a database quickly (run with Django set up)."""

from collections.abc import Iterable
from typing import Any

# A calm intake: the program opens (no red flags), a medium or low STarT Back risk.
CALM_INTAKE: dict[str, Any] = {
    "age": 50,
    "pain_duration_weeks": 30,
    "pain_distribution": "regional",
    "pain_now": 5,
    "pain_average_week": 5,
    "pain_worst_week": 7,
}


def assess_all(patients: Iterable[Any], **answers: Any) -> None:
    """Give every patient the same completed intake (``answers`` added to the calm one),
    stored with its result, in one bulk insert."""
    from painwise.assessment.models import AssessmentRecord
    from painwise.clinical.assessment import assess

    intake = {**CALM_INTAKE, **answers}
    result = assess(intake).to_dict()
    AssessmentRecord.objects.bulk_create(
        AssessmentRecord(
            patient=p,
            source="intake",
            intake=intake,
            result=result,
            triage=result["triage"],
            program_allowed=True,
        )
        for p in patients
    )


def make_patients(count: int) -> list[Any]:
    """``count`` patient accounts p0@bench.example ... (no usable password), in one insert."""
    from painwise.accounts.models import Role, User

    return User.objects.bulk_create(
        User(
            email=f"p{i}@bench.example",
            display_name=f"P{i}",
            role=Role.PATIENT,
            time_zone="UTC",
            password="!",
        )
        for i in range(count)
    )
