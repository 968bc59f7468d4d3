"""The program listens to the assessment: a plan is built when an assessment is stored or a
clinician reopens a paused program, inside the same transaction (never when a page is read)."""

from typing import Any

from django.dispatch import receiver

from painwise.assessment.signals import assessment_recorded, program_reopened
from painwise.program import services


@receiver(assessment_recorded, dispatch_uid="program.plan_on_assessment")
@receiver(program_reopened, dispatch_uid="program.plan_on_reopen")
def build_plan_when_ready(sender: Any, *, patient: Any, record: Any, **kwargs: Any) -> None:
    services.rebuild_if_stale(patient)
