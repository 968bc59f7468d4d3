"""The audit trail. Every state change, and every clinician read of patient data, lands here.

Actions are dotted names registered once with a human label, so the trail reads well and a typo
in an action name fails loudly in tests instead of writing a row nobody can search for.
"""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from painwise.audit.models import AuditEntry

ACTIONS: dict[str, Any] = {
    "accounts.signed_up": _("Signed up"),
    "accounts.settings_changed": _("Changed account settings"),
    "accounts.password_changed": _("Changed their password"),
    "accounts.clinician_created": _("Clinician account created"),
    "accounts.care_link_created": _("Clinician linked to patient"),
    "accounts.token_issued": _("API token issued"),
    "accounts.login_link_used": _("Signed in with a one-time link"),
    "clinic.patient_viewed": _("Clinician viewed patient data"),
    "clinic.dashboard_viewed": _("Clinician viewed the alerts of their patients"),
    "clinic.alert_raised": _("Alert raised for the care team"),
    "clinic.alert_resolved": _("Alert resolved"),
    "assessment.submitted": _("Assessment completed"),
    "assessment.cleared": _("Clinician cleared the program after an urgent result"),
    "assessment.seen_confirmed": _("Patient confirmed a doctor checked their warning signs"),
    "tracking.checkin_saved": _("Check-in saved"),
    "tracking.checkin_edited": _("Check-in edited"),
    "tracking.weekly_saved": _("Weekly review saved"),
    "tracking.beliefs_saved": _("Beliefs check saved"),
    "tracking.goals_saved": _("Activity goals saved"),
    "tracking.reminder_settings_changed": _("Reminder settings changed"),
    "program.plan_built": _("Plan built"),
    "access.denied": _("Read refused (not their patient)"),
    "admin.user_created": _("Account created by staff"),
    "admin.user_changed": _("Account changed by staff"),
    "admin.user_deleted": _("Account deleted by staff"),
    "admin.care_link_added": _("Care link added by staff"),
    "admin.care_link_changed": _("Care link changed by staff"),
    "admin.care_link_removed": _("Care link removed by staff"),
    "audit.read": _("Audit trail read"),
    "access.patients_listed": _("Patient list read"),
    "accounts.token_revoked": _("API token revoked"),
    "program.plan_adjusted": _("Plan adjusted"),
    "program.tolerance_recorded": _("Tolerance test recorded"),
    "program.activity_logged": _("Activity logged"),
    "program.flare_plan_saved": _("Flare-up plan saved"),
    "program.flare_declared": _("Flare-up declared"),
}


def register(actions: dict[str, Any]) -> None:
    """Add a module's actions (called when the module is imported; a name may not change)."""
    for name, text in actions.items():
        if ACTIONS.get(name, text) is not text:
            raise ValueError(f"audit action {name!r} is registered twice")
        ACTIONS[name] = text


def record(
    action: str,
    *,
    actor: models.Model | None,
    patient: models.Model | None = None,
    obj: models.Model | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Write one audit entry. Call it inside the same transaction as the change it records."""
    if action not in ACTIONS:
        raise KeyError(f"Unregistered audit action {action!r}; add it to ACTIONS")
    return AuditEntry.objects.create(
        actor=actor,
        actor_ref=actor.pk if actor is not None else None,
        actor_role=getattr(actor, "role", "") or "",
        action=action,
        patient=patient,
        patient_ref=patient.pk if patient is not None else None,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        data=data or {},
    )


def label(action: str) -> str:
    return str(ACTIONS.get(action, action))
