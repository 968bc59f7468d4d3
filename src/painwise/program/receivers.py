"""The program listens to the assessment and to tracking: a plan is built when an assessment
is stored or a clinician reopens a paused program, and pacing checkpoints are dropped when
older check-ins change, inside the same transaction (never when a page is read)."""

from typing import Any

from django.dispatch import receiver

from painwise.assessment.signals import assessment_recorded, program_reopened
from painwise.program import services
from painwise.tracking.signals import checkins_changed


@receiver(assessment_recorded, dispatch_uid="program.plan_on_assessment")
@receiver(program_reopened, dispatch_uid="program.plan_on_reopen")
def build_plan_when_ready(sender: Any, *, patient: Any, record: Any, **kwargs: Any) -> None:
    services.rebuild_if_stale(patient)


@receiver(checkins_changed, dispatch_uid="program.checkpoints_on_checkins")
def forget_checkpoints(sender: Any, *, patient: Any, first: Any, **kwargs: Any) -> None:
    services.forget_checkpoints(patient, first)
